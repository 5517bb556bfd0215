//! Writing learned numbers into a content pack: the same data files, with
//! only the priors, the answers' likelihoods and the fixes' chances
//! replaced. Everything else in the files (texts, ids, fields this module
//! does not know) passes through untouched.

use super::{Params, Shape};
use crate::knowledge::validate::{validate_files, Problem};
use crate::knowledge::{FixKind, KnowledgeBase, ANY_CAUSE};
use serde_json::{Map, Value};

/// How a question's "not sure" answer is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsureForm {
    /// The "not sure" answer carries `likelihoods` = P(not sure | cause),
    /// and the informative answers hold P(answer | cause), so that all the
    /// answers sum to 1 per cause.
    WithLikelihoods,
    /// The "not sure" answer carries nothing; the informative answers sum
    /// to 1 per cause (P(answer | cause, answered)). For a validator that
    /// does not accept likelihoods on "not sure" answers.
    WithoutLikelihoods,
}

/// Rounds a distribution to 4 decimals, keeping every positive value
/// positive and the sum exactly 1 (the residue goes to the largest value).
pub fn rounded_distribution(values: &[f64]) -> Vec<f64> {
    let mut out: Vec<f64> = values.iter().map(|&v| round4(v, v > 0.0)).collect();
    if let Some(big) = (0..out.len()).max_by(|&a, &b| out[a].total_cmp(&out[b])) {
        let rest: f64 = out.iter().enumerate().filter(|(i, _)| *i != big).map(|(_, v)| v).sum();
        out[big] = ((1.0 - rest) * 10_000.0).round() / 10_000.0;
    }
    out
}

fn round4(v: f64, keep_positive: bool) -> f64 {
    let r = (v.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0;
    if keep_positive && r <= 0.0 { 0.0001 } else { r }
}

/// A by-cause map: the most common value (when shared by two or more
/// causes) becomes `"*"`, the others are named.
pub fn by_cause_map(causes: &[String], values: &[f64]) -> Value {
    let mut counts: Vec<(u64, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(b, _)| *b == v.to_bits()) {
            Some(slot) => slot.1 += 1,
            None => counts.push((v.to_bits(), 1)),
        }
    }
    let star = counts.iter().filter(|(_, n)| *n >= 2).max_by_key(|(_, n)| *n).map(|(b, _)| f64::from_bits(*b));
    let mut map = Map::new();
    if let Some(s) = star {
        map.insert(ANY_CAUSE.to_string(), Value::from(s));
    }
    for (c, v) in causes.iter().zip(values) {
        if Some(*v) != star {
            map.insert(c.clone(), Value::from(*v));
        }
    }
    Value::Object(map)
}

/// The files of `files` with the numbers of `p` written in. JSON files
/// without the fields are passed through as they are.
pub fn write(kb: &KnowledgeBase, files: &[(String, String)], p: &Params, form: UnsureForm) -> Result<Vec<(String, String)>, String> {
    let shape = Shape::of(kb);
    let mut out = Vec::with_capacity(files.len());
    for (name, text) in files {
        if !name.ends_with(".json") {
            out.push((name.clone(), text.clone()));
            continue;
        }
        let mut value: Value = serde_json::from_str(text).map_err(|e| format!("{name}: not valid JSON: {e}"))?;
        let mut changed = false;
        if let Some(causes) = value.get_mut("causes").and_then(Value::as_array_mut) {
            let priors = rounded_distribution(&p.prior);
            for (cause, prior) in causes.iter_mut().zip(priors) {
                if let Some(obj) = cause.as_object_mut() {
                    obj.insert("prior".into(), Value::from(prior));
                }
            }
            changed = true;
        }
        if let Some(questions) = value.get_mut("questions").and_then(Value::as_array_mut) {
            for (qi, question) in questions.iter_mut().enumerate() {
                write_question(&shape, qi, question, p, form);
            }
            changed = true;
        }
        if let Some(fixes) = value.get_mut("fixes").and_then(Value::as_array_mut) {
            for (fi, fix) in fixes.iter_mut().enumerate() {
                if shape.fixes.get(fi).map(|f| f.1) != Some(FixKind::Fix) {
                    continue;
                }
                let chances: Vec<f64> = p.works[fi].iter().map(|&q| round4(q, q > 0.0)).collect();
                if let Some(obj) = fix.as_object_mut() {
                    obj.insert("fixes".into(), by_cause_map(&shape.causes, &chances));
                }
            }
            changed = true;
        }
        let text = if changed {
            let mut s = serde_json::to_string_pretty(&value).map_err(|e| format!("{name}: {e}"))?;
            s.push('\n');
            s
        } else {
            text.clone()
        };
        out.push((name.clone(), text));
    }
    Ok(out)
}

fn write_question(shape: &Shape, qi: usize, question: &mut Value, p: &Params, form: UnsureForm) {
    let (Some(table), Some(answers)) = (p.answers.get(qi), question.get_mut("answers").and_then(Value::as_array_mut)) else { return };
    let unsure = shape.unsure.get(qi).copied().flatten();
    let n = shape.causes.len();
    // Per cause, the distribution over the answers that are written.
    let mut rows: Vec<Vec<f64>> = vec![vec![0.0; n]; table.len()];
    for c in 0..n {
        let column: Vec<f64> = (0..table.len())
            .map(|a| match form {
                UnsureForm::WithLikelihoods => table[a][c],
                UnsureForm::WithoutLikelihoods if Some(a) == unsure => 0.0,
                UnsureForm::WithoutLikelihoods => table[a][c] / (1.0 - unsure.map_or(0.0, |u| table[u][c])).max(1e-9),
            })
            .collect();
        let keep: Vec<usize> = (0..table.len()).filter(|&a| form == UnsureForm::WithLikelihoods || Some(a) != unsure).collect();
        let rounded = rounded_distribution(&keep.iter().map(|&a| column[a]).collect::<Vec<_>>());
        for (&a, v) in keep.iter().zip(rounded) {
            rows[a][c] = v;
        }
    }
    for (ai, answer) in answers.iter_mut().enumerate() {
        let Some(obj) = answer.as_object_mut() else { continue };
        if Some(ai) == unsure && form == UnsureForm::WithoutLikelihoods {
            obj.remove("likelihoods");
        } else if let Some(row) = rows.get(ai) {
            obj.insert("likelihoods".into(), by_cause_map(&shape.causes, row));
        }
    }
}

/// A pack that passes the validator, and how it was made.
#[derive(Debug, Clone)]
pub struct ValidPack {
    pub files: Vec<(String, String)>,
    pub form: UnsureForm,
    /// How far from the authored priors (0) to the learned ones (1) the
    /// pack's priors are: below 1 when the learned numbers, written as
    /// they are, would break a content rule.
    pub prior_share: f64,
    /// The same for the likelihoods and the fixes' chances.
    pub rest_share: f64,
    /// The content rules the learned numbers break (empty when both shares are 1).
    pub broken: Vec<String>,
}

fn check(kb: &KnowledgeBase, files: &[(String, String)], p: &Params, form: UnsureForm) -> Result<Vec<(String, String)>, Vec<String>> {
    let pack = write(kb, files, p, form).map_err(|e| vec![e])?;
    let refs: Vec<(&str, &str)> =
        pack.iter().filter(|(n, _)| crate::knowledge::FILES.iter().any(|(f, _)| f == n)).map(|(n, t)| (n.as_str(), t.as_str())).collect();
    match validate_files(&refs) {
        Ok(_) => Ok(pack),
        Err(problems) => Err(problems.iter().map(Problem::to_string).collect()),
    }
}

/// Writes a pack the validator of this build accepts:
///
/// - with P(not sure | cause) on the "not sure" answers when the validator
///   accepts that, and without otherwise (see [`UnsureForm`]);
/// - with the learned numbers, or, when they break a content rule (say, an
///   alert no longer pointing to its own cause), the numbers the greatest
///   share of the way from the authored ones to the learned ones that
///   breaks none (found by bisection; the priors alone when that is
///   enough), with the broken rules listed.
///
/// Fails only when even the authored numbers do not pass.
pub fn write_validated(kb: &KnowledgeBase, files: &[(String, String)], authored: &Params, learned: &Params) -> Result<ValidPack, Vec<String>> {
    let form = if check(kb, files, authored, UnsureForm::WithLikelihoods).is_ok() {
        UnsureForm::WithLikelihoods
    } else {
        UnsureForm::WithoutLikelihoods
    };
    let broken = match check(kb, files, learned, form) {
        Ok(files) => return Ok(ValidPack { files, form, prior_share: 1.0, rest_share: 1.0, broken: Vec::new() }),
        Err(problems) => problems,
    };
    // The rules that break are mostly about the priors (an alert must
    // point to its own cause): keep the learned likelihoods and chances
    // whole when that alone passes, and pull back only the priors.
    let blend = |prior_share: f64, rest_share: f64| {
        let mut p = authored.blend(learned, rest_share);
        p.prior = authored.blend(learned, prior_share).prior;
        p
    };
    let rest_share = if check(kb, files, &blend(0.0, 1.0), form).is_ok() { 1.0 } else { 0.0 };
    let mut best = check(kb, files, &blend(0.0, rest_share), form)?;
    let (mut lo, mut hi) = (0.0, 1.0);
    for _ in 0..10 {
        let mid = (lo + hi) / 2.0;
        let rest = if rest_share == 1.0 { 1.0 } else { mid };
        match check(kb, files, &blend(mid, rest), form) {
            Ok(pack) => {
                best = pack;
                lo = mid;
            }
            Err(_) => hi = mid,
        }
    }
    Ok(ValidPack { files: best, form, prior_share: lo, rest_share: if rest_share == 1.0 { 1.0 } else { lo }, broken })
}
