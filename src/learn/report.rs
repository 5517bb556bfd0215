//! The learner's report: what was read, what moved, whether it predicts
//! better, and a chart of the priors before and after (SVG).

use super::pack::{UnsureForm, ValidPack};
use super::{Learned, Shape, Skip, Stats};
use std::fmt::Write as _;

/// Predicted figures of the engine, from simulated people.
#[derive(Debug, Clone, Copy)]
pub struct Predicted {
    /// Engine on the authored numbers, people living by the authored numbers.
    pub authored_promise: (f64, f64),
    /// Engine on the authored numbers, people living by the learned numbers.
    pub before: (f64, f64),
    /// Engine on the learned numbers, people living by the learned numbers.
    pub after: (f64, f64),
    pub people: usize,
}

/// One number that moved.
#[derive(Debug, Clone)]
pub struct Moved {
    pub what: String,
    pub cause: String,
    pub before: f64,
    pub after: f64,
    /// The expected count of runs behind the learned number.
    pub count: f64,
}

/// The numbers that moved most, largest change first.
pub fn moved_most(shape: &Shape, l: &Learned, top: usize) -> Vec<Moved> {
    let mut all = Vec::new();
    let causes = &shape.causes;
    for (c, cause) in causes.iter().enumerate() {
        all.push(Moved { what: "prior".into(), cause: cause.clone(), before: l.authored.prior[c], after: l.learned.prior[c], count: l.cause_counts[c] });
    }
    for (q, (qid, answers)) in shape.questions.iter().enumerate() {
        for (a, aid) in answers.iter().enumerate() {
            for (c, cause) in causes.iter().enumerate() {
                all.push(Moved {
                    what: format!("P(answer {qid}/{aid})"),
                    cause: cause.clone(),
                    before: l.authored.answers[q][a][c],
                    after: l.learned.answers[q][a][c],
                    count: l.question_counts[q][c],
                });
            }
        }
    }
    for (f, (fid, _)) in shape.fixes.iter().enumerate() {
        for (c, cause) in causes.iter().enumerate() {
            all.push(Moved { what: format!("P(fix {fid} works)"), cause: cause.clone(), before: l.authored.works[f][c], after: l.learned.works[f][c], count: l.fix_counts[f][c] });
        }
    }
    all.sort_by(|a, b| (b.after - b.before).abs().total_cmp(&(a.after - a.before).abs()));
    all.truncate(top);
    all
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A horizontal bar chart of the priors, authored and learned, per cause.
pub fn priors_svg(shape: &Shape, l: &Learned) -> String {
    let (label_w, bar_w, row_h, top) = (190.0, 360.0, 30.0, 40.0);
    let max = l.authored.prior.iter().chain(&l.learned.prior).copied().fold(0.0_f64, f64::max).max(1e-9);
    let height = top + row_h * shape.causes.len() as f64 + 20.0;
    let width = label_w + bar_w + 130.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         font-family=\"system-ui, sans-serif\" font-size=\"12\" role=\"img\" aria-labelledby=\"t\">\n\
         <title id=\"t\">Priors of the causes, authored and learned</title>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <rect x=\"{label_w}\" y=\"10\" width=\"12\" height=\"12\" fill=\"#9aa5b1\"/><text x=\"{}\" y=\"20\">authored</text>\n\
         <rect x=\"{}\" y=\"10\" width=\"12\" height=\"12\" fill=\"#1d5fd1\"/><text x=\"{}\" y=\"20\">learned</text>\n",
        label_w + 16.0,
        label_w + 90.0,
        label_w + 106.0
    );
    for (c, cause) in shape.causes.iter().enumerate() {
        let y = top + row_h * c as f64;
        let (a, b) = (l.authored.prior[c], l.learned.prior[c]);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n\
             <rect x=\"{label_w}\" y=\"{}\" width=\"{:.1}\" height=\"10\" fill=\"#9aa5b1\"/>\n\
             <rect x=\"{label_w}\" y=\"{}\" width=\"{:.1}\" height=\"10\" fill=\"#1d5fd1\"/>\n\
             <text x=\"{:.1}\" y=\"{}\" fill=\"#333333\">{:.3} → {:.3}</text>\n",
            label_w - 8.0,
            y + 15.0,
            escape(cause),
            y + 2.0,
            bar_w * a / max,
            y + 13.0,
            bar_w * b / max,
            label_w + bar_w * a.max(b) / max + 6.0,
            y + 15.0,
            a,
            b
        );
    }
    s.push_str("</svg>\n");
    s
}

/// The report in Markdown; `chart` is the SVG's file name next to it.
pub fn markdown(shape: &Shape, stats: &Stats, l: &Learned, predicted: Option<&Predicted>, pack: &ValidPack, chart: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# What the outcome records taught\n");
    let _ = writeln!(s, "Content version {}. Prior strength {} pseudo-counts per distribution; EM took {} iterations.\n", shape.content_version, l.strength, l.iterations);
    let _ = writeln!(s, "## Records\n");
    let _ = writeln!(s, "- used: {} ({} distinct runs' evidence)", stats.records, stats.distinct());
    for (end, n) in &stats.ends {
        let _ = writeln!(s, "  - {end}: {n}");
    }
    let _ = writeln!(s, "- training: {:.0}, held out to check the fit: {:.0}", l.train_runs, l.heldout_runs);
    let _ = writeln!(s, "- skipped: {}", stats.skipped_total());
    for (why, n) in &stats.skipped {
        let _ = writeln!(s, "  - {}: {n}", why.describe());
    }
    for (source, line, why) in &stats.examples {
        let _ = writeln!(s, "  - e.g. {source} line {line}: {}", why.describe());
    }
    if stats.skipped.get(&Skip::OtherContentVersion).is_some_and(|&n| n > 0) {
        let _ = writeln!(s, "\nRecords of another content version were left out: learn them against that version's content (`--content DIR`).");
    }
    let _ = writeln!(s, "\n## Fit\n");
    match (l.heldout_before, l.heldout_after) {
        (Some(b), Some(a)) => {
            let _ = writeln!(s, "Held-out log-likelihood per run (natural log; higher is better): authored {b:.4}, learned {a:.4} ({:+.4}).", a - b);
        }
        _ => {
            let _ = writeln!(s, "Too few records to hold any out.");
        }
    }
    if let Some(p) = predicted {
        let _ = writeln!(s, "\n## Predicted cost and hand-over rate\n");
        let _ = writeln!(s, "{} simulated people each (cost in minute-equivalents, see the engine's `step_cost`).\n", p.people);
        let _ = writeln!(s, "| engine's numbers | people living by | mean cost | handed over |\n|---|---|---:|---:|");
        let row = |s: &mut String, a: &str, b: &str, (c, h): (f64, f64)| {
            let _ = writeln!(s, "| {a} | {b} | {c:.2} | {:.1} % |", h * 100.0);
        };
        row(&mut s, "authored", "authored (what the authors expected)", p.authored_promise);
        row(&mut s, "authored", "learned (before)", p.before);
        row(&mut s, "learned", "learned (after)", p.after);
    }
    let _ = writeln!(s, "\n## Priors\n\n![Priors before and after]({chart})\n");
    let _ = writeln!(s, "## The numbers that moved most\n");
    let _ = writeln!(s, "\"runs behind it\" is the expected number of training runs with that cause that bear on the number.\n");
    let _ = writeln!(s, "| number | cause | authored | learned | runs behind it |\n|---|---|---:|---:|---:|");
    for m in moved_most(shape, l, 20) {
        let _ = writeln!(s, "| {} | {} | {:.3} | {:.3} | {:.0} |", m.what, m.cause, m.before, m.after, m.count);
    }
    let _ = writeln!(s, "\n## The pack\n");
    let _ = writeln!(
        s,
        "{}",
        match pack.form {
            UnsureForm::WithLikelihoods => "The \"I'm not sure\" answers carry the learned P(not sure | cause); the other answers share the rest.",
            UnsureForm::WithoutLikelihoods =>
                "This build's validator does not accept likelihoods on \"I'm not sure\" answers, so the pack leaves them out: the other answers are written normalised over themselves, as the engine reads them.",
        }
    );
    if !pack.broken.is_empty() {
        let _ = writeln!(
            s,
            "\nWritten as they are, the learned numbers would break these content rules, so the pack holds priors {:.0} % and likelihoods and fixes' chances {:.0} % of the way from the authored numbers to the learned ones (the most that breaks none). Review the texts these rules protect, then edit by hand or learn with more records:\n",
            pack.prior_share * 100.0,
            pack.rest_share * 100.0
        );
        for b in &pack.broken {
            let _ = writeln!(s, "- {b}");
        }
    }
    let _ = writeln!(s, "\nBuild the app with it: `cargo xtask build --release --content DIR`.");
    s
}
