//! Embedding options: from the iframe's query string or the options object
//! of `mount`. Every value is validated; an invalid one is reported (the
//! caller logs it and shows a small note) and the default is used. Plain
//! Rust, so the rules are tested natively.

pub use crate::engine::Handover;

/// Which page the app opens on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum StartPage {
    #[default]
    Home,
    Check,
    Codes,
    Code(String),
}

impl StartPage {
    /// The in-app path of the page (the part after `#`).
    pub fn path(&self) -> String {
        match self {
            StartPage::Home => "/".into(),
            StartPage::Check => "/check".into(),
            StartPage::Codes => "/codes".into(),
            StartPage::Code(code) => format!("/codes/{code}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    #[default]
    Auto,
    Light,
    Dark,
}

pub const DEFAULT_CONTACT_LABEL: &str = "Apple Support";
pub const DEFAULT_CONTACT_URL: &str = "https://getsupport.apple.com/";

#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOptions {
    pub start: StartPage,
    /// An error code to start a check with.
    pub code: Option<String>,
    /// Storage namespace; empty means the standalone app's.
    pub ns: String,
    pub accent: Option<String>,
    pub font: Option<String>,
    pub radius: Option<u32>,
    pub scheme: Scheme,
    pub contact_label: String,
    pub contact_url: String,
    /// Origins allowed to receive events (iframe mode).
    pub origins: Vec<String>,
    /// What a hand-over to support costs the engine (`self-service`,
    /// `balanced`, `quick`); [`Handover::name`] gives it as a string.
    pub handover: Handover,
    /// Send an `outcome` event when a run ends (`outcomes=1`).
    pub outcomes: bool,
    /// The language the page asks for (`lang=de`), as one of the app's
    /// codes; the person's own choice in the footer still comes first.
    pub lang: Option<&'static str>,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions {
            start: StartPage::Home,
            code: None,
            ns: String::new(),
            accent: None,
            font: None,
            radius: None,
            scheme: Scheme::Auto,
            contact_label: DEFAULT_CONTACT_LABEL.into(),
            contact_url: DEFAULT_CONTACT_URL.into(),
            origins: Vec::new(),
            handover: Handover::Balanced,
            outcomes: false,
            lang: None,
        }
    }
}

/// An option that was not valid: its name, the value given, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionProblem {
    pub option: String,
    pub value: String,
    pub reason: &'static str,
}

impl std::fmt::Display for OptionProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown: String = self.value.chars().take(80).collect();
        // Quoted and escaped as JSON (`{:?}` would bring core's tables of
        // printable characters into the wasm).
        let shown = crate::json::Value::String(shown);
        write!(f, "Backup Doctor: option `{}` = {shown} is not valid ({}); using the default.", self.option, self.reason)
    }
}

fn is_hex_colour(v: &str) -> bool {
    let Some(hex) = v.strip_prefix('#') else { return false };
    (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

fn is_font_list(v: &str) -> bool {
    !v.trim().is_empty() && v.len() <= 200 && v.chars().all(|c| c.is_ascii_alphanumeric() || " ,-'\"".contains(c))
}

fn is_namespace(v: &str) -> bool {
    !v.is_empty() && v.len() <= 32 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_code(v: &str) -> bool {
    !v.is_empty() && v.len() <= 12 && v.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `scheme://host[:port]` with nothing after it: what `postMessage` needs
/// as an exact target origin.
pub fn is_origin(v: &str) -> bool {
    let Some((scheme, rest)) = v.split_once("://") else { return false };
    if scheme != "https" && scheme != "http" {
        return false;
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.contains(']') || h.ends_with(']') => (h, Some(p)),
        _ => (rest, None),
    };
    let host_ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-[]:".contains(c));
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

fn is_contact_url(v: &str) -> bool {
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("mailto:"));
    rest.is_some_and(|r| !r.is_empty() && r.len() <= 500 && !r.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>'))
}

/// Reads options from name/value pairs. Unknown names are reported too, so
/// a typo in an option name does not fail silently.
pub fn parse(pairs: &[(String, String)]) -> (EmbedOptions, Vec<OptionProblem>) {
    let mut o = EmbedOptions::default();
    let mut problems = Vec::new();
    for (name, value) in pairs {
        let v = value.trim();
        let mut bad = |reason: &'static str| problems.push(OptionProblem { option: name.clone(), value: value.clone(), reason });
        match name.as_str() {
            "start" => match v {
                "home" => o.start = StartPage::Home,
                "check" => o.start = StartPage::Check,
                "codes" => o.start = StartPage::Codes,
                _ => match v.strip_prefix("codes/") {
                    Some(code) if is_code(code) => o.start = StartPage::Code(code.to_string()),
                    _ => bad("use home, check, codes or codes/<code>"),
                },
            },
            "code" => if is_code(v) { o.code = Some(v.to_string()) } else { bad("an error code is letters and digits") },
            "ns" => if is_namespace(v) { o.ns = v.to_string() } else { bad("letters, digits, - and _, up to 32") },
            "accent" => if is_hex_colour(v) { o.accent = Some(v.to_string()) } else { bad("a colour like #1d5fd1") },
            "font" => if is_font_list(v) { o.font = Some(v.to_string()) } else { bad("a font-family list") },
            "radius" => match v.parse::<u32>() {
                Ok(r) if r <= 32 => o.radius = Some(r),
                _ => bad("a number of pixels from 0 to 32"),
            },
            "scheme" => match v {
                "auto" => o.scheme = Scheme::Auto,
                "light" => o.scheme = Scheme::Light,
                "dark" => o.scheme = Scheme::Dark,
                _ => bad("light, dark or auto"),
            },
            "contact_label" => {
                if !v.is_empty() && v.chars().count() <= 60 && !v.chars().any(char::is_control) {
                    o.contact_label = v.to_string();
                } else {
                    bad("a short label, up to 60 characters");
                }
            }
            "contact_url" => if is_contact_url(v) { o.contact_url = v.to_string() } else { bad("an https: or mailto: link") },
            "origins" => {
                let list: Vec<&str> = v.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
                if !list.is_empty() && list.len() <= 10 && list.iter().all(|s| is_origin(s)) {
                    o.origins = list.into_iter().map(str::to_string).collect();
                } else {
                    bad("comma-separated origins like https://portal.example.com");
                }
            }
            "handover" => match Handover::parse(v) {
                Some(h) => o.handover = h,
                None => bad("self-service, balanced or quick"),
            },
            "outcomes" => match v {
                "1" => o.outcomes = true,
                "0" => o.outcomes = false,
                _ => bad("1 (send outcome records) or 0"),
            },
            "lang" => match crate::knowledge::lang::negotiate(v, &crate::knowledge::language_codes()) {
                Some(code) => o.lang = Some(code),
                None => bad("a language the app offers: en, or a folder of data/lang (de, pt-BR...)"),
            },
            _ => bad("unknown option"),
        }
    }
    (o, problems)
}

/// Splits a query string (`?a=1&b=2`) into decoded pairs.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An sRGB colour from `#rgb` or `#rrggbb`.
fn rgb(hex: &str) -> Option<[f64; 3]> {
    let h = hex.strip_prefix('#')?;
    let full: String = if h.len() == 3 { h.chars().flat_map(|c| [c, c]).collect() } else { h.to_string() };
    if full.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(full.get(i..i + 2)?, 16).ok().map(f64::from);
    Some([channel(0)?, channel(2)?, channel(4)?])
}

fn luminance([r, g, b]: [f64; 3]) -> f64 {
    let lin = |c: f64| {
        let c = c / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio between two colours.
pub fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn mix(a: [f64; 3], b: [f64; 3], t: f64) -> [f64; 3] {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}

fn hex([r, g, b]: [f64; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", r.round() as u8, g.round() as u8, b.round() as u8)
}

/// Moves `colour` toward `toward` until it has AA contrast (4.5:1) with
/// every colour in `against`.
fn readable(colour: [f64; 3], toward: [f64; 3], against: &[[f64; 3]]) -> [f64; 3] {
    (0..=20)
        .map(|i| mix(colour, toward, f64::from(i) * 0.05))
        .find(|c| against.iter().all(|a| contrast(*c, *a) >= 4.5))
        .unwrap_or(toward)
}

const WHITE: [f64; 3] = [255.0, 255.0, 255.0];
const BLACK: [f64; 3] = [0.0, 0.0, 0.0];
/// The light scheme's page and card backgrounds.
const LIGHT_BACKGROUNDS: [[f64; 3]; 2] = [[246.0, 248.0, 251.0], WHITE];
/// The dark scheme's page and card backgrounds.
const DARK_BACKGROUNDS: [[f64; 3]; 2] = [[15.0, 23.0, 36.0], [23.0, 34.0, 51.0]];
const DARK_TEXT: [f64; 3] = [11.0, 22.0, 48.0];

impl EmbedOptions {
    /// The CSS custom properties a portal's theme sets. A portal's accent
    /// is adjusted per scheme so that links and buttons keep AA contrast:
    /// darkened for the light scheme, lightened for the dark one.
    pub fn theme_properties(&self) -> Vec<(&'static str, String)> {
        let mut props = Vec::new();
        if let Some(accent) = self.accent.as_deref().and_then(rgb) {
            let light = readable(accent, BLACK, &LIGHT_BACKGROUNDS);
            let dark = readable(accent, WHITE, &DARK_BACKGROUNDS);
            let on_light = if contrast(WHITE, light) >= 4.5 { WHITE } else { DARK_TEXT };
            props.push(("--bd-portal-accent", hex(light)));
            props.push(("--bd-portal-accent-strong", hex(mix(light, BLACK, 0.15))));
            props.push(("--bd-portal-on-accent", hex(on_light)));
            props.push(("--bd-portal-accent-dark", hex(dark)));
            props.push(("--bd-portal-accent-dark-strong", hex(mix(dark, WHITE, 0.2))));
        }
        if let Some(font) = &self.font {
            props.push(("--bd-font", font.clone()));
        }
        if let Some(radius) = self.radius {
            props.push(("--bd-radius", format!("{radius}px")));
        }
        props
    }

    /// The forced colour scheme, if any, as the stylesheet's attribute value.
    pub fn scheme_attribute(&self) -> Option<&'static str> {
        match self.scheme {
            Scheme::Auto => None,
            Scheme::Light => Some("light"),
            Scheme::Dark => Some("dark"),
        }
    }
}
