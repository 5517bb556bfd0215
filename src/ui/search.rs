//! The search box of the home and reference pages: instant and local. The
//! matching is `knowledge::search`; this renders the hits as links, with
//! the matching words marked, in a region screen readers announce.

use super::route::Route;
use super::state::content;
use super::text::{t, tf, tp};
use crate::knowledge::search::{highlight, Hit, HitKind, SearchIndex};
use std::sync::OnceLock;
use yew::prelude::*;
use super::router::Link;

const LIMIT: usize = 8;

/// The index of the language in use, built the first time someone
/// searches in it.
fn index() -> Option<&'static SearchIndex> {
    const N: usize = crate::knowledge::LANG_COUNT;
    static INDEX: [OnceLock<Option<SearchIndex>>; N] = [const { OnceLock::new() }; N];
    let lang = crate::knowledge::current();
    let slot = crate::knowledge::language_codes().iter().position(|c| *c == lang).and_then(|i| INDEX.get(i))?;
    slot.get_or_init(|| content().map(|(kb, _)| SearchIndex::new(kb))).as_ref()
}

/// Where a hit leads.
pub fn route_of(hit: &Hit) -> Route {
    match hit.kind {
        HitKind::Fix => Route::Fix { id: hit.id.clone() },
        HitKind::Faq => Route::FaqEntry { id: hit.id.clone() },
        HitKind::Guide => Route::Guide { id: hit.id.clone() },
        HitKind::Code => Route::Code { code: hit.id.clone() },
        HitKind::Cause => Route::Check,
    }
}

fn kind_label(kind: HitKind) -> &'static str {
    match kind {
        HitKind::Fix => t("search.kind-fix"),
        HitKind::Faq => t("search.kind-faq"),
        HitKind::Guide => t("search.kind-guide"),
        HitKind::Code => t("search.kind-code"),
        HitKind::Cause => t("search.kind-cause"),
    }
}

fn marked(text: &str, matched: &[String]) -> Html {
    html! {
        { for highlight(text, matched).into_iter().map(|(run, hit)| if hit {
            html! { <mark>{ run }</mark> }
        } else {
            html! { { run } }
        }) }
    }
}

#[component]
pub fn SearchBox() -> Html {
    let query = use_state(String::new);
    let on_input = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let on_submit = Callback::from(|e: SubmitEvent| e.prevent_default());
    let hits = if query.trim().is_empty() { Vec::new() } else { index().map(|i| i.search(&query, LIMIT)).unwrap_or_default() };
    let status = if query.trim().is_empty() {
        String::new()
    } else if hits.is_empty() {
        tf("search.none", &[("query", query.trim())])
    } else {
        tp("search.count", "n", hits.len() as u64, &[])
    };
    html! {
        <section class="card search" aria-labelledby="search-heading">
            <h2 id="search-heading">{ t("search.title") }</h2>
            <form role="search" onsubmit={on_submit}>
                <label for="search-input">{ t("search.label") }</label>
                <input id="search-input" type="search" autocomplete="off" value={(*query).clone()} oninput={on_input} />
            </form>
            <div class="search-results" role="region" aria-live="polite" aria-label={t("search.results")}>
                <p class="small muted">{ status }</p>
                if !hits.is_empty() {
                    <ul class="hits">
                        { for hits.iter().map(|hit| html! {
                            <li>
                                <Link to={route_of(hit)}>{ marked(&hit.title, &hit.matched) }</Link>
                                <span class="hit-kind">{ kind_label(hit.kind) }</span>
                                <p class="small">{ marked(&hit.snippet, &hit.matched) }</p>
                            </li>
                        }) }
                    </ul>
                }
            </div>
        </section>
    }
}
