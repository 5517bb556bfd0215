//! The outcome record of one run (schema version 1, see README "Events"):
//! what an embedding page receives as the `outcome` event when a run ends,
//! and what `cargo xtask learn` reads back, one JSON object a line.
//!
//! Ids only: the content version, the seed (error code or alert id), each
//! answer and each fix tried with its result, how the run ended, the step
//! count, the hand-over setting and the UTC day. No free text, no time
//! finer than the day, no identifier of the person, the device or the run.

use super::{Event, SeedRef, Session};
use crate::json::Value;
use serde::{Deserialize, Serialize};

/// The version of the record's shape. Bump it when a field changes meaning.
pub const OUTCOME_SCHEMA: u32 = 1;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunEnd {
    /// A fix got the backup working.
    Resolved,
    /// The run reached the hand-over to Apple Support (or the portal's contact).
    HandedOver,
    /// The page was closed or left before either.
    Unfinished,
}

/// What happened when a fix was tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixResult {
    Worked,
    Failed,
    Couldnt,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FixRecord {
    pub fix: String,
    pub result: FixResult,
}

/// One run's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeRecord {
    /// [`OUTCOME_SCHEMA`].
    pub schema: u32,
    /// The knowledge base's `content_version` the run was made against.
    pub content_version: u32,
    /// The language the run was read in (`en`, `de`...), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The error code or alert the run started from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<SeedRef>,
    /// In the order given ("I'm not sure" included).
    #[serde(default)]
    pub answers: Vec<AnswerRecord>,
    /// In the order tried.
    #[serde(default)]
    pub fixes: Vec<FixRecord>,
    pub end: RunEnd,
    /// Steps in effect when the run ended (the seed counts as one).
    pub steps: u32,
    /// The portal's hand-over setting (`self-service`, `balanced`, `quick`).
    pub handover: String,
    /// The UTC day the run ended, `YYYY-MM-DD`.
    pub day: String,
}

impl OutcomeRecord {
    /// The record of a run as its log stands. Only the steps in effect
    /// count (undone ones are left out).
    pub fn of(session: &Session, end: RunEnd, handover: &str, day: &str) -> OutcomeRecord {
        let mut record = OutcomeRecord {
            schema: OUTCOME_SCHEMA,
            content_version: session.content_version,
            language: None,
            seed: None,
            answers: Vec::new(),
            fixes: Vec::new(),
            end,
            steps: session.step_count().min(u32::MAX as usize) as u32,
            handover: handover.to_string(),
            day: day.to_string(),
        };
        for event in session.effective() {
            let fix = |fix: &String, result| FixRecord { fix: fix.clone(), result };
            match event {
                Event::Seeded(seed) => {
                    if record.seed.is_none() {
                        record.seed = Some(seed.clone());
                    }
                }
                Event::Answered { question, answer } => {
                    // A changed answer replaces the earlier one, as in the evidence.
                    record.answers.retain(|a| &a.question != question);
                    record.answers.push(AnswerRecord { question: question.clone(), answer: answer.clone() });
                }
                Event::FixWorked { fix: f } => record.fixes.push(fix(f, FixResult::Worked)),
                Event::FixFailed { fix: f } => record.fixes.push(fix(f, FixResult::Failed)),
                Event::CouldNotDo { fix: f } => record.fixes.push(fix(f, FixResult::Couldnt)),
                Event::Undo => {}
            }
        }
        record
    }
}

impl RunEnd {
    pub fn name(self) -> &'static str {
        match self {
            RunEnd::Resolved => "resolved",
            RunEnd::HandedOver => "handed-over",
            RunEnd::Unfinished => "unfinished",
        }
    }
}

impl FixResult {
    pub fn name(self) -> &'static str {
        match self {
            FixResult::Worked => "worked",
            FixResult::Failed => "failed",
            FixResult::Couldnt => "couldnt",
        }
    }
}

impl OutcomeRecord {
    /// The record as the `outcome` event carries it: the fields in the
    /// order above, `language` and `seed` left out when there are none
    /// (serde's derives, which `cargo xtask learn` reads it with, agree:
    /// a test checks).
    pub fn to_json(&self) -> Value {
        let mut fields = vec![("schema", Value::from(self.schema)), ("content_version", Value::from(self.content_version))];
        if let Some(language) = &self.language {
            fields.push(("language", Value::from(language.as_str())));
        }
        if let Some(seed) = &self.seed {
            let (key, id) = seed.field();
            fields.push(("seed", Value::object([(key, Value::from(id))])));
        }
        let answers = self.answers.iter().map(|a| Value::object([("question", Value::from(a.question.as_str())), ("answer", Value::from(a.answer.as_str()))]));
        fields.push(("answers", Value::Array(answers.collect())));
        let fixes = self.fixes.iter().map(|f| Value::object([("fix", Value::from(f.fix.as_str())), ("result", Value::from(f.result.name()))]));
        fields.push(("fixes", Value::Array(fixes.collect())));
        fields.push(("end", Value::from(self.end.name())));
        fields.push(("steps", Value::from(self.steps)));
        fields.push(("handover", Value::from(self.handover.as_str())));
        fields.push(("day", Value::from(self.day.as_str())));
        Value::object(fields)
    }
}

/// The UTC day (`YYYY-MM-DD`) of a time in milliseconds since 1970, by the
/// civil-from-days algorithm (no calendar crate needed).
pub fn utc_day(ms: f64) -> String {
    let days = if ms.is_finite() { (ms / 86_400_000.0).floor() as i64 } else { 0 };
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
