//! Learning the knowledge base's numbers from outcome records, privately:
//! on the support team's own machine, from the records their portal
//! collected (`cargo xtask learn`). Plain Rust, native only.
//!
//! The model is the engine's: one hidden cause per run, drawn from the
//! priors; each answer drawn from P(answer | cause) ("I'm not sure"
//! included); each fix done works with P(works | cause). A fix the person
//! could not do, the hand-over and a run left unfinished carry no evidence.
//! Which question comes next depends only on what was seen before, so the
//! engine's choices do not bias the likelihood.
//!
//! [`Stats`] is the sufficient statistic: every record is reduced to its
//! evidence (answers and fix results, order dropped) and identical ones
//! are counted. At most [`MEMORY_RUNS`] distinct runs stay in memory, the
//! rest go to a temporary file, so memory is flat in the number of
//! records; two [`Stats`] add up ([`Stats::merge`]), so shards and portals
//! merge exactly. [`learn`] then runs expectation–maximisation over the
//! hidden cause with the authored numbers as Dirichlet / Beta priors of
//! `strength` pseudo-counts (the estimates are posterior means).

pub mod pack;
pub mod report;
pub mod sim;

use crate::knowledge::{by_cause, FixKind, KnowledgeBase};
use crate::session::outcome::{FixResult, OutcomeRecord, RunEnd, OUTCOME_SCHEMA};
use crate::session::SeedRef;
use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

/// P(not sure | cause) assumed when the knowledge base gives none: the same
/// for every cause, so it carries no evidence (as the engine treats it).
pub const DEFAULT_UNSURE: f64 = 0.1;

/// No probability the learner evaluates goes below this (as the engine's
/// [`crate::engine::LIKELIHOOD_FLOOR`]).
pub const FLOOR: f64 = 1e-4;

/// The default prior strength: the authored numbers count as this many
/// runs' worth of evidence for each distribution.
pub const DEFAULT_STRENGTH: f64 = 10.0;

/// The numbers the learner estimates, by index in the knowledge base.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// P(cause), summing to 1.
    pub prior: Vec<f64>,
    /// `[question][answer][cause]`: P(answer | cause) over all the
    /// question's answers, "not sure" included, summing to 1 per cause.
    pub answers: Vec<Vec<Vec<f64>>>,
    /// `[fix][cause]`: P(fix works | cause). Only fixes of kind `fix` are
    /// learned; the hand-over always works.
    pub works: Vec<Vec<f64>>,
}

/// The knowledge base's shape, resolved once: ids to indices.
#[derive(Debug, Clone)]
pub struct Shape {
    pub content_version: u32,
    pub causes: Vec<String>,
    pub questions: Vec<(String, Vec<String>)>,
    /// Per question: the index of its "not sure" answer.
    pub unsure: Vec<Option<usize>>,
    pub fixes: Vec<(String, FixKind)>,
    question_ix: HashMap<String, usize>,
    fix_ix: HashMap<String, usize>,
    code_ix: HashMap<String, usize>,
    /// Alert id to (index, the seed question's answer it stands for).
    alert_ix: HashMap<String, (usize, Option<usize>)>,
    seed_question: Option<usize>,
    /// Fixed evidence of the seeds (not learned): P(code | cause), P(alert | cause).
    code_lik: Vec<Vec<f64>>,
    alert_lik: Vec<Vec<f64>>,
}

// The data's numbers read exactly as the engine reads them.
use crate::engine::clean_probability as clean;

impl Shape {
    pub fn of(kb: &KnowledgeBase) -> Shape {
        let causes: Vec<String> = kb.causes.iter().map(|c| c.id.clone()).collect();
        let questions: Vec<(String, Vec<String>)> =
            kb.questions.iter().map(|q| (q.id.clone(), q.answers.iter().map(|a| a.id.clone()).collect())).collect();
        let unsure = kb.questions.iter().map(|q| q.answers.iter().position(|a| a.unsure)).collect();
        let seed_question = kb.questions.iter().position(|q| q.id == kb.seed_question);
        let lik = |map: &crate::knowledge::ByCause| causes.iter().map(|c| clean(by_cause(map, c)).max(FLOOR)).collect::<Vec<f64>>();
        let alert_ix = kb
            .alerts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let answer = seed_question.and_then(|q| kb.questions[q].answers.iter().position(|x| Some(&x.id) == a.answer.as_ref() && !x.unsure));
                (a.id.clone(), (i, answer))
            })
            .collect();
        Shape {
            content_version: kb.content_version,
            question_ix: questions.iter().enumerate().map(|(i, (id, _))| (id.clone(), i)).collect(),
            fix_ix: kb.fixes.iter().enumerate().map(|(i, f)| (f.id.clone(), i)).collect(),
            code_ix: kb.error_codes.iter().enumerate().map(|(i, c)| (c.code.clone(), i)).collect(),
            alert_ix,
            seed_question,
            code_lik: kb.error_codes.iter().map(|c| lik(&c.likelihoods)).collect(),
            alert_lik: kb.alerts.iter().map(|a| lik(&a.likelihoods)).collect(),
            fixes: kb.fixes.iter().map(|f| (f.id.clone(), f.kind)).collect(),
            causes,
            questions,
            unsure,
        }
    }
}

impl Params {
    /// The authored numbers, normalised as the engine reads them; a
    /// "not sure" answer without likelihoods gets [`DEFAULT_UNSURE`] for
    /// every cause, and the informative answers share the rest.
    pub fn authored(kb: &KnowledgeBase) -> Params {
        let causes: Vec<&str> = kb.causes.iter().map(|c| c.id.as_str()).collect();
        let mut prior: Vec<f64> = kb.causes.iter().map(|c| clean(Some(c.prior))).collect();
        normalise(&mut prior);
        let answers = kb
            .questions
            .iter()
            .map(|q| {
                let mut table: Vec<Vec<f64>> = vec![vec![0.0; causes.len()]; q.answers.len()];
                let informative = q.answers.iter().filter(|a| !a.unsure).count().max(1) as f64;
                for (ci, c) in causes.iter().enumerate() {
                    let unsure = q.answers.iter().find(|a| a.unsure).map(|a| {
                        if a.likelihoods.is_empty() { DEFAULT_UNSURE } else { clean(by_cause(&a.likelihoods, c)).min(0.99) }
                    });
                    let rest = 1.0 - unsure.unwrap_or(0.0);
                    let sum: f64 = q.answers.iter().filter(|a| !a.unsure).map(|a| clean(by_cause(&a.likelihoods, c))).sum();
                    for (ai, a) in q.answers.iter().enumerate() {
                        table[ai][ci] = if a.unsure {
                            unsure.unwrap_or(0.0)
                        } else if sum > 0.0 {
                            rest * clean(by_cause(&a.likelihoods, c)) / sum
                        } else {
                            rest / informative
                        };
                    }
                }
                table
            })
            .collect();
        let works = kb
            .fixes
            .iter()
            .map(|f| {
                if f.kind == FixKind::Escalation {
                    vec![1.0; causes.len()]
                } else {
                    causes.iter().map(|c| clean(by_cause(&f.fixes, c))).collect()
                }
            })
            .collect();
        Params { prior, answers, works }
    }

    /// `share` of the way from `self` to `other` (0: self, 1: other), each
    /// distribution still summing to 1.
    pub fn blend(&self, other: &Params, share: f64) -> Params {
        let mix = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x + share * (y - x)).collect::<Vec<f64>>();
        Params {
            prior: mix(&self.prior, &other.prior),
            answers: self.answers.iter().zip(&other.answers).map(|(a, b)| a.iter().zip(b).map(|(x, y)| mix(x, y)).collect()).collect(),
            works: self.works.iter().zip(&other.works).map(|(a, b)| mix(a, b)).collect(),
        }
    }

    /// Log-likelihood of one run's evidence, and the posterior over the
    /// causes in `post` (unnormalised weights scaled by the returned value).
    fn posterior(&self, shape: &Shape, factors: &[u32], post: &mut [f64]) -> f64 {
        post.copy_from_slice(&self.prior);
        let mut log_scale = 0.0;
        for &f in factors {
            match Factor::decode(f) {
                Factor::Answer(q, a) => mul(post, &self.answers[q as usize][a as usize], false),
                Factor::Worked(fx) => mul(post, &self.works[fx as usize], false),
                Factor::Failed(fx) => mul(post, &self.works[fx as usize], true),
                Factor::Code(i) => mul(post, &shape.code_lik[i as usize], false),
                Factor::Alert(i) => mul(post, &shape.alert_lik[i as usize], false),
            }
            let s: f64 = post.iter().sum();
            if s < 1e-150 {
                if s <= 0.0 || !s.is_finite() {
                    return f64::NEG_INFINITY;
                }
                post.iter_mut().for_each(|x| *x /= s);
                log_scale += s.ln();
            }
        }
        let s: f64 = post.iter().sum();
        post.iter_mut().for_each(|x| *x /= s);
        log_scale + s.ln()
    }
}

fn mul(post: &mut [f64], lik: &[f64], complement: bool) {
    for (p, l) in post.iter_mut().zip(lik) {
        let v = if complement { 1.0 - l } else { *l };
        *p *= v.max(FLOOR);
    }
}

fn normalise(v: &mut [f64]) {
    let s: f64 = v.iter().sum();
    if s > 0.0 && s.is_finite() {
        v.iter_mut().for_each(|x| *x /= s);
    } else if !v.is_empty() {
        let u = 1.0 / v.len() as f64;
        v.iter_mut().for_each(|x| *x = u);
    }
}

/// One piece of a run's evidence, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Factor {
    Code(u32),
    Alert(u32),
    Answer(u32, u32),
    Worked(u32),
    Failed(u32),
}

impl Factor {
    fn encode(self) -> u32 {
        match self {
            Factor::Code(i) => i << 3,
            Factor::Alert(i) => (i << 3) | 1,
            Factor::Answer(q, a) => (((q << 12) | a) << 3) | 2,
            Factor::Worked(f) => (f << 3) | 3,
            Factor::Failed(f) => (f << 3) | 4,
        }
    }
    fn decode(x: u32) -> Factor {
        let i = x >> 3;
        match x & 7 {
            0 => Factor::Code(i),
            1 => Factor::Alert(i),
            2 => Factor::Answer(i >> 12, i & 0xfff),
            3 => Factor::Worked(i),
            _ => Factor::Failed(i),
        }
    }
}

/// Why a line was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// Not a JSON object of the outcome schema.
    Malformed,
    /// A schema version this learner does not know.
    OtherSchema,
    /// Made against another content version.
    OtherContentVersion,
    /// Names a question, answer, fix, code or alert this content does not have.
    UnknownId,
}

impl Skip {
    pub fn describe(self) -> &'static str {
        match self {
            Skip::Malformed => "not an outcome record (bad JSON or missing fields)",
            Skip::OtherSchema => "another schema version",
            Skip::OtherContentVersion => "another content version",
            Skip::UnknownId => "names an id this content does not have",
        }
    }
}

/// Distinct runs' evidence kept in memory (about 6 MiB); the runs beyond
/// go to a temporary file, read again on every EM iteration, so memory
/// stays flat however many records there are.
pub const MEMORY_RUNS: usize = 1 << 16;

/// The sufficient statistics of a set of outcome records: the distinct
/// runs' evidence with their counts, and what was skipped.
#[derive(Debug)]
pub struct Stats {
    patterns: HashMap<Vec<u32>, u64>,
    limit: usize,
    spill: Option<Spill>,
    /// Records used.
    pub records: u64,
    /// Records used, by how the run ended.
    pub ends: BTreeMap<&'static str, u64>,
    /// Lines skipped, by reason.
    pub skipped: BTreeMap<Skip, u64>,
    /// The first few skipped lines: (source, line number, reason).
    pub examples: Vec<(String, u64, Skip)>,
}

impl Default for Stats {
    fn default() -> Stats {
        Stats::with_limit(MEMORY_RUNS)
    }
}

/// Equal counts, wherever they are kept.
impl PartialEq for Stats {
    fn eq(&self, other: &Stats) -> bool {
        let spilled = |s: &Stats| {
            let mut all: Vec<(Vec<u32>, u64)> = Vec::new();
            s.spilled(None, |k, n| all.push((k.to_vec(), n as u64)));
            all.sort();
            all
        };
        self.patterns == other.patterns
            && self.records == other.records
            && self.ends == other.ends
            && self.skipped == other.skipped
            && self.examples == other.examples
            && spilled(self) == spilled(other)
    }
}

/// Runs' evidence on disk: `[count u64][length u32][factor u32 …]`, little-endian.
#[derive(Debug)]
struct Spill {
    path: std::path::PathBuf,
    writer: std::cell::RefCell<std::io::BufWriter<std::fs::File>>,
    entries: u64,
}

impl Spill {
    fn create() -> std::io::Result<Spill> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("backup-doctor-learn-{}-{n}.bin", std::process::id()));
        let file = std::fs::File::create(&path)?;
        Ok(Spill { path, writer: std::cell::RefCell::new(std::io::BufWriter::new(file)), entries: 0 })
    }

    fn write(&mut self, key: &[u32], n: u64) -> std::io::Result<()> {
        use std::io::Write;
        let mut w = self.writer.borrow_mut();
        w.write_all(&n.to_le_bytes())?;
        w.write_all(&(key.len() as u32).to_le_bytes())?;
        for x in key {
            w.write_all(&x.to_le_bytes())?;
        }
        self.entries += 1;
        Ok(())
    }

    fn for_each(&self, mut f: impl FnMut(&[u32], u64)) -> std::io::Result<()> {
        use std::io::{Read, Write};
        self.writer.borrow_mut().flush()?;
        let mut r = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(&self.path)?);
        let (mut head, mut key, mut word) = ([0u8; 12], Vec::new(), [0u8; 4]);
        for _ in 0..self.entries {
            r.read_exact(&mut head)?;
            let n = u64::from_le_bytes([head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7]]);
            let len = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
            key.clear();
            for _ in 0..len {
                r.read_exact(&mut word)?;
                key.push(u32::from_le_bytes(word));
            }
            f(&key, n);
        }
        Ok(())
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// How many of a run's `n` occurrences are held out (about one in ten):
/// a function of the merged count alone, so shards split as one file does
/// (for the runs on disk, where a run seen again is a new entry, per entry).
fn held_out(key: &[u32], n: u64) -> u64 {
    n / 10 + u64::from(fnv(key) % 10 < n % 10)
}

const EXAMPLES_KEPT: usize = 10;

impl Stats {
    /// Statistics that keep at most `limit` distinct runs in memory.
    pub fn with_limit(limit: usize) -> Stats {
        Stats {
            patterns: HashMap::new(),
            limit,
            spill: None,
            records: 0,
            ends: BTreeMap::new(),
            skipped: BTreeMap::new(),
            examples: Vec::new(),
        }
    }

    /// How many distinct runs' evidence are held, in memory and on disk.
    pub fn distinct(&self) -> usize {
        self.patterns.len() + self.spill.as_ref().map_or(0, |s| s.entries as usize)
    }

    /// How many of them are on disk.
    pub fn on_disk(&self) -> u64 {
        self.spill.as_ref().map_or(0, |s| s.entries)
    }

    fn insert(&mut self, key: Vec<u32>, n: u64) {
        if let Some(c) = self.patterns.get_mut(&key) {
            *c += n;
            return;
        }
        if self.patterns.len() < self.limit {
            self.patterns.insert(key, n);
            return;
        }
        if self.spill.is_none() {
            self.spill = Spill::create().ok();
        }
        // Without a usable temporary file, memory grows instead.
        if !self.spill.as_mut().is_some_and(|s| s.write(&key, n).is_ok()) {
            self.patterns.insert(key, n);
        }
    }

    /// Calls `f` with every run on disk and its count: all of it (`None`),
    /// or its training (`Some(false)`) or held-out (`Some(true)`) part.
    fn spilled(&self, held: Option<bool>, mut f: impl FnMut(&[u32], f64)) {
        let Some(spill) = &self.spill else { return };
        let _ = spill.for_each(|k, n| {
            let c = match held {
                None => n,
                Some(true) => held_out(k, n),
                Some(false) => n - held_out(k, n),
            };
            if c > 0 {
                f(k, c as f64);
            }
        });
    }

    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Adds another set of statistics (a shard, another portal's counts).
    pub fn merge(&mut self, mut other: Stats) {
        other.spilled(None, |k, n| self.insert(k.to_vec(), n as u64));
        for (k, n) in std::mem::take(&mut other.patterns) {
            self.insert(k, n);
        }
        self.records += other.records;
        for (k, n) in other.ends {
            *self.ends.entry(k).or_insert(0) += n;
        }
        for (k, n) in other.skipped {
            *self.skipped.entry(k).or_insert(0) += n;
        }
        for e in other.examples {
            if self.examples.len() < EXAMPLES_KEPT {
                self.examples.push(e);
            }
        }
    }

    fn count_skipped(&mut self, source: &str, line: u64, why: Skip) {
        *self.skipped.entry(why).or_insert(0) += 1;
        if self.examples.len() < EXAMPLES_KEPT {
            self.examples.push((source.to_string(), line, why));
        }
    }

    /// Adds one record; `Err` says why it was not used.
    pub fn add(&mut self, shape: &Shape, record: &OutcomeRecord) -> Result<(), Skip> {
        if record.schema != OUTCOME_SCHEMA {
            return Err(Skip::OtherSchema);
        }
        if record.content_version != shape.content_version {
            return Err(Skip::OtherContentVersion);
        }
        let key = evidence_key(shape, record).ok_or(Skip::UnknownId)?;
        self.insert(key, 1);
        self.records += 1;
        let end = match record.end {
            RunEnd::Resolved => "resolved",
            RunEnd::HandedOver => "handed-over",
            RunEnd::Unfinished => "unfinished",
        };
        *self.ends.entry(end).or_insert(0) += 1;
        Ok(())
    }

    /// Reads one stream of JSON lines (blank lines are ignored). Never
    /// fails on content: every bad line is counted. Only a read error of
    /// the stream itself is returned.
    pub fn read(&mut self, shape: &Shape, source: &str, input: impl BufRead) -> std::io::Result<()> {
        let mut input = input;
        let mut buf = Vec::with_capacity(1024);
        let mut line_no = 0u64;
        loop {
            buf.clear();
            if input.read_until(b'\n', &mut buf)? == 0 {
                return Ok(());
            }
            line_no += 1;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<OutcomeRecord>(&buf) {
                Ok(record) => {
                    if let Err(why) = self.add(shape, &record) {
                        self.count_skipped(source, line_no, why);
                    }
                }
                Err(_) => self.count_skipped(source, line_no, Skip::Malformed),
            }
        }
    }

    /// Splits the counts into training and held-out parts (about one run
    /// in ten held out). The split depends only on the merged counts, so
    /// shards give exactly the same split as one file.
    fn split(&self) -> (Runs, Runs) {
        let mut keys: Vec<(&Vec<u32>, &u64)> = self.patterns.iter().collect();
        keys.sort_unstable();
        let (mut train, mut held) = (Runs::default(), Runs::default());
        for (k, &n) in keys {
            let h = fnv(k) % 10;
            let out = n / 10 + u64::from(h < n % 10);
            if n > out {
                train.push(k, (n - out) as f64);
            }
            if out > 0 {
                held.push(k, out as f64);
            }
        }
        (train, held)
    }
}

/// Distinct runs' evidence, flat: every run's encoded factors one after
/// the other, and per run where they are and how many runs had them.
#[derive(Default)]
struct Runs {
    factors: Vec<u32>,
    runs: Vec<(u32, u32, f64)>,
}

impl Runs {
    fn push(&mut self, key: &[u32], count: f64) {
        self.runs.push((self.factors.len() as u32, key.len() as u32, count));
        self.factors.extend_from_slice(key);
    }
    fn iter(&self) -> impl Iterator<Item = (&[u32], f64)> + '_ {
        self.runs.iter().map(|&(at, len, n)| (&self.factors[at as usize..(at + len) as usize], n))
    }
    fn total(&self) -> f64 {
        self.runs.iter().map(|r| r.2).sum()
    }
}

fn fnv(key: &[u32]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for x in key {
        for b in x.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A record's evidence as a sorted list of encoded factors; `None` when it
/// names an id the content does not have. A fix that could not be done,
/// and the hand-over, carry no evidence and are left out.
fn evidence_key(shape: &Shape, r: &OutcomeRecord) -> Option<Vec<u32>> {
    let mut key = Vec::with_capacity(r.answers.len() + r.fixes.len() + 1);
    let mut answered_seed_question = false;
    for a in &r.answers {
        let q = *shape.question_ix.get(&a.question)?;
        let ai = shape.questions[q].1.iter().position(|x| x == &a.answer)?;
        answered_seed_question |= Some(q) == shape.seed_question;
        key.push(Factor::Answer(q as u32, ai as u32).encode());
    }
    match &r.seed {
        None => {}
        Some(SeedRef::Code(code)) => key.push(Factor::Code(*shape.code_ix.get(code)? as u32).encode()),
        Some(SeedRef::Alert(id)) => {
            let &(i, answer) = shape.alert_ix.get(id)?;
            match (answer, shape.seed_question) {
                // An alert that is an answer of the seed question is that
                // answer (counted once if the question was answered too).
                (Some(a), Some(q)) => {
                    if !answered_seed_question {
                        key.push(Factor::Answer(q as u32, a as u32).encode());
                    }
                }
                _ => key.push(Factor::Alert(i as u32).encode()),
            }
        }
    }
    for f in &r.fixes {
        let fx = *shape.fix_ix.get(&f.fix)?;
        if shape.fixes[fx].1 != FixKind::Fix {
            continue;
        }
        match f.result {
            FixResult::Worked => key.push(Factor::Worked(fx as u32).encode()),
            FixResult::Failed => key.push(Factor::Failed(fx as u32).encode()),
            FixResult::Couldnt => {}
        }
    }
    key.sort_unstable();
    key.dedup();
    Some(key)
}

/// What EM found, with what the report needs.
#[derive(Debug, Clone)]
pub struct Learned {
    pub authored: Params,
    pub learned: Params,
    pub strength: f64,
    pub iterations: usize,
    /// Expected number of training runs per cause.
    pub cause_counts: Vec<f64>,
    /// `[question][cause]`: expected times the question was answered.
    pub question_counts: Vec<Vec<f64>>,
    /// `[fix][cause]`: expected times the fix was done (worked or failed).
    pub fix_counts: Vec<Vec<f64>>,
    /// Mean held-out log-likelihood per run (natural log), before and after.
    pub heldout_before: Option<f64>,
    pub heldout_after: Option<f64>,
    pub heldout_runs: f64,
    pub train_runs: f64,
}

/// Runs EM from the authored numbers; `strength` pseudo-counts each.
pub fn learn(kb: &KnowledgeBase, stats: &Stats, strength: f64) -> Learned {
    let shape = Shape::of(kb);
    let authored = Params::authored(kb);
    let strength = if strength.is_finite() && strength >= 0.0 { strength } else { DEFAULT_STRENGTH };
    let (train, held) = stats.split();
    let n = shape.causes.len();
    let mut params = authored.clone();
    let mut post = vec![0.0; n];
    let mut last = f64::NEG_INFINITY;
    let mut iterations = 0;
    let mut acc = Acc::new(&authored);
    let mut spilled_train = 0.0;
    stats.spilled(Some(false), |_, c| spilled_train += c);
    let mut spilled_held = 0.0;
    stats.spilled(Some(true), |_, c| spilled_held += c);
    let (train_total, held_total) = (train.total() + spilled_train, held.total() + spilled_held);
    let total = train_total.max(1.0);
    for it in 0..500 {
        iterations = it + 1;
        acc.clear();
        let mut ll = 0.0;
        let mut step = |factors: &[u32], count: f64| {
            let l = params.posterior(&shape, factors, &mut post);
            if l.is_finite() {
                ll += count * l;
                acc.add(factors, &post, count);
            }
        };
        train.iter().for_each(|(f, c)| step(f, c));
        stats.spilled(Some(false), step);
        params = acc.maximise(&authored, &shape, strength);
        if (ll - last).abs() / total < 1e-7 {
            break;
        }
        last = ll;
    }
    // The expected counts behind the final numbers.
    acc.clear();
    let mut count_behind = |factors: &[u32], count: f64| {
        if params.posterior(&shape, factors, &mut post).is_finite() {
            acc.add(factors, &post, count);
        }
    };
    train.iter().for_each(|(f, c)| count_behind(f, c));
    stats.spilled(Some(false), count_behind);
    let heldout = |p: &Params| -> Option<f64> {
        if held_total <= 0.0 {
            return None;
        }
        let mut post = vec![0.0; n];
        let mut sum = 0.0;
        let mut one = |f: &[u32], c: f64| sum += c * p.posterior(&shape, f, &mut post).max(-1e6);
        held.iter().for_each(|(f, c)| one(f, c));
        stats.spilled(Some(true), one);
        Some(sum / held_total)
    };
    Learned {
        heldout_before: heldout(&authored),
        heldout_after: heldout(&params),
        heldout_runs: held_total,
        train_runs: train_total,
        cause_counts: acc.prior.clone(),
        question_counts: acc.answers.iter().map(|q| (0..n).map(|c| q.iter().map(|a| a[c]).sum()).collect()).collect(),
        fix_counts: acc.worked.iter().zip(&acc.failed).map(|(w, f)| w.iter().zip(f).map(|(a, b)| a + b).collect()).collect(),
        authored,
        learned: params,
        strength,
        iterations,
    }
}

/// Expected counts of one E-step.
struct Acc {
    prior: Vec<f64>,
    answers: Vec<Vec<Vec<f64>>>,
    worked: Vec<Vec<f64>>,
    failed: Vec<Vec<f64>>,
}

impl Acc {
    fn new(p: &Params) -> Acc {
        let zero = |v: &Vec<f64>| vec![0.0; v.len()];
        Acc {
            prior: zero(&p.prior),
            answers: p.answers.iter().map(|q| q.iter().map(zero).collect()).collect(),
            worked: p.works.iter().map(zero).collect(),
            failed: p.works.iter().map(zero).collect(),
        }
    }
    fn clear(&mut self) {
        self.prior.iter_mut().for_each(|x| *x = 0.0);
        self.answers.iter_mut().flatten().flatten().for_each(|x| *x = 0.0);
        self.worked.iter_mut().flatten().for_each(|x| *x = 0.0);
        self.failed.iter_mut().flatten().for_each(|x| *x = 0.0);
    }
    fn add(&mut self, factors: &[u32], post: &[f64], count: f64) {
        let addv = |acc: &mut [f64]| acc.iter_mut().zip(post).for_each(|(a, p)| *a += p * count);
        addv(&mut self.prior);
        for &f in factors {
            match Factor::decode(f) {
                Factor::Answer(q, a) => addv(&mut self.answers[q as usize][a as usize]),
                Factor::Worked(fx) => addv(&mut self.worked[fx as usize]),
                Factor::Failed(fx) => addv(&mut self.failed[fx as usize]),
                Factor::Code(_) | Factor::Alert(_) => {}
            }
        }
    }
    /// Posterior means under Dirichlet / Beta priors centred on the
    /// authored numbers with `strength` pseudo-counts.
    fn maximise(&self, authored: &Params, shape: &Shape, strength: f64) -> Params {
        let total: f64 = self.prior.iter().sum();
        let prior = self.prior.iter().zip(&authored.prior).map(|(c, p)| (c + strength * p) / (total + strength)).collect();
        let answers = self
            .answers
            .iter()
            .zip(&authored.answers)
            .map(|(counts, a0)| {
                let n = a0.first().map_or(0, Vec::len);
                let mut table = a0.clone();
                for c in 0..n {
                    let seen: f64 = counts.iter().map(|a| a[c]).sum();
                    for (ai, row) in table.iter_mut().enumerate() {
                        row[c] = (counts[ai][c] + strength * a0[ai][c]) / (seen + strength);
                    }
                }
                table
            })
            .collect();
        let works = self
            .worked
            .iter()
            .zip(&self.failed)
            .zip(&authored.works)
            .enumerate()
            .map(|(fx, ((w, f), q0))| {
                if shape.fixes[fx].1 != FixKind::Fix {
                    return q0.clone();
                }
                w.iter().zip(f).zip(q0).map(|((w, f), q)| (w + strength * q) / (w + f + strength)).collect()
            })
            .collect();
        Params { prior, answers, works }
    }
}

/// The peak resident memory of this process in bytes (Linux), if known.
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
