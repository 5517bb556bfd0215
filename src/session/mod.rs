//! The event log of one troubleshooting run and its saved form.
//!
//! [`log`] holds the events and their replay into engine evidence. The
//! storage envelope (versioned, with migrations) is a separate module;
//! [`upgrade`] brings a run made with an earlier content version up to date.
//! Plain Rust: may use `engine` and `knowledge`, never Yew or browser APIs.

pub mod log;
pub mod outcome;
pub mod saved;
pub mod share;
pub mod upgrade;

pub use log::{Event, IdKind, SeedRef, Session, UnknownId, SESSION_VERSION};

use crate::engine::{Engine, Handover};
use crate::knowledge::{builtin, KnowledgeBase};
use std::sync::OnceLock;

/// The built-in knowledge base (in the language in use) and its engine.
///
/// The knowledge base is in the language in use
/// ([`crate::knowledge::localized`]); the engine is built from the English
/// one, which has the same ids and numbers, so it serves every language.
pub fn content() -> Option<(&'static KnowledgeBase, &'static Engine)> {
    static ENGINE: OnceLock<Option<Engine>> = OnceLock::new();
    let english = builtin().ok()?;
    let engine = ENGINE.get_or_init(|| Some(Engine::new(english))).as_ref()?;
    Some((crate::knowledge::localized().ok()?, engine))
}

/// The built-in engine with the hand-over priced as the support team set
/// it (`handover` option), built once per setting.
pub fn engine_for(handover: Handover) -> Option<&'static Engine> {
    static ENGINES: [OnceLock<Option<Engine>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (_, balanced) = content()?;
    let slot = Handover::ALL.iter().position(|h| *h == handover).and_then(|i| ENGINES.get(i))?;
    slot.get_or_init(|| Some(balanced.with_handover(handover))).as_ref()
}

/// The fixes (positions in the knowledge base's `fixes`) the engine would
/// try, in order, for a run that starts with this error code or alert and
/// nothing else: the reference pages list them.
pub fn plan_for_seed(seed: &SeedRef) -> Vec<usize> {
    let Some((_, engine)) = content() else { return Vec::new() };
    let mut session = Session::new(0);
    session.push(Event::Seeded(seed.clone()));
    session.next(engine).map(|o| o.plan.into_iter().map(|f| f.0).collect()).unwrap_or_default()
}
