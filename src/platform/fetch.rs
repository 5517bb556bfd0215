//! Fetching one of the app's own files (a language's pack). Same origin
//! only: the address is the app's own, relative to its files.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text of the file at `url`, or why it could not be had (offline and
/// not cached, a server error, no `fetch` at all).
pub async fn text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| format!("{url} could not be fetched"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let body = response.text().map_err(|_| format!("{url}: no body"))?;
    JsFuture::from(body).await.ok().and_then(|v| v.as_string()).ok_or_else(|| format!("{url}: the body could not be read"))
}
