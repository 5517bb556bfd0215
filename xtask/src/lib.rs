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

/// The precompressed copies beside the built files (`x.js.gz`, `x.js.br`),
/// for hosts that serve them: never precached or counted as files.
pub fn is_precompressed(path: &str) -> bool {
    path.ends_with(".gz") || path.ends_with(".br")
}

/// The files the service worker must precache: every built file but the
/// service worker itself and the precompressed copies.
pub fn precache_list(dir: &Path) -> io::Result<Vec<String>> {
    Ok(list_files(dir)?.into_iter().filter(|f| f != SERVICE_WORKER && !is_precompressed(f) && !is_language_pack(f)).collect())
}

/// A language's pack (`lang/<code>-<hash>.json`) or its pre-rendered
/// screens (`lang/<code>-<hash>.html`): fetched by those who use that
/// language, not precached for everyone.
pub fn is_language_pack(path: &str) -> bool {
    path.starts_with("lang/") && (path.ends_with(".json") || path.ends_with(".html"))
}

/// The language files in `dir` whose names end in `ext` (`.json`, the
/// packs; `.html`, the screens) as a JS object literal, code to file.
fn language_map(dir: &Path, ext: &str) -> io::Result<String> {
    let mut entries = Vec::new();
    for f in list_files(dir)?.into_iter().filter(|f| is_language_pack(f) && f.ends_with(ext)) {
        let name = f.trim_start_matches("lang/").trim_end_matches(ext);
        if let Some((code, _hash)) = name.rsplit_once('-') {
            entries.push(format!("{code:?}: {f:?}"));
        }
    }
    Ok(format!("{{{}}}", entries.join(", ")))
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
const LANGS_PLACEHOLDER: &str = "'__BD_LANGS__'";
const SCREENS_PLACEHOLDER: &str = "'__BD_SCREENS__'";
const BUILD_META: &str = "backup-doctor-build";

/// The first of `placeholders` that `template` no longer holds: a file
/// processed twice, or one a minifier changed.
fn missing_placeholder<'p>(template: &str, placeholders: &[&'p str]) -> Option<&'p str> {
    placeholders.iter().copied().find(|p| !template.contains(p))
}

/// Writes this build's hashed file names into `dir/mount.js` (a copy of
/// static/mount.js), which portals import to mount the app. A build
/// without mount.js is left alone.
pub fn write_mount(dir: &Path) -> Result<(), String> {
    let path = dir.join("mount.js");
    let Ok(template) = fs::read_to_string(&path) else { return Ok(()) };
    if let Some(gone) = missing_placeholder(&template, &["__BD_JS__", "__BD_WASM__", "__BD_CSS__"]) {
        return Err(format!("{} has no {gone} placeholder: was it processed twice, or did minifying lose it?", path.display()));
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
    if missing_placeholder(&sw, &[PRECACHE_PLACEHOLDER, BUILD_PLACEHOLDER]).is_some() {
        return Err(format!("{} has no placeholders left: was it processed twice?", sw_path.display()));
    }
    let list = files.iter().map(|f| format!("'{}'", f.replace('\\', "\\\\").replace('\'', "\\'"))).collect::<Vec<_>>().join(", ");
    let langs = language_map(dir, ".json").map_err(|e| format!("cannot list the language packs: {e}"))?;
    let screens = language_map(dir, ".html").map_err(|e| format!("cannot list the languages' screens: {e}"))?;
    let sw = sw
        .replace(PRECACHE_PLACEHOLDER, &list)
        .replace(BUILD_PLACEHOLDER, &id)
        .replace(LANGS_PLACEHOLDER, &langs)
        .replace(SCREENS_PLACEHOLDER, &screens);
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
    /// The size of the `.br` copy beside it, when the build wrote one.
    pub brotli: Option<u64>,
}

/// The files a first visit loads before the app runs: the page, its
/// scripts, the stylesheet, wasm-bindgen's glue and the wasm.
pub fn is_first_load(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "index.html"
        || name == "boot.js"
        || name == "loader.js"
        || name.ends_with(".css")
        || name.ends_with("_bg.wasm")
        || (name.starts_with("backup-doctor-") && name.ends_with(".js"))
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
        .filter(|path| !is_precompressed(path))
        .map(|path| {
            let bytes = fs::read(dir.join(&path))?;
            let brotli = fs::metadata(dir.join(format!("{path}.br"))).ok().map(|m| m.len());
            Ok(FileSize { raw: bytes.len() as u64, gzip: gzip_len(&bytes), brotli, path })
        })
        .collect()
}

/// The size report as a Markdown table, with a total row.
pub fn size_table(rows: &[FileSize]) -> String {
    let br = |b: Option<u64>| b.map_or_else(|| "-".to_string(), |b| b.to_string());
    let mut out = String::from("| file | raw bytes | gzip -9 bytes | brotli bytes |\n|---|---:|---:|---:|\n");
    for r in rows {
        let _ = writeln!(out, "| {} | {} | {} | {} |", r.path, r.raw, r.gzip, br(r.brotli));
    }
    let sum = |rows: &mut dyn Iterator<Item = &FileSize>| {
        rows.fold((0, 0, Some(0)), |(raw, gz, b): (u64, u64, Option<u64>), r| (raw + r.raw, gz + r.gzip, b.zip(r.brotli).map(|(a, c)| a + c)))
    };
    let (raw, gz, b) = sum(&mut rows.iter().filter(|r| is_first_load(&r.path)));
    let _ = writeln!(out, "| **first load** (index.html, boot.js, loader.js, CSS, JS glue, wasm) | **{raw}** | **{gz}** | **{}** |", br(b));
    let (raw, gz, b) = sum(&mut rows.iter());
    let _ = writeln!(out, "| **total** | **{raw}** | **{gz}** | **{}** |", br(b));
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

/// The twiggy version `cargo xtask twiggy` installs when it is missing.
pub const TWIGGY_VERSION: &str = "0.8.0";

/// The crate a demangled wasm function name belongs to: the first path
/// segment of the type or function (`<serde_json::de::Deserializer<R> as
/// serde::Deserializer>::deserialize_any` is serde_json's). Names without
/// a path (data segments, wasm-bindgen's shims, the table) keep a kind.
pub fn crate_of(name: &str) -> String {
    if name.starts_with("data[") || name.starts_with("data segment") {
        return "(data segments: strings, tables)".into();
    }
    if name.starts_with("custom section") || name.ends_with("subsection") || name.contains("__wbindgen_describe") {
        return CUSTOM_SECTIONS.into();
    }
    let mut s = name.trim();
    loop {
        let before = s;
        for prefix in ["<", "&", "mut ", "dyn ", "*const ", "*mut ", "["] {
            s = s.strip_prefix(prefix).unwrap_or(s);
        }
        if s == before {
            break;
        }
    }
    // std's crates carry a hash: `core[c5930c85a12de822]::fmt`.
    let first = s.find("::").map(|i| &s[..i]).map(|seg| seg.split('[').next().unwrap_or(seg));
    match first {
        Some(seg) if !seg.is_empty() && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => seg.to_string(),
        _ if name.contains("wasm-bindgen") || name.starts_with("__wbg") || name.starts_with("__wbindgen") => "wasm-bindgen".into(),
        _ => "(other: shims, tables, unnamed)".into(),
    }
}

/// Names, wasm-bindgen's descriptors and metadata, other custom sections:
/// in the wasm rustc writes, gone from the one that ships.
pub const CUSTOM_SECTIONS: &str = "(names, wasm-bindgen's descriptors and metadata: not shipped)";

/// Splits one line of twiggy's CSV output (fields with commas are quoted).
pub fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().map(|f| f.push('"'));
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => {
                fields.last_mut().map(|f| f.push(c));
            }
        }
    }
    fields
}

/// Sums `twiggy top --format csv` (Name, ShallowSize, ShallowSizePercent)
/// by crate, largest first.
pub fn bytes_by_crate(csv: &str) -> Vec<(String, u64)> {
    let mut sums: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for line in csv.lines().filter(|l| !l.starts_with("Name,")) {
        let fields = csv_fields(line);
        let (Some(name), Some(size)) = (fields.first(), fields.get(1).and_then(|s| s.trim().parse::<u64>().ok())) else { continue };
        *sums.entry(crate_of(name)).or_default() += size;
    }
    let mut rows: Vec<(String, u64)> = sums.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

/// The table of [`bytes_by_crate`], with each crate's share.
/// Shares are of the code and data, without the custom sections.
pub fn crate_table(rows: &[(String, u64)]) -> String {
    let total: u64 = rows.iter().filter(|r| r.0 != CUSTOM_SECTIONS).map(|r| r.1).sum();
    let mut out = String::from("| crate | bytes | share |\n|---|---:|---:|\n");
    for (name, bytes) in rows.iter().filter(|r| r.0 != CUSTOM_SECTIONS) {
        let _ = writeln!(out, "| {name} | {bytes} | {:.1}% |", *bytes as f64 * 100.0 / total.max(1) as f64);
    }
    let _ = writeln!(out, "| **code and data** | **{total}** | |");
    if let Some((_, custom)) = rows.iter().find(|r| r.0 == CUSTOM_SECTIONS) {
        let _ = writeln!(out, "| {CUSTOM_SECTIONS} | {custom} | |");
    }
    out
}
