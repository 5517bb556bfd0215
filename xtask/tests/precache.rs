//! The precache list generator and the documented headers.

use std::fs;
use std::path::PathBuf;
use xtask::*;

fn temp_build(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bd-precache-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("icons")).unwrap();
    fs::write(dir.join("index.html"), "<html><head><title>x</title></head><body></body></html>").unwrap();
    fs::write(dir.join("backup-doctor-0123456789abcdef.js"), "js").unwrap();
    fs::write(dir.join("backup-doctor-0123456789abcdef_bg.wasm"), [0u8, 97, 115, 109]).unwrap();
    fs::write(dir.join("icons").join("icon-192.png"), "png").unwrap();
    fs::write(dir.join("it's.txt"), "quote").unwrap();
    fs::write(dir.join("sw.js"), fs::read_to_string(project_root().join("static/sw.js")).unwrap()).unwrap();
    dir
}

fn precached(sw: &str) -> Vec<String> {
    let line = sw.lines().find(|l| l.starts_with("const PRECACHE = [")).expect("a PRECACHE line");
    let inner = line.trim_start_matches("const PRECACHE = [").trim_end_matches("];");
    inner.split("', '").map(|s| s.trim_matches('\'').replace("\\'", "'")).collect()
}

#[test]
fn lists_exactly_the_built_files_but_the_service_worker() {
    let dir = temp_build("exact");
    let (id, files) = write_precache(&dir).unwrap();
    let expected = vec![
        "backup-doctor-0123456789abcdef.js",
        "backup-doctor-0123456789abcdef_bg.wasm",
        "icons/icon-192.png",
        "index.html",
        "it's.txt",
    ];
    assert_eq!(files, expected);
    let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
    assert_eq!(precached(&sw), expected);
    assert!(sw.contains(&format!("const BUILD = '{id}';")));
    assert!(!sw.contains("__BD_"), "every placeholder is replaced");
    let index = fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(index.contains(&format!("<meta name=\"backup-doctor-build\" content=\"{id}\"></head>")));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_build_id_changes_with_any_file_and_is_stable_otherwise() {
    let a = temp_build("id-a");
    let b = temp_build("id-b");
    let files = precache_list(&a).unwrap();
    assert_eq!(build_id(&a, &files).unwrap(), build_id(&b, &files).unwrap());
    fs::write(b.join("icons").join("icon-192.png"), "png2").unwrap();
    assert_ne!(build_id(&a, &files).unwrap(), build_id(&b, &files).unwrap());
    fs::remove_dir_all(&a).unwrap();
    fs::remove_dir_all(&b).unwrap();
}

#[test]
fn refuses_to_process_a_service_worker_twice_or_a_folder_without_index() {
    let dir = temp_build("twice");
    write_precache(&dir).unwrap();
    let err = write_precache(&dir).unwrap_err();
    assert!(err.contains("placeholders"), "{err}");
    fs::remove_file(dir.join("index.html")).unwrap();
    let err = write_precache(&dir).unwrap_err();
    assert!(err.contains("no index.html"), "{err}");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_mount_js_that_lost_a_placeholder_fails_the_build() {
    // Say, to a minifier: refused, naming it, rather than shipped without
    // that file's name.
    let dir = temp_build("mount-lost");
    fs::write(dir.join("app-0123456789abcdef.css"), "css").unwrap();
    let template = fs::read_to_string(project_root().join("static/mount.js")).unwrap();
    for placeholder in ["__BD_JS__", "__BD_WASM__", "__BD_CSS__"] {
        fs::write(dir.join("mount.js"), template.replace(placeholder, "")).unwrap();
        let err = write_mount(&dir).unwrap_err();
        assert!(err.contains(placeholder), "{err}");
    }
    fs::write(dir.join("mount.js"), &template).unwrap();
    write_mount(&dir).unwrap();
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_csp_is_the_one_readme_documents() {
    let readme = fs::read_to_string(project_root().join("README.md")).unwrap();
    let documented = readme
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .expect("README.md documents the Content-Security-Policy header");
    assert_eq!(documented, CSP.trim());
    assert!(CSP.contains("script-src 'self' 'wasm-unsafe-eval'"));
    assert!(!CSP.contains("unsafe-inline"));
}

#[test]
fn size_table_totals_every_row_and_the_first_load() {
    let rows = vec![
        FileSize { path: "app-1_bg.wasm".into(), raw: 100, gzip: 40, brotli: Some(30) },
        FileSize { path: "index.html".into(), raw: 20, gzip: 8, brotli: Some(6) },
        FileSize { path: "embed.js".into(), raw: 10, gzip: 5, brotli: Some(4) },
    ];
    let table = size_table(&rows);
    assert!(table.contains("| app-1_bg.wasm | 100 | 40 | 30 |"));
    assert!(table.contains("JS glue, wasm) | **120** | **48** | **36** |"), "{table}");
    assert!(table.contains("| **total** | **130** | **53** | **40** |"));
    let unknown = size_table(&[FileSize { path: "a.js".into(), raw: 1, gzip: 1, brotli: None }]);
    assert!(unknown.contains("| **total** | **1** | **1** | **-** |"), "no brotli copy, no brotli total");
    assert!(gzip_len(&[b'a'; 1000]) < 100, "gzip compresses");
}

#[test]
fn precompressed_copies_are_neither_precached_nor_counted() {
    let dir = std::env::temp_dir().join(format!("bd-precompressed-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    for f in ["index.html", "index.html.gz", "index.html.br", "sw.js"] {
        fs::write(dir.join(f), "x").unwrap();
    }
    assert_eq!(precache_list(&dir).unwrap(), vec!["index.html"]);
    let rows = sizes(&dir).unwrap();
    assert_eq!(rows.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(), vec!["index.html", "sw.js"]);
    assert_eq!(rows[0].brotli, Some(1));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn reads_the_locked_wasm_bindgen_version() {
    let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
    assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
    assert_eq!(locked_version(lock, "yew"), None);
    let real = fs::read_to_string(project_root().join("Cargo.lock")).unwrap();
    assert!(locked_version(&real, "wasm-bindgen").is_some());
}

#[test]
fn mount_js_gets_this_builds_hashed_names() {
    let dir = temp_build("mount");
    fs::write(dir.join("app-00112233aabbccdd.css"), "css").unwrap();
    fs::write(dir.join("loader.js"), "loader").unwrap();
    fs::write(dir.join("mount.js"), fs::read_to_string(project_root().join("static/mount.js")).unwrap()).unwrap();
    let (_, files) = write_precache(&dir).unwrap();
    let mount = fs::read_to_string(dir.join("mount.js")).unwrap();
    assert!(mount.contains("const JS = 'backup-doctor-0123456789abcdef.js';"));
    assert!(mount.contains("const WASM = 'backup-doctor-0123456789abcdef_bg.wasm';"));
    assert!(mount.contains("const CSS = 'app-00112233aabbccdd.css';"));
    assert!(!mount.contains("__BD_"));
    assert!(files.contains(&"mount.js".to_string()), "mount.js is precached too");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn language_packs_and_screens_are_mapped_not_precached() {
    let dir = temp_build("langs");
    fs::create_dir_all(dir.join("lang")).unwrap();
    for f in ["fr-0123abcd.json", "fr-89abcdef.html", "pt-BR-0a1b2c3d.json", "pt-BR-4e5f6a7b.html"] {
        fs::write(dir.join("lang").join(f), "x").unwrap();
    }
    let (_, files) = write_precache(&dir).unwrap();
    assert!(files.iter().all(|f| !f.starts_with("lang/")), "{files:?}");
    let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
    assert!(sw.contains(r#"const LANGS = {"fr": "lang/fr-0123abcd.json", "pt-BR": "lang/pt-BR-0a1b2c3d.json"};"#), "{sw}");
    assert!(sw.contains(r#"const SCREENS = {"fr": "lang/fr-89abcdef.html", "pt-BR": "lang/pt-BR-4e5f6a7b.html"};"#), "{sw}");
    fs::remove_dir_all(&dir).unwrap();
}
