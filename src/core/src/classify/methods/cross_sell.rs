//! Method 13: Cross-selling (交叉销售). Inside a class (of the method chosen in the settings), what
//! its customers have in common: the products they buy, with support (share of the class's
//! buyers that buy it) and lift (that support ÷ the support among all classed buyers). For
//! each customer, the products its class buys that it has not bought, ranked by lift or
//! support, those below `min_support_pct` left out. Only customers with a product history
//! count; the method needs the product column of a transaction log.

use super::{abc, tiers};
use crate::classify::explain::{Reason, Unit};
use crate::classify::method::{ran, Inputs, MethodDef, NoClass};
use crate::classify::prepared::{BlockCounts, Prepared};
use crate::classify::Missing;
use crate::i18n::Tr;
use crate::import::Field;
use crate::settings::{CrossSellSettings, RankBy};
use crate::settings::{CutMode, Settings, ValueMeasure};

#[derive(Clone, Debug, PartialEq)]
pub struct ProductStat {
    /// Index into `Dataset::products`.
    pub product: u32,
    /// Buyers of the product inside the class.
    pub buyers: usize,
    /// Share of the class's buyers that buy it, in %.
    pub support: f64,
    /// Share of all classed buyers that buy it, in %.
    pub overall: f64,
    /// support ÷ overall.
    pub lift: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClassProducts {
    pub class_key: &'static str,
    /// Customers of the class with a product history.
    pub buyers: usize,
    /// Every product bought in the class, by support descending (then lift, then index).
    pub products: Vec<ProductStat>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CrossSellResult {
    pub classes: Vec<ClassProducts>,
    /// Per customer, the index of its class in `classes`.
    pub class_of: Vec<Option<u8>>,
}

/// `class_of[i]` is customer `i`'s class as an index into `class_keys`.
pub fn classify(
    p: &Prepared,
    class_keys: &[&'static str],
    class_of: Vec<Option<u8>>,
) -> Result<CrossSellResult, Missing> {
    if p.ds.products.is_empty() || !p.has(Field::Product) {
        return Err(Missing {
            any_of: &[Field::Product],
        });
    }
    let k = class_keys.len();
    let m = p.ds.products.len();
    // Four interleaved lanes of (class, product) counts, so that consecutive purchases of
    // one cell do not wait on each other's additions.
    let col = &p.index.col;
    let none = usize::MAX;
    let class_at = |i: usize| class_of.get(i).copied().flatten().map_or(none, usize::from);
    let mut lanes = vec![0u32; 4 * k * m];
    let mut e = 0usize;
    for i in 0..class_of.len() {
        let class = class_at(i);
        if class >= k {
            continue;
        }
        for &prod in col.products(i) {
            if (prod as usize) < m {
                lanes[(e & 3) * k * m + class * m + prod as usize] += 1;
                e += 1;
            }
        }
    }
    let mut buyers = vec![0usize; k];
    for i in 0..class_of.len() {
        let class = class_at(i);
        if class < k && !col.products(i).is_empty() {
            buyers[class] += 1;
        }
    }
    let counts: Vec<usize> = (0..k * m)
        .map(|c| (0..4).map(|l| lanes[l * k * m + c] as usize).sum())
        .collect();
    Ok(assemble(class_keys, m, &counts, &buyers, class_of))
}

/// [`classify`] when each class is a run of consecutive ranks of `order` (ABC, or tiers by
/// percentile of sales or profit): the counts come from block sums prepared once per dataset.
pub fn classify_runs(
    p: &Prepared,
    class_keys: &[&'static str],
    class_of: Vec<Option<u8>>,
    order: &[u32],
    blocks: &BlockCounts,
    runs: &[usize],
) -> Result<CrossSellResult, Missing> {
    if p.ds.products.is_empty() || !p.has(Field::Product) {
        return Err(Missing {
            any_of: &[Field::Product],
        });
    }
    let m = p.ds.products.len();
    let mut counts = Vec::with_capacity(class_keys.len() * m);
    let mut buyers = Vec::with_capacity(class_keys.len());
    for k in 0..class_keys.len() {
        let (a, b) = (runs[k], runs[k + 1].max(runs[k]));
        let (c, n) = blocks.range(order, &p.index.col, a, b);
        counts.extend(c);
        buyers.push(n);
    }
    Ok(assemble(class_keys, m, &counts, &buyers, class_of))
}

fn assemble(
    class_keys: &[&'static str],
    m: usize,
    counts: &[usize],
    buyers: &[usize],
    class_of: Vec<Option<u8>>,
) -> CrossSellResult {
    let k = class_keys.len();
    let totals: Vec<usize> = (0..m)
        .map(|j| (0..k).map(|c| counts[c * m + j]).sum())
        .collect();
    let all_buyers: usize = buyers.iter().sum();
    let classes = (0..k)
        .map(|ci| {
            let mut products: Vec<ProductStat> = (0..m)
                .filter(|&j| counts[ci * m + j] > 0)
                .map(|j| {
                    let b = counts[ci * m + j];
                    let support = b as f64 / buyers[ci] as f64 * 100.0;
                    let overall = totals[j] as f64 / all_buyers as f64 * 100.0;
                    ProductStat {
                        product: j as u32,
                        buyers: b,
                        support,
                        overall,
                        lift: support / overall,
                    }
                })
                .collect();
            products.sort_by(|a, b| {
                b.support
                    .total_cmp(&a.support)
                    .then(b.lift.total_cmp(&a.lift))
                    .then(a.product.cmp(&b.product))
            });
            ClassProducts {
                class_key: class_keys[ci],
                buyers: buyers[ci],
                products,
            }
        })
        .collect();
    CrossSellResult { classes, class_of }
}

/// The products customer `i`'s class buys that it has not, best first, at most `top_n`.
pub fn suggest(
    p: &Prepared,
    s: &CrossSellSettings,
    r: &CrossSellResult,
    i: usize,
) -> Vec<ProductStat> {
    let s = s.clone().normalized();
    let (Some(c), Some(Some(class))) = (p.ds.customers.get(i), r.class_of.get(i)) else {
        return Vec::new();
    };
    let Some(cp) = r.classes.get(usize::from(*class)) else {
        return Vec::new();
    };
    let mut out: Vec<ProductStat> = cp
        .products
        .iter()
        .filter(|st| {
            st.support >= s.min_support_pct && c.products.binary_search(&st.product).is_err()
        })
        .cloned()
        .collect();
    match s.rank_by {
        RankBy::Lift => out.sort_by(|a, b| {
            b.lift
                .total_cmp(&a.lift)
                .then(b.support.total_cmp(&a.support))
                .then(a.product.cmp(&b.product))
        }),
        RankBy::Support => {} // already by support
    }
    out.truncate(s.top_n as usize);
    out
}

/// A suggestion's numbers as explanation lines.
pub fn explain(st: &ProductStat) -> Vec<Reason> {
    vec![
        Reason::info(
            Tr::new("Support in the class", "类内支持度", "Soporte en la clase"),
            st.support,
            Unit::Percent,
        ),
        Reason::info(
            Tr::new("Support overall", "总体支持度", "Soporte global"),
            st.overall,
            Unit::Percent,
        ),
        Reason::info(
            Tr::new("Lift", "提升度", "Elevación (lift)"),
            st.lift,
            Unit::Number,
        ),
    ]
}

/// Cross-selling in the registry: inside the classes of the method the settings choose.
pub struct CrossSell;

impl MethodDef for CrossSell {
    const KEY: &'static str = "cross_sell";
    const NAME: Tr = Tr::new("Cross-selling", "交叉销售", "Venta cruzada");
    const PURPOSE: Tr = Tr::new(
        "What each class buys that its customers do not yet.",
        "每类客户常买而个别客户尚未购买的产品。",
        "Lo que compra cada clase y sus clientes aún no.",
    );
    type Class = NoClass;
    type Output = Result<CrossSellResult, Missing>;
    type Prep = ();

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.cross_sell != new.cross_sell
    }

    /// The method whose classes it looks inside.
    fn inputs(s: &Settings) -> Vec<&'static str> {
        vec![s.cross_sell.source.method_key()]
    }

    fn classify(p: &Prepared, s: &Settings, inputs: &Inputs) -> Self::Output {
        if p.ds.products.is_empty() {
            return Err(Missing {
                any_of: &[Field::Product],
            });
        }
        let source = s.cross_sell.source;
        let column = inputs
            .class_column(source.method_key())
            .expect("a class source has a class column")?;
        let (keys, class_of) = (column.keys, column.class);
        let ix = &p.index;
        let by_sales = &p.ds.existing_by_sales;
        let by_profit = &ix.existing_by_profit;
        let percentile = s.tiers.cut == CutMode::Percentile;
        let key = source.method_key();
        match key {
            k if k == abc::Abc::KEY => {
                let runs = abc::runs(p, &s.abc);
                classify_runs(p, &keys, class_of, by_sales, &ix.products_by_sales, &runs)
            }
            k if k == tiers::Tiers::KEY && percentile && s.tiers.measure == ValueMeasure::Sales => {
                let runs = tiers::percentile_runs(by_sales.len(), &s.tiers);
                classify_runs(p, &keys, class_of, by_sales, &ix.products_by_sales, &runs)
            }
            k if k == tiers::Tiers::KEY
                && percentile
                && s.tiers.measure == ValueMeasure::Profit =>
            {
                let runs = tiers::percentile_runs(by_profit.len(), &s.tiers);
                classify_runs(p, &keys, class_of, by_profit, &ix.products_by_profit, &runs)
            }
            _ => classify(p, &keys, class_of),
        }
    }

    fn available(out: &Self::Output) -> Result<(), Missing> {
        ran(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Customer, Dataset};

    #[test]
    fn fixture_support_lift_and_suggestions() {
        // Products: 0 bolts, 1 nuts, 2 glue, 3 paint. Class 0 ("A"): c0 {0,1}, c1 {0,1,2},
        // c2 {0}, c3 {} (no history, ignored). Class 1 ("B"): c4 {2,3}, c5 {3}.
        let basket: [&[u32]; 6] = [&[0, 1], &[0, 1, 2], &[0], &[], &[2, 3], &[3]];
        let class = [0, 0, 0, 0, 1, 1];
        let customers = basket
            .iter()
            .enumerate()
            .map(|(k, b)| Customer {
                id: format!("c{k}"),
                sales: 10.0,
                products: b.to_vec(),
                ..Default::default()
            })
            .collect();
        let products = ["bolts", "nuts", "glue", "paint"]
            .map(String::from)
            .to_vec();
        let p = Prepared::new(Dataset::new(customers, products, None));
        let r = classify(&p, &["A", "B"], class.iter().map(|&c| Some(c)).collect()).unwrap();
        let a = &r.classes[0];
        assert_eq!(a.buyers, 3);
        // A: bolts 3/3 = 100%, overall 3/5 = 60%, lift 1.667; nuts 2/3, overall 2/5 → lift
        // 1.667; glue 1/3, overall 2/5 → lift 0.833.
        let got: Vec<_> = a.products.iter().map(|s| (s.product, s.buyers)).collect();
        assert_eq!(got, [(0, 3), (1, 2), (2, 1)]);
        assert!((a.products[2].lift - (100.0 / 3.0) / 40.0).abs() < 1e-12);
        // c2 has bolts: suggest nuts (lift 1.667) before glue (0.833).
        let s = CrossSellSettings::default();
        let sug: Vec<u32> = suggest(&p, &s, &r, 2).iter().map(|x| x.product).collect();
        assert_eq!(sug, [1, 2]);
        // With a 50% minimum support glue (33%) drops out.
        let s = CrossSellSettings {
            min_support_pct: 50.0,
            ..s
        };
        assert_eq!(suggest(&p, &s, &r, 2).len(), 1);
        // c5 in B lacks glue: B glue support 50%, overall 40% → lift 1.25.
        let sug = suggest(&p, &s, &r, 5);
        assert_eq!(sug[0].product, 2);
        assert!((sug[0].lift - 1.25).abs() < 1e-12);
    }
}
