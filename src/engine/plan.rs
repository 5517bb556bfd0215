//! Choosing the next step: fix order, ECR, ECO.
//!
//! All the inner functions work on *unnormalised* belief weights `w`: the
//! efficiency order does not depend on scale, and
//! `P(Q = a | e) · ECR(e ∪ {Q = a}) = ECR_unnormalised(b ⊙ P(a | ·))`,
//! so the expected cost of observation needs no division at all.

use super::{
    Alternative, AskWhy, CauseIx, Engine, EscalateReason, EscalateWhy, Evidence, FixIx, NextStep, Outcome, QuestionIx,
    TryWhy, NOT_WORTH_TRYING, STILL_WORTH_A_TRY,
};
use crate::knowledge::FixKind;

/// How far the engine looks ahead when it weighs a question against a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lookahead {
    /// Ask when `ECO(Q) < ECR` (Heckerman et al.): fast, the default.
    #[default]
    Myopic,
    /// Compare "the top fix, then the best myopic choice" with "each
    /// question, then the best myopic choice" (as SACSO does). Roughly
    /// 30 times slower; used by the benchmark for comparison.
    TwoStep,
}

/// Reusable buffers, so that the inner loops do not allocate.
struct Scratch {
    /// (efficiency, fix, P(fixes) unnormalised), best first.
    order: Vec<(f64, usize, f64)>,
    survival: Vec<f64>,
    weights: Vec<f64>,
    /// This person's tendency to say "not sure" (see
    /// [`Engine::unsure_tendency`]).
    tendency: f64,
}

impl Scratch {
    fn new(causes: usize, fixes: usize, tendency: f64) -> Scratch {
        Scratch {
            order: Vec::with_capacity(fixes),
            survival: Vec::with_capacity(causes),
            weights: Vec::with_capacity(causes),
            tendency,
        }
    }
}

/// P(answer | cause, this person): "not sure" is likelier by the person's
/// tendency `t`, the informative answers share what is left.
fn personal(unsure: bool, lik: f64, t: f64) -> f64 {
    if unsure {
        t + (1.0 - t) * lik
    } else {
        (1.0 - t) * lik
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

impl Engine {
    /// Sorts the candidate fixes by efficiency, best first, leaving out
    /// those not worth trying. Ties go to the lower index.
    fn order_fixes(&self, w: &[f64], candidates: &[usize], order: &mut Vec<(f64, usize, f64)>) {
        let total: f64 = w.iter().sum();
        order.clear();
        for &f in candidates {
            let fix = &self.fixes[f];
            let p = dot(w, &fix.q);
            if p > NOT_WORTH_TRYING * total {
                order.push((p / fix.cost, f, p));
            }
        }
        // The engine's hot loop (every answer of every question it weighs):
        // the standard sort, 40% faster here than `crate::sort`'s.
        order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    }

    /// ECR = Σ_j c_j · P(still broken after a_1..a_{j-1}), on weights `w`
    /// (so scaled by their sum), for a sorted order.
    fn ecr_of_order(&self, w: &[f64], order: &[(f64, usize, f64)], survival: &mut Vec<f64>) -> f64 {
        survival.clear();
        survival.extend_from_slice(w);
        let mut ecr = 0.0;
        for &(_, f, _) in order {
            let fix = &self.fixes[f];
            let broken: f64 = survival.iter().sum();
            if broken <= 0.0 {
                break;
            }
            ecr += fix.cost * broken;
            for (s, q) in survival.iter_mut().zip(&fix.q) {
                *s *= 1.0 - q;
            }
        }
        ecr
    }

    fn ecr_weights(&self, w: &[f64], candidates: &[usize], s: &mut Scratch) -> f64 {
        let mut order = std::mem::take(&mut s.order);
        self.order_fixes(w, candidates, &mut order);
        let ecr = self.ecr_of_order(w, &order, &mut s.survival);
        s.order = order;
        ecr
    }

    /// ECO(Q) = c_Q · Σw + Σ_a ECR_unnormalised(w ⊙ P(a | ·, person)),
    /// "not sure" included: its branch leaves the beliefs (almost) where
    /// they were, so a question likely to get it is worth less.
    fn eco_weights(&self, w: &[f64], q: usize, candidates: &[usize], s: &mut Scratch) -> f64 {
        let question = &self.questions[q];
        let mut eco = question.cost * w.iter().sum::<f64>();
        let mut wa = std::mem::take(&mut s.weights);
        let t = s.tendency;
        for a in &question.answers {
            wa.clear();
            wa.extend(w.iter().zip(&a.lik).map(|(x, l)| x * personal(a.unsure, *l, t)));
            eco += self.ecr_weights(&wa, candidates, s);
        }
        s.weights = wa;
        eco
    }

    /// Best myopic value of a state: min(ECR, min_Q ECO).
    fn myopic_value(&self, w: &[f64], candidates: &[usize], questions: &[usize], s: &mut Scratch) -> f64 {
        let mut best = self.ecr_weights(w, candidates, s);
        for &q in questions {
            best = best.min(self.eco_weights(w, q, candidates, s));
        }
        best
    }

    fn candidate_fixes(&self, e: &Evidence) -> Vec<usize> {
        (0..self.fixes.len())
            .filter(|&f| self.fixes[f].kind != FixKind::WayOut && !e.is_tried(FixIx(f)))
            .collect()
    }

    /// Questions that may still be asked: not answered, not the one a seed
    /// already answered, and with at least two informative answers.
    fn candidate_questions(&self, e: &Evidence) -> Vec<usize> {
        let seeded = !e.seeds().is_empty();
        (0..self.questions.len())
            .filter(|&q| {
                !e.is_answered(QuestionIx(q))
                    && (!seeded || self.seed_question != Some(QuestionIx(q)))
                    && self.questions[q].answers.iter().filter(|a| !a.unsure).count() >= 2
            })
            .collect()
    }

    /// Expected cost of repair given the evidence (fixes alone).
    pub fn ecr(&self, e: &Evidence) -> f64 {
        let b = self.beliefs(e);
        let candidates = self.candidate_fixes(e);
        let mut s = Scratch::new(b.len(), candidates.len(), self.unsure_tendency(e));
        self.ecr_weights(&b, &candidates, &mut s)
    }

    /// Expected cost of asking `q` now and then following the fixes; `None`
    /// when `q` cannot be asked any more.
    pub fn eco(&self, e: &Evidence, q: QuestionIx) -> Option<f64> {
        if !self.candidate_questions(e).contains(&q.0) {
            return None;
        }
        let b = self.beliefs(e);
        let candidates = self.candidate_fixes(e);
        let mut s = Scratch::new(b.len(), candidates.len(), self.unsure_tendency(e));
        Some(self.eco_weights(&b, q.0, &candidates, &mut s))
    }

    /// The next step, looking ahead as far as `lookahead` says.
    pub fn next_with(&self, e: &Evidence, lookahead: Lookahead) -> Outcome {
        let b = self.beliefs(e);
        let device = self.device(e);
        let mut beliefs: Vec<(CauseIx, f64)> = b.iter().enumerate().map(|(i, p)| (CauseIx(i), *p)).collect();
        crate::sort::sort_by(&mut beliefs, |x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));

        if let Some(fix) = e.worked() {
            return Outcome { next: NextStep::Resolved { fix }, beliefs, device, ecr: 0.0, plan: Vec::new(), alternatives: Vec::new() };
        }

        let candidates = self.candidate_fixes(e);
        let questions = self.candidate_questions(e);
        let mut s = Scratch::new(b.len(), candidates.len(), self.unsure_tendency(e));
        let mut order = Vec::with_capacity(candidates.len());
        self.order_fixes(&b, &candidates, &mut order);
        let ecr = self.ecr_of_order(&b, &order, &mut s.survival);
        let plan: Vec<FixIx> = order.iter().map(|&(_, f, _)| FixIx(f)).collect();

        // The best question by myopic ECO (ties to the lower index).
        let mut best_q: Option<(usize, f64)> = None;
        for &q in &questions {
            let eco = self.eco_weights(&b, q, &candidates, &mut s);
            if best_q.is_none_or(|(_, best)| eco < best) {
                best_q = Some((q, eco));
            }
        }

        let ask = match (lookahead, best_q) {
            (_, None) => None,
            (Lookahead::Myopic, Some((q, eco))) => (eco + 1e-9 < ecr).then_some((q, eco)),
            (Lookahead::TwoStep, Some(_)) => self.two_step_question(&b, &candidates, &questions, &order, ecr, &mut s),
        };

        if let Some((q, eco)) = ask {
            let instead = plan.first().copied();
            let why = AskWhy { ecr, eco, saving: ecr - eco, instead };
            return Outcome {
                next: NextStep::Ask { question: QuestionIx(q), why },
                beliefs,
                device,
                ecr,
                plan,
                alternatives: Vec::new(),
            };
        }

        let best_ordinary = order
            .iter()
            .find(|&&(_, f, _)| self.fixes[f].kind == FixKind::Fix)
            .map(|&(eff, f, p)| (FixIx(f), p, eff));
        let next = match order.first() {
            None => NextStep::Escalate {
                why: EscalateWhy { reason: EscalateReason::NothingLeft, fix: None, best_fix: best_ordinary },
            },
            Some(&(_, f, _)) if self.fixes[f].kind == FixKind::Escalation => NextStep::Escalate {
                why: EscalateWhy {
                    reason: if best_ordinary.is_some() {
                        EscalateReason::BetterThanRemainingFixes
                    } else {
                        EscalateReason::NothingLeft
                    },
                    fix: Some(FixIx(f)),
                    best_fix: best_ordinary,
                },
            },
            Some(&(efficiency, f, p_fixes)) => {
                let fix = FixIx(f);
                let why = TryWhy {
                    p_fixes,
                    cost: self.fixes[f].cost,
                    efficiency,
                    ecr,
                    next_best: order.get(1).map(|&(eff, f, _)| (FixIx(f), eff)),
                    best_question: best_q.map(|(q, eco)| (QuestionIx(q), eco)),
                };
                NextStep::Try { fix, variants: self.variants(fix, &device), why }
            }
        };
        let alternatives = if matches!(next, NextStep::Escalate { .. }) {
            self.alternatives(&order, ecr, &device)
        } else {
            Vec::new()
        };
        Outcome { next, beliefs, device, ecr, plan, alternatives }
    }

    /// The ordinary fixes still worth a try instead of the hand-over, most
    /// efficient first, each with the numbers its fix step shows.
    fn alternatives(&self, order: &[(f64, usize, f64)], ecr: f64, device: &super::DeviceContext) -> Vec<Alternative> {
        let ordinary: Vec<&(f64, usize, f64)> = order.iter().filter(|&&(_, f, _)| self.fixes[f].kind == FixKind::Fix).collect();
        ordinary
            .iter()
            .take(STILL_WORTH_A_TRY)
            .enumerate()
            .map(|(i, &&(efficiency, f, p_fixes))| Alternative {
                fix: FixIx(f),
                variants: self.variants(FixIx(f), device),
                why: TryWhy {
                    p_fixes,
                    cost: self.fixes[f].cost,
                    efficiency,
                    ecr,
                    next_best: ordinary.get(i + 1).map(|&&(eff, f, _)| (FixIx(f), eff)),
                    best_question: None,
                },
            })
            .collect()
    }

    /// Two-step look-ahead: the value of doing the top fix first, then the
    /// best myopic choice, against asking each question first, then the
    /// best myopic choice. Returns the question to ask (with its two-step
    /// expected cost), or `None` to go with the fix.
    fn two_step_question(
        &self,
        b: &[f64],
        candidates: &[usize],
        questions: &[usize],
        order: &[(f64, usize, f64)],
        ecr: f64,
        s: &mut Scratch,
    ) -> Option<(usize, f64)> {
        let fix_first = match order.first() {
            None => ecr,
            Some(&(_, top, _)) => {
                let fix = &self.fixes[top];
                let after: Vec<f64> = b.iter().zip(&fix.q).map(|(x, q)| x * (1.0 - q)).collect();
                let rest: Vec<usize> = candidates.iter().copied().filter(|&f| f != top).collect();
                fix.cost + self.myopic_value(&after, &rest, questions, s)
            }
        };
        let mut best: Option<(usize, f64)> = None;
        let mut wa = Vec::with_capacity(b.len());
        for &q in questions {
            let others: Vec<usize> = questions.iter().copied().filter(|&o| o != q).collect();
            let question = &self.questions[q];
            let mut cost = question.cost;
            let t = s.tendency;
            for a in &question.answers {
                wa.clear();
                wa.extend(b.iter().zip(&a.lik).map(|(x, l)| x * personal(a.unsure, *l, t)));
                cost += self.myopic_value(&wa, candidates, &others, s);
            }
            if best.is_none_or(|(_, c)| cost < c) {
                best = Some((q, cost));
            }
        }
        best.filter(|&(_, cost)| cost + 1e-9 < fix_first.min(ecr))
    }
}
