//! Parse + roll-up of a 1M-row transaction log (about 37 MB, 100k customers), generated in
//! memory, deterministic. Prints MB/s and the time of one whole import.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Instant;
use tierwise_core::import::{import_csv, ImportOptions, StreamImporter};

/// `customer,date,amount,profit,product`, one order per row.
pub fn log_csv(rows: usize, customers: usize) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 40);
    out.push_str("Customer ID,Order date,Amount,Profit,Product\n");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..rows {
        // xorshift: deterministic, no dependency.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let c = (x % customers as u64) as usize;
        let day = 1 + (i * 1096 / rows) as u32;
        let (y, doy) = (2022 + (day - 1) / 366, (day - 1) % 366);
        let (m, d) = (1 + doy / 31 % 12, 1 + doy % 28);
        let cents = 1000 + (x >> 20) % 500_000;
        let profit = cents / 5;
        use std::fmt::Write;
        let _ = writeln!(
            out,
            "C{c:06},{y}-{m:02}-{d:02},{}.{:02},{}.{:02},P{}",
            cents / 100,
            cents % 100,
            profit / 100,
            profit % 100,
            (x >> 40) % 200
        );
    }
    out.into_bytes()
}

fn bench(c: &mut Criterion) {
    let data = log_csv(1_000_000, 100_000);
    let mb = data.len() as f64 / 1e6;
    let t = Instant::now();
    let imp = import_csv("bench.csv", &data).expect("import");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "1M rows, {mb:.1} MB, {} customers: {secs:.3} s, {:.0} MB/s (one run)",
        imp.customers.len(),
        mb / secs
    );
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function("csv_1m_rows_whole", |b| {
        b.iter(|| import_csv("bench.csv", black_box(&data)).map(|i| i.customers.len()))
    });
    g.bench_function("csv_1m_rows_streamed_1mib_chunks", |b| {
        b.iter(|| {
            let mut s = StreamImporter::new("bench.csv", ImportOptions::default());
            for chunk in data.chunks(1 << 20) {
                s.push(black_box(chunk));
            }
            s.finish().map(|i| i.customers.len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
