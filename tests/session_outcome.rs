//! The outcome record of a run (README "Events", schema 1) and when the
//! app sends it: once per ending, ids only.

use backup_doctor::session::outcome::{utc_day, FixResult, OutcomeRecord, RunEnd};
use backup_doctor::session::{Event, SeedRef, Session};
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
    let v = serde_json::to_value(&r).expect("serialises");
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
    assert_eq!(t.on_change(&s, ending_of(&s)), None, "nothing to send for an empty run");
    assert_eq!(t.on_leave(&s, ending_of(&s)), None, "an empty run left is not a run");
    s.push(answered("screen-message", "unsure"));
    assert_eq!(ending_of(&s), None);
    assert_eq!(t.on_change(&s, ending_of(&s)), None);
    s.push(Event::FixWorked { fix: "force-restart".into() });
    assert_eq!(ending_of(&s), Some(RunEnd::Resolved));
    assert_eq!(t.on_change(&s, ending_of(&s)), Some(RunEnd::Resolved));
    assert_eq!(t.on_change(&s, ending_of(&s)), None, "shown again: not sent again");
    assert_eq!(t.on_leave(&s, ending_of(&s)), None, "leaving an ended run sends nothing");
    // Undone and ended differently: a new ending.
    s.push(Event::Undo);
    assert_eq!(t.on_change(&s, ending_of(&s)), None);
    s.push(Event::FixFailed { fix: "force-restart".into() });
    assert_eq!(t.on_leave(&s, ending_of(&s)), Some(RunEnd::Unfinished));
    assert_eq!(t.on_leave(&s, ending_of(&s)), None, "left twice without a step: once");
}

#[test]
fn a_restored_run_is_not_reported_again() {
    let mut s = Session::new(1);
    s.push(answered("screen-message", "unsure"));
    s.push(Event::FixWorked { fix: "force-restart".into() });
    let mut t = Tracker::new(&s);
    assert_eq!(t.on_change(&s, ending_of(&s)), None, "reloaded on its ending");
    let mut u = Session::new(1);
    u.push(answered("screen-message", "unsure"));
    let mut t = Tracker::new(&u);
    assert_eq!(t.on_leave(&u, ending_of(&u)), None, "reported as unfinished by the page before");
    u.push(Event::FixFailed { fix: "force-restart".into() });
    assert_eq!(t.on_leave(&u, ending_of(&u)), Some(RunEnd::Unfinished), "a step later, it is news");
}
