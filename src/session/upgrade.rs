//! Runs saved or shared with an earlier content version, brought up to
//! today's content: answers that were renamed or split become today's
//! answers (the knowledge base's `answer_changes`), and whatever names
//! something today's content no longer has is left out, so the person
//! keeps every step that still means something.

use super::log::{Event, SeedRef, Session};
use crate::knowledge::KnowledgeBase;

/// What bringing a run up to date did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upgrade {
    /// The content version the run was made with.
    pub from_version: u32,
    /// Answers turned into today's answers.
    pub mapped: usize,
    /// Steps left out: nothing today says the same.
    pub dropped: usize,
}

impl Upgrade {
    /// True when every step of the run was kept (as is or mapped).
    pub fn kept_everything(&self) -> bool {
        self.dropped == 0
    }
}

/// Brings `session` up to `kb.content_version`. A run already made with
/// it is returned unchanged, with `None`. The result has no undos (the
/// steps in effect are kept, in order) and passes `check_ids(kb)`.
pub fn upgrade(session: &Session, kb: &KnowledgeBase) -> (Session, Option<Upgrade>) {
    if session.content_version >= kb.content_version {
        return (session.clone(), None);
    }
    let mut report = Upgrade { from_version: session.content_version, mapped: 0, dropped: 0 };
    let mut out = Session::new(kb.content_version);
    let answered = |out: &Session, question: &str| {
        out.events.iter().any(|e| matches!(e, Event::Answered { question: q, .. } if q == question))
    };
    for event in session.effective() {
        match event {
            Event::Answered { question, answer } if !has_answer(kb, question, answer) => {
                let change = kb
                    .answer_changes
                    .iter()
                    .find(|c| &c.question == question && &c.answer == answer && c.until_version >= session.content_version);
                let becomes: Vec<Event> = change
                    .map(|c| c.becomes.iter().filter(|b| has_answer(kb, &b.question, &b.answer)).collect::<Vec<_>>())
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|b| !answered(&out, &b.question))
                    .map(|b| Event::Answered { question: b.question.clone(), answer: b.answer.clone() })
                    .collect();
                if becomes.is_empty() {
                    report.dropped += 1;
                } else {
                    report.mapped += 1;
                    out.events.extend(becomes);
                }
            }
            Event::Answered { question, .. } if answered(&out, question) => report.dropped += 1,
            other if known(kb, other) => out.push((*other).clone()),
            _ => report.dropped += 1,
        }
    }
    (out, Some(report))
}

fn has_answer(kb: &KnowledgeBase, question: &str, answer: &str) -> bool {
    kb.questions.iter().any(|q| q.id == question && q.answers.iter().any(|a| a.id == answer))
}

fn known(kb: &KnowledgeBase, event: &Event) -> bool {
    match event {
        Event::Seeded(SeedRef::Code(code)) => kb.error_codes.iter().any(|c| &c.code == code),
        Event::Seeded(SeedRef::Alert(id)) => kb.alerts.iter().any(|a| &a.id == id),
        Event::Answered { question, answer } => has_answer(kb, question, answer),
        Event::FixWorked { fix } | Event::FixFailed { fix } | Event::CouldNotDo { fix } => kb.fixes.iter().any(|f| &f.id == fix),
        Event::Undo => false,
    }
}
