//! Files to [`Imported`]s, natively: the same streaming importer the browser feeds with
//! `Blob.slice` chunks, fed here from a `BufReader`, and the same two-part split of a large log
//! (`tierwise_core::import::stream::part`), its second part parsed on another thread.
//! Memory grows with the customers and the compact log (about 30 bytes an order row), never
//! with the text.

use std::fs::File;
use std::io::{IsTerminal, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tierwise_core::import::stream::part::line_start;
use tierwise_core::import::{
    Handoff, ImportOptions, Imported, LogPart, PartReader, Shape, StreamImporter,
};

/// Bytes read at a time.
const CHUNK: usize = 4 << 20;
/// Logs at least this large are read in two parts at once. Below it the second thread's
/// start-up and the merge cost about what it saves (measured on a 2-core machine: a 40 MB log
/// gains about a third, a 4 MB one nothing).
const SPLIT_MIN: u64 = 8 << 20;
/// Where the second part starts, as a share of the file: the first thread also plans the file
/// and takes the part in at the end, so it gets a little less.
const SPLIT_AT: f64 = 0.49;

/// The second part, once started: where it starts, the handoff, and its thread.
type Split = (
    u64,
    Handoff,
    std::thread::JoinHandle<Result<LogPart, String>>,
);

/// How the files are read.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    pub import: ImportOptions,
    /// Read on one thread (for comparison; the result is the same).
    pub one_thread: bool,
    pub quiet: bool,
}

/// Progress on stderr: a line that rewrites itself on a terminal, a line every few seconds
/// otherwise, nothing for a file read in under a second.
struct Meter {
    name: String,
    size: u64,
    started: Instant,
    last: Instant,
    quiet: bool,
    shown: bool,
    tty: bool,
}

impl Meter {
    fn new(name: &str, size: u64, quiet: bool) -> Meter {
        let now = Instant::now();
        Meter {
            name: name.into(),
            size,
            started: now,
            last: now,
            quiet,
            shown: false,
            tty: std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, bytes: u64, rows: usize) {
        let now = Instant::now();
        let every = if self.tty {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(5)
        };
        if self.quiet
            || now - self.started < Duration::from_secs(1)
            || (self.shown && now - self.last < every)
        {
            return;
        }
        self.last = now;
        self.shown = true;
        let pct = if self.size == 0 {
            100.0
        } else {
            bytes as f64 * 100.0 / self.size as f64
        };
        let line = format!(
            "reading {}: {pct:.0}% ({} of {} MB, {rows} rows)",
            self.name,
            bytes >> 20,
            self.size >> 20
        );
        let mut err = std::io::stderr().lock();
        let _ = if self.tty {
            write!(err, "\r{line}\x1b[K")
        } else {
            writeln!(err, "{line}")
        };
    }

    fn done(&self) {
        if self.shown && self.tty {
            let _ = writeln!(std::io::stderr());
        }
    }
}

/// Reads one file: a workbook whole (calamine needs it all), text streamed in chunks, and a
/// large UTF-8 log in two parts at once. Errors name the file.
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<Imported, String> {
    let name = path.display().to_string();
    let fail = |e: std::io::Error| format!("{name}: cannot be read: {e}");
    let mut file = File::open(path).map_err(fail)?;
    let size = file.metadata().map_err(fail)?.len();
    let mut importer = StreamImporter::with_size_hint(&name, options.import.clone(), size);
    let mut meter = Meter::new(&name, size, options.quiet);
    let mut buf = vec![0u8; CHUNK];
    let mut at = 0u64;
    let mut split: Option<Split> = None;
    let mut stop = size;
    let mut progress = importer.progress();
    // The second reader's bytes and rows, for the progress line.
    let second = Arc::new((AtomicU64::new(0), AtomicU64::new(0)));
    let show = |meter: &mut Meter, at: u64, rows: usize| {
        let (b, r) = (&second.0, &second.1);
        meter.show(
            at + b.load(Ordering::Relaxed),
            rows + r.load(Ordering::Relaxed) as usize,
        );
    };
    loop {
        let want = (stop - at).min(CHUNK as u64) as usize;
        if want == 0 {
            let Some((from, handoff, part)) = split.take() else {
                break;
            };
            // At the split point: take the part in, or read on alone from there.
            // Progress goes on while the second reader finishes.
            while !part.is_finished() {
                std::thread::sleep(Duration::from_millis(50));
                show(&mut meter, at, progress.rows);
            }
            let part = part
                .join()
                .map_err(|_| format!("{name}: the second reader stopped"))?;
            if importer.can_absorb(&handoff) && importer.absorb(&handoff, part?) {
                if !options.quiet {
                    eprintln!("{name}: read in two parts at once");
                }
                break;
            }
            file.seek(SeekFrom::Start(from)).map_err(fail)?;
            stop = size;
            continue;
        }
        let n = read_full(&mut file, &mut buf[..want]).map_err(fail)?;
        if n == 0 {
            // The file shrank while read: what was read is all there is.
            break;
        }
        at += n as u64;
        progress = importer.push(&buf[..n]);
        show(&mut meter, at, progress.rows);
        if split.is_none() && stop == size && !options.one_thread && size >= SPLIT_MIN {
            if let Some(handoff) = importer.handoff() {
                if let Some(from) = split_point(&mut file, at, size).map_err(fail)? {
                    let (path, h) = (path.to_path_buf(), handoff.clone());
                    let second = second.clone();
                    let thread =
                        std::thread::spawn(move || read_part(&path, &h, from, size, &second));
                    split = Some((from, handoff, thread));
                    stop = from;
                }
            }
        }
    }
    meter.show(size, importer.progress().rows);
    meter.done();
    let imported = importer.finish().map_err(|e| e.to_string())?;
    Ok(imported)
}

/// The line start after [`SPLIT_AT`] of the file, when it is past `read` (what the first
/// reader has read); the file is left positioned at `read`.
fn split_point(file: &mut File, read: u64, size: u64) -> std::io::Result<Option<u64>> {
    let from = ((size as f64) * SPLIT_AT) as u64;
    if from <= read {
        return Ok(None);
    }
    let mut probe = vec![0u8; 64 << 10];
    file.seek(SeekFrom::Start(from))?;
    let n = read_full(file, &mut probe)?;
    file.seek(SeekFrom::Start(read))?;
    Ok(line_start(&probe[..n])
        .map(|i| from + i as u64)
        .filter(|&at| at > read && at < size))
}

/// The second reader: the file from `from` to its end, on its own thread.
fn read_part(
    path: &Path,
    h: &Handoff,
    from: u64,
    size: u64,
    progress: &(AtomicU64, AtomicU64),
) -> Result<LogPart, String> {
    let name = path.display().to_string();
    let fail = |e: std::io::Error| format!("{name}: cannot be read: {e}");
    let mut file = File::open(path).map_err(fail)?;
    file.seek(SeekFrom::Start(from)).map_err(fail)?;
    let mut part = PartReader::new(h, size - from).map_err(|e| e.to_string())?;
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = read_full(&mut file, &mut buf).map_err(fail)?;
        if n == 0 {
            break;
        }
        part.push(&buf[..n]);
        progress.0.fetch_add(n as u64, Ordering::Relaxed);
        progress.1.store(part.rows() as u64, Ordering::Relaxed);
    }
    part.finish().map_err(|e| e.to_string())
}

/// Fills `buf` unless the file ends first; the bytes read.
fn read_full(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// How many of a log's order rows are dated after `as_of`: the rows the analysis date leaves
/// out (the core's `join::join_as_of` rolls the log up as of it). 0 for a customer table.
pub fn rows_after(imported: &Imported, as_of: chrono::NaiveDate) -> usize {
    if imported.shape != Shape::Transactions {
        return 0;
    }
    imported.log.as_ref().map_or(0, |log| log.rows_after(as_of))
}
