//! The consistency of what a workspace decodes to, beyond its integrity: what the app itself
//! always writes, so that a file edited by hand (its checksum recomputed) or written by
//! something else cannot put the app in a state it never makes. Each check returns the reason
//! in words, for [`super::FormatError::Invalid`].

use super::review::Review;
use super::Source;
use crate::import::{Imported, Shape};
use crate::Settings;
use rustc_hash::FxHashSet;
use serde_json::Value;

pub use crate::import::cells::is_blank_id;

/// One imported source: its rows balance (read = used + rejected), the rows used are the
/// rows it holds, and its customer ids (and a log's) are non-blank and unique.
pub fn source(which: &str, s: &Source) -> Result<(), String> {
    let i: &Imported = &s.imported;
    let r = &i.report;
    let file = if r.file.is_empty() {
        which.to_string()
    } else {
        format!("{which} {}", r.file)
    };
    if !r.balanced() {
        return Err(format!(
            "{file}: {} rows read, but {} used and {} rejected",
            r.rows_read,
            r.rows_used,
            r.rows_rejected()
        ));
    }
    match i.shape {
        Shape::Transactions => {
            let Some(log) = &i.log else {
                return Err(format!("{file}: a transaction log without its rows"));
            };
            if log.len() != r.rows_used {
                return Err(format!(
                    "{file}: {} rows used, but the log holds {}",
                    r.rows_used,
                    log.len()
                ));
            }
            if i.customers.len() != log.customer_ids.len() {
                return Err(format!(
                    "{file}: {} customers rolled up from {} in the log",
                    i.customers.len(),
                    log.customer_ids.len()
                ));
            }
            if !log.customer_names.is_empty() && log.customer_names.len() != log.customer_ids.len()
            {
                return Err(format!(
                    "{file}: the log's names do not match its customers"
                ));
            }
            ids(
                &file,
                "the log",
                log.customer_ids.iter().map(String::as_str),
            )?;
        }
        Shape::Customers => {
            if i.customers.len() != r.rows_used {
                return Err(format!(
                    "{file}: {} rows used, but {} customers",
                    r.rows_used,
                    i.customers.len()
                ));
            }
        }
    }
    ids(
        &file,
        "the customers",
        i.customers.iter().map(|c| c.id.as_str()),
    )
}

fn ids<'a>(file: &str, what: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), String> {
    let mut seen = FxHashSet::default();
    for (k, id) in ids.enumerate() {
        if is_blank_id(id) {
            return Err(format!("{file}: customer {} of {what} has no id", k + 1));
        }
        if !seen.insert(id) {
            return Err(format!(
                "{file}: customer id {id:?} appears twice in {what}"
            ));
        }
    }
    Ok(())
}

/// A saved review: its customer ids non-blank and unique.
pub fn review(r: &Review) -> Result<(), String> {
    ids(
        &format!("review {:?}", r.label),
        "the review",
        r.entries.iter().map(|e| e.id.as_str()),
    )
}

/// The settings as the file holds them are within their ranges: normalising them changes
/// nothing beyond float noise. (A stored state part is normalised silently instead: it was
/// normalised when saved, so a difference there can only come from a newer clamp.)
pub fn settings(s: &Settings) -> Result<(), String> {
    let raw = serde_json::to_value(s).unwrap_or(Value::Null);
    let normal = serde_json::to_value(s.clone().normalized()).unwrap_or(Value::Null);
    match difference(&raw, &normal, String::new()) {
        None => Ok(()),
        Some((path, value, _)) => Err(format!("the setting {path} is {value}, outside its range")),
    }
}

/// The first leaf where `a` and `b` differ (numbers beyond a relative 1e-9): its path, and
/// both values.
fn difference(a: &Value, b: &Value, path: String) -> Option<(String, Value, Value)> {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                let vb = y.get(k).unwrap_or(&Value::Null);
                if let Some(d) = difference(va, vb, join(k)) {
                    return Some(d);
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(k, (va, vb))| difference(va, vb, join(&k.to_string()))),
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            let close = (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
            (!close).then(|| (path, a.clone(), b.clone()))
        }
        _ => (a != b).then(|| (path, a.clone(), b.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_out_of_range_are_named() {
        assert_eq!(settings(&Settings::default()), Ok(()));
        let mut s = Settings::default();
        s.abc.a_pct = -9e9;
        let e = settings(&s).unwrap_err();
        assert!(e.starts_with("the setting abc.a_pct is -9"), "{e}");
        let mut noise = Settings::default();
        noise.abc.a_pct += 1e-12;
        assert_eq!(settings(&noise), Ok(()));
        assert!(is_blank_id("\u{200B} \u{FEFF}"));
        assert!(!is_blank_id("K1"));
    }
}
