//! The workspace format: round trips, the schema version 1 fixture read by this version,
//! and refusal of damaged, edited or foreign files.

use tierwise_core::classify::five_s::{CoordinationNote, FiveSClass};
use tierwise_core::import::{import_csv, ImportOptions, Imported};
use tierwise_core::workspace::{
    self, compare, decode_data, decode_file, decode_reviews, decode_state, encode_data,
    encode_data_in_pieces, encode_file, encode_reviews, encode_state, v1, Dimension, FormatError,
    Review, SourceRef, State, StrategicException,
};
use tierwise_core::{run_all, Dataset, Prepared, Settings};

fn root() -> String {
    format!("{}/../..", env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> (Imported, Imported) {
    let read = |f: &str| std::fs::read(format!("{}/public/sample/{f}", root())).unwrap();
    (
        import_csv("customers.csv", &read("customers.csv")).unwrap(),
        import_csv("orders.csv", &read("orders.csv")).unwrap(),
    )
}

/// `Imported` with NaN (missing) log figures compared bit for bit.
fn same_imported(a: &Imported, b: &Imported) {
    let strip = |i: &Imported| Imported {
        log: None,
        ..i.clone()
    };
    assert_eq!(strip(a), strip(b));
    match (&a.log, &b.log) {
        (None, None) => {}
        (Some(x), Some(y)) => {
            let bits = |v: &tierwise_core::import::money::Money| {
                v.iter().map(f64::to_bits).collect::<Vec<_>>()
            };
            assert_eq!(x.customer_ids, y.customer_ids);
            assert_eq!(x.customer, y.customer);
            assert_eq!(x.date, y.date);
            assert_eq!(x.product, y.product);
            assert_eq!((&x.due, &x.paid), (&y.due, &y.paid));
            assert_eq!(bits(&x.amount), bits(&y.amount));
            assert_eq!(bits(&x.profit), bits(&y.profit));
            assert_eq!(bits(&x.cost), bits(&y.cost));
        }
        _ => panic!("log present on one side only"),
    }
}

fn state() -> State {
    let mut s = State::new("Q1 review");
    s.settings.abc.a_pct = 70.0;
    s.settings.five_s.pinned = vec!["C0007".into()];
    s.set_note(CoordinationNote {
        customer_id: "C0002".into(),
        problem: "slow payment".into(),
        help: "monthly statement".into(),
    });
    s.strategic.push(StrategicException {
        customer_id: "C0009".into(),
        reason: "reference account".into(),
    });
    s.report.set("cover", false);
    s.report.set("rfm", false);
    s
}

fn review_of(master: &Imported, log: &Imported, label: &str) -> Review {
    let (ds, _) = tierwise_core::import::join::join(Some(master), Some(log));
    let p = Prepared::new(ds);
    let all = run_all(&p, &Settings::default());
    Review::build(&p, &all, label, "2026-01-31", &state().notes)
}

#[test]
fn the_whole_workspace_round_trips_through_one_file() {
    let (master, log) = sample();
    let opts = ImportOptions {
        sheet: Some("x".into()),
        ..Default::default()
    };
    let reviews = vec![review_of(&master, &log, "2026-01")];
    let s = state();
    let bytes = encode_file(
        &s,
        Some(SourceRef {
            imported: &master,
            options: &opts,
        }),
        Some(SourceRef {
            imported: &log,
            options: &ImportOptions::default(),
        }),
        true,
        &reviews,
    );
    let back = decode_file(&bytes).unwrap();
    assert_eq!(back.state, s);
    assert_eq!(back.reviews, reviews);
    assert!(back.data.is_sample);
    let m = back.data.master.unwrap();
    assert_eq!(m.options, opts);
    same_imported(&m.imported, &master);
    same_imported(&back.data.log.unwrap().imported, &log);
}

#[test]
fn parts_round_trip_and_refuse_each_other() {
    let (master, log) = sample();
    let opts = ImportOptions::default();
    let data = encode_data(
        None,
        Some(SourceRef {
            imported: &log,
            options: &opts,
        }),
        false,
    );
    let d = decode_data(&data).unwrap();
    assert!(d.master.is_none() && !d.is_sample);
    same_imported(&d.log.unwrap().imported, &log);
    let s = state();
    assert_eq!(decode_state(&encode_state(&s)).unwrap(), s);
    let reviews = vec![
        review_of(&master, &log, "jan"),
        review_of(&master, &log, "feb"),
    ];
    assert_eq!(decode_reviews(&encode_reviews(&reviews)).unwrap(), reviews);
    assert_eq!(decode_state(&data), Err(FormatError::WrongKind));
    assert_eq!(decode_file(&data), Err(FormatError::WrongKind));
}

/// The report's section choice rides in the state's settings JSON, beside the settings: a
/// state written before it existed reads with every section in, the choice round trips in a
/// part and in a file, and the settings an older Tierwise reads from it are unchanged.
#[test]
fn the_report_choice_is_kept_and_reads_from_older_states() {
    use tierwise_core::workspace::dto::StateDto;
    use tierwise_core::workspace::ReportChoice;
    let s = state();
    assert!(!s.report.includes("cover") && s.report.includes("abc"));
    assert_eq!(s.report.excluded, ["cover", "rfm"]);
    let dto = StateDto::from_model(&s);
    assert!(dto.settings_json.contains("\"report\""));
    // An older Tierwise parses the same text as its settings and ignores the choice.
    let settings: Settings = serde_json::from_str(&dto.settings_json).unwrap();
    assert_eq!(settings, s.settings);
    assert_eq!(dto.into_model().unwrap(), s);
    // A state as this version wrote it before the report: no "report" key.
    let mut before = s.clone();
    before.report = ReportChoice::default();
    let old = StateDto::from_model(&before);
    assert!(!old.settings_json.contains("report"));
    assert_eq!(old.into_model().unwrap().report, ReportChoice::default());
    // Whole files keep it too.
    let bytes = encode_file(&s, None, None, false, &[]);
    assert_eq!(decode_file(&bytes).unwrap().state.report, s.report);
    let mut r = ReportChoice::default();
    r.set("b", false);
    r.set("a", false);
    r.set("b", false);
    r.set("a", true);
    assert_eq!(r.excluded, ["b"]);
}

/// Records the pieces a save is written in.
#[derive(Default)]
struct Pieces {
    len: Option<usize>,
    puts: Vec<(usize, Vec<u8>)>,
}

impl workspace::Sink for Pieces {
    fn alloc(&mut self, len: usize) {
        assert!(
            self.len.is_none() && self.puts.is_empty(),
            "alloc comes first, once"
        );
        self.len = Some(len);
    }
    fn put(&mut self, at: usize, bytes: &[u8]) {
        self.puts.push((at, bytes.to_vec()));
    }
}

#[test]
fn a_save_in_pieces_is_the_same_blob_in_bounded_pieces() {
    let (_, log) = sample();
    let opts = ImportOptions::default();
    let src = || {
        Some(SourceRef {
            imported: &log,
            options: &opts,
        })
    };
    let whole = encode_data(None, src(), false);
    let mut p = Pieces::default();
    encode_data_in_pieces(None, src(), false, &mut p);
    assert_eq!(p.len, Some(whole.len()));
    assert!(
        whole.len() > workspace::PIECE,
        "the sample spans more than one piece ({} bytes)",
        whole.len()
    );
    // The payload in order after the header, each piece at most PIECE bytes, the header last.
    let (head_at, head) = p.puts.pop().unwrap();
    assert_eq!((head_at, head.len()), (0, workspace::envelope::HEADER_LEN));
    let mut blob = head;
    for (at, bytes) in &p.puts {
        assert_eq!(*at, blob.len());
        assert!(bytes.len() <= workspace::PIECE);
        blob.extend_from_slice(bytes);
    }
    assert_eq!(blob, whole);
    assert!(decode_data(&blob).is_ok());
}

/// A renamed RFM segment (issue 18) rides in the state's settings JSON: it round trips in a
/// part and in a file (whose settings are checked), and a state written before segments had
/// names (no `name` key in the segment table) reads with the segments' own names.
#[test]
fn a_renamed_rfm_segment_is_kept_and_older_states_read_without_names() {
    use tierwise_core::workspace::dto::StateDto;
    let mut s = state();
    s.settings.rfm.segments[0].name = Some("Top buyers".into());
    s.settings.rfm.segments.swap(1, 2);
    let dto = StateDto::from_model(&s);
    assert!(dto.settings_json.contains("\"name\":\"Top buyers\""));
    assert_eq!(decode_state(&encode_state(&s)).unwrap(), s);
    let back = decode_file(&encode_file(&s, None, None, false, &[])).unwrap();
    assert_eq!(back.state, s);
    assert_eq!(
        back.state.settings.rfm.segment_name("champions"),
        Some("Top buyers")
    );
    // The same state as the version before names wrote it: no name in the table.
    let mut old = StateDto::from_model(&s);
    old.settings_json = old.settings_json.replace(",\"name\":\"Top buyers\"", "");
    assert!(!old.settings_json.contains("\"name\""));
    let before = old.into_model().unwrap();
    assert_eq!(before.settings.rfm.segments[0].name, None);
    assert_eq!(
        before.settings.rfm.segments[1].segment,
        "potential_loyalist"
    );
    assert_eq!(before.settings.rfm.unnamed(), s.settings.rfm.unnamed());
}

/// A segment of the user's own and a renamed "others" (issue 18) ride in the settings JSON
/// too: they round trip in a part and in a file (whose settings are checked).
#[test]
fn an_own_rfm_segment_and_the_others_name_are_kept() {
    use tierwise_core::workspace::dto::StateDto;
    let mut s = state();
    let mut own = s.settings.rfm.segments[0].clone();
    own.segment = "own_1".into();
    own.name = Some("Key accounts".into());
    own.m = [5, 5];
    s.settings.rfm.segments.push(own);
    s.settings.rfm.others_name = Some("Unsorted".into());
    let dto = StateDto::from_model(&s);
    assert!(dto.settings_json.contains("\"segment\":\"own_1\""));
    assert!(dto.settings_json.contains("\"others_name\":\"Unsorted\""));
    assert_eq!(decode_state(&encode_state(&s)).unwrap(), s);
    let back = decode_file(&encode_file(&s, None, None, false, &[])).unwrap();
    assert_eq!(back.state, s);
    assert_eq!(
        back.state.settings.rfm.class_name("own_1"),
        Some("Key accounts")
    );
    assert_eq!(
        back.state.settings.rfm.class_name("others"),
        Some("Unsorted")
    );
}

/// The version 1 fixture's content, written with the frozen version 1 structs.
/// The settings as version 1 wrote them (A at 50%, the rest default), frozen: the settings
/// have grown since (sections, dimension keys), and a version 1 file must still load.
const V1_SETTINGS_JSON: &str = r#"{"version":1,"abc":{"a_pct":50.0,"b_pct":15.0},"tiers":{"vip_pct":5.0,"large_pct":15.0,"medium_pct":30.0,"measure":"Sales","cut":"Percentile","vip_min":100000.0,"large_min":20000.0,"medium_min":5000.0},"potential":{"mode":"Auto","a_pct":75.0,"b_pct":50.0,"c_pct":25.0,"a_months":1,"b_months":3,"c_months":6,"reference_date":null},"value":{"mvc_pct":20.0,"mgc_pct":20.0,"mgc_measure":"Auto","bzc_max_profit":0.0,"kept_bzc":[]},"staffing":{"a_per_rep":1.0,"b_per_rep":2.0,"c_per_rep":4.0,"reps_total":null,"reps_by_owner":[]},"wallet":{"share_split_pct":50.0,"volume_cut":"Percentile","volume_pct":50.0,"volume_amount":0.0},"score":{"weights":{"credit":20.0,"order_amount":25.0,"prospects":15.0,"profit":25.0,"loyalty":5.0,"attitude":5.0,"growth":5.0},"normalization":"MinMax","a_min":80.0,"b_min":60.0,"c_min":40.0,"min_coverage_pct":0.0},"pyramid":{"measure":"Profit","key_pct":1.0,"major_pct":4.0,"ordinary_pct":15.0,"upgrade_growth_pct":10.0,"mgc_is_upgrade":true,"bad_days_late":90.0},"crosstab":{"rows":"Abc","cols":"Region"},"five_s":{"first_min":66.66666666666667,"second_min":33.333333333333336,"tiny_sales_pct":10.0,"slow_days_late":60.0,"violation_on_time_pct":50.0,"low_growth_pct":0.0,"small_forecast_pct":33.333333333333336,"hard_difficulty":66.66666666666667,"weak_financial":33.333333333333336,"potential_suspend_signals":2,"release_pct":20.0,"pinned":[]},"readiness":{"span":100,"few_dozen":36,"repeat_min_pct":50.0,"largest_min_pct":5.0,"top20_min_pct":60.0,"gini_min":0.5},"risk":{"overdue_amount":0.0,"overdue_days":30.0,"late_days":30.0,"on_time_min_pct":80.0,"decline_pct":-10.0,"credit_min":40.0,"financial_min":30.0,"top_n":20},"cross_sell":{"source":"Tier","rank_by":"Lift","min_support_pct":10.0,"top_n":5}}"#;

fn v1_content() -> v1::FileV1 {
    let c = |id: &str, name: &str, sales: f64, profit: Option<f64>, owner: Option<&str>| {
        v1::CustomerV1 {
            id: id.into(),
            name: name.into(),
            sales,
            profit,
            orders: Some(4),
            owner: owner.map(Into::into),
            region: None,
        }
    };
    v1::FileV1 {
        name: "Old workspace".into(),
        settings_json: V1_SETTINGS_JSON.into(),
        is_sample: false,
        customers: vec![
            c("K1", "Acme", 600.0, Some(120.0), Some("Li")),
            c("K2", "Bolt", 300.0, None, None),
            c("K3", "Crane", 100.0, Some(5.0), Some("Ana")),
        ],
        snapshots: vec![v1::SnapshotV1 {
            label: "2025-12".into(),
            entries: vec![
                v1::SnapshotEntryV1 {
                    id: "K1".into(),
                    class: 0,
                    rating: Some(90.0),
                    sales: 550.0,
                },
                v1::SnapshotEntryV1 {
                    id: "K2".into(),
                    class: 2,
                    rating: None,
                    sales: 310.0,
                },
            ],
        }],
    }
}

fn fixture_path() -> String {
    format!("{}/tests/fixtures/workspace/v1.tierwise", root())
}

/// Writes the fixture. Run once with `--ignored` when the fixture is first made; never again
/// (it stands for files users already have).
#[test]
#[ignore]
fn write_v1_fixture() {
    std::fs::write(fixture_path(), workspace::encode_v1(&v1_content())).unwrap();
}

#[test]
fn a_version_1_file_loads_in_the_current_version() {
    let bytes = std::fs::read(fixture_path()).unwrap();
    // The fixture is what the frozen version 1 layout writes.
    assert_eq!(bytes, workspace::encode_v1(&v1_content()));
    assert_eq!(&bytes[..8], b"TIERWISE");
    assert_eq!(u16::from_le_bytes([bytes[9], bytes[10]]), 1);
    let ws = decode_file(&bytes).unwrap();
    assert_eq!(ws.state.name, "Old workspace");
    assert_eq!(ws.state.settings.abc.a_pct, 50.0);
    // The dimension and class source as version 1 named them ("Abc", "Region", "Tier").
    use tierwise_core::settings::{ClassSource, Dimension};
    assert_eq!(ws.state.settings.crosstab.rows, Dimension::Abc);
    assert_eq!(ws.state.settings.crosstab.cols, Dimension::Region);
    assert_eq!(ws.state.settings.cross_sell.source, ClassSource::Tier);
    assert!(ws.state.notes.is_empty());
    let m = ws.data.master.unwrap().imported;
    assert!(ws.data.log.is_none());
    assert_eq!(m.customers.len(), 3);
    assert_eq!(
        (
            m.report.rows_read,
            m.report.rows_used,
            m.report.rows_rejected()
        ),
        (3, 3, 0)
    );
    let k1 = &m.customers[0];
    assert_eq!((k1.id.as_str(), k1.name.as_str()), ("K1", "Acme"));
    assert_eq!(
        (k1.sales, k1.profit, k1.orders),
        (600.0, Some(120.0), Some(4))
    );
    assert_eq!(k1.attrs().owner.as_deref(), Some("Li"));
    assert_eq!(m.customers[1].profit, None);
    assert_eq!(m.customers[1].growth, None);
    // Classified after migration: sales 600 / 300 / 100 of 1000, cut-offs A 50, B 15. The
    // share before each customer: K1 0% (< 50: A), K2 60% (< 65: B), K3 90% (C).
    let ds = Dataset::shared(m.customers.clone(), vec![], None);
    let all = run_all(&Prepared::new(ds), &ws.state.settings);
    let keys: Vec<_> = all
        .abc
        .class
        .iter()
        .map(|c| c.map(|c| format!("{c:?}")))
        .collect();
    assert_eq!(keys, [Some("A".into()), Some("B".into()), Some("C".into())]);
    // The 5S snapshot became a review with the 5S classes only.
    assert_eq!(ws.reviews.len(), 1);
    let r = &ws.reviews[0];
    assert_eq!((r.label.as_str(), r.date.as_str()), ("2025-12", ""));
    assert_eq!(r.entries.len(), 2);
    assert_eq!(r.entries[0].five_s, Some(FiveSClass::Mature1));
    assert_eq!(r.entries[1].five_s, Some(FiveSClass::Mature3));
    assert_eq!(
        (r.entries[0].name.as_str(), r.entries[0].sales),
        ("Acme", 550.0)
    );
    assert_eq!(r.entries[0].abc, None);
    // Re-exported, it is a current-version file with the same content.
    let again = encode_file(
        &ws.state,
        Some(SourceRef {
            imported: &m,
            options: &ImportOptions::default(),
        }),
        None,
        false,
        &ws.reviews,
    );
    assert_eq!(u16::from_le_bytes([again[9], again[10]]), 2);
    assert_eq!(decode_file(&again).unwrap().reviews, ws.reviews);
}

#[test]
fn damaged_edited_or_foreign_files_are_refused() {
    let (master, _) = sample();
    let opts = ImportOptions::default();
    let good = encode_file(
        &state(),
        Some(SourceRef {
            imported: &master,
            options: &opts,
        }),
        None,
        false,
        &[],
    );
    assert!(decode_file(&good).is_ok());
    // One byte changed anywhere in the content.
    for at in [30, good.len() / 2, good.len() - 1] {
        let mut t = good.clone();
        t[at] ^= 0x20;
        assert_eq!(decode_file(&t), Err(FormatError::Checksum), "byte {at}");
    }
    // Cut short, a CSV, an empty file, a newer version.
    assert!(matches!(
        decode_file(&good[..good.len() - 10]),
        Err(FormatError::Truncated { .. })
    ));
    assert_eq!(
        decode_file(b"customer,sales\nA,1\n"),
        Err(FormatError::NotAWorkspace)
    );
    assert_eq!(decode_file(b""), Err(FormatError::NotAWorkspace));
    let mut newer = good.clone();
    newer[9] = 3;
    assert_eq!(
        decode_file(&newer),
        Err(FormatError::NewerVersion {
            found: 3,
            supported: 2
        })
    );
    // Edited with the checksum recomputed: the content is checked too.
    let mut dto: workspace::dto::FileDto =
        postcard::from_bytes(&good[workspace::envelope::HEADER_LEN..]).unwrap();
    dto.data.master.as_mut().unwrap().customers.sales.pop();
    let forged = workspace::envelope::seal(
        workspace::Kind::File,
        2,
        &postcard::to_allocvec(&dto).unwrap(),
    );
    match decode_file(&forged) {
        Err(FormatError::Invalid(m)) => assert!(m.contains("column sales"), "{m}"),
        other => panic!("{other:?}"),
    }
    let garbage = workspace::envelope::seal(workspace::Kind::File, 2, &[0xff; 40]);
    assert!(matches!(
        decode_file(&garbage),
        Err(FormatError::Corrupt(_))
    ));
}

#[test]
fn sample_reviews_compare_to_themselves_and_to_a_smaller_set() {
    let (master, log) = sample();
    let jan = review_of(&master, &log, "jan");
    let mut feb = jan.clone();
    let gone = feb.entries.remove(0);
    let c = compare(&jan, &feb, Dimension::Abc);
    assert_eq!(c.lost.len(), 1);
    assert_eq!(c.lost[0].id, gone.id);
    assert_eq!(c.unchanged, jan.entries.len() - 1);
    let total: usize = c.matrix.iter().flatten().sum();
    assert_eq!(total, jan.entries.len() - 1);
}

/// A small workspace: a customer table of three and a log of five rows, one rejected.
fn small_file() -> Vec<u8> {
    let master = import_csv(
        "customers.csv",
        b"Customer ID,Name,Sales\nK1,Acme,600\nK2,Bolt,300\nK3,Crane,100\n",
    )
    .unwrap();
    let log = import_csv(
        "orders.csv",
        b"Customer ID,Date,Amount\nK1,2025-01-05,100\nK1,2025-02-05,50\nK2,2025-01-10,70\n\
          K3,2025-03-01,20\nK9,soon,1\n",
    )
    .unwrap();
    let opts = ImportOptions::default();
    let src = |i| {
        Some(SourceRef {
            imported: i,
            options: &opts,
        })
    };
    encode_file(&State::new("Small"), src(&master), src(&log), false, &[])
}

/// The edits of the inconsistent fixtures: each file is the small workspace with one edit and
/// its checksum recomputed, as a hand or a tool would make it.
type Edit = fn(&mut workspace::dto::FileDto);

fn inconsistent_edits() -> Vec<(&'static str, Edit)> {
    fn report(s: &mut workspace::dto::SourceDto, f: impl FnOnce(&mut serde_json::Value)) {
        let mut v: serde_json::Value = serde_json::from_str(&s.report_json).unwrap();
        f(&mut v);
        s.report_json = v.to_string();
    }
    vec![
        ("unbalanced_rows.tierwise", |d| {
            report(d.data.log.as_mut().unwrap(), |r| {
                r["rows_read"] = 9999.into()
            })
        }),
        ("rows_used_not_held.tierwise", |d| {
            report(d.data.master.as_mut().unwrap(), |r| {
                r["rows_read"] = 4.into();
                r["rows_used"] = 4.into();
            })
        }),
        ("empty_customer_id.tierwise", |d| {
            d.data.master.as_mut().unwrap().customers.id[1] = String::new()
        }),
        ("invisible_customer_id.tierwise", |d| {
            d.data
                .log
                .as_mut()
                .unwrap()
                .log
                .as_mut()
                .unwrap()
                .customer_ids[0] = "\u{200B}".into()
        }),
        ("duplicate_customer_id.tierwise", |d| {
            d.data.master.as_mut().unwrap().customers.id[2] = "K1".into()
        }),
        ("setting_out_of_range.tierwise", |d| {
            let mut v: serde_json::Value = serde_json::from_str(&d.state.settings_json).unwrap();
            v["abc"]["a_pct"] = serde_json::json!(-9e9);
            d.state.settings_json = v.to_string();
        }),
    ]
}

fn inconsistent_path(name: &str) -> String {
    format!("{}/tests/fixtures/workspace/{name}", root())
}

/// Writes the inconsistent fixtures (run with `--ignored` when an edit is added).
#[test]
#[ignore]
fn write_inconsistent_fixtures() {
    let good = small_file();
    for (name, edit) in inconsistent_edits() {
        let mut dto: workspace::dto::FileDto =
            postcard::from_bytes(&good[workspace::envelope::HEADER_LEN..]).unwrap();
        edit(&mut dto);
        let bytes = workspace::envelope::seal(
            workspace::Kind::File,
            2,
            &postcard::to_allocvec(&dto).unwrap(),
        );
        std::fs::write(inconsistent_path(name), bytes).unwrap();
    }
}

/// Edited files with a recomputed checksum were accepted when their content was inconsistent
/// ("9,999 rows read = 2,239 used + 18 rejected", an empty customer id, a setting of -9e9):
/// each is refused with its reason, naming the file. The small workspace they come from is
/// accepted.
#[test]
fn inconsistent_files_are_refused_naming_the_file_and_the_reason() {
    assert!(workspace::decode_file_named("small.tierwise", &small_file()).is_ok());
    let want = [
        "unbalanced_rows.tierwise is inconsistent: order log orders.csv: 9999 rows read, but \
         4 used and 1 rejected.",
        "rows_used_not_held.tierwise is inconsistent: customer table customers.csv: 4 rows \
         used, but 3 customers.",
        "empty_customer_id.tierwise is inconsistent: customer table customers.csv: customer 2 \
         of the customers has no id.",
        "invisible_customer_id.tierwise is inconsistent: order log orders.csv: customer 1 of \
         the log has no id.",
        "duplicate_customer_id.tierwise is inconsistent: customer table customers.csv: \
         customer id \"K1\" appears twice in the customers.",
        "setting_out_of_range.tierwise is inconsistent: the setting abc.a_pct is \
         -9000000000.0, outside its range.",
    ];
    for ((name, _), want) in inconsistent_edits().into_iter().zip(want) {
        let bytes = std::fs::read(inconsistent_path(name)).unwrap();
        let e = workspace::decode_file_named(name, &bytes).unwrap_err();
        assert!(matches!(e.error, FormatError::Invalid(_)), "{name}: {e:?}");
        assert_eq!(e.to_string(), want);
    }
}

/// Every refusal of a workspace file names it, in words; a decoder's own words are a detail.
#[test]
fn workspace_refusals_name_the_file() {
    let good = small_file();
    let named = |bytes: &[u8]| workspace::decode_file_named("backup.tierwise", bytes).unwrap_err();
    assert_eq!(
        named(b"customer,sales\n").to_string(),
        "backup.tierwise is not a Tierwise workspace file."
    );
    let mut edited = good.clone();
    edited[40] ^= 1;
    assert_eq!(
        named(&edited).to_string(),
        "backup.tierwise was modified or damaged: its content does not match its checksum."
    );
    let e = named(&good[..good.len() - 3]);
    assert!(
        e.to_string()
            .starts_with("backup.tierwise is damaged: it holds"),
        "{e}"
    );
    let garbage = workspace::envelope::seal(workspace::Kind::File, 2, &[0xff; 40]);
    let e = named(&garbage);
    assert_eq!(
        e.to_string(),
        "backup.tierwise is damaged: its content cannot be read."
    );
    assert!(e.detail().is_some());
}
