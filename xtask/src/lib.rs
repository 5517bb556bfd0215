//! The parts of xtask that are worth testing on their own: the service
//! worker's precache list, the size report, and the pinned tool versions.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// The Content-Security-Policy every server of ours sends, and the README
/// documents. One file, read by the Rust tests and the node static server.
pub const CSP: &str = include_str!("../csp.txt");

/// The trunk version the build is pinned to (also in Trunk.toml).
pub const TRUNK_VERSION: &str = "0.21.14";

/// The service worker file: unhashed, never precached itself.
pub const SERVICE_WORKER: &str = "sw.js";

/// Every file below `dir`, as sorted '/'-separated relative paths.
pub fn list_files(dir: &Path) -> io::Result<Vec<String>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                walk(root, &path, out)?;
            } else if let Ok(rel) = path.strip_prefix(root) {
                let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                out.push(parts.join("/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// The files the service worker must precache: every built file but the
/// service worker itself.
pub fn precache_list(dir: &Path) -> io::Result<Vec<String>> {
    Ok(list_files(dir)?.into_iter().filter(|f| f != SERVICE_WORKER).collect())
}

/// A 64-bit FNV-1a hash: small, deterministic across machines and Rust
/// versions (std's hasher promises neither).
fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= u64::from(*b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

/// The build id: a hash of every precached file's name and contents, so
/// that any change to the build names a new cache.
pub fn build_id(dir: &Path, files: &[String]) -> io::Result<String> {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for file in files {
        fnv1a(&mut hash, file.as_bytes());
        fnv1a(&mut hash, &[0]);
        fnv1a(&mut hash, &fs::read(dir.join(file))?);
    }
    Ok(format!("{hash:016x}"))
}

const PRECACHE_PLACEHOLDER: &str = "'__BD_PRECACHE__'";
const BUILD_PLACEHOLDER: &str = "__BD_BUILD_ID__";
const BUILD_META: &str = "backup-doctor-build";

/// Writes this build's hashed file names into `dir/mount.js` (a copy of
/// static/mount.js), which portals import to mount the app. A build
/// without mount.js is left alone.
pub fn write_mount(dir: &Path) -> Result<(), String> {
    let path = dir.join("mount.js");
    let Ok(template) = fs::read_to_string(&path) else { return Ok(()) };
    if !template.contains("__BD_JS__") {
        return Err(format!("{} has no placeholders left: was it processed twice?", path.display()));
    }
    let files = list_files(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let find = |pred: &dyn Fn(&str) -> bool, what: &str| {
        files.iter().find(|f| !f.contains('/') && pred(f)).cloned().ok_or_else(|| format!("the build has no {what}"))
    };
    let js = find(&|f| f.starts_with("backup-doctor-") && f.ends_with(".js"), "wasm-bindgen JS")?;
    let wasm = find(&|f| f.ends_with("_bg.wasm"), "wasm file")?;
    let css = find(&|f| f.starts_with("app-") && f.ends_with(".css"), "stylesheet")?;
    let out = template.replace("__BD_JS__", &js).replace("__BD_WASM__", &wasm).replace("__BD_CSS__", &css);
    fs::write(&path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes the build id and the precache list into `dir/sw.js` (a copy of
/// static/sw.js) and the build id into `dir/index.html`. Returns the id.
pub fn write_precache(dir: &Path) -> Result<(String, Vec<String>), String> {
    write_mount(dir)?;
    let files = precache_list(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    if !files.iter().any(|f| f == "index.html") {
        return Err(format!("{} has no index.html: is it a build folder?", dir.display()));
    }
    let id = build_id(dir, &files).map_err(|e| format!("cannot read the built files: {e}"))?;

    let sw_path = dir.join(SERVICE_WORKER);
    let sw = fs::read_to_string(&sw_path).map_err(|e| format!("cannot read {}: {e}", sw_path.display()))?;
    if !sw.contains(PRECACHE_PLACEHOLDER) || !sw.contains(BUILD_PLACEHOLDER) {
        return Err(format!("{} has no placeholders left: was it processed twice?", sw_path.display()));
    }
    let list = files.iter().map(|f| format!("'{}'", f.replace('\\', "\\\\").replace('\'', "\\'"))).collect::<Vec<_>>().join(", ");
    let sw = sw.replace(PRECACHE_PLACEHOLDER, &list).replace(BUILD_PLACEHOLDER, &id);
    fs::write(&sw_path, sw).map_err(|e| format!("cannot write {}: {e}", sw_path.display()))?;

    let index_path = dir.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|e| format!("cannot read {}: {e}", index_path.display()))?;
    let meta = format!("<meta name=\"{BUILD_META}\" content=\"{id}\">");
    let index = match index.find("</head>") {
        Some(at) => format!("{}{meta}{}", &index[..at], &index[at..]),
        None => return Err(format!("{} has no </head>", index_path.display())),
    };
    fs::write(&index_path, index).map_err(|e| format!("cannot write {}: {e}", index_path.display()))?;
    Ok((id, files))
}

/// One row of the size report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSize {
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
}

/// The gzip size at the best compression, as a static host would serve it.
pub fn gzip_len(bytes: &[u8]) -> u64 {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len() as u64).unwrap_or(0)
}

pub fn sizes(dir: &Path) -> io::Result<Vec<FileSize>> {
    list_files(dir)?
        .into_iter()
        .map(|path| {
            let bytes = fs::read(dir.join(&path))?;
            Ok(FileSize { raw: bytes.len() as u64, gzip: gzip_len(&bytes), path })
        })
        .collect()
}

/// The size report as a Markdown table, with a total row.
pub fn size_table(rows: &[FileSize]) -> String {
    let mut out = String::from("| file | raw bytes | gzip bytes |\n|---|---:|---:|\n");
    for r in rows {
        let _ = writeln!(out, "| {} | {} | {} |", r.path, r.raw, r.gzip);
    }
    let raw: u64 = rows.iter().map(|r| r.raw).sum();
    let gz: u64 = rows.iter().map(|r| r.gzip).sum();
    let _ = writeln!(out, "| **total** | **{raw}** | **{gz}** |");
    out
}

/// The wasm-bindgen version Cargo.lock pins: the CLI must match it exactly.
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let needle = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == needle {
            let version = lines.next()?.trim();
            return version.strip_prefix("version = \"")?.strip_suffix('"').map(str::to_string);
        }
    }
    None
}

/// The repository root (the folder above xtask/).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}
