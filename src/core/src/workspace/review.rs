//! Saved reviews (the 5S "maintain" loop): a named, dated snapshot of every customer's
//! classes and figures, and the comparison of any two.
//!
//! A [`Review`] generalises [`five_s::Snapshot`]: it keeps the 5S class, rating, flags and
//! release of each customer (built with [`five_s::snapshot`]) and, beside it, the ABC class,
//! the value tier, sales and profit. [`compare`] matches two reviews by customer id along one
//! [`Dimension`] into a migration matrix, the lists of who moved up, down, who is new and who
//! was lost, and the customers who rose to the top (卓越).

use crate::classify::five_s::{self, CoordinationNote, FiveSClass};
use crate::classify::{abc::AbcClass, tiers::Tier, AllResults, Class, Method, Prepared};
use crate::i18n::Tr;
use std::collections::HashMap;

/// One customer in a saved review.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewEntry {
    pub id: String,
    pub name: String,
    pub sales: f64,
    pub profit: Option<f64>,
    pub abc: Option<AbcClass>,
    pub tier: Option<Tier>,
    pub five_s: Option<FiveSClass>,
    /// The 5S dynamic-table rating; `None` when released or unclassed.
    pub rating: Option<f64>,
    /// 5S flags ([`five_s::Flag::bit`]).
    pub flags: u8,
    pub released: bool,
}

/// A saved review: "Save this month's review".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Review {
    pub label: String,
    /// The day it was saved, `YYYY-MM-DD`.
    pub date: String,
    pub entries: Vec<ReviewEntry>,
    /// The coordination notes (协调) as they stood when the review was saved.
    pub notes: Vec<CoordinationNote>,
}

impl Review {
    /// Every customer of the dataset with its classes and figures under the current results.
    pub fn build(
        p: &Prepared,
        r: &AllResults,
        label: &str,
        date: &str,
        notes: &[CoordinationNote],
    ) -> Review {
        let five = five_s::snapshot(p, &r.five_s, label);
        let mut by_id: HashMap<&str, &five_s::SnapshotEntry> =
            five.entries.iter().map(|e| (e.id.as_str(), e)).collect();
        let tiers = r.tiers.as_ref().ok();
        let entries =
            p.ds.customers
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let f = by_id.remove(c.id.as_str());
                    ReviewEntry {
                        id: c.id.clone(),
                        name: c.name.clone(),
                        sales: c.sales,
                        profit: c.profit,
                        abc: r.abc.class.get(i).copied().flatten(),
                        tier: tiers.and_then(|t| t.tier.get(i).copied().flatten()),
                        five_s: f.map(|e| e.class),
                        rating: f.and_then(|e| e.rating),
                        flags: f.map_or(0, |e| e.flags),
                        released: f.is_some_and(|e| e.released),
                    }
                })
                .collect();
        Review {
            label: label.to_string(),
            date: date.to_string(),
            entries,
            notes: notes.to_vec(),
        }
    }

    /// The 5S part alone, as the older [`five_s::Snapshot`].
    pub fn five_s_snapshot(&self) -> five_s::Snapshot {
        five_s::Snapshot {
            label: self.label.clone(),
            entries: self
                .entries
                .iter()
                .filter_map(|e| {
                    Some(five_s::SnapshotEntry {
                        id: e.id.clone(),
                        class: e.five_s?,
                        rating: e.rating,
                        released: e.released,
                        flags: e.flags,
                    })
                })
                .collect(),
            notes: self.notes.clone(),
        }
    }
}

/// Where a review dated `date` goes in a list kept in date order, oldest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A review of that date is already at this index: saving replaces it.
    Replace(usize),
    /// No review of that date: insert at this index (after every earlier date).
    Insert(usize),
}

/// Where a review dated `date` (`YYYY-MM-DD`) goes among reviews with these dates, which are
/// in date order. Dates in this form sort as text.
pub fn place<'a>(dates: impl IntoIterator<Item = &'a str>, date: &str) -> Place {
    let mut at = 0;
    for (i, d) in dates.into_iter().enumerate() {
        match d.cmp(date) {
            std::cmp::Ordering::Equal => return Place::Replace(i),
            std::cmp::Ordering::Less => at = i + 1,
            std::cmp::Ordering::Greater => {}
        }
    }
    Place::Insert(at)
}

/// Puts reviews in date order, oldest first; reviews of one date keep their order (a list
/// saved before dates could be chosen may hold several).
pub fn sort_by_date<R: AsRef<Review>>(reviews: &mut [R]) {
    reviews.sort_by(|a, b| a.as_ref().date.cmp(&b.as_ref().date));
}

impl AsRef<Review> for Review {
    fn as_ref(&self) -> &Review {
        self
    }
}

/// The classification two reviews are compared on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    Abc,
    Tier,
    FiveS,
}

impl Dimension {
    pub const ALL: [Dimension; 3] = [Dimension::Abc, Dimension::Tier, Dimension::FiveS];

    pub fn key(self) -> &'static str {
        match self {
            Dimension::Abc => "abc",
            Dimension::Tier => "tier",
            Dimension::FiveS => "five_s",
        }
    }

    pub fn from_key(k: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.key() == k)
    }

    /// The method whose classes a review keeps on this dimension.
    pub fn method(self) -> Method {
        match self {
            Dimension::Abc => Method::Abc,
            Dimension::Tier => Method::Tiers,
            Dimension::FiveS => Method::FiveS,
        }
    }

    /// The method's name.
    pub fn name(self) -> Tr {
        self.method().name()
    }

    /// The class names, best first.
    pub fn class_names(self) -> Vec<Tr> {
        self.method().classes().iter().map(|c| c.name).collect()
    }

    /// The class index (best = 0) of an entry, `None` when it has no class on this dimension.
    pub fn class_of(self, e: &ReviewEntry) -> Option<usize> {
        match self {
            Dimension::Abc => e.abc.map(Class::index),
            Dimension::Tier => e.tier.map(Class::index),
            Dimension::FiveS => e.five_s.map(Class::index),
        }
    }
}

/// One customer's move between two reviews. Class indices as in [`Dimension::class_of`];
/// `None` is "unclassed", which ranks below every class.
#[derive(Clone, Debug, PartialEq)]
pub struct Moved {
    pub id: String,
    pub name: String,
    pub from: Option<usize>,
    pub to: Option<usize>,
    pub sales_from: f64,
    pub sales_to: f64,
}

/// Two reviews compared on one dimension. Lists are sorted by id.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub dimension: Dimension,
    /// `matrix[from][to]`: customers in both reviews, by class in the older (rows) and the
    /// newer (columns). The last row and column are "unclassed".
    pub matrix: Vec<Vec<usize>>,
    pub moved_up: Vec<Moved>,
    pub moved_down: Vec<Moved>,
    /// In the newer review only.
    pub new: Vec<Moved>,
    /// In the older review only.
    pub lost: Vec<Moved>,
    pub unchanged: usize,
    /// Moved up into the best class (卓越).
    pub rose_to_top: Vec<Moved>,
}

/// Compares `old` with `new` on `dim`, customers matched by id.
pub fn compare(old: &Review, new: &Review, dim: Dimension) -> Comparison {
    let k = dim.class_names().len();
    let rank = |c: Option<usize>| c.unwrap_or(k);
    let before: HashMap<&str, &ReviewEntry> =
        old.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let after: HashMap<&str, &ReviewEntry> =
        new.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut out = Comparison {
        dimension: dim,
        matrix: vec![vec![0; k + 1]; k + 1],
        moved_up: Vec::new(),
        moved_down: Vec::new(),
        new: Vec::new(),
        lost: Vec::new(),
        unchanged: 0,
        rose_to_top: Vec::new(),
    };
    for e in &new.entries {
        let to = dim.class_of(e);
        let Some(b) = before.get(e.id.as_str()) else {
            out.new.push(Moved {
                id: e.id.clone(),
                name: e.name.clone(),
                from: None,
                to,
                sales_from: 0.0,
                sales_to: e.sales,
            });
            continue;
        };
        let from = dim.class_of(b);
        out.matrix[rank(from)][rank(to)] += 1;
        let m = Moved {
            id: e.id.clone(),
            name: e.name.clone(),
            from,
            to,
            sales_from: b.sales,
            sales_to: e.sales,
        };
        match rank(to).cmp(&rank(from)) {
            std::cmp::Ordering::Less => {
                if to == Some(0) {
                    out.rose_to_top.push(m.clone());
                }
                out.moved_up.push(m);
            }
            std::cmp::Ordering::Greater => out.moved_down.push(m),
            std::cmp::Ordering::Equal => out.unchanged += 1,
        }
    }
    out.lost = old
        .entries
        .iter()
        .filter(|e| !after.contains_key(e.id.as_str()))
        .map(|e| Moved {
            id: e.id.clone(),
            name: e.name.clone(),
            from: dim.class_of(e),
            to: None,
            sales_from: e.sales,
            sales_to: 0.0,
        })
        .collect();
    for list in [
        &mut out.moved_up,
        &mut out.moved_down,
        &mut out.new,
        &mut out.lost,
        &mut out.rose_to_top,
    ] {
        list.sort_by(|a, b| a.id.cmp(&b.id));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::run_all;
    use crate::model::{Customer, Dataset};
    use crate::Settings;
    use AbcClass::*;

    fn entry(id: &str, sales: f64, abc: Option<AbcClass>, five: Option<FiveSClass>) -> ReviewEntry {
        ReviewEntry {
            id: id.into(),
            name: format!("N{id}"),
            sales,
            abc,
            five_s: five,
            ..Default::default()
        }
    }

    fn review(label: &str, entries: Vec<ReviewEntry>) -> Review {
        Review {
            label: label.into(),
            date: "2026-01-31".into(),
            entries,
            notes: vec![],
        }
    }

    #[test]
    fn comparison_by_hand() {
        // Jan: a B, b A, c C, d C, e —(prospect), g A.   Feb: a A, b B, c C, e C, f B, g A.
        // On ABC: a B→A up (rose to top), b A→B down, c C→C same, e unclassed→C up,
        // g A→A same; d lost; f new.
        let jan = review(
            "jan",
            vec![
                entry("a", 50.0, Some(B), None),
                entry("b", 90.0, Some(A), None),
                entry("c", 5.0, Some(C), None),
                entry("d", 4.0, Some(C), None),
                entry("e", 0.0, None, None),
                entry("g", 80.0, Some(A), None),
            ],
        );
        let feb = review(
            "feb",
            vec![
                entry("g", 85.0, Some(A), None),
                entry("f", 30.0, Some(B), None),
                entry("e", 2.0, Some(C), None),
                entry("c", 6.0, Some(C), None),
                entry("b", 40.0, Some(B), None),
                entry("a", 95.0, Some(A), None),
            ],
        );
        let c = compare(&jan, &feb, Dimension::Abc);
        // Rows: from A, B, C, unclassed; columns: to A, B, C, unclassed.
        assert_eq!(
            c.matrix,
            vec![
                vec![1, 1, 0, 0], // g A→A, b A→B
                vec![1, 0, 0, 0], // a B→A
                vec![0, 0, 1, 0], // c C→C
                vec![0, 0, 1, 0], // e —→C
            ]
        );
        let ids = |v: &[Moved]| v.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&c.moved_up), ["a", "e"]);
        assert_eq!(ids(&c.moved_down), ["b"]);
        assert_eq!(ids(&c.new), ["f"]);
        assert_eq!(ids(&c.lost), ["d"]);
        assert_eq!(ids(&c.rose_to_top), ["a"]);
        assert_eq!(c.unchanged, 2);
        assert_eq!(
            (c.moved_up[0].from, c.moved_up[0].to, c.moved_up[0].sales_to),
            (Some(1), Some(0), 95.0)
        );
        assert_eq!((c.moved_up[1].from, c.moved_up[1].to), (None, Some(2)));
        assert_eq!(c.lost[0].sales_from, 4.0);
        // The matrix counts every customer in both reviews once.
        let total: usize = c.matrix.iter().flatten().sum();
        assert_eq!(total, 5);
    }

    #[test]
    fn reviews_are_placed_by_date() {
        let dates = ["2026-01-31", "2026-02-28", "2026-04-30"];
        assert_eq!(place(dates, "2026-02-28"), Place::Replace(1));
        assert_eq!(place(dates, "2026-03-31"), Place::Insert(2));
        assert_eq!(place(dates, "2025-12-31"), Place::Insert(0));
        assert_eq!(place(dates, "2026-05-31"), Place::Insert(3));
        assert_eq!(place([], "2026-05-31"), Place::Insert(0));
        let mut rs: Vec<Review> = [
            ("b", "2026-02-28"),
            ("a1", "2026-01-31"),
            ("a2", "2026-01-31"),
        ]
        .iter()
        .map(|&(l, d)| Review {
            label: l.into(),
            date: d.into(),
            ..Default::default()
        })
        .collect();
        sort_by_date(&mut rs);
        let labels: Vec<_> = rs.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["a1", "a2", "b"]);
    }

    #[test]
    fn build_from_the_engine_keeps_classes_and_figures() {
        // Sales 60, 25, 10, 5 (total 100), ABC cut-offs 80 / 15: the share before each
        // customer is 0, 60 (both < 80: A), 85 (< 95: B), 95 (C).
        let cs: Vec<Customer> = [("a", 60.0), ("b", 25.0), ("c", 10.0), ("d", 5.0)]
            .iter()
            .map(|&(id, s)| Customer {
                id: id.into(),
                name: id.to_uppercase(),
                sales: s,
                orders: Some(2),
                profit: Some(s / 10.0),
                ..Default::default()
            })
            .collect();
        let p = Prepared::new(Dataset::new(cs, vec![], None));
        let all = run_all(&p, &Settings::default());
        let note = CoordinationNote {
            customer_id: "a".into(),
            problem: "late deliveries".into(),
            help: "weekly call".into(),
        };
        let r = Review::build(
            &p,
            &all,
            "2026-01",
            "2026-01-31",
            std::slice::from_ref(&note),
        );
        assert_eq!(r.entries.len(), 4);
        let abc: Vec<_> = r.entries.iter().map(|e| e.abc).collect();
        assert_eq!(abc, [Some(A), Some(A), Some(B), Some(C)]);
        assert_eq!(abc, all.abc.class);
        assert_eq!(r.entries[0].name, "A");
        assert_eq!(r.entries[3].profit, Some(0.5));
        assert_eq!(r.notes, [note]);
        let five = r.five_s_snapshot();
        assert_eq!(
            five.entries.len(),
            all.five_s.class.iter().filter(|c| c.is_some()).count()
        );
        let same = compare(&r, &r, Dimension::Abc);
        assert_eq!(same.unchanged, 4);
        assert!(same.moved_up.is_empty() && same.new.is_empty() && same.lost.is_empty());
    }
}
