//! The hand-over summary joins a question and its answer the language's
//! way: a space in English, nothing after Japanese's full-width "？". One
//! test in its own binary, since it switches the process's language.

use backup_doctor::engine::Engine;
use backup_doctor::knowledge::{self, PACKS};
use backup_doctor::session::{Event, Session};
use backup_doctor::ui::summary::summary_text;

fn summary() -> String {
    let kb = knowledge::localized().unwrap();
    let engine = Engine::new(kb);
    let mut s = Session::new(kb.content_version);
    s.push(Event::Answered { question: "ios-version".into(), answer: "ios26".into() });
    let outcome = s.next(&engine).unwrap();
    summary_text(kb, &s, &outcome)
}

/// The summary's line for the iOS question, and the question and answer
/// texts it should join.
fn answer_line(text: &str) -> (String, String, String) {
    let kb = knowledge::localized().unwrap();
    let q = kb.questions.iter().find(|q| q.id == "ios-version").unwrap();
    let a = q.answers.iter().find(|a| a.id == "ios26").unwrap();
    let line = text.lines().find(|l| l.contains(&q.text)).unwrap_or_else(|| panic!("no line for {:?} in {text}", q.text)).to_string();
    (line, q.text.clone(), a.label.clone())
}

#[test]
fn a_question_and_its_answer_are_joined_the_languages_way() {
    let (line, q, a) = answer_line(&summary());
    assert_eq!(line, format!("- {q} {a}"));

    let ja = PACKS.iter().find(|(code, _)| *code == "ja").expect("a Japanese pack").1;
    knowledge::install("ja", ja).unwrap();
    assert!(knowledge::set_current("ja"));
    let (line, q, a) = answer_line(&summary());
    assert!(q.ends_with('？'), "{q}");
    assert_eq!(line, format!("- {q}{a}"));
}
