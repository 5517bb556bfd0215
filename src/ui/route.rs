//! Every address of the app. Pages link to these; only the root
//! (`app.rs`) turns one into a page.

use yew_router::prelude::*;

/// The address that injects a panic, so the recovery screen can be tested
/// in the real build.
pub const PANIC_TEST_HASH: &str = "#/__panic-test";

/// Every address of the app. Routing uses the part after `#`, so the same
/// `dist/` works on any static host, under any sub-path, with no rewrite
/// rules (see ARCHITECTURE.md).
#[derive(Clone, Routable, PartialEq, Debug)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/check")]
    Check,
    /// The check at a given step count: every step is a history entry, so
    /// the browser's Back and Forward move through the steps.
    #[at("/check/:step")]
    CheckStep { step: usize },
    #[at("/share/:token")]
    Share { token: String },
    #[at("/codes")]
    Codes,
    #[at("/codes/:code")]
    Code { code: String },
    #[at("/alerts/:id")]
    Alert { id: String },
    #[at("/fixes")]
    Fixes,
    #[at("/fixes/:id")]
    Fix { id: String },
    #[at("/faq")]
    Faq,
    #[at("/faq/:id")]
    FaqEntry { id: String },
    #[at("/guides")]
    Guides,
    #[at("/guides/:id")]
    Guide { id: String },
    #[at("/__panic-test")]
    PanicTest,
    #[not_found]
    #[at("/not-found")]
    NotFound,
}
