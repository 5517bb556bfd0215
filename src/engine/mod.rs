//! The diagnostic engine: beliefs, the next step, explanations. Plain Rust.
