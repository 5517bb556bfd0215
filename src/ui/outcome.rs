//! The `outcome` event (README, "Events"): when a run ends, an embedding
//! page that asked for it (`outcomes=1`) gets the run's outcome record,
//! ids only (`session::outcome`). A run ends when it is resolved, when it
//! reaches the hand-over, or, left unfinished, when the page is hidden or
//! left (`visibilitychange` to hidden, `pagehide`). Each ending is sent
//! once: showing it again (a page visit and back, a reload) sends nothing.

use super::options::EmbedOptions;
use super::state::AppState;
use crate::engine::{Handover, NextStep};
use crate::platform::host::{on_page_leave, Host};
use crate::platform::storage::now_ms;
use crate::session::outcome::{utc_day, OutcomeRecord, RunEnd};
use crate::session::{engine_for, Event, Session};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The hand-over setting the record carries: the one place it comes from.
pub fn handover_setting(options: &EmbedOptions) -> &'static str {
    options.handover.name()
}

/// Decides when a run's outcome is sent, so that each ending goes out
/// exactly once. Plain Rust, tested natively.
#[derive(Debug, Default)]
pub struct Tracker {
    /// The steps in effect when an outcome was last sent (or when the page
    /// opened on a run already under way, which an earlier page reported).
    reported: Option<Vec<Event>>,
}

fn steps(session: &Session) -> Vec<Event> {
    session.effective().into_iter().cloned().collect()
}

impl Tracker {
    pub fn new(restored: &Session) -> Tracker {
        Tracker { reported: (restored.step_count() > 0).then(|| steps(restored)) }
    }

    /// The run changed; `ending` is how it stands now. Returns the ending to
    /// send, if this is a new one.
    pub fn on_change(&mut self, session: &Session, ending: Option<RunEnd>) -> Option<RunEnd> {
        let end = ending?;
        let now = steps(session);
        if self.reported.as_ref() == Some(&now) {
            return None;
        }
        self.reported = Some(now);
        Some(end)
    }

    /// The page is being left: an unfinished run with steps taken since
    /// the last report is sent as unfinished.
    pub fn on_leave(&mut self, session: &Session, ending: Option<RunEnd>) -> Option<RunEnd> {
        if ending.is_some() || session.step_count() == 0 {
            return None;
        }
        let now = steps(session);
        if self.reported.as_ref() == Some(&now) {
            return None;
        }
        self.reported = Some(now);
        Some(RunEnd::Unfinished)
    }
}

/// How the run stands: resolved, at the hand-over, or neither, as the
/// engine the person sees (priced for the portal's hand-over setting)
/// decides it.
pub fn ending_of(session: &Session, handover: Handover) -> Option<RunEnd> {
    let engine = engine_for(handover)?;
    match session.next(engine).ok()?.next {
        NextStep::Resolved { .. } => Some(RunEnd::Resolved),
        NextStep::Escalate { .. } => Some(RunEnd::HandedOver),
        NextStep::Ask { .. } | NextStep::Try { .. } => None,
    }
}

fn send(host: &Host, options: &EmbedOptions, session: &Session, end: RunEnd) {
    let mut record = OutcomeRecord::of(session, end, handover_setting(options), &utc_day(now_ms()));
    // The language the person read the run in (ids stay language-neutral).
    record.language = Some(crate::knowledge::current().to_string());
    host.emit("outcome", record.to_json());
}

/// Sends the `outcome` events of the app's runs, when the host asked for them.
#[hook]
pub fn use_outcomes(state: &UseReducerHandle<AppState>, host: &Host, options: &Rc<EmbedOptions>) {
    let enabled = options.outcomes && host.is_active();
    let tracker = use_mut_ref(|| Tracker::new(&state.session));
    let latest: Rc<RefCell<Session>> = use_mut_ref(|| state.session.clone());
    *latest.borrow_mut() = state.session.clone();
    {
        let (tracker, host, options) = (tracker.clone(), host.clone(), options.clone());
        use_effect_with(state.session.clone(), move |session| {
            if enabled {
                if let Some(end) = tracker.borrow_mut().on_change(session, ending_of(session, options.handover)) {
                    send(&host, &options, session, end);
                }
            }
        });
    }
    {
        let (host, options) = (host.clone(), options.clone());
        use_effect_with(enabled, move |enabled| {
            let listener = enabled.then(|| {
                on_page_leave(move || {
                    let session = latest.borrow().clone();
                    if let Some(end) = tracker.borrow_mut().on_leave(&session, ending_of(&session, options.handover)) {
                        send(&host, &options, &session, end);
                    }
                })
            });
            move || drop(listener)
        });
    }
}
