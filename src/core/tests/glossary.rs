//! The glossary is the only place a field's name is spelt: no `Tr::new` in the app, the core
//! or the CLI writes a glossary term's English again (with its own, possibly different,
//! Chinese and Spanish). Like a lint over the sources.

use std::path::{Path, PathBuf};

use tierwise_core::glossary;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The English of each `Tr::new("…", …)` in `src`, with its line.
fn english_texts(src: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut rest = src;
    let mut offset = 0;
    while let Some(i) = rest.find("Tr::new(") {
        let after = &rest[i + 8..];
        let trimmed = after.trim_start();
        if let Some(body) = trimmed.strip_prefix('"') {
            if let Some(end) = body.find('"') {
                let line = src[..offset + i].matches('\n').count() + 1;
                out.push((line, body[..end].to_string()));
            }
        }
        offset += i + 8;
        rest = after;
    }
    out
}

#[test]
fn no_source_spells_a_glossary_term_again() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["src", "cli/src"] {
        if root.join(dir).is_dir() {
            rust_files(&root.join(dir), &mut files);
        }
    }
    assert!(
        files.len() > 50,
        "found the sources ({} files)",
        files.len()
    );
    let terms: Vec<String> = glossary::ALL
        .iter()
        .flat_map(|t| [t.title.en, t.lower.en])
        .map(str::to_string)
        .collect();
    let mut again = Vec::new();
    for f in &files {
        if f.ends_with("glossary.rs") {
            continue;
        }
        let src = std::fs::read_to_string(f).unwrap();
        for (line, en) in english_texts(&src) {
            if terms.contains(&en) {
                again.push(format!(
                    "{}:{line}: {en:?}",
                    f.strip_prefix(&root).unwrap_or(f).display()
                ));
            }
        }
    }
    assert!(
        again.is_empty(),
        "use tierwise_core::glossary instead of spelling these again:\n{}",
        again.join("\n")
    );
}
