//! The real knowledge-base files: they parse, validate with no problems, and
//! each error code or alert, on its own, makes its cause the most likely.

use backup_doctor::knowledge::{self, by_cause, validate, KnowledgeBase, FILES};

fn load() -> KnowledgeBase {
    match validate::validate_files(FILES) {
        Ok(kb) => kb,
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("{} problem(s) in the knowledge base:\n{}", list.len(), list.join("\n"));
        }
    }
}

#[test]
fn the_real_files_validate_with_no_problems() {
    let kb = load();
    let problems = validate::validate(&kb);
    assert!(problems.is_empty(), "{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"));
}

#[test]
fn builtin_loads_the_same_knowledge_base() {
    let kb = load();
    let builtin = knowledge::builtin().expect("builtin knowledge base loads");
    assert_eq!(&kb, builtin);
    assert_eq!(kb.content_version, 2);
}

/// Simple Bayes, written here rather than taken from the engine: the
/// posterior of every cause after one piece of evidence.
fn posterior(kb: &KnowledgeBase, likelihoods: &knowledge::ByCause) -> Vec<(String, f64)> {
    let scores: Vec<(String, f64)> =
        kb.causes.iter().map(|c| (c.id.clone(), c.prior * by_cause(likelihoods, &c.id).expect("likelihood for every cause"))).collect();
    let total: f64 = scores.iter().map(|(_, s)| s).sum();
    scores.into_iter().map(|(c, s)| (c, s / total)).collect()
}

fn assert_first(kb: &KnowledgeBase, what: &str, cause: &str, likelihoods: &knowledge::ByCause) {
    let post = posterior(kb, likelihoods);
    let own = post.iter().find(|(c, _)| c == cause).map(|(_, p)| *p).expect("cause exists");
    for (c, p) in &post {
        assert!(c == cause || *p < own, "{what}: `{c}` ({p:.3}) is at least as likely as its cause `{cause}` ({own:.3})");
    }
    let prior = kb.causes.iter().find(|c| c.id == cause).map(|c| c.prior).expect("cause exists");
    assert!(own > prior, "{what}: the evidence should raise `{cause}` above its prior");
}

#[test]
fn each_error_code_puts_its_cause_first() {
    let kb = load();
    assert_eq!(kb.error_codes.len(), 5);
    for code in &kb.error_codes {
        assert_first(&kb, &code.code, &code.cause, &code.likelihoods);
    }
}

#[test]
fn each_alert_puts_its_cause_first() {
    let kb = load();
    assert!(kb.alerts.len() >= 4);
    for alert in &kb.alerts {
        assert_first(&kb, &alert.id, &alert.cause, &alert.likelihoods);
    }
}

#[test]
fn each_alert_carries_the_same_evidence_as_its_seed_answer() {
    let kb = load();
    let seed = kb.questions.iter().find(|q| q.id == kb.seed_question).expect("seed question exists");
    for alert in &kb.alerts {
        let answer_id = alert.answer.as_ref().expect("every alert names its seed answer");
        let answer = seed.answers.iter().find(|a| &a.id == answer_id).expect("the answer exists");
        for c in &kb.causes {
            assert_eq!(by_cause(&alert.likelihoods, &c.id), by_cause(&answer.likelihoods, &c.id), "{} / {}", alert.id, c.id);
        }
    }
}

#[test]
fn the_article_says_storage_is_the_most_common_cause() {
    let kb = load();
    let top = kb.causes.iter().max_by(|a, b| a.prior.total_cmp(&b.prior)).expect("causes");
    assert_eq!(top.id, "not-enough-icloud-storage");
    assert_eq!(kb.causes.iter().filter(|c| c.catch_all).count(), 1);
}

#[test]
fn fix_probabilities_are_imperfect_except_escalation() {
    let kb = load();
    for f in &kb.fixes {
        for (cause, q) in &f.fixes {
            match f.kind {
                knowledge::FixKind::Escalation => assert_eq!(*q, 1.0, "{}", f.id),
                _ => assert!(*q < 1.0, "{} fixes {} with certainty", f.id, cause),
            }
        }
    }
    let escalations: Vec<_> = kb.fixes.iter().filter(|f| f.kind == knowledge::FixKind::Escalation).collect();
    assert_eq!(escalations.len(), 1);
    let max_ordinary = kb.fixes.iter().filter(|f| f.kind == knowledge::FixKind::Fix).map(|f| f.minutes).fold(0.0, f64::max);
    assert!(escalations[0].minutes >= max_ordinary, "escalation must cost the most");
}

#[test]
fn slugs_match_the_names_in_the_data_files() {
    use backup_doctor::knowledge::{IosVersion, ModelFamily};
    for v in IosVersion::ALL {
        assert_eq!(serde_json::to_value(v).expect("json"), serde_json::json!(v.slug()));
    }
    for m in ModelFamily::ALL {
        assert_eq!(serde_json::to_value(m).expect("json"), serde_json::json!(m.slug()));
    }
}
