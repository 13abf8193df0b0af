//! The normalised customer table every method works on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// 已成交 / 潜在: has the customer closed at least one deal?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DealStatus {
    /// An existing customer: at least one closed deal.
    Closed,
    /// A potential customer (prospect): no deal yet.
    Potential,
}

/// One customer after import and roll-up. Every figure that a source may lack is an
/// `Option`: a missing value is never treated as zero.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: String,
    pub name: String,
    /// Explicit status from a customer table; `None` means "derive from sales and orders".
    pub status: Option<DealStatus>,
    /// Net sales (returns netted).
    pub sales: f64,
    pub profit: Option<f64>,
    pub orders: Option<u32>,
    pub first_order: Option<NaiveDate>,
    pub last_order: Option<NaiveDate>,
    /// Days since the last order, relative to the newest date in the log.
    pub recency_days: Option<i64>,
    /// Sales in the 12 months up to the newest date in the log, and in the 12 before.
    pub sales_last12: Option<f64>,
    pub sales_prev12: Option<f64>,
    /// Growth as a fraction: 0.25 = +25%. From the log (last 12 vs previous 12) or a column.
    pub growth: Option<f64>,
    /// What a customer master (or a log with due and paid dates) adds: credit, wallet,
    /// forecast, ratings, owner, region, industry. Held out of line and only when present, so
    /// a customer rolled up from a bare order log carries none of it (about 200 bytes less).
    /// Read with [`Customer::attrs`], written with [`Customer::attrs_mut`].
    pub attrs: Attrs,
    /// Products bought, as indices into [`Dataset::products`], sorted and unique.
    pub products: Vec<u32>,
    /// Purchase frequency from a log: orders per month over the active span, from the first
    /// to the last order (a span under one month counts as one month).
    #[serde(default)]
    pub frequency: Option<f64>,
    /// Average order value from a log: net sales / orders.
    #[serde(default)]
    pub avg_order_value: Option<f64>,
}

/// The attributes a customer master adds (see [`Customer::attrs`]). Every one is an `Option`:
/// a missing value is never treated as zero.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Attributes {
    pub avg_days_late: Option<f64>,
    /// Share of invoices paid on or before their due date, 0..=1.
    pub on_time_share: Option<f64>,
    pub overdue_amount: Option<f64>,
    pub overdue_days: Option<f64>,
    /// Credit rating as a 0..=100 score (letters such as AAA..D are mapped on import).
    pub credit_rating: Option<f64>,
    /// Our share of what the customer buys of this kind, 0..=1.
    pub share_of_wallet: Option<f64>,
    /// Upcoming purchase volume (forecast), in money.
    pub upcoming_volume: Option<f64>,
    /// Close probability for prospects, 0..=1.
    pub close_probability: Option<f64>,
    pub expected_close: Option<NaiveDate>,
    /// Subjective ratings on a 0..=100 scale.
    pub prospects_rating: Option<f64>,
    pub difficulty: Option<f64>,
    pub financial_status: Option<f64>,
    pub attitude: Option<f64>,
    pub loyalty: Option<f64>,
    pub owner: Option<String>,
    pub region: Option<String>,
    pub industry: Option<String>,
}

static NO_ATTRIBUTES: Attributes = Attributes {
    avg_days_late: None,
    on_time_share: None,
    overdue_amount: None,
    overdue_days: None,
    credit_rating: None,
    share_of_wallet: None,
    upcoming_volume: None,
    close_probability: None,
    expected_close: None,
    prospects_rating: None,
    difficulty: None,
    financial_status: None,
    attitude: None,
    loyalty: None,
    owner: None,
    region: None,
    industry: None,
};

/// A customer's [`Attributes`], boxed only once one is set. Compares, prints and serialises
/// as the attributes themselves: no box and a box of nothing are the same.
#[derive(Clone, Default)]
pub struct Attrs(Option<Box<Attributes>>);

impl Attrs {
    pub fn get(&self) -> &Attributes {
        self.0.as_deref().unwrap_or(&NO_ATTRIBUTES)
    }

    pub fn get_mut(&mut self) -> &mut Attributes {
        self.0.get_or_insert_with(Default::default)
    }
}

impl From<Attributes> for Attrs {
    /// Boxed only when at least one attribute is set.
    fn from(a: Attributes) -> Attrs {
        Attrs((a != NO_ATTRIBUTES).then(|| Box::new(a)))
    }
}

impl PartialEq for Attrs {
    fn eq(&self, other: &Attrs) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for Attrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl Serialize for Attrs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Attrs, D::Error> {
        Attributes::deserialize(d).map(Attrs::from)
    }
}

impl Customer {
    /// The master's attributes (all `None` when there are none).
    pub fn attrs(&self) -> &Attributes {
        self.attrs.get()
    }

    /// Whether any attribute was ever set (a customer of a bare order log has none).
    pub fn has_attributes(&self) -> bool {
        self.attrs.0.is_some()
    }

    /// The attributes, to set one (boxes them on first use).
    pub fn attrs_mut(&mut self) -> &mut Attributes {
        self.attrs.get_mut()
    }

    pub fn deal_status(&self) -> DealStatus {
        match self.status {
            Some(s) => s,
            None if self.orders.unwrap_or(0) > 0 || self.sales != 0.0 => DealStatus::Closed,
            None => DealStatus::Potential,
        }
    }

    pub fn is_existing(&self) -> bool {
        self.deal_status() == DealStatus::Closed
    }
}

/// A customer table shared without copying (an `Arc<Vec<Customer>>`): the imported file and
/// the dataset joined from it hold the same one. It reads as a `Vec<Customer>` (`Deref`,
/// `for c in &customers`, `customers[i]`); [`Customers::make_mut`] changes it, copying only
/// if it is shared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Customers(Arc<Vec<Customer>>);

impl Customers {
    pub fn make_mut(&mut self) -> &mut Vec<Customer> {
        Arc::make_mut(&mut self.0)
    }
}

impl std::ops::Deref for Customers {
    type Target = Vec<Customer>;
    fn deref(&self) -> &Vec<Customer> {
        &self.0
    }
}

impl From<Vec<Customer>> for Customers {
    fn from(v: Vec<Customer>) -> Customers {
        Customers(Arc::new(v))
    }
}

impl FromIterator<Customer> for Customers {
    fn from_iter<I: IntoIterator<Item = Customer>>(iter: I) -> Customers {
        Customers(Arc::new(iter.into_iter().collect()))
    }
}

impl<'a> IntoIterator for &'a Customers {
    type Item = &'a Customer;
    type IntoIter = std::slice::Iter<'a, Customer>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl PartialEq<Vec<Customer>> for Customers {
    fn eq(&self, other: &Vec<Customer>) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<Customers> for Vec<Customer> {
    fn eq(&self, other: &Customers) -> bool {
        *self == *other.0
    }
}

/// The customer table plus the orderings every method shares, computed once per dataset
/// (never once per slider move).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    /// Shared with the [`crate::import::Imported`] it came from when there is nothing to join
    /// (one source): 100k customers are about 50 MB, not copied. Reads as a `Vec<Customer>`.
    pub customers: Customers,
    /// Product names, indexed by `Customer::products`.
    pub products: Vec<String>,
    /// The newest date seen in a transaction log, the reference for recency and growth.
    pub as_of: Option<NaiveDate>,
    /// Indices of the existing customers, by sales descending, then id ascending.
    pub existing_by_sales: Vec<u32>,
    /// The order rows the figures were rolled up from, when a log was loaded: for the
    /// methods that read orders (the CLV models).
    pub orders: Option<Orders>,
}

/// A transaction log's rows and, per customer of the log, its index in the dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Orders {
    pub log: std::sync::Arc<crate::import::CompactLog>,
    /// `index[k]`: the dataset index of the log's customer `k` (`u32::MAX`: not in it).
    pub index: std::sync::Arc<[u32]>,
}

impl Dataset {
    pub fn new(customers: Vec<Customer>, products: Vec<String>, as_of: Option<NaiveDate>) -> Self {
        Dataset::shared(customers.into(), products, as_of)
    }

    /// The same over a customer table shared with its source (not copied).
    pub fn shared(customers: Customers, products: Vec<String>, as_of: Option<NaiveDate>) -> Self {
        let existing_by_sales = existing_by_sales(&customers);
        Dataset {
            customers,
            products,
            as_of,
            existing_by_sales,
            orders: None,
        }
    }

    pub fn len(&self) -> usize {
        self.customers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    pub fn existing_count(&self) -> usize {
        self.existing_by_sales.len()
    }

    pub fn potential_count(&self) -> usize {
        self.customers.len() - self.existing_by_sales.len()
    }

    pub fn total_sales(&self) -> f64 {
        self.customers.iter().map(|c| c.sales).sum()
    }

    /// The distinct owners (sales reps), sorted.
    pub fn owners(&self) -> Vec<String> {
        let mut owners: Vec<String> = self
            .customers
            .iter()
            .filter_map(|c| c.attrs().owner.clone())
            .collect();
        owners.sort();
        owners.dedup();
        owners
    }

    /// One rep's customers as a dataset of their own (method 14, roles): every method then
    /// runs on it unchanged. Products and the reference date are kept.
    pub fn filter_owner(&self, owner: &str) -> Dataset {
        let customers: Vec<Customer> = self
            .customers
            .iter()
            .filter(|c| c.attrs().owner.as_deref() == Some(owner))
            .cloned()
            .collect();
        Dataset::new(customers, self.products.clone(), self.as_of)
    }
}

/// The existing customers' indices by sales, highest first, ties by id: a radix sort by
/// sales (stable, so ties stay in index order), then each run of equal sales by id.
fn existing_by_sales(customers: &[Customer]) -> Vec<u32> {
    use crate::sort::{key_asc, radix_sort};
    let mut keyed: Vec<(u64, u32)> = (0..customers.len() as u32)
        .filter(|&i| customers[i as usize].is_existing())
        .map(|i| (!key_asc(customers[i as usize].sales), i))
        .collect();
    radix_sort(&mut keyed);
    let mut at = 0;
    while at < keyed.len() {
        let key = keyed[at].0;
        let end = at + keyed[at..].iter().take_while(|t| t.0 == key).count();
        if end - at > 1 {
            keyed[at..end]
                .sort_by(|a, b| customers[a.1 as usize].id.cmp(&customers[b.1 as usize].id));
        }
        at = end;
    }
    keyed.into_iter().map(|t| t.1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cust(id: &str, sales: f64) -> Customer {
        Customer {
            id: id.into(),
            sales,
            orders: Some(u32::from(sales != 0.0)),
            ..Default::default()
        }
    }

    #[test]
    fn existing_sorted_by_sales_then_id_and_prospects_left_out() {
        let ds = Dataset::new(
            vec![
                cust("b", 10.0),
                cust("p", 0.0),
                cust("a", 10.0),
                cust("c", 30.0),
            ],
            vec![],
            None,
        );
        let ids: Vec<&str> = ds
            .existing_by_sales
            .iter()
            .map(|&i| ds.customers[i as usize].id.as_str())
            .collect();
        assert_eq!(ids, ["c", "a", "b"]);
        assert_eq!(ds.potential_count(), 1);
    }

    #[test]
    fn existing_order_is_the_comparison_sorts_with_many_ties_and_odd_figures() {
        let mut next = crate::test_rng::xorshift(0x2545_F491_4F6C_DD1D);
        let odd = [
            0.0,
            -0.0,
            -5.0,
            1e-300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e15,
        ];
        for n in [0usize, 1, 2, 70, 3_000] {
            let customers: Vec<Customer> = (0..n)
                .map(|i| {
                    let sales = match next() % 5 {
                        0 => odd[i % odd.len()],
                        1 | 2 => (next() % 7) as f64 * 10.0,
                        _ => (next() % 1_000_000) as f64 / 100.0,
                    };
                    let mut c = cust(&format!("id{}", next() % (n as u64 + 1)), sales);
                    // Some prospects (no orders).
                    if next().is_multiple_of(6) {
                        c.orders = Some(0);
                    }
                    c
                })
                .collect();
            let mut want: Vec<u32> = (0..n as u32)
                .filter(|&i| customers[i as usize].is_existing())
                .collect();
            want.sort_by(|&a, &b| {
                let (ca, cb) = (&customers[a as usize], &customers[b as usize]);
                cb.sales
                    .total_cmp(&ca.sales)
                    .then_with(|| ca.id.cmp(&cb.id))
            });
            assert_eq!(existing_by_sales(&customers), want, "n = {n}");
        }
    }

    #[test]
    fn filter_owner_keeps_only_that_reps_customers() {
        let mut a = cust("a", 5.0);
        a.attrs_mut().owner = Some("Li".into());
        let mut b = cust("b", 9.0);
        b.attrs_mut().owner = Some("Ana".into());
        let mut c = cust("c", 7.0);
        c.attrs_mut().owner = Some("Li".into());
        let ds = Dataset::new(vec![a, b, c, cust("d", 1.0)], vec!["x".into()], None);
        assert_eq!(ds.owners(), ["Ana", "Li"]);
        let li = ds.filter_owner("Li");
        let ids: Vec<&str> = li.customers.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(li.existing_by_sales, [1, 0]);
        assert_eq!(li.products, ["x"]);
        assert!(ds.filter_owner("Nobody").is_empty());
    }

    #[test]
    fn attributes_are_boxed_only_when_one_is_set() {
        let bare = Customer::default();
        assert!(bare.attrs.0.is_none());
        assert_eq!(bare.attrs().owner, None);
        // A box of nothing is never made, and would equal no box.
        let empty: Attrs = Attributes::default().into();
        assert!(empty.0.is_none());
        assert_eq!(Attrs(Some(Box::default())), Attrs::default());
        let mut c = cust("a", 1.0);
        c.attrs_mut().loyalty = Some(80.0);
        assert_eq!(c.attrs().loyalty, Some(80.0));
        assert_ne!(c, cust("a", 1.0));
        // A customer rolled up from a bare log stays small: the master's 17 attributes
        // (about 250 bytes inline) cost one pointer.
        assert!(
            std::mem::size_of::<Customer>() <= 256,
            "{}",
            std::mem::size_of::<Customer>()
        );
    }

    #[test]
    fn explicit_status_wins_over_figures() {
        let c = Customer {
            status: Some(DealStatus::Potential),
            sales: 5.0,
            ..Default::default()
        };
        assert_eq!(c.deal_status(), DealStatus::Potential);
    }
}
