//! A customer table (one row per customer) read into [`Customer`]s.
//!
//! Rows are kept compactly (one text arena, 16 bytes a cell) until the last one is in, so each
//! number and date column can settle its decimal separator and day/month order from all its
//! cells before any is read.

use super::cells::{shows_nothing, Cell, Row};
use super::columns::{DateColumn, NumColumn};
use super::diagnostics::{ImportError, ImportReport, Reason, Rejection};
use super::fields::Field;
use super::rollup::{push_questions, read_date_cell, read_num_cell, shown, Interner};
use super::values::{days_to_date, parse_rating, with_lowercase, DateOrder, DecimalSep};
use super::Mapping;
use crate::model::{Customer, DealStatus};

/// Deal status words in en, zh-CN and es.
pub fn parse_status(raw: &str) -> Option<DealStatus> {
    with_lowercase(raw.trim(), status_word)
}

fn status_word(s: &str) -> Option<DealStatus> {
    const POTENTIAL: &[&str] = &[
        "potential",
        "prospect",
        "lead",
        "潜在",
        "意向",
        "未成交",
        "potencial",
        "prospecto",
    ];
    const CLOSED: &[&str] = &[
        "closed",
        "existing",
        "customer",
        "active",
        "won",
        "已成交",
        "成交",
        "老客户",
        "现有",
        "activo",
        "cerrado",
        "existente",
    ];
    if POTENTIAL.iter().any(|w| s.contains(w)) {
        Some(DealStatus::Potential)
    } else if CLOSED.iter().any(|w| s.contains(w)) {
        Some(DealStatus::Closed)
    } else {
        None
    }
}

#[derive(Clone, Copy, Debug)]
enum Stored {
    Empty,
    Text(u32, u32),
    Number(f64),
    Date(i32),
    Bool(bool),
}

/// Rows per [`Block`] of kept cells.
const BLOCK_ROWS: usize = 1 << 16;

/// The kept cells of up to [`BLOCK_ROWS`] rows and their text (`Stored::Text` offsets are
/// into this block's text). Held in blocks so that building the customers frees each block
/// as soon as its rows are read: at a million rows of 26 columns the cells are 416 MB, and
/// held whole they would all still be there beside the finished customers.
#[derive(Default)]
struct Block {
    text: String,
    cells: Vec<Stored>,
}

impl Block {
    fn row<'a>(&'a self, slot: &'a [u32], start: u32, kept: u32) -> StoredRow<'a> {
        let (a, b) = (start as usize, (start + kept) as usize);
        StoredRow {
            text: &self.text,
            cells: self.cells.get(a..b).unwrap_or(&[]),
            slot,
        }
    }
}

/// A row as kept: the cells of the mapped columns only.
struct StoredRow<'a> {
    text: &'a str,
    cells: &'a [Stored],
    /// Column → its place in `cells` (see [`TableBuilder::slot`]).
    slot: &'a [u32],
}

impl Row for StoredRow<'_> {
    fn width(&self) -> usize {
        self.slot.len()
    }

    fn cell(&self, col: usize) -> Cell<'_> {
        let at = self.slot.get(col).map_or(usize::MAX, |&s| s as usize);
        match self.cells.get(at) {
            None | Some(Stored::Empty) => Cell::Empty,
            Some(&Stored::Text(a, b)) => self
                .text
                .get(a as usize..b as usize)
                .map_or(Cell::Empty, Cell::Text),
            Some(&Stored::Number(v)) => Cell::Number(v),
            Some(&Stored::Date(d)) => Cell::Date(d),
            Some(&Stored::Bool(b)) => Cell::Bool(b),
        }
    }
}

/// Number fields of a customer table.
const NUMBER_FIELDS: [Field; 8] = [
    Field::Amount,
    Field::Profit,
    Field::Orders,
    Field::Growth,
    Field::AvgDaysLate,
    Field::OverdueAmount,
    Field::OverdueDays,
    Field::UpcomingVolume,
];
const FRACTION_FIELDS: [Field; 3] = [
    Field::OnTimeShare,
    Field::ShareOfWallet,
    Field::CloseProbability,
];
const RATING_FIELDS: [Field; 6] = [
    Field::CreditRating,
    Field::Prospects,
    Field::Difficulty,
    Field::FinancialStatus,
    Field::Attitude,
    Field::Loyalty,
];
const DATE_FIELDS: [Field; 3] = [Field::FirstOrder, Field::LastOrder, Field::ExpectedClose];

/// Collects the rows of a customer table, then reads them all at once. Only the cells of mapped
/// columns are kept, so a wide file costs its mapped columns, not its width, per row.
pub struct TableBuilder {
    file: String,
    mapping: Mapping,
    id_col: usize,
    /// The mapped columns, in order.
    kept: Vec<usize>,
    /// Column → its place among the kept cells of a row (`u32::MAX`: not kept).
    slot: Vec<u32>,
    /// The kept cells: row `k` of `rows` (file row, first cell in its block, cells kept) is
    /// in block `k / BLOCK_ROWS`.
    blocks: Vec<Block>,
    rows: Vec<(usize, u32, u32)>,
    decimal: Option<DecimalSep>,
    default_decimal: DecimalSep,
    date_order: Option<DateOrder>,
    /// Rows rejected as they came (a quote never closed), after the others.
    rejected_as_read: Vec<Rejection>,
}

impl TableBuilder {
    pub fn new(
        file: &str,
        mapping: &Mapping,
        decimal: Option<DecimalSep>,
        default_decimal: DecimalSep,
        date_order: Option<DateOrder>,
    ) -> Result<TableBuilder, ImportError> {
        let id_col = mapping
            .customer_column()
            .ok_or_else(|| ImportError::MissingField {
                file: file.into(),
                field: "customer".into(),
            })?;
        let kept: Vec<usize> = (0..mapping.headers.len())
            .filter(|&c| mapping.fields.get(c).copied().flatten().is_some())
            .collect();
        let mut slot = vec![u32::MAX; mapping.headers.len()];
        for (k, &c) in kept.iter().enumerate() {
            slot[c] = k as u32;
        }
        Ok(TableBuilder {
            file: file.into(),
            mapping: mapping.clone(),
            id_col,
            kept,
            slot,
            blocks: Vec::new(),
            rows: Vec::new(),
            decimal,
            default_decimal,
            date_order,
            rejected_as_read: Vec::new(),
        })
    }

    /// A row rejected as it stands, `column` resolved to its header.
    pub fn reject(&mut self, column: usize, mut rejection: Rejection) {
        rejection.column = self.mapping.headers.get(column).cloned();
        self.rejected_as_read.push(rejection);
    }

    pub fn rows(&self) -> usize {
        self.rows.len() + self.rejected_as_read.len()
    }

    /// Room for about `rows` rows in all. (The cells need none: each block is sized as the
    /// one before it.) A reservation the memory cannot take is skipped: the rows then grow
    /// as they come.
    pub fn reserve(&mut self, rows: usize) {
        let seen = self.rows.len();
        if seen == 0 || rows <= seen {
            return;
        }
        let _ = self.rows.try_reserve(rows - seen);
    }

    pub fn push<R: Row + ?Sized>(&mut self, row: usize, r: &R) {
        if self.rows.len().is_multiple_of(BLOCK_ROWS) {
            // A new block, with room for as much as the last one held and a little more, so
            // that blocks do not grow by doubling.
            let (c, t) = self
                .blocks
                .last()
                .map_or((0, 0), |b| (b.cells.len(), b.text.len()));
            self.blocks.push(Block {
                text: String::with_capacity(t + t / 16),
                cells: Vec::with_capacity(c + c / 16),
            });
        }
        let Some(block) = self.blocks.last_mut() else {
            return;
        };
        let start = block.cells.len() as u32;
        let width = r.width();
        let mut kept = 0u32;
        for &col in &self.kept {
            if col >= width {
                // Cells past the end of a short row are empty.
                break;
            }
            kept += 1;
            let stored = match r.cell(col) {
                Cell::Empty => Stored::Empty,
                Cell::Text(s) => {
                    let a = block.text.len() as u32;
                    block.text.push_str(s);
                    Stored::Text(a, block.text.len() as u32)
                }
                Cell::Number(v) => Stored::Number(v),
                Cell::Date(d) => Stored::Date(d),
                Cell::Bool(b) => Stored::Bool(b),
            };
            block.cells.push(stored);
        }
        self.rows.push((row, start, kept));
    }

    pub fn finish(mut self) -> (Vec<Customer>, ImportReport) {
        // Reading is over: the last block gives back the room it did not use.
        if let Some(b) = self.blocks.last_mut() {
            b.cells.shrink_to_fit();
            b.text.shrink_to_fit();
        }
        self.rows.shrink_to_fit();
        let m = &self.mapping;
        let mut report = ImportReport {
            file: self.file.clone(),
            ..Default::default()
        };
        // Where each field is, looked up once rather than per cell.
        let at = Places::of(m);
        let width = m.headers.len();
        // First pass: settle each number and date column on all of its cells.
        let mut nums: Vec<(usize, NumColumn)> = NUMBER_FIELDS
            .iter()
            .chain(&FRACTION_FIELDS)
            .chain(&RATING_FIELDS)
            .filter_map(|&f| at.get(f))
            .map(|c| (c, NumColumn::new(self.decimal, self.default_decimal)))
            .collect();
        // The plain figures' cells whose value cannot change as the column settles are kept
        // as numbers, not read twice. Fractions and ratings stay text: a rejected fraction
        // shows its cell as written, and a rating may be a word.
        let figures = NUMBER_FIELDS
            .iter()
            .filter(|&&f| at.get(f).is_some())
            .count();
        let mut dates: Vec<(usize, DateColumn)> = DATE_FIELDS
            .iter()
            .filter_map(|&f| at.get(f))
            .map(|c| (c, DateColumn::new(self.date_order)))
            .collect();
        let slot = &self.slot;
        for (rows, block) in self.rows.chunks(BLOCK_ROWS).zip(self.blocks.iter_mut()) {
            let (text, cells) = (&block.text, &mut block.cells);
            for &(_, start, width) in rows {
                for (k, (c, col)) in nums.iter_mut().enumerate() {
                    let Some(&at) = slot.get(*c).filter(|&&at| at < width) else {
                        continue;
                    };
                    let Some(cell) = cells.get_mut((start + at) as usize) else {
                        continue;
                    };
                    let Stored::Text(a, b) = *cell else {
                        continue;
                    };
                    let raw = text.as_bytes().get(a as usize..b as usize).unwrap_or(&[]);
                    if k < figures && !raw.contains(&b'%') {
                        if let Some(v) = col.settled_value(raw) {
                            *cell = Stored::Number(v);
                        }
                    } else {
                        let _ = col.read(raw);
                    }
                }
                let r = StoredRow {
                    text,
                    cells: cells
                        .get(start as usize..(start + width) as usize)
                        .unwrap_or(&[]),
                    slot,
                };
                for (c, col) in dates.iter_mut() {
                    if let Cell::Text(s) = r.cell(*c) {
                        let _ = col.read(s.as_bytes());
                    }
                }
            }
        }
        let header = |c: &usize| m.headers.get(*c).cloned();
        let mut unresolved_dates: Vec<usize> = dates
            .iter()
            .filter(|(_, d)| d.unresolved())
            .map(|&(c, _)| c)
            .collect();
        let mut unresolved_nums: Vec<usize> = nums
            .iter()
            .filter(|(_, n)| n.unresolved())
            .map(|&(c, _)| c)
            .collect();
        unresolved_dates.sort_unstable();
        unresolved_nums.sort_unstable();
        push_questions(
            &mut report,
            unresolved_dates.iter().filter_map(header).collect(),
            unresolved_nums.iter().filter_map(header).collect(),
            self.default_decimal,
        );
        let mut settled = Columns {
            nums: (0..width).map(|_| None).collect(),
            dates: (0..width).map(|_| None).collect(),
            statuses: Vec::new(),
        };
        for (c, n) in nums {
            settled.nums[c] = Some(NumColumn::new(Some(n.current()), n.default));
        }
        for (c, d) in dates {
            settled.dates[c] = Some(DateColumn::new(Some(d.current())));
        }
        // Second pass: read every row under the settled conventions.
        // Sized for every row at once: grown by doubling, the customers would be held twice
        // over at the last step. Each id's first row is found as a log finds its customers
        // (see [`Interner`]): a million ids in a flat array or a table of 16-byte entries.
        let mut first_row = Interner::default();
        let mut customers = Vec::with_capacity(self.rows.len());
        let blocks = std::mem::take(&mut self.blocks);
        for (rows, block) in self.rows.chunks(BLOCK_ROWS).zip(blocks) {
            for &(row, start, width) in rows {
                report.rows_read += 1;
                let r = block.row(&self.slot, start, width);
                match read_row(&at, &r, self.id_col, &mut settled) {
                    Ok(c) => {
                        if let Some(first) = first_row.get(c.id.as_bytes()) {
                            report.reject(Rejection {
                                row,
                                column: m.headers.get(self.id_col).cloned(),
                                value: c.id,
                                reason: Reason::DuplicateId {
                                    first_row: first as usize,
                                },
                            });
                            continue;
                        }
                        first_row.insert(c.id.as_bytes(), u32::try_from(row).unwrap_or(u32::MAX));
                        customers.push(c);
                        report.rows_used += 1;
                    }
                    Err((col, reason)) => report.reject(Rejection {
                        row,
                        column: m.headers.get(col).cloned(),
                        value: shown(r.cell(col), &reason),
                        reason,
                    }),
                }
            }
            // This block's customers are built: its cells and text go back to the allocator
            // now, for the customers of the next blocks.
            drop(block);
        }
        for r in self.rejected_as_read {
            report.rows_read += 1;
            report.reject(r);
        }
        if report.duplicate_ids > 0 {
            report.notes.push(format!(
                "{} rows repeat a customer id seen before; the first row of each id is kept",
                report.duplicate_ids
            ));
        }
        (customers, report)
    }
}

/// Column → its reader, for the number and date columns; and the status words met.
struct Columns {
    nums: Vec<Option<NumColumn>>,
    dates: Vec<Option<DateColumn>>,
    /// The first [`STATUSES`] distinct texts of the status column, each with its status: a
    /// table has a few ("Existing", "Potential"), and a million rows then cost a compare
    /// each, not a lowercase copy and a search for each of 14 words.
    statuses: Vec<(Box<str>, Option<DealStatus>)>,
}

/// At most this many status texts are remembered ([`Columns::statuses`]).
const STATUSES: usize = 16;

impl Columns {
    /// [`parse_status`] of a status cell's text.
    fn status(&mut self, text: &str) -> Option<DealStatus> {
        if let Some(&(_, s)) = self.statuses.iter().find(|(t, _)| &**t == text) {
            return s;
        }
        let s = parse_status(text);
        if self.statuses.len() < STATUSES {
            self.statuses.push((text.into(), s));
        }
        s
    }
}

/// Field → its column.
struct Places([Option<usize>; Field::ALL.len()]);

impl Places {
    fn of(m: &Mapping) -> Places {
        Places(Field::ALL.map(|f| m.column(f)))
    }

    fn get(&self, f: Field) -> Option<usize> {
        self.0.get(f as usize).copied().flatten()
    }
}

type Bad = (usize, Reason);

/// Reads one row. An empty optional cell is `None`; a filled one that cannot be read rejects
/// the row, naming the column.
fn read_row(
    m: &Places,
    r: &StoredRow<'_>,
    id_col: usize,
    cols: &mut Columns,
) -> Result<Customer, Bad> {
    let id = match r.cell(id_col) {
        Cell::Empty => return Err((id_col, Reason::MissingCustomer)),
        Cell::Text(s) if shows_nothing(s) => return Err((id_col, Reason::InvisibleId)),
        cell => cell.display(),
    };
    let text = |f: Field| {
        m.get(f)
            .map(|c| r.cell(c))
            .filter(|c| !c.is_empty())
            .map(|c| c.display())
    };
    let mut num = |f: Field| -> Result<Option<f64>, Bad> {
        let Some(c) = m.get(f) else {
            return Ok(None);
        };
        let cell = r.cell(c);
        if cell.is_empty() {
            return Ok(None);
        }
        let col = cols
            .nums
            .get_mut(c)
            .and_then(Option::as_mut)
            .ok_or((c, Reason::BadNumber))?;
        read_num_cell(col, cell)
            .map(|(v, _)| Some(v))
            .ok_or((c, Reason::BadNumber))
    };
    let sales = num(Field::Amount)?.unwrap_or(0.0);
    let profit = num(Field::Profit)?;
    let orders = num(Field::Orders)?.map(|v| v.max(0.0).min(f64::from(u32::MAX)).round() as u32);
    let mut growth = num(Field::Growth)?;
    let avg_days_late = num(Field::AvgDaysLate)?;
    let overdue_amount = num(Field::OverdueAmount)?;
    let overdue_days = num(Field::OverdueDays)?;
    let upcoming_volume = num(Field::UpcomingVolume)?;
    let mut fraction = |f: Field| -> Result<Option<f64>, Bad> {
        let Some(c) = m.get(f) else {
            return Ok(None);
        };
        let cell = r.cell(c);
        let percent = matches!(cell, Cell::Text(s) if s.contains('%'));
        let Some(v) = num(f)? else {
            return Ok(None);
        };
        let v = if percent || v > 1.0 { v / 100.0 } else { v };
        if (0.0..=1.0).contains(&v) {
            Ok(Some(v))
        } else {
            Err((c, Reason::BadNumber))
        }
    };
    let on_time_share = fraction(Field::OnTimeShare)?;
    let share_of_wallet = fraction(Field::ShareOfWallet)?;
    let close_probability = fraction(Field::CloseProbability)?;
    let rating = |f: Field| -> Result<Option<f64>, Bad> {
        let Some(c) = m.get(f) else {
            return Ok(None);
        };
        match r.cell(c) {
            Cell::Empty => Ok(None),
            Cell::Number(v) if (0.0..=100.0).contains(&v) => Ok(Some(v)),
            Cell::Text(s) => parse_rating(s).map(Some).ok_or((c, Reason::BadNumber)),
            _ => Err((c, Reason::BadNumber)),
        }
    };
    let credit_rating = rating(Field::CreditRating)?;
    let prospects_rating = rating(Field::Prospects)?;
    let difficulty = rating(Field::Difficulty)?;
    let financial_status = rating(Field::FinancialStatus)?;
    let attitude = rating(Field::Attitude)?;
    let loyalty = rating(Field::Loyalty)?;
    let mut date = |f: Field| -> Result<Option<chrono::NaiveDate>, Bad> {
        let Some(c) = m.get(f) else {
            return Ok(None);
        };
        let cell = r.cell(c);
        if cell.is_empty() {
            return Ok(None);
        }
        let col = cols
            .dates
            .get_mut(c)
            .and_then(Option::as_mut)
            .ok_or((c, Reason::BadDate))?;
        read_date_cell(col, cell)
            .and_then(|(d, _)| days_to_date(d))
            .map(Some)
            .ok_or((c, Reason::BadDate))
    };
    let first_order = date(Field::FirstOrder)?;
    let last_order = date(Field::LastOrder)?;
    let expected_close = date(Field::ExpectedClose)?;
    // A growth column in percent ("12%" or 12) becomes a fraction.
    if let (Some(g), Some(c)) = (growth, m.get(Field::Growth)) {
        if matches!(r.cell(c), Cell::Text(s) if s.contains('%')) || g.abs() > 5.0 {
            growth = Some(g / 100.0);
        }
    }
    let status = match m.get(Field::Status).map(|c| r.cell(c)) {
        Some(Cell::Text(t)) => cols.status(t),
        Some(c) if !c.is_empty() => parse_status(&c.display()),
        _ => None,
    };
    Ok(Customer {
        name: text(Field::CustomerName).unwrap_or_else(|| id.clone()),
        id,
        status,
        sales,
        profit,
        orders,
        first_order,
        last_order,
        growth,
        attrs: crate::model::Attributes {
            avg_days_late,
            on_time_share,
            overdue_amount,
            overdue_days,
            credit_rating,
            share_of_wallet,
            upcoming_volume,
            close_probability,
            expected_close,
            prospects_rating,
            difficulty,
            financial_status,
            attitude,
            loyalty,
            owner: text(Field::Owner),
            region: text(Field::Region),
            industry: text(Field::Industry),
        }
        .into(),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::{import_csv, Shape};
    use super::*;

    /// Each row's status is `parse_status` of its cell, for more distinct texts than are
    /// remembered (`STATUSES`), repeated, in the three languages, and for a number.
    #[test]
    fn status_cells_read_as_parse_status_reads_them() {
        let words = [
            "Existing",
            "Potential",
            "潜在客户",
            "Cliente activo",
            "???",
            "7",
        ];
        let mut csv = String::from("Customer ID,Status,Sales\n");
        let texts: Vec<String> = (0..3 * STATUSES)
            .map(|k| format!("{} {}", words[k % words.len()], k % (STATUSES + 5)))
            .chain(words.iter().map(|w| w.to_string()))
            .collect();
        for (k, t) in texts.iter().enumerate() {
            csv.push_str(&format!("C{k},{t},1\n"));
        }
        let imp = import_csv("s.csv", csv.as_bytes()).unwrap();
        assert_eq!(imp.customers.len(), texts.len());
        for (c, t) in imp.customers.iter().zip(&texts) {
            assert_eq!(c.status, parse_status(t), "{t}");
        }
        assert!(imp
            .customers
            .iter()
            .any(|c| c.status == Some(DealStatus::Potential)));
        assert!(imp
            .customers
            .iter()
            .any(|c| c.status == Some(DealStatus::Closed)));
    }

    /// Rows across several cell blocks (`BLOCK_ROWS`): each customer read from its own
    /// block, a repeated id and a bad cell found in later blocks and named by their rows,
    /// and a number column settled on a format seen only in the last block.
    #[test]
    fn a_table_over_several_blocks_reads_every_row_from_its_own_block() {
        let n = 2 * BLOCK_ROWS + 500;
        let mut csv = String::from("Customer ID,Customer name,Sales,Loyalty,Region\n");
        for k in 0..n {
            let sales = if k == n - 1 {
                // A thousands separator seen only at the end: the column settles on it.
                "\"1,234.5\"".to_string()
            } else {
                format!("{}.25", k % 1000)
            };
            csv.push_str(&format!("C{k},Name {k},{sales},{},R{}\n", k % 101, k % 7));
        }
        // Row numbers are the file's: the header is row 1.
        csv.push_str("C5,Again,1,1,R1\n");
        csv.push_str(&format!("C{n},Bad,xyz,1,R1\n"));
        let imp = import_csv("big.csv", csv.as_bytes()).unwrap();
        let r = &imp.report;
        assert_eq!((r.rows_read, r.rows_used, r.rows_rejected()), (n + 2, n, 2));
        assert_eq!(r.rejected[0].row, n + 2);
        assert_eq!(r.rejected[0].reason, Reason::DuplicateId { first_row: 7 });
        assert_eq!(r.rejected[1].row, n + 3);
        assert_eq!(r.rejected[1].column.as_deref(), Some("Sales"));
        assert_eq!(imp.customers.len(), n);
        for (k, c) in imp.customers.iter().enumerate() {
            assert_eq!(c.id, format!("C{k}"));
            assert_eq!(c.name, format!("Name {k}"));
            let sales = if k == n - 1 {
                1234.5
            } else {
                (k % 1000) as f64 + 0.25
            };
            assert_eq!(c.sales, sales, "row {}", k + 2);
            assert_eq!(c.attrs().loyalty, Some((k % 101) as f64));
            assert_eq!(
                c.attrs().region.as_deref(),
                Some(format!("R{}", k % 7).as_str())
            );
        }
    }

    #[test]
    fn customer_table_with_status_duplicates_and_bad_cells() {
        let csv = "\
客户编号,客户名称,状态,销售额,毛利,钱包份额,成交概率,负责人
C1,甲公司,已成交,\"1,200\",300,40%,,王
C2,乙公司,潜在,,,,75%,李
C1,甲公司,已成交,5,1,,,王
C3,丙公司,已成交,abc,1,,,王
";
        let imp = import_csv("客户.csv", csv.as_bytes()).unwrap();
        assert_eq!(imp.shape, Shape::Customers);
        let r = &imp.report;
        assert_eq!((r.rows_read, r.rows_used, r.rows_rejected()), (4, 2, 2));
        assert_eq!(r.rejected[0].reason, Reason::DuplicateId { first_row: 2 });
        assert_eq!(r.duplicate_ids, 1);
        assert_eq!(
            r.rejected[1].to_string(),
            "row 5, column \"销售额\", value \"abc\": not a number"
        );
        let c1 = &imp.customers[0];
        assert_eq!(
            (c1.id.as_str(), c1.name.as_str(), c1.sales),
            ("C1", "甲公司", 1200.0)
        );
        assert_eq!(c1.attrs().share_of_wallet, Some(0.4));
        assert_eq!(c1.attrs().owner.as_deref(), Some("王"));
        assert_eq!(c1.deal_status(), DealStatus::Closed);
        let c2 = &imp.customers[1];
        assert_eq!(c2.deal_status(), DealStatus::Potential);
        assert_eq!(c2.attrs().close_probability, Some(0.75));
        assert_eq!(c2.profit, None, "an empty cell is missing, not zero");
    }

    /// Ids of every form the id lookup takes apart (codes, short text, long text, codes too
    /// long for its flat array): each repeat is rejected naming the first row of its id.
    #[test]
    fn repeated_ids_of_every_form_name_their_first_row() {
        let csv = "\
id,sales,share_of_wallet,credit_rating
C001,1,10%,A
Golden Machinery Ltd 17,2,10%,A
C002,3,10%,A
AB,4,10%,A
Golden Machinery Ltd 17,5,10%,A
C001,6,10%,A
AB,7,10%,A
C1234567890123,8,10%,A
C1234567890123,9,10%,A
";
        let imp = import_csv("ids.csv", csv.as_bytes()).unwrap();
        let r = &imp.report;
        assert_eq!((r.rows_read, r.rows_used, r.duplicate_ids), (9, 5, 4));
        let firsts: Vec<(usize, Reason)> = r
            .rejected
            .iter()
            .map(|x| (x.row, x.reason.clone()))
            .collect();
        let dup = |first_row| Reason::DuplicateId { first_row };
        assert_eq!(
            firsts,
            vec![(6, dup(3)), (7, dup(2)), (8, dup(5)), (10, dup(9))]
        );
        let sales: Vec<f64> = imp.customers.iter().map(|c| c.sales).collect();
        assert_eq!(sales, vec![1.0, 2.0, 3.0, 4.0, 8.0]);
    }

    #[test]
    fn a_spanish_table_settles_its_thousands_from_a_decimal_comma_further_down() {
        let csv = "Cliente;Ventas;Margen\nA;1.234;10\nB;2.500;5,5\nC;7,25;1\n";
        let imp = import_csv("es.csv", csv.as_bytes()).unwrap();
        let sales: Vec<f64> = imp.customers.iter().map(|c| c.sales).collect();
        assert_eq!(sales, [1234.0, 2500.0, 7.25]);
        assert_eq!(imp.customers[1].profit, Some(5.5));
        assert!(imp.report.questions.is_empty());
    }

    #[test]
    fn status_words() {
        assert_eq!(parse_status("Prospect"), Some(DealStatus::Potential));
        assert_eq!(parse_status("潜在客户"), Some(DealStatus::Potential));
        assert_eq!(parse_status("Cliente activo"), Some(DealStatus::Closed));
        assert_eq!(parse_status("???"), None);
    }
}
