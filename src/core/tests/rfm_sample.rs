//! RFM on the sample against an independent computation: `tests/data/sample_expected.py`
//! (written from the rule the method states, not from the Rust code) wrote every customer's
//! R, F and M scores and segment to `tests/fixtures/rfm/sample_expected.json`.

use tierwise_core::classify::{lookup, Engine, Method, Prepared};
use tierwise_core::import::{import_bytes, join, ImportOptions};
use tierwise_core::Settings;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_sample_matches_the_independent_computation() {
    let read = |name: &str| {
        let path = root().join("public/sample").join(name);
        let bytes = std::fs::read(&path).unwrap();
        import_bytes(name, &bytes, &ImportOptions::default()).unwrap()
    };
    let (master, log) = (read("customers.csv"), read("orders.csv"));
    let (ds, _) = join::join(Some(&master), Some(&log));
    let engine = Engine::new(Prepared::new(ds), &Settings::default());
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/rfm/sample_expected.json")).unwrap(),
    )
    .unwrap();
    let customers = want["customers"].as_object().unwrap();
    let r = engine.results().rfm.as_ref().unwrap();
    let p = engine.prepared();
    let mut scored = 0;
    for (i, c) in p.ds.customers.iter().enumerate() {
        let (class, scores) = (r.class[i], r.scores[i]);
        match customers.get(&c.id) {
            Some(w) => {
                scored += 1;
                let seg = lookup::classes(Method::Rfm)
                    [usize::from(engine.results().class_of(Method::Rfm, i).unwrap())]
                .key;
                assert_eq!(seg, w["segment"].as_str().unwrap(), "{}", c.id);
                assert!(class.is_some());
                let s = scores.unwrap();
                let get = |k: &str| w[k].as_u64().unwrap() as u8;
                assert_eq!(s, (get("r"), get("f"), get("m")), "{} scores", c.id);
            }
            None => assert!(class.is_none(), "{} has no orders, so no segment", c.id),
        }
    }
    assert_eq!(scored, customers.len());
    let counts = lookup::summary(p, engine.results(), Method::Rfm).unwrap();
    // The classes listed under the default table: the user's own segments are not in it.
    let shown = counts
        .rows
        .into_iter()
        .filter(|r| Method::Rfm.class_shown(engine.settings(), r.class.key));
    for row in shown {
        assert_eq!(
            row.count as u64,
            want["counts"][row.class.key].as_u64().unwrap(),
            "{}",
            row.class.key
        );
    }
}
