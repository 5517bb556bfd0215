//! Does learning from outcome records close the gap to the truth?
//!
//!     cargo xtask bench-learn
//!     # or: cargo run --profile xtask --example bench_learn [-- --eval N]
//!
//! Writes `target/bench/learn.json` and prints it.
//!
//! - Five "true worlds": the authored numbers with every probability
//!   multiplied by a factor drawn from U[0.3, 1.7] (renormalised where they
//!   must sum to 1, chances capped at 0.99), P(not sure | cause) included
//!   (authored: 0.1 for every cause), and two causes' priors swapped.
//! - In each world, 100,000 people use the engine built on the authored
//!   numbers: they answer "not sure" as often as their world says, cannot
//!   do 5 % of the fixes, and leave 3 % of the time before each step (so
//!   some runs stay unfinished). Their outcome records are learned from
//!   (default strength), using the first 1,000, 10,000 and all 100,000.
//! - Mean cost in the true world, on the same simulated people (common
//!   random numbers, everyone finishing), of the engine on the authored,
//!   the learned and the true numbers. gap_closed = (authored − learned) /
//!   (authored − true), averaged over the worlds.
//! - The same for the numbers the content pack holds (`gap_closed_*_pack`):
//!   where the learned numbers would break a content rule, the pack pulls
//!   them back part of the way to the authored ones (`learn::pack`).
//! - One million records (world 1) are written as JSON lines and learned
//!   in a child process, from the file, on one core: wall time and peak
//!   memory, and the same for the first 100,000 and 500,000, to show that
//!   memory stays flat once the in-memory table is full.

use backup_doctor::learn::sim::{evaluate, perturbed, Behaviour, Person, Policy, Rng};
use backup_doctor::learn::{learn, pack, peak_memory_bytes, Params, Shape, Stats, DEFAULT_STRENGTH};
use backup_doctor::engine::Engine;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

const SEED: u64 = 0x1ea2_0bad_5eed_0001;
const WORLDS: usize = 5;
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const EVAL_PEOPLE: usize = 40_000;
const MILLION: usize = 1_000_000;
const BEHAVIOUR: Behaviour = Behaviour { quit: 0.03, couldnt: 0.05 };

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let kb = match backup_doctor::knowledge::builtin() {
        Ok(kb) => kb,
        Err(e) => {
            eprintln!("the built-in knowledge base does not load: {e}");
            std::process::exit(2);
        }
    };
    // Child mode: learn one file, print "seconds peak_bytes distinct records".
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let Some(path) = args.get(i + 1) else { std::process::exit(1) };
        let shape = Shape::of(kb);
        let started = Instant::now();
        let mut stats = Stats::default();
        let file = std::fs::File::open(path).unwrap_or_else(|e| {
            eprintln!("cannot open {path}: {e}");
            std::process::exit(1)
        });
        if let Err(e) = stats.read(&shape, path, std::io::BufReader::with_capacity(1 << 16, file)) {
            eprintln!("reading {path}: {e}");
            std::process::exit(1);
        }
        let learned = learn(kb, &stats, DEFAULT_STRENGTH);
        let seconds = started.elapsed().as_secs_f64();
        println!("{seconds} {} {} {} {}", peak_memory_bytes().unwrap_or(0), stats.distinct(), stats.records, learned.iterations);
        return;
    }
    let eval_people = args.iter().position(|a| a == "--eval").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(EVAL_PEOPLE);
    let started = Instant::now();
    let shape = Shape::of(kb);
    let authored = Params::authored(kb);
    let mut rng = Rng(SEED);
    let mut per_world = Vec::new();
    let mut gaps = vec![0.0; SIZES.len()];
    let mut pack_gaps = vec![0.0; SIZES.len()];
    let files: Vec<(String, String)> = backup_doctor::knowledge::FILES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let mut first_world = None;
    for w in 0..WORLDS {
        let truth = perturbed(&authored, &shape, &mut rng, 0.3, 1.7, true);
        let mut policy = Policy::new(Engine::new(kb));
        let mut stats = Stats::default();
        let mut learned_at = Vec::new();
        let mut people = Rng(rng.next_u64());
        for n in 1..=*SIZES.last().unwrap_or(&0) {
            let p = Person::draw(&mut people, &truth);
            let (_, record) = policy.run(&shape, &truth, &p, BEHAVIOUR);
            let _ = stats.add(&shape, &record);
            if SIZES.contains(&n) {
                learned_at.push(learn(kb, &stats, DEFAULT_STRENGTH).learned);
            }
        }
        let eval_seed = rng.next_u64();
        let (a, a_h) = evaluate(kb, &authored, &truth, eval_people, eval_seed);
        let (o, o_h) = evaluate(kb, &truth, &truth, eval_people, eval_seed);
        let mut row = serde_json::json!({ "authored_cost": a, "oracle_cost": o, "authored_handover": a_h, "oracle_handover": o_h });
        for (k, (n, learned)) in SIZES.iter().zip(&learned_at).enumerate() {
            let (l, l_h) = evaluate(kb, learned, &truth, eval_people, eval_seed);
            let gap = (a - l) / (a - o);
            gaps[k] += gap / WORLDS as f64;
            row[format!("learned_{n}_cost")] = l.into();
            row[format!("learned_{n}_handover")] = l_h.into();
            row[format!("gap_closed_{n}")] = gap.into();
            // The numbers as the pack holds them.
            if let Ok(valid) = pack::write_validated(kb, &files, &authored, learned) {
                let mut packed = authored.blend(learned, valid.rest_share);
                packed.prior = authored.blend(learned, valid.prior_share).prior;
                let (pc, _) = evaluate(kb, &packed, &truth, eval_people, eval_seed);
                let pack_gap = (a - pc) / (a - o);
                pack_gaps[k] += pack_gap / WORLDS as f64;
                row[format!("gap_closed_{n}_pack")] = pack_gap.into();
                row[format!("pack_{n}_prior_share")] = valid.prior_share.into();
            }
        }
        eprintln!("world {}: {row}", w + 1);
        per_world.push(row);
        if w == 0 {
            first_world = Some(truth);
        }
    }
    let simulate_seconds = started.elapsed().as_secs_f64();

    // One million records as JSON lines, learned in a child process.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench");
    let _ = std::fs::create_dir_all(&dir);
    let truth = first_world.unwrap_or_else(|| authored.clone());
    let (small, half, big) = (dir.join("learn-100k.jsonl"), dir.join("learn-500k.jsonl"), dir.join("learn-1m.jsonl"));
    if let Err(e) = write_records(kb, &shape, &truth, &[(&small, 100_000), (&half, 500_000), (&big, MILLION)]) {
        eprintln!("cannot write the records: {e}");
        std::process::exit(1);
    }
    let child = |path: &Path| -> Option<Vec<f64>> {
        let exe = std::env::current_exe().ok()?;
        let out = std::process::Command::new(exe).arg("--child").arg(path).output().ok()?;
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let v: Vec<f64> = text.split_whitespace().filter_map(|x| x.parse().ok()).collect();
        (v.len() == 5).then_some(v)
    };
    let m100k = child(&small);
    let m500k = child(&half);
    let m1m = child(&big);
    for f in [&small, &half, &big] {
        let _ = std::fs::remove_file(f);
    }
    let mib = |v: &Option<Vec<f64>>| v.as_ref().map(|v| (v[1] / (1u64 << 20) as f64 * 10.0).round() / 10.0);
    let result = serde_json::json!({
        "gap_closed_1k": gaps[0],
        "gap_closed_10k": gaps[1],
        "gap_closed_100k": gaps[2],
        "gap_closed_1k_pack": pack_gaps[0],
        "gap_closed_10k_pack": pack_gaps[1],
        "gap_closed_100k_pack": pack_gaps[2],
        "learn_1m_seconds": m1m.as_ref().map(|v| v[0]),
        "learn_1m_peak_memory_mib": mib(&m1m),
        "learn_1m_distinct_runs": m1m.as_ref().map(|v| v[2]),
        "learn_1m_em_iterations": m1m.as_ref().map(|v| v[4]),
        "learn_100k_seconds": m100k.as_ref().map(|v| v[0]),
        "learn_100k_peak_memory_mib": mib(&m100k),
        "learn_100k_distinct_runs": m100k.as_ref().map(|v| v[2]),
        "learn_500k_seconds": m500k.as_ref().map(|v| v[0]),
        "learn_500k_peak_memory_mib": mib(&m500k),
        "learn_distinct_runs_in_memory_at_most": backup_doctor::learn::MEMORY_RUNS,
        "strength": DEFAULT_STRENGTH,
        "eval_people_per_world": eval_people,
        "worlds": per_world,
        "simulate_and_learn_seconds": simulate_seconds,
    });
    let text = serde_json::to_string_pretty(&result).unwrap_or_default();
    println!("{text}");
    if let Err(e) = std::fs::write(dir.join("learn.json"), format!("{text}\n")) {
        eprintln!("cannot write target/bench/learn.json: {e}");
        std::process::exit(1);
    }
}

/// Writes the first `n` records of a million to each file.
fn write_records(kb: &backup_doctor::knowledge::KnowledgeBase, shape: &Shape, truth: &Params, files: &[(&Path, usize)]) -> std::io::Result<()> {
    let mut policy = Policy::new(Engine::new(kb));
    let mut people = Rng(SEED ^ 0xabcd);
    let mut out = files.iter().map(|(p, n)| Ok((BufWriter::new(std::fs::File::create(p)?), *n))).collect::<std::io::Result<Vec<_>>>()?;
    for i in 0..MILLION {
        let p = Person::draw(&mut people, truth);
        let (_, record) = policy.run(shape, truth, &p, BEHAVIOUR);
        let line = serde_json::to_string(&record).unwrap_or_default();
        for (w, n) in &mut out {
            if i < *n {
                writeln!(w, "{line}")?;
            }
        }
    }
    for (w, _) in &mut out {
        w.flush()?;
    }
    Ok(())
}
