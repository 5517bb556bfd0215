//! Yew components: they render state and send actions, nothing more.
//! Browser APIs are reached only through `crate::platform`; probabilities
//! come from the engine and are only formatted here.

pub mod app;
pub mod check;
pub mod context;
pub mod home;
pub mod language;
pub mod not_found;
pub mod notices;
pub mod options;
pub mod outcome;
pub mod progress;
pub mod reference;
pub mod route;
pub mod router;
pub mod search;
pub mod share;
pub mod sources;
pub mod state;
pub mod steps;
pub mod summary;
pub mod text;

pub use app::App;

use crate::platform::{dom, host};
use app::AppProps;
use options::OptionProblem;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Logs each invalid option and returns their names for the visible note.
fn report(problems: &[OptionProblem]) -> Rc<Vec<String>> {
    for p in problems {
        dom::console_warn(&p.to_string());
    }
    Rc::new(problems.iter().map(|p| p.option.clone()).collect())
}

/// Mounts the standalone app (also used inside an iframe) into
/// `<div id="app" data-backup-doctor>`. Called from `main`. On a portal's
/// page that only loads the module to `mount` the app, there is no such
/// element, and this does nothing.
pub fn start() {
    let Some(root) = dom::element("app").filter(|e| e.has_attribute("data-backup-doctor")) else { return };
    crate::platform::panic::mark_standalone();
    yew::set_custom_panic_hook(Box::new(crate::platform::panic::on_panic));
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let (mut options, problems) = options::parse(&options::query_pairs(&query));
    let invalid = report(&problems);
    let framed = host::in_frame();
    if !framed {
        // On the app's own page a link must not be able to replace the
        // support contact (a phishing link could point it anywhere).
        let defaults = options::EmbedOptions::default();
        options.contact_label = defaults.contact_label;
        options.contact_url = defaults.contact_url;
    }
    let host = if framed { host::Host::Parent { origins: options.origins.clone() } } else { host::Host::None };
    if let Some(html) = dom::document().and_then(|d| d.document_element()) {
        dom::apply_theme(&html, &options.theme_properties(), options.scheme_attribute());
    }
    // The start page applies when the address names none.
    let hash = dom::location_hash();
    if (hash.is_empty() || hash == "#") && options.code.is_none() && options.start != options::StartPage::Home {
        let _ = crate::platform::history::write(&options.start.path(), false, false);
    }
    if options.code.is_some() && (hash.is_empty() || hash == "#") {
        let _ = crate::platform::history::write("/check", false, false);
    }
    // A fresh check's address is `#/check/0`: naming it before the first
    // render spares the check a second render (its first one would
    // rewrite the address), which is most of a deep link's start-up.
    if hash == "#/check" && crate::platform::storage::Store::probe(&options.ns).get(crate::session::saved::SESSION_KEY) == Ok(None) {
        let _ = crate::platform::history::write("/check/0", false, false);
    }
    let lang = start_language(&options);
    let props = AppProps { options: Rc::new(options), invalid, host, memory: false, asset_base: AttrValue::default(), root: None, prerender: None, lang_failed: None };
    // The pre-rendered screen is already painted, so start-up can be split
    // into tasks short enough not to block a tap: the knowledge base and
    // the engine, then the first render.
    with_language(lang, String::new(), move |lang_failed| {
        let props = AppProps { lang_failed, ..props };
        dom::in_next_task(move || {
            let _ = crate::session::content();
            dom::in_next_task(move || {
                // Replaces the pre-rendered screen with the same markup, in
                // this task (Yew renders in a microtask): no paint in between.
                root.set_text_content(None);
                yew::Renderer::<App>::with_root_and_props(root, props).render();
            });
        });
    });
}

/// The language to start in (see [`language::choose`]).
fn start_language(options: &options::EmbedOptions) -> &'static str {
    let remembered = crate::platform::storage::Store::probe(&options.ns).get(language::LANG_KEY).ok().flatten();
    language::choose(remembered.as_deref(), options.lang, &dom::browser_languages())
}

/// Runs `then` once `lang` is ready (at once for English; after its pack
/// is fetched otherwise), with the language that could not be loaded, if
/// it could not: the app then starts in English and says so.
fn with_language(lang: &'static str, base: String, then: impl FnOnce(Option<&'static str>) + 'static) {
    if crate::knowledge::is_ready(lang) && crate::knowledge::set_current(lang) {
        then(None);
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let failed = language::switch_to(lang, &base).await.err().map(|()| lang);
        then(failed);
    });
}

use yew::AttrValue;

/// Renders the app inside `element` of a host page (see README,
/// "Embedding"): in a shadow root, with in-memory routing, events as
/// CustomEvents on the element. `options` is a plain object of option
/// names to strings; `base` is where the app's files are.
#[wasm_bindgen(js_name = backupDoctorMount)]
pub fn mount(element: web_sys::Element, options: JsValue, base: String, stylesheet: String) -> Result<(), JsValue> {
    yew::set_custom_panic_hook(Box::new(crate::platform::panic::on_panic));
    let pairs = dom::object_pairs(&options);
    let (options, problems) = options::parse(&pairs);
    let invalid = report(&problems);
    let container = dom::shadow_container(&element, &stylesheet).ok_or_else(|| {
        JsValue::from_str("Backup Doctor: cannot mount here (the element already has a shadow root, or is not an element that can host one)")
    })?;
    dom::apply_theme(&container, &options.theme_properties(), options.scheme_attribute());
    crate::platform::panic::register_mount_root(container.clone());
    let props = AppProps {
        options: Rc::new(options),
        invalid,
        host: host::Host::Element(element),
        memory: true,
        asset_base: AttrValue::from(base),
        root: Some(container.clone()),
        prerender: None,
        lang_failed: None,
    };
    let lang = start_language(&props.options);
    let base = props.asset_base.to_string();
    with_language(lang, base, move |lang_failed| {
        yew::Renderer::<App>::with_root_and_props(container, AppProps { lang_failed, ..props }).render();
    });
    Ok(())
}
