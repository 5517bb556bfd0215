//! Plays every scenario file in a directory against the built-in knowledge
//! base and prints one line per file, then `N passed, N failed`.
//!
//!     cargo run --profile xtask --example scenarios -- [DIR]
//!
//! DIR defaults to `tests/scenarios`. The format is documented in
//! `tests/scenarios/README.md`. Exits with 1 when a scenario fails or a file
//! cannot be read, 2 when the knowledge base itself cannot be loaded.

use backup_doctor::engine::scenario::{check, describe, play, End, Scenario};
use backup_doctor::engine::Engine;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("tests/scenarios"));
    let kb = match backup_doctor::knowledge::builtin() {
        Ok(kb) => kb,
        Err(e) => {
            eprintln!("the built-in knowledge base does not load: {e}");
            return ExitCode::from(2);
        }
    };
    let engine = Engine::new(kb);
    let files = match scenario_files(&dir) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.display());
            return ExitCode::from(1);
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for path in files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match run_file(&engine, &path) {
            Ok((line, failures)) if failures.is_empty() => {
                passed += 1;
                println!("ok    {name}: {line}");
            }
            Ok((line, failures)) => {
                failed += 1;
                println!("FAIL  {name}: {line}");
                for f in failures {
                    println!("        {f}");
                }
            }
            Err(e) => {
                failed += 1;
                println!("FAIL  {name}: {e}");
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn scenario_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn run_file(engine: &Engine, path: &Path) -> Result<(String, Vec<String>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let scenario: Scenario = serde_json::from_str(&text).map_err(|e| format!("malformed scenario: {e}"))?;
    let run = play(engine, &scenario).map_err(|e| format!("{e} (not in the knowledge base)"))?;
    let end = match run.end {
        End::Resolved(_) => "resolved",
        End::Escalated => "escalated",
        End::StepLimit => "did not finish",
    };
    let line = format!("{} [{} steps, {end}]", describe(engine, &run), run.steps.len());
    Ok((line, check(engine, &scenario, &run)))
}
