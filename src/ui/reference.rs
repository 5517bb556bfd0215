//! The reference pages: error codes and alerts, every fix, the FAQ and the
//! guides. Each renders knowledge-base content as it is; every page has an
//! address, so support agents can send a link to it.

use super::context::{use_app, AppContext};
use super::route::Route;
use super::search::SearchBox;
use super::state::{content, Action, Confirm};
use super::text::{known_codes, phrase_space, quoted, t, tf};
use crate::knowledge::lookup::{lookup_either, Lookup};
use crate::knowledge::{Fix, FixKind, KnowledgeBase, Section, StepVariant};
use crate::session::SeedRef;
use yew::prelude::*;
use super::router::{Link, Navigator, use_navigator};

/// Every variant's numbered steps, each labelled when there are several.
pub fn variant_list(variants: &[StepVariant]) -> Html {
    let labelled = variants.len() > 1;
    html! { { for variants.iter().map(|v| super::steps::step_list(v, labelled)) } }
}

/// The page frame shared by every reference page: heading (which takes
/// focus), the search box, the content.
#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub title: AttrValue,
    #[prop_or_default]
    pub lead: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn ReferencePage(props: &PageProps) -> Html {
    let title = props.title.clone();
    let app = use_app();
    {
        let announce = app.announce.clone();
        let root = app.root.clone();
        use_effect_with(title.clone(), move |title| {
            crate::platform::dom::focus(root.as_ref(), "step-heading");
            if root.is_none() {
                crate::platform::dom::scroll_to_top();
            }
            announce.emit(title.clone());
        });
    }
    html! {
        <main class="page reference" id="main">
            <nav class="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
                <Link to={Route::Home}>{ t("nav.home") }</Link>
            </nav>
            <h1 id="step-heading" tabindex="-1">{ title }</h1>
            if let Some(lead) = &props.lead {
                <p class="lead">{ lead }</p>
            }
            { props.children.clone() }
            <SearchBox />
        </main>
    }
}

/// Starts a check with this seed, asking first when a run is in progress.
#[hook]
fn use_start_seeded(seed: SeedRef) -> Callback<MouseEvent> {
    let app = use_app();
    let navigator = use_navigator();
    Callback::from(move |_| {
        if app.state.has_progress() {
            app.state.dispatch(Action::Ask(Confirm::StartSeeded(seed.clone())));
        } else {
            app.state.dispatch(Action::StartSeeded(seed.clone()));
            if let Some(n) = &navigator {
                n.push(&Route::Check);
            }
        }
    })
}

/// The fixes the engine would try, in order, given only this seed.
fn fixes_in_order(kb: &'static KnowledgeBase, seed: &SeedRef) -> Vec<&'static Fix> {
    crate::session::plan_for_seed(seed).into_iter().filter_map(|i| kb.fixes.get(i)).filter(|f| f.kind == FixKind::Fix).take(5).collect()
}

fn fix_links(fixes: &[&Fix]) -> Html {
    html! {
        <ol class="fix-links">
            { for fixes.iter().map(|f| html! {
                <li><Link to={Route::Fix { id: f.id.clone() }}>{ &f.title }</Link></li>
            }) }
        </ol>
    }
}

/// The list of known codes, as links.
fn code_list(kb: &KnowledgeBase) -> Html {
    html! {
        <ul class="code-list">
            { for kb.error_codes.iter().map(|c| html! {
                <li><Link to={Route::Code { code: c.code.clone() }}>{ &c.label }</Link></li>
            }) }
        </ul>
    }
}

/// The error lookup: one field for a code or the words on the screen.
#[component]
pub fn CodesPage() -> Html {
    let typed = use_state(String::new);
    let result = use_state(|| None::<(String, Lookup)>);
    let navigator = use_navigator();
    let app = use_app();
    let Some((kb, _)) = content() else { return html! {} };
    let unknown = |input: &str| unknown_input(&app, &navigator, input);
    let on_input = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                typed.set(input.value());
            }
        })
    };
    let on_submit = {
        let typed = typed.clone();
        let result = result.clone();
        let navigator = navigator.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let found = crate::knowledge::builtin().map_or(Lookup::Unknown, |english| lookup_either(kb, english, &typed));
            match (&found, &navigator) {
                (Lookup::Code(i), Some(n)) => n.push(&Route::Code { code: kb.error_codes[*i].code.clone() }),
                (Lookup::Alert(i), Some(n)) => n.push(&Route::Alert { id: kb.alerts[*i].id.clone() }),
                _ => result.set(Some(((*typed).clone(), found))),
            }
        })
    };
    html! {
        <ReferencePage title={t("codes.title")} lead={AttrValue::from(t("codes.lead"))}>
            <form class="lookup-form" onsubmit={on_submit}>
                <label for="code-input">{ t("home.lookup-label") }</label>
                <div class="field-row">
                    <input id="code-input" type="text" autocomplete="off" value={(*typed).clone()} oninput={on_input} />
                    <button type="submit" class="button primary">{ t("home.lookup-go") }</button>
                </div>
            </form>
            <div role="status">
                if let Some((input, found)) = &*result {
                    if matches!(found, Lookup::Unknown | Lookup::Empty) {
                        { unknown(input) }
                    }
                }
            </div>
            <h2>{ t("codes.known-title") }</h2>
            <p class="small muted">{ t("codes.article-note") }</p>
            { code_list(kb) }
            <h2>{ t("codes.alerts-title") }</h2>
            <ul class="code-list">
                { for kb.alerts.iter().map(|a| html! {
                    <li><Link to={Route::Alert { id: a.id.clone() }}>{ quoted(&a.text) }</Link></li>
                }) }
            </ul>
        </ReferencePage>
    }
}

/// "We don't recognise …": the known codes and a way to start anyway. A
/// plain function, not a component: its pages pass in the context and the
/// navigator.
fn unknown_input(app: &AppContext, navigator: &Option<Navigator>, input: &str) -> Html {
    let Some((kb, _)) = content() else { return html! {} };
    let (app, navigator) = (app.clone(), navigator.clone());
    let on_start = Callback::from(move |_| {
        if !app.state.has_progress() {
            app.state.dispatch(Action::New);
        }
        if let Some(n) = &navigator {
            n.push(&Route::Check);
        }
    });
    html! {
        <div class="notice warn unknown-input">
            <p>{ tf("home.lookup-unknown", &[("input", input)]) }</p>
            <p>{ known_codes(kb) }</p>
            <button type="button" class="button" onclick={on_start}>{ t("home.lookup-anyway") }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CodeProps {
    pub code: AttrValue,
}

#[component]
pub fn CodePage(props: &CodeProps) -> Html {
    let seed = SeedRef::Code(props.code.to_string());
    let on_start = use_start_seeded(seed.clone());
    let app = use_app();
    let navigator = use_navigator();
    let Some((kb, _)) = content() else { return html! {} };
    let Some(code) = kb.error_codes.iter().find(|c| c.code == props.code.as_str()) else {
        // Only something shaped like a code is echoed back as one.
        if props.code.is_empty() || props.code.len() > 12 || !props.code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return html! { <super::not_found::NotFound /> };
        }
        return html! {
            <ReferencePage title={tf("codes.unknown-title", &[("code", &props.code)])}>
                { unknown_input(&app, &navigator, &props.code) }
                <h2>{ t("codes.known-title") }</h2>
                { code_list(kb) }
            </ReferencePage>
        };
    };
    let cause = kb.causes.iter().find(|c| c.id == code.cause);
    html! {
        <ReferencePage title={code.label.clone()}>
            <p class="notice">{ t("codes.article-note") }</p>
            if let Some(cause) = cause {
                <h2>{ t("codes.cause") }</h2>
                <p><strong>{ &cause.title }</strong>{ t("app.label-separator") }{ &cause.summary }</p>
            }
            <div class="actions">
                <button type="button" class="button primary" onclick={on_start}>{ t("codes.start") }</button>
            </div>
            <h2>{ t("codes.article-solution") }</h2>
            <p>{ &code.article_solution }</p>
            <h2>{ t("codes.fixes-in-order") }</h2>
            { fix_links(&fixes_in_order(kb, &seed)) }
        </ReferencePage>
    }
}

#[derive(Properties, PartialEq)]
pub struct IdProps {
    pub id: AttrValue,
}

#[component]
pub fn AlertPage(props: &IdProps) -> Html {
    let seed = SeedRef::Alert(props.id.to_string());
    let on_start = use_start_seeded(seed.clone());
    let Some((kb, _)) = content() else { return html! {} };
    let Some(alert) = kb.alerts.iter().find(|a| a.id == props.id.as_str()) else { return html! { <super::not_found::NotFound /> } };
    let cause = kb.causes.iter().find(|c| c.id == alert.cause);
    html! {
        <ReferencePage title={quoted(&alert.text)}>
            <p>{ &alert.meaning }</p>
            { super::sources::source_line(&alert.sources) }
            if let Some(cause) = cause {
                <h2>{ t("codes.cause") }</h2>
                <p><strong>{ &cause.title }</strong>{ t("app.label-separator") }{ &cause.summary }</p>
            }
            <h2>{ t("codes.fixes-in-order") }</h2>
            { fix_links(&fixes_in_order(kb, &seed)) }
            <div class="actions">
                <button type="button" class="button primary" onclick={on_start}>{ t("codes.start") }</button>
            </div>
        </ReferencePage>
    }
}

/// Every fix, by kind. A plain function, not a component: it has no
/// hooks, and each component costs about 1.2 KB of wasm.
pub fn fixes_page() -> Html {
    let Some((kb, _)) = content() else { return html! {} };
    let group = |kind: FixKind| -> Html {
        html! {
            <ul class="fix-index">
                { for kb.fixes.iter().filter(|f| f.kind == kind).map(|f| html! {
                    <li>
                        <Link to={Route::Fix { id: f.id.clone() }}>{ &f.title }</Link>
                        <span class="muted small">{ " " }{ &f.summary }</span>
                    </li>
                }) }
            </ul>
        }
    };
    html! {
        <ReferencePage title={t("fixes.title")} lead={AttrValue::from(t("fixes.lead"))}>
            { group(FixKind::Fix) }
            <h2>{ t("fixes.when-nothing-works") }</h2>
            { group(FixKind::Escalation) }
            { group(FixKind::WayOut) }
        </ReferencePage>
    }
}

/// One fix: why, how long, the risk, the steps, how to tell it worked.
pub fn fix_page(id: &str) -> Html {
    let Some((kb, _)) = content() else { return html! {} };
    let Some(fix) = kb.fixes.iter().find(|f| f.id == id) else { return html! { <super::not_found::NotFound /> } };
    html! {
        <ReferencePage title={fix.title.clone()} lead={AttrValue::from(fix.summary.clone())}>
            <h2>{ t("fix.why-title") }</h2>
            <p>{ &fix.why }</p>
            <p class="muted small">{ tf("fix.time", &[("time", &super::steps::minutes(fix.minutes))]) }</p>
            if let Some(warning) = &fix.warning {
                <div class="notice warn risk" role="note">
                    <p><strong>{ t(if fix.risk == crate::knowledge::Risk::LosesData { "fix.risk-data" } else { "fix.risk-settings" }) }</strong></p>
                    <p>{ warning }</p>
                </div>
            }
            <h2>{ t("fix.steps-title") }</h2>
            { variant_list(&fix.variants) }
            <h2>{ t("fix.verify-title") }</h2>
            <p>{ &fix.verify }</p>
            <div class="actions">
                <Link classes="button primary" to={Route::Check}>{ t("reference.start-check") }</Link>
            </div>
        </ReferencePage>
    }
}

#[derive(Properties, PartialEq)]
pub struct FaqProps {
    #[prop_or_default]
    pub focus: Option<AttrValue>,
}

#[component]
pub fn FaqPage(props: &FaqProps) -> Html {
    let app = use_app();
    {
        let root = app.root.clone();
        use_effect_with(props.focus.clone(), move |focus| {
            if let Some(id) = focus {
                crate::platform::dom::scroll_into_view(root.as_ref(), &format!("faq-{id}"));
                crate::platform::dom::focus(root.as_ref(), &format!("faq-{id}"));
            }
        });
    }
    let Some((kb, _)) = content() else { return html! {} };
    if props.focus.as_ref().is_some_and(|id| !kb.faq.iter().any(|q| q.id == id.as_str())) {
        return html! { <super::not_found::NotFound /> };
    }
    html! {
        <ReferencePage title={t("faq.title")}>
            <ul class="toc">
                { for kb.faq.iter().map(|q| html! {
                    <li><Link to={Route::FaqEntry { id: q.id.clone() }}>{ &q.question }</Link></li>
                }) }
            </ul>
            { for kb.faq.iter().map(|q| html! {
                <section class="faq-entry" aria-labelledby={format!("faq-{}", q.id)}>
                    <h2 id={format!("faq-{}", q.id)} tabindex="-1">{ &q.question }</h2>
                    { for q.answer.iter().map(|p| html! { <p>{ p }</p> }) }
                    if !q.see_also.is_empty() {
                        <p class="small">{ t("faq.see-also") }{ phrase_space() }{ for see_also(kb, &q.see_also) }</p>
                    }
                    { super::sources::source_line(&q.sources) }
                </section>
            }) }
        </ReferencePage>
    }
}

/// Links for "see also" ids, whatever kind of entry they name, separated
/// the language's way (`app.list-separator`: ", ", or "、" in Japanese).
fn see_also(kb: &KnowledgeBase, ids: &[String]) -> Vec<Html> {
    let separator = t("app.list-separator");
    ids.iter()
        .filter_map(|id| {
            let (route, title) = if let Some(f) = kb.fixes.iter().find(|f| &f.id == id) {
                (Route::Fix { id: id.clone() }, f.title.clone())
            } else if let Some(g) = kb.guides.iter().find(|g| &g.id == id) {
                (Route::Guide { id: id.clone() }, g.title.clone())
            } else if let Some(q) = kb.faq.iter().find(|q| &q.id == id) {
                (Route::FaqEntry { id: id.clone() }, q.question.clone())
            } else {
                return None;
            };
            Some(html! { <Link to={route}>{ title }</Link> })
        })
        .enumerate()
        .map(|(i, link)| html! { <span class="see-also">{ if i > 0 { separator } else { "" } }{ link }</span> })
        .collect()
}

/// The guides, and the FAQ.
pub fn guides_page() -> Html {
    let Some((kb, _)) = content() else { return html! {} };
    html! {
        <ReferencePage title={t("guides.title")}>
            <ul class="fix-index">
                { for kb.guides.iter().map(|g| html! {
                    <li>
                        <Link to={Route::Guide { id: g.id.clone() }}>{ &g.title }</Link>
                        <span class="muted small">{ " " }{ &g.summary }</span>
                    </li>
                }) }
                <li>
                    <Link to={Route::Faq}>{ t("faq.title") }</Link>
                </li>
            </ul>
        </ReferencePage>
    }
}

fn section(kb: &KnowledgeBase, s: &Section) -> Html {
    html! {
        <section class="guide-section">
            if let Some(h) = &s.heading {
                <h2>{ h }</h2>
            }
            { for s.paragraphs.iter().map(|p| html! { <p>{ p }</p> }) }
            if let Some(w) = &s.warning {
                <p class="notice warn">{ w }</p>
            }
            if !s.items.is_empty() {
                <ul class="guide-items">
                    { for s.items.iter().map(|i| {
                        // An item that names a tip shows the tip's advice.
                        let tip = i.id.as_ref().and_then(|id| kb.tips.iter().find(|t| &t.id == id));
                        html! {
                            <li id={i.id.clone()}>
                                <strong>{ &i.text }</strong>
                                if let Some(d) = &i.detail {
                                    { t("app.label-separator") }{ d }
                                }
                                if let Some(tip) = tip {
                                    <br />{ &tip.text }
                                    if let Some(c) = &tip.caution {
                                        <span class="caution">{ phrase_space() }<strong>{ t("guides.caution") }</strong>{ phrase_space() }{ c }</span>
                                    }
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
            { variant_list(&s.steps) }
        </section>
    }
}

/// One guide, section by section.
pub fn guide_page(id: &str) -> Html {
    let Some((kb, _)) = content() else { return html! {} };
    let Some(guide) = kb.guides.iter().find(|g| g.id == id) else { return html! { <super::not_found::NotFound /> } };
    html! {
        <ReferencePage title={guide.title.clone()} lead={AttrValue::from(guide.summary.clone())}>
            { for guide.sections.iter().map(|s| section(kb, s)) }
            { super::sources::source_line(&guide.sources) }
        </ReferencePage>
    }
}
