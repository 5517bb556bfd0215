//! Checks translations the way the build does, without building:
//! `cargo run --example check_lang -- src/knowledge/data/lang/de [...]`
//! prints every problem ("<file>: <key>: <message>") and exits with 1 when
//! there is one. See README, "Adding a language".

use backup_doctor::knowledge::{builtin, english_glossary, lang};
use std::path::Path;

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: cargo run --example check_lang -- DIR [DIR...]   (DIR = data/lang/<code>)");
        std::process::exit(2);
    }
    let kb = builtin().expect("the built-in content loads");
    let english_labels = english_glossary();
    let ui = backup_doctor::ui::text::english_strings();
    let mut failed = false;
    for dir in &dirs {
        let dir = Path::new(dir);
        let code = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        match read(dir, &code) {
            Err(e) => {
                failed = true;
                println!("{e}");
            }
            Ok(t) => {
                let problems = lang::check(&t, kb, &ui, &english_labels);
                for p in &problems {
                    println!("{p}");
                }
                let done = t.content.len();
                println!("{code}: {} problem(s); {done} texts, {} interface strings", problems.len(), t.ui.len());
                failed |= !problems.is_empty();
            }
        }
    }
    std::process::exit(i32::from(failed));
}

fn read(dir: &Path, code: &str) -> Result<lang::Translation, String> {
    fn json<T: serde::de::DeserializeOwned>(dir: &Path, name: &str) -> Result<T, String> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
    Ok(lang::Translation { code: code.to_string(), glossary: json(dir, "glossary.json")?, ui: json(dir, "ui.json")?, content: json(dir, "content.json")? })
}
