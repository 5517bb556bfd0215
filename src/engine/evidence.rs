//! What is known so far in one run, by index.

use super::{AnswerIx, FixIx, QuestionIx};

/// Evidence given from outside the questions: an error code or an alert.
/// The index is the position in the knowledge base's `error_codes` or
/// `alerts`; [`super::Engine::code_seed`] and [`super::Engine::alert_seed`]
/// find them by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Seed {
    Code(usize),
    Alert(usize),
}

/// How a fix that did not get the backup working ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FixOutcome {
    /// Done, and the backup still fails: evidence against the causes it
    /// would have fixed.
    Failed,
    /// The person could not do it: no evidence, the fix is just set aside.
    CouldNotDo,
}

/// Everything known in one run. Built by replaying a session's events
/// (`crate::session`), or directly in tests and the benchmark.
///
/// Each question has at most one answer and each fix at most one outcome:
/// recording a second one replaces the first. Order does not change the
/// beliefs (Bayes commutes) but is kept for the device context, where the
/// last answer wins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    seeds: Vec<Seed>,
    answers: Vec<(QuestionIx, AnswerIx)>,
    tried: Vec<(FixIx, FixOutcome)>,
    worked: Option<FixIx>,
}

impl Evidence {
    pub fn new() -> Evidence {
        Evidence::default()
    }

    /// Adds an error code or alert. The same seed twice counts once.
    pub fn seed(&mut self, seed: Seed) {
        if !self.seeds.contains(&seed) {
            self.seeds.push(seed);
        }
    }

    /// Records an answer ("I'm not sure" included: the question then counts
    /// as asked but changes no belief).
    pub fn answer(&mut self, question: QuestionIx, answer: AnswerIx) {
        match self.answers.iter_mut().find(|(q, _)| *q == question) {
            Some(slot) => slot.1 = answer,
            None => self.answers.push((question, answer)),
        }
    }

    pub fn fix_failed(&mut self, fix: FixIx) {
        self.record(fix, FixOutcome::Failed);
    }

    pub fn could_not_do(&mut self, fix: FixIx) {
        self.record(fix, FixOutcome::CouldNotDo);
    }

    /// The backup works: the run is over.
    pub fn fix_worked(&mut self, fix: FixIx) {
        self.tried.retain(|(f, _)| *f != fix);
        self.worked = Some(fix);
    }

    fn record(&mut self, fix: FixIx, outcome: FixOutcome) {
        match self.tried.iter_mut().find(|(f, _)| *f == fix) {
            Some(slot) => slot.1 = outcome,
            None => self.tried.push((fix, outcome)),
        }
    }

    pub fn seeds(&self) -> &[Seed] {
        &self.seeds
    }
    pub fn answers(&self) -> &[(QuestionIx, AnswerIx)] {
        &self.answers
    }
    /// Fixes that failed or could not be done, in the order tried.
    pub fn tried(&self) -> impl Iterator<Item = (FixIx, FixOutcome)> + '_ {
        self.tried.iter().copied()
    }
    pub fn failed(&self) -> impl Iterator<Item = FixIx> + '_ {
        self.tried.iter().filter(|(_, o)| *o == FixOutcome::Failed).map(|(f, _)| *f)
    }
    pub fn could_not(&self) -> impl Iterator<Item = FixIx> + '_ {
        self.tried.iter().filter(|(_, o)| *o == FixOutcome::CouldNotDo).map(|(f, _)| *f)
    }
    pub fn worked(&self) -> Option<FixIx> {
        self.worked
    }
    pub fn is_answered(&self, question: QuestionIx) -> bool {
        self.answers.iter().any(|(q, _)| *q == question)
    }
    /// True when the fix failed, could not be done, or worked.
    pub fn is_tried(&self, fix: FixIx) -> bool {
        self.worked == Some(fix) || self.tried.iter().any(|(f, _)| *f == fix)
    }
    pub fn answer_to(&self, question: QuestionIx) -> Option<AnswerIx> {
        self.answers.iter().find(|(q, _)| *q == question).map(|(_, a)| *a)
    }
}
