//! Schema version 2: the stored and exported layout, decoupled from the in-memory model.
//! Customers and the transaction log are stored by column. Types whose serde form is already
//! versioned and tolerant of added fields (settings, mappings, import options, the import
//! report) are kept as JSON text inside the binary payload.

use super::review::{Review, ReviewEntry};
use super::{Data, Source, State, StrategicException};
use crate::classify::five_s::CoordinationNote;
use crate::classify::{abc::AbcClass, five_s::FiveSClass, tiers::Tier, Class};
use crate::import::{rollup::CompactLog, Imported, Shape};
use crate::model::{Attributes, Customer, DealStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub(super) fn day(d: Option<NaiveDate>) -> Option<i32> {
    use chrono::Datelike;
    d.map(|d| d.num_days_from_ce())
}

pub(super) fn date(d: Option<i32>) -> Result<Option<NaiveDate>, String> {
    d.map(|d| NaiveDate::from_num_days_from_ce_opt(d).ok_or_else(|| format!("bad date {d}")))
        .transpose()
}

/// Where a customer keeps a column's field: on the record itself or in its attributes.
trait Part {
    fn of(c: &Customer) -> &Self;
    fn of_mut(c: &mut Customer) -> &mut Self;
}

impl Part for Customer {
    fn of(c: &Customer) -> &Customer {
        c
    }
    fn of_mut(c: &mut Customer) -> &mut Customer {
        c
    }
}

impl Part for Attributes {
    fn of(c: &Customer) -> &Attributes {
        c.attrs()
    }
    fn of_mut(c: &mut Customer) -> &mut Attributes {
        c.attrs_mut()
    }
}

macro_rules! columns {
    ($($f:ident in $part:ident),+ $(,)?) => {
        /// The optional numeric columns of the customer table.
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        pub struct OptColumns { $(pub $f: Vec<Option<f64>>,)+ }

        impl OptColumns {
            fn push(&mut self, c: &Customer) { $(self.$f.push(<$part as Part>::of(c).$f);)+ }
            fn fill(&self, i: usize, c: &mut Customer) {
                $(if let Some(v) = self.$f[i] {
                    <$part as Part>::of_mut(c).$f = Some(v);
                })+
            }
            fn lengths(&self) -> Vec<(&'static str, usize)> { vec![$((stringify!($f), self.$f.len()),)+] }
        }

        /// [`OptColumns`], written from the customers (see [`super::ser`]).
        pub(super) struct OptColumnsSer<'a>(pub &'a [Customer]);

        impl Serialize for OptColumnsSer<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::{SerializeSeq, SerializeStruct};
                let cs = self.0;
                let mut st = s.serialize_struct("OptColumns", [$(stringify!($f),)+].len())?;
                $({
                    struct Col<'a>(&'a [Customer]);
                    impl Serialize for Col<'_> {
                        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                            let mut seq = s.serialize_seq(Some(self.0.len()))?;
                            for c in self.0 {
                                seq.serialize_element(&<$part as Part>::of(c).$f)?;
                            }
                            seq.end()
                        }
                    }
                    st.serialize_field(stringify!($f), &Col(cs))?;
                })+
                st.end()
            }
        }
    };
}

columns!(
    profit in Customer,
    sales_last12 in Customer,
    sales_prev12 in Customer,
    growth in Customer,
    avg_days_late in Attributes,
    on_time_share in Attributes,
    overdue_amount in Attributes,
    overdue_days in Attributes,
    credit_rating in Attributes,
    share_of_wallet in Attributes,
    upcoming_volume in Attributes,
    close_probability in Attributes,
    prospects_rating in Attributes,
    difficulty in Attributes,
    financial_status in Attributes,
    attitude in Attributes,
    loyalty in Attributes,
    frequency in Customer,
    avg_order_value in Customer,
);

/// The customer table by column.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomersDto {
    pub id: Vec<String>,
    pub name: Vec<String>,
    /// 0 derived, 1 closed, 2 potential.
    pub status: Vec<u8>,
    pub sales: Vec<f64>,
    pub orders: Vec<Option<u32>>,
    pub first_order: Vec<Option<i32>>,
    pub last_order: Vec<Option<i32>>,
    pub expected_close: Vec<Option<i32>>,
    pub recency_days: Vec<Option<i64>>,
    pub owner: Vec<Option<String>>,
    pub region: Vec<Option<String>>,
    pub industry: Vec<Option<String>>,
    /// Products of customer `i`: `product_list[product_start[i]..product_start[i + 1]]`.
    pub product_start: Vec<u32>,
    pub product_list: Vec<u32>,
    pub opt: OptColumns,
}

impl CustomersDto {
    pub fn from_model(cs: &[Customer]) -> Self {
        let mut d = CustomersDto::default();
        d.product_start.push(0);
        for c in cs {
            d.id.push(c.id.clone());
            d.name.push(c.name.clone());
            d.status.push(match c.status {
                None => 0,
                Some(DealStatus::Closed) => 1,
                Some(DealStatus::Potential) => 2,
            });
            d.sales.push(c.sales);
            d.orders.push(c.orders);
            d.first_order.push(day(c.first_order));
            d.last_order.push(day(c.last_order));
            d.expected_close.push(day(c.attrs().expected_close));
            d.recency_days.push(c.recency_days);
            d.owner.push(c.attrs().owner.clone());
            d.region.push(c.attrs().region.clone());
            d.industry.push(c.attrs().industry.clone());
            d.product_list.extend_from_slice(&c.products);
            d.product_start.push(d.product_list.len() as u32);
            d.opt.push(c);
        }
        d
    }

    /// Back to the model; every column must have one value per customer and product indices
    /// must be below `products`.
    pub fn into_model(self, products: usize) -> Result<Vec<Customer>, String> {
        let n = self.id.len();
        let mut lengths = vec![
            ("name", self.name.len()),
            ("status", self.status.len()),
            ("sales", self.sales.len()),
            ("orders", self.orders.len()),
            ("first_order", self.first_order.len()),
            ("last_order", self.last_order.len()),
            ("expected_close", self.expected_close.len()),
            ("recency_days", self.recency_days.len()),
            ("owner", self.owner.len()),
            ("region", self.region.len()),
            ("industry", self.industry.len()),
            ("product_start", self.product_start.len().saturating_sub(1)),
        ];
        lengths.extend(self.opt.lengths());
        if let Some((col, len)) = lengths.into_iter().find(|&(_, l)| l != n) {
            return Err(format!("column {col} has {len} values for {n} customers"));
        }
        let starts = &self.product_start;
        if starts.first() != Some(&0)
            || starts.windows(2).any(|w| w[0] > w[1])
            || starts.last().map(|&l| l as usize) != Some(self.product_list.len())
        {
            return Err("product lists are out of order".into());
        }
        if self.product_list.iter().any(|&p| p as usize >= products) {
            return Err("a product index is out of range".into());
        }
        let mut out = Vec::with_capacity(n);
        let (mut id, mut name, mut owner, mut region, mut industry) = (
            self.id.into_iter(),
            self.name.into_iter(),
            self.owner.into_iter(),
            self.region.into_iter(),
            self.industry.into_iter(),
        );
        for i in 0..n {
            let mut c = Customer {
                id: id.next().unwrap_or_default(),
                name: name.next().unwrap_or_default(),
                status: match self.status[i] {
                    0 => None,
                    1 => Some(DealStatus::Closed),
                    2 => Some(DealStatus::Potential),
                    s => return Err(format!("unknown status {s}")),
                },
                sales: self.sales[i],
                orders: self.orders[i],
                first_order: date(self.first_order[i])?,
                last_order: date(self.last_order[i])?,
                attrs: crate::model::Attributes {
                    expected_close: date(self.expected_close[i])?,
                    owner: owner.next().flatten(),
                    region: region.next().flatten(),
                    industry: industry.next().flatten(),
                    ..Default::default()
                }
                .into(),
                recency_days: self.recency_days[i],
                products: self.product_list[starts[i] as usize..starts[i + 1] as usize].to_vec(),
                ..Default::default()
            };
            self.opt.fill(i, &mut c);
            out.push(c);
        }
        Ok(out)
    }
}

/// A transaction log by column, as [`CompactLog`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LogDto {
    pub customer_ids: Vec<String>,
    pub customer_names: Vec<String>,
    pub products: Vec<String>,
    pub customer: Vec<u32>,
    pub date: Vec<i32>,
    pub amount: Vec<f64>,
    pub profit: Vec<f64>,
    pub cost: Vec<f64>,
    pub product: Vec<u32>,
    pub due: Vec<i32>,
    pub paid: Vec<i32>,
}

impl LogDto {
    fn into_model(self) -> Result<CompactLog, String> {
        let n = self.customer.len();
        for (col, len) in [
            ("date", self.date.len()),
            ("amount", self.amount.len()),
            ("profit", self.profit.len()),
            ("cost", self.cost.len()),
            ("product", self.product.len()),
            ("due", self.due.len()),
            ("paid", self.paid.len()),
        ] {
            // Optional log columns are either empty or one value per row.
            if len != n && !(len == 0 && col != "date" && col != "amount") {
                return Err(format!("log column {col} has {len} values for {n} rows"));
            }
        }
        let ids = self.customer_ids.len() as u32;
        if self.customer.iter().any(|&c| c >= ids) {
            return Err("a log row names an unknown customer".into());
        }
        let products = self.products.len() as u32;
        if self
            .product
            .iter()
            .any(|&p| p >= products && p != crate::import::rollup::NO_PRODUCT)
        {
            return Err("a log row names an unknown product".into());
        }
        Ok(CompactLog {
            customer_ids: self.customer_ids,
            customer_names: self.customer_names,
            products: self.products,
            customer: self.customer,
            date: self.date,
            amount: self.amount.into(),
            profit: self.profit.into(),
            cost: self.cost.into(),
            product: self.product,
            due: self.due,
            paid: self.paid,
        })
    }
}

/// One imported file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceDto {
    /// 0 customer table, 1 transaction log.
    pub shape: u8,
    pub mapping_json: String,
    pub options_json: String,
    pub report_json: String,
    pub header_signature: String,
    pub sheets: Vec<String>,
    pub samples: Vec<Vec<String>>,
    pub products: Vec<String>,
    pub as_of: Option<i32>,
    pub customers: CustomersDto,
    pub log: Option<LogDto>,
}

pub(super) fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn from_json<T: for<'a> Deserialize<'a>>(s: &str, what: &str) -> Result<T, String> {
    serde_json::from_str(s).map_err(|e| format!("{what}: {e}"))
}

impl SourceDto {
    pub fn into_model(self) -> Result<Source, String> {
        let shape = match self.shape {
            0 => Shape::Customers,
            1 => Shape::Transactions,
            s => return Err(format!("unknown shape {s}")),
        };
        let products = self.products.len();
        let imported = Imported {
            shape,
            mapping: from_json(&self.mapping_json, "mapping")?,
            report: from_json(&self.report_json, "import report")?,
            customers: self.customers.into_model(products)?.into(),
            products: self.products,
            as_of: date(self.as_of)?,
            log: self
                .log
                .map(LogDto::into_model)
                .transpose()?
                .map(Into::into),
            samples: self.samples,
            header_signature: self.header_signature,
            sheets: self.sheets,
        };
        Ok(Source {
            imported,
            options: from_json(&self.options_json, "import options")?,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DataDto {
    pub master: Option<SourceDto>,
    pub log: Option<SourceDto>,
    pub is_sample: bool,
}

impl DataDto {
    pub fn into_model(self) -> Result<Data, String> {
        Ok(Data {
            master: self.master.map(SourceDto::into_model).transpose()?,
            log: self.log.map(SourceDto::into_model).transpose()?,
            is_sample: self.is_sample,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NoteDto {
    pub customer_id: String,
    pub problem: String,
    pub help: String,
}

impl NoteDto {
    fn from_model(n: &CoordinationNote) -> Self {
        NoteDto {
            customer_id: n.customer_id.clone(),
            problem: n.problem.clone(),
            help: n.help.clone(),
        }
    }

    fn into_model(self) -> CoordinationNote {
        CoordinationNote {
            customer_id: self.customer_id,
            problem: self.problem,
            help: self.help,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StateDto {
    pub name: String,
    pub settings_json: String,
    pub notes: Vec<NoteDto>,
    /// Strategic exceptions: (customer id, reason).
    pub strategic: Vec<(String, String)>,
}

impl StateDto {
    pub fn from_model(s: &State) -> Self {
        StateDto {
            name: s.name.clone(),
            settings_json: state_json(&s.settings, &s.report),
            notes: s.notes.iter().map(NoteDto::from_model).collect(),
            strategic: s
                .strategic
                .iter()
                .map(|e| (e.customer_id.clone(), e.reason.clone()))
                .collect(),
        }
    }

    pub fn into_model(self) -> Result<State, String> {
        let settings: crate::Settings = from_json(&self.settings_json, "settings")?;
        let report = report_of(&self.settings_json)?;
        Ok(State {
            report,
            name: self.name,
            settings: settings.normalized(),
            notes: self.notes.into_iter().map(NoteDto::into_model).collect(),
            strategic: self
                .strategic
                .into_iter()
                .map(|(customer_id, reason)| StrategicException {
                    customer_id,
                    reason,
                })
                .collect(),
        })
    }
}

/// The state's JSON text: the settings' fields and, when some section is left out, the
/// report's section choice beside them under `"report"`. `Settings` ignores a field it does
/// not know, so this needs no new schema version: a file written before the report existed
/// reads with every section included, and an older Tierwise reads a newer file's settings as
/// they are (and drops the choice).
fn state_json(settings: &crate::Settings, report: &super::ReportChoice) -> String {
    if *report == super::ReportChoice::default() {
        return json(settings);
    }
    let mut v = serde_json::to_value(settings).unwrap_or_default();
    if let (Some(map), Ok(r)) = (v.as_object_mut(), serde_json::to_value(report)) {
        map.insert(REPORT_KEY.into(), r);
    }
    v.to_string()
}

/// The key of the report's choice in the state's JSON text (no settings section has it).
const REPORT_KEY: &str = "report";

fn report_of(settings_json: &str) -> Result<super::ReportChoice, String> {
    let v: serde_json::Value = from_json(settings_json, "settings")?;
    match v.get(REPORT_KEY) {
        None => Ok(super::ReportChoice::default()),
        Some(r) => serde_json::from_value(r.clone()).map_err(|e| format!("report sections: {e}")),
    }
}

/// A review by column. Classes as their index (best = 0), 255 for none.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewDto {
    pub label: String,
    pub date: String,
    pub id: Vec<String>,
    pub name: Vec<String>,
    pub sales: Vec<f64>,
    pub profit: Vec<Option<f64>>,
    pub abc: Vec<u8>,
    pub tier: Vec<u8>,
    pub five_s: Vec<u8>,
    pub rating: Vec<Option<f64>>,
    pub flags: Vec<u8>,
    pub released: Vec<bool>,
    pub notes: Vec<NoteDto>,
}

const NONE: u8 = u8::MAX;

fn class_byte<C: Class>(c: Option<C>) -> u8 {
    c.map_or(NONE, |c| c.index() as u8)
}

fn class_from<C: Class>(b: u8) -> Result<Option<C>, String> {
    if b == NONE {
        return Ok(None);
    }
    C::ALL
        .get(b as usize)
        .copied()
        .map(Some)
        .ok_or_else(|| format!("unknown class {b}"))
}

impl ReviewDto {
    pub fn from_model(r: &Review) -> Self {
        let mut d = ReviewDto {
            label: r.label.clone(),
            date: r.date.clone(),
            notes: r.notes.iter().map(NoteDto::from_model).collect(),
            ..Default::default()
        };
        for e in &r.entries {
            d.id.push(e.id.clone());
            d.name.push(e.name.clone());
            d.sales.push(e.sales);
            d.profit.push(e.profit);
            d.abc.push(class_byte(e.abc));
            d.tier.push(class_byte(e.tier));
            d.five_s.push(class_byte(e.five_s));
            d.rating.push(e.rating);
            d.flags.push(e.flags);
            d.released.push(e.released);
        }
        d
    }

    pub fn into_model(self) -> Result<Review, String> {
        let n = self.id.len();
        let lens = [
            self.name.len(),
            self.sales.len(),
            self.profit.len(),
            self.abc.len(),
            self.tier.len(),
            self.five_s.len(),
            self.rating.len(),
            self.flags.len(),
            self.released.len(),
        ];
        if lens.iter().any(|&l| l != n) {
            return Err(format!(
                "review {:?} has columns of different lengths",
                self.label
            ));
        }
        let mut entries = Vec::with_capacity(n);
        for (i, (id, name)) in self.id.into_iter().zip(self.name).enumerate() {
            entries.push(ReviewEntry {
                id,
                name,
                sales: self.sales[i],
                profit: self.profit[i],
                abc: class_from::<AbcClass>(self.abc[i])?,
                tier: class_from::<Tier>(self.tier[i])?,
                five_s: class_from::<FiveSClass>(self.five_s[i])?,
                rating: self.rating[i],
                flags: self.flags[i],
                released: self.released[i],
            });
        }
        Ok(Review {
            label: self.label,
            date: self.date,
            entries,
            notes: self.notes.into_iter().map(NoteDto::into_model).collect(),
        })
    }
}

/// The whole workspace in one file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileDto {
    pub state: StateDto,
    pub data: DataDto,
    pub reviews: Vec<ReviewDto>,
}
