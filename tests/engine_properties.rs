//! Property tests on the real knowledge base: whatever a person answers
//! and whatever happens with the fixes, the beliefs stay a probability
//! distribution, nothing is asked or offered twice, runs end within the
//! bound, "I'm not sure" changes nothing, and a saved session replays to
//! the same step.

use backup_doctor::engine::*;
use backup_doctor::knowledge::{builtin, KnowledgeBase};
use backup_doctor::session::{Event, SeedRef, Session};
use proptest::prelude::*;

fn kb() -> &'static KnowledgeBase {
    builtin().expect("the built-in knowledge base loads")
}

fn assert_distribution(b: &[f64]) {
    assert!(b.iter().all(|p| p.is_finite() && *p > 0.0), "{b:?}");
    assert!((b.iter().sum::<f64>() - 1.0).abs() < 1e-9, "sum {}", b.iter().sum::<f64>());
}

/// What the simulated person does at each step, as raw choices.
#[derive(Debug, Clone)]
struct Choice {
    answer: usize,
    /// 0..=7: fails; 8: could not do; 9: works.
    outcome: u8,
}

fn choices() -> impl Strategy<Value = Vec<Choice>> {
    prop::collection::vec((0usize..16, 0u8..10).prop_map(|(answer, outcome)| Choice { answer, outcome }), 0..40)
}

fn seeds() -> impl Strategy<Value = Option<SeedRef>> {
    let kb = kb();
    let codes: Vec<SeedRef> = kb.error_codes.iter().map(|c| SeedRef::Code(c.code.clone())).collect();
    let alerts: Vec<SeedRef> = kb.alerts.iter().map(|a| SeedRef::Alert(a.id.clone())).collect();
    let all: Vec<SeedRef> = codes.into_iter().chain(alerts).collect();
    prop::option::of(prop::sample::select(all))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Drives full runs with random answers and outcomes, checking every
    /// invariant at every step, then replays the serialised session.
    #[test]
    fn runs_keep_every_invariant(seed in seeds(), choices in choices()) {
        let kb = kb();
        let engine = Engine::new(kb);
        let mut session = Session::new(kb.content_version);
        if let Some(s) = seed {
            session.push(Event::Seeded(s));
        }
        let mut asked = Vec::new();
        let mut tried = Vec::new();
        let mut steps = 0;
        let mut choices = choices.into_iter().cycle();
        loop {
            let out = session.next(&engine).unwrap();
            let b: Vec<f64> = out.beliefs.iter().map(|(_, p)| *p).collect();
            assert_distribution(&b);
            prop_assert!(b.windows(2).all(|w| w[0] >= w[1]), "beliefs sorted, most likely first");
            let Some(choice) = choices.next() else { break };
            match out.next {
                NextStep::Ask { question, why } => {
                    prop_assert!(!asked.contains(&question), "asked {question:?} twice");
                    prop_assert!(why.saving > 0.0 && why.eco < why.ecr);
                    asked.push(question);
                    let n = engine.answer_count(question);
                    let answer = AnswerIx(choice.answer % n);
                    session.push(Event::Answered {
                        question: engine.question_id(question).unwrap().into(),
                        answer: engine.answer_id(question, answer).unwrap().into(),
                    });
                }
                NextStep::Try { fix, variants, why } => {
                    prop_assert!(!tried.contains(&fix), "offered {fix:?} again");
                    prop_assert!(why.p_fixes > 0.0 && why.cost > 0.0 && why.efficiency.is_finite());
                    prop_assert!(!variants.shown.is_empty());
                    tried.push(fix);
                    let id = engine.fix_id(fix).unwrap().to_string();
                    session.push(match choice.outcome {
                        0..=7 => Event::FixFailed { fix: id },
                        8 => Event::CouldNotDo { fix: id },
                        _ => Event::FixWorked { fix: id },
                    });
                }
                NextStep::Escalate { why } => {
                    if let Some(f) = why.fix {
                        prop_assert!(!tried.contains(&f));
                    }
                    break;
                }
                NextStep::Resolved { .. } => break,
            }
            steps += 1;
            prop_assert!(steps <= engine.max_steps(), "ran past the bound");
        }
        // Serialise, parse, replay: the same step.
        let json = serde_json::to_string(&session).unwrap();
        let back: Session = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.next(&engine).unwrap(), session.next(&engine).unwrap());
    }

    /// A run where every fix fails and every answer is as random: it ends
    /// with the hand-over, within the bound.
    #[test]
    fn every_run_ends_within_the_bound(answers in prop::collection::vec(0usize..16, 20)) {
        let engine = Engine::new(kb());
        let mut e = Evidence::new();
        let mut answers = answers.into_iter().cycle();
        let mut steps = 0;
        loop {
            match engine.next(&e).next {
                NextStep::Ask { question, .. } => {
                    let n = engine.answer_count(question);
                    e.answer(question, AnswerIx(answers.next().unwrap_or(0) % n));
                }
                NextStep::Try { fix, .. } => e.fix_failed(fix),
                NextStep::Escalate { .. } => break,
                NextStep::Resolved { .. } => prop_assert!(false, "nothing worked"),
            }
            steps += 1;
            prop_assert!(steps <= engine.max_steps());
        }
    }

    /// "I'm not sure" leaves every belief exactly as it was, whatever else
    /// is known.
    #[test]
    fn unsure_changes_no_belief(
        answers in prop::collection::vec((0usize..32, 0usize..16), 0..8),
        failed in prop::collection::vec(0usize..32, 0..5),
        unsure_q in 0usize..32,
    ) {
        let engine = Engine::new(kb());
        let mut e = Evidence::new();
        for (q, a) in answers {
            let q = QuestionIx(q % engine.question_count());
            e.answer(q, AnswerIx(a % engine.answer_count(q)));
        }
        for f in failed {
            e.fix_failed(FixIx(f % engine.fix_count()));
        }
        let q = QuestionIx(unsure_q % engine.question_count());
        prop_assume!(!e.is_answered(q));
        let unsure = (0..engine.answer_count(q)).map(AnswerIx).find(|&a| engine.is_unsure(q, a)).unwrap();
        let before = engine.beliefs(&e);
        e.answer(q, unsure);
        prop_assert_eq!(engine.beliefs(&e), before);
    }

    /// Any evidence at all, out-of-range indices included: a distribution,
    /// and a next step that is not already answered or tried.
    #[test]
    fn arbitrary_evidence_never_breaks_the_engine(
        answers in prop::collection::vec((0usize..40, 0usize..10), 0..20),
        fixes in prop::collection::vec((0usize..40, any::<bool>()), 0..20),
        seeds in prop::collection::vec((any::<bool>(), 0usize..12), 0..4),
    ) {
        let engine = Engine::new(kb());
        let mut e = Evidence::new();
        for (q, a) in answers {
            e.answer(QuestionIx(q), AnswerIx(a));
        }
        for (f, failed) in fixes {
            if failed { e.fix_failed(FixIx(f)) } else { e.could_not_do(FixIx(f)) }
        }
        for (code, i) in seeds {
            e.seed(if code { Seed::Code(i) } else { Seed::Alert(i) });
        }
        assert_distribution(&engine.beliefs(&e));
        let out = engine.next(&e);
        prop_assert!(out.ecr.is_finite() && out.ecr >= 0.0);
        match out.next {
            NextStep::Ask { question, .. } => prop_assert!(!e.is_answered(question)),
            NextStep::Try { fix, .. } => prop_assert!(!e.is_tried(fix)),
            _ => {}
        }
    }
}

#[test]
fn every_error_code_and_alert_puts_its_cause_first() {
    let kb = kb();
    let engine = Engine::new(kb);
    for code in &kb.error_codes {
        let mut e = Evidence::new();
        e.seed(engine.code_seed(&code.code).unwrap());
        let out = engine.next(&e);
        let top = engine.cause_id(out.beliefs[0].0).unwrap();
        assert_eq!(top, code.cause, "code {} puts {top} first", code.code);
    }
    for alert in &kb.alerts {
        let mut e = Evidence::new();
        e.seed(engine.alert_seed(&alert.id).unwrap());
        let out = engine.next(&e);
        let top = engine.cause_id(out.beliefs[0].0).unwrap();
        assert_eq!(top, alert.cause, "alert {} puts {top} first", alert.id);
    }
}

#[test]
fn a_seeded_alert_and_the_same_answer_by_hand_agree() {
    let kb = kb();
    let engine = Engine::new(kb);
    let q = engine.question_ix(&kb.seed_question).unwrap();
    for alert in kb.alerts.iter().filter(|a| a.answer.is_some()) {
        let mut seeded = Evidence::new();
        seeded.seed(engine.alert_seed(&alert.id).unwrap());
        let mut by_hand = Evidence::new();
        by_hand.answer(q, engine.answer_ix(q, alert.answer.as_deref().unwrap()).unwrap());
        assert_eq!(engine.beliefs(&seeded), engine.beliefs(&by_hand), "alert {}", alert.id);
        // Both at once count the evidence once.
        seeded.answer(q, engine.answer_ix(q, alert.answer.as_deref().unwrap()).unwrap());
        assert_eq!(engine.beliefs(&seeded), engine.beliefs(&by_hand), "alert {} twice", alert.id);
    }
}

#[test]
fn the_first_step_on_the_real_knowledge_base_is_a_question() {
    // With eleven causes and nothing known, a cheap question is worth more
    // than any fix: the engine must not open with a guess.
    let engine = Engine::new(kb());
    let out = engine.next(&Evidence::new());
    assert!(matches!(out.next, NextStep::Ask { .. }), "{:?}", out.next);
    assert_distribution(&out.beliefs.iter().map(|(_, p)| *p).collect::<Vec<_>>());
}

#[test]
fn way_outs_are_never_in_the_plan() {
    let kb = kb();
    let engine = Engine::new(kb);
    let way_outs: Vec<FixIx> = (0..engine.fix_count())
        .map(FixIx)
        .filter(|&f| engine.fix_kind(f) == Some(backup_doctor::knowledge::FixKind::WayOut))
        .collect();
    let mut e = Evidence::new();
    for _ in 0..engine.max_steps() {
        let out = engine.next(&e);
        assert!(out.plan.iter().all(|f| !way_outs.contains(f)));
        match out.next {
            NextStep::Ask { question, .. } => e.answer(question, AnswerIx(0)),
            NextStep::Try { fix, .. } => e.fix_failed(fix),
            _ => break,
        }
    }
}
