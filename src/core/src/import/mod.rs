//! Text → rows → customers, with diagnostics. Nothing here panics on user data, and every row
//! read is either used or rejected with its row number, column, value and reason.
//!
//! - [`fields`]: the field vocabulary and the zh-CN / en / es header synonyms.
//! - [`values`]: numbers, fractions, dates and ratings as spreadsheets write them.
//! - [`table`]: splitting text into a header and records (delimiter sniffing, BOM).
//! - [`rollup`]: a transaction log rolled up per customer.
//! - [`customers`]: a customer table read row by row.
//! - [`join`]: a customer master and an order log joined into one [`Dataset`].

pub mod customers;
pub mod diagnostics;
pub mod fields;
pub mod join;
pub mod rollup;
pub mod table;
pub mod values;

pub use diagnostics::{ImportError, ImportReport, Reason, Rejection};
pub use fields::Field;

use crate::model::Customer;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The two shapes a spreadsheet comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    /// One row per customer.
    Customers,
    /// One row per order or invoice.
    Transactions,
}

/// Column → field, with the headers it was built from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub headers: Vec<String>,
    pub fields: Vec<Option<Field>>,
}

impl Mapping {
    pub fn auto(headers: Vec<String>) -> Self {
        let fields = fields::auto_map(&headers);
        Mapping { headers, fields }
    }

    pub fn column(&self, f: Field) -> Option<usize> {
        self.fields.iter().position(|&x| x == Some(f))
    }

    pub fn has(&self, f: Field) -> bool {
        self.column(f).is_some()
    }

    /// The column that identifies a customer: the id if mapped, else the name.
    pub fn customer_column(&self) -> Option<usize> {
        self.column(Field::CustomerId)
            .or_else(|| self.column(Field::CustomerName))
    }

    /// A log needs an order date and an amount; anything else is read as a customer table.
    pub fn guess_shape(&self) -> Shape {
        if self.has(Field::Date) && self.has(Field::Amount) {
            Shape::Transactions
        } else {
            Shape::Customers
        }
    }
}

/// One imported file: its customers (rolled up if it was a log) and its accounting.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub shape: Shape,
    pub mapping: Mapping,
    pub customers: Vec<Customer>,
    /// Product names (a log with a product column), indexed by `Customer::products`.
    pub products: Vec<String>,
    /// Newest date in a log.
    pub as_of: Option<NaiveDate>,
    pub report: ImportReport,
}

/// Imports one CSV file given as bytes, with the shape guessed from its headers.
pub fn import_csv(file: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    import_csv_as(file, bytes, None)
}

/// Imports one CSV file, forcing the shape when `shape` is given.
pub fn import_csv_as(
    file: &str,
    bytes: &[u8],
    shape: Option<Shape>,
) -> Result<Imported, ImportError> {
    let text = table::decode(file, bytes)?;
    let t = table::read(file, &text)?;
    let mapping = Mapping::auto(t.headers.clone());
    let shape = shape.unwrap_or_else(|| mapping.guess_shape());
    match shape {
        Shape::Transactions => rollup::from_table(file, &t, mapping),
        Shape::Customers => customers::from_table(file, &t, mapping),
    }
}
