//! One small module per browser API. None of them can panic.
