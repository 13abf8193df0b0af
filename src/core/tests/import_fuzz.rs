//! Property tests over the import entry points: arbitrary bytes never panic, and CSV-ish text
//! always balances (rows read = rows used + rows rejected), whole or streamed in chunks.

use proptest::prelude::*;
use tierwise_core::import::{
    import_bytes, import_csv, sheet, DateOrder, DecimalSep, ImportOptions, Shape, StreamImporter,
};

/// Cells that exercise the parsers: numbers in three conventions, dates in every format,
/// quotes, delimiters inside quotes, CJK, empties, garbage.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Acme".to_string()),
        Just("甲公司".to_string()),
        Just("\"Smith, J\"".to_string()),
        Just("\"say \"\"hi\"\"\"".to_string()),
        Just("\"multi\nline\"".to_string()),
        Just("1.234".to_string()),
        Just("1,234".to_string()),
        Just("5,5".to_string()),
        Just("(250)".to_string()),
        Just("¥1,200".to_string()),
        Just("1 234,56 €".to_string()),
        Just("-7.5".to_string()),
        Just("35%".to_string()),
        Just("03/05/2024".to_string()),
        Just("25/12/2024".to_string()),
        Just("12/25/2024".to_string()),
        Just("2024年3月5日".to_string()),
        Just("45356".to_string()),
        Just("2024-02-30".to_string()),
        Just("cancelled".to_string()),
        "[a-zA-Z0-9 .,;|/\\-]{0,12}",
        any::<u32>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| f.to_string()),
    ]
}

fn header() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Customer".to_string()),
        Just("客户名称".to_string()),
        Just("Date".to_string()),
        Just("fecha".to_string()),
        Just("Amount".to_string()),
        Just("Profit".to_string()),
        Just("Cost".to_string()),
        Just("Product".to_string()),
        Just("Due date".to_string()),
        Just("Paid date".to_string()),
        Just("Status".to_string()),
        Just("Orders".to_string()),
        Just("Share of wallet".to_string()),
        Just("Credit rating".to_string()),
        "[a-z]{0,6}",
    ]
}

fn csv_text() -> impl Strategy<Value = (String, u8)> {
    csv_text_of(0..30)
}

/// As [`csv_text`], with enough rows to get past the preview.
fn long_csv_text() -> impl Strategy<Value = (String, u8)> {
    csv_text_of(190..320)
}

/// A header, then `rows` rows of cells, with one delimiter and one line end throughout.
fn csv_text_of(rows: std::ops::Range<usize>) -> impl Strategy<Value = (String, u8)> {
    (
        prop::collection::vec(header(), 1..7),
        prop::collection::vec(prop::collection::vec(cell(), 0..8), rows),
        prop::sample::select(vec![b',', b';', b'\t', b'|']),
        prop::sample::select(vec!["\n", "\r\n", "\n\n"]),
    )
        .prop_map(|(headers, rows, d, nl)| {
            let sep = char::from(d).to_string();
            let mut text = headers.join(&sep);
            for r in rows {
                text.push_str(nl);
                text.push_str(&r.join(&sep));
            }
            (text, d)
        })
}

fn options() -> impl Strategy<Value = ImportOptions> {
    (
        prop::option::of(prop::sample::select(vec![
            Shape::Customers,
            Shape::Transactions,
        ])),
        prop::option::of(prop::sample::select(vec![
            DateOrder::DayFirst,
            DateOrder::MonthFirst,
        ])),
        prop::option::of(prop::sample::select(vec![
            DecimalSep::Dot,
            DecimalSep::Comma,
        ])),
        prop::option::of(1usize..5),
    )
        .prop_map(|(shape, date_order, decimal, header_row)| ImportOptions {
            shape,
            date_order,
            decimal,
            header_row,
            ..Default::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = import_bytes("any.bin", &bytes, &ImportOptions::default());
        let _ = sheet::sheets("any.bin", &bytes);
    }

    #[test]
    fn bytes_behind_a_workbook_signature_never_panic(
        sig in prop::sample::select(vec![
            b"PK\x03\x04".to_vec(),
            b"PK\x05\x06".to_vec(),
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        ]),
        tail in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut bytes = sig;
        bytes.extend(tail);
        prop_assert!(import_bytes("x.xlsx", &bytes, &ImportOptions::default()).is_err());
        let _ = sheet::sheets("x.xlsx", &bytes);
    }

    #[test]
    fn csv_text_always_balances((text, _) in csv_text(), opts in options()) {
        if let Ok(imp) = import_bytes("f.csv", text.as_bytes(), &opts) {
            prop_assert!(imp.report.balanced(), "{:?}", imp.report);
            prop_assert_eq!(imp.report.rows_used, match imp.shape {
                Shape::Transactions => imp.log.as_ref().map_or(0, |l| l.len()),
                Shape::Customers => imp.customers.len(),
            });
        }
    }

    #[test]
    fn streaming_in_any_chunks_matches_the_whole((text, _) in csv_text(), size in 1usize..64) {
        let whole = import_csv("f.csv", text.as_bytes());
        let mut s = StreamImporter::new("f.csv", ImportOptions::default());
        for piece in text.as_bytes().chunks(size) {
            s.push(piece);
        }
        let streamed = s.finish();
        match (whole, streamed) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.customers, b.customers);
                prop_assert_eq!(a.report, b.report);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "whole {:?} vs streamed {:?}", a.err(), b.err()),
        }
    }

    #[test]
    fn csv_text_in_other_encodings_never_panics((text, _) in csv_text(), enc in 0usize..4) {
        let bytes: Vec<u8> = match enc {
            0 => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            1 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            2 => encoding_rs::GBK.encode(&text).0.into_owned(),
            _ => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
        };
        if let Ok(imp) = import_bytes("f.csv", &bytes, &ImportOptions::default()) {
            prop_assert!(imp.report.balanced());
        }
    }
}

// Long texts cost more to generate and read: fewer cases.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Past the 200 preview rows the importer splits plain lines itself (`import::plain`):
    /// what it reads must be what csv-core alone reads, in chunks of any size.
    #[test]
    fn plain_lines_read_as_csv_core_reads_them(
        (text, _) in long_csv_text(),
        size in prop::sample::select(vec![1usize, 7, 64, 4096, 1 << 20]),
    ) {
        let read = |plain: bool| {
            let mut s = StreamImporter::new("f.csv", ImportOptions::default());
            if !plain {
                s = s.csv_core_only();
            }
            for piece in text.as_bytes().chunks(size) {
                s.push(piece);
            }
            s.finish()
        };
        prop_assert_eq!(read(true), read(false));
    }
}
