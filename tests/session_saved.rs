//! The saved envelope: whatever is in storage, loading never panics, and
//! anything unusable is reported (so the caller keeps it aside and starts
//! fresh) rather than silently dropped.

use backup_doctor::engine::fixture::fixture;
use backup_doctor::knowledge::KnowledgeBase;
use backup_doctor::session::saved::{decode, encode, Loaded, Unreadable, ENVELOPE_VERSION};
use backup_doctor::session::{Event, SeedRef, Session};
use proptest::prelude::*;

fn kb() -> KnowledgeBase {
    fixture().expect("the engine fixture parses")
}

fn sample() -> Session {
    let mut s = Session::new(1);
    s.push(Event::Seeded(SeedRef::Code("42".into())));
    s.push(Event::Answered { question: "q1".into(), answer: "yes".into() });
    s.push(Event::FixFailed { fix: "a2".into() });
    s.push(Event::Undo);
    s
}

#[test]
fn a_saved_run_round_trips() {
    let raw = encode(&sample(), 1_764_250_000_000.0);
    assert!(raw.contains(&format!("\"version\":{ENVELOPE_VERSION}")));
    assert_eq!(decode(Some(&raw), &kb()), Loaded::Restored { session: sample(), saved_at: 1_764_250_000_000.0 });
}

#[test]
fn nothing_stored_is_empty() {
    assert_eq!(decode(None, &kb()), Loaded::Empty);
}

fn reason(raw: &str) -> Unreadable {
    match decode(Some(raw), &kb()) {
        Loaded::Unreadable(why) => why,
        other => panic!("{raw:?} should be unreadable, got {other:?}"),
    }
}

#[test]
fn bad_values_are_reported_with_their_reason() {
    let good = encode(&sample(), 5.0);
    type Expect = fn(&Unreadable) -> bool;
    let table: &[(&str, Expect)] = &[
        ("", |w| matches!(w, Unreadable::Corrupt(_))),
        ("{", |w| matches!(w, Unreadable::Corrupt(_))),
        ("not json", |w| matches!(w, Unreadable::Corrupt(_))),
        ("\u{0}\u{ffff}", |w| matches!(w, Unreadable::Corrupt(_))),
        ("null", |w| matches!(w, Unreadable::WrongShape(_))),
        ("[]", |w| matches!(w, Unreadable::WrongShape(_))),
        ("42", |w| matches!(w, Unreadable::WrongShape(_))),
        ("{}", |w| matches!(w, Unreadable::WrongShape(_))),
        (r#"{"version":"1"}"#, |w| matches!(w, Unreadable::WrongShape(_))),
        (r#"{"version":0,"saved_at":1,"session":{"version":1,"content_version":1,"events":[]}}"#, |w| matches!(w, Unreadable::WrongShape(_))),
        (r#"{"version":1}"#, |w| matches!(w, Unreadable::WrongShape(_))),
        (r#"{"version":1,"saved_at":1,"session":{"events":"x"}}"#, |w| matches!(w, Unreadable::WrongShape(_))),
        (r#"{"version":1,"saved_at":1,"session":{"version":1,"content_version":1,"events":[{"event":"dance"}]}}"#, |w| matches!(w, Unreadable::WrongShape(_))),
        (r#"{"version":2,"saved_at":1,"session":{}}"#, |w| matches!(w, Unreadable::NewerVersion(2))),
        (r#"{"version":99999999999,"saved_at":1}"#, |w| matches!(w, Unreadable::NewerVersion(_))),
        (r#"{"version":18446744073709551615,"saved_at":1}"#, |w| matches!(w, Unreadable::NewerVersion(u32::MAX))),
        (r#"{"version":1e30,"saved_at":1}"#, |w| matches!(w, Unreadable::NewerVersion(u32::MAX))),
        (r#"{"version":-1,"saved_at":1}"#, |w| matches!(w, Unreadable::WrongShape(_))),
        (r#"{"version":1.5,"saved_at":1}"#, |w| matches!(w, Unreadable::WrongShape(_))),
        (r#"{"version":1,"saved_at":1,"session":{"version":7,"content_version":1,"events":[]}}"#, |w| matches!(w, Unreadable::NewerVersion(7))),
        (r#"{"version":1,"saved_at":1,"session":{"version":1,"content_version":1,"events":[{"event":"answered","question":"gone","answer":"yes"}]}}"#, |w| matches!(w, Unreadable::UnknownIds(_))),
        (r#"{"version":1,"saved_at":1,"session":{"version":1,"content_version":1,"events":[{"event":"fix-failed","fix":"removed-fix"}]}}"#, |w| matches!(w, Unreadable::UnknownIds(_))),
        (r#"{"version":1,"saved_at":1,"session":{"version":1,"content_version":1,"events":[{"event":"seeded","code":"0000"}]}}"#, |w| matches!(w, Unreadable::UnknownIds(_))),
    ];
    for (raw, expected) in table {
        let why = reason(raw);
        assert!(expected(&why), "{raw:?} gave {why:?}");
        // The console names the reason in words.
        let words = ["not JSON", "not a saved run", "newer version", "no longer has"];
        assert!(words.iter().any(|w| why.to_string().contains(w)), "{why}");
    }
    // A good value with one byte cut off is corrupt, not a panic.
    assert!(matches!(reason(&good[..good.len() - 1]), Unreadable::Corrupt(_)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_string_makes_loading_panic(raw in ".*") {
        let _ = decode(Some(&raw), &kb());
    }

    #[test]
    fn no_mangled_envelope_makes_loading_panic(cut in 0usize..200, byte in any::<u8>(), at in 0usize..200) {
        let mut bytes = encode(&sample(), 1.0).into_bytes();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(bytes.len().saturating_sub(cut % 20));
        let raw = String::from_utf8_lossy(&bytes).into_owned();
        let _ = decode(Some(&raw), &kb());
    }
}
