//! The exact optimum with questions (`engine::optimum`), checked by hand on
//! the ENGINE-MATH fixture and against an independent brute force over fix
//! orders; and the engine's policy never beats it.

use backup_doctor::engine::fixture::{fixture, fixture_with_support};
use backup_doctor::engine::optimum::ExactModel;
use backup_doctor::engine::*;
use backup_doctor::knowledge::{FixKind, KnowledgeBase};

/// SplitMix64, for reproducible random models.
struct Rng(u64);
impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn the_fixtures_optimum_is_the_hand_worked_one() {
    // By hand (P(not sure | C) = 0.1, the engine's default; Q2 tells
    // nothing):
    //   ask Q1 (cost 2): yes (mass 0.63: C1, C2): A2 only, 15 · 0.63 = 9.45;
    //     no (mass 0.27: C3 0.18, C4 0.09): A3 then A1, 0.27 + 5 · 0.18 = 1.17;
    //     not sure (mass 0.1): A3, A2, A1 as at the priors, 0.1 · 15.85 = 1.585;
    //     in all 2 + 9.45 + 1.17 + 1.585 = 14.205.
    //   the fixes alone (best order A3, A2, A1): 15.85;
    //   A3 first, then Q1: 1 + 1.8 + 9.45 + 0.9 + 1.485 = 14.635.
    // The engine's myopic rule takes the first: it is optimal here.
    let kb = fixture().unwrap();
    let engine = Engine::new(&kb);
    let model = ExactModel::of(&engine);
    let best = model.optimum().unwrap();
    assert!((best - 14.205).abs() < 1e-3, "optimum {best}");
    for look in [Lookahead::Myopic, Lookahead::TwoStep] {
        let policy = model.policy_cost(&engine, look);
        assert!((policy - 14.205).abs() < 1e-3, "{look:?}: {policy}");
    }
}

#[test]
fn people_who_are_never_sure_make_the_question_worthless() {
    // Q1 always "not sure": the fixes alone, 15.85, are the optimum.
    let kb = fixture().unwrap();
    let engine = Engine::new(&kb);
    let model = ExactModel::of(&engine).with_unsure_rate(&engine, 1.0);
    let best = model.optimum().unwrap();
    assert!((best - 15.85).abs() < 1e-3, "optimum {best}");
}

/// A random model: 4 causes, 5 ordinary fixes with costs and chances drawn
/// at random, Apple Support, no questions.
fn random_fix_model(rng: &mut Rng) -> KnowledgeBase {
    let mut kb = fixture_with_support().unwrap();
    kb.questions.clear();
    kb.fixes.retain(|f| f.kind != FixKind::WayOut);
    let support = kb.fixes.iter().find(|f| f.kind == FixKind::Escalation).cloned().unwrap();
    let template = kb.fixes[0].clone();
    kb.fixes = (0..5)
        .map(|i| {
            let mut f = template.clone();
            f.id = format!("f{i}");
            f.minutes = 1.0 + 30.0 * rng.uniform();
            f.fixes = kb.causes.iter().map(|c| (c.id.clone(), 0.05 + 0.9 * rng.uniform())).collect();
            f
        })
        .collect();
    kb.fixes.push(support);
    for c in &mut kb.causes {
        c.prior = 0.05 + rng.uniform();
    }
    kb
}

/// Exact expected cost of an order (stopping after Apple Support).
fn order_cost(engine: &Engine, order: &[usize]) -> f64 {
    let mut survival = engine.priors().to_vec();
    let mut total = 0.0;
    for &f in order {
        total += engine.fix_cost(FixIx(f)).unwrap() * survival.iter().sum::<f64>();
        if engine.fix_kind(FixIx(f)) == Some(FixKind::Escalation) {
            break;
        }
        for (c, s) in survival.iter_mut().enumerate() {
            *s *= 1.0 - engine.fix_probability(FixIx(f), CauseIx(c));
        }
    }
    total
}

fn best_order(engine: &Engine, items: &mut Vec<usize>, k: usize, best: &mut f64) {
    if k == items.len() {
        *best = best.min(order_cost(engine, items));
        return;
    }
    for i in k..items.len() {
        items.swap(k, i);
        best_order(engine, items, k + 1, best);
        items.swap(k, i);
    }
}

#[test]
fn without_questions_the_search_finds_the_best_fix_order() {
    let mut rng = Rng(7);
    for _ in 0..30 {
        let kb = random_fix_model(&mut rng);
        let engine = Engine::new(&kb);
        let searched = ExactModel::of(&engine).optimum().unwrap();
        let mut brute = f64::INFINITY;
        best_order(&engine, &mut (0..engine.fix_count()).collect(), 0, &mut brute);
        assert!((searched - brute).abs() < 1e-9 * brute.max(1.0), "search {searched}, brute force {brute}");
    }
}

#[test]
fn the_engines_policy_never_beats_the_optimum() {
    // The fixture with support, from random beliefs and with "not sure" at
    // random rates: every policy the engine can follow is one the search
    // considers.
    let mut rng = Rng(11);
    for _ in 0..40 {
        let mut kb = fixture_with_support().unwrap();
        for c in &mut kb.causes {
            c.prior = 0.02 + rng.uniform();
        }
        let engine = Engine::new(&kb);
        let model = ExactModel::of(&engine).with_unsure_rate(&engine, rng.uniform());
        let best = model.optimum().unwrap();
        assert!(best.is_finite() && best > 0.0);
        for look in [Lookahead::Myopic, Lookahead::TwoStep] {
            let policy = model.policy_cost(&engine, look);
            assert!(policy >= best - 1e-9, "{look:?}: policy {policy} below the optimum {best}");
        }
    }
}
