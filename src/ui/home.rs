//! The first screen: what this is, the way in, and the way back to a
//! saved run.

use super::context::use_app;
use super::route::Route;
use super::state::{content, Action, Confirm};
use super::text::{known_codes, t, tf, tp};
use crate::knowledge::lookup::{lookup_either, Lookup};
use crate::session::SeedRef;
use yew::prelude::*;
use super::router::use_navigator;

/// What a person typed, as evidence: a code exactly, or an alert text
/// matched tolerantly (`knowledge::lookup`).
pub fn seed_for(input: &str) -> Option<SeedRef> {
    let (kb, _) = content()?;
    let english = crate::knowledge::builtin().ok()?;
    match lookup_either(kb, english, input) {
        Lookup::Code(i) => Some(SeedRef::Code(kb.error_codes.get(i)?.code.clone())),
        Lookup::Alert(i) => Some(SeedRef::Alert(kb.alerts.get(i)?.id.clone())),
        Lookup::Unknown | Lookup::Empty => None,
    }
}

/// "3 steps, saved 27 Nov at 14:05": how far a saved run got.
fn saved_label(steps: usize, saved_at: Option<f64>) -> String {
    let when = saved_at.map(|ms| crate::platform::intl::format_time(crate::knowledge::current(), ms)).unwrap_or_default();
    if when.is_empty() {
        tp("home.saved-steps", "steps", steps as u64, &[])
    } else {
        tp("home.saved-steps-when", "steps", steps as u64, &[("when", &when)])
    }
}

#[component]
pub fn Home() -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let typed = use_state(String::new);
    let unknown = use_state(|| None::<String>);
    {
        let root = app.root.clone();
        use_effect_with((), move |_| crate::platform::dom::focus(root.as_ref(), "step-heading"));
    }

    let go_check = {
        let navigator = navigator.clone();
        move || {
            if let Some(n) = &navigator {
                n.push(&Route::Check);
            }
        }
    };
    let on_start = {
        let dispatch = app.state.dispatcher();
        let go = go_check.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::New);
            go();
        })
    };
    let on_continue = {
        let go = go_check.clone();
        Callback::from(move |_| go())
    };
    let on_start_over = {
        let dispatch = app.state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Ask(Confirm::StartOver)))
    };
    let on_input = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                typed.set(input.value());
            }
        })
    };
    let on_lookup = {
        let typed = typed.clone();
        let unknown = unknown.clone();
        let state = app.state.clone();
        let go = go_check.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match seed_for(&typed) {
                Some(seed) if state.has_progress() => {
                    unknown.set(None);
                    state.dispatch(Action::Ask(Confirm::StartSeeded(seed)));
                }
                Some(seed) => {
                    unknown.set(None);
                    state.dispatch(Action::StartSeeded(seed));
                    go();
                }
                None => unknown.set(Some((*typed).clone())),
            }
        })
    };
    let has_progress = app.state.has_progress();

    html! {
        <main class="page" id="main">
            <section class="hero">
                <h1 tabindex="-1" id="step-heading">{ t("app.name") }</h1>
                <p class="lead">{ t("app.tagline") }</p>
            </section>
            if has_progress {
                <section class="card resume" aria-labelledby="resume-heading">
                    <h2 id="resume-heading">{ t("home.resume-title") }</h2>
                    <p>{ saved_label(app.state.session.step_count(), app.state.saved_at) }</p>
                    <div class="actions">
                        <button type="button" class="button primary" onclick={on_continue.clone()}>{ t("home.continue") }</button>
                        <button type="button" class="button" onclick={on_start_over}>{ t("home.start-over") }</button>
                    </div>
                </section>
            } else {
                <p>{ t("home.how") }</p>
                <div class="actions">
                    <button type="button" class="button primary" id="start" onclick={on_start.clone()}>{ t("home.start") }</button>
                </div>
            }
            <section class="card lookup" aria-labelledby="lookup-heading">
                <h2 id="lookup-heading">{ t("home.lookup-title") }</h2>
                <form class="lookup-form" onsubmit={on_lookup}>
                    <label for="lookup-input">{ t("home.lookup-label") }</label>
                    <div class="field-row">
                        <input id="lookup-input" type="text" autocomplete="off" value={(*typed).clone()} oninput={on_input} />
                        <button type="submit" class="button">{ t("home.lookup-go") }</button>
                    </div>
                </form>
                <div role="status">
                if let Some(unknown) = &*unknown {
                    <div class="notice warn">
                        <p>{ tf("home.lookup-unknown", &[("input", unknown)]) }</p>
                        if let Some((kb, _)) = content() {
                            <p>{ known_codes(kb) }</p>
                        }
                        if has_progress {
                            <button type="button" class="button" onclick={on_continue.clone()}>{ t("home.continue") }</button>
                        } else {
                            <button type="button" class="button" onclick={on_start.clone()}>{ t("home.lookup-anyway") }</button>
                        }
                    </div>
                }
                </div>
            </section>
            <super::search::SearchBox />
        </main>
    }
}
