//! Notices above the page, and the panel that asks before a step that
//! loses something.

use super::context::{use_app, AppContext};
use super::route::Route;
use super::language::own_name;
use super::state::{Action, Confirm, Notice};
use super::text::{t, tf};
use yew::prelude::*;
use super::router::{use_navigator, use_route};

/// The notices, in a polite live region that is always present (one
/// inserted together with its text may not be announced).
/// A plain function, not a component: the root passes its context in.
pub fn notices(app: &AppContext) -> Html {
    let class = if app.state.notices.is_empty() { "page-notices empty" } else { "page-notices" };
    html! {
        <div class={class} role="status" aria-live="polite">
            { for app.state.notices.iter().map(|notice| {
                let notice = *notice;
                let dispatch = app.state.dispatcher();
                let dismiss = Callback::from(move |_| dispatch.dispatch(Action::Dismiss(notice)));
                html! {
                    <p class="notice warn">
                        <span>{ notice_text(notice) }</span>
                        { " " }
                        <button type="button" class="link-button" onclick={dismiss}>{ t("notice.dismiss") }</button>
                    </p>
                }
            }) }
        </div>
    }
}

/// The words of a notice.
fn notice_text(notice: Notice) -> String {
    match notice {
        Notice::LanguageFailed(code) => {
            let current = crate::knowledge::current();
            tf(notice.text_key(), &[("language", own_name(code)), ("current", own_name(current))])
        }
        _ => t(notice.text_key()).to_string(),
    }
}

/// Shown in place of the page while a confirmation is pending.
#[component]
pub fn ConfirmPanel() -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let route = use_route();
    {
        let root = app.root.clone();
        use_effect_with(app.state.confirm.clone(), move |pending| {
            if pending.is_some() {
                crate::platform::dom::focus(root.as_ref(), "confirm-heading");
            }
        });
    }
    let Some(confirm) = app.state.confirm.clone() else { return html! {} };
    let (title, text, yes) = match confirm {
        Confirm::StartOver => ("confirm.start-over.title", "confirm.start-over.text", "confirm.start-over.yes"),
        Confirm::ChangeFrom(_) => ("confirm.change.title", "confirm.change.text", "confirm.change.yes"),
        Confirm::Forget => ("confirm.forget.title", "confirm.forget.text", "confirm.forget.yes"),
        Confirm::StartSeeded(_) => ("confirm.replace.title", "confirm.replace.text", "confirm.replace.yes"),
    };
    let on_yes = {
        let app = app.clone();
        let route = route.clone();
        Callback::from(move |_| {
            let pending = app.state.confirm.clone();
            if pending == Some(Confirm::Forget) {
                app.store.forget_all();
            }
            app.state.dispatch(Action::Confirmed);
            let on_check = matches!(route, Some(Route::Check) | Some(Route::CheckStep { .. }));
            if matches!(pending, Some(Confirm::StartSeeded(_)) | Some(Confirm::StartOver)) && !on_check {
                if let Some(n) = &navigator {
                    n.push(&Route::Check);
                }
            }
        })
    };
    let on_no = {
        let dispatch = app.state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Cancel))
    };
    html! {
        <section class="page confirm" role="alertdialog" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
            <div class="card warn-card">
                <h2 id="confirm-heading" tabindex="-1">{ t(title) }</h2>
                <p id="confirm-text">{ t(text) }</p>
                <div class="actions">
                    <button type="button" class="button primary" onclick={on_yes}>{ t(yes) }</button>
                    <button type="button" class="button" onclick={on_no}>{ t("confirm.cancel") }</button>
                </div>
            </div>
        </section>
    }
}
