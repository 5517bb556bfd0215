//! The check: one step at a time, with progress, the answers so far, Back
//! and Start over. What step comes is the engine's choice; this page only
//! renders it.

use super::context::use_app;
use super::route::Route;
use super::progress::progress;
use super::state::{content, Action, Confirm};
use super::steps::{question_step, resolved_step, EscalationStep, FixStep};
use super::text::{answer_join, t, tf};
use crate::engine::NextStep;
use crate::json::Value;
use crate::session::Event;
use yew::prelude::*;
use super::router::{use_navigator, use_location};

#[derive(Properties, PartialEq, Default)]
pub struct CheckProps {
    /// The step count in the address (`#/check/3`), when there is one.
    #[prop_or_default]
    pub step: Option<usize>,
}

#[component]
pub fn Check(props: &CheckProps) -> Html {
    let app = use_app();
    let outcome = app.state.outcome(app.options.handover);
    let steps = app.state.session.step_count();
    let navigator = use_navigator();
    let location = use_location();
    let synced = use_mut_ref(|| None::<usize>);

    // Keep the address and the run in step: a step taken here adds a
    // history entry; the browser's Back or Forward (the address changed,
    // the run did not) undoes or redoes steps.
    {
        let dispatch = app.state.dispatcher();
        let can_redo = app.state.can_redo();
        let navigator = navigator.clone();
        use_effect_with((props.step, steps), move |(route_step, steps)| {
            let (route_step, steps) = (*route_step, *steps);
            let last = *synced.borrow();
            let go = |push: bool| {
                if let Some(n) = &navigator {
                    let to = Route::CheckStep { step: steps };
                    if push { n.push_step(&to) } else { n.replace(&to) }
                }
            };
            match (last, route_step) {
                (None, r) if r != Some(steps) => go(false),
                // A step forward adds a history entry; undoing, changing an
                // answer or starting over rewrites the current one, so the
                // browser's Back never re-applies a step taken back here.
                (Some(prev), r) if prev != steps && r != Some(steps) => go(steps > prev),
                (Some(prev), Some(r)) if prev == steps && r < steps => dispatch.dispatch(Action::BackTo(r)),
                (Some(prev), Some(r)) if prev == steps && r > steps && can_redo => dispatch.dispatch(Action::ForwardTo(r)),
                // An entry left over from steps that were rewritten since:
                // skip past it.
                (Some(prev), Some(r)) if prev == steps && r > steps => {
                    if let Some(n) = &navigator {
                        n.back();
                    }
                }
                _ => {}
            }
            *synced.borrow_mut() = Some(steps);
        });
    }

    // Tell an embedding page which step is shown (ids only, no free text),
    // and which fix worked.
    {
        let step_id = outcome.as_ref().and_then(|o| content().map(|(kb, _)| step_id(kb, o)));
        let host = app.host.clone();
        let last = app.last_step_event.clone();
        use_effect_with((step_id, steps), move |(step_id, steps)| {
            if let Some((id, resolved)) = step_id {
                let this = (id.clone(), *steps);
                if last.borrow().as_ref() == Some(&this) {
                    return;
                }
                *last.borrow_mut() = Some(this);
                host.emit("step", Value::object([("step", Value::from(id.as_str())), ("count", Value::from(*steps as f64))]));
                if let Some((fix, cause)) = resolved {
                    // No likely cause: the field is left out (embed.js
                    // takes ids only, and an empty one would drop the event).
                    let mut fields = vec![("fix", Value::from(fix.as_str()))];
                    if !cause.is_empty() {
                        fields.push(("cause", Value::from(cause.as_str())));
                    }
                    let fields = Value::object(fields);
                    host.emit("resolved", fields);
                }
            }
        });
    }

    // Every step change moves focus to the new heading and announces it.
    {
        let announce = app.announce.clone();
        let root = app.root.clone();
        use_effect_with((steps, app.state.session.events.len()), move |_| {
            crate::platform::dom::focus(root.as_ref(), "step-heading");
            let heading = crate::platform::dom::find(root.as_ref(), "step-heading").and_then(|h| h.text_content()).unwrap_or_default();
            announce.emit(AttrValue::from(tf("check.announce", &[("step", &(steps + 1).to_string()), ("heading", &heading)])));
        });
    }

    let (Some((kb, engine)), Some(outcome)) = (content(), outcome) else {
        return html! {
            <main class="page" id="main">
                <h1 id="step-heading" tabindex="-1">{ t("check.unavailable") }</h1>
            </main>
        };
    };

    // The engine's beliefs, computed once per render for the chart and the
    // explanations.
    let beliefs: Vec<(usize, f64)> = outcome.beliefs.iter().map(|(c, p)| (c.0, *p)).collect();
    let step = match &outcome.next {
        NextStep::Ask { question, why } => question_step(&app, question.0, &beliefs, *why, outcome.device),
        NextStep::Try { fix, variants, why } => {
            html! { <FixStep key={format!("fix-{}", fix.0)} fix={fix.0} shown={variants.shown.clone()} labelled={variants.labelled} why={*why} device={outcome.device} beliefs={beliefs.clone()} /> }
        }
        // Keyed by the step count: a fix chosen from "still worth a try"
        // that fails brings a fresh hand-over screen.
        NextStep::Escalate { why } => html! { <EscalationStep key={format!("escalation-{steps}")} why={*why} outcome={outcome.clone()} /> },
        NextStep::Resolved { fix } => resolved_step(&app, fix.0, &outcome),
    };

    // The app's Back is the browser's Back when this entry was added by a
    // step taken here (the one before it is the previous step); otherwise
    // (after a reload, or a link to this step) it undoes in place.
    let on_back = {
        let dispatch = app.state.dispatcher();
        let navigator = navigator.clone();
        let here = props.step == Some(steps) && location.as_ref().is_some_and(|l| l.step_entry);
        Callback::from(move |_| match (&navigator, here) {
            (Some(n), true) => n.back(),
            _ => dispatch.dispatch(Action::Back),
        })
    };
    let on_start_over = {
        let dispatch = app.state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Ask(Confirm::StartOver)))
    };

    // The answers given so far, each with a way to change it.
    let answered: Vec<Html> = app
        .state
        .session
        .effective()
        .into_iter()
        .enumerate()
        .filter_map(|(i, event)| {
            // A question and its answer are joined the language's way
            // (`check.answer-join`); a fix's title and what came of it, or
            // "Your screen says" and the code, by a space.
            let (label, join, value) = match event {
                Event::Answered { question, answer } => {
                    let q = kb.questions.iter().find(|q| &q.id == question)?;
                    let a = q.answers.iter().find(|a| &a.id == answer)?;
                    (q.text.clone(), answer_join(), a.label.clone())
                }
                Event::FixFailed { fix } => (title_of(kb, fix), " ", t("check.fix-failed").to_string()),
                Event::CouldNotDo { fix } => (title_of(kb, fix), " ", t("check.fix-could-not").to_string()),
                Event::Seeded(seed) => (t("check.seeded").to_string(), " ", super::summary::seed_label(kb, seed)),
                Event::FixWorked { .. } | Event::Undo => return None,
            };
            let dispatch = app.state.dispatcher();
            let change = Callback::from(move |_| dispatch.dispatch(Action::Ask(Confirm::ChangeFrom(i))));
            Some(html! {
                <li>
                    <span class="answer-q">{ label }</span>{ join }<strong class="answer-a">{ value }</strong>
                    { " " }
                    <button type="button" class="link-button" onclick={change} aria-label={tf("check.change-label", &[("step", &(i + 1).to_string())])}>{ t("check.change") }</button>
                </li>
            })
        })
        .collect();
    let _ = engine;

    html! {
        <main class="page check" id="main">
            <div class="check-layout">
                <div class="check-step">
                    if matches!(outcome.next, NextStep::Ask { .. } | NextStep::Try { .. }) {
                        <p class="step-count">{ tf("check.step", &[("step", &(steps + 1).to_string())]) }</p>
                    }
                    { step }
                    <nav class="actions step-nav" aria-label={t("check.nav-label")}>
                        if steps > 0 {
                            <button type="button" class="button" onclick={on_back}>{ t("check.back") }</button>
                        }
                        <button type="button" class="button" onclick={on_start_over}>{ t("check.start-over") }</button>
                    </nav>
                    if steps > 0 {
                        <super::share::ShareBox />
                    }
                </div>
                <aside class="check-side">
                    { progress(&beliefs, steps) }
                    if !answered.is_empty() {
                        <section class="card answers" aria-labelledby="answers-heading">
                            <h2 id="answers-heading">{ t("check.answers-title") }</h2>
                            <ol class="answer-list">{ for answered }</ol>
                        </section>
                    }
                </aside>
            </div>
        </main>
    }
}

/// The step's id for the host (`question:<id>`, `fix:<id>`, `escalation`,
/// `resolved`), and when resolved the fix that worked with the most likely
/// cause given that it worked.
fn step_id(kb: &crate::knowledge::KnowledgeBase, outcome: &crate::engine::Outcome) -> (String, Option<(String, String)>) {
    match &outcome.next {
        NextStep::Ask { question, .. } => (format!("question:{}", kb.questions.get(question.0).map_or("", |q| q.id.as_str())), None),
        NextStep::Try { fix, .. } => (format!("fix:{}", kb.fixes.get(fix.0).map_or("", |f| f.id.as_str())), None),
        NextStep::Escalate { .. } => ("escalation".into(), None),
        NextStep::Resolved { fix } => {
            let cause = outcome.beliefs.first().and_then(|(c, _)| kb.causes.get(c.0)).map(|c| c.id.clone()).unwrap_or_default();
            ("resolved".into(), kb.fixes.get(fix.0).map(|f| (f.id.clone(), cause)))
        }
    }
}

fn title_of(kb: &crate::knowledge::KnowledgeBase, fix: &str) -> String {
    kb.fixes.iter().find(|f| f.id == fix).map(|f| f.title.clone()).unwrap_or_else(|| fix.to_string())
}
