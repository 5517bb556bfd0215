//! The plain-text summary of a run, for Apple Support or a portal's
//! ticket: what the screen said, the answers, the fixes tried (and when
//! Stolen Device Protection may have stood in the way of one), and the
//! engine's most likely causes. It formats; it computes nothing.

use super::progress::percent_label;
use super::text::{answer_join, list, quoted, t, tf};
use crate::engine::Outcome;
use crate::knowledge::KnowledgeBase;
use crate::session::{Event, SeedRef, Session};

/// How an error code or alert seed reads in a sentence.
pub fn seed_label(kb: &KnowledgeBase, seed: &SeedRef) -> String {
    match seed {
        SeedRef::Code(code) => kb
            .error_codes
            .iter()
            .find(|c| &c.code == code)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| code.clone()),
        SeedRef::Alert(id) => kb.alerts.iter().find(|a| &a.id == id).map(|a| quoted(&a.text)).unwrap_or_else(|| id.clone()),
    }
}

/// The summary as plain text, one fact per line.
pub fn summary_text(kb: &KnowledgeBase, session: &Session, outcome: &Outcome) -> String {
    let mut lines = vec![t("summary.title").to_string()];
    let mut answers = Vec::new();
    let mut fixes = Vec::new();
    let mut security_delay = Vec::new();
    for event in session.effective() {
        match event {
            Event::Seeded(seed) => lines.push(tf("summary.seed", &[("seed", &seed_label(kb, seed))])),
            Event::Answered { question, answer } => {
                let q = kb.questions.iter().find(|q| &q.id == question);
                let a = q.and_then(|q| q.answers.iter().find(|a| &a.id == answer));
                if let (Some(q), Some(a)) = (q, a) {
                    answers.push(format!("- {}{}{}", q.text, answer_join(), a.label));
                }
            }
            Event::FixFailed { fix } | Event::CouldNotDo { fix } => {
                let title = kb.fixes.iter().find(|f| &f.id == fix).map_or(fix.as_str(), |f| f.title.as_str());
                let how = if matches!(event, Event::FixFailed { .. }) { t("summary.failed") } else { t("summary.could-not") };
                fixes.push(format!("- {title}{}{how}", t("app.label-separator")));
                // Stolen Device Protection may have stood in the way.
                let hit = kb.fixes.iter().find(|f| &f.id == fix).is_some_and(|f| {
                    f.variants.iter().any(|v| v.stolen_device_protection.is_some() && v.applies.matches(&outcome.device))
                });
                if hit && !security_delay.contains(&title.to_string()) {
                    security_delay.push(title.to_string());
                }
            }
            Event::FixWorked { fix } => {
                let title = kb.fixes.iter().find(|f| &f.id == fix).map_or(fix.as_str(), |f| f.title.as_str());
                fixes.push(format!("- {title}{}{}", t("app.label-separator"), t("summary.worked")));
            }
            Event::Undo => {}
        }
    }
    lines.push(String::new());
    lines.push(t("summary.answers").to_string());
    if answers.is_empty() {
        lines.push(format!("- {}", t("summary.none")));
    }
    lines.extend(answers);
    lines.push(String::new());
    lines.push(t("summary.fixes").to_string());
    if fixes.is_empty() {
        lines.push(format!("- {}", t("summary.none")));
    }
    lines.extend(fixes);
    if !security_delay.is_empty() {
        lines.push(tf("summary.stolen-device-protection", &[("fixes", &list(&security_delay))]));
    }
    lines.push(String::new());
    lines.push(t("summary.causes").to_string());
    for (cause, p) in outcome.beliefs.iter().take(3) {
        if let Some(c) = kb.causes.get(cause.0) {
            lines.push(format!("- {}{}{}", c.title, t("app.label-separator"), percent_label(*p)));
        }
    }
    lines.join("\n")
}
