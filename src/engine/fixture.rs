//! The small model of `ENGINE-MATH.md` (Vomlel's "light print" example),
//! as data, for tests, scenarios and the benchmark.
//!
//! Causes C1..C4 (priors 0.4 / 0.3 / 0.2 / 0.1). Costs are chosen so that
//! [`super::step_cost`] gives exactly the fixture's numbers (trivial effort,
//! no risk: cost = 0.5 + minutes):
//!
//! | step | cost | P(works or yes \| C1, C2, C3, C4) |
//! |------|------|-----------------------------------|
//! | A1   | 5    | fixes 0, 0, 1, 0                  |
//! | A2   | 15   | fixes 0.9, 0.9, 0, 0              |
//! | A3   | 1    | fixes 0, 0, 0, 1                  |
//! | Q1   | 2    | yes 1, 1, 0, 0                    |
//! | Q2   | 1    | "which iOS": the same for all     |
//!
//! A3 has two step variants (iOS 15+, older); Q2 sets the iOS version.
//! [`fixture_with_support`] adds "Contact Apple Support" (cost 60, always
//! works) and a way-out fix the engine must never offer.

use crate::knowledge::KnowledgeBase;

const FIXTURE: &str = r#"{
  "content_version": 1,
  "seed_question": "q1",
  "causes": [
    {"id": "c1", "title": "C1", "summary": "", "prior": 0.4, "prior_note": ""},
    {"id": "c2", "title": "C2", "summary": "", "prior": 0.3, "prior_note": ""},
    {"id": "c3", "title": "C3", "summary": "", "prior": 0.2, "prior_note": ""},
    {"id": "c4", "title": "C4", "summary": "", "prior": 0.1, "prior_note": "", "catch_all": true}
  ],
  "questions": [
    {"id": "q1", "text": "Q1?", "help": [], "minutes": 1.5, "effort": "trivial", "answers": [
      {"id": "yes", "label": "Yes", "likelihoods": {"c1": 1, "c2": 1, "*": 0}},
      {"id": "no", "label": "No", "likelihoods": {"c1": 0, "c2": 0, "*": 1}},
      {"id": "unsure", "label": "I'm not sure", "unsure": true}
    ]},
    {"id": "q2", "text": "Which iOS?", "help": [], "minutes": 0.5, "effort": "trivial", "answers": [
      {"id": "ios15", "label": "iOS 15 or later", "likelihoods": {"*": 0.5}, "sets_ios": "ios26"},
      {"id": "older", "label": "Older", "likelihoods": {"*": 0.5}, "sets_ios": "before10-3"},
      {"id": "unsure", "label": "I'm not sure", "unsure": true}
    ]}
  ],
  "fixes": [
    {"id": "a1", "title": "A1", "summary": "", "why": "", "verify": "", "minutes": 4.5, "effort": "trivial", "risk": "none",
     "variants": [{"steps": [{"text": "Do A1"}]}], "fixes": {"c3": 1, "*": 0}},
    {"id": "a2", "title": "A2", "summary": "", "why": "", "verify": "", "minutes": 14.5, "effort": "trivial", "risk": "none",
     "variants": [{"steps": [{"text": "Do A2"}]}], "fixes": {"c1": 0.9, "c2": 0.9, "*": 0}},
    {"id": "a3", "title": "A3", "summary": "", "why": "", "verify": "", "minutes": 0.5, "effort": "trivial", "risk": "none",
     "variants": [
       {"applies": {"ios": ["ios26"]}, "label": "iOS 26", "steps": [{"text": "Do A3 the new way"}]},
       {"applies": {"ios": ["before10-3"]}, "label": "Older iOS", "steps": [{"text": "Do A3 the old way"}]}
     ],
     "fixes": {"c4": 1, "*": 0}}
  ],
  "error_codes": [
    {"code": "42", "label": "Error 42", "cause": "c3", "article_solution": "", "likelihoods": {"c3": 0.9, "*": 0.05}}
  ],
  "alerts": [
    {"id": "light", "text": "Light print", "cause": "c2", "meaning": "", "likelihoods": {"c2": 0.8, "*": 0.1}}
  ],
  "faq": [], "guides": [], "tips": []
}"#;

const SUPPORT: &str = r#"[
  {"id": "support", "title": "Contact Apple Support", "kind": "escalation", "summary": "", "why": "", "verify": "",
   "minutes": 59.5, "effort": "trivial", "risk": "none", "variants": [{"steps": [{"text": "Call"}]}], "fixes": {"*": 1}},
  {"id": "computer", "title": "Back up to a computer", "kind": "way-out", "summary": "", "why": "", "verify": "",
   "minutes": 0.5, "effort": "trivial", "risk": "none", "variants": [{"steps": [{"text": "Use a computer"}]}], "fixes": {"*": 1}}
]"#;

/// The ENGINE-MATH fixture, exactly as specified there.
pub fn fixture() -> Result<KnowledgeBase, serde_json::Error> {
    serde_json::from_str(FIXTURE)
}

/// The fixture with Apple Support (cost 60) and a way-out fix added.
pub fn fixture_with_support() -> Result<KnowledgeBase, serde_json::Error> {
    let mut kb = fixture()?;
    let extra: Vec<crate::knowledge::Fix> = serde_json::from_str(SUPPORT)?;
    kb.fixes.extend(extra);
    Ok(kb)
}
