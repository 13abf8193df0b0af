//! The committed fuzz corpus, replayed on stable: every input under
//! tests/fixtures/fuzz/<target>/ goes through the same check its cargo-fuzz target runs
//! (`fuzz/fuzz_targets/<target>.rs`, sharing tests/fuzz/checks.rs). The inputs are the ones
//! the fuzzers found interesting (new coverage, a crash that was then fixed), kept small, so
//! `make test` replays them without nightly.

#[path = "fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/fuzz")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no corpus in {}", dir.display());
    for path in inputs {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let result = std::panic::catch_unwind(|| check(&bytes));
        assert!(result.is_ok(), "{target}/{name} fails its check");
    }
}

#[test]
fn csv_stream_corpus() {
    replay("csv_stream", checks::csv_stream);
}

#[test]
fn workbook_corpus() {
    replay("workbook", checks::workbook);
}

#[test]
fn workspace_corpus() {
    replay("workspace", checks::workspace);
}
