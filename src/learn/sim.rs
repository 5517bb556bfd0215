//! Simulated people in a world of known numbers: they give the outcome
//! records the benchmark learns from, and the costs it compares. Also used
//! by the report's "predicted cost" (people living by the learned numbers).
//!
//! Each person carries one random number per question and per fix, so two
//! engines run on the same people see the same luck.

use super::{Params, Shape};
use crate::engine::{Engine, Evidence, NextStep};
use crate::knowledge::{FixKind, KnowledgeBase, ANY_CAUSE};
use crate::session::outcome::{AnswerRecord, FixRecord, FixResult, OutcomeRecord, RunEnd, OUTCOME_SCHEMA};
use std::collections::{BTreeMap, HashMap};

/// SplitMix64: small, fast, and good enough for Monte Carlo.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Draws an index from a distribution with one uniform number.
pub fn pick(weights: &[f64], u: f64) -> usize {
    let total: f64 = weights.iter().sum();
    let mut acc = 0.0;
    for (i, w) in weights.iter().enumerate() {
        acc += w / total;
        if u < acc {
            return i;
        }
    }
    weights.len().saturating_sub(1)
}

/// The knowledge base with these numbers in it (for building an engine).
/// Every answer gets its full P(answer | cause), "not sure" included.
pub fn knowledge_with(kb: &KnowledgeBase, p: &Params) -> KnowledgeBase {
    let mut kb = kb.clone();
    let causes: Vec<String> = kb.causes.iter().map(|c| c.id.clone()).collect();
    let map = |values: &[f64]| -> crate::knowledge::ByCause {
        let mut m: BTreeMap<String, f64> = causes.iter().cloned().zip(values.iter().copied()).collect();
        m.remove(ANY_CAUSE);
        m
    };
    for (c, prior) in kb.causes.iter_mut().zip(&p.prior) {
        c.prior = *prior;
    }
    for (q, table) in kb.questions.iter_mut().zip(&p.answers) {
        for (a, row) in q.answers.iter_mut().zip(table) {
            a.likelihoods = map(row);
        }
    }
    for (f, works) in kb.fixes.iter_mut().zip(&p.works) {
        if f.kind == FixKind::Fix {
            f.fixes = map(works);
        }
    }
    kb
}

/// A world like `p` with every probability multiplied by a factor drawn
/// uniformly from `[lo, hi]` (then renormalised where it must sum to 1,
/// chances capped at 0.99), and, when `swap`, two causes' priors swapped.
pub fn perturbed(p: &Params, shape: &Shape, rng: &mut Rng, lo: f64, hi: f64, swap: bool) -> Params {
    let mut w = p.clone();
    let factor = |rng: &mut Rng| lo + (hi - lo) * rng.uniform();
    for x in &mut w.prior {
        *x *= factor(rng);
    }
    let n = w.prior.len();
    if swap && n >= 2 {
        let a = (rng.next_u64() % n as u64) as usize;
        let b = (a + 1 + (rng.next_u64() % (n as u64 - 1)) as usize) % n;
        w.prior.swap(a, b);
    }
    super::normalise(&mut w.prior);
    for table in &mut w.answers {
        for row in table.iter_mut() {
            for x in row.iter_mut() {
                *x *= factor(rng);
            }
        }
        for c in 0..n {
            let s: f64 = table.iter().map(|r| r[c]).sum();
            if s > 0.0 {
                table.iter_mut().for_each(|r| r[c] /= s);
            }
        }
    }
    for (fx, works) in w.works.iter_mut().enumerate() {
        if shape.fixes[fx].1 != FixKind::Fix {
            continue;
        }
        for x in works.iter_mut() {
            *x = (*x * factor(rng)).min(0.99);
        }
    }
    w
}

/// One simulated person: their cause and their luck.
pub struct Person {
    pub cause: usize,
    answer_u: Vec<f64>,
    fix_u: Vec<f64>,
    /// Per step: leaves the run before taking it when below `quit`.
    quit_u: Vec<f64>,
    /// Per fix: cannot do it when below `couldnt`.
    couldnt_u: Vec<f64>,
}

impl Person {
    pub fn draw(rng: &mut Rng, world: &Params) -> Person {
        let cause = pick(&world.prior, rng.uniform());
        let mut us = |k: usize| (0..k).map(|_| rng.uniform()).collect::<Vec<f64>>();
        let (q, f) = (world.answers.len(), world.works.len());
        Person { cause, answer_u: us(q), fix_u: us(f), quit_u: us(q + f + 2), couldnt_u: us(f) }
    }
}

/// How people behave beyond the numbers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Behaviour {
    /// Chance of leaving the run before each step.
    pub quit: f64,
    /// Chance of not being able to do a fix.
    pub couldnt: f64,
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Ask(usize),
    Try(usize),
    Escalate(f64),
}

/// An engine with its steps remembered by the path that led to them: the
/// engine is deterministic, so the same answers give the same step, and a
/// simulation of many people asks it only once per distinct path.
pub struct Policy {
    pub engine: Engine,
    memo: HashMap<Vec<u32>, Step>,
}

const MEMO_LIMIT: usize = 2_000_000;

impl Policy {
    pub fn new(engine: Engine) -> Policy {
        Policy { engine, memo: HashMap::new() }
    }

    fn step(&mut self, path: &[u32], e: &Evidence) -> Step {
        if let Some(s) = self.memo.get(path) {
            return *s;
        }
        let s = match self.engine.next(e).next {
            NextStep::Ask { question, .. } => Step::Ask(question.0),
            NextStep::Try { fix, .. } => Step::Try(fix.0),
            NextStep::Escalate { why } => Step::Escalate(why.fix.and_then(|f| self.engine.fix_cost(f)).unwrap_or(0.0)),
            // Evidence never holds a fix that worked here: the run ends first.
            NextStep::Resolved { .. } => Step::Escalate(0.0),
        };
        if self.memo.len() >= MEMO_LIMIT {
            self.memo.clear();
        }
        self.memo.insert(path.to_vec(), s);
        s
    }

    /// Runs the engine with one person living in `world`. Returns the cost
    /// and the outcome record.
    pub fn run(&mut self, shape: &Shape, world: &Params, p: &Person, how: Behaviour) -> (f64, OutcomeRecord) {
        let mut e = Evidence::new();
        let mut path: Vec<u32> = Vec::new();
        let mut rec = OutcomeRecord {
            schema: OUTCOME_SCHEMA,
            content_version: shape.content_version,
            language: None,
            seed: None,
            answers: Vec::new(),
            fixes: Vec::new(),
            end: RunEnd::Unfinished,
            steps: 0,
            handover: "balanced".into(),
            day: "2026-12-01".into(),
        };
        let mut cost = 0.0;
        let limit = self.engine.max_steps() + 1;
        for k in 0..limit {
            if p.quit_u.get(k).is_some_and(|&u| u < how.quit) {
                return (cost, rec);
            }
            match self.step(&path, &e) {
                Step::Ask(q) => {
                    cost += self.engine.question_cost(crate::engine::QuestionIx(q)).unwrap_or(0.0);
                    let weights: Vec<f64> = world.answers[q].iter().map(|row| row[p.cause]).collect();
                    let a = pick(&weights, p.answer_u[q]);
                    e.answer(crate::engine::QuestionIx(q), crate::engine::AnswerIx(a));
                    path.push((((q as u32) << 12) | a as u32) << 2);
                    rec.answers.push(AnswerRecord { question: shape.questions[q].0.clone(), answer: shape.questions[q].1[a].clone() });
                }
                Step::Try(f) => {
                    cost += self.engine.fix_cost(crate::engine::FixIx(f)).unwrap_or(0.0);
                    let id = shape.fixes[f].0.clone();
                    if p.couldnt_u[f] < how.couldnt {
                        e.could_not_do(crate::engine::FixIx(f));
                        path.push(((f as u32) << 2) | 2);
                        rec.fixes.push(FixRecord { fix: id, result: FixResult::Couldnt });
                    } else if p.fix_u[f] < world.works[f][p.cause] {
                        rec.fixes.push(FixRecord { fix: id, result: FixResult::Worked });
                        rec.end = RunEnd::Resolved;
                        rec.steps += 1;
                        return (cost, rec);
                    } else {
                        e.fix_failed(crate::engine::FixIx(f));
                        path.push(((f as u32) << 2) | 1);
                        rec.fixes.push(FixRecord { fix: id, result: FixResult::Failed });
                    }
                }
                Step::Escalate(c) => {
                    cost += c;
                    rec.end = RunEnd::HandedOver;
                    rec.steps += 1;
                    return (cost, rec);
                }
            }
            rec.steps += 1;
        }
        (cost, rec)
    }
}

/// Mean cost and hand-over rate of the engine on `kb` with numbers `model`,
/// for `people` people living by `world` (fixed seed, everyone finishes).
pub fn evaluate(kb: &KnowledgeBase, model: &Params, world: &Params, people: usize, seed: u64) -> (f64, f64) {
    let shape = Shape::of(kb);
    let mut policy = Policy::new(Engine::new(&knowledge_with(kb, model)));
    let mut rng = Rng(seed);
    let (mut cost, mut handed) = (0.0, 0usize);
    for _ in 0..people {
        let p = Person::draw(&mut rng, world);
        let (c, rec) = policy.run(&shape, world, &p, Behaviour::default());
        cost += c;
        handed += usize::from(rec.end == RunEnd::HandedOver);
    }
    let n = people.max(1) as f64;
    (cost / n, handed as f64 / n)
}
