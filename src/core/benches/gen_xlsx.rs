//! A transaction log as an XLSX workbook, for the XLSX benchmarks: one sheet, a header row
//! `customer_id, order_date, amount, profit, product`, dates as date cells, amounts and
//! profits as numbers, deterministic. Shared by `benches/xlsx.rs` and `examples/gen_xlsx.rs`.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

pub fn log_xlsx(rows: usize, customers: usize) -> Vec<u8> {
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
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    for (c, h) in ["customer_id", "order_date", "amount", "profit", "product"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    for i in 0..rows {
        let r = i as u32 + 1;
        let c = if i < customers {
            i
        } else {
            (customers as f64 * unit().powi(2)) as usize
        };
        let day = (unit() * 730.0) as u16;
        // Day 1 of a 2-year span starting 2024-11-01, spread over months of 28 days.
        let (y, m, d) = (
            2024 + (10 + day / 28) / 12,
            1 + (10 + day / 28) % 12,
            1 + day % 28,
        );
        let amount = ((50.0 + unit() * 5000.0) * 100.0).round() / 100.0;
        let profit = (amount * (unit() * 0.4 - 0.05) * 100.0).round() / 100.0;
        ws.write_string(r, 0, format!("C{c:06}")).expect("id");
        let dt = ExcelDateTime::from_ymd(y, m as u8, d as u8).expect("date");
        ws.write_datetime_with_format(r, 1, &dt, &date)
            .expect("date");
        ws.write_number(r, 2, amount).expect("amount");
        ws.write_number(r, 3, profit).expect("profit");
        ws.write_string(r, 4, products[i % products.len()])
            .expect("product");
    }
    wb.save_to_buffer().expect("xlsx")
}
