//! The learner (`backup_doctor::learn`): it recovers known numbers from
//! simulated outcome records, survives bad lines, merges shards exactly,
//! and writes a pack the validator accepts.

use backup_doctor::knowledge::validate::validate_files;
use backup_doctor::knowledge::{builtin, parse_files, KnowledgeBase, FILES};
use backup_doctor::learn::pack::{self, UnsureForm};
use backup_doctor::learn::sim::{perturbed, Behaviour, Person, Policy, Rng};
use backup_doctor::learn::{learn, Params, Shape, Skip, Stats, DEFAULT_STRENGTH};
use backup_doctor::engine::Engine;
use backup_doctor::session::outcome::OutcomeRecord;

fn kb() -> &'static KnowledgeBase {
    builtin().expect("the built-in content loads")
}

/// `n` outcome records as JSON lines, of people living in `world` and
/// using the engine on the authored numbers.
fn records(world: &Params, n: usize, seed: u64) -> Vec<String> {
    let shape = Shape::of(kb());
    let mut policy = Policy::new(Engine::new(kb()));
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let p = Person::draw(&mut rng, world);
            let (_, r) = policy.run(&shape, world, &p, Behaviour { quit: 0.03, couldnt: 0.05 });
            serde_json::to_string(&r).expect("a record serialises")
        })
        .collect()
}

fn stats_of(lines: &[String]) -> Stats {
    let mut stats = Stats::default();
    let text = lines.join("\n");
    stats.read(&Shape::of(kb()), "test", text.as_bytes()).expect("reading from memory cannot fail");
    stats
}

/// Mean absolute difference between two parameter sets, over the priors
/// and the fixes' chances, weighting each cause by its true prior.
fn distance(a: &Params, b: &Params, truth: &Params) -> (f64, f64) {
    let priors: f64 = a.prior.iter().zip(&b.prior).map(|(x, y)| (x - y).abs()).sum();
    let mut fixes = 0.0;
    for (fa, fb) in a.works.iter().zip(&b.works) {
        for c in 0..truth.prior.len() {
            fixes += truth.prior[c] * (fa[c] - fb[c]).abs();
        }
    }
    (priors, fixes / a.works.len() as f64)
}

fn world(seed: u64) -> Params {
    let shape = Shape::of(kb());
    perturbed(&Params::authored(kb()), &shape, &mut Rng(seed), 0.3, 1.7, true)
}

#[test]
fn learning_from_simulated_records_recovers_the_true_numbers() {
    let truth = world(11);
    let authored = Params::authored(kb());
    let stats = stats_of(&records(&truth, 10_000, 5));
    assert_eq!(stats.skipped_total(), 0);
    let learned = learn(kb(), &stats, DEFAULT_STRENGTH);
    let (prior_before, fixes_before) = distance(&authored, &truth, &truth);
    let (prior_after, fixes_after) = distance(&learned.learned, &truth, &truth);
    // The priors (two of them swapped in the true world) come back closely.
    eprintln!("priors {prior_before} -> {prior_after}, fixes {fixes_before} -> {fixes_after}");
    assert!(prior_after < prior_before / 2.0, "priors: {prior_before} -> {prior_after}");
    // (Fixes the engine rarely reaches keep their authored chances.)
    assert!(fixes_after < fixes_before * 0.75, "fixes' chances: {fixes_before} -> {fixes_after}");
    // The answers of the first question, asked of everyone, come back too
    // ("not sure" included).
    let q = 0;
    let mut err_before = 0.0;
    let mut err_after = 0.0;
    for (a, row) in truth.answers[q].iter().enumerate() {
        for c in 0..row.len() {
            err_before += truth.prior[c] * (authored.answers[q][a][c] - row[c]).abs();
            err_after += truth.prior[c] * (learned.learned.answers[q][a][c] - row[c]).abs();
        }
    }
    eprintln!("first question {err_before} -> {err_after}");
    assert!(err_after < err_before / 2.0, "first question's answers: {err_before} -> {err_after}");
    let unsure = kb().questions[q].answers.iter().position(|a| a.unsure).expect("a not-sure answer");
    let spread = |p: &Params| {
        let row = &p.answers[q][unsure];
        row.iter().copied().fold(f64::MIN, f64::max) - row.iter().copied().fold(f64::MAX, f64::min)
    };
    assert!(spread(&authored) < 1e-12, "authored: the same P(not sure) for every cause");
    assert!(spread(&learned.learned) > 0.03, "learned: P(not sure | cause) differs by cause, as in the true world");
    // And the learned numbers explain held-out records better.
    let (before, after) = (learned.heldout_before.expect("held out"), learned.heldout_after.expect("held out"));
    assert!(after > before, "held-out log-likelihood {before} -> {after}");
}

#[test]
fn with_no_records_the_authored_numbers_stay() {
    let learned = learn(kb(), &Stats::default(), DEFAULT_STRENGTH);
    let authored = Params::authored(kb());
    let (p, f) = distance(&learned.learned, &authored, &authored);
    assert!(p < 1e-12 && f < 1e-12);
    assert_eq!(learned.heldout_before, None);
}

#[test]
fn bad_lines_are_counted_and_never_stop_the_reading() {
    let good = records(&Params::authored(kb()), 20, 3);
    let mut other = serde_json::from_str::<OutcomeRecord>(&good[0]).expect("a record");
    other.content_version += 1;
    let mut unknown = serde_json::from_str::<OutcomeRecord>(&good[1]).expect("a record");
    unknown.fixes.push(backup_doctor::session::outcome::FixRecord { fix: "no-such-fix".into(), result: backup_doctor::session::outcome::FixResult::Failed });
    let mut schema = serde_json::from_str::<OutcomeRecord>(&good[2]).expect("a record");
    schema.schema = 2;
    let mut lines = good.clone();
    lines.extend([
        "{ not json".to_string(),
        String::new(),
        "[1, 2, 3]".into(),
        r#"{"source":"backup-doctor","version":1,"type":"step","step":"resolved","count":3}"#.into(),
        r#"{"schema":1,"content_version":1,"answers":[],"fixes":[],"end":"exploded","steps":0,"handover":"balanced","day":"2026-12-01"}"#.into(),
        serde_json::to_string(&other).expect("json"),
        serde_json::to_string(&unknown).expect("json"),
        serde_json::to_string(&schema).expect("json"),
    ]);
    let mut text = lines.join("\n").into_bytes();
    text.extend_from_slice(b"\n\xff\xfe not utf-8\n");
    let mut stats = Stats::default();
    stats.read(&Shape::of(kb()), "mixed.jsonl", text.as_slice()).expect("reads to the end");
    assert_eq!(stats.records, 20);
    assert_eq!(stats.skipped.get(&Skip::Malformed), Some(&5), "{:?}", stats.skipped);
    assert_eq!(stats.skipped.get(&Skip::OtherContentVersion), Some(&1));
    assert_eq!(stats.skipped.get(&Skip::UnknownId), Some(&1));
    assert_eq!(stats.skipped.get(&Skip::OtherSchema), Some(&1));
    assert_eq!(stats.examples.first().map(|e| (e.0.as_str(), e.1)), Some(("mixed.jsonl", 21)), "names the file and line");
    // Learning from what is left works.
    let learned = learn(kb(), &stats, DEFAULT_STRENGTH);
    assert!(learned.learned.prior.iter().all(|p| p.is_finite() && *p > 0.0));
}

#[test]
fn shards_merge_to_exactly_the_result_of_one_file() {
    let lines = records(&world(21), 3_000, 9);
    let whole = stats_of(&lines);
    let mut merged = Stats::default();
    for shard in lines.chunks(700) {
        merged.merge(stats_of(shard));
    }
    assert_eq!(merged, whole);
    // Reversed order of the shards: the same too.
    let mut reversed = Stats::default();
    for shard in lines.chunks(1_100).rev() {
        reversed.merge(stats_of(shard));
    }
    let a = learn(kb(), &whole, DEFAULT_STRENGTH);
    let b = learn(kb(), &reversed, DEFAULT_STRENGTH);
    assert_eq!(a.learned, b.learned);
    assert_eq!(a.heldout_after, b.heldout_after);
}

fn builtin_files() -> Vec<(String, String)> {
    FILES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect()
}

#[test]
fn the_pack_passes_the_validator_and_holds_what_was_learned() {
    let truth = world(31);
    let stats = stats_of(&records(&truth, 4_000, 4));
    let learned = learn(kb(), &stats, DEFAULT_STRENGTH);
    let valid = pack::write_validated(kb(), &builtin_files(), &learned.authored, &learned.learned).expect("a valid pack");
    let refs: Vec<(&str, &str)> = valid.files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let packed = validate_files(&refs).expect("the pack validates");
    // The engine and validator take P(not sure | cause) on the unsure
    // answers, so the pack carries them.
    assert_eq!(valid.form, UnsureForm::WithLikelihoods);
    // Everything but the numbers passes through.
    assert_eq!(packed.causes.iter().map(|c| &c.title).collect::<Vec<_>>(), kb().causes.iter().map(|c| &c.title).collect::<Vec<_>>());
    assert_eq!(packed.faq, kb().faq);
    assert_eq!(packed.error_codes, kb().error_codes);
    assert_eq!(packed.fixes.iter().map(|f| &f.variants).collect::<Vec<_>>(), kb().fixes.iter().map(|f| &f.variants).collect::<Vec<_>>());
    // The fixes' chances are the learned ones, to 4 decimals (when the
    // validator did not make the pack pull them back).
    if valid.rest_share == 1.0 {
        for (f, fix) in packed.fixes.iter().enumerate() {
            if fix.kind != backup_doctor::knowledge::FixKind::Fix {
                continue;
            }
            for (c, cause) in packed.causes.iter().enumerate() {
                let written = backup_doctor::knowledge::by_cause(&fix.fixes, &cause.id).expect("a chance for every cause");
                assert!((written - learned.learned.works[f][c]).abs() <= 0.0001, "{} / {}", fix.id, cause.id);
            }
        }
    }
    let sum: f64 = packed.causes.iter().map(|c| c.prior).sum();
    assert!((sum - 1.0).abs() < 1e-9);
}

#[test]
fn not_sure_likelihoods_round_trip_when_written() {
    // The form for a validator that accepts P(not sure | cause): every
    // answer, "not sure" included, sums to 1 per cause, and reading the
    // pack back gives the learned table.
    let truth = world(41);
    let learned = learn(kb(), &stats_of(&records(&truth, 2_000, 8)), DEFAULT_STRENGTH);
    let files = pack::write(kb(), &builtin_files(), &learned.learned, UnsureForm::WithLikelihoods).expect("written");
    let refs: Vec<(&str, &str)> = files.iter().filter(|(n, _)| FILES.iter().any(|(f, _)| f == n)).map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let back = parse_files(&refs).expect("parses");
    for (qi, q) in back.questions.iter().enumerate() {
        for (ci, cause) in back.causes.iter().enumerate() {
            let sum: f64 = q.answers.iter().map(|a| backup_doctor::knowledge::by_cause(&a.likelihoods, &cause.id).expect("every answer has one")).sum();
            assert!((sum - 1.0).abs() < 1e-9, "{} / {}: {sum}", q.id, cause.id);
            for (ai, a) in q.answers.iter().enumerate() {
                let v = backup_doctor::knowledge::by_cause(&a.likelihoods, &cause.id).unwrap_or(f64::NAN);
                assert!((v - learned.learned.answers[qi][ai][ci]).abs() <= 0.0002, "{}/{} {}", q.id, a.id, cause.id);
            }
        }
    }
    // The other form: "not sure" carries nothing, the rest sums to 1.
    let files = pack::write(kb(), &builtin_files(), &learned.learned, UnsureForm::WithoutLikelihoods).expect("written");
    let refs: Vec<(&str, &str)> = files.iter().filter(|(n, _)| FILES.iter().any(|(f, _)| f == n)).map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let back = parse_files(&refs).expect("parses");
    assert!(back.questions.iter().flat_map(|q| &q.answers).filter(|a| a.unsure).all(|a| a.likelihoods.is_empty()));
}

#[test]
fn rounding_keeps_distributions_exact() {
    let v = pack::rounded_distribution(&[0.33333, 0.33333, 0.33334, 0.000001]);
    assert!((v.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert!(v[3] > 0.0, "a positive number stays positive");
    let map = pack::by_cause_map(&["a".into(), "b".into(), "c".into()], &[0.1, 0.1, 0.8]);
    assert_eq!(map, serde_json::json!({ "*": 0.1, "c": 0.8 }));
}

#[test]
fn runs_beyond_the_memory_limit_go_to_disk_and_give_the_same_numbers() {
    let lines = records(&world(51), 2_000, 12);
    let mut in_memory = Stats::default();
    let mut on_disk = Stats::with_limit(100);
    let text = lines.join("\n");
    in_memory.read(&Shape::of(kb()), "a", text.as_bytes()).expect("reads");
    on_disk.read(&Shape::of(kb()), "a", text.as_bytes()).expect("reads");
    assert_eq!(in_memory.on_disk(), 0);
    assert!(on_disk.on_disk() > 100, "most distinct runs went to disk: {}", on_disk.on_disk());
    assert_eq!(on_disk.records, in_memory.records);
    // Every run counts. A run seen again after the table was full is on
    // disk once per time, and each entry is split into training and
    // held-out parts on its own, so the split (not the counts) may differ
    // a little from the all-in-memory one, and the numbers with it.
    let (a, b) = (learn(kb(), &in_memory, DEFAULT_STRENGTH), learn(kb(), &on_disk, DEFAULT_STRENGTH));
    assert_eq!(a.train_runs + a.heldout_runs, b.train_runs + b.heldout_runs);
    assert!((a.heldout_runs - b.heldout_runs).abs() < 0.05 * a.heldout_runs, "{} vs {}", a.heldout_runs, b.heldout_runs);
    for (x, y) in a.learned.prior.iter().zip(&b.learned.prior) {
        assert!((x - y).abs() < 0.02, "{x} vs {y}");
    }
    // Merging a spilled shard into another keeps every count.
    let mut merged = Stats::with_limit(100);
    merged.merge(on_disk);
    assert_eq!(merged.records, in_memory.records);
    let m = learn(kb(), &merged, DEFAULT_STRENGTH);
    assert_eq!(m.train_runs + m.heldout_runs, a.train_runs + a.heldout_runs);
}
