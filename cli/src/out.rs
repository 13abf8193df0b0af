//! What the CLI writes: the per-customer results (the core's CSV and XLSX exports, or JSON
//! from the same column plan) and the summary (each method's class table, the readiness
//! verdict, the row accounting).

use std::fmt::Write;
use std::path::Path;

use serde_json::{json, Map, Value};
use tierwise_core::classify::{lookup, Method};
use tierwise_core::export::{self, Cell, Options, RejectedRow, Source};
use tierwise_core::i18n::Lang;
use tierwise_core::import::{Imported, Shape};
use tierwise_core::Engine;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
}

impl Format {
    pub fn of(path: &Path) -> Result<Format, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok(Format::Csv),
            Some("xlsx") => Ok(Format::Xlsx),
            Some("json") => Ok(Format::Json),
            _ => Err(format!(
                "--out {}: the name must end in .csv, .xlsx or .json",
                path.display()
            )),
        }
    }
}

fn options(sources: &[&Imported], lang: Lang, no_why: bool) -> Options {
    let created = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| chrono::DateTime::from_timestamp(d.as_secs() as i64, 0))
        .map(|t| t.naive_utc());
    Options {
        lang,
        rows: None,
        created,
        sources: sources.iter().map(|i| Source::of(i)).collect(),
        rejected: sources
            .iter()
            .flat_map(|i| RejectedRow::of_report(&i.report))
            .collect(),
        omit_why: no_why,
    }
}

/// The per-customer results as a file's bytes.
pub fn results(
    engine: &Engine,
    sources: &[&Imported],
    format: Format,
    lang: Lang,
    no_why: bool,
) -> Result<Vec<u8>, String> {
    let options = options(sources, lang, no_why);
    match format {
        Format::Csv => export::to_csv(engine, &options).map_err(|e| e.to_string()),
        Format::Xlsx => export::to_xlsx(engine, &options).map_err(|e| e.to_string()),
        Format::Json => Ok(results_json(engine, &options)),
    }
}

/// One JSON object per customer, keyed by the export's stable column keys (`customer_id`,
/// `sales`, `abc.class`, `abc.name`, …), in an array; a missing value is `null`.
fn results_json(engine: &Engine, options: &Options) -> Vec<u8> {
    let plan = export::Plan::new(engine, options);
    let keys: Vec<&str> = plan.columns().iter().map(|c| c.key.as_str()).collect();
    let rows: Vec<u32> = (0..engine.prepared().ds.len() as u32).collect();
    let mut out = Vec::with_capacity(rows.len() * 256 + 2);
    out.extend_from_slice(b"[\n");
    let mut first = true;
    let keys: Vec<String> = keys
        .iter()
        .map(|k| serde_json::to_string(k).unwrap_or_default())
        .collect();
    let _ = plan.for_each_row(engine, &rows, |cells| -> Result<(), ()> {
        if !first {
            out.extend_from_slice(b",\n");
        }
        first = false;
        // Written by hand to keep the columns' order (a serde_json `Map` sorts its keys).
        out.push(b'{');
        for (n, (k, c)) in keys.iter().zip(cells).enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(k.as_bytes());
            out.push(b':');
            let v = match c {
                Cell::Empty => Value::Null,
                Cell::Text(s) => Value::String(s.to_string()),
                Cell::Reasons(rs, lang) => Value::String(tierwise_core::format::reasons(rs, *lang)),
                Cell::Number(v, _) => json!(v),
                Cell::Date(d) => Value::String(d.format("%Y-%m-%d").to_string()),
            };
            let _ = serde_json::to_writer(&mut out, &v);
        }
        out.push(b'}');
        Ok(())
    });
    out.extend_from_slice(b"\n]\n");
    out
}

fn shape(s: Shape) -> &'static str {
    match s {
        Shape::Customers => "customers",
        Shape::Transactions => "transactions",
    }
}

/// The methods with classes, in the app's order.
fn methods() -> impl Iterator<Item = Method> {
    Method::ALL
        .into_iter()
        .filter(|&m| !lookup::classes(m).is_empty())
}

/// The summary as JSON: sources, totals, every method's class table, staffing, readiness.
pub fn summary_json(engine: &Engine, sources: &[&Imported]) -> String {
    let p = engine.prepared();
    let all = engine.results();
    let ds = &p.ds;
    let mut by_method = Map::new();
    for m in methods() {
        let v = match lookup::summary(p, all, m) {
            Err(missing) => json!({ "name": m.name().en, "missing": missing.to_string() }),
            Ok(s) => {
                let classes: Vec<Value> = s
                    .rows
                    .iter()
                    .filter(|r| m.class_shown(engine.settings(), r.class.key))
                    .map(|r| {
                        json!({
                            "key": r.class.key,
                            "name": m.class_name(engine.settings(), &r.class, Lang::En),
                            "count": r.count,
                            "sales": r.sales,
                            "profit": r.profit,
                        })
                    })
                    .collect();
                json!({
                    "name": m.name().en,
                    "classes": classes,
                    "classed": s.classed,
                    "unclassed": s.unclassed,
                })
            }
        };
        by_method.insert(m.key().to_string(), v);
    }
    let r = &all.readiness;
    let st = &all.staffing;
    let v = json!({
        "sources": sources.iter().map(|i| json!({
            "file": i.report.file,
            "shape": shape(i.shape),
            "customers": i.customers.len(),
            "rows_read": i.report.rows_read,
            "rows_used": i.report.rows_used,
            "rows_rejected": i.report.rows_rejected(),
            "cancelled": i.report.cancelled,
            "as_of": i.as_of.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
        "customers": ds.len(),
        "sales": ds.customers.iter().map(|c| c.sales).sum::<f64>(),
        "profit": ds.customers.iter().filter_map(|c| c.profit).reduce(|a, b| a + b),
        "as_of": ds.as_of.map(|d| d.to_string()),
        "methods": by_method,
        "staffing": {
            "needed": st.needed,
            "total_needed": st.total_needed,
        },
        "readiness": {
            "verdict": r.verdict.key(),
            "customers": r.customers,
            "repeat_share_pct": r.repeat_share,
            "largest_share_pct": r.largest_share,
            "top20_share_pct": r.top20_share,
            "gini": r.gini,
        },
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// Money with thousands separators and no decimals, for the table.
fn money(v: f64) -> String {
    let s = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (k, ch) in s.chars().enumerate() {
        if k > 0 && (s.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < -0.5 {
        out.insert(0, '-');
    }
    out
}

/// The summary as a table for a terminal.
pub fn summary_table(engine: &Engine, sources: &[&Imported], lang: Lang) -> String {
    let p = engine.prepared();
    let all = engine.results();
    let ds = &p.ds;
    let mut out = String::new();
    for i in sources {
        let r = &i.report;
        let _ = writeln!(
            out,
            "{} ({}): rows read {} = used {} + rejected {}{}",
            r.file,
            shape(i.shape),
            r.rows_read,
            r.rows_used,
            r.rows_rejected(),
            if r.cancelled > 0 {
                format!(" ({} cancelled orders)", r.cancelled)
            } else {
                String::new()
            }
        );
    }
    let sales: f64 = ds.customers.iter().map(|c| c.sales).sum();
    let _ = writeln!(
        out,
        "{} customers, sales {}{}",
        ds.len(),
        money(sales),
        ds.as_of.map(|d| format!(", as of {d}")).unwrap_or_default()
    );
    let r = &all.readiness;
    let _ = writeln!(
        out,
        "Is tiering worth it? {} (repeat buyers {}, largest customer {}, top 20% {} of sales)\n",
        r.verdict.key(),
        pct(r.repeat_share),
        pct(r.largest_share),
        pct(r.top20_share),
    );
    for m in methods() {
        let _ = writeln!(out, "{} [{}]", m.name().get(lang), m.key());
        match lookup::summary(p, all, m) {
            Err(missing) => {
                let _ = writeln!(out, "  not available: {missing}\n");
            }
            Ok(s) => {
                let shown = || {
                    s.rows
                        .iter()
                        .filter(|r| m.class_shown(engine.settings(), r.class.key))
                };
                let width = shown()
                    .map(|r| {
                        m.class_name(engine.settings(), &r.class, lang)
                            .chars()
                            .count()
                    })
                    .max()
                    .unwrap_or(0)
                    .max(5);
                for row in shown() {
                    let name = m.class_name(engine.settings(), &row.class, lang);
                    let pad = width.saturating_sub(name.chars().count());
                    let _ = writeln!(
                        out,
                        "  {name}{} {:>8} {:>6.1}%  sales {:>16} {:>6.1}%",
                        " ".repeat(pad),
                        row.count,
                        s.share_of_customers(row) * 100.0,
                        money(row.sales),
                        s.share_of_sales(row) * 100.0,
                    );
                }
                if s.unclassed > 0 {
                    let _ = writeln!(out, "  ({} customers not classed)", s.unclassed);
                }
                out.push('\n');
            }
        }
    }
    let st = &all.staffing;
    let _ = writeln!(
        out,
        "Staffing plan: reps needed A {} B {} C {}, total {}",
        st.needed[0], st.needed[1], st.needed[2], st.total_needed
    );
    out
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".into(), |v| format!("{v:.1}%"))
}
