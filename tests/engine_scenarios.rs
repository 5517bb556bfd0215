//! Plays every file in tests/scenarios/ (the same as `cargo xtask
//! scenarios`), and checks the player's handling of bad files.

use backup_doctor::engine::scenario::{check, play, End, Scenario};
use backup_doctor::engine::Engine;

fn engine() -> Engine {
    Engine::new(backup_doctor::knowledge::builtin().expect("the built-in knowledge base loads"))
}

#[test]
fn every_shipped_scenario_passes() {
    let engine = engine();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
    let mut count = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        count += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let scenario: Scenario = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let run = play(&engine, &scenario).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for f in check(&engine, &scenario, &run) {
            failures.push(format!("{}: {f}", path.display()));
        }
    }
    assert!(count >= 12, "expected a scenario per cause and more, found {count}");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_cause_has_a_scenario_and_one_ends_with_support() {
    let kb = backup_doctor::knowledge::builtin().unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
    let scenarios: Vec<Scenario> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    for cause in &kb.causes {
        assert!(scenarios.iter().any(|s| s.cause.as_deref() == Some(&cause.id)), "no scenario for {}", cause.id);
    }
    assert!(scenarios.iter().any(|s| s.expect.escalates == Some(true)));
}

#[test]
fn unknown_ids_are_named() {
    let engine = engine();
    for (json, needle) in [
        (r#"{"cause": "gremlins", "expect": {}}"#, "unknown cause id `gremlins`"),
        (r#"{"answers": {"battery-power": "on-fire"}, "expect": {}}"#, "unknown answer id `battery-power/on-fire`"),
        (r#"{"answers": {"mood": "sad"}, "expect": {}}"#, "unknown question id `mood`"),
        (r#"{"fixes": {"hit-it": "works"}, "expect": {}}"#, "unknown fix id `hit-it`"),
        (r#"{"expect": {"first_fix": "hit-it"}}"#, "unknown fix id `hit-it`"),
        (r#"{"seed": {"code": "0000"}, "expect": {}}"#, "unknown error code id `0000`"),
    ] {
        let s: Scenario = serde_json::from_str(json).unwrap();
        let err = play(&engine, &s).unwrap_err();
        assert!(err.to_string().contains(needle), "{err} should contain {needle}");
    }
}

#[test]
fn malformed_files_do_not_parse() {
    for bad in [
        r#"{"cause": "wifi-problem"}"#,                                  // no expect
        r#"{"cause": "wifi-problem", "expect": {"first-fix": "x"}}"#,  // misspelt key
        r#"{"fixes": {"better-wifi": "maybe"}, "expect": {}}"#,         // unknown outcome
        r#"{"expect": {}, "extra": 1}"#,
        "not json",
    ] {
        assert!(serde_json::from_str::<Scenario>(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_broken_expectation_is_reported() {
    let engine = engine();
    let s: Scenario = serde_json::from_str(
        r#"{"cause": "wifi-problem", "expect": {"first_fix": "update-ios", "escalates": true, "resolved_within": 1}}"#,
    )
    .unwrap();
    let run = play(&engine, &s).unwrap();
    assert!(matches!(run.end, End::Resolved(_)));
    let failures = check(&engine, &s, &run);
    assert_eq!(failures.len(), 3, "{failures:?}");
}
