//! Import of a 100k-row XLSX transaction log (10k customers), generated in memory with
//! rust_xlsxwriter: the workbook path (zip, calamine's cell reader, roll-up). Prints the
//! time of one import, then criterion times it, and the zip measuring alone.
//!
//! `cargo bench -p tierwise-core --bench xlsx`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Instant;
use tierwise_core::import::{import_bytes, ImportOptions};

mod gen_xlsx;

fn bench(c: &mut Criterion) {
    let data = gen_xlsx::log_xlsx(100_000, 10_000);
    let t = Instant::now();
    let imp = import_bytes("bench.xlsx", &data, &ImportOptions::default()).expect("import");
    println!(
        "100k-row XLSX, {:.1} MB, {} customers, {} rows used: {:.3} s (one run)",
        data.len() as f64 / 1e6,
        imp.customers.len(),
        imp.report.rows_used,
        t.elapsed().as_secs_f64()
    );
    let mut g = c.benchmark_group("xlsx");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function("xlsx_100k_rows_import", |b| {
        b.iter(|| {
            import_bytes("bench.xlsx", black_box(&data), &ImportOptions::default())
                .map(|i| i.customers.len())
        })
    });
    // What the import spends measuring the zip before calamine opens it (see import::unpack):
    // one more inflate of every part, and the XML tokens counted.
    g.bench_function("xlsx_100k_rows_measure_zip_only", |b| {
        b.iter(|| {
            tierwise_core::import::unpack::measure_zip(
                "bench.xlsx",
                black_box(&data),
                &tierwise_core::import::LIMITS,
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
