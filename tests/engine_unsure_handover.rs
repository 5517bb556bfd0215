//! "Not sure" in the model, the beliefs after a fix worked, the hand-over
//! dial and the fixes still worth a try at home.

use backup_doctor::engine::fixture::fixture;
use backup_doctor::engine::*;
use backup_doctor::knowledge::FixKind;

const TOL: f64 = 1e-3;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < TOL
}

fn real() -> Engine {
    Engine::new(backup_doctor::knowledge::builtin().unwrap())
}

fn unsure_of(e: &Engine, q: QuestionIx) -> AnswerIx {
    (0..e.answer_count(q)).map(AnswerIx).find(|&a| e.is_unsure(q, a)).unwrap()
}

#[test]
fn a_fix_that_worked_says_which_cause_it_was() {
    // A2 fixes C1 and C2 (0.9 each): after it worked, P = (4/7, 3/7, 0, 0).
    let kb = fixture().unwrap();
    let e = Engine::new(&kb);
    let mut ev = Evidence::new();
    ev.fix_worked(e.fix_ix("a2").unwrap());
    let b = e.beliefs(&ev);
    assert!(close(b[0], 4.0 / 7.0) && close(b[1], 3.0 / 7.0) && b[2] < TOL && b[3] < TOL, "{b:?}");
    let out = e.next(&ev);
    assert!(matches!(out.next, NextStep::Resolved { .. }));
    assert_eq!(out.beliefs[0].0, CauseIx(0));
    // A1 fixes only C3.
    let mut ev = Evidence::new();
    ev.fix_worked(e.fix_ix("a1").unwrap());
    assert_eq!(e.next(&ev).beliefs[0].0, CauseIx(2));
}

#[test]
fn not_sure_with_data_is_evidence_and_the_answers_sum_to_one() {
    // P(not sure | C4) = 0.6, 0.1 for the others: after "not sure",
    // P(C4) = 0.1 · 0.6 / (0.9 · 0.1 + 0.1 · 0.6) = 0.06 / 0.15 = 0.4.
    let mut kb = fixture().unwrap();
    let unsure = kb.questions[0].answers.iter_mut().find(|a| a.unsure).unwrap();
    unsure.likelihoods = [("c4".to_string(), 0.6), ("*".to_string(), 0.1)].into_iter().collect();
    let e = Engine::new(&kb);
    let q1 = e.question_ix("q1").unwrap();
    let mut ev = Evidence::new();
    ev.answer(q1, unsure_of(&e, q1));
    let b = e.beliefs(&ev);
    assert!(close(b[3], 0.4), "{b:?}");
    for c in 0..4 {
        let sum: f64 = (0..e.answer_count(q1)).map(|a| e.answer_likelihood(q1, AnswerIx(a), CauseIx(c)).unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-12, "cause {c}: {sum}");
    }
    assert!(close(e.answer_likelihood(q1, e.answer_ix(q1, "no").unwrap(), CauseIx(3)).unwrap(), 0.4));
}

#[test]
fn a_person_who_is_not_sure_gets_fewer_questions() {
    // After "not sure" to Q2 the person's tendency is 1 / (1 + 0.5) = 2/3,
    // so P(not sure to Q1) = 2/3 + 1/3 · 0.1 = 0.7 and
    // ECO(Q1) = 2 + 0.3 · (0.7 · 15 + 0.3 · 13/3) + 0.7 · 15.85 = 16.635,
    // above the ECR of 15.85: the engine goes to the fixes (A3) instead.
    let kb = fixture().unwrap();
    let e = Engine::new(&kb);
    let (q1, q2) = (e.question_ix("q1").unwrap(), e.question_ix("q2").unwrap());
    let mut ev = Evidence::new();
    assert_eq!(e.unsure_tendency(&ev), 0.0);
    ev.answer(q2, unsure_of(&e, q2));
    assert!(close(e.unsure_tendency(&ev), 2.0 / 3.0));
    let eco = e.eco(&ev, q1).unwrap();
    assert!(close(eco, 16.635), "ECO {eco}");
    assert!(matches!(e.next(&ev).next, NextStep::Try { fix, .. } if fix == e.fix_ix("a3").unwrap()));
}

/// Plays a person who is never sure and for whom nothing works; returns
/// the steps taken and the last outcome (the hand-over).
fn never_sure(e: &Engine) -> (usize, Evidence, Outcome) {
    let mut ev = Evidence::new();
    for step in 0..=e.max_steps() {
        let out = e.next(&ev);
        match out.next {
            NextStep::Ask { question, .. } => ev.answer(question, unsure_of(e, question)),
            NextStep::Try { fix, .. } => ev.fix_failed(fix),
            NextStep::Escalate { .. } | NextStep::Resolved { .. } => return (step + 1, ev, out),
        }
    }
    panic!("the run did not end");
}

#[test]
fn the_handover_dial_prices_only_the_handover() {
    let base = real();
    let support = (0..base.fix_count()).map(FixIx).find(|&f| base.fix_kind(f) == Some(FixKind::Escalation)).unwrap();
    let ordinary = (0..base.fix_count()).map(FixIx).find(|&f| base.fix_kind(f) == Some(FixKind::Fix)).unwrap();
    let cost = base.fix_cost(support).unwrap();
    for h in Handover::ALL {
        let e = base.with_handover(h);
        assert_eq!(e.handover(), h);
        assert!((e.fix_cost(support).unwrap() - (0.5 + (cost - 0.5) * h.factor())).abs() < 1e-9);
        assert_eq!(e.fix_cost(ordinary), base.fix_cost(ordinary));
        // Settings do not compound: back to balanced is the knowledge base's price.
        assert!((e.with_handover(Handover::Balanced).fix_cost(support).unwrap() - cost).abs() < 1e-9);
    }
    assert_eq!(Handover::default(), Handover::Balanced);
    assert_eq!(Handover::parse("quick"), Some(Handover::Quick));
    assert_eq!(Handover::parse("Quick"), None);
}

#[test]
fn self_service_tries_more_at_home_before_handing_over() {
    let base = real();
    let steps: Vec<usize> = Handover::ALL.iter().map(|&h| never_sure(&base.with_handover(h)).0).collect();
    // ALL is self-service, balanced, quick.
    assert!(steps[0] >= steps[1] && steps[1] >= steps[2], "{steps:?}");
    assert!(steps[0] > steps[2], "{steps:?}");
}

#[test]
fn a_never_sure_person_ends_within_16_steps() {
    let (steps, _, out) = never_sure(&real());
    assert!(steps <= 16, "{steps} steps");
    assert!(matches!(out.next, NextStep::Escalate { .. }));
}

#[test]
fn the_handover_lists_fixes_still_worth_a_try() {
    let e = real();
    let (_, ev, out) = never_sure(&e);
    assert!(!out.alternatives.is_empty() && out.alternatives.len() <= STILL_WORTH_A_TRY, "{:?}", out.alternatives);
    let b = e.beliefs(&ev);
    let mut last = f64::INFINITY;
    for alt in &out.alternatives {
        assert_eq!(e.fix_kind(alt.fix), Some(FixKind::Fix));
        assert!(!ev.is_tried(alt.fix));
        let p: f64 = b.iter().enumerate().map(|(c, x)| x * e.fix_probability(alt.fix, CauseIx(c))).sum();
        assert!((alt.why.p_fixes - p).abs() < 1e-9 && p > NOT_WORTH_TRYING);
        assert!(alt.why.efficiency <= last);
        last = alt.why.efficiency;
    }
    // Taking one and it failing: the check goes on without it.
    let first = out.alternatives[0].fix;
    let mut ev = ev;
    ev.fix_failed(first);
    let again = e.next(&ev);
    assert!(again.alternatives.iter().all(|a| a.fix != first));
    assert!(!again.plan.contains(&first));
    // Not on other steps.
    assert!(e.next(&Evidence::new()).alternatives.is_empty());
}
