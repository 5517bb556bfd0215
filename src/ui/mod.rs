//! Yew components: render state, send actions.

/// Mounts the app. Called from `main`.
pub fn start() {}
