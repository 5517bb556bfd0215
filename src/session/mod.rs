//! The event log of one troubleshooting run and its saved form.
//!
//! [`log`] holds the events and their replay into engine evidence. The
//! storage envelope (versioned, with migrations) is a separate module.
//! Plain Rust: may use `engine` and `knowledge`, never Yew or browser APIs.

pub mod log;
pub mod saved;

pub use log::{Event, IdKind, SeedRef, Session, UnknownId, SESSION_VERSION};
