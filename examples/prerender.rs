//! Renders the first screen into the built `index.html`, so that it paints
//! from HTML before the wasm has loaded (Trunk's post-build hook runs this;
//! see ARCHITECTURE.md, "The first screen before the wasm").
//!
//!     cargo run --profile xtask --example prerender [-- DIST_DIR]
//!
//! (Without DIST_DIR: Trunk's `TRUNK_STAGING_DIR`.)
//!
//! The app is rendered with Yew's server renderer as a fresh run (nothing
//! read from storage), twice: the home screen and a deep link to the check
//! (`#/check`, its first question). Both go into `<div id="app">`, each in
//! a `display: contents` wrapper; `static/boot.js` picks the one that
//! matches the address and the saved progress before the first paint, and
//! the app replaces them with the same markup when it starts.

use backup_doctor::ui::app::{App, AppProps};
use std::path::PathBuf;
use yew::{AttrValue, LocalServerRenderer};

/// Where the pre-rendered screens go in `index.html`: in place of the
/// `<main>` element with this attribute (Trunk's minifier drops comments).
const PLACEHOLDER: &str = "data-bd-placeholder";

async fn render(path: &str) -> String {
    let props = AppProps { prerender: Some(AttrValue::from(path.to_string())), ..Default::default() };
    // Links are `#/codes` in memory too, as the standalone app's.
    LocalServerRenderer::<App>::with_props(props).hydratable(false).render().await
}

fn main() -> Result<(), String> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .ok_or("usage: prerender DIST_DIR (or run from Trunk's post-build hook)")?;
    let index = dir.join("index.html");
    let page = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let placeholder = page.find(PLACEHOLDER).ok_or_else(|| format!("{} has no <main {PLACEHOLDER}> placeholder", index.display()))?;
    let (Some(start), Some(end)) = (page[..placeholder].rfind("<main"), page[placeholder..].find("</main>").map(|e| placeholder + e + "</main>".len())) else {
        return Err(format!("{}: the {PLACEHOLDER} placeholder is not a <main> element", index.display()));
    };
    let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(|e| format!("tokio: {e}"))?;
    let screens = runtime.block_on(screens());
    let page = format!("{}{screens}{}", &page[..start], &page[end..]);
    let page = languages(&dir, page)?;
    let page = localized_screens(&dir, &runtime, page)?;
    let page = without_preloads(&page);
    std::fs::write(&index, page).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    println!("prerender: home and #/check written into {}", index.display());
    Ok(())
}

/// The two screens in the language in use, each in its wrapper.
async fn screens() -> String {
    let (home, check) = (render("/").await, render("/check").await);
    format!("<div class=\"bd-pre\" data-bd-pre=\"home\">{home}</div><div class=\"bd-pre\" data-bd-pre=\"check\">{check}</div>")
}

/// The same two screens in each other language (their packs are installed
/// by [`languages`]), after the page's title in it, each in
/// `lang/<code>-<hash>.html`, named in a
/// `<meta>`: `static/boot.js` fetches the person's one and paints it in
/// place of the English screens, long before the wasm and the pack have
/// arrived (without it, another language's first paint waits for both).
fn localized_screens(dir: &std::path::Path, runtime: &tokio::runtime::Runtime, page: String) -> Result<String, String> {
    use backup_doctor::knowledge;
    let mut files = Vec::new();
    for code in knowledge::language_codes().iter().copied().filter(|c| *c != "en") {
        if !knowledge::set_current(code) {
            return Err(format!("the language `{code}` is not installed"));
        }
        // The page's title in that language first (boot.js sets it).
        let html = format!("<title>{}</title>{}", escape(backup_doctor::ui::text::t("app.title")), runtime.block_on(screens()));
        let file = format!("lang/{code}-{:016x}.html", knowledge::binary::fnv(html.as_bytes()));
        std::fs::write(dir.join(&file), &html).map_err(|e| format!("cannot write {file}: {e}"))?;
        files.push(format!("{code}={file}"));
    }
    knowledge::set_current("en");
    let meta = format!("<meta name=\"backup-doctor-screens\" content=\"{}\">", files.join(" "));
    println!("prerender: the screens in {} more languages", files.len());
    Ok(before_scripts(&page, &meta))
}

/// `page` with `tag` in its head before the first script: `static/boot.js`
/// runs where it stands, and reads these `<meta>`s (one put at the end of
/// the head would not be parsed yet).
fn before_scripts(page: &str, tag: &str) -> String {
    let head_end = page.find("</head>").unwrap_or(page.len());
    let at = page[..head_end].find("<script").unwrap_or(head_end);
    format!("{}{tag}{}", &page[..at], &page[at..])
}

/// The other languages: each pack into `lang/`, their codes into a
/// `<meta>` for `static/boot.js`, and the recovery screen's words in each
/// into a `<template>` that `static/loader.js` reads (the screen must speak
/// the person's language even when the wasm never starts).
fn languages(dir: &std::path::Path, page: String) -> Result<String, String> {
    use backup_doctor::knowledge::{self, PACKS};
    use backup_doctor::ui::text::t;
    let lang_dir = dir.join("lang");
    std::fs::create_dir_all(&lang_dir).map_err(|e| format!("cannot create {}: {e}", lang_dir.display()))?;
    let mut crash = String::from("<template id=\"bd-crash-texts\">");
    for code in knowledge::language_codes() {
        if code != "en" {
            let (_, _, file) = knowledge::language_info(code).ok_or("a listed language has no info")?;
            let text = PACKS.iter().find(|(c, _)| *c == code).map(|(_, t)| *t).ok_or_else(|| format!("no pack for `{code}`"))?;
            std::fs::write(dir.join(file), text).map_err(|e| format!("cannot write {file}: {e}"))?;
            knowledge::install(code, text).map_err(|e| e.0)?;
        }
        knowledge::set_current(code);
        crash.push_str(&format!("<div lang=\"{code}\">"));
        for key in CRASH_KEYS {
            crash.push_str(&format!("<p data-k=\"{key}\">{}</p>", escape(t(key))));
        }
        crash.push_str("</div>");
    }
    knowledge::set_current("en");
    crash.push_str("</template>");
    let codes = knowledge::language_codes().join(" ");
    let meta = format!("<meta name=\"backup-doctor-langs\" content=\"{codes}\">");
    let page = before_scripts(&page, &meta).replacen("</body>", &format!("{crash}</body>"), 1);
    println!("prerender: languages {codes}");
    Ok(page)
}

/// `page` without Trunk's `<link rel=preload>` of the wasm and
/// `rel=modulepreload` of its glue: they would start the wasm's download
/// while the first screen is still to be painted; `static/loader.js`
/// starts it right after the first paint instead (BENCHMARKS.md, "Web").
fn without_preloads(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find("<link") {
        let Some(len) = rest[start..].find('>') else { break };
        let tag = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        if !(tag.contains("rel=preload") || tag.contains("rel=modulepreload") || tag.contains("rel=\"preload\"") || tag.contains("rel=\"modulepreload\"")) {
            out.push_str(tag);
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The recovery screen's words (`index.html` marks each element with
/// `data-bd-t`).
const CRASH_KEYS: [&str; 6] = ["crash.title", "crash.text", "crash.hint", "crash.reload", "crash.reset", "crash.details"];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
