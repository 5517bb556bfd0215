//! Scenarios: a support team's regression tests, as data.
//!
//! A scenario says who the user is (the true cause, and/or scripted answers
//! and fix outcomes) and what must happen. [`play`] runs the engine against
//! that user step by step; [`check`] compares the run with the
//! expectations. The file format is documented in
//! `tests/scenarios/README.md`; `examples/scenarios.rs` plays a directory.

use super::{AnswerIx, CauseIx, Engine, Evidence, FixIx, NextStep, QuestionIx};
use crate::knowledge::FixKind;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// One scenario file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// What the case is about, in a sentence.
    #[serde(default)]
    pub description: String,
    /// Evidence given before the first step (error lookup, deep link).
    #[serde(default)]
    pub seed: Option<ScenarioSeed>,
    /// The true cause: unscripted answers and fix outcomes follow from it.
    #[serde(default)]
    pub cause: Option<String>,
    /// Scripted answers: question id to answer id.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// Scripted fix outcomes: fix id to `works`, `fails` or `cannot`.
    #[serde(default)]
    pub fixes: BTreeMap<String, Scripted>,
    pub expect: Expect,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum ScenarioSeed {
    Code(String),
    Alert(String),
}

/// A scripted fix outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scripted {
    Works,
    Fails,
    Cannot,
}

/// What must happen. Every field is optional; all given must hold.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The first fix offered.
    #[serde(default)]
    pub first_fix: Option<String>,
    /// Each fix must have been offered at or before its step (1-based).
    #[serde(default)]
    pub offered_by: Vec<OfferedBy>,
    /// Resolved (a fix worked) in at most this many steps.
    #[serde(default)]
    pub resolved_within: Option<usize>,
    /// The fix that resolved it.
    #[serde(default)]
    pub resolved_by: Option<String>,
    /// The run ended (resolved, or handed over) in at most this many
    /// steps; the hand-over counts as a step.
    #[serde(default)]
    pub ends_within: Option<usize>,
    /// True: the run must end with the hand-over to Apple Support; false:
    /// it must not.
    #[serde(default)]
    pub escalates: Option<bool>,
    /// Fixes that must never be offered.
    #[serde(default)]
    pub never_offered: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferedBy {
    pub fix: String,
    pub step: usize,
}

/// One step the engine took with the simulated user.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Played {
    Asked { question: QuestionIx, answer: AnswerIx },
    Tried { fix: FixIx, outcome: Scripted },
    Escalated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Resolved(FixIx),
    Escalated,
    /// The engine ran past its own bound (a bug).
    StepLimit,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub steps: Vec<Played>,
    pub end: End,
}

/// A scenario names something the knowledge base does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError(pub String);

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScenarioError {}

/// The user a scenario describes, resolved to indices.
struct User {
    cause: Option<CauseIx>,
    answers: Vec<(QuestionIx, AnswerIx)>,
    fixes: Vec<(FixIx, Scripted)>,
}

fn unknown(kind: &str, id: &str) -> ScenarioError {
    ScenarioError(format!("unknown {kind} id `{id}`"))
}

fn resolve(engine: &Engine, s: &Scenario) -> Result<User, ScenarioError> {
    let cause = match &s.cause {
        Some(id) => Some(engine.cause_ix(id).ok_or_else(|| unknown("cause", id))?),
        None => None,
    };
    let mut answers = Vec::new();
    for (q, a) in &s.answers {
        let qi = engine.question_ix(q).ok_or_else(|| unknown("question", q))?;
        let ai = engine.answer_ix(qi, a).ok_or_else(|| unknown("answer", &format!("{q}/{a}")))?;
        answers.push((qi, ai));
    }
    let mut fixes = Vec::new();
    for (f, outcome) in &s.fixes {
        fixes.push((engine.fix_ix(f).ok_or_else(|| unknown("fix", f))?, *outcome));
    }
    let e = &s.expect;
    for f in e.first_fix.iter().chain(&e.resolved_by).chain(&e.never_offered).chain(e.offered_by.iter().map(|o| &o.fix)) {
        engine.fix_ix(f).ok_or_else(|| unknown("fix", f))?;
    }
    Ok(User { cause, answers, fixes })
}

impl User {
    /// The scripted answer, or the most likely one under the true cause
    /// (first in display order on a tie), or "I'm not sure".
    fn answer(&self, engine: &Engine, q: QuestionIx) -> AnswerIx {
        if let Some(&(_, a)) = self.answers.iter().find(|(x, _)| *x == q) {
            return a;
        }
        let count = engine.answer_count(q);
        if let Some(c) = self.cause {
            let mut best: Option<(AnswerIx, f64)> = None;
            for a in (0..count).map(AnswerIx).filter(|&a| !engine.is_unsure(q, a)) {
                if let Some(p) = engine.answer_likelihood(q, a, c) {
                    if best.is_none_or(|(_, b)| p > b) {
                        best = Some((a, p));
                    }
                }
            }
            if let Some((a, _)) = best {
                return a;
            }
        }
        (0..count).map(AnswerIx).find(|&a| engine.is_unsure(q, a)).unwrap_or(AnswerIx(0))
    }

    /// The scripted outcome, or: works when P(fix works | true cause) is at
    /// least 0.5, else fails; without a cause, fails.
    fn outcome(&self, engine: &Engine, f: FixIx) -> Scripted {
        if let Some(&(_, o)) = self.fixes.iter().find(|(x, _)| *x == f) {
            return o;
        }
        match self.cause {
            Some(c) if engine.fix_probability(f, c) >= 0.5 => Scripted::Works,
            _ => Scripted::Fails,
        }
    }
}

/// Plays the scenario: the engine picks each step, the simulated user
/// answers, until a fix works, the engine hands over, or the bound is hit.
pub fn play(engine: &Engine, s: &Scenario) -> Result<Run, ScenarioError> {
    let user = resolve(engine, s)?;
    let mut evidence = Evidence::new();
    match &s.seed {
        Some(ScenarioSeed::Code(code)) => evidence.seed(engine.code_seed(code).ok_or_else(|| unknown("error code", code))?),
        Some(ScenarioSeed::Alert(id)) => evidence.seed(engine.alert_seed(id).ok_or_else(|| unknown("alert", id))?),
        None => {}
    }
    let mut steps = Vec::new();
    for _ in 0..engine.max_steps() {
        match engine.next(&evidence).next {
            NextStep::Ask { question, .. } => {
                let answer = user.answer(engine, question);
                evidence.answer(question, answer);
                steps.push(Played::Asked { question, answer });
            }
            NextStep::Try { fix, .. } => {
                let outcome = user.outcome(engine, fix);
                steps.push(Played::Tried { fix, outcome });
                match outcome {
                    Scripted::Works => evidence.fix_worked(fix),
                    Scripted::Fails => evidence.fix_failed(fix),
                    Scripted::Cannot => evidence.could_not_do(fix),
                }
            }
            NextStep::Escalate { .. } => {
                steps.push(Played::Escalated);
                return Ok(Run { steps, end: End::Escalated });
            }
            NextStep::Resolved { fix } => return Ok(Run { steps, end: End::Resolved(fix) }),
        }
    }
    Ok(Run { steps, end: End::StepLimit })
}

/// The expectations the run breaks, as sentences (empty: it passed).
pub fn check(engine: &Engine, s: &Scenario, run: &Run) -> Vec<String> {
    let name = |f: FixIx| engine.fix_id(f).unwrap_or("?").to_string();
    let offered: Vec<(usize, FixIx)> = run
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match p {
            Played::Tried { fix, .. } => Some((i + 1, *fix)),
            _ => None,
        })
        .collect();
    let mut failures = Vec::new();
    let e = &s.expect;
    if let Some(want) = &e.first_fix {
        match offered.first() {
            Some((_, f)) if name(*f) == *want => {}
            Some((_, f)) => failures.push(format!("first fix was {}, expected {want}", name(*f))),
            None => failures.push(format!("no fix was offered, expected {want} first")),
        }
    }
    for o in &e.offered_by {
        match offered.iter().find(|(_, f)| name(*f) == o.fix) {
            Some((step, _)) if *step <= o.step => {}
            Some((step, _)) => failures.push(format!("{} offered at step {step}, expected by step {}", o.fix, o.step)),
            None => failures.push(format!("{} never offered, expected by step {}", o.fix, o.step)),
        }
    }
    for f in &e.never_offered {
        if let Some((step, _)) = offered.iter().find(|(_, x)| name(*x) == *f) {
            failures.push(format!("{f} offered at step {step}, expected never"));
        }
    }
    if let Some(n) = e.resolved_within {
        match run.end {
            End::Resolved(_) if run.steps.len() <= n => {}
            End::Resolved(_) => failures.push(format!("resolved in {} steps, expected within {n}", run.steps.len())),
            _ => failures.push(format!("not resolved, expected within {n} steps")),
        }
    }
    if let Some(n) = e.ends_within {
        match run.end {
            End::Resolved(_) | End::Escalated if run.steps.len() <= n => {}
            End::Resolved(_) | End::Escalated => failures.push(format!("ended after {} steps, expected within {n}", run.steps.len())),
            End::StepLimit => failures.push(format!("did not end, expected within {n} steps")),
        }
    }
    if let Some(want) = &e.resolved_by {
        match run.end {
            End::Resolved(f) if name(f) == *want => {}
            End::Resolved(f) => failures.push(format!("resolved by {}, expected {want}", name(f))),
            _ => failures.push(format!("not resolved, expected resolved by {want}")),
        }
    }
    if let Some(want) = e.escalates {
        let escalated = run.end == End::Escalated;
        if escalated != want {
            failures.push(if want { "did not escalate, expected Apple Support".into() } else { "escalated, expected not to".into() });
        }
    }
    if run.end == End::StepLimit {
        failures.push(format!("ran past the bound of {} steps", engine.max_steps()));
    }
    failures
}

/// The run as one line: `ask q=a, try f: fails, …, resolved`.
pub fn describe(engine: &Engine, run: &Run) -> String {
    let mut parts: Vec<String> = run
        .steps
        .iter()
        .map(|p| match *p {
            Played::Asked { question, answer } => format!(
                "ask {}={}",
                engine.question_id(question).unwrap_or("?"),
                engine.answer_id(question, answer).unwrap_or("?")
            ),
            Played::Tried { fix, outcome } => {
                let o = match outcome {
                    Scripted::Works => "works",
                    Scripted::Fails => "fails",
                    Scripted::Cannot => "cannot",
                };
                let support = engine.fix_kind(fix) == Some(FixKind::Escalation);
                format!("try {}{}: {o}", engine.fix_id(fix).unwrap_or("?"), if support { " (support)" } else { "" })
            }
            Played::Escalated => "escalate to Apple Support".into(),
        })
        .collect();
    if run.end == End::StepLimit {
        parts.push("STEP LIMIT".into());
    }
    parts.join(", ")
}
