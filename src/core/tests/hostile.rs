//! Hostile files: each fixture of tests/data/gen_hostile_fixtures.py, built to crash, exhaust
//! or fool the importer, and what must happen instead. The heap is counted (the core's own
//! counting allocator), so a test can hold the importer to a memory bound; the tests take one
//! lock so that their peaks are their own.

use chrono::NaiveDate;
use std::io::Read;
use std::sync::{Mutex, MutexGuard};
use tierwise_core::heap;
use tierwise_core::import::sheet::import_workbook_within;
use tierwise_core::import::{
    import_bytes, ImportError, ImportOptions, Imported, Limits, Measure, Reason, StreamImporter,
    LIMITS,
};

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

/// Imports a fixture; also returns the most heap the import held at once, beyond what was
/// live before it.
fn import_measured(name: &str, bytes: &[u8]) -> (Result<Imported, ImportError>, usize) {
    heap::reset_peak();
    let before = heap::live();
    let result = import_bytes(name, bytes, &ImportOptions::default());
    (result, heap::peak().saturating_sub(before))
}

/// The refusal of a fixture as too large: (what, found, limit), with the heap it took.
fn too_large(name: &str) -> ((Measure, Option<u64>, u64), usize, String) {
    let bytes = fixture(name);
    let (result, peak) = import_measured(name, &bytes);
    match result {
        Err(e @ ImportError::TooLarge { .. }) => {
            let ImportError::TooLarge {
                what, found, limit, ..
            } = &e
            else {
                unreachable!()
            };
            ((*what, *found, *limit), peak, e.to_string())
        }
        other => panic!("{name}: {:?}", other.map(|i| i.report)),
    }
}

const MB: usize = 1 << 20;

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

/// 1b. An ODS of under 1 KB whose repeat counts expand to 1,048,576 × 95 cells (2.3 GB, then
/// "capacity overflow" in calamine), and one whose 2,000 × 1,000 repeated 4 KB texts make
/// 7.6 GiB: counted as calamine would expand them, before it does, and refused.
#[test]
fn ods_repeats_are_counted_as_what_they_expand_to() {
    let _l = lock();
    let (refusal, peak, message) = too_large("ods_repeat_bomb.ods");
    assert_eq!(
        refusal,
        (Measure::Cells, Some(1_048_576 * 95), LIMITS.dense_cells)
    );
    assert_eq!(
        message,
        "ods_repeat_bomb.ods is too large to open: it expands to 99,614,720 cells; the limit \
         is 5,000,000."
    );
    assert!(peak < 4 * MB, "{peak} bytes");
    let (refusal, peak, message) = too_large("ods_text_bomb.ods");
    assert_eq!(refusal.0, Measure::ExpandedBytes);
    assert!(refusal.1 > Some(8_000_000_000), "{refusal:?}");
    assert!(
        message.contains("7.6 GiB of text; the limit is 256 MiB"),
        "{message}"
    );
    assert!(peak < 4 * MB, "{peak} bytes");
}

/// 1d. An XLSX whose zip headers declare 40 MB for the sheet but whose one cell unpacks to
/// 1.1 GB: the declared sizes pass the zip-bomb check, the bytes as they inflate do not.
#[test]
fn a_zip_is_measured_as_it_inflates_not_as_it_declares() {
    let _l = lock();
    let bytes = fixture("xlsx_zip_bomb.xlsx");
    assert!(tierwise_core::import::sheet::check_zip("b.xlsx", &bytes).is_ok());
    let (refusal, peak, message) = too_large("xlsx_zip_bomb.xlsx");
    assert_eq!(refusal, (Measure::CellBytes, None, LIMITS.token_bytes));
    assert_eq!(
        message,
        "xlsx_zip_bomb.xlsx is too large to open: one cell holds more than 16 MiB; the limit \
         is 16 MiB."
    );
    assert!(peak < 4 * MB, "{peak} bytes");
}

/// The total of a zip's parts, and a sheet's rows, counted as read against the limits
/// (lowered here so that a small workbook reaches them).
#[test]
fn unpacked_bytes_and_rows_are_counted_as_read() {
    let _l = lock();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Customer").unwrap();
    ws.write_string(0, 1, "Amount").unwrap();
    for r in 1..=2000u32 {
        ws.write_string(r, 0, format!("C{}", r % 50)).unwrap();
        ws.write_number(r, 1, f64::from(r)).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let within = |limits: &Limits| {
        import_workbook_within("w.xlsx", &bytes, &ImportOptions::default(), limits)
    };
    assert!(within(&LIMITS).is_ok());
    let small = Limits {
        unpacked_bytes: 64 << 10,
        ..LIMITS
    };
    match within(&small) {
        Err(ImportError::TooLarge {
            what: Measure::UnpackedBytes,
            found: None,
            limit,
            ..
        }) => assert_eq!(limit, 64 << 10),
        other => panic!("{other:?}"),
    }
    let few = Limits {
        rows: 1000,
        ..LIMITS
    };
    let e = within(&few).unwrap_err();
    assert!(
        matches!(
            e,
            ImportError::TooLarge {
                what: Measure::Rows,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "w.xlsx is too large to open: a sheet has more than 1,000 rows; the limit is 1,000."
    );
}

/// Finding 3: parser internals ("invalid Zip archive: Could not find EOCD", "Xml attribute
/// error …") become a sentence naming the file; the parser's words stay in `detail`.
#[test]
fn damaged_workbooks_are_named_in_words_with_the_parser_detail_apart() {
    let _l = lock();
    for (name, detail) in [
        ("xlsx_not_a_zip.xlsx", "Could not find EOCD"),
        ("xlsx_truncated.xlsx", "Could not find EOCD"),
        ("xlsx_bad_xml.xlsx", "attribute"),
        ("xlsx_bad_number.xlsx", "float"),
    ] {
        let e = import_bytes(name, &fixture(name), &ImportOptions::default()).unwrap_err();
        assert!(
            matches!(e, ImportError::NotSpreadsheet { .. }),
            "{name}: {e:?}"
        );
        assert_eq!(
            e.to_string(),
            format!(
                "{name} is not a readable workbook (it may be damaged or not really an .xlsx)."
            )
        );
        assert_eq!(e.file(), name);
        let d = e.detail().unwrap_or_default();
        assert!(d.contains(detail), "{name}: {d}");
    }
    // The article follows the extension.
    let e = import_bytes("x.ods", b"PK\x03\x04", &ImportOptions::default()).unwrap_err();
    assert!(e.to_string().ends_with("not really an .ods)."), "{e}");
    let e = import_bytes("book", b"PK\x03\x04", &ImportOptions::default()).unwrap_err();
    assert!(e.to_string().ends_with("not really a workbook)."), "{e}");
}

/// 1c. A CSV of 20,000 columns and 10 rows: refused on its header, more columns than a
/// spreadsheet holds, naming both figures. (The browser ran out of memory on it: the mapping
/// editor kept a copy of every header per column, quadratic, in src/ui/import/report.rs.)
/// Just under the limit, a file as wide is read in a few MB plus less than its size.
#[test]
fn a_csv_wider_than_a_spreadsheet_is_refused_and_a_wide_one_stays_small() {
    let _l = lock();
    let bytes = fixture("csv_20000_columns.csv");
    let (refusal, peak, message) = too_large("csv_20000_columns.csv");
    assert_eq!(refusal, (Measure::Columns, Some(20_000), 16_384));
    assert_eq!(
        message,
        "csv_20000_columns.csv is too large to open: a row has 20,000 columns; the limit is \
         16,384."
    );
    assert!(
        peak < 2 * bytes.len(),
        "{peak} bytes for a file of {}",
        bytes.len()
    );

    for rows in [10, 300] {
        let mut csv = String::from("Customer,Amount");
        csv.push_str(&",x".repeat(15_998));
        for r in 0..rows {
            csv.push_str(&format!("\nC{r},{r}"));
            csv.push_str(&",7".repeat(15_998));
        }
        let (result, peak) = import_measured("wide.csv", csv.as_bytes());
        let imp = result.unwrap();
        assert_eq!(imp.customers.len(), rows);
        // The preview (at most 50,000 cells), the mapping and its samples of 16,000 columns,
        // and per row only the mapped cells: a few MB, then less than the file.
        assert!(
            peak < 2 * csv.len() + 8 * MB,
            "{rows} rows: {peak} bytes for a file of {}",
            csv.len()
        );
    }
}

/// A row longer than the limit on one row (a 50 MB "line" is no table), refused as read:
/// the row buffer never grows past the limit.
#[test]
fn a_row_longer_than_the_limit_is_refused_as_it_is_read() {
    let _l = lock();
    let limits = Limits {
        row_bytes: 1 << 20,
        ..LIMITS
    };
    for text in [
        format!("Customer,Amount\nA,1\n{}\n", "z".repeat(3 << 20)),
        format!("\"{}", "q,".repeat(2 << 20)),
    ] {
        heap::reset_peak();
        let before = heap::live();
        let mut s = StreamImporter::new("line.csv", ImportOptions::default()).within(limits);
        for piece in text.as_bytes().chunks(1 << 16) {
            s.push(piece);
        }
        let e = s.finish().unwrap_err();
        let peak = heap::peak().saturating_sub(before);
        assert!(
            matches!(
                e,
                ImportError::TooLarge {
                    what: Measure::RowBytes,
                    found: None,
                    limit: 1_048_576,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "line.csv is too large to open: a row is more than 1 MiB long; the limit is 1 MiB."
        );
        assert!(peak < 4 << 20, "{peak} bytes");
    }
}

/// Finding 3: a quote opened on row 3 and never closed takes the rest of the file into one
/// cell, reported as "row 204, column Date: not a date". It is reported at the row and in
/// the column where the quote opened, as a quote never closed, with the lines it took; read
/// in the preview (a short file) or past it, whole or in chunks.
#[test]
fn an_unterminated_quote_is_reported_where_it_opened() {
    let _l = lock();
    let imp = import("csv_unterminated_quote.csv");
    let r = &imp.report;
    assert_eq!((r.rows_read, r.rows_used), (2, 1));
    assert_eq!(
        rejected(&imp),
        [(3, "Date".to_string(), Reason::UnclosedQuote { lines: 200 })]
    );
    assert_eq!(
        r.rejected[0].to_string(),
        "row 3, column \"Date\", value \"2024-01-02,2 …\": a quote opens in this cell and is \
         never closed: the 200 lines after it were read into it"
    );
    // Past the preview, and opened after a multi-line quoted cell that was closed; in a log
    // and in a customer table; whole and a byte at a time.
    let mut log = String::from("Customer,Date,Amount\n");
    for i in 0..300 {
        log.push_str(&format!("C{i},2024-01-01,{i}\n"));
    }
    log.push_str("\"two\nlines\",2024-01-02,5,\"open\nstill open\nand on\n");
    let mut table = String::from("Customer,Sales,Owner\n");
    for i in 0..300 {
        table.push_str(&format!("C{i},{i},Li\n"));
    }
    table.push_str("X,1,\"never\nclosed");
    for (text, row, column, lines) in [(&log, 303, "", 2), (&table, 302, "Owner", 1)] {
        for size in [1, text.len()] {
            let mut s = StreamImporter::new("q.csv", ImportOptions::default());
            for piece in text.as_bytes().chunks(size) {
                s.push(piece);
            }
            let imp = s.finish().unwrap();
            assert!(imp.report.balanced());
            assert_eq!(imp.report.rows_used, 300);
            assert_eq!(
                rejected(&imp),
                [(row, column.to_string(), Reason::UnclosedQuote { lines })],
                "chunks of {size}"
            );
        }
    }
}

/// Finding 4: the rejected-rows download wrote =HYPERLINK(…) and +cmd|'/C calc'!A0 as they
/// were, for a spreadsheet to run. Every cell that could start a formula is neutralised
/// (a leading apostrophe); real numbers stay numbers.
#[test]
fn the_rejected_rows_download_runs_no_formula() {
    let _l = lock();
    let imp = import("csv_formula_injection.csv");
    assert_eq!(imp.report.rows_used, 0);
    let csv = imp.report.rejected_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "file,row,column,value,reason",
            "csv_formula_injection.csv,2,Date,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",not a date",
            "csv_formula_injection.csv,3,Date,'+cmd|'/C calc'!A0,not a date",
            "csv_formula_injection.csv,4,Date,'-2+3,not a date",
            "csv_formula_injection.csv,5,Date,'@SUM(A1:A2),not a date",
            // Cells are trimmed as they are read: the tab and the CR are gone.
            "csv_formula_injection.csv,6,Date,TAB,not a date",
            "csv_formula_injection.csv,7,Date,CR,not a date",
            "csv_formula_injection.csv,8,Date,'-12.5x,not a date",
            "csv_formula_injection.csv,9,Date,-12.5,not a date",
            "csv_formula_injection.csv,10,Date,+3,not a date",
        ]
    );
    // The file name and the column header are cells too.
    let mut report = imp.report.clone();
    report.file = "=evil.csv".into();
    report.rejected[0].column = Some("@col".into());
    assert!(report.rejected_csv().contains("'=evil.csv,2,'@col,"));
}

/// An id made only of invisible characters (zero-width space, joiners, a byte order mark, a
/// word joiner, a soft hyphen) became a blank customer: rejected, saying so, the characters
/// shown by their code points.
#[test]
fn ids_of_invisible_characters_are_no_ids() {
    let _l = lock();
    let imp = import("csv_invisible_ids.csv");
    let rows: Vec<_> = (2..=7)
        .map(|r| (r, "Customer".to_string(), Reason::InvisibleId))
        .collect();
    assert_eq!(rejected(&imp), rows);
    assert_eq!(
        imp.report.rejected[0].to_string(),
        "row 2, column \"Customer\", value \"U+200B\": the customer id is made only of \
         invisible characters"
    );
    assert_eq!(imp.report.rejected[5].value, "U+00AD U+200B");
    let ids: Vec<&str> = imp.customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["Real"]);
    // The same in a customer table.
    let csv = "Customer,Sales\n\u{200B},1\nK1,2\n\u{FEFF}\u{2060},3\n";
    let imp = import_bytes("t.csv", csv.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(
        rejected(&imp),
        [
            (2, "Customer".to_string(), Reason::InvisibleId),
            (4, "Customer".to_string(), Reason::InvisibleId)
        ]
    );
}

/// Bytes that are not text in the file's encoding (a GBK line in a UTF-8 file, a stray 0xFF)
/// came out garbled without a word: they are still decoded as U+FFFD, but counted and
/// reported with their rows. A file mostly of UTF-8 lines is read as UTF-8.
#[test]
fn undecodable_bytes_are_counted_and_reported_by_row() {
    let _l = lock();
    let imp = import("csv_mixed_encoding.csv");
    let r = &imp.report;
    assert_eq!(r.encoding, "UTF-8");
    assert_eq!(
        (r.undecodable, r.undecodable_rows.clone()),
        (2, vec![8, 10])
    );
    assert!(
        r.notes.iter().any(
            |n| n == "2 rows hold bytes that are not UTF-8 text, shown as \u{FFFD}: rows 8, 10"
        ),
        "{:?}",
        r.notes
    );
    assert_eq!(r.rows_used, 9);
    assert!(imp.customers.iter().any(|c| c.id == "Ñandú"));
    // Past the sniffing window, in a file read whole and streamed, and in a legacy encoding.
    let mut text = b"Customer,Date,Amount\n".to_vec();
    for _ in 0..5000 {
        text.extend_from_slice(b"Acme,2024-01-01,1\n");
    }
    text.extend_from_slice(b"Bad\xff,2024-01-02,2\n");
    let imp = import_bytes("big.csv", &text, &ImportOptions::default()).unwrap();
    assert_eq!(imp.report.undecodable_rows, [5002]);
    let (gbk, _, _) = encoding_rs::GBK.encode("客户名称,下单日期,销售额\n客户甲,2024-01-01,1\n");
    let mut gbk = gbk.into_owned();
    gbk.extend_from_slice(b"\x81\x20,2024-01-02,2\n");
    let imp = import_bytes("gbk.csv", &gbk, &ImportOptions::default()).unwrap();
    assert_eq!(imp.report.encoding, "gb18030");
    assert_eq!(imp.report.undecodable_rows, [3]);
    // A clean file says nothing.
    let imp = import("csv_extreme_dates.csv");
    assert_eq!(imp.report.undecodable, 0);
}

/// A decimal column that cannot be settled asks, as an ambiguous date column does: a column
/// of only "1.234"-style values (in a comma- or a semicolon-separated file), and a column
/// whose cells prove both conventions ("12.50" a decimal dot, "1.234,56" a decimal comma),
/// where "1.234" was read as 1.234 without a word. Answered, it asks no more.
#[test]
fn an_ambiguous_decimal_column_asks() {
    let _l = lock();
    use tierwise_core::import::{DecimalSep, Question};
    let question = |imp: &Imported| {
        imp.report.questions.iter().find_map(|q| match q {
            Question::DecimalSeparator { columns, read_as } => Some((columns.clone(), *read_as)),
            _ => None,
        })
    };
    let amount = || vec!["Amount".to_string()];
    for (name, read_as) in [
        ("csv_decimal_only_ambiguous.csv", DecimalSep::Dot),
        (
            "csv_decimal_only_ambiguous_semicolon.csv",
            DecimalSep::Comma,
        ),
        ("csv_decimal_mixed.csv", DecimalSep::Dot),
    ] {
        let imp = import(name);
        assert_eq!(question(&imp), Some((amount(), read_as)), "{name}");
        let answered = import_bytes(
            name,
            &fixture(name),
            &ImportOptions {
                decimal: Some(DecimalSep::Comma),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(question(&answered), None, "{name}");
    }
    let mixed = import_bytes(
        "m.csv",
        &fixture("csv_decimal_mixed.csv"),
        &ImportOptions {
            decimal: Some(DecimalSep::Comma),
            ..Default::default()
        },
    )
    .unwrap();
    let sales: Vec<f64> = mixed.customers.iter().map(|c| c.sales).collect();
    assert_eq!(sales, [12.5, 1234.56, 1234.0]);
    // The same column in a customer table.
    let table = "Customer;Sales\nA;1.234\nB;2.500\n";
    let imp = import_bytes("t.csv", table.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(
        question(&imp),
        Some((vec!["Sales".to_string()], DecimalSep::Comma))
    );
}

/// A file that yields no usable row (a header alone, every row rejected) still imports, so
/// its mapping can be fixed, but says so for a caller that must not replace its data with
/// nothing: `Imported::check_usable`, naming the file, with the rejected rows.
#[test]
fn a_file_without_a_usable_row_says_so() {
    let _l = lock();
    let header_only = import_bytes(
        "h.csv",
        b"Customer,Date,Amount\n",
        &ImportOptions::default(),
    )
    .unwrap();
    let e = header_only.check_usable().unwrap_err();
    assert_eq!(e.to_string(), "h.csv has a header but no rows under it.");
    let all_rejected = import("csv_formula_injection.csv");
    match all_rejected.check_usable() {
        Err(e @ ImportError::NoUsableRows { .. }) => {
            assert_eq!(
                e.to_string(),
                "None of the 9 rows of csv_formula_injection.csv could be used: every one was \
                 rejected (see the rejected rows)."
            );
            let ImportError::NoUsableRows { report, .. } = e else {
                unreachable!()
            };
            assert_eq!(report.rejected.len(), 9);
        }
        other => panic!("{other:?}"),
    }
    assert!(import("csv_extreme_dates.csv").check_usable().is_ok());
}

/// XLS: calamine reserved what a DIMENSIONS record declares (4 billion rows × 255 columns:
/// an allocation of 43 TB, or "capacity overflow"), underflowed on rows that end before they
/// start, and built a 65,536 × 256 range from one cell moved to IV65536. The container and
/// the records are checked first, the sheets' declared and actual extents counted.
#[test]
fn xls_dimensions_are_counted_before_calamine_reserves_them() {
    let _l = lock();
    let (refusal, peak, _) = too_large("xls_dimensions_huge.xls");
    assert_eq!(refusal.0, Measure::Cells);
    assert!(refusal.1 > Some(1_000_000_000_000), "{refusal:?}");
    assert!(peak < MB, "{peak} bytes");
    let (refusal, peak, _) = too_large("xls_far_cell.xls");
    assert_eq!(refusal.0, Measure::Cells);
    assert!(refusal.1 > Some(16_000_000), "{refusal:?}");
    assert!(peak < MB, "{peak} bytes");
    let e = import_bytes(
        "b.xls",
        &fixture("xls_dimensions_backwards.xls"),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "b.xls is not a readable workbook (it may be damaged or not really an .xls)."
    );
    assert_eq!(e.detail(), Some("XLS: DIMENSIONS ends before it starts"));
}

/// Documents of another kind renamed as tables (a JSON array as .csv, an HTML table as .xls,
/// a PDF of text as .xlsx) gave a header and no rows, or 14 rows of "not a date": each is
/// refused, saying what it is. A CSV whose header starts with a bracket is still a table.
#[test]
fn documents_that_are_no_table_are_named_for_what_they_are() {
    let _l = lock();
    for (name, what) in [
        ("json_renamed.csv", "a JSON document"),
        ("html_table_renamed.xls", "a web page (HTML)"),
        ("pdf_renamed.xlsx", "a PDF document"),
    ] {
        let e = import_bytes(name, &fixture(name), &ImportOptions::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{name} is not a table: it is {what}.")
        );
    }
    let bracketed = "[Customer],[Amount]\nA,1\n";
    let imp = import_bytes("b.csv", bracketed.as_bytes(), &ImportOptions::default());
    assert!(
        !matches!(imp, Err(ImportError::NotATable { .. })),
        "{imp:?}"
    );
}

/// The other files of the issue that replaced the user's data with nothing: a 50 MB single
/// line, refused as it is read past the limit on one row; a file of NUL bytes, refused as
/// binary (it already was in the core).
#[test]
fn a_50_mb_line_and_nul_bytes_are_refused() {
    let _l = lock();
    let (refusal, peak, message) = too_large("csv_50mb_line.csv");
    assert_eq!(refusal, (Measure::RowBytes, None, LIMITS.row_bytes));
    assert_eq!(
        message,
        "csv_50mb_line.csv is too large to open: a row is more than 16 MiB long; the limit is \
         16 MiB."
    );
    assert!(peak < 40 * MB, "{peak} bytes");
    let e = import_bytes(
        "nul_bytes.csv",
        &fixture("nul_bytes.csv"),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(e, ImportError::NotText { .. }), "{e:?}");
}

/// An XLSX whose shared-strings table declares 99,999,999,999,999 strings and holds one:
/// calamine reserved the declared count (an allocation of 2.4 PB, which aborts). Refused as a
/// damaged workbook, the count in the detail. (Found reading where calamine reserves.)
#[test]
fn a_declared_string_count_is_held_to_what_the_table_can_hold() {
    let _l = lock();
    let bytes = fixture("xlsx_shared_strings_count.xlsx");
    let (result, peak) = import_measured("s.xlsx", &bytes);
    let e = result.unwrap_err();
    assert!(matches!(e, ImportError::NotSpreadsheet { .. }), "{e:?}");
    assert!(
        e.detail()
            .unwrap()
            .contains("declares 99999999999999 shared strings"),
        "{:?}",
        e.detail()
    );
    assert!(peak < MB, "{peak} bytes");
}
