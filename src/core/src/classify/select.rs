//! The customer table's rows: which customers a filter keeps, in which order. Pure and O(n)
//! per filter change; a sort is O(n log n) on a figure and O(n) on a class.
//!
//! Order: every sort is stable over the customers ordered by id ([`by_id`], once per dataset),
//! so ties always come out by id ascending, whichever the direction. A missing value (`None`,
//! or no class) sorts last in both directions.

use std::cmp::Ordering;

use super::{lookup, AllResults, Method};
use crate::model::Dataset;

/// A column of the customer table that can be sorted on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Id,
    Name,
    Owner,
    Region,
    Sales,
    Profit,
    Orders,
    /// The last order date (most recent first when descending).
    LastOrder,
    Growth,
    /// The class under a method, best class first when ascending.
    Class(Method),
    /// The number of risk flags.
    Flags,
}

/// The figure columns of the table, before the class columns.
const FIGURES: [Column; 9] = [
    Column::Id,
    Column::Name,
    Column::Owner,
    Column::Region,
    Column::Sales,
    Column::Profit,
    Column::Orders,
    Column::LastOrder,
    Column::Growth,
];

/// Methods with a class column in the table.
const CLASS_COLUMNS: usize = {
    let (mut n, mut k) = (0, 0);
    while k < Method::REGISTERED.len() {
        if Method::REGISTERED[k].column().is_some() {
            n += 1;
        }
        k += 1;
    }
    n
};

impl Column {
    /// The table's columns, in display order: the figures, then a class column per method
    /// that declares one (`MethodDef::COLUMN`), in registry order, then the risk flags.
    pub const TABLE: [Column; FIGURES.len() + CLASS_COLUMNS + 1] = {
        let mut out = [Column::Flags; FIGURES.len() + CLASS_COLUMNS + 1];
        let mut k = 0;
        while k < FIGURES.len() {
            out[k] = FIGURES[k];
            k += 1;
        }
        let mut j = 0;
        while j < Method::REGISTERED.len() {
            if Method::REGISTERED[j].column().is_some() {
                out[k] = Column::Class(Method::REGISTERED[j]);
                k += 1;
            }
            j += 1;
        }
        out
    };

    /// Stable key, used in `sort-<key>` test ids.
    pub fn key(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Name => "name",
            Column::Owner => "owner",
            Column::Region => "region",
            Column::Sales => "sales",
            Column::Profit => "profit",
            Column::Orders => "orders",
            Column::LastOrder => "last_order",
            Column::Growth => "growth",
            Column::Class(m) => m.key(),
            Column::Flags => "flags",
        }
    }

    pub fn from_key(key: &str) -> Option<Column> {
        Column::TABLE.into_iter().find(|c| c.key() == key)
    }

    /// Whether the order changes with the settings (a class), not only with the data.
    pub fn depends_on_settings(self) -> bool {
        matches!(self, Column::Class(_) | Column::Flags)
    }

    /// The direction a first click sorts in: figures largest first, names and classes A–Z.
    pub fn first_descending(self) -> bool {
        matches!(
            self,
            Column::Sales
                | Column::Profit
                | Column::Orders
                | Column::LastOrder
                | Column::Growth
                | Column::Flags
        )
    }
}

/// A column and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Default for Sort {
    /// Biggest customers first.
    fn default() -> Self {
        Sort {
            column: Column::Sales,
            descending: true,
        }
    }
}

impl Sort {
    /// The sort after a click on `column`'s header: the other direction if it is the sorted
    /// column, else that column in its first direction.
    pub fn toggle(self, column: Column) -> Sort {
        if self.column == column {
            Sort {
                column,
                descending: !self.descending,
            }
        } else {
            Sort {
                column,
                descending: column.first_descending(),
            }
        }
    }
}

/// Which customers to keep. Every set filter must match.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// A method and a class index (see [`lookup::classes`]); for the risk watch, a flag.
    pub class: Option<(Method, u8)>,
    pub owner: Option<String>,
    pub region: Option<String>,
    /// A risk flag index (see `risk::RiskFlag`).
    pub flag: Option<u8>,
    /// Free text, matched case-insensitively as a substring of the id or the name.
    pub text: String,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.class.is_none()
            && self.owner.is_none()
            && self.region.is_none()
            && self.flag.is_none()
            && self.text.trim().is_empty()
    }
}

/// The customers' indices ordered by id (then index, should ids repeat). Once per dataset.
pub fn by_id(ds: &Dataset) -> Vec<u32> {
    let mut order: Vec<u32> = (0..ds.len() as u32).collect();
    order.sort_by(|&a, &b| {
        ds.customers[a as usize]
            .id
            .cmp(&ds.customers[b as usize].id)
    });
    order
}

/// The distinct regions, sorted.
pub fn regions(ds: &Dataset) -> Vec<String> {
    let mut v: Vec<String> = ds
        .customers
        .iter()
        .filter_map(|c| c.attrs().region.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Stable sort of `by_id` on a key; `None` last; ties keep the id order.
fn sort_keyed<K>(
    by_id: &[u32],
    key: impl Fn(usize) -> Option<K>,
    cmp: impl Fn(&K, &K) -> Ordering,
    descending: bool,
) -> Vec<u32> {
    let mut some: Vec<(K, u32)> = Vec::with_capacity(by_id.len());
    let mut none: Vec<u32> = Vec::new();
    for &i in by_id {
        match key(i as usize) {
            Some(k) => some.push((k, i)),
            None => none.push(i),
        }
    }
    if descending {
        some.sort_by(|a, b| cmp(&b.0, &a.0));
    } else {
        some.sort_by(|a, b| cmp(&a.0, &b.0));
    }
    let mut out: Vec<u32> = some.into_iter().map(|(_, i)| i).collect();
    out.extend(none);
    out
}

/// Counting sort of `by_id` on a small key (`< buckets`); `None` last. O(n).
fn sort_buckets(
    by_id: &[u32],
    buckets: usize,
    key: impl Fn(usize) -> Option<u8>,
    descending: bool,
) -> Vec<u32> {
    let mut lists: Vec<Vec<u32>> = vec![Vec::new(); buckets + 1];
    for &i in by_id {
        let b = match key(i as usize) {
            Some(k) if (k as usize) < buckets => {
                if descending {
                    buckets - 1 - k as usize
                } else {
                    k as usize
                }
            }
            _ => buckets,
        };
        lists[b].push(i);
    }
    let mut out = Vec::with_capacity(by_id.len());
    for l in lists {
        out.extend(l);
    }
    out
}

/// Every customer, ordered by `sort` (ties by id). `by_id` is [`by_id`] of `ds`.
pub fn sort(ds: &Dataset, all: &AllResults, by_id: &[u32], sort: Sort) -> Vec<u32> {
    let c = &ds.customers;
    let desc = sort.descending;
    let f64_cmp = |a: &f64, b: &f64| a.total_cmp(b);
    let str_cmp = |a: &&str, b: &&str| a.cmp(b);
    match sort.column {
        Column::Id => {
            let mut v = by_id.to_vec();
            if desc {
                v.reverse();
            }
            v
        }
        Column::Name => sort_keyed(by_id, |i| Some(c[i].name.as_str()), str_cmp, desc),
        Column::Owner => sort_keyed(by_id, |i| c[i].attrs().owner.as_deref(), str_cmp, desc),
        Column::Region => sort_keyed(by_id, |i| c[i].attrs().region.as_deref(), str_cmp, desc),
        Column::Sales => sort_keyed(by_id, |i| Some(c[i].sales), f64_cmp, desc),
        Column::Profit => sort_keyed(by_id, |i| c[i].profit, f64_cmp, desc),
        Column::Orders => sort_keyed(by_id, |i| c[i].orders, u32::cmp, desc),
        Column::LastOrder => sort_keyed(by_id, |i| c[i].last_order, Ord::cmp, desc),
        Column::Growth => sort_keyed(by_id, |i| c[i].growth, f64_cmp, desc),
        Column::Class(m) => {
            let n = lookup::classes(m).len();
            sort_buckets(by_id, n, |i| lookup::class_of(all, m, i), desc)
        }
        Column::Flags => sort_buckets(
            by_id,
            9,
            |i| {
                let bits = all.risk.flags.get(i).copied().unwrap_or(0);
                // Unflagged customers sort with the missing ones: last.
                (bits != 0).then(|| 8 - bits.count_ones() as u8)
            },
            // Bucket 0 holds the most flags: "descending" reads most flags first.
            !desc,
        ),
    }
}

/// Does `hay` contain `needle` (already lower-case), ignoring case?
fn contains_ci(hay: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        hay.to_lowercase().contains(needle)
    }
}

/// Does customer `i` pass the query? `text` is the query's text, trimmed and lower-cased.
fn keeps(ds: &Dataset, all: &AllResults, q: &Query, text: &str, i: usize) -> bool {
    let c = &ds.customers[i];
    if let Some((m, k)) = q.class {
        if !lookup::in_class(all, m, k, i) {
            return false;
        }
    }
    if let Some(f) = q.flag {
        if !lookup::in_class(all, Method::Risk, f, i) {
            return false;
        }
    }
    if q.owner.is_some() && c.attrs().owner != q.owner {
        return false;
    }
    if q.region.is_some() && c.attrs().region != q.region {
        return false;
    }
    text.is_empty() || contains_ci(&c.id, text) || contains_ci(&c.name, text)
}

/// The customers of `order` that pass `q`, in that order. O(n).
pub fn filter(ds: &Dataset, all: &AllResults, order: &[u32], q: &Query) -> Vec<u32> {
    if q.is_empty() {
        return order.to_vec();
    }
    let text = q.text.trim().to_lowercase();
    order
        .iter()
        .copied()
        .filter(|&i| keeps(ds, all, q, &text, i as usize))
        .collect()
}

/// [`filter`] of [`sort`]: the table's rows in one call.
pub fn select(ds: &Dataset, all: &AllResults, q: &Query, s: Sort) -> Vec<u32> {
    let ids = by_id(ds);
    filter(ds, all, &sort(ds, all, &ids, s), q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{run_all, Prepared};
    use crate::model::Customer;
    use crate::Settings;
    use chrono::NaiveDate;

    fn cust(id: &str, name: &str, sales: f64) -> Customer {
        Customer {
            id: id.into(),
            name: name.into(),
            sales,
            orders: Some(if sales > 0.0 { 2 } else { 0 }),
            ..Customer::default()
        }
    }

    fn ids(ds: &Dataset, rows: &[u32]) -> Vec<String> {
        rows.iter()
            .map(|&i| ds.customers[i as usize].id.clone())
            .collect()
    }

    /// Sales 50, 30, 30, 10, 6, 4 and a prospect, in a shuffled input order. With the
    /// default ABC cuts (A to 80%, B to 95% of the 130 total): cumulative share before each
    /// customer 0, 38.5, 61.5 → A (c1, c2, c3), 84.6, 92.3 → B (c4, c5), 96.9 → C (c6); the
    /// prospect is unclassed.
    fn small() -> (Prepared, AllResults) {
        let mut v = vec![
            cust("c4", "Delta Tools", 10.0),
            cust("c2", "beta works", 30.0),
            cust("p1", "Prospect Ltd", 0.0),
            cust("c6", "Zeta", 4.0),
            cust("c1", "Alpha Steel", 50.0),
            cust("c3", "Gamma Works", 30.0),
            cust("c5", "Épsilon", 6.0),
        ];
        v[0].attrs_mut().owner = Some("Li".into());
        v[1].attrs_mut().owner = Some("Ana".into());
        v[4].attrs_mut().owner = Some("Li".into());
        v[5].attrs_mut().region = Some("North".into());
        v[1].attrs_mut().region = Some("South".into());
        v[4].attrs_mut().region = Some("North".into());
        v[0].profit = Some(-2.0);
        v[4].profit = Some(9.0);
        v[3].profit = Some(9.0);
        v[4].last_order = NaiveDate::from_ymd_opt(2024, 5, 1);
        v[1].last_order = NaiveDate::from_ymd_opt(2024, 6, 1);
        let p = Prepared::new(Dataset::new(v, Vec::new(), None));
        let all = run_all(&p, &Settings::default());
        (p, all)
    }

    #[test]
    fn sorts_by_hand() {
        let (p, all) = small();
        let ds = &p.ds;
        let by = |column, descending| {
            ids(
                ds,
                &select(ds, &all, &Query::default(), Sort { column, descending }),
            )
        };
        // Ties (c2 and c3, both 30) by id in both directions.
        assert_eq!(
            by(Column::Sales, true),
            ["c1", "c2", "c3", "c4", "c5", "c6", "p1"]
        );
        assert_eq!(
            by(Column::Sales, false),
            ["p1", "c6", "c5", "c4", "c2", "c3", "c1"]
        );
        assert_eq!(
            by(Column::Id, false),
            ["c1", "c2", "c3", "c4", "c5", "c6", "p1"]
        );
        assert_eq!(
            by(Column::Id, true),
            ["p1", "c6", "c5", "c4", "c3", "c2", "c1"]
        );
        // Byte order of names: upper case before lower case, accents last.
        assert_eq!(
            by(Column::Name, false),
            ["c1", "c4", "c3", "p1", "c6", "c2", "c5"]
        );
        // Profit: 9 (c1, c6 by id), -2 (c4), the rest missing, last, by id.
        assert_eq!(
            by(Column::Profit, true),
            ["c1", "c6", "c4", "c2", "c3", "c5", "p1"]
        );
        assert_eq!(
            by(Column::Profit, false),
            ["c4", "c1", "c6", "c2", "c3", "c5", "p1"]
        );
        assert_eq!(
            by(Column::Owner, false),
            ["c2", "c1", "c4", "c3", "c5", "c6", "p1"]
        );
        assert_eq!(
            by(Column::LastOrder, true),
            ["c2", "c1", "c3", "c4", "c5", "c6", "p1"]
        );
        // ABC: A = c1 c2 c3, B = c4 c5, C = c6, then the unclassed prospect.
        assert_eq!(
            by(Column::Class(Method::Abc), false),
            ["c1", "c2", "c3", "c4", "c5", "c6", "p1"]
        );
        assert_eq!(
            by(Column::Class(Method::Abc), true),
            ["c6", "c4", "c5", "c1", "c2", "c3", "p1"]
        );
    }

    #[test]
    fn filters_by_hand() {
        let (p, all) = small();
        let ds = &p.ds;
        let sel = |q: Query| ids(ds, &select(ds, &all, &q, Sort::default()));
        let a = lookup::class_by_key(Method::Abc, "A").unwrap().index;
        let b = lookup::class_by_key(Method::Abc, "B").unwrap().index;
        assert_eq!(
            sel(Query {
                class: Some((Method::Abc, a)),
                ..Query::default()
            }),
            ["c1", "c2", "c3"]
        );
        assert_eq!(
            sel(Query {
                class: Some((Method::Abc, b)),
                owner: Some("Li".into()),
                ..Query::default()
            }),
            ["c4"]
        );
        assert_eq!(
            sel(Query {
                region: Some("North".into()),
                ..Query::default()
            }),
            ["c1", "c3"]
        );
        // Text: id or name, any case, trimmed; non-ASCII folded too.
        assert_eq!(
            sel(Query {
                text: " WORKS ".into(),
                ..Query::default()
            }),
            ["c2", "c3"]
        );
        assert_eq!(
            sel(Query {
                text: "éPSI".into(),
                ..Query::default()
            }),
            ["c5"]
        );
        assert_eq!(
            sel(Query {
                text: "p1".into(),
                ..Query::default()
            }),
            ["p1"]
        );
        assert!(sel(Query {
            text: "nobody".into(),
            ..Query::default()
        })
        .is_empty());
        assert_eq!(regions(ds), ["North", "South"]);
    }

    /// A naive reference: the full key of each customer, one comparator with the id
    /// tie-break written out, and a filter that re-reads every field.
    fn naive(ds: &Dataset, all: &AllResults, q: &Query, s: Sort) -> Vec<u32> {
        #[derive(PartialEq, PartialOrd)]
        enum K {
            F(f64),
            S(String),
        }
        let key = |i: usize| -> Option<K> {
            let c = &ds.customers[i];
            match s.column {
                Column::Id => Some(K::S(c.id.clone())),
                Column::Name => Some(K::S(c.name.clone())),
                Column::Owner => c.attrs().owner.clone().map(K::S),
                Column::Region => c.attrs().region.clone().map(K::S),
                Column::Sales => Some(K::F(c.sales)),
                Column::Profit => c.profit.map(K::F),
                Column::Orders => c.orders.map(|o| K::F(o as f64)),
                Column::LastOrder => c.last_order.map(|d| K::S(d.to_string())),
                Column::Growth => c.growth.map(K::F),
                Column::Class(m) => lookup::class_of(all, m, i).map(|k| K::F(k as f64)),
                Column::Flags => {
                    let n = all.risk.flags[i].count_ones();
                    (n > 0).then_some(K::F(n as f64))
                }
            }
        };
        let text = q.text.trim().to_lowercase();
        let mut rows: Vec<u32> = (0..ds.len() as u32)
            .filter(|&i| {
                let i = i as usize;
                let c = &ds.customers[i];
                q.class.is_none_or(|(m, k)| lookup::in_class(all, m, k, i))
                    && q.flag.is_none_or(|f| all.risk.flags[i] & (1 << f) != 0)
                    && q.owner
                        .as_ref()
                        .is_none_or(|o| c.attrs().owner.as_ref() == Some(o))
                    && q.region
                        .as_ref()
                        .is_none_or(|r| c.attrs().region.as_ref() == Some(r))
                    && (c.id.to_lowercase().contains(&text)
                        || c.name.to_lowercase().contains(&text))
            })
            .collect();
        let keys: Vec<Option<K>> = (0..ds.len()).map(key).collect();
        rows.sort_unstable_by(|&a, &b| {
            let (ka, kb) = (&keys[a as usize], &keys[b as usize]);
            let o = match (ka, kb) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(x), Some(y)) => {
                    let o = x.partial_cmp(y).unwrap();
                    if s.descending {
                        o.reverse()
                    } else {
                        o
                    }
                }
            };
            o.then_with(|| {
                ds.customers[a as usize]
                    .id
                    .cmp(&ds.customers[b as usize].id)
            })
        });
        rows
    }

    /// 100k generated customers with many ties and gaps: every column both ways and a range
    /// of filters give exactly the naive result.
    #[test]
    fn matches_naive_on_100k_customers() {
        let mut seed = 12345u64;
        let mut rnd = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let owners = ["Ana", "Li", "Bo", "Zoë"];
        let regions_ = ["East", "North", "South", "West"];
        let names = ["Acme", "beta", "Gamma Works", "Dé Corp", "东方贸易"];
        let customers: Vec<Customer> = (0..100_000)
            .map(|k| {
                // Ids in a shuffled order; sales with many ties (0 for prospects).
                let id = format!("K{:06}", (k * 7919) % 100_000);
                let sales = (rnd(50) * 100) as f64;
                let mut c = cust(&id, names[rnd(5) as usize], sales);
                c.name = format!("{} {}", c.name, rnd(1000));
                c.attrs_mut().owner = (rnd(5) != 0).then(|| owners[rnd(4) as usize].to_string());
                c.attrs_mut().region = (rnd(6) != 0).then(|| regions_[rnd(4) as usize].to_string());
                c.profit = (rnd(4) != 0).then(|| rnd(200) as f64 - 50.0);
                c.growth = (rnd(3) != 0).then(|| rnd(9) as f64 / 4.0 - 1.0);
                c.last_order = (sales > 0.0)
                    .then(|| NaiveDate::from_ymd_opt(2024, 1 + rnd(12) as u32, 1))
                    .flatten();
                c.attrs_mut().credit_rating = (rnd(2) == 0).then(|| rnd(100) as f64);
                c.attrs_mut().financial_status = (rnd(2) == 0).then(|| rnd(100) as f64);
                c
            })
            .collect();
        let p = Prepared::new(Dataset::new(customers, Vec::new(), None));
        let all = run_all(&p, &Settings::default());
        let ds = &p.ds;
        let order_ids = by_id(ds);
        for column in Column::TABLE {
            for descending in [false, true] {
                let s = Sort { column, descending };
                let got = filter(ds, &all, &sort(ds, &all, &order_ids, s), &Query::default());
                assert_eq!(got, naive(ds, &all, &Query::default(), s), "{s:?}");
            }
        }
        let queries = [
            Query {
                class: Some((Method::Abc, 0)),
                ..Query::default()
            },
            Query {
                class: Some((Method::Tiers, 2)),
                owner: Some("Li".into()),
                ..Query::default()
            },
            Query {
                region: Some("West".into()),
                flag: Some(3),
                ..Query::default()
            },
            Query {
                text: "GAMMA works 1".into(),
                ..Query::default()
            },
            Query {
                text: "dé".into(),
                owner: Some("Zoë".into()),
                ..Query::default()
            },
            Query {
                text: "东方".into(),
                class: Some((Method::Risk, 4)),
                ..Query::default()
            },
            Query {
                text: "k0012".into(),
                ..Query::default()
            },
        ];
        for q in &queries {
            for s in [
                Sort::default(),
                Sort {
                    column: Column::Class(Method::Abc),
                    descending: true,
                },
                Sort {
                    column: Column::Name,
                    descending: false,
                },
            ] {
                let got = select(ds, &all, q, s);
                let want = naive(ds, &all, q, s);
                assert!(
                    !want.is_empty() || q.text == "dé",
                    "{q:?} selects something"
                );
                assert_eq!(got, want, "{q:?} {s:?}");
            }
        }
    }

    #[test]
    fn header_clicks_toggle() {
        let s = Sort::default();
        assert_eq!(
            s.toggle(Column::Sales),
            Sort {
                column: Column::Sales,
                descending: false
            }
        );
        assert_eq!(
            s.toggle(Column::Name),
            Sort {
                column: Column::Name,
                descending: false
            }
        );
        for c in Column::TABLE {
            assert_eq!(Column::from_key(c.key()), Some(c));
        }
    }
}
