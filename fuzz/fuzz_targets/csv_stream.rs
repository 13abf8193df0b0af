#![no_main]

#[path = "../../src/core/tests/fuzz/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::csv_stream(data));
