//! `check(input, settings, method, expect)`: data-driven method tests in the spirit of
//! rust-analyzer's `check(input, expect)`.
//!
//! The input is CSV text read by the project's own importer (a customer table or a transaction
//! log, or a customer master and a log joined), the settings are a JSON patch merged onto
//! [`Settings::default`], and the method is picked by its key ([`Method::key`]). The output
//! is rendered as text from the public surface only ([`Engine::explain`] and
//! [`lookup::summary`]/[`lookup::change`]), never from a method's own result struct, so the
//! tests survive a rewrite of the method internals:
//!
//! ```text
//! counts: A=2 B=2 C=1 unclassed=1
//! sales: A=80 B=16 C=4 classed=100
//! profit: A=16 B=-1 C=1 classed=16          (only when some classed customer has a profit)
//! c1: A | Sales = 50; Cumulative sales share before this customer 0% < 80%
//! p1: -
//! ```
//!
//! One line per customer, in file order: `<id>: <class key or -> [+<flag> …] | <reasons>`.
//! The flags are the further strategies of [`Explanation::also`] (5S flags and release, risk
//! flags), without their method prefix. Reasons are the English [`Reason`]s: `<what> <value>
//! <op> <threshold>`, `<what> = <value>` for a figure shown for context, `<what> missing`.
//! Numbers have at most 4 decimals, trailing zeros trimmed; `%`, `d` (days) and `mo`
//! (months) follow the figures in those units. A method that cannot run prints only
//! `needs column <field> [or <field> …]`.
//!
//! On a mismatch the test fails with the actual text in full, ready to paste. With
//! `UPDATE_EXPECT=1` in the environment, the expected literal (the last argument of the call,
//! a raw string) is rewritten in the source file instead, as `expect-test` does.
//!
//! Every check also asserts what must hold for any dataset: no row rejected and every column
//! mapped (so a typo in a fixture header cannot silently drop a column), no question the
//! importer had to guess, a misspelt setting refused, the class counts of [`lookup::summary`]
//! equal to the classes [`Engine::explain`] gives and to lookup's accessors (`class_of`,
//! `in_class`, `class_by_key`), and classed plus unclassed customers making up the dataset.

use std::collections::HashMap;
use std::panic::Location;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tierwise_core::classify::{lookup, Cmp, Engine, Explanation, Method, Prepared, Reason, Unit};
use tierwise_core::i18n::Lang;
use tierwise_core::import::{import_bytes, join, ImportOptions, Imported};
use tierwise_core::Settings;

/// The data of a check: one file (a customer table or a transaction log, the shape told by the
/// importer) or a customer master joined with a transaction log.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    One(&'a str),
    Joined { master: &'a str, log: &'a str },
}

impl<'a> From<&'a str> for Input<'a> {
    fn from(csv: &'a str) -> Self {
        Input::One(csv)
    }
}

impl<'a> From<&'a String> for Input<'a> {
    fn from(csv: &'a String) -> Self {
        Input::One(csv)
    }
}

/// `(master, log)`.
impl<'a> From<(&'a str, &'a str)> for Input<'a> {
    fn from((master, log): (&'a str, &'a str)) -> Self {
        Input::Joined { master, log }
    }
}

/// Checks every customer's class and reasons under `method`, and the class table.
#[track_caller]
pub fn check<'a>(input: impl Into<Input<'a>>, settings: &str, method: &str, expect: &str) {
    let loc = Location::caller();
    let engine = engine(input.into(), settings);
    let actual = render(&engine, method_by_key(method), None);
    compare(loc, expect, &actual);
}

/// The same, with per-customer lines for the customers in `ids` only (in file order); the
/// class table still covers everyone. For generated datasets too large to list.
#[track_caller]
pub fn check_ids<'a>(
    input: impl Into<Input<'a>>,
    settings: &str,
    method: &str,
    ids: &[&str],
    expect: &str,
) {
    let loc = Location::caller();
    let engine = engine(input.into(), settings);
    let actual = render(&engine, method_by_key(method), Some(ids));
    compare(loc, expect, &actual);
}

/// What moving from the `before` settings to the `after` settings does to `method`
/// ([`lookup::change`]): the net change per class, how many customers moved and their
/// sales, then one line per customer whose class (or flags) changed.
///
/// ```text
/// net: A=-1 B=-1 C=+2
/// moved: 3 (sales 46)
/// c2: A -> B
/// ```
#[track_caller]
pub fn check_change<'a>(
    input: impl Into<Input<'a>>,
    before: &str,
    after: &str,
    method: &str,
    expect: &str,
) {
    let loc = Location::caller();
    let input = input.into();
    let m = method_by_key(method);
    let (b, a) = (engine(input, before), engine(input, after));
    let ch = lookup::change(b.prepared(), b.results(), a.results(), m);
    let mut out = Vec::new();
    let net: Vec<String> = lookup::classes(m)
        .iter()
        .zip(&ch.net)
        .map(|(c, n)| format!("{}={n:+}", c.key))
        .collect();
    out.push(format!("net: {}", net.join(" ")).trim_end().to_string());
    out.push(format!(
        "moved: {} (sales {})",
        ch.moved,
        num(ch.sales_moved)
    ));
    for (i, c) in b.prepared().ds.customers.iter().enumerate() {
        let (x, y) = (label(&explanation(&b, m, i)), label(&explanation(&a, m, i)));
        if x != y {
            out.push(format!("{}: {x} -> {y}", c.id));
        }
    }
    compare(loc, expect, &out.join("\n"));
}

fn method_by_key(key: &str) -> Method {
    Method::ALL
        .into_iter()
        .find(|m| m.key() == key)
        .unwrap_or_else(|| {
            let keys: Vec<&str> = Method::ALL.iter().map(|m| m.key()).collect();
            panic!("no method {key:?}; the keys are {keys:?}")
        })
}

/// CSV text → importer → join → [`Prepared`] → [`Engine`] with the patched settings.
fn engine(input: Input<'_>, patch: &str) -> Engine {
    let settings = settings(patch);
    let ds = match input {
        Input::One(csv) => join::join(Some(&import("input.csv", csv)), None).0,
        Input::Joined { master, log } => {
            let (m, l) = (import("master.csv", master), import("log.csv", log));
            join::join(Some(&m), Some(&l)).0
        }
    };
    Engine::new(Prepared::new(ds), &settings)
}

fn import(name: &str, csv: &str) -> Imported {
    let text = dedent(csv);
    let imp = import_bytes(name, text.as_bytes(), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
    let r = &imp.report;
    assert!(
        r.rows_rejected() == 0 && r.balanced(),
        "{name}: rows rejected: {:#?}",
        r.rejected
    );
    assert!(
        r.questions.is_empty(),
        "{name}: the importer had to guess: {:?}",
        r.questions
    );
    let unmapped: Vec<&String> = imp
        .mapping
        .headers
        .iter()
        .zip(&imp.mapping.fields)
        .filter(|(_, f)| f.is_none())
        .map(|(h, _)| h)
        .collect();
    assert!(
        unmapped.is_empty(),
        "{name}: columns the importer does not recognise: {unmapped:?}"
    );
    imp
}

/// `Settings::default()` with the JSON object `patch` merged in: objects merge key by key
/// (a nested section keeps its other defaults), anything else replaces. A key the settings
/// do not have is an error, so a typo cannot silently test the defaults.
pub fn settings(patch: &str) -> Settings {
    let mut base = serde_json::to_value(Settings::default()).expect("settings serialise");
    if !patch.trim().is_empty() {
        let patch: serde_json::Value =
            serde_json::from_str(patch).unwrap_or_else(|e| panic!("settings patch {patch}: {e}"));
        merge(&mut base, &patch, "settings");
    }
    serde_json::from_value(base).unwrap_or_else(|e| panic!("settings patch {patch}: {e}"))
}

fn merge(base: &mut serde_json::Value, patch: &serde_json::Value, path: &str) {
    use serde_json::Value;
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                let here = format!("{path}.{k}");
                if !b.contains_key(k) {
                    let keys: Vec<&String> = b.keys().collect();
                    panic!("no setting {here}; the keys here are {keys:?}");
                }
                merge(&mut b[k], v, &here);
            }
        }
        (b, p) => *b = p.clone(),
    }
}

fn explanation(engine: &Engine, m: Method, i: usize) -> Explanation {
    find_explanation(engine, m, i).unwrap_or_else(|| {
        panic!(
            "method {:?} gives no per-customer explanation, so check cannot show it",
            m.key()
        )
    })
}

fn find_explanation(engine: &Engine, m: Method, i: usize) -> Option<Explanation> {
    engine.explain(i).into_iter().find(|e| e.method == m)
}

fn render(engine: &Engine, m: Method, only: Option<&[&str]>) -> String {
    let p = engine.prepared();
    let customers = &p.ds.customers;
    let n = customers.len();
    let mut out = Vec::new();
    let summary = match lookup::summary(p, engine.results(), m) {
        Ok(s) => s,
        Err(missing) => {
            // The methods without a per-customer view (cross-tab, cross-selling) have
            // only the summary to say so.
            for i in 0..n {
                if let Some(e) = find_explanation(engine, m, i) {
                    assert_eq!(e.missing, Some(missing), "customer {i}");
                }
                assert_eq!(lookup::class_of(engine.results(), m, i), None);
            }
            return missing.to_string();
        }
    };
    assert!(
        !summary.rows.is_empty(),
        "method {:?} does not class customers one by one, so check cannot show it",
        m.key()
    );
    assert_eq!(
        summary.classed + summary.unclassed,
        n,
        "classed + unclassed"
    );
    let explained: Vec<Explanation> = (0..n).map(|i| explanation(engine, m, i)).collect();
    consistent(engine, m, &summary, &explained);
    // The classes listed under the settings (RFM's own segments once in the table).
    let table = |f: &dyn Fn(&lookup::ClassRow) -> String| -> String {
        summary
            .rows
            .iter()
            .filter(|r| m.class_shown(engine.settings(), r.class.key))
            .map(|r| format!("{}={}", r.class.key, f(r)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    out.push(format!(
        "counts: {} unclassed={}",
        table(&|r| r.count.to_string()),
        summary.unclassed
    ));
    out.push(format!(
        "sales: {} classed={}",
        table(&|r| num(r.sales)),
        num(summary.classed_sales)
    ));
    if let Some(total) = summary.classed_profit {
        out.push(format!(
            "profit: {} classed={}",
            table(&|r| r.profit.map_or("-".into(), num)),
            num(total)
        ));
    }
    if let Some(ids) = only {
        for id in ids {
            assert!(customers.iter().any(|c| c.id == *id), "no customer {id}");
        }
    }
    for (c, e) in customers.iter().zip(&explained) {
        if only.is_some_and(|ids| !ids.contains(&c.id.as_str())) {
            continue;
        }
        let mut line = format!("{}: {}", c.id, label(e));
        let reasons: Vec<String> = match e.missing {
            Some(m) => vec![m.to_string()],
            None => reasons(&e.reasons),
        };
        if !reasons.is_empty() {
            line.push_str(" | ");
            line.push_str(&reasons.join("; "));
        }
        out.push(line);
    }
    out.join("\n")
}

/// What must hold between the views of one method: the class table of [`lookup::summary`],
/// the classes of [`Engine::explain`] and lookup's per-customer accessors.
fn consistent(engine: &Engine, m: Method, summary: &lookup::Summary, explained: &[Explanation]) {
    let results = engine.results();
    let classes = lookup::classes(m);
    for (i, e) in explained.iter().enumerate() {
        if m == Method::Risk {
            // A customer carries any number of flags; they come as further strategies.
            let flags: Vec<&str> = e.also.iter().map(|s| s.key).collect();
            for c in &classes {
                let has = flags.contains(&format!("risk.{}", c.key).as_str());
                assert_eq!(
                    lookup::in_class(results, m, c.index, i),
                    has,
                    "customer {i}"
                );
            }
            continue;
        }
        let k = lookup::class_of(results, m, i);
        assert_eq!(
            k.map(|k| classes[k as usize].key),
            e.class_key,
            "customer {i}: lookup and explain disagree"
        );
        if let (Some(k), Some(key)) = (k, e.class_key) {
            assert!(lookup::in_class(results, m, k, i), "customer {i}");
            assert_eq!(lookup::class_by_key(m, key).map(|c| c.index), Some(k));
        }
    }
    if m != Method::Risk {
        // A risk customer counts under each of its flags.
        assert_eq!(
            summary.rows.iter().map(|r| r.count).sum::<usize>(),
            summary.classed,
            "class counts add up to the classed customers"
        );
        for row in &summary.rows {
            let k = explained
                .iter()
                .filter(|e| e.class_key == Some(row.class.key))
                .count();
            assert_eq!(
                k, row.count,
                "summary and explain disagree on {}",
                row.class.key
            );
        }
    }
}

/// `A`, `-`, `mature_3 +suspended +released`.
fn label(e: &Explanation) -> String {
    let mut s = e.class_key.unwrap_or("-").to_string();
    for st in &e.also {
        let key = st.key.split_once('.').map_or(st.key, |(_, k)| k);
        s.push_str(" +");
        s.push_str(key);
    }
    s
}

/// The reasons, a bounded figure on one line: `Score 70 >= 60 and < 80`.
fn reasons(rs: &[Reason]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<&Reason> = None;
    for r in rs {
        let bounded =
            |x: &Reason| x.threshold.is_some() && !matches!(x.cmp, Cmp::Info | Cmp::Missing);
        if let (Some(p), Some(last)) = (prev, out.last_mut()) {
            if bounded(p)
                && bounded(r)
                && p.what == r.what
                && p.value == r.value
                && p.unit == r.unit
            {
                let full = reason(r);
                let value = format!("{} {}", r.what.get(Lang::En), value_of(r));
                last.push_str(" and");
                last.push_str(&full[value.len()..]);
                prev = None;
                continue;
            }
        }
        out.push(reason(r));
        prev = Some(r);
    }
    out
}

fn unit_of(r: &Reason) -> &'static str {
    match r.unit {
        Unit::Percent => "%",
        Unit::Days => "d",
        Unit::Months => "mo",
        _ => "",
    }
}

fn value_of(r: &Reason) -> String {
    r.value
        .map_or(String::new(), |v| format!("{}{}", num(v), unit_of(r)))
}

fn reason(r: &Reason) -> String {
    let what = r.what.get(Lang::En);
    if let Some(note) = &r.note {
        return format!("{what}: \"{note}\"");
    }
    let unit = match r.unit {
        Unit::Percent => "%",
        Unit::Days => "d",
        Unit::Months => "mo",
        _ => "",
    };
    let op = match r.cmp {
        Cmp::Ge => ">=",
        Cmp::Gt => ">",
        Cmp::Le => "<=",
        Cmp::Lt => "<",
        Cmp::Info | Cmp::Missing | Cmp::Note => "=",
    };
    match (r.cmp, r.value, r.threshold) {
        (Cmp::Note, _, _) => what.to_string(),
        (Cmp::Missing, _, _) | (_, None, _) => format!("{what} missing"),
        (Cmp::Info, Some(v), _) | (_, Some(v), None) => format!("{what} = {}{unit}", num(v)),
        (_, Some(v), Some(t)) => format!("{what} {}{unit} {op} {}{unit}", num(v), num(t)),
    }
}

/// At most 4 decimals, trailing zeros trimmed: 96.6667, 30, 0.25, -1.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// A literal written indented in the source, as text: a leading newline dropped, the common
/// indentation removed, trailing spaces and trailing blank lines removed.
pub fn dedent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut lines: Vec<&str> = text
        .lines()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// `UPDATE_EXPECT` set, and neither empty nor `0`.
fn update_mode() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v != "0" && !v.is_empty())
}

fn compare(loc: &Location<'_>, expect: &str, actual: &str) {
    if dedent(expect) == actual {
        return;
    }
    if update_mode() {
        update(loc, actual);
        eprintln!("updated the expectation at {loc}");
        return;
    }
    panic!(
        "\nexpectation at {loc} does not match.\n\n--- expected\n{}\n--- actual (paste this, or \
         rerun with UPDATE_EXPECT=1)\n{actual}\n---\n",
        dedent(expect)
    );
}

/// The source files being rewritten, as they were when the test binary was built (the
/// caller locations refer to that text), with the literals replaced so far.
struct Source {
    original: String,
    /// (start, end) in `original` → the new literal.
    patches: Vec<(usize, usize, String)>,
}

static SOURCES: Mutex<Option<HashMap<PathBuf, Source>>> = Mutex::new(None);

fn source_path(file: &str) -> PathBuf {
    let rel = Path::new(file);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::iter::once(Path::new("."))
        .chain(manifest.ancestors())
        .map(|dir| dir.join(rel))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("cannot find {file} to update it"))
}

fn update(loc: &Location<'_>, actual: &str) {
    let path = source_path(loc.file());
    let mut guard = SOURCES.lock().unwrap_or_else(|e| e.into_inner());
    let sources = guard.get_or_insert_with(HashMap::new);
    let src = sources.entry(path.clone()).or_insert_with(|| Source {
        original: std::fs::read_to_string(&path).expect("read the test source"),
        patches: Vec::new(),
    });
    let call = offset_of(&src.original, loc.line() as usize, loc.column() as usize);
    let (start, end) = last_literal_of_call(&src.original, call)
        .unwrap_or_else(|| panic!("no string literal found in the call at {loc}"));
    let line_start = src.original[..start].rfind('\n').map_or(0, |k| k + 1);
    let indent: String = src.original[line_start..]
        .chars()
        .take_while(|c| *c == ' ')
        .collect();
    let hashes = "#".repeat(
        (1..)
            .find(|&k| !actual.contains(&format!("\"{}", "#".repeat(k))))
            .unwrap(),
    );
    let mut lit = format!("r{hashes}\"\n");
    for l in actual.lines() {
        if !l.is_empty() {
            lit.push_str(&indent);
            lit.push_str(l);
        }
        lit.push('\n');
    }
    lit.push_str(&indent);
    lit.push('"');
    lit.push_str(&hashes);
    src.patches.retain(|p| p.0 != start);
    src.patches.push((start, end, lit));
    src.patches.sort_by_key(|p| p.0);
    let mut text = String::with_capacity(src.original.len());
    let mut at = 0;
    for (a, b, lit) in &src.patches {
        text.push_str(&src.original[at..*a]);
        text.push_str(lit);
        at = *b;
    }
    text.push_str(&src.original[at..]);
    std::fs::write(&path, text).expect("write the test source");
}

/// Byte offset of a 1-based line and (character) column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    start
        + text[start..]
            .char_indices()
            .nth(column - 1)
            .map_or(0, |(k, _)| k)
}

/// The span of the last string literal among the arguments of the call starting at `from`
/// (the callee name, then its parenthesised arguments).
fn last_literal_of_call(text: &str, from: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut k = from + text[from..].find('(')?;
    let mut depth = 0usize;
    let mut last = None;
    while k < b.len() {
        match b[k] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return last;
                }
            }
            b'r' if matches!(b.get(k + 1), Some(b'"' | b'#'))
                && !b[k - 1].is_ascii_alphanumeric()
                && b[k - 1] != b'_' =>
            {
                let hashes = b[k + 1..].iter().take_while(|&&c| c == b'#').count();
                let open = k + 1 + hashes;
                if b.get(open) != Some(&b'"') {
                    k += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let end = open + 1 + text[open + 1..].find(&close)? + close.len();
                if depth == 1 {
                    last = Some((k, end));
                }
                k = end;
                continue;
            }
            b'"' => {
                let mut j = k + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                if depth == 1 {
                    last = Some((k, j + 1));
                }
                k = j + 1;
                continue;
            }
            b'/' if b.get(k + 1) == Some(&b'/') => {
                k += text[k..].find('\n')?;
                continue;
            }
            _ => {}
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dedent_and_literals() {
        assert_eq!(num(96.0 + 2.0 / 3.0), "96.6667");
        assert_eq!(num(30.0), "30");
        assert_eq!(num(-0.00001), "0");
        assert_eq!(num(0.25), "0.25");
        assert_eq!(dedent("\n    a\n      b\n\n    c\n  "), "a\n  b\n\nc");
        let src = "    check(\n        X,\n        \"{}\", // (\n        r#\"\n        a ) \"\n        \"#,\n    );\n";
        let (a, b) = last_literal_of_call(src, 4).unwrap();
        assert!(src[a..b].starts_with("r#\"") && src[a..b].ends_with("\"#"));
    }

    #[test]
    fn a_patch_merges_into_the_defaults() {
        let s = settings(r#"{"abc":{"a_pct":70},"tiers":{"measure":"Profit"}}"#);
        assert_eq!((s.abc.a_pct, s.abc.b_pct), (70.0, 15.0));
        assert_eq!(s.tiers.vip_pct, Settings::default().tiers.vip_pct);
        assert_eq!(settings(""), Settings::default());
    }

    #[test]
    #[should_panic(expected = "no setting settings.abc.a_pc")]
    fn a_misspelt_setting_fails() {
        settings(r#"{"abc":{"a_pc":70}}"#);
    }

    #[test]
    #[should_panic(expected = "columns the importer does not recognise: [\"salez\"]")]
    fn an_unrecognised_column_fails() {
        check("id,salez\na,1\n", "{}", "abc", "");
    }

    #[test]
    #[should_panic(expected = "does not match")]
    fn a_wrong_expectation_fails() {
        if update_mode() {
            panic!("does not match (not checked in update mode)");
        }
        check("id,sales\na,1\n", "{}", "abc", "counts: A=0");
    }
}
