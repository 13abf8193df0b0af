//! Workbooks written in the test with rust_xlsxwriter, read back through the import.

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use tierwise_core::import::{
    import_bytes, sheet, sheets, ImportError, ImportOptions, Imported, Reason, Shape, SheetInfo,
};

/// Customer, date cell (y, m, d) or a text date, amount (NaN: "n/d", ∞: "1.000,25"), product.
type SaleRow = (
    &'static str,
    Option<(u16, u8, u8)>,
    &'static str,
    f64,
    &'static str,
);

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Sheet "Empty" (nothing), sheet "Ventas" (a log under a merged title, with date cells, text
/// dates, numbers, a text number with a decimal comma, a return, a bad row and a trailing
/// empty header column), sheet "Clientes" (a customer table with numeric ids).
fn workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let title = Format::new().set_bold();
    wb.add_worksheet().set_name("Empty").unwrap();

    let ws = wb.add_worksheet();
    ws.set_name("Ventas").unwrap();
    ws.merge_range(0, 0, 0, 4, "Ventas 2024 — informe", &title)
        .unwrap();
    for (c, h) in ["Cliente", "Fecha", "Importe", "Producto"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows: [SaleRow; 5] = [
        ("Acme", Some((2024, 1, 15)), "", 100.0, "bolts"),
        ("Beta", None, "2024-02-01", 250.5, "nuts"),
        ("Acme", Some((2024, 3, 1)), "", -20.0, "nuts"),
        ("Beta", Some((2024, 3, 2)), "", f64::NAN, "nuts"),
        ("Acme", Some((2024, 4, 1)), "", f64::INFINITY, "bolts"),
    ];
    for (i, (cust, d, text_date, amount, product)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 0, *cust).unwrap();
        match d {
            Some((y, m, dd)) => {
                let dt = ExcelDateTime::from_ymd(*y, *m, *dd).unwrap();
                ws.write_datetime_with_format(r, 1, &dt, &day).unwrap();
            }
            None => {
                ws.write_string(r, 1, *text_date).unwrap();
            }
        }
        if amount.is_nan() {
            ws.write_string(r, 2, "n/d").unwrap();
        } else if amount.is_infinite() {
            ws.write_string(r, 2, "1.000,25").unwrap();
        } else {
            ws.write_number(r, 2, *amount).unwrap();
        }
        ws.write_string(r, 3, *product).unwrap();
    }

    let ws = wb.add_worksheet();
    ws.set_name("Clientes").unwrap();
    for (c, h) in ["客户编号", "客户名称", "销售额", "钱包份额"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, 1001.0).unwrap();
    ws.write_string(1, 1, "甲").unwrap();
    ws.write_number(1, 2, 5000.0).unwrap();
    ws.write_number(1, 3, 0.4).unwrap();
    ws.write_number(2, 0, 1002.0).unwrap();
    ws.write_string(2, 1, "乙").unwrap();
    ws.write_number(2, 2, 300.0).unwrap();
    wb.save_to_buffer().unwrap()
}

fn import(options: &ImportOptions) -> Imported {
    let imp = import_bytes("book.xlsx", &workbook(), options).unwrap();
    assert!(imp.report.balanced(), "{:?}", imp.report);
    imp
}

#[test]
fn the_sheet_list_names_every_sheet_with_its_size() {
    let list = sheets("book.xlsx", &workbook()).unwrap();
    let names: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Empty", "Ventas", "Clientes"]);
    assert!(list[0].is_empty());
    assert_eq!(
        list[2],
        SheetInfo {
            name: "Clientes".into(),
            rows: 3,
            columns: 4
        }
    );
}

#[test]
fn the_first_non_empty_sheet_is_read_under_its_title() {
    let imp = import(&ImportOptions::default());
    let r = &imp.report;
    assert_eq!(r.format, "XLSX");
    assert_eq!(r.sheet.as_deref(), Some("Ventas"));
    assert_eq!(imp.sheets, ["Empty", "Ventas", "Clientes"]);
    assert_eq!(r.header_row, 3, "the merged title in row 1 is skipped");
    assert_eq!(imp.shape, Shape::Transactions);
    assert_eq!(
        imp.mapping.headers,
        ["Cliente", "Fecha", "Importe", "Producto"]
    );
    assert_eq!((r.rows_read, r.rows_used, r.rows_rejected()), (5, 4, 1));
    assert_eq!(
        r.rejected[0].to_string(),
        "row 7, column \"Importe\", value \"n/d\": not a number"
    );
    assert_eq!(r.rejected[0].reason, Reason::BadNumber);
    let acme = &imp.customers[0];
    // 100 − 20 + 1.000,25 (a text cell with a decimal comma).
    assert_eq!((acme.id.as_str(), acme.sales), ("Acme", 1080.25));
    assert_eq!(acme.orders, Some(2));
    assert_eq!(
        (acme.first_order, acme.last_order),
        (date(2024, 1, 15), date(2024, 4, 1))
    );
    let beta = &imp.customers[1];
    assert_eq!((beta.sales, beta.first_order), (250.5, date(2024, 2, 1)));
    assert_eq!(imp.as_of, date(2024, 4, 1));
    assert_eq!(imp.products, ["bolts", "nuts"]);
    assert_eq!(imp.samples[1][0], "2024-01-15");
}

#[test]
fn a_sheet_picked_by_name() {
    let imp = import(&ImportOptions {
        sheet: Some("Clientes".into()),
        ..Default::default()
    });
    assert_eq!(imp.shape, Shape::Customers);
    let ids: Vec<&str> = imp.customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["1001", "1002"], "numeric ids read as text");
    assert_eq!(imp.customers[0].attrs().share_of_wallet, Some(0.4));
    assert_eq!(imp.customers[1].sales, 300.0);
    let err = import_bytes(
        "book.xlsx",
        &workbook(),
        &ImportOptions {
            sheet: Some("Nope".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "book.xlsx has no sheet named \"Nope\".");
}

#[test]
fn a_workbook_fed_to_the_stream_importer_is_read_whole() {
    let bytes = workbook();
    let mut s = tierwise_core::import::StreamImporter::new("book.xlsx", ImportOptions::default());
    for piece in bytes.chunks(1000) {
        s.push(piece);
    }
    let imp = s.finish().unwrap();
    assert_eq!(imp.report.sheet.as_deref(), Some("Ventas"));
    assert_eq!(imp.customers.len(), 2);
}

/// The page's importer holds no workbook reader (so calamine stays out of its WebAssembly): it
/// knows a workbook by its first bytes, refuses to read it, and the book worker's message
/// carries the worker's import to the page unchanged, or its error.
#[test]
fn a_workbook_read_elsewhere_arrives_unchanged() {
    use tierwise_core::import::StreamImporter;
    use tierwise_core::workspace::{decode_import, encode_import};
    let bytes = workbook();
    let options = ImportOptions::default();
    let mut page = StreamImporter::text_only("book.xlsx", options.clone(), bytes.len() as u64);
    assert!(!page.is_workbook(), "nothing read yet");
    page.push(&bytes[..7]);
    assert!(!page.is_workbook(), "7 bytes do not tell");
    page.push(&bytes[7..4000]);
    assert!(page.is_workbook());
    assert!(matches!(
        page.finish(),
        Err(ImportError::NotSpreadsheet { .. })
    ));
    let mut text = StreamImporter::text_only("a.csv", options.clone(), 20);
    text.push(b"customer,amount\nA,1\n");
    assert!(!text.is_workbook());

    let ods = std::fs::read(format!(
        "{}/../../tests/fixtures/import/office_log.ods",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    for (name, bytes) in [("book.xlsx", bytes), ("office_log.ods", ods)] {
        let worker = import_bytes(name, &bytes, &options);
        let got = decode_import(&encode_import(&worker, &options)).unwrap();
        assert_eq!(got, worker, "{name}");
        assert!(got.is_ok(), "{name}");
    }
    let refused = import_bytes("bomb.xlsx", &lying_zip(4_000_000_000), &options);
    assert!(refused.is_err());
    let missing: Result<Imported, ImportError> = Err(ImportError::MissingField {
        file: "x.xlsx".into(),
        field: "amount".into(),
    });
    for r in [refused, missing] {
        assert_eq!(decode_import(&encode_import(&r, &options)).unwrap(), r);
    }
    assert!(decode_import(b"").is_err());
    assert!(decode_import(b"\x07junk").is_err());
}

/// A zip whose central directory declares far more than it holds.
fn lying_zip(declared: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        std::io::Write::write_all(&mut w, b"<x/>").unwrap();
        w.finish().unwrap();
    }
    let mut bytes = out.into_inner();
    // Central directory header: signature PK\x01\x02, uncompressed size at offset 24.
    let at = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bytes[at + 24..at + 28].copy_from_slice(&declared.to_le_bytes());
    bytes
}

#[test]
fn zip_bombs_and_non_workbooks_are_refused_by_name() {
    let err = sheet::check_zip("bomb.xlsx", &lying_zip(4_000_000_000)).unwrap_err();
    assert!(matches!(err, ImportError::ZipBomb { .. }), "{err:?}");
    assert!(err.to_string().starts_with("bomb.xlsx is refused"), "{err}");
    assert!(matches!(
        import_bytes(
            "bomb.xlsx",
            &lying_zip(4_000_000_000),
            &ImportOptions::default()
        ),
        Err(ImportError::ZipBomb { .. })
    ));
    assert!(sheet::check_zip("ok.xlsx", &lying_zip(4)).is_ok());
    let err = import_bytes(
        "fake.xlsx",
        b"PK\x03\x04 not a zip",
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::NotSpreadsheet { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "fake.xlsx is not a readable workbook (it may be damaged or not really an .xlsx)."
    );
    assert_eq!(
        import_bytes("empty.xlsx", b"", &ImportOptions::default()).unwrap_err(),
        ImportError::Empty {
            file: "empty.xlsx".into()
        }
    );
}

#[test]
fn a_stray_cell_at_the_far_corner_costs_nothing() {
    // A dense range for this sheet would be 2^20 × 2^14 cells; it is read cell by cell.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Customer", "Amount"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "Acme").unwrap();
    ws.write_number(1, 1, 42.0).unwrap();
    ws.write_string(1_048_575, 16_383, "stray").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let list = sheets("far.xlsx", &bytes).unwrap();
    assert_eq!((list[0].rows, list[0].columns), (1_048_576, 16_384));
    let imp = import_bytes("far.xlsx", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(imp.customers.len(), 1);
    assert_eq!(imp.customers[0].sales, 42.0);
    // The stray row has no customer: read and rejected, row number intact.
    assert_eq!(imp.report.rows_read, 2);
    assert_eq!(imp.report.rejected[0].row, 1_048_576);
}
