//! Compiles the content into the app. The content directory is
//! `BACKUP_DOCTOR_CONTENT_DIR` (a support team's pack, see README
//! "Content packs"), by default `src/knowledge/data`.
//!
//! The JSON files stay what writers edit. This script parses and validates
//! them with the app's own model and validator (`src/knowledge/model.rs`
//! and `validate.rs`, included below), so a content error fails the build
//! with the validator's message. It writes the `KnowledgeBase` in the
//! compact binary form of `src/knowledge/binary.rs` to
//! `OUT_DIR/knowledge.bin` (no JSON, no field names, each string once),
//! and `OUT_DIR/content.rs`: the sorted table of
//! interface strings and the list of languages. The files are also copied
//! to `OUT_DIR/content/` for the native tools and tests, which parse them.

#[allow(dead_code)]
#[path = "src/knowledge/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/knowledge/validate.rs"]
mod validate;
#[allow(dead_code)]
#[path = "src/knowledge/lang.rs"]
mod lang;
#[allow(dead_code)]
#[path = "src/knowledge/binary.rs"]
mod binary;

use model::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Every file the app compiles in.
const FILES: &[&str] = &["meta.json", "causes.json", "questions.json", "fixes.json", "codes.json", "reference.json", "sources.json", "history.json", "ui-strings.json"];
const UI_STRINGS: &str = "ui-strings.json";

fn main() {
    if let Err(e) = run() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    println!("cargo:rerun-if-env-changed=BACKUP_DOCTOR_CONTENT_DIR");
    println!("cargo:rerun-if-changed=src/knowledge/model.rs");
    println!("cargo:rerun-if-changed=src/knowledge/validate.rs");
    println!("cargo:rerun-if-changed=src/knowledge/lang.rs");
    println!("cargo:rerun-if-changed=src/knowledge/binary.rs");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = match std::env::var_os("BACKUP_DOCTOR_CONTENT_DIR").filter(|v| !v.is_empty()) {
        Some(d) => root.join(d),
        None => root.join("src/knowledge/data"),
    };
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    compile(&root, &dir, &out_dir)
}

/// Validates the content in `dir` (the translations from `dir/lang`, or
/// those of `root`'s built-in content) and writes what the app compiles
/// in to `out_dir`; the error is the message the build fails with.
/// `tests/build_script.rs` runs it on broken copies of the content.
pub fn compile(root: &std::path::Path, dir: &std::path::Path, out_dir: &std::path::Path) -> Result<(), String> {
    let out = out_dir.join("content");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut texts = Vec::new();
    for name in FILES {
        let from = dir.join(name);
        println!("cargo:rerun-if-changed={}", from.display());
        let text = std::fs::read_to_string(&from)
            .map_err(|e| format!("the content directory {} has no readable {name} ({e}): a content pack holds all of {}", dir.display(), FILES.join(", ")))?;
        std::fs::write(out.join(name), &text).map_err(|e| format!("cannot write {}: {e}", out.join(name).display()))?;
        texts.push((*name, text));
    }
    let (ui, knowledge): (Vec<_>, Vec<_>) = texts.iter().map(|(n, t)| (*n, t.as_str())).partition(|(n, _)| *n == UI_STRINGS);
    let kb = validate::validate_files(&knowledge).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        format!("the content in {} is not valid:\n{}", dir.display(), lines.join("\n"))
    })?;
    let strings: BTreeMap<String, String> = serde_json::from_str(ui.first().map_or("", |(_, t)| *t))
        .map_err(|e| format!("{}: {UI_STRINGS} must hold one JSON object of strings: {e}", dir.display()))?;

    let bin = binary::to_bytes(&kb);
    let bin_file = out_dir.join("knowledge.bin");
    std::fs::write(&bin_file, &bin).map_err(|e| format!("cannot write {}: {e}", bin_file.display()))?;
    let mut code = String::from("// Written by build.rs from the content's JSON files: do not edit.\n\n");
    code.push_str("/// The interface strings, sorted by key.\npub static UI_STRINGS: &[(&str, &str)] = &[\n");
    for (k, v) in &strings {
        let _ = writeln!(code, "    ({k:?}, {v:?}),");
    }
    code.push_str("];\n");
    languages(root, dir, &kb, &strings, out_dir, &mut code)?;
    let target = out_dir.join("content.rs");
    std::fs::write(&target, code).map_err(|e| format!("cannot write {}: {e}", target.display()))
}

/// Checks every translation (a problem fails the build), writes each
/// language's pack to `OUT_DIR/lang/<code>.json` and the list of languages
/// into the generated code. A content pack without a glossary or a `lang`
/// folder uses the built-in ones (a pack that only changes numbers keeps
/// every translation valid).
fn languages(root: &std::path::Path, dir: &std::path::Path, kb: &KnowledgeBase, ui: &BTreeMap<String, String>, out_dir: &std::path::Path, code: &mut String) -> Result<(), String> {
    let default = root.join("src/knowledge/data");
    let pick = |name: &str| if dir.join(name).exists() { dir.join(name) } else { default.join(name) };
    let read = |path: &std::path::Path| {
        println!("cargo:rerun-if-changed={}", path.display());
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let glossary_file = pick("glossary.json");
    #[derive(serde::Deserialize)]
    struct EnglishGlossary {
        labels: Vec<lang::EnglishLabel>,
    }
    let english: EnglishGlossary =
        serde_json::from_str(&read(&glossary_file)?).map_err(|e| format!("{}: not a glossary: {e}", glossary_file.display()))?;
    let lang_dir = pick("lang");
    println!("cargo:rerun-if-changed={}", lang_dir.display());
    let packs = out_dir.join("lang");
    std::fs::create_dir_all(&packs).map_err(|e| format!("cannot create {}: {e}", packs.display()))?;
    let mut listed = vec![("en".to_string(), "English".to_string(), "ltr".to_string(), String::new(), 0usize)];
    let mut problems = Vec::new();
    // Every folder is a language: English first, then by code.
    let mut codes: Vec<String> = match std::fs::read_dir(&lang_dir) {
        Ok(entries) => entries.filter_map(Result::ok).filter(|e| e.path().is_dir()).map(|e| e.file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    codes.sort();
    for code_name in &codes {
        let code_name = code_name.as_str();
        let folder = lang_dir.join(code_name);
        let json = |name: &str| -> Result<String, String> { read(&folder.join(name)) };
        let glossary: lang::Glossary = serde_json::from_str(&json("glossary.json")?).map_err(|e| format!("{}/glossary.json: {e}", folder.display()))?;
        let ui_t: BTreeMap<String, String> = serde_json::from_str(&json("ui.json")?).map_err(|e| format!("{}/ui.json: {e}", folder.display()))?;
        let content: BTreeMap<String, String> = serde_json::from_str(&json("content.json")?).map_err(|e| format!("{}/content.json: {e}", folder.display()))?;
        let t = lang::Translation { code: code_name.to_string(), glossary, ui: ui_t, content };
        let found = lang::check(&t, kb, ui, &english.labels);
        if !found.is_empty() {
            problems.extend(found);
            continue;
        }
        let pack = serde_json::to_string(&lang::pack(&t, kb, ui)).map_err(|e| format!("cannot write the pack of `{code_name}`: {e}"))?;
        let file = format!("lang/{code_name}-{:016x}.json", binary::fnv(pack.as_bytes()));
        let target = packs.join(format!("{code_name}.json"));
        std::fs::write(&target, &pack).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        listed.push((code_name.to_string(), t.glossary.name.clone(), t.glossary.dir.clone(), file, pack.len()));
    }
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        return Err(format!("the translations in {} are not valid:\n{}", lang_dir.display(), lines.join("\n")));
    }
    code.push_str("\n/// The languages shipped: code, own name, direction, the pack's file\n/// (empty for the built-in English) and its size.\npub static LANGS: &[(&str, &str, &str, &str, usize)] = &[\n");
    for (c, name, d, file, len) in &listed {
        let _ = writeln!(code, "    ({c:?}, {name:?}, {d:?}, {file:?}, {len}),");
    }
    let _ = write!(code, "];\n\n/// How many languages the build offers.\npub const LANG_COUNT: usize = {};\n", listed.len());
    code.push_str("\n/// The packs as text (native only: tests and the build's post-step read them).\n#[cfg(not(target_arch = \"wasm32\"))]\npub static PACKS: &[(&str, &str)] = &[\n");
    for (c, ..) in listed.iter().skip(1) {
        let _ = writeln!(code, "    ({c:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/lang/{c}.json\"))),");
    }
    code.push_str("];\n");
    let glossary_copy = out_dir.join("content/glossary.json");
    std::fs::copy(&glossary_file, &glossary_copy).map_err(|e| format!("cannot write {}: {e}", glossary_copy.display()))?;
    Ok(())
}

