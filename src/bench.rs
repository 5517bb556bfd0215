//! The engine's speed in the browser, for the benchmark the browser tests
//! run (`tests/e2e/bench.test.mjs`). A measurement, never an assertion:
//! nothing in the app calls this.

use crate::engine::{Engine, Evidence, NextStep};
use wasm_bindgen::prelude::*;

/// The evidence states of one long run: at each step, answer the first
/// informative answer or report the fix as failed.
fn states(engine: &Engine) -> Vec<Evidence> {
    let mut e = Evidence::new();
    let mut out = vec![e.clone()];
    for _ in 0..engine.max_steps() {
        match engine.next(&e).next {
            NextStep::Ask { question, .. } => {
                let answer = (0..engine.answer_count(question)).map(crate::engine::AnswerIx).find(|a| !engine.is_unsure(question, *a));
                match answer {
                    Some(a) => e.answer(question, a),
                    None => break,
                }
            }
            NextStep::Try { fix, .. } => e.fix_failed(fix),
            NextStep::Escalate { .. } | NextStep::Resolved { .. } => break,
        }
        out.push(e.clone());
    }
    out
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Times one next-step computation on the real knowledge base. Returns
/// `[median_us, p99_us, samples]`: each sample is the mean of `batch`
/// computations over the states of a long run.
#[wasm_bindgen(js_name = backupDoctorStepMicros)]
pub fn step_micros(samples: u32, batch: u32) -> Vec<f64> {
    let Some((_, engine)) = crate::session::content() else { return Vec::new() };
    let states = states(engine);
    let batch = batch.max(1);
    let mut times: Vec<f64> = (0..samples.max(1))
        .map(|s| {
            let start = now();
            for i in 0..batch {
                let e = &states[(s as usize + i as usize) % states.len()];
                std::hint::black_box(engine.next(std::hint::black_box(e)));
            }
            (now() - start) * 1000.0 / f64::from(batch)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    vec![at(0.5), at(0.99), times.len() as f64]
}
