//! `classify/` has no import cycles: the infrastructure files (prepared, explain, strategy,
//! method) name no method, the method files (`classify/methods/`) read each other only one
//! way, and only the registry (and the views on it: lookup, select) names them all.
//!
//! Read from the sources: every `crate::classify::…` and `super::…` path outside a file's
//! test module is an edge to the file that defines it (a name re-exported by
//! `classify/mod.rs` is followed to its module).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn code_of(path: &Path) -> String {
    let s = std::fs::read_to_string(path).unwrap();
    let s = match s.find("#[cfg(test)]\nmod tests") {
        Some(k) => &s[..k],
        None => &s[..],
    };
    s.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names a path segment brings in: `x` or the items of `{x, y::z, w as v}` (first
/// segments only).
fn names(group: &str) -> Vec<String> {
    let g = group.trim();
    if let Some(inner) = g.strip_prefix('{') {
        let mut out = Vec::new();
        let mut depth = 0;
        let mut item = String::new();
        for ch in inner.chars() {
            match ch {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(std::mem::take(&mut item));
                    continue;
                }
                _ => {}
            }
            item.push(ch);
        }
        out.push(item);
        out.iter()
            .filter_map(|i| {
                let first = i.trim().split("::").next()?.trim();
                (!first.is_empty()).then(|| first.to_string())
            })
            .collect()
    } else {
        vec![g.to_string()]
    }
}

/// Every `prefix…` path's group in `code`: `a`, or `{a, b}`.
fn groups<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(k) = rest.find(prefix) {
        let before = rest[..k].chars().last();
        rest = &rest[k + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if rest.starts_with('{') {
            let end = rest.find('}').map_or(rest.len(), |e| e + 1);
            out.push(&rest[..end]);
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            out.push(&rest[..end]);
        }
    }
    out
}

#[test]
fn classify_has_no_import_cycles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/classify");
    let mut files: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    for (dir, prefix) in [(root.clone(), ""), (root.join("methods"), "methods/")] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
            if p.extension().is_some_and(|x| x == "rs") && stem != "mod" {
                files.insert(format!("{prefix}{stem}"), p);
            }
        }
    }
    let methods: BTreeSet<String> = files
        .keys()
        .filter_map(|k| k.strip_prefix("methods/").map(String::from))
        .collect();
    // Names re-exported by classify/mod.rs, and the items it defines itself.
    let facade = code_of(&root.join("mod.rs"));
    let mut reexport: BTreeMap<String, String> = BTreeMap::new();
    for line in facade.split(';') {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("pub use ") else {
            continue;
        };
        let (module, items) = rest.split_once("::").unwrap();
        for n in names(items) {
            let target = if module == "methods" {
                format!("methods/{n}")
            } else {
                module.to_string()
            };
            reexport.insert(n, target);
        }
    }
    let resolve = |n: &str, from: &str, via_super: bool| -> Option<String> {
        if via_super && from.starts_with("methods/") {
            return methods.contains(n).then(|| format!("methods/{n}"));
        }
        if methods.contains(n) {
            Some(format!("methods/{n}"))
        } else if files.contains_key(n) {
            Some(n.to_string())
        } else {
            reexport.get(n).cloned()
        }
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (node, path) in &files {
        let code = code_of(path);
        let mut deps = BTreeSet::new();
        for (prefix, via_super) in [
            ("crate::classify::", false),
            ("super::", true),
            ("classify::methods::", false),
            ("super::methods::", false),
            ("methods::", false),
        ] {
            for g in groups(&code, prefix) {
                for n in names(g) {
                    if let Some(t) = resolve(&n, node, via_super) {
                        if &t != node && files.contains_key(&t) {
                            deps.insert(t);
                        }
                    }
                }
            }
        }
        edges.insert(node.clone(), deps);
    }
    // The infrastructure names no method.
    for base in ["prepared", "explain", "strategy", "method"] {
        let named: Vec<&String> = edges[base]
            .iter()
            .filter(|d| d.starts_with("methods/"))
            .collect();
        assert!(named.is_empty(), "{base}.rs names {named:?}");
    }
    // No cycle: a depth-first search finds no back edge.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) {
        match state.get(n) {
            Some(2) => return,
            Some(1) => panic!("import cycle in classify/: {} -> {n}", path.join(" -> ")),
            _ => {}
        }
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for d in &edges[n] {
            visit(d, edges, state, path);
        }
        path.pop();
        state.insert(n.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        visit(n, &edges, &mut state, &mut Vec::new());
    }
    // The check sees the edges it should: the registry names every method.
    for m in &methods {
        assert!(
            edges["registry"].contains(&format!("methods/{m}")),
            "registry -> {m}"
        );
    }
}
