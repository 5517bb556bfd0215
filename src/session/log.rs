//! The event log of one troubleshooting run.
//!
//! A run *is* its log: replaying the events rebuilds the evidence, and the
//! engine turns the evidence into the next step. So back, undo, resume and
//! share need nothing more than this list, and the same log always gives
//! the same next step.
//!
//! Events carry ids (slugs), never indices, so a saved log survives
//! content edits that only add things; [`Session::check_ids`] tells when a
//! saved log names something the current content no longer has.

use crate::engine::{Engine, Evidence, Outcome};
use crate::knowledge::KnowledgeBase;
use crate::json::Value;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The version of the session's serialised form. Bump it, and add a
/// migration, whenever the shape of [`Session`] or [`Event`] changes.
pub const SESSION_VERSION: u32 = 1;

/// One thing that happened in a run.
///
/// Serialised with an `event` tag in kebab-case:
/// `{"event":"answered","question":"battery","answer":"low"}`,
/// `{"event":"seeded","code":"9006"}`, `{"event":"undo"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// Evidence from outside the questions (error lookup, deep link).
    Seeded(SeedRef),
    Answered { question: String, answer: String },
    FixWorked { fix: String },
    FixFailed { fix: String },
    CouldNotDo { fix: String },
    /// Takes back the last step that is still in effect.
    Undo,
}

/// What a run was seeded with: `{"code":"9006"}` or `{"alert":"<id>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeedRef {
    Code(String),
    Alert(String),
}

/// One run: the content version it was made against and its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// [`SESSION_VERSION`] when written.
    pub version: u32,
    /// The knowledge base's `content_version` when the run started.
    pub content_version: u32,
    pub events: Vec<Event>,
}

/// A saved log names something the knowledge base does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    pub kind: IdKind,
    /// The unknown id; for an answer, `question/answer`.
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Question,
    Answer,
    Fix,
    Code,
    Alert,
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            IdKind::Question => "question",
            IdKind::Answer => "answer",
            IdKind::Fix => "fix",
            IdKind::Code => "error code",
            IdKind::Alert => "alert",
        };
        write!(f, "unknown {kind} `{}`", self.id)
    }
}

impl std::error::Error for UnknownId {}

impl Session {
    /// An empty run against this content version.
    pub fn new(content_version: u32) -> Session {
        Session { version: SESSION_VERSION, content_version, events: Vec::new() }
    }

    /// Appends an event.
    pub fn push(&mut self, event: Event) {
        self.events.push(event);
    }

    /// The events still in effect, in order: each `Undo` removes the last
    /// one before it (an `Undo` with nothing to undo does nothing).
    pub fn effective(&self) -> Vec<&Event> {
        let mut steps: Vec<&Event> = Vec::with_capacity(self.events.len());
        for event in &self.events {
            match event {
                Event::Undo => {
                    steps.pop();
                }
                other => steps.push(other),
            }
        }
        steps
    }

    /// How many steps are in effect (seeds included: telling us the error
    /// code is a step too).
    pub fn step_count(&self) -> usize {
        self.effective().len()
    }

    /// Keeps the first `n` steps in effect and drops the rest, for changing
    /// an earlier answer: truncate to the steps before it, then push the new
    /// answer. Rewrites the log without its undos.
    pub fn truncate_to(&mut self, n: usize) {
        let kept: Vec<Event> = self.effective().into_iter().take(n).cloned().collect();
        self.events = kept;
    }

    /// True when a fix worked (the run is over).
    pub fn is_resolved(&self) -> bool {
        self.effective().iter().any(|e| matches!(e, Event::FixWorked { .. }))
    }

    /// Replays the log into evidence for the engine. Fails on the first
    /// id the engine does not know.
    pub fn replay(&self, engine: &Engine) -> Result<Evidence, UnknownId> {
        let mut evidence = Evidence::new();
        for event in self.effective() {
            apply(engine, &mut evidence, event)?;
        }
        Ok(evidence)
    }

    /// Replays the log and asks the engine for the next step.
    pub fn next(&self, engine: &Engine) -> Result<Outcome, UnknownId> {
        Ok(engine.next(&self.replay(engine)?))
    }

    /// Checks that every id in the log exists in this knowledge base (for a
    /// saved run whose content may have changed since).
    pub fn check_ids(&self, kb: &KnowledgeBase) -> Result<(), UnknownId> {
        for event in &self.events {
            match event {
                Event::Seeded(SeedRef::Code(code)) => {
                    if !kb.error_codes.iter().any(|c| &c.code == code) {
                        return Err(UnknownId { kind: IdKind::Code, id: code.clone() });
                    }
                }
                Event::Seeded(SeedRef::Alert(id)) => {
                    if !kb.alerts.iter().any(|a| &a.id == id) {
                        return Err(UnknownId { kind: IdKind::Alert, id: id.clone() });
                    }
                }
                Event::Answered { question, answer } => {
                    let Some(q) = kb.questions.iter().find(|q| &q.id == question) else {
                        return Err(UnknownId { kind: IdKind::Question, id: question.clone() });
                    };
                    if !q.answers.iter().any(|a| &a.id == answer) {
                        return Err(UnknownId { kind: IdKind::Answer, id: format!("{question}/{answer}") });
                    }
                }
                Event::FixWorked { fix } | Event::FixFailed { fix } | Event::CouldNotDo { fix } => {
                    if !kb.fixes.iter().any(|f| &f.id == fix) {
                        return Err(UnknownId { kind: IdKind::Fix, id: fix.clone() });
                    }
                }
                Event::Undo => {}
            }
        }
        Ok(())
    }
}

fn apply(engine: &Engine, evidence: &mut Evidence, event: &Event) -> Result<(), UnknownId> {
    let fix = |id: &String| engine.fix_ix(id).ok_or_else(|| UnknownId { kind: IdKind::Fix, id: id.clone() });
    match event {
        Event::Seeded(SeedRef::Code(code)) => {
            let seed = engine.code_seed(code).ok_or_else(|| UnknownId { kind: IdKind::Code, id: code.clone() })?;
            evidence.seed(seed);
        }
        Event::Seeded(SeedRef::Alert(id)) => {
            let seed = engine.alert_seed(id).ok_or_else(|| UnknownId { kind: IdKind::Alert, id: id.clone() })?;
            evidence.seed(seed);
        }
        Event::Answered { question, answer } => {
            let q = engine
                .question_ix(question)
                .ok_or_else(|| UnknownId { kind: IdKind::Question, id: question.clone() })?;
            let a = engine
                .answer_ix(q, answer)
                .ok_or_else(|| UnknownId { kind: IdKind::Answer, id: format!("{question}/{answer}") })?;
            evidence.answer(q, a);
        }
        Event::FixWorked { fix: id } => evidence.fix_worked(fix(id)?),
        Event::FixFailed { fix: id } => evidence.fix_failed(fix(id)?),
        Event::CouldNotDo { fix: id } => evidence.could_not_do(fix(id)?),
        Event::Undo => {}
    }
    Ok(())
}

// The saved form, read and written by `crate::json` (serde's derives above
// serve the native tools; a test checks that both agree).

impl SeedRef {
    /// The seed's one field: `("code", "9006")` or `("alert", id)`.
    pub fn field(&self) -> (&'static str, &str) {
        match self {
            SeedRef::Code(code) => ("code", code),
            SeedRef::Alert(id) => ("alert", id),
        }
    }

    /// From an object holding exactly one of `code` and `alert` (other
    /// fields than `skip` make it something else).
    pub fn from_json(value: &Value, skip: &str) -> Result<SeedRef, String> {
        let Value::Object(fields) = value else { return Err("a seed is not an object".into()) };
        let mut found = None;
        for (key, v) in fields.iter().filter(|(k, _)| k != skip) {
            let seed = match (key.as_str(), v) {
                ("code", Value::String(s)) => SeedRef::Code(s.clone()),
                ("alert", Value::String(s)) => SeedRef::Alert(s.clone()),
                ("code" | "alert", _) => return Err(format!("`{key}` is not a string")),
                _ => continue,
            };
            if found.replace(seed).is_some() {
                return Err("a seed names more than one of `code` and `alert`".into());
            }
        }
        found.ok_or_else(|| "a seed names neither `code` nor `alert`".into())
    }
}

impl Event {
    /// `{"event":"answered","question":"battery","answer":"low"}`...
    pub fn to_json(&self) -> Value {
        let (name, fields): (&str, Vec<(&str, &str)>) = match self {
            Event::Seeded(seed) => ("seeded", vec![seed.field()]),
            Event::Answered { question, answer } => ("answered", vec![("question", question), ("answer", answer)]),
            Event::FixWorked { fix } => ("fix-worked", vec![("fix", fix)]),
            Event::FixFailed { fix } => ("fix-failed", vec![("fix", fix)]),
            Event::CouldNotDo { fix } => ("could-not-do", vec![("fix", fix)]),
            Event::Undo => ("undo", Vec::new()),
        };
        let mut all = vec![("event", Value::from(name))];
        all.extend(fields.into_iter().map(|(k, v)| (k, Value::from(v))));
        Value::object(all)
    }

    /// Reads what [`Event::to_json`] writes; other fields are ignored.
    pub fn from_json(value: &Value) -> Result<Event, String> {
        let name = value.str_field("event")?;
        Ok(match name {
            "seeded" => Event::Seeded(SeedRef::from_json(value, "event")?),
            "answered" => Event::Answered { question: value.str_field("question")?.to_string(), answer: value.str_field("answer")?.to_string() },
            "fix-worked" => Event::FixWorked { fix: value.str_field("fix")?.to_string() },
            "fix-failed" => Event::FixFailed { fix: value.str_field("fix")?.to_string() },
            "could-not-do" => Event::CouldNotDo { fix: value.str_field("fix")?.to_string() },
            "undo" => Event::Undo,
            other => return Err(format!("unknown event `{other}`")),
        })
    }
}

impl Session {
    /// `{"version":1,"content_version":3,"events":[...]}`.
    pub fn to_json(&self) -> Value {
        Value::object([
            ("version", Value::from(self.version)),
            ("content_version", Value::from(self.content_version)),
            ("events", Value::Array(self.events.iter().map(Event::to_json).collect())),
        ])
    }

    /// Reads what [`Session::to_json`] writes; other fields are ignored.
    pub fn from_json(value: &Value) -> Result<Session, String> {
        if !matches!(value, Value::Object(_)) {
            return Err("the session is not an object".into());
        }
        let events = value.list_field("events")?;
        Ok(Session {
            version: value.u32_field("version")?,
            content_version: value.u32_field("content_version")?,
            events: events.iter().map(Event::from_json).collect::<Result<_, _>>()?,
        })
    }
}
