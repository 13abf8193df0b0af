//! The exports read back: the CSV with the `csv` crate, the XLSX with calamine, and every
//! customer's class under every exported method compared with the engine's (computed here
//! from `lookup`, not from the export's own code). On the sample and on 100k generated
//! customers; plus spreadsheet injection, negative numbers, an empty dataset, a dataset
//! without profit, and headers in the three languages.

use calamine::{Data, Reader, Xlsx};
use std::collections::HashMap;
use std::io::Cursor;
use tierwise_core::classify::{lookup, Engine, Method, Prepared};
use tierwise_core::export::{
    self, key_of_header, CsvExport, ExportError, Options, RejectedRow, Source, XlsxExport,
};
use tierwise_core::i18n::Lang;
use tierwise_core::import::{import_bytes, join, ImportOptions};
use tierwise_core::model::{Customer, Dataset};
use tierwise_core::{Attributes, Settings};

#[allow(dead_code)]
#[path = "../benches/gen_customers.rs"]
mod gen_customers;

fn sample_file(f: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../public/sample/{f}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The sample (customer master joined with the order log), with its sources and rejections.
fn sample_with(orders: &[u8]) -> (Engine, Vec<Source>, Vec<RejectedRow>) {
    let master = import_bytes(
        "customers.csv",
        &sample_file("customers.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    let log = import_bytes("orders.csv", orders, &ImportOptions::default()).unwrap();
    let (ds, _) = join::join(Some(&master), Some(&log));
    let sources = vec![Source::of(&master), Source::of(&log)];
    let mut rejected = RejectedRow::of_report(&master.report);
    rejected.extend(RejectedRow::of_report(&log.report));
    let engine = Engine::new(Prepared::new(ds), &Settings::default());
    (engine, sources, rejected)
}

fn sample() -> (Engine, Vec<Source>, Vec<RejectedRow>) {
    sample_with(&sample_file("orders.csv"))
}

/// Per customer and per method with classes, the engine's class key (a flag method's keys
/// joined by `;`); `None` for a method that could not run.
fn expected(engine: &Engine) -> Vec<(Method, Option<Vec<String>>)> {
    let all = engine.results();
    let n = engine.prepared().ds.len();
    Method::ALL
        .into_iter()
        .filter(|&m| !lookup::classes(m).is_empty())
        .map(|m| {
            if lookup::available(all, m).is_err() {
                return (m, None);
            }
            let classes = lookup::classes(m);
            let keys = (0..n)
                .map(|i| {
                    if m.is_multi() {
                        classes
                            .iter()
                            .filter(|c| lookup::in_class(all, m, c.index, i))
                            .map(|c| c.key)
                            .collect::<Vec<_>>()
                            .join(";")
                    } else {
                        lookup::class_of(all, m, i)
                            .map_or("", |k| classes[usize::from(k)].key)
                            .to_string()
                    }
                })
                .collect();
            (m, Some(keys))
        })
        .collect()
}

fn class_column(m: Method) -> String {
    format!(
        "{}.{}",
        m.key(),
        if m.is_multi() { "flags" } else { "class" }
    )
}

/// A table read back: the column keys (from the headers) and the rows as text.
struct Table {
    keys: Vec<String>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn col(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| k == key)
    }

    fn get(&self, row: usize, key: &str) -> &str {
        &self.rows[row][self.col(key).unwrap_or_else(|| panic!("no column {key}"))]
    }
}

fn read_csv(bytes: &[u8]) -> Table {
    let body = bytes
        .strip_prefix(export::csv::BOM)
        .expect("the CSV starts with a BOM");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body);
    let mut records = r.records().map(|x| {
        x.expect("RFC 4180 record")
            .iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    });
    let headers = records.next().expect("a header row");
    let keys = headers
        .iter()
        .map(|h| key_of_header(h).expect("a key in each header").to_string())
        .collect();
    Table {
        keys,
        headers,
        rows: records.collect(),
    }
}

fn open_xlsx(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
    Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook")
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => format!("{other}"),
    }
}

/// The first sheet (Customers) as a table, and its raw cells.
fn read_xlsx_customers(bytes: &[u8]) -> (Table, calamine::Range<Data>) {
    let mut wb = open_xlsx(bytes);
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let mut rows = range.rows();
    let headers: Vec<String> = rows.next().expect("header").iter().map(cell_text).collect();
    let keys = headers
        .iter()
        .map(|h| key_of_header(h).expect("a key in each header").to_string())
        .collect();
    let rows = rows.map(|r| r.iter().map(cell_text).collect()).collect();
    (
        Table {
            keys,
            headers,
            rows,
        },
        range,
    )
}

/// No cell of any sheet is a formula.
fn assert_no_formula(bytes: &[u8]) {
    let mut wb = open_xlsx(bytes);
    for name in wb.sheet_names() {
        let f = wb.worksheet_formula(&name).unwrap();
        assert!(
            f.used_cells().all(|(_, _, s)| s.is_empty()),
            "a formula in sheet {name}"
        );
    }
}

/// Every customer's id and class (every method that could run) as the engine has them; the
/// methods that could not run have no column.
fn assert_classes_match(engine: &Engine, t: &Table, what: &str) {
    let ds = &engine.prepared().ds;
    assert_eq!(t.rows.len(), ds.len(), "{what}: one row per customer");
    for (i, c) in ds.customers.iter().enumerate() {
        assert_eq!(t.get(i, "id"), c.id, "{what}: row {i}");
    }
    let mut compared = 0;
    for (m, keys) in expected(engine) {
        let key = class_column(m);
        match keys {
            None => assert!(
                t.keys
                    .iter()
                    .all(|k| !k.starts_with(&format!("{}.", m.key()))),
                "{what}: {m:?} could not run and has no column"
            ),
            Some(keys) => {
                for (i, want) in keys.iter().enumerate() {
                    assert_eq!(t.get(i, &key), want, "{what}: {m:?}, customer {i}");
                }
                compared += 1;
            }
        }
    }
    assert!(compared >= 5, "{what}: only {compared} methods compared");
}

fn options(lang: Lang, sources: Vec<Source>, rejected: Vec<RejectedRow>) -> Options {
    Options {
        lang,
        sources,
        rejected,
        created: chrono::NaiveDate::from_ymd_opt(2025, 1, 2).and_then(|d| d.and_hms_opt(3, 4, 5)),
        ..Options::default()
    }
}

#[test]
fn sample_round_trips_in_both_formats_and_every_language() {
    let (engine, sources, rejected) = sample();
    for lang in Lang::ALL {
        let opts = options(lang, sources.clone(), rejected.clone());
        let csv = export::to_csv(&engine, &opts).unwrap();
        let t = read_csv(&csv);
        assert_classes_match(&engine, &t, "sample CSV");
        let xlsx = export::to_xlsx(&engine, &opts).unwrap();
        let (x, _) = read_xlsx_customers(&xlsx);
        assert_classes_match(&engine, &x, "sample XLSX");
        assert_eq!(t.headers, x.headers);
        assert_no_formula(&xlsx);
        let mut wb = open_xlsx(&xlsx);
        assert_eq!(wb.sheet_names().len(), 5);
        // The class names are in the chosen language.
        let abc = lookup::classes(Method::Abc);
        let all = engine.results();
        for i in 0..engine.prepared().ds.len() {
            let want = lookup::class_of(all, Method::Abc, i)
                .map_or("", |k| abc[usize::from(k)].name.get(lang));
            assert_eq!(t.get(i, "abc.class_name"), want);
        }
        // The explain drawer's reasons, in the chosen language.
        let why = engine.explain(0);
        let e = why.iter().find(|e| e.method == Method::Abc).unwrap();
        assert_eq!(
            t.get(0, "abc.why"),
            tierwise_core::format::reasons(&e.reasons, lang)
        );
        // Settings: every setting in force, and the sources' row accounting.
        let name = wb.sheet_names()[3].clone();
        let settings = wb.worksheet_range(&name).unwrap();
        let rows: Vec<Vec<String>> = settings
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        let value_of = |key: &str| {
            rows.iter()
                .find(|r| r.first().map(String::as_str) == Some(key))
                .map(|r| r[1].clone())
        };
        assert_eq!(value_of("abc.a_pct").as_deref(), Some("80"));
        assert_eq!(value_of("tiers.measure").as_deref(), Some("Sales"));
        for src in &sources {
            let row = rows
                .iter()
                .find(|r| r.first() == Some(&src.file))
                .expect("a row per source");
            assert_eq!(row[5], src.rows_read.to_string());
            assert_eq!(row[6], src.rows_used.to_string());
            assert_eq!(row[7], src.rows_rejected.to_string());
        }
        // Classes: the counts of lookup::summary.
        let name = wb.sheet_names()[1].clone();
        let classes = wb.worksheet_range(&name).unwrap();
        let summary = lookup::summary(engine.prepared(), all, Method::Abc).unwrap();
        let title = format!("{} [abc]", Method::Abc.name().get(lang));
        let a = classes
            .rows()
            .skip_while(|r| r.first().map(cell_text) != Some(title.clone()))
            .find(|r| r.get(1).map(cell_text).as_deref() == Some("A"))
            .expect("the ABC block's class A");
        assert_eq!(cell_text(&a[2]), summary.rows[0].count.to_string());
        // Staffing: the plan's total.
        let name = wb.sheet_names()[2].clone();
        let staffing = wb.worksheet_range(&name).unwrap();
        let total = all.staffing.total_needed.to_string();
        assert!(staffing
            .rows()
            .any(|r| r.get(4).map(cell_text) == Some(total.clone())));
    }
}

#[test]
fn slices_give_the_same_files_and_a_change_stops_the_export() {
    let (engine, sources, rejected) = sample();
    let opts = options(Lang::Es, sources, rejected);
    let whole_csv = export::to_csv(&engine, &opts).unwrap();
    let whole_xlsx = export::to_xlsx(&engine, &opts).unwrap();
    let mut c = CsvExport::new(&engine, &opts).unwrap();
    let mut x = XlsxExport::new(&engine, &opts).unwrap();
    let mut last = 0;
    loop {
        let p = c.step(&engine, 7).unwrap();
        assert!(p.done > last || p.is_done());
        last = p.done;
        x.step(&engine, 7).unwrap();
        if p.is_done() {
            break;
        }
    }
    while !x.step(&engine, 7).unwrap().is_done() {}
    assert_eq!(c.finish().unwrap(), whole_csv);
    let pieces = x.finish_in_pieces().unwrap();
    assert_eq!(pieces.concat(), whole_xlsx);

    // Not finished: refused.
    let mut c = CsvExport::new(&engine, &opts).unwrap();
    c.step(&engine, 3).unwrap();
    assert!(matches!(c.finish(), Err(ExportError::Unfinished(_))));
    // Other settings mid-way: refused.
    let mut c = CsvExport::new(&engine, &opts).unwrap();
    c.step(&engine, 3).unwrap();
    let mut moved = engine.clone();
    let mut s = Settings::default();
    s.abc.a_pct = 70.0;
    moved.update(&s);
    assert_eq!(c.step(&moved, 3), Err(ExportError::Changed));
    // A filtered selection, in its order.
    let rows = vec![5u32, 1, 3];
    let sel = Options {
        rows: Some(rows.clone()),
        ..opts.clone()
    };
    let t = read_csv(&export::to_csv(&engine, &sel).unwrap());
    let ids: Vec<&str> = t.rows.iter().map(|r| r[0].as_str()).collect();
    let want: Vec<&str> = rows
        .iter()
        .map(|&i| engine.prepared().ds.customers[i as usize].id.as_str())
        .collect();
    assert_eq!(ids, want);
    let bad = Options {
        rows: Some(vec![1_000_000]),
        ..opts
    };
    assert!(matches!(
        CsvExport::new(&engine, &bad),
        Err(ExportError::NoSuchCustomer(1_000_000))
    ));
}

/// Pieces handed out as the export goes (the page keeps them in a Blob), then the rest: the
/// same file, byte for byte, as written whole; and what the export holds stays a piece or two.
#[test]
fn pieces_handed_out_as_it_goes_make_the_same_file() {
    let engine = Engine::new(
        Prepared::new(gen_customers::dataset(20_000)),
        &Settings::default(),
    );
    let opts = Options {
        omit_why: true,
        ..options(Lang::En, Vec::new(), Vec::new())
    };
    let whole_csv = export::to_csv(&engine, &opts).unwrap();
    let whole_xlsx = export::to_xlsx(&engine, &opts).unwrap();
    assert!(whole_csv.len() > 3 * export::PIECE && whole_xlsx.len() > 3 * export::PIECE);

    let mut c = CsvExport::new(&engine, &opts).unwrap();
    let mut got: Vec<Vec<u8>> = Vec::new();
    while !c.step(&engine, 1_000).unwrap().is_done() {
        got.extend(c.take_written().unwrap());
    }
    got.extend(c.take_written().unwrap());
    let handed = got.len();
    assert!(handed >= 3, "{handed} pieces handed out");
    assert!(got.iter().all(|p| p.len() == export::PIECE));
    let rest = c.finish_in_pieces().unwrap();
    assert!(
        rest.len() <= 1,
        "the export held {} pieces at the end",
        rest.len()
    );
    got.extend(rest);
    assert_eq!(got.concat(), whole_csv);

    let mut x = XlsxExport::new(&engine, &opts).unwrap();
    let mut got: Vec<Vec<u8>> = Vec::new();
    while !x.step(&engine, 1_000).unwrap().is_done() {
        got.extend(x.take_written());
    }
    assert!(got.len() >= 3);
    let rest = x.finish_in_pieces().unwrap();
    assert!(
        rest.len() <= 2,
        "the export held {} pieces at the end",
        rest.len()
    );
    got.extend(rest);
    assert_eq!(got.concat(), whole_xlsx);
}

#[test]
fn generated_100k_customers_round_trip() {
    let engine = Engine::new(
        Prepared::new(gen_customers::dataset(100_000)),
        &Settings::default(),
    );
    // The "why" columns left out: the classes are what is compared, the reasons at scale
    // are the benchmark's, and a debug build reads half the bytes.
    let opts = Options {
        omit_why: true,
        ..options(Lang::ZhCn, Vec::new(), Vec::new())
    };
    let csv = export::to_csv(&engine, &opts).unwrap();
    let t = read_csv(&csv);
    assert_classes_match(&engine, &t, "100k CSV");
    assert!(t.keys.iter().all(|k| !k.ends_with(".why")));
    drop((csv, t));
    let xlsx = export::to_xlsx(&engine, &opts).unwrap();
    let (t, range) = read_xlsx_customers(&xlsx);
    assert_classes_match(&engine, &t, "100k XLSX");
    // Figures read back as the numbers they are.
    let profit = t.col("profit").unwrap();
    let ds = &engine.prepared().ds;
    for (i, c) in ds.customers.iter().enumerate().step_by(997) {
        match (c.profit, range.get((i + 1, profit))) {
            (Some(p), Some(Data::Float(v))) => assert_eq!(*v, p),
            (None, None | Some(Data::Empty)) => {}
            (want, got) => panic!("customer {i}: profit {want:?}, cell {got:?}"),
        }
    }
}

fn customer(id: &str, name: &str, sales: f64, profit: f64) -> Customer {
    Customer {
        id: id.into(),
        name: name.into(),
        sales,
        profit: Some(profit),
        orders: Some(3),
        attrs: Attributes {
            owner: Some(name.into()),
            ..Default::default()
        }
        .into(),
        ..Default::default()
    }
}

const INJECTIONS: [&str; 6] = [
    "=HYPERLINK(\"http://x\",\"y\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+2",
    "\tTab",
    "\rCR",
];

#[test]
fn injected_text_arrives_inert_and_negative_numbers_stay_numbers() {
    let mut customers: Vec<Customer> = INJECTIONS
        .iter()
        .enumerate()
        .map(|(k, name)| customer(&format!("c{k}"), name, 1000.0 * (k + 1) as f64, 100.0))
        .collect();
    customers.push(customer("-5", "Plain", 500.0, -950.5));
    let engine = Engine::new(
        Prepared::new(Dataset::new(customers, Vec::new(), None)),
        &Settings::default(),
    );
    let rejected = vec![RejectedRow {
        file: "=evil.csv".into(),
        row: 7,
        column: "@col".into(),
        value: "=1+1".into(),
        reason: "not a number".into(),
    }];
    let opts = options(Lang::En, Vec::new(), rejected);

    let t = read_csv(&export::to_csv(&engine, &opts).unwrap());
    for (k, name) in INJECTIONS.iter().enumerate() {
        assert_eq!(t.get(k, "name"), format!("'{name}"));
        assert_eq!(t.get(k, "owner"), format!("'{name}"));
    }
    // An id that is a plain number runs nothing and is written as it is (csv_safe: only
    // text that could start a formula gets the apostrophe), so it goes back to a CRM intact.
    assert_eq!(t.get(6, "id"), "-5");
    assert_eq!(t.get(6, "profit"), "-950.5");

    let xlsx = export::to_xlsx(&engine, &opts).unwrap();
    assert_no_formula(&xlsx);
    let (t, range) = read_xlsx_customers(&xlsx);
    let name = t.col("name").unwrap();
    for (k, want) in INJECTIONS.iter().enumerate() {
        assert_eq!(
            range.get((k + 1, name)),
            Some(&Data::String(want.to_string())),
            "a string cell, as it was"
        );
    }
    assert_eq!(range.get((7, 0)), Some(&Data::String("-5".into())));
    let profit = t.col("profit").unwrap();
    assert_eq!(range.get((7, profit)), Some(&Data::Float(-950.5)));
    // The rejected row, as strings.
    let mut wb = open_xlsx(&xlsx);
    let name = wb.sheet_names()[4].clone();
    let r = wb.worksheet_range(&name).unwrap();
    assert_eq!(r.get((1, 0)), Some(&Data::String("=evil.csv".into())));
    assert_eq!(r.get((1, 1)), Some(&Data::Float(7.0)));
    assert_eq!(r.get((1, 3)), Some(&Data::String("=1+1".into())));
    // In the XML: inline strings with Excel's quote prefix, no formula element.
    let mut zip = zip::ZipArchive::new(Cursor::new(&xlsx)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(!sheet.contains("<f>") && !sheet.contains("<f "));
    assert!(
        sheet.contains(r#"s="2" t="inlineStr"><is><t>=HYPERLINK(&quot;"#)
            || sheet.contains(r#"s="2" t="inlineStr"><is><t>=HYPERLINK(""#)
    );
}

#[test]
fn an_empty_dataset_exports_headers_only() {
    let engine = Engine::new(Prepared::new(Dataset::default()), &Settings::default());
    let opts = options(Lang::En, Vec::new(), Vec::new());
    let csv = export::to_csv(&engine, &opts).unwrap();
    let t = read_csv(&csv);
    assert!(t.rows.is_empty());
    assert!(t.keys.starts_with(&["id".to_string(), "name".into()]));
    let xlsx = export::to_xlsx(&engine, &opts).unwrap();
    let (t, _) = read_xlsx_customers(&xlsx);
    assert!(t.rows.is_empty());
    assert_no_formula(&xlsx);
}

#[test]
fn without_profit_the_methods_that_need_it_are_left_out_and_the_settings_say_why() {
    // The sample's order log without its Profit column.
    let text = String::from_utf8(sample_file("orders.csv")).unwrap();
    let orders: String = text
        .lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            cells.remove(4);
            cells.join(",") + "\n"
        })
        .collect();
    assert!(orders.starts_with("Order ID,Customer ID,Order date,Amount,Product"));
    let (engine, sources, rejected) = sample_with(orders.as_bytes());
    assert!(!engine.prepared().has(tierwise_core::import::Field::Profit));
    let left_out: Vec<(Method, String)> = Method::ALL
        .into_iter()
        .filter(|&m| !lookup::classes(m).is_empty())
        .filter_map(|m| {
            let missing = engine.results().available(m).err()?;
            let keys: Vec<&str> = missing.any_of.iter().map(|f| f.key()).collect();
            Some((m, keys.join(";")))
        })
        .collect();
    assert!(
        left_out
            .iter()
            .any(|(m, keys)| *m == Method::Value && keys == "profit"),
        "{left_out:?}"
    );
    let opts = options(Lang::En, sources, rejected);
    let t = read_csv(&export::to_csv(&engine, &opts).unwrap());
    assert!(t.col("profit").is_none());
    assert_classes_match(&engine, &t, "no-profit CSV");
    let xlsx = export::to_xlsx(&engine, &opts).unwrap();
    let (x, _) = read_xlsx_customers(&xlsx);
    assert_classes_match(&engine, &x, "no-profit XLSX");
    let mut wb = open_xlsx(&xlsx);
    let name = wb.sheet_names()[3].clone();
    let settings = wb.worksheet_range(&name).unwrap();
    for (m, why) in &left_out {
        assert!(
            settings.rows().any(|r| {
                r.get(1).map(cell_text).as_deref() == Some(m.key())
                    && r.get(3).map(cell_text).as_deref() == Some(why.as_str())
            }),
            "the Settings sheet says why {m:?} is left out ({why})"
        );
    }
}

#[test]
fn every_language_has_headers_with_the_same_keys() {
    let (engine, sources, rejected) = sample();
    let mut by_lang: HashMap<Lang, Table> = HashMap::new();
    for lang in Lang::ALL {
        let opts = options(lang, sources.clone(), rejected.clone());
        let t = read_csv(&export::to_csv(&engine, &opts).unwrap());
        assert!(
            t.headers.len() > 20,
            "{lang:?}: {} columns",
            t.headers.len()
        );
        for h in &t.headers {
            let name = &h[..h.len() - key_of_header(h).unwrap().len() - 3];
            assert!(!name.trim().is_empty(), "{lang:?}: {h}");
        }
        let xlsx = export::to_xlsx(&engine, &opts).unwrap();
        let names = open_xlsx(&xlsx).sheet_names();
        assert_eq!(names.len(), 5);
        by_lang.insert(lang, t);
    }
    let en = &by_lang[&Lang::En];
    for lang in [Lang::ZhCn, Lang::Es] {
        let other = &by_lang[&lang];
        assert_eq!(other.keys, en.keys, "{lang:?}: the same keys");
        assert_ne!(other.headers, en.headers, "{lang:?}: its own names");
    }
    assert_eq!(en.headers[0], "Id [id]");
    assert_eq!(by_lang[&Lang::ZhCn].headers[5], "销售额 [sales]");
}

/// A pinned exception travels with its customer: the kind, its name, the user's reason
/// (made inert like any text) and the day, and the value class says "kept". Without a pin
/// of a customer in the data there are no pin columns.
#[test]
fn pinned_exceptions_are_exported_with_their_reason() {
    use tierwise_core::settings::{Pin, PinKind};
    let customers = vec![
        customer("a", "Alpha", 9000.0, 500.0),
        customer("b", "Beta", 3000.0, -100.0),
        customer("c", "Gamma", 2000.0, -50.0),
    ];
    let ds = Dataset::new(customers, Vec::new(), None);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 5, 1);
    let mut s = Settings::default();
    s.pin(Pin::new(
        PinKind::KeepFiveS,
        "nobody",
        "not in the data",
        day,
    ));
    let opts = options(Lang::En, Vec::new(), Vec::new());

    let engine = Engine::new(Prepared::new(ds.clone()), &s);
    let t = read_csv(&export::to_csv(&engine, &opts).unwrap());
    assert_eq!(t.col("pin.kind"), None, "no customer of the data is pinned");

    s.pin(Pin::new(PinKind::KeepBzc, "b", "=draws traffic", day));
    s.pin(Pin::new(PinKind::KeepFiveS, "b", "sells our spares", None));
    let engine = Engine::new(Prepared::new(ds), &s);
    let t = read_csv(&export::to_csv(&engine, &opts).unwrap());
    let keys: Vec<&str> = t.keys.iter().map(String::as_str).collect();
    let at = keys
        .iter()
        .position(|&k| k == "pin.kind")
        .expect("pin columns");
    assert_eq!(
        &keys[at..at + 4],
        ["pin.kind", "pin.kind_name", "pin.reason", "pin.date"]
    );
    assert_eq!(t.headers[at + 2], "Pinned exception: why [pin.reason]");
    // Rows in data order: a, b, c.
    assert_eq!(t.get(1, "pin.kind"), "bzc;five_s");
    assert_eq!(
        t.get(1, "pin.kind_name"),
        "Keep although below zero (BZC); Keep in the 5S review (not given up)"
    );
    assert_eq!(t.get(1, "pin.reason"), "'=draws traffic; sells our spares");
    assert_eq!(t.get(1, "pin.date"), "2026-05-01");
    assert_eq!(t.get(1, "value.class"), "bzc_kept");
    assert_eq!(
        t.get(1, "value.why"),
        "Profit: -100 ≤ 0; Pinned as an exception, kept although below zero: =draws traffic"
    );
    for row in [0, 2] {
        for key in ["pin.kind", "pin.kind_name", "pin.reason", "pin.date"] {
            assert_eq!(t.get(row, key), "", "{key} of row {row}");
        }
    }
    assert_eq!(t.get(2, "value.class"), "bzc");

    let xlsx = export::to_xlsx(&engine, &opts).unwrap();
    assert_no_formula(&xlsx);
    let (t, range) = read_xlsx_customers(&xlsx);
    let reason = t.col("pin.reason").unwrap();
    assert_eq!(
        range.get((2, reason)),
        Some(&Data::String("=draws traffic; sells our spares".into()))
    );
}

/// A renamed RFM segment (issue 18): the class name column carries the user's name in every
/// language, the key column the stable key, and so does the Classes sheet; the classes are
/// those of the unnamed table.
#[test]
fn a_renamed_rfm_segment_is_exported_by_its_name_and_stable_key() {
    let (engine, sources, rejected) = sample();
    let mut s = Settings::default();
    let champions = s
        .rfm
        .segments
        .iter_mut()
        .find(|r| r.segment == "champions")
        .unwrap();
    champions.name = Some("=Top buyers".into());
    let named = Engine::new(engine.prepared().clone(), &s);
    assert_eq!(named.results().rfm, engine.results().rfm, "same classes");
    let all = named.results();
    let n = named.prepared().ds.len();
    let is = |i: usize, key: &str| {
        lookup::class_of(all, Method::Rfm, i)
            .map(|k| lookup::classes(Method::Rfm)[usize::from(k)].key == key)
            .unwrap_or(false)
    };
    let champs: Vec<usize> = (0..n).filter(|&i| is(i, "champions")).collect();
    let loyal = (0..n).find(|&i| is(i, "loyal")).expect("a loyal customer");
    assert!(!champs.is_empty());
    for lang in Lang::ALL {
        let opts = options(lang, sources.clone(), rejected.clone());
        let t = read_csv(&export::to_csv(&named, &opts).unwrap());
        for &i in &champs {
            assert_eq!(t.get(i, "rfm.class"), "champions");
            // The quote prefix: a name that looks like a formula stays text.
            assert_eq!(t.get(i, "rfm.class_name"), "'=Top buyers");
        }
        let loyal_name = lookup::class_by_key(Method::Rfm, "loyal").unwrap().name;
        assert_eq!(t.get(loyal, "rfm.class_name"), loyal_name.get(lang));
        assert_eq!(t.get(loyal, "rfm.class"), "loyal");

        let xlsx = export::to_xlsx(&named, &opts).unwrap();
        assert_no_formula(&xlsx);
        let (x, _) = read_xlsx_customers(&xlsx);
        assert_eq!(x.get(champs[0], "rfm.class_name"), "=Top buyers");
        assert_eq!(x.get(champs[0], "rfm.class"), "champions");
        let mut wb = open_xlsx(&xlsx);
        let name = wb.sheet_names()[1].clone();
        let classes = wb.worksheet_range(&name).unwrap();
        let title = format!("{} [rfm]", Method::Rfm.name().get(lang));
        let row = classes
            .rows()
            .skip_while(|r| r.first().map(cell_text) != Some(title.clone()))
            .find(|r| r.get(1).map(cell_text).as_deref() == Some("champions"))
            .expect("the RFM block's champions");
        assert_eq!(cell_text(&row[0]), "=Top buyers");
        assert_eq!(cell_text(&row[2]), champs.len().to_string());
        assert!(cell_text(&row[7]).starts_with("=Top buyers"), "{row:?}");
    }
}

/// A segment of the user's own (issue 18) and a renamed "others": the CSV's class name column
/// carries the user's names, its key column `own_1` and `others`; the Classes sheet lists
/// own_1 by its name and leaves out the own segments not in the table. Which customers are
/// own_1 is found here from their scores and the rule's ranges (R 4–5, M 5, first in the
/// table), not from the classes.
#[test]
fn an_own_rfm_segment_is_exported_by_its_name_and_its_key() {
    let (engine, sources, rejected) = sample();
    let mut s = Settings::default();
    let mut own = s.rfm.segments[0].clone();
    own.segment = "own_1".into();
    own.name = Some("Recent big spenders".into());
    (own.r, own.f, own.m) = ([4, 5], [1, 5], [5, 5]);
    s.rfm.segments.insert(0, own);
    s.rfm.others_name = Some("Unsorted".into());
    let named = Engine::new(engine.prepared().clone(), &s);
    let all = named.results();
    let rfm = all.rfm.as_ref().unwrap();
    let n = named.prepared().ds.len();
    let key_of = |i: usize| {
        lookup::class_of(all, Method::Rfm, i)
            .map(|k| lookup::classes(Method::Rfm)[usize::from(k)].key)
    };
    let own: Vec<usize> = (0..n)
        .filter(|&i| rfm.scores[i].is_some_and(|(r, _, m)| r >= 4 && m == 5))
        .collect();
    assert!(own.len() > 1, "the sample has recent big spenders");
    for i in 0..n {
        assert_eq!(key_of(i) == Some("own_1"), own.contains(&i), "customer {i}");
    }
    let others: Vec<usize> = (0..n).filter(|&i| key_of(i) == Some("others")).collect();
    assert!(
        !others.is_empty(),
        "the sample has customers no segment takes"
    );
    for lang in Lang::ALL {
        let opts = options(lang, sources.clone(), rejected.clone());
        let t = read_csv(&export::to_csv(&named, &opts).unwrap());
        for &i in &own {
            assert_eq!(t.get(i, "rfm.class"), "own_1");
            assert_eq!(t.get(i, "rfm.class_name"), "Recent big spenders");
        }
        for &i in &others {
            assert_eq!(t.get(i, "rfm.class"), "others");
            assert_eq!(t.get(i, "rfm.class_name"), "Unsorted");
        }

        let xlsx = export::to_xlsx(&named, &opts).unwrap();
        let mut wb = open_xlsx(&xlsx);
        let name = wb.sheet_names()[1].clone();
        let classes = wb.worksheet_range(&name).unwrap();
        let title = format!("{} [rfm]", Method::Rfm.name().get(lang));
        let block: Vec<Vec<String>> = classes
            .rows()
            .skip_while(|r| r.first().map(cell_text) != Some(title.clone()))
            .skip(1)
            .take_while(|r| r.first().is_some_and(|c| !cell_text(c).is_empty()))
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        let row = |key: &str| {
            block
                .iter()
                .find(|r| r.get(1).map(String::as_str) == Some(key))
        };
        let own_row = row("own_1").expect("own_1 in the Classes sheet");
        assert_eq!(own_row[0], "Recent big spenders");
        assert_eq!(own_row[2], own.len().to_string());
        assert!(own_row[7].starts_with("Recent big spenders"), "{own_row:?}");
        assert_eq!(row("others").expect("others")[0], "Unsorted");
        assert!(
            row("own_2").is_none(),
            "own_2 is not in the table: {block:?}"
        );
        assert!(row("lost").is_some());
    }
}
