//! The CLI binary gives the app's results: every method's class counts, the staffing plan and
//! the readiness verdict from `tierwise summary --json` equal what the `engine_counts`
//! example computes (the figures the end-to-end tests check the pages against), on the
//! bundled sample and on a generated log large enough to be read in two parts at once. And
//! `--as-of` gives hand-computed figures.

#[path = "../../src/core/examples/engine_counts.rs"]
#[allow(dead_code)]
mod engine_counts;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tierwise_core::Settings;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the CLI; its stdout and stderr. Panics on a non-zero exit.
fn cli(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tierwise"))
        .args(args)
        .output()
        .expect("the tierwise binary runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "tierwise {args:?} failed:\n{stderr}");
    (stdout, stderr)
}

/// `summary --json` reshaped as `engine_counts` prints it (per method, class key → count and
/// `_unclassed`; `null` for a method the data cannot run), with the staffing and readiness.
fn as_engine_counts(summary: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for (key, m) in summary["methods"].as_object().unwrap() {
        let v = match m.get("classes") {
            None => Value::Null,
            Some(classes) => {
                let mut o = serde_json::Map::new();
                for c in classes.as_array().unwrap() {
                    o.insert(c["key"].as_str().unwrap().into(), c["count"].clone());
                }
                o.insert("_unclassed".into(), m["unclassed"].clone());
                Value::Object(o)
            }
        };
        out.insert(key.clone(), v);
    }
    let n = &summary["staffing"]["needed"];
    out.insert(
        "staffing".into(),
        serde_json::json!({"A": n[0], "B": n[1], "C": n[2],
            "total": summary["staffing"]["total_needed"]}),
    );
    out.insert("readiness".into(), summary["readiness"]["verdict"].clone());
    Value::Object(out)
}

/// The example's JSON, keeping the keys the summary has.
fn expected(master: &str, log: &str) -> Value {
    let line = engine_counts::counts(
        engine_counts::load(master).as_ref(),
        engine_counts::load(log).as_ref(),
        &Settings::default(),
    );
    let mut v: Value = serde_json::from_str(&line).unwrap();
    let o = v.as_object_mut().unwrap();
    o.retain(|k, _| {
        !matches!(
            k.as_str(),
            "five_s_released" | "five_s_flags" | "crosstab" | "cross_sell_classes"
        )
    });
    v
}

#[test]
fn summary_counts_equal_the_engine_on_the_sample() {
    let master = root().join("public/sample/customers.csv");
    let log = root().join("public/sample/orders.csv");
    let (m, l) = (master.to_str().unwrap(), log.to_str().unwrap());
    let (stdout, stderr) = cli(&["summary", m, l, "--json"]);
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    let got = as_engine_counts(&summary);
    let want = expected(m, l);
    assert_eq!(got, want);
    // Numbers checked against tests/data/sample_expected.py's independent computation too.
    assert_eq!(summary["customers"], 300);
    assert_eq!(got["abc"]["A"], 46);
    assert_eq!(got["tiers"]["VIP"], 12);
    // The row accounting, as the Data panel shows it.
    let src = &summary["sources"][1];
    assert_eq!(
        (&src["rows_read"], &src["rows_used"], &src["rows_rejected"]),
        (&2257.into(), &2239.into(), &18.into())
    );
    assert!(stderr.contains("rows read 2257 = used 2239 + rejected 18 (18 cancelled)"));
    // Every listed method is there.
    for k in [
        "deal",
        "tiers",
        "potential",
        "value",
        "abc",
        "wallet",
        "score",
        "rfm",
    ] {
        assert!(got.get(k).is_some_and(|v| !v.is_null()), "{k}");
    }
}

/// A log of `rows` orders over `customers` customers, with cancelled rows, a quoted field now
/// and then, due and paid dates; deterministic.
fn gen_log(path: &Path, rows: usize, customers: u64) {
    use std::fmt::Write;
    let mut s =
        String::from("Customer ID,Order date,Amount,Profit,Product,Due date,Paid date,Status\n");
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for i in 0..rows {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let c = if (i as u64) < customers {
            i as u64
        } else {
            (x % customers) * (x % 7 + 1) / 7
        };
        let day = (x >> 8) % 730;
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(day);
        let due = date + chrono::Days::new(30);
        let paid = match (x >> 30) % 4 {
            0 => String::new(),
            k => (due + chrono::Days::new(k * 3) - chrono::Days::new(5)).to_string(),
        };
        let cents = 500 + (x >> 20) % 900_000;
        let status = match (x >> 40) % 50 {
            0 => "Cancelled",
            1 => "\"Invoiced, part\"",
            _ => "Invoiced",
        };
        let _ = writeln!(
            s,
            "C{c:06},{date},{}.{:02},{}.{:02},P{},{due},{paid},{status}",
            cents / 100,
            cents % 100,
            cents / 500,
            cents % 100,
            (x >> 50) % 40,
        );
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn a_log_read_in_two_parts_gives_the_engine_counts() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let log = dir.join("cli_split_log.csv");
    gen_log(&log, 300_000, 20_000);
    assert!(std::fs::metadata(&log).unwrap().len() > 8 << 20);
    let l = log.to_str().unwrap();
    let (stdout, stderr) = cli(&["summary", l, "--json"]);
    assert!(
        stderr.contains("read in two parts at once"),
        "not split: {stderr}"
    );
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(as_engine_counts(&summary), expected("-", l));
    // On one thread: the same summary, figure for figure.
    let (one, _) = cli(&["summary", l, "--json", "--one-thread"]);
    assert_eq!(one, stdout);
    let src = &summary["sources"][0];
    let read = src["rows_read"].as_u64().unwrap();
    assert_eq!(read, 300_000);
    assert_eq!(
        read,
        src["rows_used"].as_u64().unwrap() + src["rows_rejected"].as_u64().unwrap()
    );
    assert!(src["cancelled"].as_u64().unwrap() > 5000);
}

#[test]
fn as_of_leaves_later_orders_out_and_counts_from_the_date() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let log = dir.join("cli_as_of.csv");
    std::fs::write(
        &log,
        "Customer,Date,Amount,Due date,Paid date\n\
         A,2025-01-10,100,2025-02-10,2025-02-15\n\
         A,2025-06-01,50,2025-07-01,\n\
         A,2025-08-01,70,2025-09-01,\n\
         B,2024-03-01,30,,\n\
         C,2025-08-02,10,,\n",
    )
    .unwrap();
    let out = dir.join("cli_as_of.json");
    let (l, o) = (log.to_str().unwrap(), out.to_str().unwrap());
    let (_, stderr) = cli(&["classify", l, "--as-of", "2025-07-15", "--out", o]);
    assert!(
        stderr.contains("2 used rows dated after --as-of left out"),
        "{stderr}"
    );
    let rows: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let rows = rows.as_array().unwrap();
    // C ordered only after the date: not a customer yet.
    assert_eq!(rows.len(), 2);
    let a = &rows[0];
    assert_eq!(a["id"], "A");
    assert_eq!(a["sales"], 150.0);
    assert_eq!(a["orders"], 2.0);
    assert_eq!(a["last_order"], "2025-06-01");
    // 2025-06-01 to 2025-07-15.
    assert_eq!(a["recency_days"], 44.0);
    // The June order, due 2025-07-01 and unpaid: 14 days overdue on the 15th.
    assert_eq!(a["overdue_amount"], 50.0);
    assert_eq!(a["overdue_days"], 14.0);
    assert_eq!(a["avg_days_late"], 5.0);
    // Both of A's orders are in the 12 months to 2025-07-15, none in the 12 before.
    assert_eq!(a["sales_last12"], 150.0);
    assert_eq!(a["growth"], Value::Null);
    let b = &rows[1];
    // 2024-03-01 to 2025-07-15: 501 days; in the 12 months before 2024-07-15.
    assert_eq!(b["recency_days"], 501.0);
    assert_eq!(b["sales_prev12"], 30.0);
    assert_eq!(b["growth"], -1.0);
    assert!(a["abc.class"].is_string());
}

#[test]
fn unreadable_input_fails_naming_the_file() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let bad = dir.join("cli_bad.csv");
    std::fs::write(&bad, "Customer,Date,Amount\nA,2025-01-10,x\nB,soon,3\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tierwise"))
        .args(["summary", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cli_bad.csv"), "{err}");
    assert!(
        err.contains("row 2, column \"Amount\", value \"x\""),
        "{err}"
    );
    assert!(err.contains("row 3, column \"Date\""), "{err}");
    let missing = Command::new(env!("CARGO_BIN_EXE_tierwise"))
        .args(["summary", "/nonexistent/orders.csv"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/orders.csv"));
}

#[test]
fn settings_from_a_json_file_apply() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let settings = dir.join("cli_settings.json");
    std::fs::write(&settings, r#"{"version":1,"abc":{"a_pct":50,"b_pct":30}}"#).unwrap();
    let log = root().join("public/sample/orders.csv");
    let master = root().join("public/sample/customers.csv");
    let (m, l) = (master.to_str().unwrap(), log.to_str().unwrap());
    let (stdout, _) = cli(&[
        "summary",
        m,
        l,
        "--json",
        "--settings",
        settings.to_str().unwrap(),
    ]);
    let got = as_engine_counts(&serde_json::from_str(&stdout).unwrap());
    let mut s = Settings::default();
    s.abc.a_pct = 50.0;
    s.abc.b_pct = 30.0;
    let want: Value = serde_json::from_str(&engine_counts::counts(
        engine_counts::load(m).as_ref(),
        engine_counts::load(l).as_ref(),
        &s,
    ))
    .unwrap();
    assert_eq!(got["abc"], want["abc"]);
    assert_ne!(got["abc"]["A"], 46);
    std::fs::write(&settings, r#"{"version":7}"#).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tierwise"))
        .args(["summary", l, "--settings", settings.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer Tierwise"));
}

#[test]
fn settings_from_a_workspace_file_apply() {
    let file = root().join("tests/fixtures/workspace/v1.tierwise");
    let saved = tierwise_core::workspace::decode_file(&std::fs::read(&file).unwrap())
        .unwrap()
        .state
        .settings;
    let log = root().join("public/sample/orders.csv");
    let l = log.to_str().unwrap();
    let (stdout, _) = cli(&["summary", l, "--json", "--settings", file.to_str().unwrap()]);
    let got = as_engine_counts(&serde_json::from_str(&stdout).unwrap());
    let mut want: Value = serde_json::from_str(&engine_counts::counts(
        None,
        engine_counts::load(l).as_ref(),
        &saved,
    ))
    .unwrap();
    want.as_object_mut()
        .unwrap()
        .retain(|k, _| got.get(k).is_some());
    assert_eq!(got, want);
}

/// `classify --out x.csv` writes what the app's CSV export writes for the same data.
#[test]
fn the_csv_is_the_core_export_of_the_same_import() {
    use tierwise_core::export::{self, Options, RejectedRow, Source};
    let master = root().join("public/sample/customers.csv");
    let log = root().join("public/sample/orders.csv");
    let (m, l) = (master.to_str().unwrap(), log.to_str().unwrap());
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_sample.csv");
    cli(&[
        "classify",
        m,
        l,
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "es",
    ]);
    let (mi, li) = (
        engine_counts::load(m).unwrap(),
        engine_counts::load(l).unwrap(),
    );
    let (ds, _) = tierwise_core::import::join::join(Some(&mi), Some(&li));
    let engine = tierwise_core::Engine::new(tierwise_core::Prepared::new(ds), &Settings::default());
    let options = Options {
        lang: tierwise_core::i18n::Lang::Es,
        sources: vec![Source::of(&mi), Source::of(&li)],
        rejected: [&mi, &li]
            .iter()
            .flat_map(|i| RejectedRow::of_report(&i.report))
            .collect(),
        ..Default::default()
    };
    let want = export::to_csv(&engine, &options).unwrap();
    let got = std::fs::read(&out).unwrap();
    assert_eq!(got.len(), want.len());
    assert!(got == want, "the CLI's CSV differs from the core's export");
    // 300 customers and a header.
    assert_eq!(String::from_utf8(got).unwrap().lines().count(), 301);
}
