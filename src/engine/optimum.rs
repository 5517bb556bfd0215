//! The exact optimum with questions, for small models: the benchmark's
//! yardstick for the whole policy, and the tests' check of it.
//!
//! The search goes over evidence states (which questions got which
//! answer, which fixes failed), memoised, and at each state takes the
//! cheapest of: every question not asked, every ordinary fix not tried
//! whose chance is above [`NOT_WORTH_TRYING`] (the engine's own rule: a
//! fix with no chance is not a step), and the hand-over (an escalation
//! fix, which always works and ends the run). With no fix worth trying and
//! no hand-over left, the run ends at no further cost. It works on
//! unnormalised weights, so `Σ_a P(a | e) · V(e ∪ a)` needs no division.
//!
//! The state space grows as `(answers + 1)^questions · 2^fixes`: meant for
//! sub-models of a few questions and fixes, not the whole knowledge base.

use super::{AnswerIx, CauseIx, Engine, Evidence, FixIx, Lookahead, NextStep, QuestionIx, NOT_WORTH_TRYING};
use crate::knowledge::FixKind;
use std::collections::HashMap;

/// Weights below this are a branch nobody reaches.
const NEGLIGIBLE: f64 = 1e-14;

/// A model as plain tables: the truth the exact search and the policy's
/// evaluation both read.
#[derive(Debug, Clone, PartialEq)]
pub struct ExactModel {
    prior: Vec<f64>,
    /// Per question: its cost, and per answer ("not sure" included)
    /// P(answer | cause).
    questions: Vec<(f64, Vec<Vec<f64>>)>,
    /// Per fix: its cost, P(works | cause), and its kind.
    fixes: Vec<(f64, Vec<f64>, FixKind)>,
}

impl ExactModel {
    /// The engine's own tables (priors, P(answer | cause) with "not sure",
    /// P(works | cause), costs).
    pub fn of(engine: &Engine) -> ExactModel {
        let n = engine.cause_count();
        let questions = (0..engine.question_count())
            .map(QuestionIx)
            .map(|q| {
                let answers = (0..engine.answer_count(q))
                    .map(|a| (0..n).map(|c| engine.answer_likelihood(q, AnswerIx(a), CauseIx(c)).unwrap_or(0.0)).collect())
                    .collect();
                (engine.question_cost(q).unwrap_or(0.0), answers)
            })
            .collect();
        let fixes = (0..engine.fix_count())
            .map(FixIx)
            .map(|f| {
                let works = (0..n).map(|c| engine.fix_probability(f, CauseIx(c))).collect();
                (engine.fix_cost(f).unwrap_or(0.0), works, engine.fix_kind(f).unwrap_or_default())
            })
            .collect();
        ExactModel { prior: engine.priors().to_vec(), questions, fixes }
    }

    /// The same model for people who say "not sure" at `rate` whatever the
    /// cause (the other answers scaled to what is left).
    pub fn with_unsure_rate(mut self, engine: &Engine, rate: f64) -> ExactModel {
        let rate = if rate.is_finite() { rate.clamp(0.0, 1.0) } else { 0.0 };
        for (q, (_, answers)) in self.questions.iter_mut().enumerate() {
            let Some(x) = (0..answers.len()).find(|&a| engine.is_unsure(QuestionIx(q), AnswerIx(a))) else { continue };
            let before = answers[x].clone();
            for (a, lik) in answers.iter_mut().enumerate() {
                for (c, p) in lik.iter_mut().enumerate() {
                    *p = if a == x { rate } else { *p * (1.0 - rate) / (1.0 - before[c]).max(f64::MIN_POSITIVE) };
                }
            }
        }
        self
    }

    /// The least expected cost of any policy from the priors; `None` when
    /// the model is too big to index (more than 64 fixes, 16 questions or
    /// 15 answers to a question).
    pub fn optimum(&self) -> Option<f64> {
        if self.fixes.len() > 64 || self.questions.len() > 16 || self.questions.iter().any(|(_, a)| a.len() > 15) {
            return None;
        }
        let mut asked = vec![0u8; self.questions.len()];
        Some(self.best(&self.prior, &mut asked, 0, &mut HashMap::new()))
    }

    fn best(&self, w: &[f64], asked: &mut [u8], tried: u64, memo: &mut HashMap<u128, f64>) -> f64 {
        let mass: f64 = w.iter().sum();
        if mass < NEGLIGIBLE {
            return 0.0;
        }
        let key = asked.iter().enumerate().fold(tried as u128, |k, (i, &a)| k | (a as u128) << (64 + 4 * i));
        if let Some(&v) = memo.get(&key) {
            return v;
        }
        let mut best = f64::INFINITY;
        for (f, (cost, works, kind)) in self.fixes.iter().enumerate() {
            if tried & (1 << f) != 0 {
                continue;
            }
            match kind {
                FixKind::Escalation => best = best.min(cost * mass),
                FixKind::Fix => {
                    let chance: f64 = w.iter().zip(works).map(|(x, q)| x * q).sum();
                    if chance <= NOT_WORTH_TRYING * mass {
                        continue;
                    }
                    let after: Vec<f64> = w.iter().zip(works).map(|(x, q)| x * (1.0 - q)).collect();
                    best = best.min(cost * mass + self.best(&after, asked, tried | (1 << f), memo));
                }
                FixKind::WayOut => {}
            }
        }
        // No fix worth trying and no hand-over: the run ends here, at no
        // further cost (a question could only add to it).
        if best == f64::INFINITY {
            memo.insert(key, 0.0);
            return 0.0;
        }
        for q in 0..self.questions.len() {
            if asked[q] != 0 {
                continue;
            }
            let (cost, answers) = &self.questions[q];
            let mut value = cost * mass;
            for (a, lik) in answers.iter().enumerate() {
                let after: Vec<f64> = w.iter().zip(lik).map(|(x, l)| x * l).collect();
                asked[q] = a as u8 + 1;
                value += self.best(&after, asked, tried, memo);
            }
            asked[q] = 0;
            best = best.min(value);
        }
        memo.insert(key, best);
        best
    }

    /// The exact expected cost of the engine's policy (its steps for every
    /// answer and every failed fix, followed to the end) on this model.
    pub fn policy_cost(&self, engine: &Engine, look: Lookahead) -> f64 {
        self.policy(engine, look, &Evidence::new(), &self.prior, 0)
    }

    fn policy(&self, engine: &Engine, look: Lookahead, e: &Evidence, w: &[f64], depth: usize) -> f64 {
        let mass: f64 = w.iter().sum();
        if mass < NEGLIGIBLE || depth > engine.max_steps() {
            return 0.0;
        }
        match engine.next_with(e, look).next {
            NextStep::Ask { question, .. } => {
                let Some((cost, answers)) = self.questions.get(question.0) else { return 0.0 };
                let mut value = cost * mass;
                for (a, lik) in answers.iter().enumerate() {
                    let mut next = e.clone();
                    next.answer(question, AnswerIx(a));
                    let after: Vec<f64> = w.iter().zip(lik).map(|(x, l)| x * l).collect();
                    value += self.policy(engine, look, &next, &after, depth + 1);
                }
                value
            }
            NextStep::Try { fix, .. } => {
                let Some((cost, works, _)) = self.fixes.get(fix.0) else { return 0.0 };
                let mut next = e.clone();
                next.fix_failed(fix);
                let after: Vec<f64> = w.iter().zip(works).map(|(x, q)| x * (1.0 - q)).collect();
                cost * mass + self.policy(engine, look, &next, &after, depth + 1)
            }
            NextStep::Escalate { why } => why.fix.and_then(|f| self.fixes.get(f.0)).map_or(0.0, |(cost, _, _)| cost * mass),
            NextStep::Resolved { .. } => 0.0,
        }
    }
}
