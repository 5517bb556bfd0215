//! The root component: loads saved progress, provides the state to every
//! page, saves after every step, follows other tabs, and routes.

use super::check::Check;
use super::context::AppContext;
use super::home::Home;
use super::not_found::NotFound;
use super::notices::{notices, ConfirmPanel};
use super::options::EmbedOptions;
use super::route::Route;
use super::state::{content, Action, AppState, Notice};
use super::text::{t, tf};
use crate::platform::host::Host;
use crate::platform::storage::{now_ms, Store};
use std::rc::Rc;
use crate::session::saved::{self, Loaded, SESSION_KEY, UNREADABLE_KEY};
use yew::prelude::*;
use super::router::{use_route, Link, Router};

/// Reads the saved run. An unreadable value is copied under a backup key
/// that is never overwritten, and a notice says the run started fresh.
fn load(store: &Store) -> AppState {
    let mut notices = Vec::new();
    if !store.is_available() {
        notices.push(Notice::StorageUnavailable);
        return AppState::new(AppState::fresh_session(), None, notices);
    }
    let Some((kb, _)) = content() else {
        return AppState::new(AppState::fresh_session(), None, notices);
    };
    let raw = store.get(SESSION_KEY).ok().flatten();
    match saved::decode(raw.as_deref(), kb) {
        Loaded::Empty => AppState::new(AppState::fresh_session(), None, notices),
        Loaded::Restored { session, saved_at } => AppState::new(session, Some(saved_at), notices),
        Loaded::Upgraded { session, saved_at, report } => {
            notices.push(Notice::content_updated(&report));
            // Saved again in today's form, so the next load is plain; when
            // steps were left out, the old value is kept aside first.
            if report.kept_everything() || keep_aside(store) {
                let _ = store.set(SESSION_KEY, &saved::encode(&session, saved_at));
            } else {
                notices.push(Notice::StorageFull);
            }
            AppState::new(session, Some(saved_at), notices)
        }
        Loaded::Unreadable(why) => {
            crate::platform::dom::console_warn(&format!("Backup Doctor: saved progress kept aside, unreadable: {why}"));
            notices.push(Notice::UnreadableProgress);
            // Only once the value is safe under its backup key may the
            // main key be reused; if the copy fails (storage full), the
            // value stays where it is and this run is not saved over it.
            if keep_aside(store) {
                store.remove(SESSION_KEY);
            } else {
                notices.push(Notice::StorageFull);
            }
            AppState::new(AppState::fresh_session(), None, notices)
        }
    }
}

/// Copies the unreadable saved value to the first free backup key, as the
/// browser holds it (never through a Rust `String`, which would alter
/// unpaired surrogates); false when it could not be stored.
fn keep_aside(store: &Store) -> bool {
    let names = store.names();
    let name = (0..)
        .map(|i| if i == 0 { UNREADABLE_KEY.to_string() } else { format!("{UNREADABLE_KEY}-{i}") })
        .find(|n| !names.contains(n))
        .unwrap_or_else(|| UNREADABLE_KEY.to_string());
    store.copy(SESSION_KEY, &name).is_ok()
}

/// Saves the run, unless another tab saved a newer state since this tab
/// last saw it: then this tab follows that one instead of overwriting it.
fn save(store: &Store, state: &AppState, dispatch: &Callback<Action>) {
    if !store.is_available() {
        return;
    }
    if let Some((kb, _)) = content() {
        if let Ok(Some(raw)) = store.get(SESSION_KEY) {
            match saved::decode(Some(&raw), kb) {
                Loaded::Restored { session, saved_at } => {
                    if Some(saved_at) != state.saved_at && saved_at > state.saved_at.unwrap_or(f64::MIN) && session != state.session {
                        dispatch.emit(Action::FollowOther { session, saved_at });
                        return;
                    }
                }
                Loaded::Upgraded { session, saved_at, report } => {
                    if Some(saved_at) != state.saved_at && saved_at > state.saved_at.unwrap_or(f64::MIN) && session != state.session {
                        dispatch.emit(Action::FollowOther { session, saved_at });
                        return;
                    }
                    // Still in an earlier content's form, and today's form
                    // leaves steps out: the original goes aside before it
                    // is written over, or is not written over at all.
                    if !report.kept_everything() && !keep_aside(store) {
                        dispatch.emit(Action::Notify(Notice::StorageFull));
                        return;
                    }
                }
                // Written since by something this build cannot read (a
                // newer build in another tab): keep it before writing.
                Loaded::Unreadable(_) => {
                    if !keep_aside(store) {
                        dispatch.emit(Action::Notify(Notice::StorageFull));
                        return;
                    }
                }
                Loaded::Empty => {}
            }
        }
    }
    let at = now_ms().max(state.saved_at.map_or(0.0, |s| s + 1.0));
    match store.set(SESSION_KEY, &saved::encode(&state.session, at)) {
        Ok(()) => dispatch.emit(Action::Saved(at)),
        Err(crate::platform::storage::StorageError::Full) => dispatch.emit(Action::Notify(Notice::StorageFull)),
        Err(_) => dispatch.emit(Action::Notify(Notice::StorageUnavailable)),
    }
}

/// How the app was started: standalone (or in an iframe) with hash
/// routing, or mounted into a host page's element with in-memory routing.
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    #[prop_or_default]
    pub options: Rc<EmbedOptions>,
    /// The names of options that were not valid (shown as a small note).
    #[prop_or_default]
    pub invalid: Rc<Vec<String>>,
    /// Where events to the embedding page go.
    #[prop_or_default]
    pub host: Host,
    /// Mounted into a host page: pages live in memory, never in the host's
    /// address.
    #[prop_or_default]
    pub memory: bool,
    /// Where the app's own files are (for images), when mounted elsewhere.
    #[prop_or_default]
    pub asset_base: AttrValue,
    /// The container the app is mounted in, when mounted.
    #[prop_or_default]
    pub root: Option<web_sys::Element>,
    /// Rendered at build time into `index.html` (`examples/prerender.rs`):
    /// the page at this path, of a fresh run, with nothing read from storage.
    #[prop_or_default]
    pub prerender: Option<AttrValue>,
    /// The language chosen at start-up that could not be loaded (the app
    /// runs in English and says so).
    #[prop_or_default]
    pub lang_failed: Option<&'static str>,
}

/// Starts a check with the portal's `code` option, unless a run is already
/// in progress (then the run is kept).
fn apply_code_option(mut state: AppState, code: Option<&str>) -> AppState {
    let (Some(code), Some((kb, _))) = (code, content()) else { return state };
    if !state.has_progress() && kb.error_codes.iter().any(|c| c.code == code) {
        state.session.push(crate::session::Event::Seeded(crate::session::SeedRef::Code(code.to_string())));
        state.revision += 1;
    }
    state
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let store = use_memo(props.options.ns.clone(), |ns| Store::probe(ns));
    let state = {
        let store = (*store).clone();
        let code = props.options.code.clone();
        let prerender = props.prerender.is_some();
        let lang_failed = props.lang_failed;
        use_reducer(move || {
            if prerender {
                AppState::new(AppState::fresh_session(), None, Vec::new())
            } else {
                let mut state = apply_code_option(load(&store), code.as_deref());
                state.notices.extend(lang_failed.map(Notice::LanguageFailed));
                state
            }
        })
    };
    // Tell the host the app is up; in an iframe, keep it told of the height.
    {
        let host = props.host.clone();
        use_effect_with((), move |_| {
            let watch = crate::platform::host::watch_size(host.clone());
            host.emit("ready", crate::json::Value::Object(Vec::new()));
            move || drop(watch)
        });
    }
    let update_ready = use_state(|| false);
    {
        // Offline support belongs to the app's own pages; a portal that
        // mounts the app keeps its own origin's service workers.
        let update_ready = update_ready.clone();
        let standalone = !props.memory;
        use_effect_with((), move |_| {
            if standalone {
                crate::platform::service_worker::register(move || update_ready.set(true));
            }
        });
    }
    // Save after every change this tab makes.
    {
        let store = (*store).clone();
        let state = state.clone();
        use_effect_with(state.revision, move |revision| {
            if *revision > 0 {
                save(&store, &state, &state.dispatcher().into());
            }
        });
    }
    // Follow steps taken in another tab.
    {
        let store = (*store).clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = crate::platform::storage::on_change(move |key, value| {
                if !store.is_key(&key, SESSION_KEY) {
                    return;
                }
                let Some((kb, _)) = content() else { return };
                match saved::decode(value.as_deref(), kb) {
                    Loaded::Restored { session, saved_at } | Loaded::Upgraded { session, saved_at, .. } => {
                        dispatcher.dispatch(Action::FollowOther { session, saved_at })
                    }
                    Loaded::Empty => dispatcher.dispatch(Action::FollowOther { session: AppState::fresh_session(), saved_at: now_ms() }),
                    Loaded::Unreadable(_) => {}
                }
            });
            move || drop(listener)
        });
    }
    // Mounted (and pre-rendered): pages live in memory, starting here.
    let memory_start = (props.memory || props.prerender.is_some()).then(|| match &props.prerender {
        Some(path) => path.clone(),
        None if props.options.code.is_some() && state.has_progress() => AttrValue::from("/check"),
        None => AttrValue::from(props.options.start.path()),
    });
    super::outcome::use_outcomes(&state, &props.host, &props.options);
    // `<html lang dir>` (or the mount container's) follows the language.
    {
        let root = props.root.clone();
        use_effect_with(state.lang, move |lang| {
            crate::platform::dom::set_language(root.as_ref(), lang, super::language::direction(lang));
            if root.is_none() {
                crate::platform::dom::localize_recovery_screen(|key| t(key).to_string());
                // The page's title ("Backup Doctor: why won't my iPhone
                // back up?" in index.html) in the language in use.
                crate::platform::dom::set_title(t("app.title"));
            }
        });
    }
    let lang = state.lang;
    let last_step_event = use_memo((), |_| Rc::new(std::cell::RefCell::new(None)));
    let announcement = use_state(AttrValue::default);
    // Made once: a new callback on every render would make the context
    // differ, and every page would render again (the check with its engine
    // run) each time something is announced.
    let announce = {
        let setter = announcement.setter();
        use_memo((), move |_| Callback::from(move |text: AttrValue| setter.set(text)))
    };
    let context = AppContext {
        state,
        store: (*store).clone(),
        announce: (*announce).clone(),
        host: props.host.clone(),
        options: props.options.clone(),
        root: props.root.clone(),
        asset_base: props.asset_base.clone(),
        last_step_event: (*last_step_event).clone(),
    };
    let on_reload = Callback::from(|_| crate::platform::service_worker::apply_update());
    let language_loading = use_state(|| None::<&'static str>);
    let on_forget = {
        let dispatch = context.state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Ask(super::state::Confirm::Forget)))
    };
    let invalid_note = (!props.invalid.is_empty()).then(|| tf("embed.invalid", &[("options", &super::text::list(&props.invalid))]));
    // Keyed by the language: a new language renders every page anew.
    let body = html! {
            <div class="bd-lang" key={lang} lang={lang} dir={super::language::direction(lang)}>
                if let Some(note) = invalid_note {
                    <p class="notice warn small embed-note" role="status">{ note }</p>
                }
                <header class="site-header">
                    <Link classes="brand" to={Route::Home}>
                        <img class="brand-mark" src={format!("{}icons/icon.svg", props.asset_base)} alt="" width="28" height="28" />
                        { t("app.name") }
                    </Link>
                    <nav class="site-nav" aria-label={t("nav.main")}>
                        <Link to={Route::Codes}>{ t("nav.codes") }</Link>
                        <Link to={Route::Fixes}>{ t("nav.fixes") }</Link>
                        <Link to={Route::Faq}>{ t("nav.faq") }</Link>
                        <Link to={Route::Guides}>{ t("nav.guides") }</Link>
                    </nav>
                </header>
                if *update_ready {
                    <div class="page-notices" role="status">
                        <p class="notice update-banner">
                            <span>{ t("update.ready") }</span>
                            { " " }
                            <button type="button" class="button" onclick={on_reload}>{ t("update.reload") }</button>
                        </p>
                    </div>
                }
                { notices(&context) }
                <ConfirmPanel />
                <Pages />
                <div class="visually-hidden" aria-live="polite" id="announcer">{ (*announcement).clone() }</div>
                <footer class="site-footer">
                    <p>{ t("app.privacy") }</p>
                    <p>{ t("footer.note") }</p>
                    <p><button type="button" class="link-button" onclick={on_forget}>{ t("footer.forget") }</button></p>
                    { super::language::language_picker(&context, &language_loading) }
                </footer>
            </div>
    };
    html! {
        <ContextProvider<AppContext> context={context}>
            <Router memory={memory_start}>{ body }</Router>
        </ContextProvider<AppContext>>
    }
}

/// The page of the current address.
#[component]
fn Pages() -> Html {
    use super::reference::*;
    match use_route().unwrap_or(Route::NotFound) {
        Route::Home => html! { <Home /> },
        Route::Check => html! { <Check /> },
        Route::CheckStep { step } => html! { <Check step={Some(step)} /> },
        Route::Share { token } => html! { <super::share::SharePage token={token} /> },
        Route::Codes => html! { <CodesPage /> },
        Route::Code { code } => html! { <CodePage code={code} /> },
        Route::Alert { id } => html! { <AlertPage id={id} /> },
        Route::Fixes => fixes_page(),
        Route::Fix { id } => fix_page(&id),
        Route::Faq => html! { <FaqPage /> },
        Route::FaqEntry { id } => html! { <FaqPage focus={Some(AttrValue::from(id))} /> },
        Route::Guides => guides_page(),
        Route::Guide { id } => guide_page(&id),
        Route::PanicTest => panic_test(),
        Route::NotFound => html! { <NotFound /> },
    }
}

/// Panics on purpose, to test the recovery screen, but only on a loopback
/// address (the test servers): a link to a deployed app cannot crash it.
fn panic_test() -> Html {
    if crate::platform::dom::on_loopback() {
        panic!("injected panic for testing the recovery screen");
    }
    html! { <NotFound /> }
}

