//! The diagnostic engine: beliefs, the next step, explanations. Plain Rust.
//!
//! The method is decision-theoretic troubleshooting (Heckerman, Breese &
//! Rommelse; see `ENGINE-MATH.md` in the shared docs):
//!
//! - **Beliefs**: single-fault Bayes over the causes, from the seeds (an
//!   error code or alert text), the answers and the fixes that failed.
//!   Every likelihood is floored at [`LIKELIHOOD_FLOOR`] so that no sequence
//!   of answers can drive all beliefs to zero.
//! - **Fixes** are ordered by efficiency `P(fixes | e) / cost`; the
//!   expected cost of repair (ECR) of that order is what the engine expects
//!   the rest of the run to cost.
//! - **Questions** are asked when their expected cost of observation (ECO)
//!   is below the ECR: the myopic value-of-information rule. The ECO counts
//!   the "not sure" branch: P(not sure | cause) from the data
//!   ([`DEFAULT_UNSURE`] without it), raised by this person's own "not
//!   sure" answers ([`Engine::unsure_tendency`]).
//! - **The hand-over** is priced by the support team's [`Handover`]
//!   setting; on a hand-over the engine lists the fixes still worth a try
//!   ([`Outcome::alternatives`]).
//! - **After a fix worked**, the beliefs count it:
//!   P(cause | e, worked) ∝ P(cause | e) · P(works | cause).
//! - **Apple Support** (the fix of kind `escalation`) always works at a high
//!   cost: it takes its place in the order like any other fix and so comes
//!   up when nothing left is worth trying.
//!
//! Invariants: the engine knows nothing about the UI; it never panics on
//! any [`Evidence`] (unknown indices are ignored); the same evidence always
//! gives the same step (ties go to the lower index).
//!
//! [`Engine::new`] turns the knowledge base into index-based numeric
//! tables once; [`Engine::next`] is then cheap enough to run on every click.

mod cost;
mod evidence;
#[doc(hidden)]
pub mod fixture;
mod handover;
pub mod optimum;
mod plan;
pub mod scenario;

pub use cost::{effort_factor, risk_penalty, step_cost, BASE_COST};
pub use evidence::{Evidence, FixOutcome, Seed};
pub use handover::Handover;
pub use plan::Lookahead;

use crate::knowledge::{Applies, DeviceContext, FixKind, IosVersion, KnowledgeBase, ModelFamily};

/// No likelihood (P(answer | cause), P(code | cause), P(fix fails | cause))
/// is allowed below this: evidence can make a cause very unlikely, never
/// impossible.
pub const LIKELIHOOD_FLOOR: f64 = 1e-4;

/// P(not sure | cause) for a question whose "I'm not sure" answer carries
/// no likelihoods in the data: about one answer in ten.
pub const DEFAULT_UNSURE: f64 = 0.1;

/// P(not sure | cause) is kept within [floor, this], as the knowledge
/// base's validation asks.
pub use crate::knowledge::validate::MAX_UNSURE;

/// The person's own tendency to say "not sure" is estimated as
/// `k / (n + UNSURE_PRIOR_ANSWERS)` after `k` of `n` answers were "not
/// sure": shrunk towards the data's P(not sure | cause) early in the run.
pub const UNSURE_PRIOR_ANSWERS: f64 = 0.5;

/// A fix whose chance of working, given the evidence, is below this is not
/// worth the person's time and is left out of the plan.
pub const NOT_WORTH_TRYING: f64 = 1e-3;

/// A cause, by its position in [`KnowledgeBase::causes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CauseIx(pub usize);

/// A question, by its position in [`KnowledgeBase::questions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuestionIx(pub usize);

/// An answer, by its position in its question's `answers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AnswerIx(pub usize);

/// A fix, by its position in [`KnowledgeBase::fixes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FixIx(pub usize);

/// What the engine proposes, with the numbers that explain it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub next: NextStep,
    /// Every cause with its probability given the evidence, most likely
    /// first (ties by index). Sums to 1.
    pub beliefs: Vec<(CauseIx, f64)>,
    /// What the answers told about the iPhone.
    pub device: DeviceContext,
    /// Expected cost of repair from here, following the fix order alone
    /// (minute-equivalents, see [`step_cost`]).
    pub ecr: f64,
    /// The remaining fixes in the order the engine would try them
    /// (escalation included, way-outs and not-worth-trying fixes left out).
    pub plan: Vec<FixIx>,
    /// On a hand-over: the best ordinary fixes still worth a try at home,
    /// most efficient first (at most [`STILL_WORTH_A_TRY`]). Empty
    /// otherwise.
    pub alternatives: Vec<Alternative>,
}

/// How many fixes the hand-over screen offers to try at home.
pub const STILL_WORTH_A_TRY: usize = 3;

/// A fix the person may still try instead of the hand-over, with what the
/// fix step needs to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub fix: FixIx,
    pub variants: Variants,
    pub why: TryWhy,
}

/// The next step of the run.
#[derive(Debug, Clone, PartialEq)]
pub enum NextStep {
    /// Ask this question.
    Ask { question: QuestionIx, why: AskWhy },
    /// Suggest this fix.
    Try { fix: FixIx, variants: Variants, why: TryWhy },
    /// Hand over to a person.
    Escalate { why: EscalateWhy },
    /// A fix worked: the backup works.
    Resolved { fix: FixIx },
}

/// Why a question is worth asking.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AskWhy {
    /// Expected cost of going straight to the fixes.
    pub ecr: f64,
    /// Expected cost of asking first, then following the fixes.
    pub eco: f64,
    /// `ecr - eco`: how much asking is expected to save (> 0).
    pub saving: f64,
    /// The fix that would come now if the engine did not ask.
    pub instead: Option<FixIx>,
}

/// Why this fix comes now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TryWhy {
    /// P(this fix gets the backup working | evidence).
    pub p_fixes: f64,
    /// Its cost (see [`step_cost`]).
    pub cost: f64,
    /// `p_fixes / cost`: the highest of the remaining fixes.
    pub efficiency: f64,
    /// Expected cost of repair from here.
    pub ecr: f64,
    /// The fix that would come next, with its efficiency.
    pub next_best: Option<(FixIx, f64)>,
    /// The best question not asked, with its ECO (which is not below the
    /// ECR, or it would have been asked).
    pub best_question: Option<(QuestionIx, f64)>,
}

/// Why the engine hands over to Apple Support.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EscalateWhy {
    pub reason: EscalateReason,
    /// The escalation fix to show (Apple Support), when the knowledge base
    /// has one that was not already tried.
    pub fix: Option<FixIx>,
    /// The best ordinary fix left, with its P(fixes | evidence) and its
    /// efficiency, if any remains.
    pub best_fix: Option<(FixIx, f64, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EscalateReason {
    /// The remaining fixes are so unlikely to work for their cost that
    /// Apple Support is the better next step.
    BetterThanRemainingFixes,
    /// Every fix worth trying has been tried or could not be done.
    NothingLeft,
}

/// Which step variants of a fix to show for what is known about the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variants {
    /// Indices into the fix's `variants`, in display order.
    pub shown: Vec<usize>,
    /// True when more than one is shown: each must carry its label so the
    /// person can pick theirs.
    pub labelled: bool,
}

/// The knowledge base as numeric tables, ready to compute steps.
#[derive(Debug, Clone)]
pub struct Engine {
    cause_ids: Vec<String>,
    /// Normalised priors, each at least the floor.
    prior: Vec<f64>,
    questions: Vec<QuestionTable>,
    fixes: Vec<FixTable>,
    codes: Vec<SeedTable>,
    alerts: Vec<SeedTable>,
    seed_question: Option<QuestionIx>,
    /// The support team's setting, already applied to the escalation's
    /// cost (see [`Engine::with_handover`]).
    handover: Handover,
}

#[derive(Debug, Clone)]
struct QuestionTable {
    id: String,
    cost: f64,
    answers: Vec<AnswerTable>,
}

#[derive(Debug, Clone)]
struct AnswerTable {
    id: String,
    unsure: bool,
    /// P(answer | cause) per cause. For "I'm not sure": the data's
    /// P(not sure | cause), or [`DEFAULT_UNSURE`]. For the informative
    /// answers: floored and normalised so that, per cause, they sum to
    /// 1 − P(not sure | cause).
    lik: Vec<f64>,
    /// False when `lik` is the same for every cause ("not sure" without
    /// data): the answer then leaves the beliefs exactly as they were.
    evidence: bool,
    sets_ios: Option<IosVersion>,
    sets_model: Option<ModelFamily>,
}

#[derive(Debug, Clone)]
struct FixTable {
    id: String,
    kind: FixKind,
    cost: f64,
    /// P(fix works | cause) per cause, clamped to [0, 1]; 1 for escalation.
    q: Vec<f64>,
    /// max(1 - q, floor): the belief update when it fails.
    fail: Vec<f64>,
    variants: Vec<Applies>,
}

#[derive(Debug, Clone)]
struct SeedTable {
    id: String,
    lik: Vec<f64>,
    /// For an alert that is one of the seed question's answers: that answer.
    answer: Option<AnswerIx>,
}

/// A probability from the data as the engine reads it: missing or not a
/// number counts as 0, anything else is clamped to [0, 1].
pub fn clean_probability(v: Option<f64>) -> f64 {
    match v {
        Some(p) if p.is_finite() => p.clamp(0.0, 1.0),
        _ => 0.0,
    }
}

impl Engine {
    /// Builds the tables. Any knowledge base gives a working engine: a
    /// missing likelihood counts as 0 (then floored), priors are
    /// renormalised, costs come from [`step_cost`].
    pub fn new(kb: &KnowledgeBase) -> Engine {
        let cause_ids: Vec<String> = kb.causes.iter().map(|c| c.id.clone()).collect();
        let n = cause_ids.len();

        let mut prior: Vec<f64> = kb.causes.iter().map(|c| clean_probability(Some(c.prior)).max(LIKELIHOOD_FLOOR)).collect();
        normalise(&mut prior);

        let questions: Vec<QuestionTable> = kb
            .questions
            .iter()
            .map(|q| {
                let informative = q.answers.iter().filter(|a| !a.unsure).count().max(1) as f64;
                let mut answers: Vec<AnswerTable> = q
                    .answers
                    .iter()
                    .map(|a| AnswerTable {
                        id: a.id.clone(),
                        unsure: a.unsure,
                        lik: if a.unsure {
                            cause_ids
                                .iter()
                                .map(|c| match crate::knowledge::by_cause(&a.likelihoods, c) {
                                    Some(p) if p.is_finite() => p.clamp(LIKELIHOOD_FLOOR, MAX_UNSURE),
                                    _ => DEFAULT_UNSURE,
                                })
                                .collect()
                        } else {
                            cause_ids.iter().map(|c| clean_probability(crate::knowledge::by_cause(&a.likelihoods, c))).collect()
                        },
                        evidence: true,
                        sets_ios: a.sets_ios,
                        sets_model: a.sets_model,
                    })
                    .collect();
                for a in answers.iter_mut().filter(|a| a.unsure) {
                    a.evidence = a.lik.windows(2).any(|p| p[0] != p[1]);
                }
                // Per cause: normalise over the informative answers (uniform
                // when the data gives nothing), floor, normalise again, and
                // scale to what "not sure" leaves, so that all the
                // question's answers sum to exactly 1.
                for i in 0..n {
                    let unsure = answers.iter().find(|a| a.unsure).map_or(0.0, |a| a.lik[i]);
                    let sum: f64 = answers.iter().filter(|a| !a.unsure).map(|a| a.lik[i]).sum();
                    for a in answers.iter_mut().filter(|a| !a.unsure) {
                        let p = if sum > 0.0 { a.lik[i] / sum } else { 1.0 / informative };
                        a.lik[i] = p.max(LIKELIHOOD_FLOOR);
                    }
                    let floored: f64 = answers.iter().filter(|a| !a.unsure).map(|a| a.lik[i]).sum();
                    for a in answers.iter_mut().filter(|a| !a.unsure) {
                        a.lik[i] *= (1.0 - unsure) / floored;
                    }
                }
                QuestionTable { id: q.id.clone(), cost: step_cost(q.minutes, q.effort, crate::knowledge::Risk::None), answers }
            })
            .collect();

        let fixes = kb
            .fixes
            .iter()
            .map(|f| {
                let q: Vec<f64> = if f.kind == FixKind::Escalation {
                    vec![1.0; n]
                } else {
                    cause_ids.iter().map(|c| clean_probability(crate::knowledge::by_cause(&f.fixes, c))).collect()
                };
                let fail = q.iter().map(|p| (1.0 - p).max(LIKELIHOOD_FLOOR)).collect();
                FixTable {
                    id: f.id.clone(),
                    kind: f.kind,
                    cost: step_cost(f.minutes, f.effort, f.risk),
                    q,
                    fail,
                    variants: f.variants.iter().map(|v| v.applies.clone()).collect(),
                }
            })
            .collect();

        let seed_question = kb.questions.iter().position(|q| q.id == kb.seed_question).map(QuestionIx);
        let seed_table = |id: &str, lik: &crate::knowledge::ByCause| SeedTable {
            id: id.to_string(),
            lik: cause_ids.iter().map(|c| clean_probability(crate::knowledge::by_cause(lik, c)).max(LIKELIHOOD_FLOOR)).collect(),
            answer: None,
        };
        let codes = kb.error_codes.iter().map(|c| seed_table(&c.code, &c.likelihoods)).collect();
        let alerts = kb
            .alerts
            .iter()
            .map(|a| {
                // An alert that is an answer of the seed question carries
                // exactly that answer's evidence, so that seeding it and
                // picking the answer by hand agree.
                let answer = seed_question.and_then(|q| {
                    let id = a.answer.as_deref()?;
                    let ix = questions_ref(&questions, q)?.answers.iter().position(|x| x.id == id)?;
                    Some((q, AnswerIx(ix)))
                });
                match answer.and_then(|(q, ix)| questions_ref(&questions, q)?.answers.get(ix.0)) {
                    Some(ans) if !ans.unsure => SeedTable { id: a.id.clone(), lik: ans.lik.clone(), answer: answer.map(|(_, ix)| ix) },
                    _ => seed_table(&a.id, &a.likelihoods),
                }
            })
            .collect();

        Engine { cause_ids, prior, questions, fixes, codes, alerts, seed_question, handover: Handover::default() }
    }

    /// The most steps any run can take: every question, every fix, and the
    /// final hand-over.
    pub fn max_steps(&self) -> usize {
        self.questions.len() + self.fixes.len() + 1
    }

    pub fn cause_count(&self) -> usize {
        self.cause_ids.len()
    }
    pub fn question_count(&self) -> usize {
        self.questions.len()
    }
    pub fn fix_count(&self) -> usize {
        self.fixes.len()
    }

    pub fn cause_ix(&self, id: &str) -> Option<CauseIx> {
        self.cause_ids.iter().position(|c| c == id).map(CauseIx)
    }
    pub fn question_ix(&self, id: &str) -> Option<QuestionIx> {
        self.questions.iter().position(|q| q.id == id).map(QuestionIx)
    }
    pub fn answer_ix(&self, question: QuestionIx, id: &str) -> Option<AnswerIx> {
        self.questions.get(question.0)?.answers.iter().position(|a| a.id == id).map(AnswerIx)
    }
    pub fn fix_ix(&self, id: &str) -> Option<FixIx> {
        self.fixes.iter().position(|f| f.id == id).map(FixIx)
    }
    /// An error code, by the number as typed (`"9006"`).
    pub fn code_seed(&self, code: &str) -> Option<Seed> {
        self.codes.iter().position(|c| c.id == code).map(Seed::Code)
    }
    /// An alert, by its id.
    pub fn alert_seed(&self, id: &str) -> Option<Seed> {
        self.alerts.iter().position(|a| a.id == id).map(Seed::Alert)
    }

    pub fn cause_id(&self, c: CauseIx) -> Option<&str> {
        self.cause_ids.get(c.0).map(String::as_str)
    }
    pub fn question_id(&self, q: QuestionIx) -> Option<&str> {
        self.questions.get(q.0).map(|q| q.id.as_str())
    }
    pub fn answer_id(&self, q: QuestionIx, a: AnswerIx) -> Option<&str> {
        self.questions.get(q.0)?.answers.get(a.0).map(|a| a.id.as_str())
    }
    pub fn fix_id(&self, f: FixIx) -> Option<&str> {
        self.fixes.get(f.0).map(|f| f.id.as_str())
    }
    /// How many answers the question has ("I'm not sure" included).
    pub fn answer_count(&self, q: QuestionIx) -> usize {
        self.questions.get(q.0).map_or(0, |q| q.answers.len())
    }
    /// True when this answer is "I'm not sure".
    pub fn is_unsure(&self, q: QuestionIx, a: AnswerIx) -> bool {
        self.questions.get(q.0).and_then(|q| q.answers.get(a.0)).is_some_and(|a| a.unsure)
    }
    pub fn fix_kind(&self, f: FixIx) -> Option<FixKind> {
        self.fixes.get(f.0).map(|f| f.kind)
    }

    /// The cost of a question, from [`step_cost`] (a question risks nothing).
    pub fn question_cost(&self, q: QuestionIx) -> Option<f64> {
        self.questions.get(q.0).map(|q| q.cost)
    }
    /// The cost of a fix, from [`step_cost`].
    pub fn fix_cost(&self, f: FixIx) -> Option<f64> {
        self.fixes.get(f.0).map(|f| f.cost)
    }
    /// P(fix works | cause), as the engine uses it.
    pub fn fix_probability(&self, f: FixIx, c: CauseIx) -> f64 {
        self.fixes.get(f.0).and_then(|f| f.q.get(c.0)).copied().unwrap_or(0.0)
    }
    /// P(answer | cause), floored and normalised, as the engine uses it
    /// ("I'm not sure" included: a question's answers sum to 1 per cause);
    /// `None` for unknown indices.
    pub fn answer_likelihood(&self, q: QuestionIx, a: AnswerIx, c: CauseIx) -> Option<f64> {
        self.questions.get(q.0)?.answers.get(a.0)?.lik.get(c.0).copied()
    }
    /// The normalised priors, by cause index.
    pub fn priors(&self) -> &[f64] {
        &self.prior
    }

    /// P(cause | evidence) for every cause, by index. Always finite, each
    /// positive, summing to 1.
    pub fn beliefs(&self, e: &Evidence) -> Vec<f64> {
        let mut b = self.prior.clone();
        // A seed question answered by hand says the same as an alert seed
        // that is one of its answers: count that evidence once.
        let seed_answered = self.seed_question.is_some_and(|q| e.is_answered(q));
        for seed in e.seeds() {
            let table = match *seed {
                Seed::Code(i) => self.codes.get(i),
                Seed::Alert(i) => self.alerts.get(i).filter(|t| !(seed_answered && t.answer.is_some())),
            };
            if let Some(t) = table {
                multiply(&mut b, &t.lik);
            }
        }
        // "Not sure" is evidence too when the data says some causes make
        // it likelier; with the default it is the same for every cause and
        // changes nothing.
        for &(q, a) in e.answers() {
            if let Some(ans) = self.questions.get(q.0).and_then(|q| q.answers.get(a.0)).filter(|a| a.evidence) {
                multiply(&mut b, &ans.lik);
            }
        }
        for (f, outcome) in e.tried() {
            if outcome == FixOutcome::Failed {
                if let Some(fix) = self.fixes.get(f.0) {
                    multiply(&mut b, &fix.fail);
                }
            }
        }
        // A fix that worked says which causes it could have fixed:
        // P(cause | e, fix worked) ∝ P(cause | e) · P(fix works | cause).
        if let Some(fix) = e.worked().and_then(|f| self.fixes.get(f.0)) {
            let works: Vec<f64> = fix.q.iter().map(|q| q.max(LIKELIHOOD_FLOOR)).collect();
            multiply(&mut b, &works);
        }
        b
    }

    /// This person's own tendency to answer "not sure", from the run so
    /// far: `k / (n + UNSURE_PRIOR_ANSWERS)` after `k` "not sure" among `n`
    /// answers. A question's value counts
    /// `P(not sure | cause, person) = t + (1 − t) · P(not sure | cause)`.
    pub fn unsure_tendency(&self, e: &Evidence) -> f64 {
        let (mut n, mut k) = (0.0, 0.0);
        for &(q, a) in e.answers() {
            if let Some(ans) = self.questions.get(q.0).and_then(|q| q.answers.get(a.0)) {
                n += 1.0;
                if ans.unsure {
                    k += 1.0;
                }
            }
        }
        k / (n + UNSURE_PRIOR_ANSWERS)
    }

    /// What the answers told about the device; a later answer overrides an
    /// earlier one.
    pub fn device(&self, e: &Evidence) -> DeviceContext {
        let mut ctx = DeviceContext::default();
        for &(q, a) in e.answers() {
            if let Some(ans) = self.questions.get(q.0).and_then(|q| q.answers.get(a.0)) {
                if ans.sets_ios.is_some() {
                    ctx.ios = ans.sets_ios;
                }
                if ans.sets_model.is_some() {
                    ctx.model = ans.sets_model;
                }
            }
        }
        ctx
    }

    /// Which variants of a fix to show for this device.
    pub fn variants(&self, f: FixIx, device: &DeviceContext) -> Variants {
        let Some(fix) = self.fixes.get(f.0) else {
            return Variants { shown: Vec::new(), labelled: false };
        };
        let mut shown: Vec<usize> = fix.variants.iter().enumerate().filter(|(_, a)| a.matches(device)).map(|(i, _)| i).collect();
        if shown.is_empty() {
            // The data has no variant for this device: show them all, so
            // the person can still pick the nearest one.
            shown = (0..fix.variants.len()).collect();
        }
        let labelled = shown.len() > 1;
        Variants { shown, labelled }
    }

    /// The next step, with the myopic rule.
    pub fn next(&self, e: &Evidence) -> Outcome {
        self.next_with(e, Lookahead::Myopic)
    }
}

fn questions_ref(questions: &[QuestionTable], q: QuestionIx) -> Option<&QuestionTable> {
    questions.get(q.0)
}

/// Multiplies the beliefs by a likelihood vector and normalises.
fn multiply(b: &mut [f64], lik: &[f64]) {
    for (x, l) in b.iter_mut().zip(lik) {
        *x *= *l;
    }
    normalise(b);
}

/// Scales to sum 1; falls back to uniform if the sum is not a positive
/// finite number (which the floors make impossible, but the engine must
/// never hand out NaN).
fn normalise(b: &mut [f64]) {
    let sum: f64 = b.iter().sum();
    if sum > 0.0 && sum.is_finite() {
        for x in b.iter_mut() {
            *x /= sum;
        }
    } else if !b.is_empty() {
        let u = 1.0 / b.len() as f64;
        b.iter_mut().for_each(|x| *x = u);
    }
}
