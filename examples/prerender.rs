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
    let html = LocalServerRenderer::<App>::with_props(props).hydratable(false).render().await;
    // Rendered with an in-memory router, links point at `/codes`; the
    // standalone app routes by hash (`#/codes`), so its links do too.
    html.replace("href=\"/", "href=\"#/")
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
    let (home, check) = runtime.block_on(async { (render("/").await, render("/check").await) });
    let screens = format!(
        "<div class=\"bd-pre\" data-bd-pre=\"home\">{home}</div><div class=\"bd-pre\" data-bd-pre=\"check\">{check}</div>"
    );
    let page = format!("{}{screens}{}", &page[..start], &page[end..]);
    std::fs::write(&index, page).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    println!("prerender: home and #/check written into {}", index.display());
    Ok(())
}
