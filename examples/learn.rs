//! Learns the knowledge base's numbers from outcome records.
//!
//!     cargo xtask learn OUTCOMES.jsonl… [--strength N] [--out DIR] [--content DIR] [--people N]
//!     # or: cargo run --profile xtask --example learn -- …
//!
//! Reads every file (`-` is standard input) one line at a time, learns
//! with EM (see `backup_doctor::learn`), and writes to DIR (default
//! `target/learned/`) a content pack (the data files with the learned
//! numbers, checked by the validator), `report.md` and `priors.svg`.
//! `--content DIR` learns against a pack other than the built-in content.
//! Exits with 1 on a usage or file error, 2 when the content does not load
//! or the pack does not validate; bad lines are counted, never fatal.

use backup_doctor::knowledge::validate::validate_files;
use backup_doctor::learn::report::{markdown, priors_svg, Predicted};
use backup_doctor::learn::{learn, pack, peak_memory_bytes, sim, Params, Shape, Stats, DEFAULT_STRENGTH};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: learn OUTCOMES.jsonl… [--strength N] [--out DIR] [--content DIR] [--people N]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            eprintln!("learn: {message}");
            ExitCode::from(code)
        }
    }
}

/// The content's data files (every `.json` file of the directory), by name.
fn read_content(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read the content directory {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.ends_with(".json") {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            files.push((name, text));
        }
    }
    files.sort();
    Ok(files)
}

fn run() -> Result<(), (u8, String)> {
    let args: Vec<String> = std::env::args().skip_while(|a| a != "--").collect();
    let args: Vec<String> = if args.is_empty() { std::env::args().collect::<Vec<_>>().split_off(1) } else { args.into_iter().filter(|a| a != "--").collect() };
    let mut inputs = Vec::new();
    let (mut strength, mut out, mut content, mut people) = (DEFAULT_STRENGTH, PathBuf::from("target/learned"), None, 20_000usize);
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or((1, format!("{name} needs a value\n{USAGE}")));
        match a.as_str() {
            "--strength" => {
                let v = value("--strength")?;
                // 0 would leave a cause or fix that no record reaches at 0/0.
                strength = v.parse().ok().filter(|s: &f64| s.is_finite() && *s > 0.0).ok_or((1, format!("--strength takes a number > 0, not `{v}`")))?;
            }
            "--out" => out = PathBuf::from(value("--out")?),
            "--content" => content = Some(PathBuf::from(value("--content")?)),
            "--people" => {
                let v = value("--people")?;
                people = v.parse().map_err(|_| (1, format!("--people takes a whole number, not `{v}`")))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if other.starts_with("--") => return Err((1, format!("unknown option `{other}`\n{USAGE}"))),
            _ => inputs.push(a),
        }
    }
    if inputs.is_empty() {
        return Err((1, format!("no outcome files given\n{USAGE}")));
    }
    let dir = content.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src/knowledge/data"));
    let files = read_content(&dir).map_err(|e| (2, e))?;
    let kb_files: Vec<(&str, &str)> = files
        .iter()
        .filter(|(n, _)| backup_doctor::knowledge::FILES.iter().any(|(f, _)| f == n))
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let kb = validate_files(&kb_files).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        (2, format!("the content in {} does not pass the validator:\n{}", dir.display(), list.join("\n")))
    })?;

    let started = Instant::now();
    let shape = Shape::of(&kb);
    let mut stats = Stats::default();
    for input in &inputs {
        let result = if input == "-" {
            stats.read(&shape, "stdin", std::io::stdin().lock())
        } else {
            let file = std::fs::File::open(input).map_err(|e| (1, format!("cannot open {input}: {e}")))?;
            stats.read(&shape, input, BufReader::with_capacity(1 << 16, file))
        };
        result.map_err(|e| (1, format!("reading {input} stopped: {e}")))?;
    }
    let learned = learn(&kb, &stats, strength);
    let seconds = started.elapsed().as_secs_f64();

    let pack = pack::write_validated(&kb, &files, &learned.authored, &learned.learned).map_err(|problems| {
        (2, format!("no pack passes the validator, not even with the authored numbers:\n  {}", problems.join("\n  ")))
    })?;
    let predicted = (people > 0 && stats.records > 0).then(|| {
        let learned_world: &Params = &learned.learned;
        Predicted {
            authored_promise: sim::evaluate(&kb, &learned.authored, &learned.authored, people, 0x5eed),
            before: sim::evaluate(&kb, &learned.authored, learned_world, people, 0x5eed),
            after: sim::evaluate(&kb, learned_world, learned_world, people, 0x5eed),
            people,
        }
    });
    std::fs::create_dir_all(&out).map_err(|e| (1, format!("cannot create {}: {e}", out.display())))?;
    let write = |name: &str, text: &str| std::fs::write(out.join(name), text).map_err(|e| (1, format!("cannot write {}: {e}", out.join(name).display())));
    for (name, text) in &pack.files {
        write(name, text)?;
    }
    write("priors.svg", &priors_svg(&shape, &learned))?;
    write("report.md", &markdown(&shape, &stats, &learned, predicted.as_ref(), &pack, "priors.svg"))?;

    println!("learn: {} records used, {} skipped ({} distinct runs)", stats.records, stats.skipped_total(), stats.distinct());
    for (why, n) in &stats.skipped {
        println!("learn:   {n} {}", why.describe());
    }
    if let (Some(b), Some(a)) = (learned.heldout_before, learned.heldout_after) {
        println!("learn: held-out log-likelihood per run {b:.4} -> {a:.4}");
    }
    if let Some(p) = &predicted {
        println!("learn: predicted mean cost {:.2} -> {:.2}, handed over {:.1} % -> {:.1} %", p.before.0, p.after.0, p.before.1 * 100.0, p.after.1 * 100.0);
    }
    if !pack.broken.is_empty() {
        println!(
            "learn: the learned numbers break {} content rule(s); the pack holds priors {:.0} % and the rest {:.0} % of the way from the authored ones (see report.md)",
            pack.broken.len(),
            pack.prior_share * 100.0,
            pack.rest_share * 100.0
        );
    }
    println!(
        "learn: {:.2} s, peak memory {:.0} MiB; pack, report.md and priors.svg in {}",
        seconds,
        peak_memory_bytes().unwrap_or(0) as f64 / (1 << 20) as f64,
        out.display()
    );
    Ok(())
}
