//! What each fuzz target checks of one input. Shared, as source, by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`, nightly) and by the corpus replay (`tests/fuzz_corpus.rs`,
//! stable), so the committed inputs are checked exactly as the fuzzer checked them.
//!
//! A check panics (a finding) when the code under test panics, or when a property fails:
//! - `csv_stream`: the bytes read whole, streamed in chunks, and streamed with csv-core alone
//!   give the same import or the same error, and an import balances.
//! - `workbook`: a workbook (or anything else) read by `import_bytes` and `sheets` balances.
//! - `workspace`: a payload sealed as any part decodes or is refused; what decodes encodes
//!   and decodes again to the same thing.

#![allow(dead_code)]

use tierwise_core::import::{
    import_bytes, sheets, DateOrder, DecimalSep, ImportOptions, Imported, Shape, StreamImporter,
};
use tierwise_core::workspace::{self, envelope, Kind, Source};

/// The options and chunk size coded in the first byte of a `csv_stream` input.
fn csv_options(b: u8) -> (ImportOptions, usize) {
    let shape = match b & 3 {
        1 => Some(Shape::Customers),
        2 => Some(Shape::Transactions),
        _ => None,
    };
    let date_order = match (b >> 2) & 3 {
        1 => Some(DateOrder::DayFirst),
        2 => Some(DateOrder::MonthFirst),
        _ => None,
    };
    let decimal = match (b >> 4) & 3 {
        1 => Some(DecimalSep::Dot),
        2 => Some(DecimalSep::Comma),
        _ => None,
    };
    let chunk = [1, 3, 64, 4096, 65_537, 1 << 20, usize::MAX, 17][usize::from(b >> 5)];
    let options = ImportOptions {
        shape,
        date_order,
        decimal,
        ..Default::default()
    };
    (options, chunk)
}

/// An import as text, comparable even where a figure is NaN.
fn summary(r: &Result<Imported, tierwise_core::import::ImportError>) -> String {
    match r {
        Ok(i) => {
            assert!(i.report.balanced(), "unbalanced: {:?}", i.report);
            let log = i.log.as_ref().map(|l| {
                (
                    &l.customer_ids,
                    &l.customer,
                    &l.date,
                    l.amount.iter().map(f64::to_bits).collect::<Vec<_>>(),
                    l.profit.iter().map(f64::to_bits).collect::<Vec<_>>(),
                    l.cost.iter().map(f64::to_bits).collect::<Vec<_>>(),
                    &l.product,
                    &l.due,
                    &l.paid,
                )
            });
            format!(
                "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
                i.shape, i.mapping, i.customers, i.report, log, i.samples
            )
        }
        Err(e) => format!("error {e:?}"),
    }
}

pub fn csv_stream(data: &[u8]) {
    let Some((&head, bytes)) = data.split_first() else {
        return;
    };
    let (options, chunk) = csv_options(head);
    let whole = summary(&import_bytes("fuzz.csv", bytes, &options));
    for plain in [true, false] {
        let mut s = StreamImporter::new("fuzz.csv", options.clone());
        if !plain {
            s = s.csv_core_only();
        }
        for piece in bytes.chunks(chunk.max(1)) {
            s.push(piece);
        }
        let streamed = summary(&s.finish());
        assert_eq!(whole, streamed, "chunks of {chunk}, plain lines {plain}");
    }
}

/// The parts of a small XLSX around the one part a `workbook` input stands for.
const XLSX_PARTS: [(&str, &str); 5] = [
    (
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    ),
    (
        "xl/styles.xml",
        r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#,
    ),
];

const SHEET: &str = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>45000</v></c><c r="C2"><v>12.5</v></c></row></sheetData></worksheet>"#;

const SHARED: &str = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Customer</t></si><si><t>Date</t></si><si><t>Amount</t></si><si><t>Acme</t></si></sst>"#;

/// A zip of stored parts.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        let _ = w.start_file(*name, opts);
        let _ = w.write_all(bytes);
    }
    let _ = w.finish();
    out.into_inner()
}

/// A `workbook` input as the file it stands for. A zip or OLE signature (or nothing): the
/// bytes as they are. Otherwise the first byte picks the part the rest is, in a workbook made
/// around it, so that the fuzzer mutates XML rather than deflated bytes: 0 the whole file
/// still, 1 an XLSX sheet, 2 an XLSX shared-strings table, 3 an ODS content.xml.
pub fn workbook_file(data: &[u8]) -> Vec<u8> {
    let (mode, part) = match data.split_first() {
        None | Some((b'P' | 0xD0, _)) => return data.to_vec(),
        Some((&b, rest)) => (b % 4, rest),
    };
    let xlsx = |sheet: &[u8], shared: &[u8]| {
        let mut parts: Vec<(&str, &[u8])> =
            XLSX_PARTS.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
        parts.push(("xl/worksheets/sheet1.xml", sheet));
        parts.push(("xl/sharedStrings.xml", shared));
        zip_of(&parts)
    };
    match mode {
        0 => part.to_vec(),
        1 => xlsx(part, SHARED.as_bytes()),
        2 => xlsx(SHEET.as_bytes(), part),
        _ => zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
            ),
            ("content.xml", part),
        ]),
    }
}

pub fn workbook(data: &[u8]) {
    let file = workbook_file(data);
    if let Ok(i) = import_bytes("fuzz.xlsx", &file, &ImportOptions::default()) {
        assert!(i.report.balanced(), "unbalanced: {:?}", i.report);
    }
    let _ = sheets("fuzz.xlsx", &file);
}

pub fn workspace(data: &[u8]) {
    let _ = workspace::decode_file(data);
    let Some((&head, payload)) = data.split_first() else {
        return;
    };
    match head % 5 {
        0 | 1 => {
            let version = if head % 5 == 0 { 2 } else { 1 };
            let bytes = envelope::seal(Kind::File, version, payload);
            if let Ok(f) = workspace::decode_file(&bytes) {
                let again = workspace::encode_file(
                    &f.state,
                    f.data.master.as_ref().map(Source::as_ref),
                    f.data.log.as_ref().map(Source::as_ref),
                    f.data.is_sample,
                    &f.reviews,
                );
                let back = workspace::decode_file(&again).expect("what decoded decodes again");
                assert_eq!(format!("{back:?}"), format!("{f:?}"));
            }
        }
        2 => {
            let bytes = envelope::seal(Kind::Data, 2, payload);
            if let Ok(d) = workspace::decode_data(&bytes) {
                let again = workspace::encode_data(
                    d.master.as_ref().map(Source::as_ref),
                    d.log.as_ref().map(Source::as_ref),
                    d.is_sample,
                );
                let back = workspace::decode_data(&again).expect("what decoded decodes again");
                assert_eq!(format!("{back:?}"), format!("{d:?}"));
            }
        }
        3 => {
            let bytes = envelope::seal(Kind::State, 2, payload);
            if let Ok(s) = workspace::decode_state(&bytes) {
                let back = workspace::decode_state(&workspace::encode_state(&s))
                    .expect("what decoded decodes again");
                assert_eq!(format!("{back:?}"), format!("{s:?}"));
            }
        }
        _ => {
            let bytes = envelope::seal(Kind::Reviews, 2, payload);
            if let Ok(r) = workspace::decode_reviews(&bytes) {
                let back = workspace::decode_reviews(&workspace::encode_reviews(&r))
                    .expect("what decoded decodes again");
                assert_eq!(format!("{back:?}"), format!("{r:?}"));
            }
        }
    }
}
