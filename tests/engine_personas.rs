//! The browser tests' persona, for every cause: the true cause is known,
//! each answer is the one most likely under it (first in display order on a
//! tie), and a fix works when P(works | cause) >= 0.5 — the same person as
//! a scenario file with only `cause` (see tests/scenarios/README.md).
//!
//! Records where each persona's run ends, so that a change of numbers that
//! sends one of them somewhere else is noticed and written down here.
//! `cargo test --test engine_personas -- --nocapture` prints every run.

use backup_doctor::engine::scenario::{describe, play, End, Scenario};
use backup_doctor::engine::Engine;

/// Where each cause's persona ends, and the most steps it may take.
/// `None`: the run ends with Apple Support.
const EXPECTED: &[(&str, Option<&str>, usize)] = &[
    ("not-enough-icloud-storage", Some("check-icloud-storage"), 3),
    ("ios-update-needed", Some("update-ios"), 11),
    ("wifi-problem", Some("better-wifi"), 3),
    ("wrong-date-time", Some("check-date-time"), 7),
    ("too-much-data", Some("check-icloud-storage"), 5),
    ("low-battery", Some("charge-and-plug-in"), 7),
    ("apple-id-password", Some("verify-apple-id"), 3),
    // Since `backup-in-storage-list`: the backup's size or date won't load,
    // and deleting the backup comes before Apple Support (it escalated at
    // step 16 before).
    ("corrupt-backup", Some("delete-icloud-backup"), 17),
    ("vpn-or-content-blocker", Some("disable-vpn-content-blockers"), 6),
    ("software-glitch", Some("force-restart"), 5),
    // No fix is meant for "something else": Apple Support is the right end.
    // Content version 2 asks two more questions on the way (whether an
    // update is waiting, split from the iOS version, and Apple System
    // Status), so it takes 21 steps (19 before).
    ("something-else", None, 21),
];

fn persona(cause: &str) -> Scenario {
    serde_json::from_value(serde_json::json!({ "cause": cause, "expect": {} })).unwrap()
}

#[test]
fn every_cause_persona_ends_where_expected() {
    let kb = backup_doctor::knowledge::builtin().expect("the built-in knowledge base loads");
    let engine = Engine::new(kb);
    assert_eq!(EXPECTED.len(), kb.causes.len(), "one expected outcome per cause");
    let mut failures = Vec::new();
    for cause in &kb.causes {
        let run = play(&engine, &persona(&cause.id)).unwrap();
        let end = match run.end {
            End::Resolved(f) => Some(engine.fix_id(f).unwrap()),
            End::Escalated => None,
            End::StepLimit => panic!("{}: ran past the bound: {}", cause.id, describe(&engine, &run)),
        };
        println!("{:<26} {:>2} steps, {}\n    {}", cause.id, run.steps.len(), end.map_or("escalated".into(), |f| format!("resolved by {f}")), describe(&engine, &run));
        let &(_, want, max_steps) = EXPECTED.iter().find(|(id, ..)| *id == cause.id).unwrap_or_else(|| panic!("no expected outcome for {}", cause.id));
        if end != want || run.steps.len() > max_steps {
            failures.push(format!("{}: ended {end:?} in {} steps, expected {want:?} within {max_steps}", cause.id, run.steps.len()));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
