//! Exporting 100 000 customers as CSV and as XLSX, in slices as the page does. Targets, in the
//! browser: CSV ≤ 0.5 s, XLSX ≤ 3 s, peak memory below twice the file size. Prints plain
//! timings (wall, and on-CPU where Linux says), the file sizes, and the export's own peak
//! heap (the counting allocator) for `finish` (one buffer) and `finish_in_pieces`.
//!
//! `cargo bench -p tierwise-core --bench export` (`EXPORT_CUSTOMERS=n` for another size,
//! `EXPORT_ONLY=cells` for the cells alone)

use std::time::{Duration, Instant};
use tierwise_core::classify::{Engine, Prepared};
use tierwise_core::export::{CsvExport, Options, Plan, XlsxExport};
use tierwise_core::heap::{self, Counting};
use tierwise_core::Settings;

#[global_allocator]
static ALLOC: Counting = Counting;

mod gen_customers;

/// Rows per slice: what the page would write between two frames.
const SLICE: usize = 10_000;

/// Nanoseconds this thread has spent on a CPU (Linux), so that the figures are not inflated
/// when the machine is shared; `None` elsewhere.
fn on_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Runs `f` once; returns its result, and prints the wall and on-CPU time and the peak heap
/// above what was live before.
fn measured<R>(label: &str, f: impl FnOnce() -> R) -> (R, usize) {
    let base = heap::live();
    heap::reset_peak();
    let (t, cpu) = (Instant::now(), on_cpu_ns());
    let r = f();
    let wall = t.elapsed();
    let peak = heap::peak().saturating_sub(base);
    let cpu = match (cpu, on_cpu_ns()) {
        (Some(a), Some(b)) => format!("on-CPU {:>7.3?}", Duration::from_nanos(b - a)),
        _ => String::new(),
    };
    println!(
        "{label:<34} wall {wall:>7.3?}  {cpu}  peak heap {:>6.1} MB",
        mb(peak)
    );
    (r, peak)
}

fn mb(b: usize) -> f64 {
    b as f64 / 1e6
}

fn main() {
    let n = std::env::var("EXPORT_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let engine = Engine::new(
        Prepared::new(gen_customers::dataset(n)),
        &Settings::default(),
    );
    let options = Options::default();
    let plan = Plan::new(&engine, &options);
    println!(
        "{n} customers, {} columns, slices of {SLICE} rows",
        plan.columns().len()
    );
    let all: Vec<u32> = (0..n as u32).collect();
    measured("cells only (explain, format)", || {
        let mut cells = 0usize;
        for slice in all.chunks(SLICE) {
            let _ = plan.for_each_row(&engine, slice, |row| {
                cells += row.len();
                Ok::<(), ()>(())
            });
        }
        cells
    });

    // EXPORT_ONLY=cells stops here (for a profiler).
    if std::env::var("EXPORT_ONLY").as_deref() == Ok("cells") {
        return;
    }
    let lean = Options {
        omit_why: true,
        ..Options::default()
    };
    for (run, options) in [&options, &options, &lean].into_iter().enumerate() {
        let run = if options.omit_why {
            format!("{run}, no why")
        } else {
            run.to_string()
        };
        let (csv, peak) = measured(&format!("CSV, run {run}"), || {
            let mut e = CsvExport::new(&engine, options).expect("csv");
            while !e.step(&engine, SLICE).expect("step").is_done() {}
            e.finish().expect("finish")
        });
        println!(
            "    {:.1} MB, peak {:.2}× the file (one buffer)",
            mb(csv.len()),
            peak as f64 / csv.len() as f64
        );
        drop(csv);
        let (pieces, peak) = measured(&format!("CSV in pieces, run {run}"), || {
            let mut e = CsvExport::new(&engine, options).expect("csv");
            while !e.step(&engine, SLICE).expect("step").is_done() {}
            e.finish_in_pieces().expect("finish")
        });
        let size: usize = pieces.iter().map(Vec::len).sum();
        println!(
            "    {:.1} MB, peak {:.2}× the file (pieces)",
            mb(size),
            peak as f64 / size as f64
        );
        drop(pieces);

        // As the page does: full pieces handed out after each slice (into Blobs there, dropped
        // here), so the export holds a piece or two, not the file.
        let (size, peak) = measured(&format!("CSV handed out, run {run}"), || {
            let mut e = CsvExport::new(&engine, options).expect("csv");
            let mut size = 0;
            while !e.step(&engine, SLICE).expect("step").is_done() {
                size += e
                    .take_written()
                    .expect("take")
                    .iter()
                    .map(Vec::len)
                    .sum::<usize>();
            }
            size + e
                .finish_in_pieces()
                .expect("finish")
                .iter()
                .map(Vec::len)
                .sum::<usize>()
        });
        println!(
            "    {:.1} MB, peak {:.2}× the file (handed out)",
            mb(size),
            peak as f64 / size as f64
        );

        let (xlsx, peak) = measured(&format!("XLSX, run {run}"), || {
            let mut e = XlsxExport::new(&engine, options).expect("xlsx");
            while !e.step(&engine, SLICE).expect("step").is_done() {}
            e.finish().expect("finish")
        });
        println!(
            "    {:.1} MB, peak {:.2}× the file (one buffer)",
            mb(xlsx.len()),
            peak as f64 / xlsx.len() as f64
        );
        drop(xlsx);
        let (pieces, peak) = measured(&format!("XLSX in pieces, run {run}"), || {
            let mut e = XlsxExport::new(&engine, options).expect("xlsx");
            while !e.step(&engine, SLICE).expect("step").is_done() {}
            e.finish_in_pieces().expect("finish")
        });
        let size: usize = pieces.iter().map(Vec::len).sum();
        println!(
            "    {:.1} MB, peak {:.2}× the file (pieces)",
            mb(size),
            peak as f64 / size as f64
        );
        drop(pieces);
        let (size, peak) = measured(&format!("XLSX handed out, run {run}"), || {
            let mut e = XlsxExport::new(&engine, options).expect("xlsx");
            let mut size = 0;
            while !e.step(&engine, SLICE).expect("step").is_done() {
                size += e.take_written().iter().map(Vec::len).sum::<usize>();
            }
            size + e
                .finish_in_pieces()
                .expect("finish")
                .iter()
                .map(Vec::len)
                .sum::<usize>()
        });
        println!(
            "    {:.1} MB, peak {:.2}× the file (handed out)",
            mb(size),
            peak as f64 / size as f64
        );
    }
}
