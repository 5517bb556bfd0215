//! The summary for Apple Support mentions Stolen Device Protection when a
//! fix it can stop was not done or did not help, on an iPhone that has it.

use backup_doctor::engine::Engine;
use backup_doctor::knowledge::builtin;
use backup_doctor::session::{Event, Session};
use backup_doctor::ui::summary::summary_text;

fn summary(events: Vec<Event>) -> String {
    let kb = builtin().unwrap();
    let engine = Engine::new(kb);
    let mut s = Session::new(kb.content_version);
    events.into_iter().for_each(|e| s.push(e));
    let outcome = s.next(&engine).unwrap();
    summary_text(kb, &s, &outcome)
}

fn ios(answer: &str) -> Event {
    Event::Answered { question: "ios-version".into(), answer: answer.into() }
}

#[test]
fn the_summary_mentions_stolen_device_protection_when_it_applied() {
    let could_not = Event::CouldNotDo { fix: "sign-out-sign-in".into() };
    let text = summary(vec![ios("ios26"), could_not.clone()]);
    assert!(text.contains("Stolen Device Protection"), "{text}");
    assert!(text.contains("Sign out of iCloud and back in"), "{text}");
    // An iPhone on iOS 14 has no Stolen Device Protection.
    let text = summary(vec![ios("ios10-3-to-14"), could_not]);
    assert!(!text.contains("Stolen Device Protection"), "{text}");
    // A fix it can't stop is not named.
    let text = summary(vec![ios("ios18"), Event::FixFailed { fix: "check-date-time".into() }]);
    assert!(!text.contains("Stolen Device Protection"), "{text}");
}
