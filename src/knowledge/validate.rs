//! Validation of the knowledge base: the rules a support writer could break
//! by editing a data file. Every problem names the file and the id of the
//! entry, so the fix is one search away.
//!
//! [`validate_files`] is what the tests and tools use: it knows which file
//! each top-level field came from. [`validate`] checks an already-parsed
//! knowledge base and assumes the usual file layout (see [`FIELD_FILES`]).

use super::model::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One broken rule, located by file and entry id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub id: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.id, self.message)
    }
}

/// The top-level fields of [`KnowledgeBase`] and the file each usually
/// lives in.
pub const FIELD_FILES: &[(&str, &str)] = &[
    ("content_version", "meta.json"),
    ("seed_question", "meta.json"),
    ("causes", "causes.json"),
    ("questions", "questions.json"),
    ("fixes", "fixes.json"),
    ("error_codes", "codes.json"),
    ("alerts", "codes.json"),
    ("faq", "reference.json"),
    ("guides", "reference.json"),
    ("tips", "reference.json"),
    ("sources", "sources.json"),
    ("earlier_layouts", "history.json"),
    ("answer_changes", "history.json"),
];

/// How far the priors, and each cause's likelihoods over a question's
/// answers, may stray from 1.
const PRIOR_TOLERANCE: f64 = 1e-9;
const LIKELIHOOD_SUM_TOLERANCE: f64 = 1e-6;

/// The highest P(not sure | cause) a question's "not sure" answer may carry:
/// a question nobody can answer is not a question.
pub const MAX_UNSURE: f64 = 0.9;

/// Checks a parsed knowledge base, naming files by the usual layout.
pub fn validate(kb: &KnowledgeBase) -> Vec<Problem> {
    let sources = FIELD_FILES.iter().map(|(field, file)| (*field, (*file).to_string())).collect();
    Checker { kb, sources, problems: Vec::new() }.run()
}

/// Parses the data files and checks them. On failure, every problem found
/// is returned, each naming the file it is in.
pub fn validate_files(files: &[(&str, &str)]) -> Result<KnowledgeBase, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut merged = serde_json::Map::new();
    let mut sources: BTreeMap<&'static str, String> = BTreeMap::new();
    for (name, text) in files {
        let file = (*name).to_string();
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                problems.push(problem(&file, "(file)", format!("not valid JSON: {e}")));
                continue;
            }
        };
        let Value::Object(fields) = value else {
            problems.push(problem(&file, "(file)", "the file must hold one JSON object".into()));
            continue;
        };
        for (key, v) in fields {
            let Some((field, _)) = FIELD_FILES.iter().find(|(f, _)| *f == key) else {
                problems.push(problem(&file, &key, format!("unknown field `{key}`")));
                continue;
            };
            if let Some(other) = sources.get(field) {
                problems.push(problem(&file, &key, format!("the field `{key}` is already set in {other}")));
                continue;
            }
            check_shape(&file, field, &v, &mut problems);
            sources.insert(field, file.clone());
            merged.insert(key, v);
        }
    }
    for (field, usual) in FIELD_FILES {
        if !sources.contains_key(field) {
            problems.push(problem(usual, field, format!("no file sets `{field}`")));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let kb: KnowledgeBase = match serde_json::from_value(Value::Object(merged)) {
        Ok(kb) => kb,
        Err(e) => return Err(vec![problem("knowledge base", "(all)", e.to_string())]),
    };
    let found = Checker { kb: &kb, sources, problems: Vec::new() }.run();
    if found.is_empty() {
        Ok(kb)
    } else {
        Err(found)
    }
}

/// True for a date written YYYY-MM-DD.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn problem(file: &str, id: &str, message: String) -> Problem {
    Problem { file: file.to_string(), id: id.to_string(), message }
}

/// The id of an entry in a JSON array: its `id`, or its `code`, or its
/// position.
fn entry_id(v: &Value, index: usize) -> String {
    v.get("id")
        .or_else(|| v.get("code"))
        .and_then(Value::as_str)
        .map_or_else(|| format!("#{}", index + 1), str::to_string)
}

/// Deserialises one top-level field on its own, entry by entry, so that a
/// type error names the file and the entry.
fn check_shape(file: &str, field: &str, v: &Value, problems: &mut Vec<Problem>) {
    fn each<T: serde::de::DeserializeOwned>(file: &str, field: &str, v: &Value, problems: &mut Vec<Problem>) {
        let Value::Array(items) = v else {
            problems.push(problem(file, field, format!("`{field}` must be a list")));
            return;
        };
        for (i, item) in items.iter().enumerate() {
            if let Err(e) = serde_json::from_value::<T>(item.clone()) {
                problems.push(problem(file, &entry_id(item, i), format!("in `{field}`: {e}")));
            }
        }
    }
    fn one<T: serde::de::DeserializeOwned>(file: &str, field: &str, v: &Value, problems: &mut Vec<Problem>) {
        if let Err(e) = serde_json::from_value::<T>(v.clone()) {
            problems.push(problem(file, field, e.to_string()));
        }
    }
    match field {
        "content_version" => one::<u32>(file, field, v, problems),
        "seed_question" => one::<String>(file, field, v, problems),
        "causes" => each::<Cause>(file, field, v, problems),
        "questions" => each::<Question>(file, field, v, problems),
        "fixes" => each::<Fix>(file, field, v, problems),
        "error_codes" => each::<ErrorCode>(file, field, v, problems),
        "alerts" => each::<Alert>(file, field, v, problems),
        "faq" => each::<FaqEntry>(file, field, v, problems),
        "guides" => each::<Guide>(file, field, v, problems),
        "tips" => each::<Tip>(file, field, v, problems),
        "sources" => each::<Source>(file, field, v, problems),
        "earlier_layouts" => each::<Layout>(file, field, v, problems),
        "answer_changes" => each::<AnswerChange>(file, field, v, problems),
        _ => {}
    }
}

struct Checker<'a> {
    kb: &'a KnowledgeBase,
    sources: BTreeMap<&'static str, String>,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    fn file(&self, field: &str) -> String {
        self.sources.get(field).cloned().unwrap_or_else(|| {
            FIELD_FILES.iter().find(|(f, _)| *f == field).map_or("(unknown file)", |(_, file)| file).to_string()
        })
    }

    fn report(&mut self, field: &str, id: &str, message: String) {
        let file = self.file(field);
        self.problems.push(problem(&file, id, message));
    }

    fn run(mut self) -> Vec<Problem> {
        self.unique_ids();
        self.references();
        self.probabilities();
        self.priors();
        self.every_cause_fixable();
        self.questions();
        self.fixes();
        self.evidence_points_to_its_cause();
        self.coverage();
        self.newest_first();
        self.sources();
        self.stolen_device_protection();
        self.history();
        self.text();
        self.problems
    }

    fn cause_ids(&self) -> BTreeSet<&'a str> {
        self.kb.causes.iter().map(|c| c.id.as_str()).collect()
    }

    // Rule: an id repeats.
    fn unique_ids(&mut self) {
        let kb = self.kb;
        let lists: Vec<(&str, Vec<&str>)> = vec![
            ("causes", kb.causes.iter().map(|c| c.id.as_str()).collect()),
            ("questions", kb.questions.iter().map(|q| q.id.as_str()).collect()),
            ("fixes", kb.fixes.iter().map(|f| f.id.as_str()).collect()),
            ("error_codes", kb.error_codes.iter().map(|c| c.code.as_str()).collect()),
            ("alerts", kb.alerts.iter().map(|a| a.id.as_str()).collect()),
            ("faq", kb.faq.iter().map(|f| f.id.as_str()).collect()),
            ("guides", kb.guides.iter().map(|g| g.id.as_str()).collect()),
            ("tips", kb.tips.iter().map(|t| t.id.as_str()).collect()),
            ("sources", kb.sources.iter().map(|s| s.id.as_str()).collect()),
        ];
        for (field, ids) in lists {
            let mut seen = BTreeSet::new();
            for id in ids {
                if !seen.insert(id) {
                    self.report(field, id, format!("the id `{id}` is used more than once in `{field}`"));
                }
            }
        }
        for q in &kb.questions {
            let mut seen = BTreeSet::new();
            for a in &q.answers {
                if !seen.insert(a.id.as_str()) {
                    self.report("questions", &format!("{}/{}", q.id, a.id), format!("the answer id `{}` is used more than once", a.id));
                }
            }
        }
        for g in &kb.guides {
            let mut seen = BTreeSet::new();
            for item in g.sections.iter().flat_map(|s| &s.items) {
                if let Some(id) = &item.id {
                    if !seen.insert(id.as_str()) {
                        self.report("guides", &format!("{}/{}", g.id, id), format!("the list item id `{id}` is used more than once"));
                    }
                }
            }
        }
    }

    // Rule: a reference does not resolve.
    fn references(&mut self) {
        let kb = self.kb;
        let causes = self.cause_ids();
        let check_map = |this: &mut Self, field: &str, id: &str, what: &str, map: &ByCause| {
            for key in map.keys() {
                if key != ANY_CAUSE && !causes.contains(key.as_str()) {
                    this.report(field, id, format!("{what} names the cause `{key}`, which does not exist"));
                }
            }
        };
        for q in &kb.questions {
            for a in &q.answers {
                check_map(self, "questions", &format!("{}/{}", q.id, a.id), "the likelihoods", &a.likelihoods);
            }
        }
        for f in &kb.fixes {
            check_map(self, "fixes", &f.id, "`fixes`", &f.fixes);
        }
        for c in &kb.error_codes {
            check_map(self, "error_codes", &c.code, "the likelihoods", &c.likelihoods);
            if !causes.contains(c.cause.as_str()) {
                self.report("error_codes", &c.code, format!("the cause `{}` does not exist", c.cause));
            }
        }
        let seed = kb.questions.iter().find(|q| q.id == kb.seed_question);
        if seed.is_none() {
            self.report("seed_question", "seed_question", format!("the question `{}` does not exist", kb.seed_question));
        }
        for a in &kb.alerts {
            check_map(self, "alerts", &a.id, "the likelihoods", &a.likelihoods);
            if !causes.contains(a.cause.as_str()) {
                self.report("alerts", &a.id, format!("the cause `{}` does not exist", a.cause));
            }
            if let (Some(answer), Some(seed)) = (&a.answer, seed) {
                if !seed.answers.iter().any(|x| &x.id == answer) {
                    self.report("alerts", &a.id, format!("the answer `{answer}` is not an answer of the question `{}`", seed.id));
                }
            }
        }
        for t in &kb.tips {
            for c in &t.causes {
                if !causes.contains(c.as_str()) {
                    self.report("tips", &t.id, format!("the cause `{c}` does not exist"));
                }
            }
        }
        let targets: BTreeSet<&str> = kb
            .causes
            .iter()
            .map(|c| c.id.as_str())
            .chain(kb.fixes.iter().map(|f| f.id.as_str()))
            .chain(kb.guides.iter().map(|g| g.id.as_str()))
            .chain(kb.faq.iter().map(|f| f.id.as_str()))
            .chain(kb.questions.iter().map(|q| q.id.as_str()))
            .collect();
        for f in &kb.faq {
            for s in &f.see_also {
                if !targets.contains(s.as_str()) {
                    self.report("faq", &f.id, format!("see_also names `{s}`, which is no cause, fix, guide, FAQ entry or question"));
                }
            }
        }
    }

    // Rule: a probability is outside (0, 1].
    fn probabilities(&mut self) {
        let kb = self.kb;
        let bad = |p: f64| !(p > 0.0 && p <= 1.0);
        for c in &kb.causes {
            if bad(c.prior) {
                self.report("causes", &c.id, format!("the prior {} is outside (0, 1]", c.prior));
            }
        }
        let check_map = |this: &mut Self, field: &str, id: &str, what: &str, map: &ByCause| {
            for (key, p) in map {
                if bad(*p) {
                    this.report(field, id, format!("{what} for `{key}` is {p}, outside (0, 1]"));
                }
            }
        };
        for q in &kb.questions {
            for a in &q.answers {
                check_map(self, "questions", &format!("{}/{}", q.id, a.id), "the likelihood", &a.likelihoods);
            }
        }
        for f in &kb.fixes {
            check_map(self, "fixes", &f.id, "the probability", &f.fixes);
        }
        for c in &kb.error_codes {
            check_map(self, "error_codes", &c.code, "the likelihood", &c.likelihoods);
        }
        for a in &kb.alerts {
            check_map(self, "alerts", &a.id, "the likelihood", &a.likelihoods);
        }
    }

    // Rule: the priors do not sum to 1; and there is one catch-all cause.
    fn priors(&mut self) {
        let sum: f64 = self.kb.causes.iter().map(|c| c.prior).sum();
        if (sum - 1.0).abs() > PRIOR_TOLERANCE {
            self.report("causes", "(priors)", format!("the priors sum to {sum}, not 1"));
        }
        let catch_all: Vec<&str> = self.kb.causes.iter().filter(|c| c.catch_all).map(|c| c.id.as_str()).collect();
        if catch_all.len() != 1 {
            self.report("causes", "(catch_all)", format!("exactly one cause must be the catch-all, found {}", catch_all.len()));
        }
    }

    // Rule: a cause has no ordinary fix that can fix it.
    fn every_cause_fixable(&mut self) {
        let kb = self.kb;
        for c in &kb.causes {
            let fixable = kb.fixes.iter().any(|f| f.kind == FixKind::Fix && by_cause(&f.fixes, &c.id).is_some_and(|q| q > 0.0));
            if !fixable {
                self.report("causes", &c.id, "no fix can fix this cause (only Apple Support would)".into());
            }
        }
    }

    // Rules: exactly one "not sure" answer; informative answers have
    // likelihoods for every cause, summing to 1 per cause.
    fn questions(&mut self) {
        let kb = self.kb;
        let causes = self.cause_ids();
        for q in &kb.questions {
            let unsure = q.answers.iter().filter(|a| a.unsure).count();
            if unsure != 1 {
                self.report("questions", &q.id, format!("needs exactly one \"not sure\" answer (unsure: true), has {unsure}"));
            }
            if !(q.minutes.is_finite() && q.minutes > 0.0) {
                self.report("questions", &q.id, format!("minutes must be a positive number, is {}", q.minutes));
            }
            for a in &q.answers {
                let id = format!("{}/{}", q.id, a.id);
                if a.unsure {
                    // P(not sure | cause) is optional; given, it names every
                    // cause (or "*") and leaves room for a real answer.
                    if !a.likelihoods.is_empty() {
                        for c in &causes {
                            match by_cause(&a.likelihoods, c) {
                                None => self.report("questions", &id, format!("no P(not sure | cause) for the cause `{c}` (name it, or add \"*\")")),
                                Some(p) if !(p.is_finite() && (0.0..=MAX_UNSURE).contains(&p)) => self.report(
                                    "questions",
                                    &id,
                                    format!("P(not sure | `{c}`) must be between 0 and {}, is {p}", MAX_UNSURE),
                                ),
                                Some(_) => {}
                            }
                        }
                    }
                    continue;
                }
                if a.likelihoods.is_empty() {
                    self.report("questions", &id, "this answer has no likelihoods".into());
                    continue;
                }
                for c in &causes {
                    if by_cause(&a.likelihoods, c).is_none() {
                        self.report("questions", &id, format!("no likelihood for the cause `{c}` (name it, or add \"*\")"));
                    }
                }
            }
            for c in &causes {
                let informative: Vec<&Answer> = q.answers.iter().filter(|a| !a.unsure && !a.likelihoods.is_empty()).collect();
                if informative.is_empty() {
                    break;
                }
                // The informative answers sum to 1, or, when "not sure" has
                // its own P(not sure | cause), to what it leaves.
                let sum: f64 = informative.iter().filter_map(|a| by_cause(&a.likelihoods, c)).sum();
                let unsure = q.answers.iter().find(|a| a.unsure).and_then(|a| by_cause(&a.likelihoods, c));
                let fits = |total: f64| (sum - total).abs() <= LIKELIHOOD_SUM_TOLERANCE;
                if !fits(1.0) && !unsure.is_some_and(|u| fits(1.0 - u)) {
                    self.report("questions", &q.id, format!("the likelihoods for the cause `{c}` sum to {sum} over the answers, not 1"));
                }
            }
        }
        for c in &kb.error_codes {
            for cause in &causes {
                if by_cause(&c.likelihoods, cause).is_none() {
                    self.report("error_codes", &c.code, format!("no likelihood for the cause `{cause}` (name it, or add \"*\")"));
                }
            }
        }
        for a in &kb.alerts {
            for cause in &causes {
                if by_cause(&a.likelihoods, cause).is_none() {
                    self.report("alerts", &a.id, format!("no likelihood for the cause `{cause}` (name it, or add \"*\")"));
                }
            }
        }
    }

    // Rules: a fix with a risk has a warning and a step marked risky; every
    // fix the engine uses says how likely it is to work for every cause.
    fn fixes(&mut self) {
        let kb = self.kb;
        let causes = self.cause_ids();
        for f in &kb.fixes {
            if f.risk != Risk::None {
                if f.warning.as_deref().is_none_or(|w| w.trim().is_empty()) {
                    self.report("fixes", &f.id, format!("has the risk {:?} but no warning", f.risk));
                }
                for (i, v) in f.variants.iter().enumerate() {
                    if !v.steps.iter().any(|s| s.risky) {
                        let label = v.label.clone().unwrap_or_else(|| format!("variant {}", i + 1));
                        self.report("fixes", &f.id, format!("has a risk, but no step of \"{label}\" is marked risky"));
                    }
                }
            }
            if !(f.minutes.is_finite() && f.minutes > 0.0) {
                self.report("fixes", &f.id, format!("minutes must be a positive number, is {}", f.minutes));
            }
            if f.kind != FixKind::WayOut {
                for c in &causes {
                    if by_cause(&f.fixes, c).is_none() {
                        self.report("fixes", &f.id, format!("no probability for the cause `{c}` (name it, or add \"*\")"));
                    }
                }
            }
        }
    }

    // An error code or alert should, on its own, make its cause the most
    // likely one; otherwise the text shown and the engine's belief disagree.
    fn evidence_points_to_its_cause(&mut self) {
        let kb = self.kb;
        let top = |map: &ByCause| -> Vec<(&'a str, f64)> {
            kb.causes.iter().map(|c| (c.id.as_str(), c.prior * by_cause(map, &c.id).unwrap_or(0.0))).collect()
        };
        let mut found = Vec::new();
        for c in &kb.error_codes {
            found.push(("error_codes", c.code.as_str(), c.cause.as_str(), top(&c.likelihoods)));
        }
        for a in &kb.alerts {
            found.push(("alerts", a.id.as_str(), a.cause.as_str(), top(&a.likelihoods)));
        }
        for (field, id, cause, scores) in found {
            let own = scores.iter().find(|(c, _)| *c == cause).map_or(0.0, |(_, s)| *s);
            for (other, s) in &scores {
                if *other != cause && *s >= own {
                    self.report(field, id, format!("this evidence makes `{other}` at least as likely as its own cause `{cause}`"));
                }
            }
        }
    }

    // Rule: a variant set leaves a supported iOS version or model uncovered.
    fn coverage(&mut self) {
        let kb = self.kb;
        let mut sets: Vec<(&str, String, Vec<&Applies>)> = Vec::new();
        for q in &kb.questions {
            sets.push(("questions", q.id.clone(), q.help.iter().map(|h| &h.applies).collect()));
        }
        for f in &kb.fixes {
            sets.push(("fixes", f.id.clone(), f.variants.iter().map(|v| &v.applies).collect()));
            for (i, v) in f.variants.iter().enumerate() {
                if v.steps.is_empty() {
                    self.report("fixes", &f.id, format!("variant {} has no steps", i + 1));
                }
            }
        }
        for g in &kb.guides {
            for (i, s) in g.sections.iter().enumerate() {
                if !s.steps.is_empty() {
                    sets.push(("guides", format!("{}/section {}", g.id, i + 1), s.steps.iter().map(|v| &v.applies).collect()));
                }
            }
        }
        for (field, id, applies) in sets {
            let missing: Vec<String> = IosVersion::ALL
                .iter()
                .flat_map(|ios| ModelFamily::ALL.iter().map(move |m| (*ios, *m)))
                .filter(|(ios, m)| !applies.iter().any(|a| a.covers(*ios, *m)))
                .map(|(ios, m)| format!("{} + {}", ios.slug(), m.slug()))
                .collect();
            if !missing.is_empty() {
                self.report(field, &id, format!("no variant covers {}", missing.join(", ")));
            }
        }
    }

    // Rule: the variants of an entry are not listed newest iOS first, so a
    // person who isn't sure would not see today's wording first.
    fn newest_first(&mut self) {
        let kb = self.kb;
        let newest = |a: &Applies| a.ios.iter().min().copied();
        let mut sets: Vec<(&str, String, Vec<Option<IosVersion>>)> = Vec::new();
        for q in &kb.questions {
            sets.push(("questions", q.id.clone(), q.help.iter().map(|h| newest(&h.applies)).collect()));
        }
        for f in &kb.fixes {
            sets.push(("fixes", f.id.clone(), f.variants.iter().map(|v| newest(&v.applies)).collect()));
        }
        for g in &kb.guides {
            for (i, s) in g.sections.iter().enumerate() {
                sets.push(("guides", format!("{}/section {}", g.id, i + 1), s.steps.iter().map(|v| newest(&v.applies)).collect()));
            }
        }
        for (field, id, order) in sets {
            let listed: Vec<IosVersion> = order.into_iter().flatten().collect();
            if listed.windows(2).any(|w| w[0] > w[1]) {
                self.report(field, &id, "the variants must be listed newest iOS first (iOS 26 before iOS 18, and so on)".into());
            }
        }
    }

    // Rules: every fix variant, guide, FAQ answer, alert and question help
    // names at least one source; every source named exists; a page source
    // has an https address, a title and the date it was checked.
    fn sources(&mut self) {
        let kb = self.kb;
        let known: BTreeSet<&str> = kb.sources.iter().map(|s| s.id.as_str()).collect();
        let mut uses: Vec<(&str, String, &Vec<String>)> = Vec::new();
        for q in &kb.questions {
            for (i, h) in q.help.iter().enumerate() {
                uses.push(("questions", format!("{}/help {}", q.id, i + 1), &h.sources));
            }
        }
        for f in &kb.fixes {
            for (i, v) in f.variants.iter().enumerate() {
                let label = v.label.clone().unwrap_or_else(|| format!("variant {}", i + 1));
                uses.push(("fixes", format!("{}/{label}", f.id), &v.sources));
            }
        }
        for g in &kb.guides {
            uses.push(("guides", g.id.clone(), &g.sources));
        }
        for f in &kb.faq {
            uses.push(("faq", f.id.clone(), &f.sources));
        }
        for a in &kb.alerts {
            uses.push(("alerts", a.id.clone(), &a.sources));
        }
        for (field, id, sources) in uses {
            if sources.is_empty() {
                self.report(field, &id, "has no sources: name a page, \"article\", or a \"not verified\" entry of sources.json".into());
            }
            for s in sources {
                if !known.contains(s.as_str()) {
                    self.report(field, &id, format!("names the source `{s}`, which is not in sources.json"));
                }
            }
        }
        // Guides' own step lists may name sources too; they must exist.
        for g in &kb.guides {
            for s in g.sections.iter().flat_map(|s| &s.steps).flat_map(|v| &v.sources) {
                if !known.contains(s.as_str()) {
                    self.report("guides", &g.id, format!("names the source `{s}`, which is not in sources.json"));
                }
            }
        }
        for s in &kb.sources {
            if s.kind == SourceKind::Page {
                if !s.url.as_deref().is_some_and(|u| u.starts_with("https://")) {
                    self.report("sources", &s.id, "a page needs its address, starting with https://".into());
                }
                if !s.checked.as_deref().is_some_and(is_date) {
                    self.report("sources", &s.id, "a page needs the date it was checked, as YYYY-MM-DD".into());
                }
            }
        }
    }

    // Rule: a Stolen Device Protection note sits on a variant for iOS
    // before 17, which doesn't have the feature.
    fn stolen_device_protection(&mut self) {
        let kb = self.kb;
        for f in &kb.fixes {
            for (i, v) in f.variants.iter().enumerate() {
                let too_old = v.applies.ios.is_empty() || v.applies.ios.iter().any(|ios| *ios > IosVersion::Ios17);
                if v.stolen_device_protection.is_some() && too_old {
                    let label = v.label.clone().unwrap_or_else(|| format!("variant {}", i + 1));
                    self.report("fixes", &f.id, format!("\"{label}\" has a Stolen Device Protection note, but the feature needs iOS 17.3 or later: list only iOS 17 and later in its `applies`"));
                }
            }
        }
    }

    // Rules: earlier layouts are older than this content; an answer change
    // is for an answer that is gone, and becomes answers that exist.
    fn history(&mut self) {
        let kb = self.kb;
        let mut versions = BTreeSet::new();
        for l in &kb.earlier_layouts {
            let id = format!("version {}", l.content_version);
            if l.content_version >= kb.content_version {
                self.report("earlier_layouts", &id, format!("is not older than the content version {}", kb.content_version));
            }
            if !versions.insert(l.content_version) {
                self.report("earlier_layouts", &id, "this version is listed more than once".into());
            }
        }
        for c in &kb.answer_changes {
            let id = format!("{}/{}", c.question, c.answer);
            if c.until_version >= kb.content_version {
                self.report("answer_changes", &id, format!("until_version {} is not older than the content version {}", c.until_version, kb.content_version));
            }
            let still_there = kb.questions.iter().any(|q| q.id == c.question && q.answers.iter().any(|a| a.id == c.answer));
            if still_there {
                self.report("answer_changes", &id, "this answer still exists: a change is only for an answer that was removed".into());
            }
            for b in &c.becomes {
                let exists = kb.questions.iter().any(|q| q.id == b.question && q.answers.iter().any(|a| a.id == b.answer));
                if !exists {
                    self.report("answer_changes", &id, format!("becomes `{}/{}`, which is no answer of today's questions", b.question, b.answer));
                }
            }
        }
    }

    // Rule: any text field is empty. Walks every string in the data, so a
    // field added later is checked too.
    fn text(&mut self) {
        fn walk(v: &Value, path: &str, out: &mut Vec<String>) {
            match v {
                Value::String(s) if s.trim().is_empty() => out.push(path.to_string()),
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, &format!("{path}[{}]", i + 1), out);
                    }
                }
                Value::Object(map) => {
                    for (k, item) in map {
                        let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                        walk(item, &p, out);
                    }
                }
                _ => {}
            }
        }
        let Ok(Value::Object(fields)) = serde_json::to_value(self.kb) else {
            self.report("content_version", "(all)", "the knowledge base could not be read back as JSON".into());
            return;
        };
        for (field, value) in &fields {
            let Some((field, _)) = FIELD_FILES.iter().find(|(f, _)| f == field) else { continue };
            match value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let mut empty = Vec::new();
                        walk(item, "", &mut empty);
                        let id = entry_id(item, i);
                        for path in empty {
                            self.report(field, &id, format!("the text `{path}` is empty"));
                        }
                    }
                }
                other => {
                    let mut empty = Vec::new();
                    walk(other, "", &mut empty);
                    if !empty.is_empty() {
                        self.report(field, field, format!("`{field}` is empty"));
                    }
                }
            }
        }
    }
}
