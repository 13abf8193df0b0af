//! Which currency a file's amounts are in, when the file says so: a sign or code in the header
//! of a money column ("销售额(元)", "Importe (€)", "Sales USD") or in its cells ("$1,234",
//! "¥980"). The importer reads such cells as plain numbers and drops the sign; this looks at the
//! headers and sample cells the import keeps, so it costs nothing per row.

use super::{Field, Imported};

/// The currencies the app can show, by ISO code.
pub const CODES: [&str; 4] = ["CNY", "EUR", "USD", "GBP"];

/// The ISO code a piece of text names, if exactly one.
fn named_in(text: &str) -> Option<&'static str> {
    let upper = text.to_uppercase();
    let words: Vec<&str> = upper
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let has_word = |w: &str| words.contains(&w);
    let mut found: Option<&'static str> = None;
    let mut see = |code: &'static str| match found {
        None => {
            found = Some(code);
            true
        }
        Some(c) => c == code,
    };
    let mut ok = true;
    if text.contains(['¥', '￥', '元']) || has_word("RMB") || has_word("CNY") {
        ok &= see("CNY");
    }
    if text.contains('€') || has_word("EUR") {
        ok &= see("EUR");
    }
    if text.contains('$') || has_word("USD") {
        ok &= see("USD");
    }
    if text.contains('£') || has_word("GBP") {
        ok &= see("GBP");
    }
    if ok {
        found
    } else {
        None
    }
}

const MONEY: [Field; 4] = [
    Field::Amount,
    Field::Profit,
    Field::Cost,
    Field::OverdueAmount,
];

/// The currency the money columns of the given files name, when they all name the same one.
pub fn infer<'a>(files: impl IntoIterator<Item = &'a Imported>) -> Option<&'static str> {
    let mut found: Option<&'static str> = None;
    for f in files {
        for (k, field) in f.mapping.fields.iter().enumerate() {
            if !field.is_some_and(|x| MONEY.contains(&x)) {
                continue;
            }
            let header = f.mapping.headers.get(k).map(String::as_str);
            let samples = f.samples.get(k).into_iter().flatten().map(String::as_str);
            for text in header.into_iter().chain(samples) {
                match (named_in(text), found) {
                    (None, _) => {}
                    (Some(c), None) => found = Some(c),
                    (Some(c), Some(f)) if c == f => {}
                    (Some(_), Some(_)) => return None,
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_codes() {
        assert_eq!(named_in("销售额(元)"), Some("CNY"));
        assert_eq!(named_in("¥1,234"), Some("CNY"));
        assert_eq!(named_in("Importe (€)"), Some("EUR"));
        assert_eq!(named_in("Sales USD"), Some("USD"));
        assert_eq!(named_in("$12.50"), Some("USD"));
        assert_eq!(named_in("£9"), Some("GBP"));
        assert_eq!(named_in("Sales"), None);
        assert_eq!(named_in("1234.5"), None);
        // Words that only contain a code are not it.
        assert_eq!(named_in("Europe"), None);
        assert_eq!(named_in("$ or €"), None);
    }

    #[test]
    fn from_an_import() {
        let csv = "客户,销售额(元),利润\nA,100,10\nB,200,20\n";
        let imp = crate::import::import_bytes("a.csv", csv.as_bytes(), &Default::default())
            .expect("imports");
        assert_eq!(infer([&imp]), Some("CNY"));
        let csv = "Customer,Sales,Profit\nA,$100,$10\nB,$200,$20\n";
        let imp = crate::import::import_bytes("b.csv", csv.as_bytes(), &Default::default())
            .expect("imports");
        assert_eq!(infer([&imp]), Some("USD"));
        let csv = "Customer,Sales,Region\nA,100,USA\nB,200,EU\n";
        let imp = crate::import::import_bytes("c.csv", csv.as_bytes(), &Default::default())
            .expect("imports");
        assert_eq!(infer([&imp]), None, "a region column is not money");
    }
}
