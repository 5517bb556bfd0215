//! The four kinds of step: a question, a fix, the hand-over to Apple
//! Support, and the happy end. Each renders knowledge-base content and the
//! engine's explanation, and sends actions.

use super::context::{use_app, AppContext};
use super::progress::{percent, percent_label};
use super::state::{content, Action};
use super::sources::source_line;
use super::summary::summary_text;
use super::text::{list, phrase_space, t, tf, tp};
use crate::engine::{AskWhy, EscalateReason, EscalateWhy, Outcome, TryWhy};
use crate::knowledge::{DeviceContext, FixKind, Risk, StepVariant};
use yew::prelude::*;

/// Minutes, rounded for people: "about 3 minutes".
pub fn minutes(m: f64) -> String {
    let m = m.max(1.0).round() as u32;
    tp("unit.minutes", "n", m as u64, &[])
}

/// The three most likely causes, as "Not enough iCloud storage (45%),
/// Too much to back up (30%), …" in the language's way, for explanations.
fn top_causes(beliefs: &[(usize, f64)]) -> String {
    let Some((kb, _)) = content() else { return String::new() };
    let causes = beliefs
        .iter()
        .take(3)
        .filter_map(|(c, p)| kb.causes.get(*c).map(|cause| tf("why.cause-chance", &[("cause", &cause.title), ("chance", &percent_label(*p))])))
        .collect::<Vec<_>>();
    list(&causes)
}

/// A numbered list of steps, with the Settings path of each, under the
/// variant's label when several are shown; a Stolen Device Protection
/// note before the steps, and the sources after them.
pub fn step_list(variant: &StepVariant, labelled: bool) -> Html {
    html! {
        <div class="variant">
            if labelled {
                if let Some(label) = &variant.label {
                    <h3 class="variant-label">{ label }</h3>
                }
            }
            if let Some(note) = &variant.stolen_device_protection {
                <div class="notice sdp" role="note">
                    <p><strong>{ t("fix.sdp-title") }</strong>{ phrase_space() }{ note }</p>
                </div>
            }
            <ol class="steps">
                { for variant.steps.iter().map(|s| html! {
                    <li>
                        { &s.text }
                        if let Some(path) = &s.path {
                            <span class="path">{ path }</span>
                        }
                    </li>
                }) }
            </ol>
            { source_line(&variant.sources) }
        </div>
    }
}

/// A question, with its help for this device and why it is asked now
/// (`beliefs` as the causes chart gets them). A plain function, not a
/// component: it needs no hook but the app's context, which the check
/// passes in.
pub fn question_step(app: &AppContext, question: usize, beliefs: &[(usize, f64)], why: AskWhy, device: DeviceContext) -> Html {
    let Some((kb, _)) = content() else { return html! {} };
    let Some(question) = kb.questions.get(question) else { return html! {} };
    let help: Vec<_> = question.help.iter().filter(|h| h.applies.matches(&device)).collect();
    let labelled = help.len() > 1;
    html! {
        <section class="step question" aria-labelledby="step-heading" data-question={question.id.clone()}>
            <h1 id="step-heading" tabindex="-1">{ &question.text }</h1>
            { for help.iter().map(|h| html! {
                <p class="help">
                    if labelled {
                        if let Some(label) = &h.label {
                            <strong>{ label }{ t("app.label-separator") }</strong>
                        }
                    }
                    { &h.text }
                </p>
            }) }
            { source_line(&help.iter().flat_map(|h| h.sources.iter().cloned()).collect::<Vec<_>>()) }
            <div class="answers-group" role="group" aria-labelledby="step-heading">
                { for question.answers.iter().map(|a| {
                    let dispatch = app.state.dispatcher();
                    let action = Action::Answer { question: question.id.clone(), answer: a.id.clone() };
                    let onclick = Callback::from(move |_| dispatch.dispatch(action.clone()));
                    let class = if a.unsure { "button answer unsure" } else { "button answer" };
                    html! { <button type="button" class={class} onclick={onclick} data-answer={a.id.clone()}>{ &a.label }</button> }
                }) }
            </div>
            <details class="why">
                <summary>{ t("why.ask-title") }</summary>
                <p>{ tf("why.ask", &[("saving", &minutes(why.saving))]) }</p>
                <p>{ tf("why.causes", &[("causes", &top_causes(beliefs))]) }</p>
            </details>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct FixProps {
    pub fix: usize,
    /// The engine's beliefs, most likely first (as the causes chart gets them).
    pub beliefs: Vec<(usize, f64)>,
    pub shown: Vec<usize>,
    pub labelled: bool,
    pub why: TryWhy,
    pub device: DeviceContext,
}

#[component]
pub fn FixStep(props: &FixProps) -> Html {
    let app = use_app();
    let confirmed = use_state(|| false);
    let Some((kb, _)) = content() else { return html! {} };
    let Some(fix) = kb.fixes.get(props.fix) else { return html! {} };
    let risky = fix.risk != Risk::None;
    let show_steps = !risky || *confirmed;

    let outcome_button = |label: &'static str, action: Action, primary: bool| {
        let result = match action {
            Action::FixWorked(_) => "worked",
            Action::FixFailed(_) => "failed",
            _ => "could-not",
        };
        let dispatch = app.state.dispatcher();
        let onclick = Callback::from(move |_| dispatch.dispatch(action.clone()));
        let class = if primary { "button primary" } else { "button" };
        html! { <button type="button" class={class} onclick={onclick} data-result={result}>{ t(label) }</button> }
    };
    let on_confirm = {
        let confirmed = confirmed.clone();
        Callback::from(move |_| confirmed.set(true))
    };

    // When the steps differ by device and the device is unknown, offer to
    // say which iPhone it is: that answers the model (or iOS) question.
    let pickers: Html = if props.labelled {
        let dims: Vec<&crate::knowledge::Question> = kb
            .questions
            .iter()
            .filter(|q| {
                let sets_model = q.answers.iter().any(|a| a.sets_model.is_some());
                let sets_ios = q.answers.iter().any(|a| a.sets_ios.is_some());
                let varies_model = fix.variants.iter().any(|v| !v.applies.model.is_empty());
                let varies_ios = fix.variants.iter().any(|v| !v.applies.ios.is_empty());
                (sets_model && varies_model && props.device.model.is_none()) || (sets_ios && varies_ios && props.device.ios.is_none())
            })
            .collect();
        html! {
            { for dims.into_iter().map(|q| html! {
                <div class="picker" role="group" aria-label={q.text.clone()}>
                    <p class="small">{ t("fix.which-iphone") }{ phrase_space() }{ &q.text }</p>
                    { for q.answers.iter().filter(|a| !a.unsure).map(|a| {
                        let dispatch = app.state.dispatcher();
                        let action = Action::Answer { question: q.id.clone(), answer: a.id.clone() };
                        let onclick = Callback::from(move |_| dispatch.dispatch(action.clone()));
                        html! { <button type="button" class="button small-button" onclick={onclick}>{ &a.label }</button> }
                    }) }
                </div>
            }) }
        }
    } else {
        html! {}
    };

    html! {
        <section class="step fix" aria-labelledby="step-heading" data-fix={fix.id.clone()}>
            <p class="eyebrow">{ t("fix.eyebrow") }</p>
            <h1 id="step-heading" tabindex="-1">{ &fix.title }</h1>
            <p>{ &fix.summary }</p>
            <h2 class="small-heading">{ t("fix.why-title") }</h2>
            <p>{ &fix.why }</p>
            <p class="muted small">{ tf("fix.time", &[("time", &minutes(fix.minutes))]) }</p>
            if risky {
                <div class="notice warn risk" role="note">
                    <p><strong>{ t(if fix.risk == Risk::LosesData { "fix.risk-data" } else { "fix.risk-settings" }) }</strong></p>
                    if let Some(warning) = &fix.warning {
                        <p>{ warning }</p>
                    }
                    if !*confirmed {
                        <button type="button" class="button" onclick={on_confirm} data-confirm-risk="">{ t("fix.confirm-risk") }</button>
                    }
                </div>
            }
            if show_steps {
                <h2 class="small-heading">{ t("fix.steps-title") }</h2>
                if props.labelled {
                    <p class="small muted">{ t("fix.variants-note") }</p>
                    { pickers }
                }
                { for props.shown.iter().filter_map(|i| fix.variants.get(*i)).map(|v| step_list(v, props.labelled)) }
                <h2 class="small-heading">{ t("fix.verify-title") }</h2>
                <p>{ &fix.verify }</p>
            }
            <div class="outcome" role="group" aria-labelledby="outcome-heading">
                <h2 id="outcome-heading" class="small-heading">{ t("fix.did-it-work") }</h2>
                <div class="actions">
                    if show_steps {
                        { outcome_button("fix.worked", Action::FixWorked(fix.id.clone()), true) }
                        { outcome_button("fix.failed", Action::FixFailed(fix.id.clone()), false) }
                    }
                    { outcome_button("fix.could-not", Action::CouldNotDo(fix.id.clone()), false) }
                </div>
            </div>
            <details class="why">
                <summary>{ t("why.fix-title") }</summary>
                <p>{ tf("why.fix", &[("chance", &percent(props.why.p_fixes).to_string()), ("time", &minutes(fix.minutes))]) }</p>
                <p>{ tf("why.causes", &[("causes", &top_causes(&props.beliefs))]) }</p>
            </details>
        </section>
    }
}

/// Copies `text`; where the clipboard is refused, selects the field with
/// id `field` for a manual copy. `copied` records the result for a status
/// line.
pub fn copy_callback(copied: &UseStateHandle<Option<bool>>, text: String, root: Option<web_sys::Element>, field: &'static str) -> Callback<MouseEvent> {
    let copied = copied.clone();
    Callback::from(move |_| {
        let (copied, text, root) = (copied.clone(), text.clone(), root.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let ok = crate::platform::clipboard::copy(&text).await.is_ok();
            if !ok {
                crate::platform::clipboard::select(root.as_ref(), field);
            }
            copied.set(Some(ok));
        });
    })
}

#[derive(Properties, PartialEq)]
pub struct EscalationProps {
    pub why: EscalateWhy,
    pub outcome: Outcome,
}

#[component]
pub fn EscalationStep(props: &EscalationProps) -> Html {
    let app = use_app();
    let copied = use_state(|| None::<bool>);
    let sent = use_state(|| false);
    // A fix from "Still worth a try at home" the person chose to try.
    let trying = use_state(|| None::<usize>);
    {
        // Opening a fix here, or coming back, moves focus to its heading.
        let root = app.root.clone();
        use_effect_with(*trying, move |_| crate::platform::dom::focus(root.as_ref(), "step-heading"));
    }
    let Some((kb, _)) = content() else { return html! {} };
    if let Some(alt) = (*trying).and_then(|i| props.outcome.alternatives.get(i)) {
        let beliefs: Vec<(usize, f64)> = props.outcome.beliefs.iter().map(|(c, p)| (c.0, *p)).collect();
        let on_back = {
            let trying = trying.clone();
            Callback::from(move |_| trying.set(None))
        };
        return html! {
            <>
                <FixStep key={format!("fix-{}", alt.fix.0)} fix={alt.fix.0} shown={alt.variants.shown.clone()} labelled={alt.variants.labelled} why={alt.why} device={props.outcome.device} beliefs={beliefs} />
                <div class="actions">
                    <button type="button" class="button" onclick={on_back}>{ t("escalate.back") }</button>
                </div>
            </>
        };
    }
    let at_home: Vec<Html> = props
        .outcome
        .alternatives
        .iter()
        .enumerate()
        .filter_map(|(i, alt)| {
            let fix = kb.fixes.get(alt.fix.0)?;
            let trying = trying.clone();
            let onclick = Callback::from(move |_| trying.set(Some(i)));
            Some(html! {
                <li>
                    <strong>{ &fix.title }</strong>{ t("app.label-separator") }
                    <span class="muted">{ tf("escalate.at-home-item", &[("chance", &percent(alt.why.p_fixes).to_string()), ("time", &minutes(fix.minutes))]) }</span>
                    { " " }
                    <button type="button" class="button small-button" onclick={onclick} aria-label={tf("escalate.try-label", &[("fix", &fix.title)])}>{ t("escalate.try") }</button>
                </li>
            })
        })
        .collect();
    let summary = summary_text(kb, &app.state.session, &props.outcome);
    let support = props.why.fix.and_then(|f| kb.fixes.get(f.0)).or_else(|| kb.fixes.iter().find(|f| f.kind == FixKind::Escalation));
    let way_out = kb.fixes.iter().find(|f| f.kind == FixKind::WayOut);
    let reason = match props.why.reason {
        EscalateReason::BetterThanRemainingFixes => "escalate.reason-better",
        EscalateReason::NothingLeft => "escalate.reason-nothing-left",
    };
    let on_copy = copy_callback(&copied, summary.clone(), app.root.clone(), "summary-text");
    let on_print = Callback::from(|_| crate::platform::dom::print());
    let on_send = {
        let host = app.host.clone();
        let summary = summary.clone();
        let sent = sent.clone();
        Callback::from(move |_| {
            host.emit("escalated", crate::json::Value::object([("summary", crate::json::Value::from(summary.to_string()))]));
            sent.set(true);
        })
    };
    let contact_label = app.options.contact_label.clone();
    let contact_url = app.options.contact_url.clone();
    let is_apple = contact_url == super::options::DEFAULT_CONTACT_URL;
    let on_new = {
        // The summary is on this screen only: ask before starting again.
        let dispatch = app.state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Ask(super::state::Confirm::StartOver)))
    };
    let rows = summary.lines().count().clamp(6, 24).to_string();
    html! {
        <section class="step escalation" aria-labelledby="step-heading" data-ending="handover">
            <h1 id="step-heading" tabindex="-1" class="no-print">{ t("escalate.title") }</h1>
            <p class="no-print">{ t(reason) }</p>
            if is_apple {
                if let Some(support) = support {
                    <div class="card no-print">
                        <h2>{ &support.title }</h2>
                        <p>{ &support.summary }</p>
                        { for support.variants.iter().take(1).map(|v| step_list(v, false)) }
                    </div>
                }
            }
            <p class="no-print contact">
                <a class="button primary" href={contact_url} target="_blank" rel="noopener noreferrer">{ tf("escalate.contact", &[("contact", &contact_label)]) }</a>
            </p>
            <section class="card print-summary" aria-labelledby="summary-heading">
                <h2 id="summary-heading">{ t("escalate.summary-title") }</h2>
                <p class="no-print small">{ t("escalate.summary-note") }</p>
                <label for="summary-text" class="visually-hidden">{ t("escalate.summary-title") }</label>
                <textarea id="summary-text" class="summary-text" readonly=true rows={rows} value={summary.clone()} />
                <pre class="print-only">{ summary }</pre>
                <div class="actions no-print">
                    <button type="button" class="button primary" onclick={on_copy}>{ t("escalate.copy") }</button>
                    <button type="button" class="button" onclick={on_print}>{ t("escalate.print") }</button>
                    if app.host.is_active() {
                        <button type="button" class="button" onclick={on_send} disabled={*sent}>
                            // With Apple as the contact, the summary still goes to this site.
                            { if is_apple { t("escalate.send-site").to_string() } else { tf("escalate.send", &[("contact", &contact_label)]) } }
                        </button>
                    }
                </div>

                <p class="no-print" role="status">
                    { match *copied {
                        Some(true) => t("escalate.copied"),
                        Some(false) => t("escalate.copy-refused"),
                        None => "",
                    } }
                    { if *sent { t("escalate.sent") } else { "" } }
                </p>
            </section>
            if !at_home.is_empty() {
                <section class="card no-print at-home" aria-labelledby="at-home-heading">
                    <h2 id="at-home-heading">{ t("escalate.at-home-title") }</h2>
                    <p class="small">{ t("escalate.at-home-note") }</p>
                    <ul class="at-home-list">{ for at_home }</ul>
                </section>
            }
            if let Some(way_out) = way_out {
                <div class="card no-print way-out">
                    <h2>{ &way_out.title }</h2>
                    <p>{ &way_out.summary }</p>
                    <p>{ &way_out.why }</p>
                    { for way_out.variants.iter().map(|v| step_list(v, way_out.variants.len() > 1)) }
                </div>
            }
            <div class="actions no-print">
                <button type="button" class="button" onclick={on_new}>{ t("resolved.new") }</button>
            </div>
        </section>
    }
}

/// The end of a check that worked: what fixed it, the likely cause, and
/// tips against it happening again. A plain function, like the question.
pub fn resolved_step(app: &AppContext, fix: usize, outcome: &Outcome) -> Html {
    let Some((kb, _)) = content() else { return html! {} };
    let fix = kb.fixes.get(fix);
    // The beliefs count that this fix worked: the cause it most likely
    // addressed, and its prevention tips.
    let likely = outcome.beliefs.first().and_then(|(c, p)| Some((kb.causes.get(c.0)?, *p)));
    let top = likely.map(|(c, _)| c);
    let tips: Vec<_> = top.map(|c| kb.tips.iter().filter(|tip| tip.causes.contains(&c.id) && tip.caution.is_none()).collect()).unwrap_or_default();
    let on_new = {
        let dispatch = app.state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::New))
    };
    html! {
        <section class="step resolved" aria-labelledby="step-heading" data-ending="resolved">
            <div class="notice ok">
                <h1 id="step-heading" tabindex="-1">{ t("resolved.title") }</h1>
                if let Some(fix) = fix {
                    <p>{ tf("resolved.what-fixed", &[("fix", &fix.title)]) }</p>
                }
                if let Some((cause, p)) = likely {
                    <p class="likely-cause">{ tf("resolved.likely", &[("cause", &cause.title), ("chance", &percent(p).to_string())]) }</p>
                }
            </div>
            if !tips.is_empty() {
                <h2>{ t("resolved.tips-title") }</h2>
                <ul class="tips">
                    { for tips.iter().map(|tip| html! { <li><strong>{ &tip.title }</strong>{ t("app.label-separator") }{ &tip.text }</li> }) }
                </ul>
            }
            <div class="actions">
                <button type="button" class="button primary" onclick={on_new}>{ t("resolved.new") }</button>
            </div>
        </section>
    }
}
