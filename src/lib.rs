//! Backup Doctor: a troubleshooter for failing iPhone backups.
//!
//! The crate is layered; arrows point one way only:
//! `ui -> session -> engine -> knowledge`, and `ui -> platform`.
//! `knowledge` and `engine` are plain Rust (no Yew, no browser APIs) and are
//! tested natively. See ARCHITECTURE.md.

pub mod bench;
pub mod engine;
pub mod json;
pub mod knowledge;
#[cfg(not(target_arch = "wasm32"))]
pub mod learn;
pub mod platform;
pub mod session;
pub mod sort;
pub mod ui;
