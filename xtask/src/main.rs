//! `cargo xtask <command>`: the project's only entry points.
//!
//! - `serve [--port N] [--release]`: set up, build, serve on 127.0.0.1.
//! - `test`: set up (with Chromium), run native tests, build the release
//!   `dist/`, serve it on a free loopback port, run the browser tests.
//! - `build [--release]`, `size`, `scenarios [DIR]`, `bench`, `setup`.
//! - `--content DIR` (build, serve, test): build with a content pack,
//!   validated first; `learn FILES…` writes one from outcome records;
//!   `bench-learn` measures how much learning closes the gap to the truth.
//! - `precache [--dir D]`: run by Trunk's post-build hook.
//! - `bench-web`: Lighthouse on the release build and on the floor app.
//! - `twiggy`: where the wasm's bytes go, by crate.
//! - `post-build`: run by Trunk's post-build hook (minify the glue and the
//!   scripts, pre-render, precache list, minify sw.js, precompressed
//!   copies); `precache [--dir D]`.
//!
//! Every install is skipped when the tool is already there at the right
//! version, so a second run starts building within seconds.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use xtask::*;

const HELP: &str = "\
cargo xtask <command>

  serve [--port N] [--release] [--content DIR]
                                set everything up, build, serve on http://127.0.0.1:8080
  test [--content DIR]          set everything up, run every test (native and browser)
  build [--release] [--content DIR]
                                set up and build dist/ (with a content pack: validated first)
  size                          raw and gzip size of every file in dist/
  scenarios [DIR]               play the support scenarios (default tests/scenarios/)
  bench                         engine benchmark, writes target/bench/engine.json
  learn OUTCOMES.jsonl… [--strength N] [--out DIR] [--content DIR]
                                learn from outcome records: a content pack and a report in DIR
                                (default target/learned/)
  bench-learn                   learning benchmark, writes target/bench/learn.json
  bench-web                     Lighthouse x3 on the app and the empty Yew app, writes target/bench/web.json
  twiggy                        the wasm's bytes by crate (installs twiggy when missing)
  setup [--browser]             install the missing tools only
  post-build                    Trunk's post-build steps on its staging folder (Trunk runs this)
  precache [--dir D]            write the service worker's file list";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().collect();
    // The first argument is the program itself.
    let Some((command, rest)) = args.get(1..).unwrap_or(&[]).split_first() else {
        println!("{HELP}");
        return ExitCode::SUCCESS;
    };
    let result = match command.as_str() {
        "serve" => serve(rest),
        "test" => content_option(rest).and_then(|content| test(content.as_deref())),
        "build" => content_option(rest).and_then(|content| {
            setup(false)?;
            build(rest.iter().any(|a| a == "--release"), content.as_deref(), "dist")
        }),
        "size" => size(),
        "scenarios" => scenarios(rest),
        "bench" => bench(),
        "learn" => example("learn", rest),
        "bench-learn" => example("bench_learn", rest),
        "bench-web" => bench_web(),
        "twiggy" => twiggy(),
        "setup" => setup(rest.iter().any(|a| a == "--browser")),
        "precache" => precache(rest),
        "post-build" => post_build(),
        "help" | "--help" | "-h" => {
            println!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    project_root()
}

/// PATH with the project's npm tools (wasm-opt) and cargo's bin first.
fn tool_path() -> OsString {
    let mut dirs = vec![root().join("node_modules").join(".bin")];
    if let Some(home) = env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo"))) {
        dirs.push(home.join("bin"));
    }
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path));
    }
    env::join_paths(dirs).unwrap_or_default()
}

fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", tool_path());
    c
}

/// Runs a command to completion; `what` names the step in the error.
fn run(mut c: Command, what: &str) -> Result {
    match c.status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("{what} failed ({s})")),
        Err(e) => Err(format!("{what}: could not start `{:?}`: {e}", c.get_program())),
    }
}

/// The first line a command prints, or None when it cannot run.
fn version_of(program: &str, arg: &str) -> Option<String> {
    let out = cmd(program).arg(arg).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("").trim().to_string())
}

fn step(message: &str) {
    println!("xtask: {message}");
}

/// Installs whatever is missing. `browser` adds Debian's Chromium.
fn setup(browser: bool) -> Result {
    // 1. The wasm target.
    let targets = cmd("rustup").args(["target", "list", "--installed"]).output().map_err(|e| {
        format!("rustup is needed to add the wasm32 target ({e}). Install Rust with rustup, then run `rustup target add wasm32-unknown-unknown`.")
    })?;
    if !String::from_utf8_lossy(&targets.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        step("installing the wasm32-unknown-unknown target");
        let mut c = cmd("rustup");
        c.args(["target", "add", "wasm32-unknown-unknown"]);
        run(c, "installing the wasm target (by hand: `rustup target add wasm32-unknown-unknown`)")?;
    }

    // 2. trunk, pinned.
    let want = format!("trunk {TRUNK_VERSION}");
    if version_of("trunk", "--version").as_deref() != Some(want.as_str()) {
        step(&format!("installing {want} (about 9 minutes, once)"));
        let mut c = cmd("cargo");
        c.args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]);
        run(c, &format!("installing trunk (by hand: `cargo install --locked trunk --version {TRUNK_VERSION}`)"))?;
    }

    // 3. wasm-bindgen-cli at exactly Cargo.lock's version.
    let lock = fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let wbg = locked_version(&lock, "wasm-bindgen").ok_or("Cargo.lock has no wasm-bindgen entry")?;
    let want = format!("wasm-bindgen {wbg}");
    if version_of("wasm-bindgen", "--version").as_deref() != Some(want.as_str()) {
        step(&format!("installing wasm-bindgen-cli {wbg} (about 3 minutes, once)"));
        let mut c = cmd("cargo");
        // `--locked` fails here: one of its pinned dependencies is not in the index.
        c.args(["install", "wasm-bindgen-cli", "--version", &wbg]);
        run(c, &format!("installing wasm-bindgen-cli (by hand: `cargo install wasm-bindgen-cli --version {wbg}`)"))?;
    }

    // 4. npm devDependencies (wasm-opt, playwright-core, axe-core) from package-lock.json.
    if !npm_deps_installed() {
        step("installing the npm devDependencies from package-lock.json");
        let mut c = cmd("npm");
        c.args(["ci", "--no-audit", "--no-fund"]);
        run(c, "npm ci (by hand: `npm ci` in the project folder; needs Node.js 20 and npm)")?;
    }

    // 5. The crates, so that the offline build finds them.
    let stamp = root().join("target").join(".xtask-fetched");
    if fs::read_to_string(&stamp).ok().as_deref() != Some(lock.as_str()) {
        step("fetching crates");
        let mut c = cmd("cargo");
        c.args(["fetch", "--locked"]);
        run(c, "cargo fetch --locked")?;
        let _ = fs::create_dir_all(root().join("target"));
        let _ = fs::write(&stamp, &lock);
    }

    if browser {
        setup_browser()?;
    }
    Ok(())
}

/// True when every devDependency of package.json is in node_modules at the
/// version package-lock.json pins.
fn npm_deps_installed() -> bool {
    let Ok(lock) = fs::read_to_string(root().join("package-lock.json")) else { return false };
    let Ok(pkg) = fs::read_to_string(root().join("package.json")) else { return false };
    // package.json pins exact versions: "name": "1.2.3".
    let Some(start) = pkg.find("\"devDependencies\"") else { return false };
    let Some(open) = pkg[start..].find('{') else { return false };
    let Some(close) = pkg[start + open..].find('}') else { return false };
    let deps = &pkg[start + open + 1..start + open + close];
    deps.split(',').filter_map(|pair| {
        let mut parts = pair.split(':').map(|s| s.trim().trim_matches('"'));
        Some((parts.next()?.to_string(), parts.next()?.to_string()))
    })
    .all(|(name, version)| {
        let installed = fs::read_to_string(root().join("node_modules").join(&name).join("package.json")).unwrap_or_default();
        lock.contains(&format!("\"node_modules/{name}\"")) && installed.contains(&format!("\"version\": \"{version}\""))
    })
}

/// A Japanese font, so that the Japanese screens the browser tests measure
/// and photograph have real glyphs (Debian's chromium brings none).
const JAPANESE_FONT: &str = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf";

fn setup_browser() -> Result {
    let mut missing = Vec::new();
    if !Path::new("/usr/bin/chromium").exists() {
        missing.push("chromium");
    }
    if !Path::new(JAPANESE_FONT).exists() {
        missing.push("fonts-ipafont-gothic");
    }
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    let is_root = cmd("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false);
    if !is_root {
        return Err(format!("the browser tests need Debian's {list}. Install with:\n    sudo apt-get update && sudo apt-get install -y {list}\nthen run `cargo xtask test` again."));
    }
    step(&format!("installing Debian's {list} (about a minute, once)"));
    let mut c = cmd("apt-get");
    c.arg("update");
    run(c, &format!("apt-get update (by hand: `apt-get update && apt-get install -y {list}`)"))?;
    let mut c = cmd("apt-get");
    c.args(["install", "-y", "--no-install-recommends"]).args(&missing).env("DEBIAN_FRONTEND", "noninteractive");
    run(c, &format!("installing {list} (by hand: `apt-get install -y {list}`)"))
}

/// The environment variable build.rs reads the content directory from.
const CONTENT_DIR_VAR: &str = "BACKUP_DOCTOR_CONTENT_DIR";

/// `--content DIR`, made absolute and validated (the pack's problems are
/// listed, file by file, before anything is built).
fn content_option(args: &[String]) -> Result<Option<PathBuf>> {
    let Some(dir) = flag_value(args, "--content") else {
        if args.iter().any(|a| a == "--content") {
            return Err("--content needs a directory".into());
        }
        return Ok(None);
    };
    let dir = env::current_dir().map(|d| d.join(&dir)).unwrap_or_else(|_| PathBuf::from(&dir));
    let dir = dir.canonicalize().map_err(|e| format!("the content directory {} cannot be read: {e}", dir.display()))?;
    check_content(&dir)?;
    Ok(Some(dir))
}

fn check_content(dir: &Path) -> Result {
    step(&format!("validating the content pack in {}", dir.display()));
    let mut c = cmd("cargo");
    c.args(["run", "--quiet", "--locked", "--profile", "xtask", "--example", "check_content", "--"]).arg(dir);
    run(c, "the content pack's validation")
}

fn build(release: bool, content: Option<&Path>, dist: &str) -> Result {
    let what = match content {
        Some(dir) => format!(" with the content in {}", dir.display()),
        None => String::new(),
    };
    step(&format!("building the {}{dist}/{what}", if release { "release " } else { "" }));
    let mut c = cmd("trunk");
    c.args(["build", "--dist", dist]);
    if release {
        c.arg("--release");
    }
    match content {
        Some(dir) => c.env(CONTENT_DIR_VAR, dir),
        None => c.env_remove(CONTENT_DIR_VAR),
    };
    run(c, "trunk build")
}

fn flag_value(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn static_server(dir: &Path, port: &str) -> Result<(Child, String)> {
    let mut child = cmd("node")
        .arg(root().join("xtask").join("static-server.mjs"))
        .args(["--dir".as_ref(), dir.as_os_str(), "--port".as_ref(), port.as_ref()])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the static server with node: {e}"))?;
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let url = line.trim().strip_prefix("listening ").map(str::to_string);
    match url {
        Some(url) => Ok((child, url)),
        None => {
            let _ = child.kill();
            Err(format!("the static server did not start (it said: {line:?}); is port {port} free?"))
        }
    }
}

fn serve(args: &[String]) -> Result {
    let port = flag_value(args, "--port").unwrap_or_else(|| "8080".into());
    if port.parse::<u16>().is_err() {
        return Err(format!("--port takes a number from 0 to 65535, not `{port}`"));
    }
    let content = content_option(args)?;
    setup(false)?;
    build(args.iter().any(|a| a == "--release"), content.as_deref(), "dist")?;
    let (mut child, url) = static_server(&root().join("dist"), &port)?;
    println!("\nBackup Doctor is running at {url}\nPress Ctrl+C to stop.\n");
    child.wait().map_err(|e| format!("static server: {e}"))?;
    Ok(())
}

/// The outcome records the browser tests' learned pack is made from.
const PACK_FIXTURE: &str = "tests/packs/outcomes.jsonl";

fn test(content: Option<&Path>) -> Result {
    setup(true)?;
    let mut failures = Vec::new();

    step("native tests: cargo test --workspace");
    let mut c = cmd("cargo");
    c.args(["test", "--workspace", "--locked"]);
    if let Some(dir) = content {
        c.env(CONTENT_DIR_VAR, dir);
    }
    if let Err(e) = run(c, "native tests") {
        failures.push(e);
    }

    step("scenarios");
    if let Err(e) = scenarios(&[]) {
        failures.push(e);
    }

    if let Err(e) = build(true, content, "dist") {
        failures.push(e);
        return Err(failures.join("; "));
    }
    // A pack learned from the fixture's outcome records, built as a second
    // app: the browser tests check that its learned numbers are what runs.
    let pack = root().join("target").join("test-pack");
    let pack_built = example("learn", &[PACK_FIXTURE.into(), "--out".into(), pack.to_string_lossy().into_owned(), "--people".into(), "0".into()])
        .and_then(|_| check_content(&pack))
        .and_then(|_| build(true, Some(&pack), "dist-pack"));
    if let Err(e) = pack_built {
        failures.push(e);
        return Err(failures.join("; "));
    }
    let dist = root().join("dist");
    let (mut server, url) = match static_server(&dist, "0") {
        Ok(s) => s,
        Err(e) => {
            failures.push(e);
            return Err(failures.join("; "));
        }
    };
    let (mut pack_server, pack_url) = match static_server(&root().join("dist-pack"), "0") {
        Ok(s) => s,
        Err(e) => {
            let _ = server.kill();
            failures.push(e);
            return Err(failures.join("; "));
        }
    };
    step(&format!("browser tests against {url} (and the learned pack at {pack_url})"));
    let mut c = cmd("node");
    c.args(["--test", "--test-concurrency=1"])
        .arg(root().join("tests").join("e2e"))
        .env("BD_BASE_URL", &url)
        .env("BD_PACK_URL", &pack_url)
        .env("BD_DIST", &dist);
    let browser = run(c, "browser tests");
    let _ = server.kill();
    let _ = pack_server.kill();
    if let Err(e) = browser {
        failures.push(e);
    }

    if failures.is_empty() {
        step("all tests passed");
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

fn size() -> Result {
    let dist = root().join("dist");
    let rows = sizes(&dist).map_err(|e| format!("cannot read {}: {e} (run `cargo xtask build --release` first)", dist.display()))?;
    print!("{}", size_table(&rows));
    Ok(())
}

fn precache(args: &[String]) -> Result {
    let dir = flag_value(args, "--dir").map(PathBuf::from).or_else(|| env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from)).unwrap_or_else(|| root().join("dist"));
    let (id, files) = write_precache(&dir)?;
    println!("xtask: service worker build {id}: {} files precached", files.len());
    Ok(())
}

/// Trunk's post-build steps, in order, on its staging folder.
fn post_build() -> Result {
    let dir = env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from).ok_or("post-build runs from Trunk's hook (TRUNK_STAGING_DIR is not set)")?;
    let finish = |what: &str| {
        let mut c = cmd("node");
        c.arg(root().join("xtask").join("finish-dist.mjs")).arg(what).arg("--dir").arg(&dir);
        run(c, &format!("finish-dist {what}"))
    };
    finish("minify")?;
    example("prerender", &[dir.to_string_lossy().into_owned()])?;
    let (id, files) = write_precache(&dir)?;
    println!("xtask: service worker build {id}: {} files precached", files.len());
    finish("minify-sw")?;
    finish("compress")
}

fn example(name: &str, args: &[String]) -> Result {
    let mut c = cmd("cargo");
    c.args(["run", "--quiet", "--locked", "--profile", "xtask", "--example", name, "--"]).args(args);
    run(c, name)
}

fn scenarios(args: &[String]) -> Result {
    let dir = args.first().cloned().unwrap_or_else(|| "tests/scenarios".into());
    example("scenarios", &[dir])
}

fn bench() -> Result {
    example("bench", &[])
}

/// Builds the release app and the floor app (`floor/`, an empty Yew app
/// with the same release profile), then runs Lighthouse on both
/// (`xtask/bench-web.mjs`).
fn bench_web() -> Result {
    setup(true)?;
    build(true, None, "dist")?;
    step("building the floor app (floor/)");
    let mut c = cmd("trunk");
    c.current_dir(root().join("floor")).args(["build", "--release"]);
    run(c, "trunk build (floor)")?;
    step("Lighthouse 12.2.3, mobile preset, 3 runs of each page (about 3 minutes)");
    let mut c = cmd("node");
    c.arg(root().join("xtask").join("bench-web.mjs"))
        .arg("--app")
        .arg(root().join("dist"))
        .arg("--floor")
        .arg(root().join("target").join("bench").join("floor-dist"));
    run(c, "bench-web")
}

/// Where the wasm's bytes go, by crate, with twiggy: in the release wasm
/// as rustc leaves it, and after wasm-bindgen and `wasm-opt -Oz` (what
/// ships, but with the function names kept: `-g`).
fn twiggy() -> Result {
    // twiggy names itself `twiggy-opt` in `--version`.
    let want = format!("twiggy {TWIGGY_VERSION}");
    if version_of("twiggy", "--version").as_deref() != Some(format!("twiggy-opt {TWIGGY_VERSION}").as_str()) {
        step(&format!("installing {want} (about 3 minutes, once)"));
        let mut c = cmd("cargo");
        c.args(["install", "--locked", "twiggy", "--version", TWIGGY_VERSION]);
        run(c, &format!("installing twiggy (by hand: `cargo install --locked twiggy --version {TWIGGY_VERSION}`)"))?;
    }
    let mut c = cmd("cargo");
    c.args(["build", "--release", "--locked", "--target", "wasm32-unknown-unknown", "--bin", "backup-doctor"]);
    run(c, "cargo build (wasm, release)")?;
    let rustc_wasm = root().join("target").join("wasm32-unknown-unknown").join("release").join("backup-doctor.wasm");
    let out_dir = root().join("target").join("bench").join("twiggy");
    let mut c = cmd("wasm-bindgen");
    c.args(["--target", "web", "--no-typescript", "--out-dir"]).arg(&out_dir).arg(&rustc_wasm);
    run(c, "wasm-bindgen")?;
    let bound = out_dir.join("backup-doctor_bg.wasm");
    let shipped = out_dir.join("backup-doctor.opt.wasm");
    let mut c = cmd("wasm-opt");
    c.args(["-Oz", "-g", "--output"]).arg(&shipped).arg(&bound);
    run(c, "wasm-opt -Oz -g")?;
    let mut report = String::new();
    for (title, wasm) in [("after wasm-bindgen and wasm-opt -Oz (names kept)", &shipped), ("as rustc leaves it (before wasm-bindgen and wasm-opt)", &rustc_wasm)] {
        let out = cmd("twiggy").args(["top", "--format", "csv", "-n", "1000000"]).arg(wasm).output().map_err(|e| format!("twiggy: {e}"))?;
        if !out.status.success() {
            return Err(format!("twiggy top failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
        let raw = fs::metadata(wasm).map(|m| m.len()).unwrap_or(0);
        report.push_str(&format!("### {title}: {raw} bytes\n\n{}\n", crate_table(&bytes_by_crate(&String::from_utf8_lossy(&out.stdout)))));
    }
    fs::write(out_dir.join("crates.md"), &report).map_err(|e| format!("cannot write the report: {e}"))?;
    println!("{report}written to target/bench/twiggy/crates.md");
    Ok(())
}
