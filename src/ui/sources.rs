//! The quiet "Based on: …" line under instructions: the titles of the
//! sources an entry names (`knowledge::Source`), each a link when it has
//! an address. Following a link is a navigation by the person, never a
//! request of the app.

use super::state::content;
use super::text::t;
use yew::prelude::*;

/// "Based on: <title>; <title>" (the label, its separator and the
/// separator between titles the language's own), or nothing when no
/// source is known.
pub fn source_line(ids: &[String]) -> Html {
    let Some((kb, _)) = content() else { return html! {} };
    let mut seen: Vec<&str> = Vec::new();
    let sources: Vec<_> = ids
        .iter()
        .filter(|id| {
            let new = !seen.contains(&id.as_str());
            seen.push(id.as_str());
            new
        })
        .filter_map(|id| kb.source(id))
        .collect();
    if sources.is_empty() {
        return html! {};
    }
    let last = sources.len() - 1;
    html! {
        <p class="sources small muted">
            { t("sources.based-on") }{ t("app.label-separator") }
            { for sources.iter().enumerate().map(|(i, s)| html! {
                <>
                    // Only an https address becomes a link (a pack's
                    // data could hold anything).
                    if let Some(url) = s.url.as_ref().filter(|u| u.starts_with("https://")) {
                        <a href={url.clone()} target="_blank" rel="noopener noreferrer">{ &s.title }</a>
                    } else {
                        <span>{ &s.title }</span>
                    }
                    if i < last { { t("sources.separator") } }
                </>
            }) }
        </p>
    }
}
