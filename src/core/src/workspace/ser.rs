//! Borrowed writers for the stored layout: the same postcard bytes as the [`dto`] structs
//! (schema version 2), written straight from the model. A save of 100k customers and a
//! 1M-row log then holds no copy of the columns (the DTOs would be about 70 MB more while
//! saving, all of it in WASM memory, which never shrinks). Reading still goes through the
//! DTOs. Tests check the bytes against the DTOs'.

use super::dto::{day, json, ReviewDto, StateDto};
use super::SourceRef;
use crate::import::money::Money;
use crate::import::{rollup::CompactLog, Shape};
use crate::model::{Customer, DealStatus};
use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

/// A sequence of `len` items made on demand from the customers.
struct Seq<F> {
    len: usize,
    items: F,
}

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len))?;
        for x in (self.items)() {
            seq.serialize_element(&x)?;
        }
        seq.end()
    }
}

/// One item per customer.
fn per<'a, T, F>(
    cs: &'a [Customer],
    f: F,
) -> Seq<impl Fn() -> std::iter::Map<std::slice::Iter<'a, Customer>, F>>
where
    F: Fn(&'a Customer) -> T + Copy,
{
    Seq {
        len: cs.len(),
        items: move || cs.iter().map(f),
    }
}

/// [`super::dto::CustomersDto`], written from the customers.
pub(super) struct CustomersSer<'a>(pub &'a [Customer]);

impl Serialize for CustomersSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let cs = self.0;
        let products: usize = cs.iter().map(|c| c.products.len()).sum();
        let mut st = s.serialize_struct("CustomersDto", 16)?;
        st.serialize_field("id", &per(cs, |c| &c.id))?;
        st.serialize_field("name", &per(cs, |c| &c.name))?;
        st.serialize_field(
            "status",
            &per(cs, |c| match c.status {
                None => 0u8,
                Some(DealStatus::Closed) => 1,
                Some(DealStatus::Potential) => 2,
            }),
        )?;
        st.serialize_field("sales", &per(cs, |c| c.sales))?;
        st.serialize_field("orders", &per(cs, |c| c.orders))?;
        st.serialize_field("first_order", &per(cs, |c| day(c.first_order)))?;
        st.serialize_field("last_order", &per(cs, |c| day(c.last_order)))?;
        st.serialize_field(
            "expected_close",
            &per(cs, |c| day(c.attrs().expected_close)),
        )?;
        st.serialize_field("recency_days", &per(cs, |c| c.recency_days))?;
        st.serialize_field("owner", &per(cs, |c| &c.attrs().owner))?;
        st.serialize_field("region", &per(cs, |c| &c.attrs().region))?;
        st.serialize_field("industry", &per(cs, |c| &c.attrs().industry))?;
        st.serialize_field(
            "product_start",
            &Seq {
                len: cs.len() + 1,
                items: || {
                    let mut at = 0u32;
                    std::iter::once(0).chain(cs.iter().map(move |c| {
                        at += c.products.len() as u32;
                        at
                    }))
                },
            },
        )?;
        st.serialize_field(
            "product_list",
            &Seq {
                len: products,
                items: || cs.iter().flat_map(|c| c.products.iter()),
            },
        )?;
        st.serialize_field("opt", &super::dto::OptColumnsSer(cs))?;
        st.end()
    }
}

/// [`super::dto::LogDto`], borrowed: slices serialise as the vectors do, and a money column as
/// its `f64` values.
#[derive(serde::Serialize)]
struct LogSer<'a> {
    customer_ids: &'a [String],
    customer_names: &'a [String],
    products: &'a [String],
    customer: &'a [u32],
    date: &'a [i32],
    amount: &'a Money,
    profit: &'a Money,
    cost: &'a Money,
    product: &'a [u32],
    due: &'a [i32],
    paid: &'a [i32],
}

impl<'a> LogSer<'a> {
    fn new(l: &'a CompactLog) -> Self {
        LogSer {
            customer_ids: &l.customer_ids,
            customer_names: &l.customer_names,
            products: &l.products,
            customer: &l.customer,
            date: &l.date,
            amount: &l.amount,
            profit: &l.profit,
            cost: &l.cost,
            product: &l.product,
            due: &l.due,
            paid: &l.paid,
        }
    }
}

/// [`super::dto::SourceDto`], written from an imported file.
#[derive(serde::Serialize)]
pub(super) struct SourceSer<'a> {
    shape: u8,
    mapping_json: String,
    options_json: String,
    report_json: String,
    header_signature: &'a str,
    sheets: &'a [String],
    samples: &'a [Vec<String>],
    products: &'a [String],
    as_of: Option<i32>,
    customers: CustomersSer<'a>,
    log: Option<LogSer<'a>>,
}

impl<'a> SourceSer<'a> {
    pub(super) fn new(s: SourceRef<'a>) -> Self {
        let i = s.imported;
        SourceSer {
            shape: match i.shape {
                Shape::Customers => 0,
                Shape::Transactions => 1,
            },
            mapping_json: json(&i.mapping),
            options_json: json(s.options),
            report_json: json(&i.report),
            header_signature: &i.header_signature,
            sheets: &i.sheets,
            samples: &i.samples,
            products: &i.products,
            as_of: day(i.as_of),
            customers: CustomersSer(&i.customers),
            log: i.log.as_deref().map(LogSer::new),
        }
    }
}

/// [`super::dto::DataDto`].
#[derive(serde::Serialize)]
pub(super) struct DataSer<'a> {
    pub master: Option<SourceSer<'a>>,
    pub log: Option<SourceSer<'a>>,
    pub is_sample: bool,
}

impl<'a> DataSer<'a> {
    pub(super) fn new(
        master: Option<SourceRef<'a>>,
        log: Option<SourceRef<'a>>,
        is_sample: bool,
    ) -> Self {
        DataSer {
            master: master.map(SourceSer::new),
            log: log.map(SourceSer::new),
            is_sample,
        }
    }
}

/// [`super::dto::FileDto`].
#[derive(serde::Serialize)]
pub(super) struct FileSer<'a> {
    pub state: StateDto,
    pub data: DataSer<'a>,
    pub reviews: Vec<ReviewDto>,
}

#[cfg(test)]
mod tests {
    use super::super::dto::DataDto;
    use super::*;
    use crate::import::{import_csv, ImportOptions};

    fn read(f: &str) -> Vec<u8> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/sample/");
        std::fs::read(format!("{root}{f}")).expect("sample file")
    }

    #[test]
    fn what_is_written_reads_back_through_the_dtos_and_writes_the_same_bytes() {
        let master = import_csv("customers.csv", &read("customers.csv")).expect("master");
        let log = import_csv("orders.csv", &read("orders.csv")).expect("log");
        assert!(log.log.is_some() && log.customers.iter().any(|c| !c.products.is_empty()));
        assert!(master.customers.iter().any(|c| c.attrs().owner.is_some()));
        let opts = ImportOptions {
            sheet: Some("Sheet 2".into()),
            ..Default::default()
        };
        let at = |i| SourceRef {
            imported: i,
            options: &opts,
        };
        for (a, b) in [
            (Some(at(&master)), Some(at(&log))),
            (None, Some(at(&log))),
            (Some(at(&master)), None),
            (None, None),
        ] {
            let bytes = postcard::to_allocvec(&DataSer::new(a, b, true)).expect("ser");
            let dto: DataDto = postcard::from_bytes(&bytes).expect("reads as the DTO");
            let back = dto.into_model().expect("valid");
            assert!(back.is_sample);
            for (orig, got) in [(a, &back.master), (b, &back.log)] {
                let (Some(orig), Some(got)) = (orig, got) else {
                    assert!(orig.is_none() && got.is_none());
                    continue;
                };
                assert_eq!(got.options, opts);
                assert_eq!(got.imported.customers, orig.imported.customers);
                assert_eq!(got.imported.report, orig.imported.report);
            }
            // Written again from what was read: the same bytes (log figures bit for bit).
            let again = DataSer::new(
                back.master.as_ref().map(|s| s.as_ref()),
                back.log.as_ref().map(|s| s.as_ref()),
                true,
            );
            assert!(postcard::to_allocvec(&again).expect("ser") == bytes);
        }
    }

    #[test]
    fn an_empty_customer_table_writes_empty_columns() {
        let got = postcard::to_allocvec(&CustomersSer(&[])).expect("ser");
        let want =
            postcard::to_allocvec(&super::super::dto::CustomersDto::from_model(&[])).expect("dto");
        assert_eq!(got, want);
    }
}
