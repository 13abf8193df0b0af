//! Hostile files: each fixture of tests/data/gen_hostile_fixtures.py, built to crash, exhaust
//! or fool the importer, and what must happen instead. The heap is counted (the core's own
//! counting allocator), so a test can hold the importer to a memory bound; the tests take one
//! lock so that their peaks are their own.

use chrono::NaiveDate;
use std::io::Read;
use std::sync::{Mutex, MutexGuard};
use tierwise_core::heap;
use tierwise_core::import::{import_bytes, ImportOptions, Imported, Reason};

#[global_allocator]
static HEAP: heap::Counting = heap::Counting;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn lock() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// A fixture's bytes; `<name>.zip` holding `<name>` is taken out in memory.
fn fixture(name: &str) -> Vec<u8> {
    let dir = format!(
        "{}/../../tests/fixtures/hostile",
        env!("CARGO_MANIFEST_DIR")
    );
    match std::fs::read(format!("{dir}/{name}")) {
        Ok(bytes) => bytes,
        Err(_) => {
            let wrapper = std::fs::read(format!("{dir}/{name}.zip"))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(wrapper)).unwrap();
            let mut out = Vec::new();
            zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
            out
        }
    }
}

fn import(name: &str) -> Imported {
    let imp = import_bytes(name, &fixture(name), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(imp.report.balanced(), "{name}: {:?}", imp.report);
    imp
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// (row, column, reason) of every rejected row.
fn rejected(imp: &Imported) -> Vec<(usize, String, Reason)> {
    imp.report
        .rejected
        .iter()
        .map(|r| {
            (
                r.row,
                r.column.clone().unwrap_or_default(),
                r.reason.clone(),
            )
        })
        .collect()
}

/// 1a. Date cells holding -1e15, NaN and 1e300: calamine's conversion panicked on the first
/// ("TimeDelta::milliseconds out of bounds") and read NaN as 30 Dec 1899. Each is a rejected
/// cell, "not a date"; the good row is used.
#[test]
fn date_cells_out_of_any_calendar_are_rejected_not_a_panic() {
    let _l = lock();
    let imp = import("xlsx_date_out_of_range.xlsx");
    let bad = |row| (row, "Date".to_string(), Reason::BadDate);
    assert_eq!(rejected(&imp), [bad(2), bad(3), bad(4)]);
    assert_eq!(imp.report.rejected[0].value, "-1000000000000000");
    assert_eq!(imp.customers.len(), 1);
    let d = &imp.customers[0];
    assert_eq!((d.id.as_str(), d.sales), ("D", 40.0));
    assert_eq!(d.first_order, date(2023, 3, 15));
}

/// NaN and ±infinity in number cells are rejected as the CSV path rejects them ("not a
/// number"), in a log's amount and optional profit, and in a customer table: screens showed
/// "NaN".
#[test]
fn nan_and_infinite_cells_are_not_numbers() {
    let _l = lock();
    let imp = import("xlsx_nan_inf.xlsx");
    let bad = |row, col: &str| (row, col.to_string(), Reason::BadNumber);
    assert_eq!(
        rejected(&imp),
        [
            bad(2, "Amount"),
            bad(3, "Amount"),
            bad(4, "Amount"),
            bad(5, "Profit")
        ]
    );
    assert_eq!(imp.report.rejected[0].value, "NaN");
    assert_eq!(imp.report.rejected[1].value, "inf");
    let e = &imp.customers[0];
    assert_eq!((e.id.as_str(), e.sales, e.profit), ("E", 8.0, Some(2.0)));

    let imp = import("xlsx_nan_inf_customers.xlsx");
    assert_eq!(
        rejected(&imp),
        [bad(2, "Sales"), bad(3, "Sales"), bad(4, "Orders")]
    );
    let ids: Vec<&str> = imp.customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["D"]);
    // The same cells as text in a CSV, for comparison.
    let csv = "Customer,Sales,Orders\nA,NaN,1\nB,inf,2\nC,5,-inf\nD,9,3\n";
    let imp = import_bytes("c.csv", csv.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(
        rejected(&imp),
        [bad(2, "Sales"), bad(3, "Sales"), bad(4, "Orders")]
    );
}

/// The full range of dates a spreadsheet holds, 0001-01-01 to 9999-12-31, as date cells and
/// as text, in a workbook and in a CSV; 10000-01-01 is beyond it. The whole engine then runs
/// on them (recency, windows, frequency over ten thousand years) without a panic.
#[test]
fn the_whole_calendar_of_a_spreadsheet_is_read() {
    let _l = lock();
    let imp = import("xlsx_extreme_dates.xlsx");
    assert_eq!(rejected(&imp), [(6, "Date".to_string(), Reason::BadDate)]);
    let first: Vec<_> = imp.customers.iter().map(|c| c.first_order).collect();
    assert_eq!(
        first,
        [
            date(1, 1, 1),
            date(9999, 12, 31),
            date(1, 1, 1),
            date(9999, 12, 31)
        ]
    );
    assert_eq!(imp.as_of, date(9999, 12, 31));
    engine_runs(&imp);

    let imp = import("csv_extreme_dates.csv");
    assert_eq!(rejected(&imp), [(5, "Date".to_string(), Reason::BadDate)]);
    let first: Vec<_> = imp.customers.iter().map(|c| c.first_order).collect();
    assert_eq!(
        first,
        [date(1, 1, 1), date(9999, 12, 31), date(9999, 12, 31)]
    );
    engine_runs(&imp);
}

/// Joins, prepares and classifies an import with default settings, and explains every
/// customer.
fn engine_runs(imp: &Imported) {
    let (ds, _) = tierwise_core::import::join::join(None, Some(imp));
    let p = tierwise_core::Prepared::new(ds);
    let settings = tierwise_core::Settings::default();
    let _ = tierwise_core::run_all(&p, &settings);
    let engine = tierwise_core::Engine::new(p, &settings);
    for i in 0..imp.customers.len() {
        let _ = engine.explain(i);
    }
}
