//! A small JSON reader and writer for the few documents the app itself
//! reads and writes at run time: a saved run (localStorage), a language
//! pack, and the events sent to an embedding page.
//!
//! The app used serde_json for these; with its generic deserialisers it
//! cost about 60 KB of the wasm (see BENCHMARKS.md, "Smaller wasm"). The
//! native tools and tests still use serde_json, and tests check that what
//! this module writes is what serde_json wrote, and that it reads what
//! earlier builds saved.
//!
//! Plain Rust, importing nothing of the crate. Reading never panics: the
//! nesting is limited to [`MAX_DEPTH`], and every error names the byte
//! where it was found. Numbers are `f64`. Reading, integers up to 2^53
//! are exact; other numbers come within a few units in the last place,
//! not correctly rounded (the app stores no number but whole ones), and
//! a number within a few ulps of `f64::MAX` may be refused as too large.
//! Writing, whole numbers are exact (all their digits), fractions have up
//! to nine decimals.
//! Duplicate keys are kept; [`Value::get`] finds the last, as the
//! browser's `JSON.parse` and serde_json do.

use std::fmt::Write as _;

/// How deep arrays and objects may nest: 127 levels, as in serde_json.
pub const MAX_DEPTH: usize = 127;

/// A JSON value. Objects keep their keys in the order read or built.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The field `key` of an object (`None` for anything else).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// A whole number from 0 to 2^53.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) if *n >= 0.0 && *n <= EXACT && n.fract() == 0.0 => Some(*n as u64),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The field `key` of an object, or an error naming it.
    pub fn field(&self, key: &str) -> Result<&Value, String> {
        self.get(key).ok_or_else(|| format!("missing field `{key}`"))
    }

    /// The field `key`, which must be a string.
    pub fn str_field(&self, key: &str) -> Result<&str, String> {
        self.field(key)?.as_str().ok_or_else(|| format!("`{key}` is not a string"))
    }

    /// The field `key`, which must be a whole number from 0 to `u32::MAX`.
    pub fn u32_field(&self, key: &str) -> Result<u32, String> {
        self.field(key)?.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| format!("`{key}` is not a whole number from 0 to {}", u32::MAX))
    }

    /// The field `key`, which must be a list.
    pub fn list_field(&self, key: &str) -> Result<&[Value], String> {
        self.field(key)?.as_array().ok_or_else(|| format!("`{key}` is not a list"))
    }

    /// An object built from `(key, value)` pairs, in their order.
    pub fn object<K: Into<String>>(fields: impl IntoIterator<Item = (K, Value)>) -> Value {
        Value::Object(fields.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Number(f64::from(n))
    }
}

/// Whole numbers are written exactly and read back exactly; a fraction
/// is written with at most nine decimals (see [`write_number`]).
impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}

/// 2^53: every whole number up to it is exact in an `f64`.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// 10^0 to 10^22: the powers of ten an `f64` holds exactly.
const POWERS_OF_TEN: [f64; 23] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// 2^64: every `f64` below it converts to `u64` exactly once whole.
const U64_LIMIT: f64 = 18_446_744_073_709_551_616.0;

/// Why a text is not JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// What was wrong.
    pub what: &'static str,
    /// The byte offset where it was found.
    pub at: usize,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.what, self.at)
    }
}

/// Reads one JSON value; only whitespace may follow it.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    let value = p.value(0)?;
    p.space();
    if p.i < p.s.len() {
        return Err(p.error("text after the value"));
    }
    Ok(value)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn error(&self, what: &'static str) -> Error {
        Error { what, at: self.i }
    }

    fn space(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.i += usize::from(hit);
        hit
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(value)
        } else {
            Err(self.error("not a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        self.space();
        match self.peek() {
            None => Err(self.error("the text ends where a value should be")),
            Some(b'n') => self.word("null", Value::Null),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[' | b'{') if depth >= MAX_DEPTH => Err(self.error("nested too deeply")),
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.space();
                if self.eat(b']') {
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    if self.eat(b']') {
                        return Ok(Value::Array(items));
                    }
                    if !self.eat(b',') {
                        return Err(self.error("expected `,` or `]`"));
                    }
                }
            }
            Some(b'{') => {
                self.i += 1;
                let mut fields = Vec::new();
                self.space();
                if self.eat(b'}') {
                    return Ok(Value::Object(fields));
                }
                loop {
                    self.space();
                    if self.peek() != Some(b'"') {
                        return Err(self.error("expected a key in quotes"));
                    }
                    let key = self.string()?;
                    self.space();
                    if !self.eat(b':') {
                        return Err(self.error("expected `:`"));
                    }
                    fields.push((key, self.value(depth + 1)?));
                    self.space();
                    if self.eat(b'}') {
                        return Ok(Value::Object(fields));
                    }
                    if !self.eat(b',') {
                        return Err(self.error("expected `,` or `}`"));
                    }
                }
            }
            Some(_) => Err(self.error("not a JSON value")),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Value, Error> {
        let start = self.i;
        let negative = self.eat(b'-');
        let int_start = self.i;
        let int_len = self.digits();
        if int_len == 0 || (int_len > 1 && self.s[int_start] == b'0') {
            return Err(self.error("a malformed number"));
        }
        let mut frac = int_start..int_start;
        if self.eat(b'.') {
            let from = self.i;
            if self.digits() == 0 {
                return Err(self.error("a malformed number"));
            }
            // Trailing zeros do not change the value ("1.0" is 1).
            let mut to = self.i;
            while to > from && self.s[to - 1] == b'0' {
                to -= 1;
            }
            frac = from..to;
        }
        let mut exp: i64 = 0;
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            let minus = self.eat(b'-') || {
                self.eat(b'+');
                false
            };
            let from = self.i;
            if self.digits() == 0 {
                return Err(self.error("a malformed number"));
            }
            for &d in &self.s[from..self.i] {
                // Far beyond any f64 (the digits cannot pull it back).
                exp = exp.saturating_mul(10).saturating_add(i64::from(d - b'0')).min(1 << 40);
            }
            if minus {
                exp = -exp;
            }
        }
        // The significant digits as a whole number (the first 19 are
        // kept; each one dropped raises the exponent), then scaled.
        let mut mantissa: u64 = 0;
        let mut kept = 0;
        let digits = self.s[int_start..int_start + int_len].iter().map(|d| (d, false)).chain(self.s[frac.clone()].iter().map(|d| (d, true)));
        for (&d, fraction) in digits {
            if kept < 19 {
                if mantissa != 0 || d != b'0' {
                    kept += 1;
                }
                mantissa = mantissa * 10 + u64::from(d - b'0');
                exp = exp.saturating_sub(i64::from(fraction));
            } else {
                exp = exp.saturating_add(i64::from(!fraction));
            }
        }
        // Exact when the digits and the power of ten both are (up to 2^53
        // and 10^22): one multiplication or division, correctly rounded.
        // Further out, by steps of 10^22 (a few units in the last place).
        let mut n = mantissa as f64;
        let mut e = exp.unsigned_abs().min(800) as usize;
        while n != 0.0 && n.is_finite() && e > 0 {
            let step = e.min(22);
            n = if exp > 0 { n * POWERS_OF_TEN[step] } else { n / POWERS_OF_TEN[step] };
            e -= step;
        }
        if !n.is_finite() {
            self.i = start;
            return Err(self.error("a number too large"));
        }
        Ok(Value::Number(if negative { -n } else { n }))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.error("a malformed \\u escape")),
            };
            n = n * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(n)
    }

    /// A string; the cursor is on its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        self.i += 1;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters up to the next quote,
            // backslash or control character in one go.
            let from = self.i;
            while matches!(self.peek(), Some(c) if c != b'"' && c != b'\\' && c >= 0x20) {
                self.i += 1;
            }
            // The input is a `str` and the run stops only at ASCII bytes,
            // so the run is whole characters.
            out.push_str(std::str::from_utf8(&self.s[from..self.i]).unwrap_or_default());
            match self.peek() {
                None => return Err(self.error("the text ends inside a string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let high = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&high) {
                                if !(self.eat(b'\\') && self.eat(b'u')) {
                                    return Err(self.error("an unpaired surrogate in a \\u escape"));
                                }
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error("an unpaired surrogate in a \\u escape"));
                                }
                                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                high
                            };
                            out.push(char::from_u32(code).ok_or_else(|| self.error("an unpaired surrogate in a \\u escape"))?);
                            continue;
                        }
                        _ => return Err(self.error("an unknown escape")),
                    };
                    self.i += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error("a control character in a string")),
            }
        }
    }
}

impl std::fmt::Display for Value {
    /// Compact JSON, as serde_json writes it: no spaces, other characters
    /// than `"`, `\` and controls left as they are.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        write_value(self, &mut out);
        f.write_str(&out)
    }
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(*n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(fields) => {
            out.push('{');
            for (i, (key, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_value(item, out);
            }
            out.push('}');
        }
    }
}

/// Whole numbers as integers; others with up to nine decimals (by integer
/// arithmetic: the app writes no fractions today, and this keeps the
/// float formatter out of the wasm); infinities and NaN as `null`, as
/// serde_json does.
fn write_number(n: f64, out: &mut String) {
    if !n.is_finite() {
        out.push_str("null");
        return;
    }
    if n.is_sign_negative() {
        out.push('-');
    }
    let n = n.abs();
    // Above 2^53 every f64 is whole; below 2^64 `as u64` is exact.
    if n.fract() == 0.0 && n < U64_LIMIT {
        let _ = write!(out, "{}", n as u64);
        return;
    }
    if n >= U64_LIMIT {
        write_big(n, out);
        return;
    }
    let whole = n.trunc();
    let mut nanos = ((n - whole) * 1e9).round() as u64;
    let whole = if nanos >= 1_000_000_000 {
        nanos = 0;
        whole + 1.0
    } else {
        whole
    };
    let _ = write!(out, "{}", whole as u64);
    if nanos > 0 {
        let mut frac = format!("{nanos:09}");
        while frac.ends_with('0') {
            frac.pop();
        }
        out.push('.');
        out.push_str(&frac);
    }
}

/// A whole `f64` of 2^64 or more, exactly: it is `m · 2^k` (m < 2^53),
/// so its digits are those of a big integer, shifted left `k` times and
/// divided down by 10^9.
fn write_big(n: f64, out: &mut String) {
    let bits = n.to_bits();
    let k = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let m = (bits & ((1 << 52) - 1)) | (1 << 52);
    // Little-endian 32-bit limbs; 2^1024 needs 32 of them.
    let mut limbs: Vec<u32> = vec![m as u32, (m >> 32) as u32];
    for _ in 0..k.max(0) {
        let mut carry = 0;
        for limb in limbs.iter_mut() {
            let next = *limb >> 31;
            *limb = (*limb << 1) | carry;
            carry = next;
        }
        if carry != 0 {
            limbs.push(carry);
        }
    }
    let mut groups = Vec::new();
    while limbs.iter().any(|l| *l != 0) {
        let mut rest = 0u64;
        for limb in limbs.iter_mut().rev() {
            let cur = (rest << 32) | u64::from(*limb);
            *limb = (cur / 1_000_000_000) as u32;
            rest = cur % 1_000_000_000;
        }
        groups.push(rest as u32);
    }
    let mut groups = groups.into_iter().rev();
    let _ = write!(out, "{}", groups.next().unwrap_or(0));
    for g in groups {
        let _ = write!(out, "{g:09}");
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out.push('"');
}
