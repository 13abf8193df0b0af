//! Prints what the engine computes for a customer table and/or a transaction log under given
//! settings, as JSON: per method the count of each class, plus a few method-specific figures.
//! The end-to-end tests compare the page with this, so what the UI shows is checked against
//! the engine run natively on the same files.
//!
//! `cargo run -q -p tierwise-core --example engine_counts -- <master.csv> <log.csv> '<settings json>'`
//! (either file may be `-`; the settings JSON may be partial, e.g. `{"abc":{"a_pct":70}}`).
//! The CLI's tests include this file and call [`counts`] (cli/tests/same_as_app.rs).

use std::fmt::Write;

use tierwise_core::classify::{lookup, run_all, Method, Prepared};
use tierwise_core::import::{import_bytes, join, ImportOptions};
use tierwise_core::Settings;

pub fn load(path: &str) -> Option<tierwise_core::import::Imported> {
    if path == "-" {
        return None;
    }
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Some(
        import_bytes(path, &bytes, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{path}: {e}")),
    )
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let master = load(args.first().map_or("-", String::as_str));
    let log = load(args.get(1).map_or("-", String::as_str));
    let settings: Settings = match args.get(2) {
        Some(json) => serde_json::from_str(json).expect("settings JSON"),
        None => Settings::default(),
    };
    println!("{}", counts(master.as_ref(), log.as_ref(), &settings));
}

/// The counts as one line of JSON.
pub fn counts(
    master: Option<&tierwise_core::import::Imported>,
    log: Option<&tierwise_core::import::Imported>,
    settings: &Settings,
) -> String {
    let (ds, _) = join::join_as_of(master, log, settings.as_of);
    let p = Prepared::new(ds);
    let all = run_all(&p, settings);
    let mut out = String::from("{");
    let methods = Method::ALL
        .into_iter()
        .filter(|&m| !lookup::classes(m).is_empty());
    for (k, m) in methods.enumerate() {
        if k > 0 {
            out.push(',');
        }
        write!(out, "\"{}\":", m.key()).unwrap();
        match lookup::summary(&p, &all, m) {
            Err(_) => out.push_str("null"),
            Ok(s) => {
                out.push('{');
                // The classes the page lists under these settings (RFM's own segments only
                // once in the table).
                let shown = s
                    .rows
                    .iter()
                    .filter(|r| m.class_shown(settings, r.class.key));
                for (j, r) in shown.enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    write!(out, "\"{}\":{}", r.class.key, r.count).unwrap();
                }
                write!(out, ",\"_unclassed\":{}", s.unclassed).unwrap();
                out.push('}');
            }
        }
    }
    let st = &all.staffing;
    write!(
        out,
        ",\"staffing\":{{\"A\":{},\"B\":{},\"C\":{},\"total\":{}}}",
        st.needed[0], st.needed[1], st.needed[2], st.total_needed
    )
    .unwrap();
    let fs = &all.five_s;
    write!(
        out,
        ",\"five_s_released\":{},\"five_s_flags\":[{},{},{}]",
        fs.released_counts.iter().sum::<usize>(),
        fs.flag_counts[0],
        fs.flag_counts[1],
        fs.flag_counts[2]
    )
    .unwrap();
    if let Ok(t) = &all.crosstab {
        let rows: Vec<String> = t
            .counts
            .iter()
            .map(|r| {
                format!(
                    "[{}]",
                    r.iter()
                        .map(|n| n.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                )
            })
            .collect();
        write!(out, ",\"crosstab\":[{}]", rows.join(",")).unwrap();
    }
    if let Ok(cs) = &all.cross_sell {
        write!(
            out,
            ",\"cross_sell_classes\":{}",
            cs.classes.iter().filter(|c| c.buyers > 0).count()
        )
        .unwrap();
    }
    write!(out, ",\"readiness\":\"{}\"", all.readiness.verdict.key()).unwrap();
    out.push('}');
    out
}
