//! What-if: the movement between two classifications of the same customers (two settings).

use super::Class;
use crate::model::Dataset;

/// Class → class counts and sales. Row = class under the first settings, column = class under
/// the second; the last row and column are "unclassed".
#[derive(Clone, Debug, PartialEq)]
pub struct Movement {
    /// Class keys, then `"none"`.
    pub labels: Vec<&'static str>,
    pub counts: Vec<Vec<usize>>,
    pub sales: Vec<Vec<f64>>,
    /// Customers whose class changed, and their sales (the sales at stake).
    pub moved: usize,
    pub sales_at_stake: f64,
    /// Moves towards a better class (lower index in `Class::ALL`) and towards a worse one;
    /// moves from or to "unclassed" count in neither.
    pub moved_up: usize,
    pub moved_down: usize,
}

pub fn compare<C: Class>(a: &[Option<C>], b: &[Option<C>], sales: &[f64]) -> Movement {
    let k = C::ALL.len();
    let slot = |c: Option<C>| c.map_or(k, |c| c.index());
    let mut m = Movement {
        labels: C::ALL.iter().map(|c| c.key()).chain(["none"]).collect(),
        counts: vec![vec![0; k + 1]; k + 1],
        sales: vec![vec![0.0; k + 1]; k + 1],
        moved: 0,
        sales_at_stake: 0.0,
        moved_up: 0,
        moved_down: 0,
    };
    for ((&x, &y), &s) in a.iter().zip(b).zip(sales) {
        let (i, j) = (slot(x), slot(y));
        m.counts[i][j] += 1;
        m.sales[i][j] += s;
        if i != j {
            m.moved += 1;
            m.sales_at_stake += s;
            if i < k && j < k {
                if j < i {
                    m.moved_up += 1;
                } else {
                    m.moved_down += 1;
                }
            }
        }
    }
    m
}

/// [`compare`] with the dataset's sales.
pub fn compare_in<C: Class>(ds: &Dataset, a: &[Option<C>], b: &[Option<C>]) -> Movement {
    let sales: Vec<f64> = ds.customers.iter().map(|c| c.sales).collect();
    compare(a, b, &sales)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::abc::AbcClass;

    #[test]
    fn movement_matrix_by_hand() {
        use AbcClass::*;
        let a = [Some(A), Some(B), Some(C), None, Some(B)];
        let b = [Some(A), Some(A), Some(B), Some(C), Some(B)];
        let m = compare(&a, &b, &[100.0, 50.0, 10.0, 5.0, 40.0]);
        assert_eq!(m.labels, ["A", "B", "C", "none"]);
        assert_eq!(m.counts[0][0], 1);
        assert_eq!(m.counts[1][0], 1);
        assert_eq!(m.counts[1][1], 1);
        assert_eq!(m.counts[2][1], 1);
        assert_eq!(m.counts[3][2], 1);
        assert_eq!(m.sales[1][0], 50.0);
        assert_eq!((m.moved, m.sales_at_stake), (3, 65.0));
        assert_eq!((m.moved_up, m.moved_down), (2, 0));
    }
}
