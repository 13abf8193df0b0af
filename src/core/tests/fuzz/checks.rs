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

pub fn workbook(data: &[u8]) {
    if let Ok(i) = import_bytes("fuzz.xlsx", data, &ImportOptions::default()) {
        assert!(i.report.balanced(), "unbalanced: {:?}", i.report);
    }
    let _ = sheets("fuzz.xlsx", data);
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
