//! Validates a content pack: the data files of a directory, by the same
//! rules as the built-in content (`knowledge::validate`).
//!
//!     cargo run --profile xtask --example check_content -- DIR
//!
//! `cargo xtask build --content DIR` runs this before building. Prints
//! every problem, naming the file and the entry; exits with 1 when there
//! is any, or when a file is missing or unreadable.

use backup_doctor::knowledge::validate::validate_files;
use backup_doctor::knowledge::FILES;
use std::path::PathBuf;
use std::process::ExitCode;

/// Read by the app besides the knowledge base's files.
const UI_STRINGS: &str = "ui-strings.json";

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: check_content DIR");
        return ExitCode::from(1);
    };
    let mut texts = Vec::new();
    let mut missing = Vec::new();
    for name in FILES.iter().map(|(n, _)| *n).chain([UI_STRINGS]) {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(text) => texts.push((name, text)),
            Err(e) => missing.push(format!("  {name}: cannot be read ({e})")),
        }
    }
    if !missing.is_empty() {
        eprintln!("the content pack in {} is incomplete:\n{}", dir.display(), missing.join("\n"));
        return ExitCode::from(1);
    }
    if let Some((_, text)) = texts.iter().find(|(n, _)| *n == UI_STRINGS) {
        if let Err(e) = serde_json::from_str::<std::collections::BTreeMap<String, String>>(text) {
            eprintln!("{UI_STRINGS}: must be one JSON object of strings: {e}");
            return ExitCode::from(1);
        }
    }
    let files: Vec<(&str, &str)> = texts.iter().filter(|(n, _)| *n != UI_STRINGS).map(|(n, t)| (*n, t.as_str())).collect();
    match validate_files(&files) {
        Ok(kb) => {
            println!("the content pack in {} is valid: content version {}, {} causes, {} questions, {} fixes", dir.display(), kb.content_version, kb.causes.len(), kb.questions.len(), kb.fixes.len());
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("the content pack in {} has {} problem(s):", dir.display(), problems.len());
            for p in problems {
                eprintln!("  {p}");
            }
            ExitCode::from(1)
        }
    }
}
