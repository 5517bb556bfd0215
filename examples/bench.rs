//! The engine's benchmark: how much cheaper than the article's checklist,
//! how close to the best fix order, and how fast.
//!
//!     cargo xtask bench
//!     # or: cargo run --profile xtask --example bench [-- USERS]
//!
//! Writes `target/bench/engine.json` and prints the same figures.
//!
//! - 100,000 simulated people (fixed seed): the true cause is drawn from the
//!   priors, each answer from P(answer | cause) (nobody says "not sure" in
//!   the main run), and
//!   a fix works with P(fix works | cause). Each person carries one random
//!   number per question and per fix, so the engine and the checklist see
//!   the same luck ("common random numbers").
//! - The checklist ("static") tries every ordinary fix in the knowledge
//!   base's order (the article's "How to Fix" list, then its troubleshooting
//!   steps), asks nothing, and ends with Apple Support.
//! - Costs are the engine's step costs (minute-equivalents, see
//!   `engine::step_cost`); Apple Support always works.
//! - Optimum: on sub-models of 6 random ordinary fixes plus Apple Support
//!   (7 fixes, no questions), starting from the beliefs of a random partial
//!   run, the exact expected cost of the engine's sequence against the best
//!   of all 5,040 orders.
//! - Perturbed: the same comparison in a world whose every probability is
//!   multiplied by a random factor in [0.5, 1.5] (then renormalised); the
//!   engine keeps the unperturbed model.
//!   Ten such worlds, a tenth of the people in each; the two-step
//!   comparison uses the first world.
//! - Two-step look-ahead is run on the first 10,000 people for comparison.
//! - Optimal policy: on 240 sub-models of 3 or 4 questions, 6 random
//!   ordinary fixes and Apple Support, from the beliefs of a random partial
//!   run, the exact expected cost of the engine's whole policy (questions
//!   included, every branch) against the exact optimum
//!   (`engine::optimum::ExactModel`), for the myopic rule and for two-step
//!   look-ahead; and again with people who say "not sure" half the time.
//! - "Not sure": rows of 20,000 people each who answer "I'm not sure" with
//!   probability q = 0, 0.25, 0.5, 0.75 and 1 (otherwise as above), the
//!   same people in every row; "fixed within 30" is the share whose backup
//!   works (a fix, not the hand-over) at a cost of at most 30.
//! - Hand-over dial: one row of 20,000 people per `handover` setting; the
//!   setting decides, every cost is counted at the knowledge base's prices.

#![recursion_limit = "256"]

use backup_doctor::engine::{AnswerIx, CauseIx, Engine, Evidence, FixIx, Handover, Lookahead, NextStep, QuestionIx};
use backup_doctor::engine::optimum::ExactModel;
use backup_doctor::knowledge::{FixKind, KnowledgeBase};
use backup_doctor::learn::sim::{pick, Rng};
use std::time::Instant;

const SEED: u64 = 0x5eed_ba5e_d0c7_0e01;
const USERS: usize = 100_000;
const TWO_STEP_USERS: usize = 10_000;
const SUBMODELS: usize = 400;
const PERTURBED_WORLDS: usize = 10;
/// People per row of the "not sure" and hand-over tables.
const ROW_USERS: usize = 20_000;
/// The chances of "not sure" the rows simulate (1: never sure).
const UNSURE_RATES: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];
/// Sub-models for the optimum with questions.
const POLICY_SUBMODELS: usize = 240;
/// "Fixed within 30 minute-equivalents": resolved by a fix, at a cost of
/// at most this.
const FIXED_WITHIN: f64 = 30.0;

/// The probabilities the simulated people live by.
#[derive(Clone)]
struct World {
    prior: Vec<f64>,
    /// Per question: (answer, P(answer | cause) per cause) for the
    /// informative answers.
    answers: Vec<Vec<(AnswerIx, Vec<f64>)>>,
    /// Per fix: P(works | cause) per cause.
    works: Vec<Vec<f64>>,
    /// Per question: its "I'm not sure" answer.
    unsure_answer: Vec<Option<AnswerIx>>,
    /// The chance that a person answers "not sure" to any question.
    unsure: f64,
}

impl World {
    fn of(engine: &Engine) -> World {
        let n = engine.cause_count();
        let answers = (0..engine.question_count())
            .map(|q| {
                let q = QuestionIx(q);
                (0..engine.answer_count(q))
                    .map(AnswerIx)
                    .filter(|&a| !engine.is_unsure(q, a))
                    .map(|a| (a, (0..n).map(|c| engine.answer_likelihood(q, a, CauseIx(c)).unwrap_or(0.0)).collect()))
                    .collect()
            })
            .collect();
        let works =
            (0..engine.fix_count()).map(|f| (0..n).map(|c| engine.fix_probability(FixIx(f), CauseIx(c))).collect()).collect();
        let unsure_answer = (0..engine.question_count())
            .map(|q| (0..engine.answer_count(QuestionIx(q))).map(AnswerIx).find(|&a| engine.is_unsure(QuestionIx(q), a)))
            .collect();
        World { prior: engine.priors().to_vec(), answers, works, unsure_answer, unsure: 0.0 }
    }

    fn with_unsure(&self, q: f64) -> World {
        World { unsure: q, ..self.clone() }
    }

    /// Every probability times a factor in [0.5, 1.5], renormalised where
    /// it must sum to 1; a fix's chance stays at most 1.
    fn perturbed(&self, rng: &mut Rng, engine: &Engine) -> World {
        let mut w = self.clone();
        let factor = |rng: &mut Rng| 0.5 + rng.uniform();
        for p in &mut w.prior {
            *p *= factor(rng);
        }
        let s: f64 = w.prior.iter().sum();
        w.prior.iter_mut().for_each(|p| *p /= s);
        for q in &mut w.answers {
            for (_, lik) in q.iter_mut() {
                for p in lik.iter_mut() {
                    *p *= factor(rng);
                }
            }
            for c in 0..w.prior.len() {
                let s: f64 = q.iter().map(|(_, lik)| lik[c]).sum();
                for (_, lik) in q.iter_mut() {
                    lik[c] /= s;
                }
            }
        }
        for (f, q) in w.works.iter_mut().enumerate() {
            if engine.fix_kind(FixIx(f)) == Some(FixKind::Escalation) {
                continue;
            }
            for p in q.iter_mut() {
                *p = (*p * factor(rng)).min(1.0);
            }
        }
        w
    }
}

/// One simulated person: their cause and their luck.
struct Person {
    cause: usize,
    /// One uniform per question (which answer they give).
    answer_u: Vec<f64>,
    /// One uniform per question (they are not sure when u < the world's
    /// rate).
    unsure_u: Vec<f64>,
    /// One uniform per fix (the fix works when u < P(works | cause)).
    fix_u: Vec<f64>,
}

impl Person {
    fn draw(rng: &mut Rng, world: &World) -> Person {
        let cause = pick(&world.prior, rng.uniform());
        let answer_u = (0..world.answers.len()).map(|_| rng.uniform()).collect();
        let fix_u = (0..world.works.len()).map(|_| rng.uniform()).collect();
        let unsure_u = (0..world.answers.len()).map(|_| rng.uniform()).collect();
        Person { cause, answer_u, unsure_u, fix_u }
    }
    fn answer(&self, world: &World, q: QuestionIx) -> AnswerIx {
        if let Some(unsure) = world.unsure_answer[q.0].filter(|_| self.unsure_u[q.0] < world.unsure) {
            return unsure;
        }
        let options = &world.answers[q.0];
        let weights: Vec<f64> = options.iter().map(|(_, lik)| lik[self.cause]).collect();
        options[pick(&weights, self.answer_u[q.0])].0
    }
    fn fix_works(&self, world: &World, f: FixIx) -> bool {
        self.fix_u[f.0] < world.works[f.0][self.cause]
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    cost: f64,
    steps: f64,
    escalated: f64,
    /// Share resolved by a fix at a cost of at most [`FIXED_WITHIN`].
    fixed_within: f64,
    max_steps: usize,
}

impl Tally {
    fn add(&mut self, (cost, steps, escalated): (f64, usize, bool)) {
        self.cost += cost;
        self.steps += steps as f64;
        self.escalated += escalated as u8 as f64;
        self.fixed_within += (!escalated && cost <= FIXED_WITHIN) as u8 as f64;
        self.max_steps = self.max_steps.max(steps);
    }
    fn mean(mut self, n: usize) -> Tally {
        let n = n.max(1) as f64;
        self.cost /= n;
        self.steps /= n;
        self.escalated /= n;
        self.fixed_within /= n;
        self
    }
}

/// Runs the engine for one person; returns (cost, steps, escalated) and
/// records the time of each step. `engine` decides; the costs counted are
/// `price`'s (the knowledge base's, whatever hand-over setting decides).
fn run_engine(
    engine: &Engine,
    price: &Engine,
    world: &World,
    p: &Person,
    look: Lookahead,
    times: Option<&mut Vec<u32>>,
) -> (f64, usize, bool) {
    let mut e = Evidence::new();
    let (mut cost, mut steps) = (0.0, 0);
    let mut times = times;
    for _ in 0..=engine.max_steps() {
        let start = Instant::now();
        let out = engine.next_with(&e, look);
        if let Some(t) = times.as_deref_mut() {
            t.push(start.elapsed().as_nanos().min(u32::MAX as u128) as u32);
        }
        match out.next {
            NextStep::Ask { question, .. } => {
                cost += price.question_cost(question).unwrap_or(0.0);
                steps += 1;
                e.answer(question, p.answer(world, question));
            }
            NextStep::Try { fix, .. } => {
                cost += price.fix_cost(fix).unwrap_or(0.0);
                steps += 1;
                if p.fix_works(world, fix) {
                    e.fix_worked(fix);
                } else {
                    e.fix_failed(fix);
                }
            }
            NextStep::Escalate { why } => {
                cost += why.fix.and_then(|f| price.fix_cost(f)).unwrap_or(0.0);
                return (cost, steps + 1, true);
            }
            NextStep::Resolved { .. } => return (cost, steps, false),
        }
    }
    panic!("the engine ran past its bound");
}

/// The article's checklist: every ordinary fix in order, then support.
fn run_static(engine: &Engine, order: &[FixIx], support: Option<FixIx>, world: &World, p: &Person) -> (f64, usize, bool) {
    let (mut cost, mut steps) = (0.0, 0);
    for &f in order {
        cost += engine.fix_cost(f).unwrap_or(0.0);
        steps += 1;
        if p.fix_works(world, f) {
            return (cost, steps, false);
        }
    }
    cost += support.and_then(|f| engine.fix_cost(f)).unwrap_or(0.0);
    (cost, steps + 1, true)
}

struct Comparison {
    engine: Tally,
    checklist: Tally,
}

fn compare(engine: &Engine, world: &World, users: usize, seed: u64, look: Lookahead, times: Option<&mut Vec<u32>>) -> Comparison {
    compare_priced(engine, engine, world, users, seed, look, times)
}

fn compare_priced(
    engine: &Engine,
    price: &Engine,
    world: &World,
    users: usize,
    seed: u64,
    look: Lookahead,
    mut times: Option<&mut Vec<u32>>,
) -> Comparison {
    let order: Vec<FixIx> =
        (0..engine.fix_count()).map(FixIx).filter(|&f| engine.fix_kind(f) == Some(FixKind::Fix)).collect();
    let support = (0..engine.fix_count()).map(FixIx).find(|&f| engine.fix_kind(f) == Some(FixKind::Escalation));
    let mut rng = Rng(seed);
    let (mut a, mut b) = (Tally::default(), Tally::default());
    for _ in 0..users {
        let p = Person::draw(&mut rng, world);
        a.add(run_engine(engine, price, world, &p, look, times.as_deref_mut()));
        b.add(run_static(price, &order, support, world, &p));
    }
    Comparison { engine: a.mean(users), checklist: b.mean(users) }
}

/// Exact expected cost of trying `order` (stopping at the first that works)
/// from beliefs `b`.
fn expected_cost(order: &[usize], costs: &[f64], works: &[Vec<f64>], b: &[f64]) -> f64 {
    let mut survival = b.to_vec();
    let mut total = 0.0;
    for &f in order {
        total += costs[f] * survival.iter().sum::<f64>();
        for (s, q) in survival.iter_mut().zip(&works[f]) {
            *s *= 1.0 - q;
        }
    }
    total
}

fn permutations(items: &mut Vec<usize>, k: usize, visit: &mut dyn FnMut(&[usize])) {
    if k == items.len() {
        visit(items);
        return;
    }
    for i in k..items.len() {
        items.swap(k, i);
        permutations(items, k + 1, visit);
        items.swap(k, i);
    }
}

/// `k` items drawn at random from `pool`, without repeats.
fn draw(rng: &mut Rng, mut pool: Vec<usize>, k: usize) -> Vec<usize> {
    let mut chosen = Vec::new();
    for _ in 0..k.min(pool.len()) {
        chosen.push(pool.swap_remove((rng.uniform() * pool.len() as f64) as usize));
    }
    chosen
}

/// The knowledge base cut down to these questions and fixes (then Apple
/// Support), with beliefs `b` as its priors.
fn sub_model(kb: &KnowledgeBase, b: &[f64], questions: &[usize], fixes: &[usize], support: usize) -> KnowledgeBase {
    let mut sub = kb.clone();
    sub.questions = questions.iter().map(|&q| kb.questions[q].clone()).collect();
    sub.fixes = fixes.iter().chain([&support]).map(|&f| kb.fixes[f].clone()).collect();
    for (c, p) in sub.causes.iter_mut().zip(b) {
        c.prior = *p;
    }
    sub
}

/// Engine against brute force on sub-models of 7 fixes. Returns the mean
/// and the worst ratio.
fn versus_optimum(kb: &KnowledgeBase, engine: &Engine, world: &World, seed: u64) -> (f64, f64) {
    let mut rng = Rng(seed);
    let ordinary: Vec<usize> = (0..kb.fixes.len()).filter(|&f| kb.fixes[f].kind == FixKind::Fix).collect();
    let Some(support) = kb.fixes.iter().position(|f| f.kind == FixKind::Escalation) else {
        return (f64::NAN, f64::NAN);
    };
    let (mut sum, mut worst) = (0.0, 1.0f64);
    for _ in 0..SUBMODELS {
        // A random partial run: answers to two random questions from a
        // random person, so the sub-models start from varied beliefs.
        let person = Person::draw(&mut rng, world);
        let mut e = Evidence::new();
        for _ in 0..2 {
            let q = QuestionIx((rng.uniform() * engine.question_count() as f64) as usize);
            e.answer(q, person.answer(world, q));
        }
        let b = engine.beliefs(&e);
        // 6 random ordinary fixes plus Apple Support.
        let sub = sub_model(kb, &b, &[], &draw(&mut rng, ordinary.clone(), 6), support);
        let sub_engine = Engine::new(&sub);
        let costs: Vec<f64> = (0..sub.fixes.len()).map(|f| sub_engine.fix_cost(FixIx(f)).unwrap_or(0.0)).collect();
        let works: Vec<Vec<f64>> = (0..sub.fixes.len())
            .map(|f| (0..sub.causes.len()).map(|c| sub_engine.fix_probability(FixIx(f), CauseIx(c))).collect())
            .collect();
        let prior = sub_engine.priors().to_vec();
        // The engine's sequence: follow it, every fix failing, to the end.
        let mut seq = Vec::new();
        let mut ev = Evidence::new();
        loop {
            match sub_engine.next(&ev).next {
                NextStep::Try { fix, .. } => {
                    seq.push(fix.0);
                    ev.fix_failed(fix);
                }
                NextStep::Escalate { why } => {
                    seq.extend(why.fix.map(|f| f.0));
                    break;
                }
                _ => break,
            }
        }
        let engine_cost = expected_cost(&seq, &costs, &works, &prior);
        let mut best = f64::INFINITY;
        let mut items: Vec<usize> = (0..sub.fixes.len()).collect();
        permutations(&mut items, 0, &mut |order| {
            // Everything after Apple Support is never reached.
            let end = order.iter().position(|&f| f == sub.fixes.len() - 1).map_or(order.len(), |i| i + 1);
            best = best.min(expected_cost(&order[..end], &costs, &works, &prior));
        });
        let ratio = engine_cost / best;
        sum += ratio;
        worst = worst.max(ratio);
    }
    (sum / SUBMODELS as f64, worst)
}

/// The engine's whole policy, questions included, against the exact
/// optimum, on sub-models of 3 or 4 questions, 6 fixes and Apple Support
/// starting from the beliefs of a random partial run. Returns (mean,
/// worst) for the myopic rule and for two-step look-ahead, with people who
/// say "not sure" as the data says (`unsure` = None) or at a fixed rate.
fn versus_optimal_policy(kb: &KnowledgeBase, engine: &Engine, world: &World, seed: u64, unsure: Option<f64>) -> ((f64, f64), (f64, f64)) {
    let mut rng = Rng(seed ^ 0x0971_a1);
    let ordinary: Vec<usize> = (0..kb.fixes.len()).filter(|&f| kb.fixes[f].kind == FixKind::Fix).collect();
    let Some(support) = kb.fixes.iter().position(|f| f.kind == FixKind::Escalation) else {
        return ((f64::NAN, f64::NAN), (f64::NAN, f64::NAN));
    };
    let askable: Vec<usize> =
        (0..kb.questions.len()).filter(|&q| kb.questions[q].answers.iter().filter(|a| !a.unsure).count() >= 2).collect();
    let mut sums = [(0.0, 1.0f64); 2];
    for i in 0..POLICY_SUBMODELS {
        let person = Person::draw(&mut rng, world);
        let mut e = Evidence::new();
        let mut answered = Vec::new();
        for _ in 0..2 {
            let q = askable[(rng.uniform() * askable.len() as f64) as usize];
            e.answer(QuestionIx(q), person.answer(world, QuestionIx(q)));
            answered.push(q);
        }
        let b = engine.beliefs(&e);
        let pool: Vec<usize> = askable.iter().copied().filter(|q| !answered.contains(q)).collect();
        let mut questions = draw(&mut rng, pool, 3 + i % 2);
        questions.sort_unstable();
        let sub = sub_model(kb, &b, &questions, &draw(&mut rng, ordinary.clone(), 6), support);
        let sub_engine = Engine::new(&sub);
        let mut model = ExactModel::of(&sub_engine);
        if let Some(rate) = unsure {
            model = model.with_unsure_rate(&sub_engine, rate);
        }
        let best = model.optimum().unwrap_or(f64::NAN);
        for (slot, look) in sums.iter_mut().zip([Lookahead::Myopic, Lookahead::TwoStep]) {
            let ratio = model.policy_cost(&sub_engine, look) / best;
            slot.0 += ratio / POLICY_SUBMODELS as f64;
            slot.1 = slot.1.max(ratio);
        }
    }
    (sums[0], sums[1])
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn main() {
    let users: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(USERS);
    let kb = backup_doctor::knowledge::builtin().expect("the built-in knowledge base loads");
    let engine = Engine::new(kb);
    let world = World::of(&engine);

    let t0 = Instant::now();
    let mut times = Vec::with_capacity(users * 8);
    let base = compare(&engine, &world, users, SEED, Lookahead::Myopic, Some(&mut times));
    times.sort_unstable();
    // Ten perturbed worlds, a tenth of the people each.
    let mut world_rng = Rng(SEED ^ 0xdead_beef);
    let worlds: Vec<World> = (0..PERTURBED_WORLDS).map(|_| world.perturbed(&mut world_rng, &engine)).collect();
    let per_world = (users / PERTURBED_WORLDS).max(1);
    let (mut pe, mut ps, mut worst_world) = (0.0, 0.0, 0.0f64);
    for (i, w) in worlds.iter().enumerate() {
        let c = compare(&engine, w, per_world, SEED.wrapping_add(i as u64), Lookahead::Myopic, None);
        pe += c.engine.cost / PERTURBED_WORLDS as f64;
        ps += c.checklist.cost / PERTURBED_WORLDS as f64;
        worst_world = worst_world.max(c.engine.cost / c.checklist.cost);
    }
    let perturbed_world = &worlds[0];
    let (ratio_opt, ratio_opt_worst) = versus_optimum(kb, &engine, &world, SEED);
    let t_policy = Instant::now();
    let ((policy_mean, policy_worst), (policy_two_mean, policy_two_worst)) = versus_optimal_policy(kb, &engine, &world, SEED, None);
    let ((policy_half_mean, policy_half_worst), _) = versus_optimal_policy(kb, &engine, &world, SEED, Some(0.5));
    let policy_seconds = t_policy.elapsed().as_secs_f64();

    let row_users = ROW_USERS.min(users);
    let round = |x: f64, d: i32| (x * 10f64.powi(d)).round() / 10f64.powi(d);
    let row = |c: &Comparison| {
        serde_json::json!({
            "ratio_vs_static": round(c.engine.cost / c.checklist.cost, 4),
            "engine_mean_cost": round(c.engine.cost, 3),
            "static_mean_cost": round(c.checklist.cost, 3),
            "engine_mean_steps": round(c.engine.steps, 3),
            "engine_max_steps": c.engine.max_steps,
            "engine_escalation_rate": round(c.engine.escalated, 4),
            "static_escalation_rate": round(c.checklist.escalated, 4),
            "engine_fixed_within_30": round(c.engine.fixed_within, 4),
            "static_fixed_within_30": round(c.checklist.fixed_within, 4),
        })
    };
    // "Not sure" at each rate, the same people in every row.
    let per_unsure: Vec<serde_json::Value> = UNSURE_RATES
        .iter()
        .map(|&q| {
            let c = compare(&engine, &world.with_unsure(q), row_users, SEED ^ 0x0005_0e5e, Lookahead::Myopic, None);
            let mut r = row(&c);
            r["unsure"] = serde_json::json!(q);
            r
        })
        .collect();
    // The hand-over dial: each setting decides, every cost is counted at
    // the knowledge base's prices (the person's time does not change).
    let per_handover: Vec<serde_json::Value> = Handover::ALL
        .iter()
        .map(|&h| {
            let decide = engine.with_handover(h);
            let c = compare_priced(&decide, &engine, &world, row_users, SEED ^ 0x00ba_1a9c, Lookahead::Myopic, None);
            let mut r = row(&c);
            r["handover"] = serde_json::json!(h.name());
            r
        })
        .collect();

    let two_users = TWO_STEP_USERS.min(users);
    let myopic_small = compare(&engine, &world, two_users, SEED, Lookahead::Myopic, None);
    let mut two_times = Vec::with_capacity(two_users * 8);
    let two = compare(&engine, &world, two_users, SEED, Lookahead::TwoStep, Some(&mut two_times));
    two_times.sort_unstable();
    let two_perturbed = compare(&engine, perturbed_world, two_users, SEED, Lookahead::TwoStep, None);
    let myopic_perturbed_small = compare(&engine, perturbed_world, two_users, SEED, Lookahead::Myopic, None);

    let report = serde_json::json!({
        "users": users,
        "seed": format!("{SEED:#x}"),
        "cost_unit": "minute-equivalents (engine::step_cost)",
        "engine_mean_cost": round(base.engine.cost, 3),
        "static_mean_cost": round(base.checklist.cost, 3),
        "ratio_vs_static": round(base.engine.cost / base.checklist.cost, 4),
        "ratio_vs_optimum": round(ratio_opt, 4),
        "ratio_vs_optimum_worst": round(ratio_opt_worst, 4),
        "optimum_submodels": SUBMODELS,
        "ratio_vs_optimal_policy": round(policy_mean, 4),
        "ratio_vs_optimal_policy_worst": round(policy_worst, 4),
        "ratio_vs_optimal_policy_two_step": round(policy_two_mean, 4),
        "ratio_vs_optimal_policy_two_step_worst": round(policy_two_worst, 4),
        "ratio_vs_optimal_policy_unsure_0.5": round(policy_half_mean, 4),
        "ratio_vs_optimal_policy_unsure_0.5_worst": round(policy_half_worst, 4),
        "optimal_policy_submodels": POLICY_SUBMODELS,
        "optimal_policy_seconds": round(policy_seconds, 1),
        "row_users": row_users,
        "per_unsure": per_unsure,
        "per_handover": per_handover,
        "engine_mean_steps": round(base.engine.steps, 3),
        "static_mean_steps": round(base.checklist.steps, 3),
        "engine_escalation_rate": round(base.engine.escalated, 4),
        "static_escalation_rate": round(base.checklist.escalated, 4),
        "ratio_vs_static_perturbed": round(pe / ps, 4),
        "ratio_vs_static_perturbed_worst_world": round(worst_world, 4),
        "perturbed_worlds": PERTURBED_WORLDS,
        "engine_mean_cost_perturbed": round(pe, 3),
        "static_mean_cost_perturbed": round(ps, 3),
        "step_us_median": round(percentile(&times, 0.5), 2),
        "step_us_p99": round(percentile(&times, 0.99), 2),
        "steps_timed": times.len(),
        "two_step": {
            "users": two_users,
            "myopic_ratio_vs_static": round(myopic_small.engine.cost / myopic_small.checklist.cost, 4),
            "ratio_vs_static": round(two.engine.cost / two.checklist.cost, 4),
            "mean_cost": round(two.engine.cost, 3),
            "mean_steps": round(two.engine.steps, 3),
            "myopic_ratio_vs_static_perturbed": round(myopic_perturbed_small.engine.cost / myopic_perturbed_small.checklist.cost, 4),
            "ratio_vs_static_perturbed": round(two_perturbed.engine.cost / two_perturbed.checklist.cost, 4),
            "step_us_median": round(percentile(&two_times, 0.5), 2),
            "step_us_p99": round(percentile(&two_times, 0.99), 2),
        },
        "targets": {
            "ratio_vs_static": 0.70,
            "ratio_vs_optimum": 1.05,
            "ratio_vs_optimal_policy": 1.03,
            "unsure_0.5": { "ratio_vs_static": 0.55, "engine_mean_steps": 9.0, "engine_fixed_within_30": 0.5 },
            "never_sure_max_steps": 16,
            "handover_ratio_vs_static_at_checklist_rate": 0.75,
            "ratio_vs_static_perturbed": 0.85,
            "step_us_median": 50.0,
        },
        "seconds": round(t0.elapsed().as_secs_f64(), 1),
    });
    let text = serde_json::to_string_pretty(&report).expect("a JSON value serialises");
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target")))
        .join("bench");
    std::fs::create_dir_all(&dir).expect("target/bench can be created");
    std::fs::write(dir.join("engine.json"), &text).expect("target/bench/engine.json can be written");
    println!("{text}");
    println!("written to {}", dir.join("engine.json").display());
}
