//! Writes the benchmark's XLSX transaction log to a file (used by tests/bench/browser_bench.mjs).
//!
//! `cargo run --release -p tierwise-core --example gen_xlsx -- <out.xlsx> [rows] [customers]`

#[path = "../benches/gen_xlsx.rs"]
mod gen_xlsx;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args
        .first()
        .expect("usage: gen_xlsx <out.xlsx> [rows] [customers]");
    let num =
        |k: usize, default: usize| args.get(k).and_then(|a| a.parse().ok()).unwrap_or(default);
    let bytes = gen_xlsx::log_xlsx(num(1, 100_000), num(2, 10_000));
    std::fs::write(out, bytes).expect("write");
}
