//! The outcome record of a run (README "Events", schema 1) and when the
//! app sends it: once per ending, ids only.

use backup_doctor::session::outcome::{utc_day, FixResult, OutcomeRecord, RunEnd};
use backup_doctor::session::{Event, SeedRef, Session};
use backup_doctor::engine::{Handover, NextStep};
use backup_doctor::knowledge::KnowledgeBase;
use backup_doctor::session::engine_for;
use backup_doctor::ui::outcome::{ending_of, Tracker};

fn answered(q: &str, a: &str) -> Event {
    Event::Answered { question: q.into(), answer: a.into() }
}

fn run() -> Session {
    let mut s = Session::new(1);
    s.push(Event::Seeded(SeedRef::Code("9006".into())));
    s.push(answered("screen-message", "unsure"));
    s.push(Event::FixFailed { fix: "force-restart".into() });
    s.push(Event::CouldNotDo { fix: "restart-iphone".into() });
    s.push(answered("wifi-signal", "strong"));
    s.push(Event::Undo);
    s.push(answered("wifi-signal", "weak"));
    s.push(Event::FixWorked { fix: "better-wifi".into() });
    s
}

#[test]
fn the_record_holds_the_steps_in_effect_as_ids() {
    let r = OutcomeRecord::of(&run(), RunEnd::Resolved, "balanced", "2026-12-01");
    // As the app sends it (its own JSON writer) and as serde writes it.
    let sent = r.to_json().to_string();
    assert_eq!(sent, serde_json::to_string(&r).expect("serialises"));
    let v: serde_json::Value = serde_json::from_str(&sent).expect("the app writes JSON");
    assert_eq!(
        v,
        serde_json::json!({
            "schema": 1, "content_version": 1, "seed": { "code": "9006" },
            "answers": [ { "question": "screen-message", "answer": "unsure" }, { "question": "wifi-signal", "answer": "weak" } ],
            "fixes": [ { "fix": "force-restart", "result": "failed" }, { "fix": "restart-iphone", "result": "couldnt" }, { "fix": "better-wifi", "result": "worked" } ],
            "end": "resolved", "steps": 6, "handover": "balanced", "day": "2026-12-01"
        })
    );
    assert_eq!(r.fixes[1].result, FixResult::Couldnt);
    // It reads back as the learner reads it.
    let back: OutcomeRecord = serde_json::from_value(v).expect("reads back");
    assert_eq!(back, r);
}

#[test]
fn the_day_is_the_utc_calendar_day() {
    assert_eq!(utc_day(0.0), "1970-01-01");
    assert_eq!(utc_day(951_782_400_000.0), "2000-02-29");
    assert_eq!(utc_day(1_796_083_199_999.0), "2026-11-30");
    assert_eq!(utc_day(1_796_083_200_000.0), "2026-12-01");
    assert_eq!(utc_day(f64::NAN), "1970-01-01");
}

#[test]
fn each_ending_is_sent_once() {
    let mut t = Tracker::new(&Session::new(1));
    let mut s = Session::new(1);
    assert_eq!(t.on_change(&s, ending_of(&s, Handover::Balanced)), None, "nothing to send for an empty run");
    assert_eq!(t.on_leave(&s, ending_of(&s, Handover::Balanced)), None, "an empty run left is not a run");
    s.push(answered("screen-message", "unsure"));
    assert_eq!(ending_of(&s, Handover::Balanced), None);
    assert_eq!(t.on_change(&s, ending_of(&s, Handover::Balanced)), None);
    s.push(Event::FixWorked { fix: "force-restart".into() });
    assert_eq!(ending_of(&s, Handover::Balanced), Some(RunEnd::Resolved));
    assert_eq!(t.on_change(&s, ending_of(&s, Handover::Balanced)), Some(RunEnd::Resolved));
    assert_eq!(t.on_change(&s, ending_of(&s, Handover::Balanced)), None, "shown again: not sent again");
    assert_eq!(t.on_leave(&s, ending_of(&s, Handover::Balanced)), None, "leaving an ended run sends nothing");
    // Undone and ended differently: a new ending.
    s.push(Event::Undo);
    assert_eq!(t.on_change(&s, ending_of(&s, Handover::Balanced)), None);
    s.push(Event::FixFailed { fix: "force-restart".into() });
    assert_eq!(t.on_leave(&s, ending_of(&s, Handover::Balanced)), Some(RunEnd::Unfinished));
    assert_eq!(t.on_leave(&s, ending_of(&s, Handover::Balanced)), None, "left twice without a step: once");
}

#[test]
fn a_restored_run_is_not_reported_again() {
    let mut s = Session::new(1);
    s.push(answered("screen-message", "unsure"));
    s.push(Event::FixWorked { fix: "force-restart".into() });
    let mut t = Tracker::new(&s);
    assert_eq!(t.on_change(&s, ending_of(&s, Handover::Balanced)), None, "reloaded on its ending");
    let mut u = Session::new(1);
    u.push(answered("screen-message", "unsure"));
    let mut t = Tracker::new(&u);
    assert_eq!(t.on_leave(&u, ending_of(&u, Handover::Balanced)), None, "reported as unfinished by the page before");
    u.push(Event::FixFailed { fix: "force-restart".into() });
    assert_eq!(t.on_leave(&u, ending_of(&u, Handover::Balanced)), Some(RunEnd::Unfinished), "a step later, it is news");
}

/// The step a person who is never sure, and for whom nothing works, takes
/// next under this engine; None once the engine hands over or resolves.
fn never_sure_step(kb: &KnowledgeBase, session: &Session, handover: Handover) -> Option<Event> {
    let engine = engine_for(handover).expect("the built-in content");
    match session.next(engine).expect("a valid run").next {
        NextStep::Ask { question, .. } => {
            let q = &kb.questions[question.0];
            let unsure = q.answers.iter().find(|a| a.unsure).expect("every question has a not-sure answer");
            Some(answered(&q.id, &unsure.id))
        }
        NextStep::Try { fix, .. } => Some(Event::FixFailed { fix: kb.fixes[fix.0].id.clone() }),
        NextStep::Escalate { .. } | NextStep::Resolved { .. } => None,
    }
}

#[test]
fn the_ending_follows_the_hand_over_setting_the_person_sees() {
    let (kb, _) = backup_doctor::session::content().expect("the built-in content");
    let mut s = Session::new(kb.content_version);
    // Follow the quick engine to its hand-over: there the record says
    // handed over for a quick portal, while the balanced engine would
    // still offer something to try.
    while let Some(event) = never_sure_step(kb, &s, Handover::Quick) {
        assert_eq!(ending_of(&s, Handover::Quick), None);
        s.push(event);
        assert!(s.step_count() < 60, "the quick engine hands over");
    }
    assert_eq!(ending_of(&s, Handover::Quick), Some(RunEnd::HandedOver));
    assert_eq!(ending_of(&s, Handover::Balanced), None, "balanced would keep going here");
}
