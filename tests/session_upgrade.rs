//! Runs saved or shared with content version 1 still open with version 2:
//! the iOS question's answers that were split are mapped, steps that still
//! exist are kept, and what no longer exists is left out, not a reason to
//! throw the run away. The fixtures below were made by the version-1 build
//! (`saved::encode` and `share::encode` before the content changed).

use backup_doctor::engine::Engine;
use backup_doctor::knowledge::builtin;
use backup_doctor::session::saved::{decode, Loaded};
use backup_doctor::session::share::{decode as decode_link, decode_report};
use backup_doctor::session::upgrade::{upgrade, Upgrade};
use backup_doctor::session::{Event, SeedRef, Session};

const SAVED_V1: &str = r#"{"version":1,"saved_at":1764590000000.0,"session":{"version":1,"content_version":1,"events":[{"event":"seeded","code":"9006"},{"event":"answered","question":"ios-version","answer":"ios15-update-waiting"},{"event":"answered","question":"battery-power","answer":"plugged-in"},{"event":"fix-failed","fix":"check-icloud-storage"}]}}"#;
const LINK_V1: &str = "AQEyXwAiFUFjL6nx";
const LINK_V1_CURRENT: &str = "AQEyXyESumYaBQ";

fn answered(q: &str, a: &str) -> Event {
    Event::Answered { question: q.into(), answer: a.into() }
}

fn expected_run() -> Vec<Event> {
    vec![
        Event::Seeded(SeedRef::Code("9006".into())),
        answered("software-update", "update-waiting"),
        answered("battery-power", "plugged-in"),
        Event::FixFailed { fix: "check-icloud-storage".into() },
    ]
}

#[test]
fn a_version_1_saved_run_opens_with_its_answers_mapped() {
    let kb = builtin().unwrap();
    assert_eq!(kb.content_version, 2);
    let Loaded::Upgraded { session, saved_at, report } = decode(Some(SAVED_V1), kb) else { panic!("a version-1 run is brought up to date") };
    assert_eq!(saved_at, 1764590000000.0);
    assert_eq!(session.content_version, 2);
    assert_eq!(session.events, expected_run());
    assert_eq!(report, Upgrade { from_version: 1, mapped: 1, dropped: 0 });
    assert!(report.kept_everything());
    session.check_ids(kb).unwrap();
    // The engine carries on from it.
    let engine = Engine::new(kb);
    session.next(&engine).unwrap();
}

#[test]
fn a_version_1_share_link_opens_with_its_answers_mapped() {
    let kb = builtin().unwrap();
    let (session, report) = decode_report(LINK_V1, kb).unwrap();
    assert_eq!(session.events, expected_run());
    assert_eq!(report, Some(Upgrade { from_version: 1, mapped: 1, dropped: 0 }));
    assert_eq!(decode_link(LINK_V1, kb).unwrap(), session);
    let (other, _) = decode_report(LINK_V1_CURRENT, kb).unwrap();
    assert_eq!(other.events, vec![answered("software-update", "up-to-date"), answered("wifi-signal", "weak")]);
}

#[test]
fn a_todays_link_needs_no_upgrade() {
    let kb = builtin().unwrap();
    let mut s = Session::new(kb.content_version);
    s.push(answered("ios-version", "ios26"));
    s.push(answered("apple-system-status", "all-working"));
    let token = backup_doctor::session::share::encode(&s, kb);
    assert_eq!(decode_report(&token, kb).unwrap(), (s, None));
}

#[test]
fn steps_that_no_longer_exist_are_left_out_and_the_rest_kept() {
    let kb = builtin().unwrap();
    let mut old = Session::new(1);
    old.push(answered("wifi-signal", "weak"));
    old.push(answered("ios-version", "ios-9000"));
    old.push(Event::FixFailed { fix: "sacrifice-a-goat".into() });
    old.push(answered("battery-power", "plugged-in"));
    old.push(Event::Undo);
    old.push(Event::Seeded(SeedRef::Alert("needs-wifi".into())));
    let (new, report) = upgrade(&old, kb);
    assert_eq!(new.events, vec![answered("wifi-signal", "weak"), Event::Seeded(SeedRef::Alert("needs-wifi".into()))]);
    assert_eq!(report, Some(Upgrade { from_version: 1, mapped: 0, dropped: 2 }));
    assert!(!report.unwrap().kept_everything());
    new.check_ids(kb).unwrap();
    // Saved that way, it opens too (not kept aside as unreadable).
    let raw = backup_doctor::session::saved::encode(&old, 5.0);
    assert!(matches!(decode(Some(&raw), kb), Loaded::Upgraded { report: Upgrade { dropped: 2, .. }, .. }));
}

#[test]
fn a_mapped_answer_does_not_answer_a_question_twice() {
    let kb = builtin().unwrap();
    let mut old = Session::new(1);
    old.push(answered("ios-version", "ios15-current"));
    old.push(answered("ios-version", "ios15-update-waiting"));
    let (new, report) = upgrade(&old, kb);
    assert_eq!(new.events, vec![answered("software-update", "up-to-date")]);
    assert_eq!(report, Some(Upgrade { from_version: 1, mapped: 1, dropped: 1 }));
}

#[test]
fn a_run_of_todays_version_naming_an_unknown_id_is_still_unreadable() {
    let kb = builtin().unwrap();
    let mut s = Session::new(kb.content_version);
    s.push(answered("ios-version", "ios15-current"));
    let raw = backup_doctor::session::saved::encode(&s, 5.0);
    assert!(matches!(decode(Some(&raw), kb), Loaded::Unreadable(_)));
}
