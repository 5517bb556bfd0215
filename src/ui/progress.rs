//! How far the check has come, and the most likely causes as bars with
//! their values in text (readable without colour). The numbers are the
//! engine's; this module only formats them.

use super::state::content;
use super::text::{t, tf, tp};
use yew::prelude::*;

/// How many causes the chart shows.
const SHOWN: usize = 4;

/// A probability as a whole percentage, for display.
pub fn percent(p: f64) -> u32 {
    (p.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// A probability written as a percentage the language's way: "42%" in
/// English and Japanese, "42 %" with a no-break space in French, German
/// and Spanish (`app.percent`).
pub fn percent_label(p: f64) -> String {
    tf("app.percent", &[("n", &percent(p).to_string())])
}

/// The chart, for `beliefs` ((cause index, probability), most likely
/// first, from the engine) after `steps` steps. A plain function, not a
/// component: it has no hooks, and each component costs about 1.2 KB of
/// wasm.
pub fn progress(beliefs: &[(usize, f64)], steps: usize) -> Html {
    let Some((kb, _)) = content() else { return html! {} };
    html! {
        <section class="card progress" aria-labelledby="progress-heading">
            <h2 id="progress-heading">{ t("progress.title") }</h2>
            <p class="muted">{ tp("progress.steps", "steps", steps as u64, &[]) }</p>
            <h3 class="small-heading">{ t("progress.causes") }</h3>
            <ul class="cause-bars">
                { for beliefs.iter().take(SHOWN).filter_map(|(c, p)| {
                    let cause = kb.causes.get(*c)?;
                    let pct = percent(*p);
                    let label = percent_label(*p);
                    let id = format!("bar-{}", cause.id);
                    Some(html! {
                        <li class="cause-bar">
                            <span class="cause-name" id={id.clone()}>{ &cause.title }</span>
                            <span class="cause-value">{ label.clone() }</span>
                            <progress max="100" value={pct.to_string()} aria-labelledby={id}>{ label }</progress>
                        </li>
                    })
                }) }
            </ul>
        </section>
    }
}
