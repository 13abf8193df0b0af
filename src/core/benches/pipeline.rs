//! The browser's import path, natively and stage by stage, for a 1M-row transaction log laid
//! out as `tests/bench/gen_log.mjs` writes it (about 41 MB, 100k customers): streamed parse
//! and roll-up in 8 MiB chunks (as the import panel reads a `File`), join, `Prepared::new`,
//! `Engine::new` (every method), then the save the page makes (`workspace::encode_data`).
//! Prints wall time and the heap (live bytes after the stage,
//! peak during it) counted by a wrapping allocator, then criterion times the whole path.
//!
//! `cargo bench -p tierwise-core --bench pipeline`

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Instant;
use tierwise_core::classify::{Engine, Prepared};
use tierwise_core::heap::{self, Counting};
use tierwise_core::import::{join, ImportOptions, StreamImporter};
use tierwise_core::{workspace, Settings};

#[global_allocator]
static A: Counting = Counting;

/// The layout of `tests/bench/gen_log.mjs` (same columns, widths and skew), generated here
/// with its own random numbers: `customer_id,order_date,amount,profit,product`.
pub fn gen_log(rows: usize, customers: usize) -> Vec<u8> {
    use std::fmt::Write;
    let mut out = String::with_capacity(rows * 42);
    out.push_str("customer_id,order_date,amount,profit,product\n");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut unit = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    let products = [
        "Bearings",
        "Fasteners",
        "Hoses",
        "Gloves",
        "Tools",
        "Lubricants",
        "Fittings",
        "Wire",
    ];
    let start = chrono::NaiveDate::from_ymd_opt(2024, 11, 1).expect("date");
    for i in 0..rows {
        let c = if i < customers {
            i
        } else {
            (customers as f64 * unit().powi(2)) as usize
        };
        let d = start + chrono::Days::new((unit() * 730.0) as u64);
        let amount = 50.0 + unit() * 5000.0;
        let profit = amount * (unit() * 0.4 - 0.05);
        let _ = writeln!(
            out,
            "C{c:06},{d},{amount:.2},{profit:.2},{}",
            products[i % products.len()]
        );
    }
    out.into_bytes()
}

const CHUNK: usize = 8 << 20;

fn mb(b: usize) -> f64 {
    b as f64 / 1e6
}

/// Nanoseconds this thread has spent on a CPU (Linux), so that the figures are not inflated
/// when the machine is shared; 0 elsewhere.
fn on_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|t| t.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Runs `f`, prints its wall and on-CPU time, the live heap after it and the peak during it.
fn stage<R>(label: &str, f: impl FnOnce() -> R) -> R {
    heap::reset_peak();
    let (t, cpu) = (Instant::now(), on_cpu_ns());
    let r = f();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let cpu_ms = (on_cpu_ns() - cpu) as f64 / 1e6;
    println!(
        "{label:<31} wall {ms:>6.1} ms  on-CPU {cpu_ms:>6.1} ms  heap live {:>6.1} MB  peak {:>6.1} MB",
        mb(heap::live()),
        mb(heap::peak())
    );
    r
}

fn bench(c: &mut Criterion) {
    let data = gen_log(1_000_000, 100_000);
    let file_mb = mb(data.len());
    let base = heap::live();
    println!(
        "1M-row log, {file_mb:.1} MB (heap figures include the file's {file_mb:.1} MB, held here only)"
    );
    let settings = Settings::default();
    for _ in 0..2 {
        let imp = stage("parse + roll-up (8 MiB chunks)", || {
            let mut s = StreamImporter::with_size_hint(
                "log.csv",
                ImportOptions::default(),
                data.len() as u64,
            );
            for chunk in data.chunks(CHUNK) {
                s.push(chunk);
            }
            s.finish().expect("import")
        });
        let (ds, _) = stage("join (log only)", || join::join(None, Some(&imp)));
        let prepared = stage("Prepared::new", || Prepared::new(ds));
        let engine = stage("Engine::new (run_all)", || Engine::new(prepared, &settings));
        // The page saves the new data to IndexedDB right after: its peak counts too.
        let options = ImportOptions::default();
        let saved = stage("save (workspace::encode_data)", || {
            workspace::encode_data(
                None,
                Some(workspace::SourceRef {
                    imported: &imp,
                    options: &options,
                }),
                false,
            )
        });
        println!("  stored: {:.1} MB", mb(saved.len()));
        drop(saved);
        println!(
            "kept: {:.1} MB beyond the file = {:.2}× the file",
            mb(heap::live() - base),
            (heap::live() - base) as f64 / data.len() as f64
        );
        drop((engine, imp));
    }
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    g.bench_function("log_1m_rows_import_join_prepare_run_all", |b| {
        b.iter(|| {
            let mut s = StreamImporter::with_size_hint(
                "log.csv",
                ImportOptions::default(),
                data.len() as u64,
            );
            for chunk in data.chunks(CHUNK) {
                s.push(black_box(chunk));
            }
            let imp = s.finish().expect("import");
            let (ds, _) = join::join(None, Some(&imp));
            Engine::new(Prepared::new(ds), &settings)
                .results()
                .abc
                .counts
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
