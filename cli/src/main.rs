//! `tierwise`: the app's engine on the command line. It reads the files the app reads (a
//! customer table and/or an order log, any encoding, delimiter or workbook format), joins and
//! rolls them up with the same core code, applies the settings, and writes the per-customer
//! results (`classify`) or prints each method's class table and the readiness verdict
//! (`summary`). All file reading is here; `tierwise-core` does none.

mod out;
mod read;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use tierwise_core::import::{join, DateOrder, DecimalSep, Imported};
use tierwise_core::{Engine, Prepared, Settings};

use read::ReadOptions;

const HELP: &str = "\
tierwise: classify customers with Tierwise's engine, from files of any size

USAGE:
    tierwise classify FILES... --out RESULTS.{csv,xlsx,json} [OPTIONS]
    tierwise summary FILES... [--json] [OPTIONS]
    tierwise settings                 print the default settings (the settings file format)

FILES are a customer table and/or a transaction log (CSV, TSV, TXT in any common encoding;
XLSX, XLSM, XLSB, XLS, ODS), told apart by their columns as in the app. A table and a log are
joined by customer id. A large UTF-8 log is read in two parts at once.

OPTIONS:
    --out FILE          where `classify` writes: .csv and .xlsx as the app exports them,
                        .json one object per customer ({\"customer_id\":…, \"abc.class\":…})
    --settings FILE     settings: a settings JSON (see `tierwise settings`; fields left out
                        keep their defaults) or a .tierwise workspace file (its settings)
    --as-of DATE        YYYY-MM-DD: roll the log up as of that day. Orders dated after it are
                        left out (as if the log had been exported that day), and recency, the
                        12-month growth windows and overdue days count from it. Without it, the
                        newest order or payment date in the log, as in the app.
    --lang en|zh|es     language of the headers, class names and reasons (default en)
    --no-why            leave the \"why\" columns out of the export (about half its size)
    --sheet NAME        the sheet of a workbook to read (default: the first with data)
    --date-order dmy|mdy   how to read dates like 05/03/2024 when the file cannot tell
    --decimal dot|comma    how to read numbers like 1.234 when the file cannot tell
    --strict            exit with an error if any row is rejected
    --one-thread        read each file on one thread
    --times             the time of each stage on stderr
    --json              `summary` as JSON
    -q, --quiet         no progress or notes on stderr
    -h, --help, -V, --version

Every row read is used or rejected: the row accounting and the first rejected rows (row,
column, value, reason) go to stderr. A file that cannot be read, or gives no usable row, ends
the run with exit code 1 and a message naming it.
";

#[derive(Default)]
struct Args {
    command: String,
    files: Vec<PathBuf>,
    out: Option<PathBuf>,
    settings: Option<PathBuf>,
    as_of: Option<NaiveDate>,
    lang: tierwise_core::i18n::Lang,
    no_why: bool,
    json: bool,
    strict: bool,
    times: bool,
    read: ReadOptions,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut a = Args::default();
    let value = |it: &mut dyn Iterator<Item = String>, flag: &str| {
        it.next().ok_or_else(|| format!("{flag} needs a value"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-V" | "--version" => {
                println!("tierwise {}", env!("CARGO_PKG_VERSION"));
                std::process::exit(0);
            }
            "--out" | "-o" => a.out = Some(value(&mut it, &arg)?.into()),
            "--settings" => a.settings = Some(value(&mut it, &arg)?.into()),
            "--as-of" => {
                let v = value(&mut it, &arg)?;
                a.as_of = Some(
                    NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                        .map_err(|_| format!("--as-of {v}: not a date (YYYY-MM-DD)"))?,
                );
            }
            "--lang" => {
                use tierwise_core::i18n::Lang;
                a.lang = match value(&mut it, &arg)?.as_str() {
                    "en" => Lang::En,
                    "zh" | "zh-CN" => Lang::ZhCn,
                    "es" => Lang::Es,
                    v => return Err(format!("--lang {v}: en, zh or es")),
                };
            }
            "--sheet" => a.read.import.sheet = Some(value(&mut it, &arg)?),
            "--date-order" => {
                a.read.import.date_order = Some(match value(&mut it, &arg)?.as_str() {
                    "dmy" => DateOrder::DayFirst,
                    "mdy" => DateOrder::MonthFirst,
                    v => return Err(format!("--date-order {v}: dmy or mdy")),
                })
            }
            "--decimal" => {
                a.read.import.decimal = Some(match value(&mut it, &arg)?.as_str() {
                    "dot" => DecimalSep::Dot,
                    "comma" => DecimalSep::Comma,
                    v => return Err(format!("--decimal {v}: dot or comma")),
                })
            }
            "--no-why" => a.no_why = true,
            "--json" => a.json = true,
            "--strict" => a.strict = true,
            "--times" => a.times = true,
            "--one-thread" => a.read.one_thread = true,
            "-q" | "--quiet" => a.read.quiet = true,
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}")),
            _ if a.command.is_empty() => a.command = arg,
            _ => a.files.push(arg.into()),
        }
    }
    Ok(Some(a))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(a)) => a,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("tierwise: {e}\nRun `tierwise --help` for usage.");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tierwise: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(a: Args) -> Result<(), String> {
    match a.command.as_str() {
        "settings" => {
            println!("{}", Settings::default().to_json());
            return Ok(());
        }
        "classify" | "summary" => {}
        "" => return Err("no command: classify, summary or settings (see --help)".into()),
        c => return Err(format!("unknown command {c} (see --help)")),
    }
    if a.files.is_empty() {
        return Err(format!("{}: no input file", a.command));
    }
    let out = match (a.command.as_str(), &a.out) {
        ("classify", None) => return Err("classify needs --out FILE (.csv, .xlsx or .json)".into()),
        ("classify", Some(p)) => Some(out::Format::of(p)?),
        _ => None,
    };
    let mut settings = match &a.settings {
        Some(p) => load_settings(p)?,
        None => Settings::default(),
    };
    // --as-of overrides the settings' analysis date (a workspace file may carry one).
    if a.as_of.is_some() {
        settings.as_of = a.as_of;
    }
    let started = std::time::Instant::now();
    let (master, log) = read_sources(&a)?;
    let read = started.elapsed();
    let (ds, report) = join::join_as_of(master.as_ref(), log.as_ref(), settings.as_of);
    if !a.read.quiet && (!report.log_only.is_empty() || !report.master_only.is_empty()) {
        eprintln!(
            "join: {} customers only in the log (added with figures only), {} only in the \
             table (kept with the table's figures)",
            report.log_only.len(),
            report.master_only.len()
        );
    }
    let prepared = Prepared::new(ds);
    let joined = started.elapsed();
    let engine = Engine::new(prepared, &settings);
    let classified = started.elapsed();
    let sources: Vec<&Imported> = master.iter().chain(log.iter()).collect();
    match out {
        Some(format) => {
            let path = a.out.as_ref().expect("checked above");
            let bytes = out::results(&engine, &sources, format, a.lang, a.no_why)?;
            std::fs::write(path, bytes)
                .map_err(|e| format!("{}: cannot be written: {e}", path.display()))?;
            if !a.read.quiet {
                eprintln!(
                    "wrote {} customers to {}",
                    engine.prepared().ds.len(),
                    path.display()
                );
            }
        }
        None => {
            let text = if a.json {
                out::summary_json(&engine, &sources)
            } else {
                out::summary_table(&engine, &sources, a.lang)
            };
            print!("{text}");
        }
    }
    if a.times {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "times: read and roll up {:.0} ms, join and prepare {:.0} ms, every method {:.0} ms, \
             output {:.0} ms",
            ms(read),
            ms(joined - read),
            ms(classified - joined),
            ms(started.elapsed() - classified)
        );
    }
    Ok(())
}

/// A settings JSON, or the settings saved in a `.tierwise` workspace file.
fn load_settings(path: &std::path::Path) -> Result<Settings, String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot be read: {e}"))?;
    let trimmed = bytes.trim_ascii_start();
    if trimmed.first() == Some(&b'{') || trimmed.starts_with("\u{feff}".as_bytes()) {
        let text = String::from_utf8_lossy(&bytes);
        return Settings::from_json(text.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("{name}: {e}"));
    }
    tierwise_core::workspace::decode_file_named(&name, &bytes)
        .map(|w| w.state.settings)
        .map_err(|e| e.to_string())
}

/// Reads every file into the slot of its shape, as the app does: the last customer table and
/// the last log. Prints each file's row accounting.
fn read_sources(a: &Args) -> Result<(Option<Imported>, Option<Imported>), String> {
    let (mut master, mut log) = (None, None);
    for path in &a.files {
        let imported = read::read_file(path, &a.read)?;
        if let Err(e) = imported.check_usable() {
            let mut message = e.to_string();
            for r in imported.report.rejected.iter().take(5) {
                message.push_str(&format!("\n  {r}"));
            }
            return Err(message);
        }
        let left_out = match a.as_of {
            Some(d) => read::rows_after(&imported, d),
            None => 0,
        };
        report(&imported, left_out, a);
        if a.strict && imported.report.rows_rejected() > 0 {
            return Err(format!(
                "{}: {} rows rejected (--strict)",
                imported.report.file,
                imported.report.rows_rejected()
            ));
        }
        match imported.shape {
            tierwise_core::import::Shape::Customers => master = Some(imported),
            tierwise_core::import::Shape::Transactions => log = Some(imported),
        }
    }
    Ok((master, log))
}

/// The row accounting of one file on stderr, as the Data panel shows it, with the first
/// rejected rows and any question the app would ask.
fn report(imported: &Imported, left_out: usize, a: &Args) {
    if a.read.quiet {
        return;
    }
    let r = &imported.report;
    let shape = match imported.shape {
        tierwise_core::import::Shape::Customers => "customer table",
        tierwise_core::import::Shape::Transactions => "transaction log",
    };
    eprintln!(
        "{}: {shape}, {} customers; rows read {} = used {} + rejected {}{}",
        r.file,
        imported.customers.len(),
        r.rows_read,
        r.rows_used,
        r.rows_rejected(),
        if r.cancelled > 0 {
            format!(" ({} cancelled)", r.cancelled)
        } else {
            String::new()
        }
    );
    if left_out > 0 {
        eprintln!("  {left_out} used rows dated after --as-of left out");
    }
    for x in r.rejected.iter().take(5) {
        eprintln!("  rejected: {x}");
    }
    if r.rows_rejected() > 5 {
        eprintln!("  … and {} more rejected rows", r.rows_rejected() - 5);
    }
    for q in &r.questions {
        use tierwise_core::import::Question;
        match q {
            Question::DateOrder { columns } => eprintln!(
                "  note: dates in {} could be day- or month-first; read day-first \
                 (--date-order mdy to change)",
                columns.join(", ")
            ),
            Question::DecimalSeparator { columns, read_as } => eprintln!(
                "  note: numbers in {} could have a decimal dot or comma; read with a {} \
                 (--decimal to change)",
                columns.join(", "),
                match read_as {
                    DecimalSep::Dot => "decimal dot",
                    DecimalSep::Comma => "decimal comma",
                }
            ),
        }
    }
    for (col, g) in r.columns.iter().enumerate() {
        let (Some(f), Some(h)) = (g.held, imported.mapping.headers.get(col)) else {
            continue;
        };
        let en = tierwise_core::i18n::Lang::En;
        let why: Vec<String> = g.doubts.iter().map(|d| d.describe(h, f, en)).collect();
        eprintln!(
            "  note: column \"{h}\" left unused, though its header suggests the {} field: {}",
            tierwise_core::glossary::field(f).lower.get(en),
            why.join(" ")
        );
    }
    if r.undecodable > 0 {
        eprintln!(
            "  warning: {} rows hold bytes that are not text in {} (first at row {})",
            r.undecodable,
            r.encoding,
            r.undecodable_rows.first().copied().unwrap_or(0)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Result<Option<Args>, String> {
        parse_args(s.split_whitespace().map(String::from))
    }

    #[test]
    fn arguments() {
        let a = args("classify a.csv b.xlsx --out r.json --as-of 2025-06-30 --lang es")
            .unwrap()
            .unwrap();
        assert_eq!(a.command, "classify");
        assert_eq!(a.files.len(), 2);
        assert_eq!(a.as_of, NaiveDate::from_ymd_opt(2025, 6, 30));
        assert_eq!(a.lang, tierwise_core::i18n::Lang::Es);
        assert!(args("summary x --as-of 30/06/2025").is_err());
        assert!(args("summary x --bogus").is_err());
        assert!(args("summary x --out").is_err());
        assert!(args("--help").unwrap().is_none());
    }
}
