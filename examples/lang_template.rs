//! Writes what a translator starts from: `cargo run --example lang_template
//! -- DIR` writes `DIR/ui.json` and `DIR/content.json` with every key and
//! its English text (iOS labels already written `[[Like This]]`, paths left
//! out: they come from the glossary) and `DIR/glossary.json` with every
//! English label to fill in. See README, "Adding a language".

use backup_doctor::knowledge::{builtin, english_glossary, lang};
use std::collections::BTreeMap;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: cargo run --example lang_template -- DIR");
        std::process::exit(2);
    };
    let kb = builtin().expect("the built-in content loads");
    let english_labels = english_glossary();
    let mut labels: Vec<&str> = english_labels.iter().map(|l| l.label.as_str()).filter(|l| l.contains(' ')).collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let mut content = BTreeMap::new();
    for (key, kind, text) in lang::texts(kb) {
        if kind == lang::Kind::Text {
            content.insert(key, mark(&text, &labels));
        }
    }
    let ui = backup_doctor::ui::text::english_strings();
    let glossary = serde_json::json!({
        "name": "",
        "dir": "ltr",
        "labels": english_labels.iter().map(|l| (l.label.clone(), serde_json::json!({"label": "", "verified": [], "note": l.context}))).collect::<serde_json::Map<_, _>>(),
        "sources": [],
    });
    std::fs::create_dir_all(&dir).expect("the folder can be made");
    for (name, value) in [("ui.json", serde_json::to_value(&ui).unwrap()), ("content.json", serde_json::to_value(&content).unwrap()), ("glossary.json", glossary)] {
        let path = std::path::Path::new(&dir).join(name);
        std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap() + "\n").expect("the file can be written");
        println!("wrote {}", path.display());
    }
}

/// Wraps each multi-word label in `[[…]]`, longest first, never inside one
/// already wrapped and only as whole words.
fn mark(text: &str, labels: &[&str]) -> String {
    let mut out = text.to_string();
    for l in labels {
        let spans: Vec<(usize, usize)> = out.match_indices("[[").filter_map(|(a, _)| out[a..].find("]]").map(|b| (a, a + b + 2))).collect();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut result = String::new();
        let mut last = 0;
        for (i, _) in out.match_indices(l) {
            let inside = spans.iter().any(|(a, b)| *a <= i && i < *b);
            if inside || word(out[..i].chars().next_back()) || word(out[i + l.len()..].chars().next()) {
                continue;
            }
            result.push_str(&out[last..i]);
            result.push_str("[[");
            result.push_str(l);
            result.push_str("]]");
            last = i + l.len();
        }
        result.push_str(&out[last..]);
        out = result;
    }
    out
}
