//! Which language the app speaks, and switching it: the `lang` option, the
//! person's own choice (remembered per storage namespace), the browser's
//! languages, else English. Another language's texts are fetched (its
//! pack, `lang/<code>-<hash>.json`) the first time it is used; the
//! service worker keeps it for offline use.

use crate::knowledge::{self, lang::negotiate};

/// The storage key (in the app's namespace) of the person's choice.
pub const LANG_KEY: &str = "lang";

/// The language to use: the person's remembered choice, else the `lang`
/// option of the embedding page, else the first of the browser's languages
/// the app offers (`pt-PT` gets `pt-BR`, `es-MX` gets `es`), else English.
/// Codes the app does not offer are passed over.
pub fn choose(remembered: Option<&str>, option: Option<&str>, browser: &[String]) -> &'static str {
    let offered = knowledge::language_codes();
    let pick = |wanted: &str| negotiate(wanted, &offered);
    remembered
        .and_then(pick)
        .or_else(|| option.and_then(pick))
        .or_else(|| browser.iter().find_map(|b| pick(b)))
        .unwrap_or("en")
}

/// The language's own name ("Deutsch"), for the picker and messages.
pub fn own_name(code: &str) -> &'static str {
    knowledge::language_info(code).map_or("English", |(name, _, _)| name)
}

/// The text direction of a language (`ltr` or `rtl`).
pub fn direction(code: &str) -> &'static str {
    knowledge::language_info(code).map_or("ltr", |(_, dir, _)| dir)
}

/// Makes `code` the language in use, fetching its pack from `base` (the
/// address of the app's files, empty on its own page) when it is not ready
/// yet. On failure (offline with nothing cached, a broken pack) nothing
/// changes, the reason goes to the console and `Err` to the caller.
pub async fn switch_to(code: &'static str, base: &str) -> Result<(), ()> {
    let result = async {
        if !knowledge::is_ready(code) {
            let Some((_, _, file)) = knowledge::language_info(code) else { return Err(format!("`{code}` is not offered")) };
            let text = crate::platform::fetch::text(&format!("{base}{file}")).await?;
            knowledge::install(code, &text).map_err(|e| e.0)?;
        }
        if knowledge::set_current(code) { Ok(()) } else { Err(format!("`{code}` could not be used")) }
    }
    .await;
    result.map_err(|why| crate::platform::dom::console_warn(&format!("Backup Doctor: the language `{code}` could not be loaded: {why}")))
}

use super::context::AppContext;
use super::state::{Action, Notice};
use super::text::{t, tf};
use yew::prelude::*;

/// The footer's language picker: each language in its own name. A choice
/// is remembered (per storage namespace) once the language is ready.
/// `loading` is the root's state of a language being fetched. (A plain
/// function the root calls, not a component of its own: a component costs
/// the wasm several kilobytes of Yew's generic code.)
pub fn language_picker(app: &AppContext, loading: &UseStateHandle<Option<&'static str>>) -> Html {
    let codes = knowledge::language_codes();
    if codes.len() < 2 {
        return html! {};
    }
    let current = app.state.lang;
    let onchange = {
        let app = app.clone();
        let loading = loading.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else { return };
            let Some(code) = negotiate(&select.value(), &knowledge::language_codes()) else { return };
            if code == app.state.lang {
                return;
            }
            let app = app.clone();
            let loading = loading.clone();
            loading.set(Some(code));
            wasm_bindgen_futures::spawn_local(async move {
                let result = switch_to(code, &app.asset_base).await;
                loading.set(None);
                match result {
                    Ok(()) => {
                        let _ = app.store.set(LANG_KEY, code);
                        app.state.dispatch(Action::Language(code));
                        let root = app.root.clone();
                        crate::platform::dom::in_next_task(move || crate::platform::dom::focus(root.as_ref(), "lang-picker"));
                    }
                    Err(()) => app.state.dispatch(Action::Notify(Notice::LanguageFailed(code))),
                }
            });
        })
    };
    html! {
        <p class="lang-picker">
            <label for="lang-picker">{ t("footer.language") }</label>
            { " " }
            <select id="lang-picker" onchange={onchange} aria-busy={loading.is_some().then_some("true")}>
                { for codes.iter().map(|c| html! {
                    <option value={*c} lang={*c} selected={*c == current}>{ own_name(c) }</option>
                }) }
            </select>
            if let Some(code) = **loading {
                { " " }
                <span class="muted" role="status">{ tf("lang.loading", &[("language", own_name(code))]) }</span>
            }
        </p>
    }
}
