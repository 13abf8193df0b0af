//! The import and classification path run once, on a small generated order log and customer
//! table, once the page shows its first figures, so that a user's first import runs
//! optimised code.
//!
//! Chromium compiles a WebAssembly function with its baseline compiler first and optimises it
//! only once it has run a while; a long loop inside one call goes on in the baseline code to
//! its end (there is no on-stack replacement for WebAssembly). A person's first import was
//! therefore twice as slow as the same import again in the same page (issue 20: 120 ms
//! against about 60 ms for a 100k-row log). Here the parser, the roll-up, the table build,
//! the join, `Prepared` and every method run over a few thousand rows, in three short tasks
//! of their own; the user's import then calls their optimised code. Nothing is kept and no
//! state is touched: the results are dropped.

use std::fmt::Write;

use leptos::prelude::{request_animation_frame, set_timeout, Effect, With};
use tierwise_core::classify::{Engine, Prepared};
use tierwise_core::import::{join, ImportOptions, StreamImporter};
use tierwise_core::Settings;

/// Orders and customers of the generated log, and rows of the generated customer table: a
/// few milliseconds each once optimised, enough calls and loop turns for Chromium to
/// optimise the functions they run.
const LOG_ROWS: usize = 30_000;
const LOG_CUSTOMERS: usize = 3_000;
const TABLE_ROWS: usize = 4_000;

/// Once the first figures are drawn (the restored workspace or the sample: started earlier,
/// the warm-up delayed them by about 100 ms on a first visit), the log, then the table, each
/// in a task of its own, so that input waits for one at most.
pub fn schedule() {
    let ws = crate::ui::workspace::use_workspace();
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) || !ws.with(|w| w.ready) {
            return started.unwrap_or(false);
        }
        let gap = std::time::Duration::from_millis(40);
        // A timeout set in an animation frame runs after that frame is painted.
        request_animation_frame(move || {
            set_timeout(
                move || {
                    run("warm-up-orders.csv", &log(LOG_ROWS, LOG_CUSTOMERS), false);
                    set_timeout(
                        move || run("warm-up-customers.csv", &table(TABLE_ROWS), true),
                        gap,
                    );
                },
                gap,
            )
        });
        true
    });
}

/// Imports `bytes` as the page imports a file (in chunks, text only), then joins, prepares
/// and classifies it under the default settings, and drops it all.
fn run(name: &str, bytes: &[u8], master: bool) {
    let mut importer =
        StreamImporter::text_only(name, ImportOptions::default(), bytes.len() as u64);
    for chunk in bytes.chunks(64 << 10) {
        importer.push(chunk);
    }
    importer.decide();
    let Ok(imported) = importer.finish() else {
        return;
    };
    let (master, log) = if master {
        (Some(&imported), None)
    } else {
        (None, Some(&imported))
    };
    let (dataset, _) = join::join_as_of(master, log, None);
    let engine = Engine::new(Prepared::new_quick(dataset), &Settings::default());
    std::hint::black_box(engine.results());
}

/// A small xorshift, for figures that vary as real ones do.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n
    }
}

const PRODUCTS: [&str; 8] = [
    "Bearings",
    "Fasteners",
    "Hoses",
    "Gloves",
    "Tools",
    "Lubricants",
    "Fittings",
    "Wire",
];

/// `customer_id,order_date,amount,profit,product`, the customers skewed as in a real log.
fn log(rows: usize, customers: usize) -> Vec<u8> {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(rows * 42);
    out.push_str("customer_id,order_date,amount,profit,product\n");
    for i in 0..rows {
        let c = if i < customers {
            i
        } else {
            (customers as f64 * r.unit().powi(2)) as usize
        };
        let day = r.below(730);
        let (y, m, d) = (2024 + day / 365, 1 + day % 365 / 31, 1 + day % 31 % 28);
        let amount = 50.0 + r.unit() * 5000.0;
        let profit = amount * (r.unit() * 0.4 - 0.05);
        let _ = writeln!(
            out,
            "C{c:06},{y}-{m:02}-{d:02},{amount:.2},{profit:.2},{}",
            PRODUCTS[i % PRODUCTS.len()]
        );
    }
    out.into_bytes()
}

/// A customer table with every column the app reads, in the forms people write them:
/// percentages, rating letters and words, prospects without sales, a quoted name.
fn table(rows: usize) -> Vec<u8> {
    const LETTERS: [&str; 6] = ["AAA", "AA", "A", "BBB", "BB", "C"];
    const WORDS: [&str; 5] = ["Very high", "High", "Medium", "Low", "Excellent"];
    const REGIONS: [&str; 5] = ["North", "South", "East", "West", "Central"];
    const INDUSTRIES: [&str; 4] = ["Retail", "Energy", "Logistics", "Textiles"];
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let mut out = String::with_capacity(rows * 170);
    out.push_str(
        "customer_id,customer_name,deal_status,sales,profit,orders,first_order_date,\
         last_order_date,growth,avg_days_late,on_time_share,overdue_amount,overdue_days,\
         credit_rating,share_of_wallet,upcoming_volume,close_probability,expected_close_date,\
         development_prospects,development_difficulty,financial_status,attitude,loyalty,owner,\
         region,industry\n",
    );
    for c in 0..rows {
        let name = if c % 20 == 0 {
            format!("\"Atlas Steel {c}, Inc\"")
        } else {
            format!("Pacific Foods {c}")
        };
        let credit = LETTERS[r.below(LETTERS.len())];
        let rating = 20 + r.below(80);
        let word = WORDS[r.below(WORDS.len())];
        let (owner, region, industry) = (
            r.below(40),
            REGIONS[r.below(REGIONS.len())],
            INDUSTRIES[r.below(INDUSTRIES.len())],
        );
        let month = 1 + r.below(12);
        if c % 12 == 0 {
            let _ = writeln!(
                out,
                "C{c:07},{name},Potential,,,,,,,,,,,{credit},,{},{}%,2026-{month:02}-15,\
                 {rating},{},{word},Good,,Rep {owner:03},{region},{industry}",
                1000 + r.below(90_000),
                1 + r.below(98),
                100 - rating
            );
            continue;
        }
        let sales = 500.0 + r.unit() * 90_000.0;
        let late = r.below(40);
        let _ = writeln!(
            out,
            "C{c:07},{name},Existing,{sales:.2},{:.2},{},2023-{month:02}-03,2025-{month:02}-20,\
             {:.1}%,{late},{}%,{},{},{credit},{}%,{},,,{rating},{},{word},Average,{},\
             Rep {owner:03},{region},{industry}",
            sales * (r.unit() * 0.3 - 0.02),
            1 + r.below(60),
            r.unit() * 60.0 - 20.0,
            100 - late,
            r.below(3) * 1000,
            r.below(3) * late,
            5 + r.below(90),
            r.below(50_000),
            100 - rating,
            rating / 2 + 10
        );
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tierwise_core::import::import_text;

    /// The generated files import whole: every row used, nothing rejected, every column of
    /// the table mapped (else the warm-up would run less of the path than an import does).
    #[test]
    fn the_generated_files_import_whole() {
        let options = ImportOptions::default();
        let log = import_text("log.csv", &log(2_000, 300), &options).expect("log");
        assert_eq!((log.report.rows_read, log.report.rows_used), (2_000, 2_000));
        assert_eq!(log.customers.len(), 300);
        let table = import_text("table.csv", &table(600), &options).expect("table");
        assert_eq!((table.report.rows_read, table.report.rows_used), (600, 600));
        let mapped = table.mapping.fields.iter().filter(|f| f.is_some()).count();
        assert_eq!(mapped, 26, "{:?}", table.mapping.fields);
        assert_eq!(table.report.rejected.len(), 0);
        // And the path runs through.
        run("log.csv", &super::log(2_000, 300), false);
        run("table.csv", &super::table(600), true);
    }
}
