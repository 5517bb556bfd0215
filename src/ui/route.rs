//! Every address of the app. Pages link to these; only the root
//! (`app.rs`) turns one into a page; `router.rs` follows the address.

/// The address that injects a panic, so the recovery screen can be tested
/// in the real build.
pub const PANIC_TEST_HASH: &str = "#/__panic-test";

/// Every address of the app. Routing uses the part after `#`, so the same
/// `dist/` works on any static host, under any sub-path, with no rewrite
/// rules (see ARCHITECTURE.md).
#[derive(Clone, PartialEq, Debug)]
pub enum Route {
    /// `/`
    Home,
    /// `/check`
    Check,
    /// `/check/3`: the check at a given step count. Every step is a
    /// history entry, so the browser's Back and Forward move through the
    /// steps.
    CheckStep { step: usize },
    /// `/share/<token>`
    Share { token: String },
    /// `/codes`
    Codes,
    /// `/codes/<code>`
    Code { code: String },
    /// `/alerts/<id>`
    Alert { id: String },
    /// `/fixes`
    Fixes,
    /// `/fixes/<id>`
    Fix { id: String },
    /// `/faq`
    Faq,
    /// `/faq/<id>`
    FaqEntry { id: String },
    /// `/guides`
    Guides,
    /// `/guides/<id>`
    Guide { id: String },
    /// `/__panic-test`
    PanicTest,
    /// `/not-found`, and any address that is none of the above.
    NotFound,
}

impl Route {
    /// The address, as it goes after `#`. Parameters are percent-encoded
    /// (ids and codes never need it; a share token is URL-safe too).
    pub fn path(&self) -> String {
        let (section, param) = match self {
            Route::Home => return "/".into(),
            Route::Check => ("check", None),
            Route::CheckStep { step } => return format!("/check/{step}"),
            Route::Share { token } => ("share", Some(token)),
            Route::Codes => ("codes", None),
            Route::Code { code } => ("codes", Some(code)),
            Route::Alert { id } => ("alerts", Some(id)),
            Route::Fixes => ("fixes", None),
            Route::Fix { id } => ("fixes", Some(id)),
            Route::Faq => ("faq", None),
            Route::FaqEntry { id } => ("faq", Some(id)),
            Route::Guides => ("guides", None),
            Route::Guide { id } => ("guides", Some(id)),
            Route::PanicTest => ("__panic-test", None),
            Route::NotFound => ("not-found", None),
        };
        match param {
            Some(p) => format!("/{section}/{}", encode(p)),
            None => format!("/{section}"),
        }
    }

    /// The route of an address after `#` (a query after `?`, an anchor
    /// after a second `#` and a final `/` are ignored, but `/faq#<id>` is
    /// that entry of the FAQ, as `/faq/<id>` is). Anything else, a step
    /// that is not a number among them, is [`Route::NotFound`]; this
    /// never fails.
    pub fn parse(path: &str) -> Route {
        let path = path.split('?').next().unwrap_or_default();
        let (path, anchor) = path.split_once('#').unwrap_or((path, ""));
        let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
        if path == "/faq" && !anchor.is_empty() {
            // The entries' own element ids are `faq-<id>`: both work.
            let id = anchor.strip_prefix("faq-").filter(|id| !id.is_empty()).unwrap_or(anchor);
            return Route::FaqEntry { id: decode(id) };
        }
        let Some(rest) = path.strip_prefix('/') else { return Route::NotFound };
        let (section, param) = match rest.split_once('/') {
            Some((s, p)) if !p.is_empty() && !p.contains('/') => (s, Some(decode(p))),
            Some(_) => return Route::NotFound,
            None => (rest, None),
        };
        match (section, param) {
            ("", None) => Route::Home,
            ("check", None) => Route::Check,
            ("check", Some(step)) => step.parse().map_or(Route::NotFound, |step| Route::CheckStep { step }),
            ("share", Some(token)) => Route::Share { token },
            ("codes", None) => Route::Codes,
            ("codes", Some(code)) => Route::Code { code },
            ("alerts", Some(id)) => Route::Alert { id },
            ("fixes", None) => Route::Fixes,
            ("fixes", Some(id)) => Route::Fix { id },
            ("faq", None) => Route::Faq,
            ("faq", Some(id)) => Route::FaqEntry { id },
            ("guides", None) => Route::Guides,
            ("guides", Some(id)) => Route::Guide { id },
            ("__panic-test", None) => Route::PanicTest,
            _ => Route::NotFound,
        }
    }
}

/// Percent-encodes every byte but letters, digits and `-._~`.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undoes percent-encoding; a broken escape or one that is not UTF-8
/// leaves the text as it was typed (the page then says it knows no such
/// id).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}
