//! One small module per browser API. None of them can panic: a refused or
//! missing API degrades one feature, never the app. Nothing outside
//! `platform` and `ui` touches web-sys.

pub mod clipboard;
pub mod dom;
pub mod fetch;
pub mod history;
pub mod host;
pub mod intl;
pub mod panic;
pub mod service_worker;
pub mod storage;
