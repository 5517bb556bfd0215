//! The ENGINE-MATH fixture, with the numbers worked out by hand.
//!
//! Model (see `src/engine/fixture.rs`): priors b = (0.4, 0.3, 0.2, 0.1).
//!
//!   A1 cost 5,  q = (0,   0,   1, 0)
//!   A2 cost 15, q = (0.9, 0.9, 0, 0)
//!   A3 cost 1,  q = (0,   0,   0, 1)
//!   Q1 cost 2,  P(yes | C) = (1, 1, 0, 0)
//!
//! At the priors:
//!   P(A1 fixes) = 0.2   ef = 0.2 / 5   = 0.040
//!   P(A2 fixes) = 0.63  ef = 0.63 / 15 = 0.042
//!   P(A3 fixes) = 0.1   ef = 0.1 / 1   = 0.100
//!   order A3, A2, A1.
//!   P(broken after A3)     = 0.4 + 0.3 + 0.2            = 0.9
//!   P(broken after A3, A2) = 0.04 + 0.03 + 0.2          = 0.27
//!   ECR = 1 + 15 · 0.9 + 5 · 0.27 = 1 + 13.5 + 1.35     = 15.85
//!
//! Asking Q1 (its "not sure" has no likelihoods, so P(not sure | C) is the
//! engine's default 0.1 for every cause, and yes/no share the other 0.9):
//!   yes (P = 0.9 · 0.7): beliefs (4/7, 3/7, 0, 0). Only A2 can help (A1,
//!     A3 have P(fixes) = 0 and are not worth trying): ECR(yes) = 15.
//!   no  (P = 0.9 · 0.3): beliefs (0, 0, 2/3, 1/3). A3 ef 1/3, A1 ef 2/15,
//!     A2 0: ECR(no) = 1 + 5 · 2/3 = 13/3 ≈ 4.3333.
//!   not sure (P = 0.1): beliefs unchanged, ECR = 15.85.
//!   ECO(Q1) = 2 + 0.9 · (0.7 · 15 + 0.3 · 13/3) + 0.1 · 15.85
//!           = 2 + 10.62 + 1.585 = 14.205 < 15.85,
//!   so the engine asks Q1 first, expecting to save 15.85 − 14.205 = 1.645.
//!
//! The likelihood floor (1e-4) moves these by less than 1e-3, hence the
//! tolerance.

use backup_doctor::engine::fixture::{fixture, fixture_with_support};
use backup_doctor::engine::*;
use backup_doctor::knowledge::{IosVersion, KnowledgeBase};

const TOL: f64 = 1e-3;

fn engine(kb: &KnowledgeBase) -> Engine {
    Engine::new(kb)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < TOL
}

struct Ids {
    q1: QuestionIx,
    yes: AnswerIx,
    no: AnswerIx,
    unsure: AnswerIx,
    a1: FixIx,
    a2: FixIx,
    a3: FixIx,
}

fn ids(e: &Engine) -> Ids {
    let q1 = e.question_ix("q1").unwrap();
    Ids {
        q1,
        yes: e.answer_ix(q1, "yes").unwrap(),
        no: e.answer_ix(q1, "no").unwrap(),
        unsure: e.answer_ix(q1, "unsure").unwrap(),
        a1: e.fix_ix("a1").unwrap(),
        a2: e.fix_ix("a2").unwrap(),
        a3: e.fix_ix("a3").unwrap(),
    }
}

#[test]
fn costs_come_from_the_cost_formula() {
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    assert_eq!(e.fix_cost(i.a1), Some(5.0));
    assert_eq!(e.fix_cost(i.a2), Some(15.0));
    assert_eq!(e.fix_cost(i.a3), Some(1.0));
    assert_eq!(e.question_cost(i.q1), Some(2.0));
}

#[test]
fn priors_ecr_and_eco_match_the_hand_worked_numbers() {
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let ev = Evidence::new();
    let b = e.beliefs(&ev);
    for (got, want) in b.iter().zip([0.4, 0.3, 0.2, 0.1]) {
        assert!(close(*got, want), "{b:?}");
    }
    assert!(close(e.ecr(&ev), 15.85), "ECR {}", e.ecr(&ev));
    let eco = e.eco(&ev, i.q1).unwrap();
    assert!(close(eco, 14.205), "ECO {eco}");

    let out = e.next(&ev);
    assert_eq!(out.plan, vec![i.a3, i.a2, i.a1]);
    match out.next {
        NextStep::Ask { question, why } => {
            assert_eq!(question, i.q1);
            assert!(close(why.ecr, 15.85) && close(why.eco, 14.205) && close(why.saving, 1.645), "{why:?}");
            assert_eq!(why.instead, Some(i.a3));
        }
        other => panic!("expected to ask Q1, got {other:?}"),
    }
    assert_eq!(out.beliefs[0].0, CauseIx(0));
}

#[test]
fn after_yes_the_engine_tries_a2() {
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let mut ev = Evidence::new();
    ev.answer(i.q1, i.yes);
    let b = e.beliefs(&ev);
    assert!(close(b[0], 4.0 / 7.0) && close(b[1], 3.0 / 7.0) && b[2] < TOL && b[3] < TOL, "{b:?}");
    assert!(close(e.ecr(&ev), 15.0));
    let out = e.next(&ev);
    match out.next {
        NextStep::Try { fix, why, .. } => {
            assert_eq!(fix, i.a2);
            assert!(close(why.p_fixes, 0.9) && close(why.cost, 15.0) && close(why.efficiency, 0.06), "{why:?}");
            assert!(close(why.ecr, 15.0));
        }
        other => panic!("expected A2, got {other:?}"),
    }
}

#[test]
fn after_no_the_engine_tries_a3_then_a1() {
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let mut ev = Evidence::new();
    ev.answer(i.q1, i.no);
    let b = e.beliefs(&ev);
    assert!(close(b[2], 2.0 / 3.0) && close(b[3], 1.0 / 3.0), "{b:?}");
    assert!(close(e.ecr(&ev), 13.0 / 3.0));
    let out = e.next(&ev);
    assert!(matches!(out.next, NextStep::Try { fix, .. } if fix == i.a3), "{:?}", out.next);
    ev.fix_failed(i.a3);
    // A3 fixes C4 for sure, so its failure rules C4 out: C3 is all that is left.
    let b = e.beliefs(&ev);
    assert!(b[2] > 0.99, "{b:?}");
    assert!(matches!(e.next(&ev).next, NextStep::Try { fix, .. } if fix == i.a1));
}

#[test]
fn a_dead_end_escalates_with_nothing_left() {
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let mut ev = Evidence::new();
    ev.answer(i.q1, i.yes);
    ev.fix_failed(i.a2);
    // P(C1) ∝ 0.4 · 0.1 = 0.04, P(C2) ∝ 0.03: 4/7 and 3/7 again, and no fix
    // left can help them.
    let out = e.next(&ev);
    match out.next {
        NextStep::Escalate { why } => {
            assert_eq!(why.reason, EscalateReason::NothingLeft);
            assert_eq!(why.fix, None);
        }
        other => panic!("expected escalation, got {other:?}"),
    }
}

#[test]
fn apple_support_is_the_costly_last_resort() {
    // With Apple Support (cost 60, always works) the order at the priors is
    // A3 (0.1), A2 (0.042), A1 (0.04), Support (1/60 ≈ 0.0167), and
    // ECR = 15.85 + 60 · P(broken after A3, A2, A1) = 15.85 + 60 · 0.07 = 20.05.
    let kb = fixture_with_support().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let support = e.fix_ix("support").unwrap();
    let computer = e.fix_ix("computer").unwrap();
    let ev = Evidence::new();
    assert!(close(e.ecr(&ev), 20.05), "{}", e.ecr(&ev));
    let out = e.next(&ev);
    assert_eq!(out.plan, vec![i.a3, i.a2, i.a1, support]);
    assert!(!out.plan.contains(&computer), "a way-out is never a step");

    let mut ev = Evidence::new();
    ev.answer(i.q1, i.yes);
    ev.fix_failed(i.a2);
    match e.next(&ev).next {
        NextStep::Escalate { why } => {
            assert_eq!(why.fix, Some(support));
            assert_eq!(why.reason, EscalateReason::NothingLeft);
        }
        other => panic!("expected Apple Support, got {other:?}"),
    }
}

#[test]
fn unsure_changes_nothing_and_is_not_asked_again() {
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let mut ev = Evidence::new();
    ev.answer(i.q1, i.unsure);
    assert_eq!(e.beliefs(&ev), e.beliefs(&Evidence::new()));
    assert!(e.eco(&ev, i.q1).is_none());
    assert!(matches!(e.next(&ev).next, NextStep::Try { fix, .. } if fix == i.a3));
}

#[test]
fn could_not_do_sets_the_fix_aside_without_evidence() {
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let mut ev = Evidence::new();
    ev.answer(i.q1, i.unsure);
    ev.could_not_do(i.a3);
    assert_eq!(e.beliefs(&ev), e.beliefs(&Evidence::new()));
    let out = e.next(&ev);
    assert!(!out.plan.contains(&i.a3));
    assert!(matches!(out.next, NextStep::Try { fix, .. } if fix == i.a2));
}

#[test]
fn a_fix_that_worked_resolves() {
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let mut ev = Evidence::new();
    ev.fix_worked(i.a3);
    assert_eq!(e.next(&ev).next, NextStep::Resolved { fix: i.a3 });
}

#[test]
fn variants_follow_the_known_ios_version() {
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let q2 = e.question_ix("q2").unwrap();
    let mut ev = Evidence::new();
    ev.answer(i.q1, i.no);
    match e.next(&ev).next {
        NextStep::Try { fix, variants, .. } => {
            assert_eq!(fix, i.a3);
            assert_eq!(variants, Variants { shown: vec![0, 1], labelled: true });
        }
        other => panic!("{other:?}"),
    }
    ev.answer(q2, e.answer_ix(q2, "older").unwrap());
    let out = e.next(&ev);
    assert_eq!(out.device.ios, Some(IosVersion::Before10_3));
    match out.next {
        NextStep::Try { variants, .. } => assert_eq!(variants, Variants { shown: vec![1], labelled: false }),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_uninformative_question_is_never_asked() {
    // Q2 has the same likelihoods under every cause: ECO = 1 + ECR > ECR.
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let q2 = e.question_ix("q2").unwrap();
    let mut ev = Evidence::new();
    ev.answer(i.q1, i.no);
    let eco = e.eco(&ev, q2).unwrap();
    assert!(close(eco, 1.0 + e.ecr(&ev)), "{eco}");
    assert!(!matches!(e.next(&ev).next, NextStep::Ask { .. }));
}

#[test]
fn seeds_move_beliefs_and_answer_the_seed_question() {
    // Code 42: P(code | C) = (0.05, 0.05, 0.9, 0.05):
    //   ∝ (0.02, 0.015, 0.18, 0.005) / 0.22 → C3 = 0.818.
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let mut ev = Evidence::new();
    ev.seed(e.code_seed("42").unwrap());
    let b = e.beliefs(&ev);
    assert!(close(b[2], 0.18 / 0.22), "{b:?}");
    let out = e.next(&ev);
    assert_eq!(out.beliefs[0].0, CauseIx(2));
    // Q1 is the fixture's seed question: once seeded it is not asked.
    assert!(e.eco(&ev, i.q1).is_none());
    assert!(matches!(out.next, NextStep::Try { fix, .. } if fix == i.a1), "{:?}", out.next);

    // Alert "light": (0.1, 0.8, 0.1, 0.1) → ∝ (0.04, 0.24, 0.02, 0.01) / 0.31.
    let mut ev = Evidence::new();
    ev.seed(e.alert_seed("light").unwrap());
    let b = e.beliefs(&ev);
    assert!(close(b[1], 0.24 / 0.31), "{b:?}");
}

#[test]
fn contradictory_evidence_never_gives_nan() {
    let kb = fixture_with_support().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let mut ev = Evidence::new();
    ev.answer(i.q1, i.yes);
    ev.fix_failed(i.a1);
    ev.fix_failed(i.a2);
    ev.fix_failed(i.a3);
    ev.fix_failed(e.fix_ix("support").unwrap());
    let b = e.beliefs(&ev);
    assert!(b.iter().all(|p| p.is_finite() && *p > 0.0), "{b:?}");
    assert!((b.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert!(matches!(e.next(&ev).next, NextStep::Escalate { why } if why.fix.is_none()));
}

#[test]
fn unknown_indices_are_ignored_not_a_panic() {
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let mut ev = Evidence::new();
    ev.answer(QuestionIx(99), AnswerIx(7));
    ev.fix_failed(FixIx(1234));
    ev.seed(Seed::Code(55));
    assert_eq!(e.beliefs(&ev), e.beliefs(&Evidence::new()));
    let _ = e.next(&ev);
}

#[test]
fn two_step_look_ahead_agrees_on_the_fixture() {
    // Two-step: "A3, then the best myopic choice" costs
    //   1 + [after A3 fails, weights (0.4, 0.3, 0.2, 0): ECR 15·0.9 +
    //        5·0.27 = 14.85; ECO(Q1) = 2·0.9 + 0.9·(15·0.7 + 5·0.2) +
    //        0.1·14.85 = 1.8 + 10.35 + 1.485 = 13.635 < 14.85]
    //   = 14.635,
    // while "Q1, then the best myopic choice" costs 14.205 (as above; Q2
    // tells nothing, so after "not sure" the fixes follow):
    // asking first still wins.
    let kb = fixture().unwrap();
    let e = engine(&kb);
    let i = ids(&e);
    let out = e.next_with(&Evidence::new(), Lookahead::TwoStep);
    match out.next {
        NextStep::Ask { question, why } => {
            assert_eq!(question, i.q1);
            assert!(close(why.eco, 14.205), "{why:?}");
        }
        other => panic!("{other:?}"),
    }
    let mut ev = Evidence::new();
    ev.answer(i.q1, i.yes);
    assert!(matches!(e.next_with(&ev, Lookahead::TwoStep).next, NextStep::Try { fix, .. } if fix == i.a2));
}
