//! Copies the content's data files into OUT_DIR, where `src/knowledge`
//! and `src/ui/text.rs` include them. The content directory is
//! `BACKUP_DOCTOR_CONTENT_DIR` (a support team's pack, see README
//! "Content packs"), by default `src/knowledge/data`. `cargo xtask build
//! --content DIR` validates the pack before building.

use std::path::PathBuf;

/// Every file the app compiles in.
const FILES: &[&str] = &["meta.json", "causes.json", "questions.json", "fixes.json", "codes.json", "reference.json", "sources.json", "history.json", "ui-strings.json"];

fn main() {
    println!("cargo:rerun-if-env-changed=BACKUP_DOCTOR_CONTENT_DIR");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = match std::env::var_os("BACKUP_DOCTOR_CONTENT_DIR").filter(|v| !v.is_empty()) {
        Some(d) => root.join(d),
        None => root.join("src/knowledge/data"),
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("content");
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("cannot create {}: {e}", out.display());
        std::process::exit(1);
    }
    for name in FILES {
        let from = dir.join(name);
        println!("cargo:rerun-if-changed={}", from.display());
        if let Err(e) = std::fs::copy(&from, out.join(name)) {
            eprintln!("the content directory {} has no readable {name} ({e}): a content pack holds all of {}", dir.display(), FILES.join(", "));
            std::process::exit(1);
        }
    }
}
