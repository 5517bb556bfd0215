//! The app's state and its reducer: the session (the run's event log) plus
//! what the interface needs around it (notices, a pending confirmation).
//! Components send [`Action`]s; nothing else changes the state. Saving is a
//! side effect of the root component, not of the reducer.

use crate::engine::{Handover, Outcome};
pub use crate::session::content;
use crate::session::{Event, SeedRef, Session};
use std::rc::Rc;
use yew::Reducible;

/// A one-line message shown above the page until dismissed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Saved progress could not be read; it was kept aside.
    UnreadableProgress,
    /// No storage: progress lives in memory only.
    StorageUnavailable,
    /// A save did not fit.
    StorageFull,
    /// Another tab took a step in this run; this tab follows it.
    MovedOnElsewhere,
    /// "Forget my progress" done.
    Forgotten,
    /// A run made with an earlier content version was brought up to date,
    /// every step kept.
    ContentUpdated,
    /// The same, but some steps no longer apply and were left out.
    ContentUpdatedSomeLeftOut,
    /// This language could not be loaded (offline, not cached): the app
    /// stays in the one it was in.
    LanguageFailed(&'static str),
}

impl Notice {
    pub fn text_key(self) -> &'static str {
        match self {
            Notice::UnreadableProgress => "notice.unreadable",
            Notice::StorageUnavailable => "notice.storage-unavailable",
            Notice::StorageFull => "notice.storage-full",
            Notice::MovedOnElsewhere => "notice.moved-on",
            Notice::Forgotten => "notice.forgotten",
            Notice::ContentUpdated => "notice.content-updated",
            Notice::ContentUpdatedSomeLeftOut => "notice.content-updated-left-out",
            Notice::LanguageFailed(_) => "lang.failed",
        }
    }

    /// The notice for a run brought up to date.
    pub fn content_updated(report: &crate::session::upgrade::Upgrade) -> Notice {
        if report.kept_everything() { Notice::ContentUpdated } else { Notice::ContentUpdatedSomeLeftOut }
    }
}

/// Something that must be confirmed before it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Clear the run and begin again.
    StartOver,
    /// Change the answer at this step, dropping every step after it.
    ChangeFrom(usize),
    /// Remove everything this app stored in this browser.
    Forget,
    /// Replace the current run with one seeded by an error code or alert.
    StartSeeded(SeedRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub session: Session,
    /// When the shown run was last saved (by this tab or another).
    pub saved_at: Option<f64>,
    /// Bumped on every change this tab makes to the session: the root
    /// component saves when it changes.
    pub revision: u64,
    pub notices: Vec<Notice>,
    pub confirm: Option<Confirm>,
    /// The language in use (`knowledge::current`): the page is rendered
    /// anew when it changes.
    pub lang: &'static str,
}

impl AppState {
    pub fn new(session: Session, saved_at: Option<f64>, notices: Vec<Notice>) -> AppState {
        AppState { session, saved_at, revision: 0, notices, confirm: None, lang: crate::knowledge::current() }
    }

    /// A fresh, empty run against the built-in content.
    pub fn fresh_session() -> Session {
        Session::new(content().map_or(1, |(kb, _)| kb.content_version))
    }

    /// The engine's next step for the current run, with the hand-over
    /// priced as the embedding page set it.
    pub fn outcome(&self, handover: Handover) -> Option<Outcome> {
        let engine = crate::session::engine_for(handover)?;
        self.session.next(engine).ok()
    }

    pub fn has_progress(&self) -> bool {
        self.session.step_count() > 0
    }

    /// True when the browser's Forward can take back an undo.
    pub fn can_redo(&self) -> bool {
        self.session.events.last() == Some(&Event::Undo)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Start an empty run (replacing the current one).
    New,
    /// The language in use changed (it is already set in `knowledge`).
    Language(&'static str),
    /// Start a run with evidence already given (an error code or alert).
    StartSeeded(SeedRef),
    Answer { question: String, answer: String },
    FixWorked(String),
    FixFailed(String),
    CouldNotDo(String),
    /// Undo the last step.
    Back,
    /// Undo steps until `n` are in effect (the browser's Back button).
    BackTo(usize),
    /// Take back undos until `n` steps are in effect (the browser's
    /// Forward button after Back).
    ForwardTo(usize),
    /// Replace the run with another (a shared link the person chose).
    Load(Session),
    /// Ask before doing something that loses steps.
    Ask(Confirm),
    /// The pending confirmation was accepted.
    Confirmed,
    Cancel,
    /// Another tab saved a newer state of the run.
    FollowOther { session: Session, saved_at: f64 },
    /// This tab's save went through.
    Saved(f64),
    Notify(Notice),
    Dismiss(Notice),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::New => {
                next.session = AppState::fresh_session();
                next.confirm = None;
                next.revision += 1;
            }
            Action::StartSeeded(seed) => {
                next.session = AppState::fresh_session();
                next.session.push(Event::Seeded(seed));
                next.confirm = None;
                next.revision += 1;
            }
            Action::Answer { question, answer } => push(&mut next, Event::Answered { question, answer }),
            Action::FixWorked(fix) => push(&mut next, Event::FixWorked { fix }),
            Action::FixFailed(fix) => push(&mut next, Event::FixFailed { fix }),
            Action::CouldNotDo(fix) => push(&mut next, Event::CouldNotDo { fix }),
            Action::Back => {
                if next.session.step_count() == 0 {
                    return self;
                }
                push(&mut next, Event::Undo);
            }
            Action::BackTo(n) => {
                if next.session.step_count() <= n {
                    return self;
                }
                while next.session.step_count() > n {
                    next.session.push(Event::Undo);
                }
                next.confirm = None;
                next.revision += 1;
            }
            Action::ForwardTo(n) => {
                let before = next.session.step_count();
                while next.session.step_count() < n && next.session.events.last() == Some(&Event::Undo) {
                    next.session.events.pop();
                }
                if next.session.step_count() == before {
                    return self;
                }
                next.confirm = None;
                next.revision += 1;
            }
            Action::Load(session) => {
                next.session = session;
                next.confirm = None;
                next.revision += 1;
            }
            Action::Ask(confirm) => next.confirm = Some(confirm),
            Action::Cancel => next.confirm = None,
            Action::Confirmed => match next.confirm.take() {
                Some(Confirm::StartOver) => {
                    next.session = AppState::fresh_session();
                    next.revision += 1;
                }
                Some(Confirm::ChangeFrom(step)) => {
                    next.session.truncate_to(step);
                    next.revision += 1;
                }
                Some(Confirm::StartSeeded(seed)) => {
                    next.session = AppState::fresh_session();
                    next.session.push(Event::Seeded(seed));
                    next.revision += 1;
                }
                Some(Confirm::Forget) => {
                    // The root component removes the stored keys when it
                    // sees this notice; the run itself starts fresh.
                    next.session = AppState::fresh_session();
                    next.saved_at = None;
                    next.notices.retain(|n| *n != Notice::Forgotten);
                    next.notices.push(Notice::Forgotten);
                }
                None => return self,
            },
            Action::FollowOther { session, saved_at } => {
                if session == next.session {
                    next.saved_at = Some(saved_at);
                    return Rc::new(next);
                }
                next.session = session;
                next.saved_at = Some(saved_at);
                next.confirm = None;
                if !next.notices.contains(&Notice::MovedOnElsewhere) {
                    next.notices.push(Notice::MovedOnElsewhere);
                }
            }
            Action::Saved(at) => {
                next.saved_at = Some(at);
                next.notices.retain(|n| *n != Notice::StorageFull);
            }
            Action::Notify(notice) => {
                if next.notices.contains(&notice) {
                    return self;
                }
                next.notices.push(notice);
            }
            Action::Language(code) => {
                next.lang = code;
                next.notices.retain(|n| !matches!(n, Notice::LanguageFailed(_)));
            }
            Action::Dismiss(notice) => next.notices.retain(|n| *n != notice),
        }
        Rc::new(next)
    }
}

fn push(state: &mut AppState, event: Event) {
    state.session.push(event);
    state.confirm = None;
    state.revision += 1;
}
