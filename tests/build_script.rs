//! The build script (`build.rs`) itself, run on copies of the content:
//! the shipped content compiles to exactly what the app carries, and a
//! content or translation error fails the build with the validator's
//! message, naming the file and the entry.

#[allow(dead_code)]
#[path = "../build.rs"]
mod build_script;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh directory under the target directory, for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("build-script-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the built-in content with `edit` applied to one file's text.
fn broken(name: &str, file: &str, edit: impl Fn(&str) -> String) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let content = dir.join("content");
    copy_dir(&root().join("src/knowledge/data"), &content);
    let path = content.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = edit(&text);
    assert_ne!(changed, text, "the edit must change {file}");
    std::fs::write(&path, changed).unwrap();
    (content, dir.join("out"))
}

#[test]
fn the_shipped_content_compiles_to_what_the_app_carries() {
    let out = scratch("shipped");
    build_script::compile(&root(), &root().join("src/knowledge/data"), &out).expect("the shipped content is valid");
    assert_eq!(std::fs::read(out.join("knowledge.bin")).unwrap(), backup_doctor::knowledge::COMPILED);
}

#[test]
fn an_unknown_cause_fails_the_build_with_the_validators_message() {
    let (content, out) = broken("unknown-cause", "codes.json", |t| t.replacen("\"cause\": \"not-enough-icloud-storage\"", "\"cause\": \"no-such-cause\"", 1));
    let message = build_script::compile(&root(), &content, &out).unwrap_err();
    assert!(message.contains("is not valid"), "{message}");
    assert!(message.contains("codes.json"), "names the file: {message}");
    assert!(message.contains("9006"), "names the entry: {message}");
    assert!(message.contains("the cause `no-such-cause` does not exist"), "{message}");
    assert!(!out.join("knowledge.bin").exists(), "nothing is written for invalid content");
}

#[test]
fn broken_json_fails_the_build_naming_the_file() {
    let (content, out) = broken("broken-json", "fixes.json", |t| t.replacen('{', "{,", 1));
    let message = build_script::compile(&root(), &content, &out).unwrap_err();
    assert!(message.contains("fixes.json") && message.contains("not valid JSON"), "{message}");
}

#[test]
fn a_missing_file_fails_the_build_naming_it() {
    let dir = scratch("missing-file");
    let content = dir.join("content");
    copy_dir(&root().join("src/knowledge/data"), &content);
    std::fs::remove_file(content.join("questions.json")).unwrap();
    let message = build_script::compile(&root(), &content, &dir.join("out")).unwrap_err();
    assert!(message.contains("no readable questions.json"), "{message}");
}

#[test]
fn a_broken_translation_fails_the_build_naming_the_language_and_the_key() {
    let (content, out) = broken("broken-translation", "lang/de/ui.json", |t| t.replacen("Schritt {step}: {heading}", "Schritt {schritt}: {heading}", 1));
    let message = build_script::compile(&root(), &content, &out).unwrap_err();
    assert!(message.contains("translations") && message.contains("not valid"), "{message}");
    assert!(message.contains("check.announce"), "names the key: {message}");
    assert!(message.contains("placeholders"), "says what is wrong: {message}");
}
