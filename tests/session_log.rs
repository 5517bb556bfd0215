//! The session log: saved form (the app's own JSON, and serde's agreeing), replay, undo, truncate, unknown ids.

use backup_doctor::engine::fixture::fixture_with_support;
use backup_doctor::engine::*;
use backup_doctor::session::*;

fn answered(q: &str, a: &str) -> Event {
    Event::Answered { question: q.into(), answer: a.into() }
}
fn failed(f: &str) -> Event {
    Event::FixFailed { fix: f.into() }
}

#[test]
fn events_serialise_with_kebab_case_tags() {
    let mut s = Session::new(7);
    s.push(Event::Seeded(SeedRef::Code("42".into())));
    s.push(Event::Seeded(SeedRef::Alert("light".into())));
    s.push(answered("q1", "yes"));
    s.push(Event::FixWorked { fix: "a2".into() });
    s.push(failed("a1"));
    s.push(Event::CouldNotDo { fix: "a3".into() });
    s.push(Event::Undo);
    let json = s.to_json().to_string();
    assert_eq!(
        json,
        r#"{"version":1,"content_version":7,"events":[{"event":"seeded","code":"42"},{"event":"seeded","alert":"light"},{"event":"answered","question":"q1","answer":"yes"},{"event":"fix-worked","fix":"a2"},{"event":"fix-failed","fix":"a1"},{"event":"could-not-do","fix":"a3"},{"event":"undo"}]}"#
    );
    let back = Session::from_json(&backup_doctor::json::parse(&json).unwrap()).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.version, SESSION_VERSION);
    // serde's derives (the native tools) write and read the same.
    assert_eq!(serde_json::to_string(&s).unwrap(), json);
    assert_eq!(serde_json::from_str::<Session>(&json).unwrap(), s);
}

#[test]
fn malformed_json_is_an_error_not_a_panic() {
    let read = |text: &str| backup_doctor::json::parse(text).map_err(|e| e.to_string()).and_then(|v| Session::from_json(&v));
    let bad = [
        r#"{"version":1}"#,
        r#"{"version":1,"content_version":1,"events":[{"event":"teleported"}]}"#,
        r#"{"version":1,"content_version":1,"events":[{"event":"seeded"}]}"#,
        r#"{"version":1,"content_version":1,"events":[{"event":"seeded","code":"1","alert":"x"}]}"#,
        r#"{"version":1,"content_version":1,"events":[{"event":"seeded","code":9006}]}"#,
        r#"{"version":1,"content_version":1,"events":[{"event":"answered","question":"q1"}]}"#,
        r#"{"version":-1,"content_version":1,"events":[]}"#,
        r#"{"version":1.5,"content_version":1,"events":[]}"#,
        r#"{"version":1,"content_version":4294967296,"events":[]}"#,
        r#"{"version":1,"content_version":1,"events":{}}"#,
        r#"[1]"#,
        "[",
        "",
    ];
    for bad in bad {
        assert!(read(bad).is_err(), "{bad}");
        assert!(serde_json::from_str::<Session>(bad).is_err(), "serde reads {bad}");
    }
    // Fields it does not know are ignored, by both.
    let extra = r#"{"version":1,"content_version":2,"events":[{"event":"undo","at":5}],"note":"x"}"#;
    assert_eq!(read(extra).unwrap(), serde_json::from_str::<Session>(extra).unwrap());
}

#[test]
fn replay_builds_the_evidence() {
    let kb = fixture_with_support().unwrap();
    let engine = Engine::new(&kb);
    let mut s = Session::new(kb.content_version);
    s.push(answered("q1", "yes"));
    s.push(failed("a2"));
    let ev = s.replay(&engine).unwrap();
    let q1 = engine.question_ix("q1").unwrap();
    assert_eq!(ev.answer_to(q1), engine.answer_ix(q1, "yes"));
    assert_eq!(ev.failed().collect::<Vec<_>>(), vec![engine.fix_ix("a2").unwrap()]);
    assert!(matches!(s.next(&engine).unwrap().next, NextStep::Escalate { .. }));
}

#[test]
fn undo_removes_the_last_effective_step() {
    let kb = fixture_with_support().unwrap();
    let engine = Engine::new(&kb);
    let mut s = Session::new(1);
    s.push(answered("q1", "yes"));
    s.push(failed("a2"));
    s.push(Event::Undo);
    assert_eq!(s.step_count(), 1);
    let only_answer = {
        let mut t = Session::new(1);
        t.push(answered("q1", "yes"));
        t
    };
    assert_eq!(s.replay(&engine).unwrap(), only_answer.replay(&engine).unwrap());
    assert_eq!(s.next(&engine).unwrap(), only_answer.next(&engine).unwrap());
    s.push(Event::Undo);
    s.push(Event::Undo); // nothing left to undo: no effect
    assert_eq!(s.step_count(), 0);
    assert_eq!(s.replay(&engine).unwrap(), Evidence::new());
}

#[test]
fn truncate_keeps_the_first_effective_steps() {
    let mut s = Session::new(1);
    s.push(Event::Seeded(SeedRef::Code("42".into())));
    s.push(answered("q1", "no"));
    s.push(failed("a3"));
    s.push(Event::Undo);
    s.push(failed("a1"));
    s.truncate_to(2);
    assert_eq!(s.events, vec![Event::Seeded(SeedRef::Code("42".into())), answered("q1", "no")]);
    s.truncate_to(10);
    assert_eq!(s.step_count(), 2);
}

#[test]
fn changing_an_earlier_answer_drops_what_came_after() {
    let kb = fixture_with_support().unwrap();
    let engine = Engine::new(&kb);
    let mut s = Session::new(1);
    s.push(answered("q1", "yes"));
    s.push(failed("a2"));
    s.truncate_to(0);
    s.push(answered("q1", "no"));
    let out = s.next(&engine).unwrap();
    assert!(matches!(out.next, NextStep::Try { fix, .. } if Some(fix) == engine.fix_ix("a3")));
}

#[test]
fn unknown_ids_are_reported_by_kind() {
    let kb = fixture_with_support().unwrap();
    let engine = Engine::new(&kb);
    let cases = [
        (answered("q9", "yes"), IdKind::Question, "q9"),
        (answered("q1", "maybe"), IdKind::Answer, "q1/maybe"),
        (failed("a9"), IdKind::Fix, "a9"),
        (Event::Seeded(SeedRef::Code("9999".into())), IdKind::Code, "9999"),
        (Event::Seeded(SeedRef::Alert("nope".into())), IdKind::Alert, "nope"),
    ];
    for (event, kind, id) in cases {
        let mut s = Session::new(1);
        s.push(event);
        let want = UnknownId { kind, id: id.into() };
        assert_eq!(s.check_ids(&kb), Err(want.clone()));
        assert_eq!(s.replay(&engine), Err(want));
    }
    let mut ok = Session::new(1);
    ok.push(answered("q1", "unsure"));
    ok.push(Event::CouldNotDo { fix: "support".into() });
    assert_eq!(ok.check_ids(&kb), Ok(()));
}

#[test]
fn a_resolved_session_says_so() {
    let kb = fixture_with_support().unwrap();
    let engine = Engine::new(&kb);
    let mut s = Session::new(1);
    s.push(Event::FixWorked { fix: "a3".into() });
    assert!(s.is_resolved());
    assert_eq!(s.next(&engine).unwrap().next, NextStep::Resolved { fix: engine.fix_ix("a3").unwrap() });
    s.push(Event::Undo);
    assert!(!s.is_resolved());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn event() -> impl Strategy<Value = Event> {
        prop_oneof![
            prop::sample::select(vec!["yes", "no", "unsure"]).prop_map(|a| answered("q1", a)),
            prop::sample::select(vec!["ios15", "older", "unsure"]).prop_map(|a| answered("q2", a)),
            prop::sample::select(vec!["a1", "a2", "a3", "support"]).prop_map(failed),
            prop::sample::select(vec!["a1", "a2", "a3"]).prop_map(|f| Event::CouldNotDo { fix: f.into() }),
            prop::sample::select(vec!["a1", "a3"]).prop_map(|f| Event::FixWorked { fix: f.into() }),
            Just(Event::Seeded(SeedRef::Code("42".into()))),
            Just(Event::Undo),
            Just(Event::Undo),
        ]
    }

    proptest! {
        #[test]
        fn undo_truncate_and_serde_agree_with_the_effective_log(events in prop::collection::vec(event(), 0..30), k in 0usize..30) {
            let kb = fixture_with_support().unwrap();
            let engine = Engine::new(&kb);
            let mut s = Session::new(1);
            for e in &events {
                s.push(e.clone());
            }
            // The log without its undos replays the same.
            let effective: Vec<Event> = s.effective().into_iter().cloned().collect();
            prop_assert!(effective.iter().all(|e| *e != Event::Undo));
            prop_assert_eq!(s.step_count(), effective.len());
            let flat = Session { events: effective.clone(), ..s.clone() };
            prop_assert_eq!(s.replay(&engine).unwrap(), flat.replay(&engine).unwrap());
            prop_assert_eq!(s.next(&engine).unwrap(), flat.next(&engine).unwrap());
            // Serialised and read back: the same log and the same step.
            let json = s.to_json().to_string();
            let back = Session::from_json(&backup_doctor::json::parse(&json).unwrap()).unwrap();
            prop_assert_eq!(&back, &s);
            prop_assert_eq!(serde_json::to_string(&s).unwrap(), json);
            prop_assert_eq!(back.next(&engine).unwrap(), s.next(&engine).unwrap());
            // Truncating keeps exactly the first k effective steps.
            let mut t = s.clone();
            t.truncate_to(k);
            prop_assert_eq!(t.events.as_slice(), &effective[..k.min(effective.len())]);
        }
    }
}
