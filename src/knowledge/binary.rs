//! The compact binary form in which the app carries its content.
//!
//! `build.rs` validates the content's JSON files and writes the knowledge
//! base with [`to_bytes`]; the app reads it back with [`from_bytes`] on
//! first use. Each model type is written and read by [`Binary`], whose
//! impls for the model's structs and enums are generated below from one
//! list of their fields and variants, so writing and reading cannot
//! disagree: a field missing from the list does not compile (the struct
//! is built from the list), nor does a variant (an exhaustive match), and
//! both directions follow the list's order.
//!
//! The format, only ever read by the build that wrote it:
//! - first, every distinct string once (their number, then each as its
//!   length and UTF-8 bytes); a string is then its number in that table,
//!   so an id used in fifty likelihood tables is stored once;
//! - unsigned integers, lengths and enum variants (by their position in
//!   the list): LEB128; `bool`: one byte; `f64`: 8 little-endian bytes;
//! - `Option`: 0 for `None`, 1 then the value; lists and maps: the number
//!   of elements (of pairs), then each; structs: their fields in order;
//! - last, 8 bytes of FNV-1a over everything before them, so that damaged
//!   bytes are an error rather than a different knowledge base.
//!
//! Reading never panics, and never allocates much more than the data's
//! own size, whatever the bytes: counts are checked against the bytes
//! left, and the strings copied out may add up to a few times the data.

use super::model::*;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// What went wrong reading the binary form.
#[derive(Debug, Clone, PartialEq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

fn error(what: &str) -> Error {
    Error(what.to_string())
}

/// A value of the model, in the binary form.
pub trait Binary: Sized {
    fn write(&self, w: &mut Writer);
    fn read(r: &mut Reader<'_>) -> Result<Self, Error>;
}

/// Writes a value in the binary form.
pub fn to_bytes<T: Binary>(value: &T) -> Vec<u8> {
    let mut body = Writer::default();
    value.write(&mut body);
    let mut head = Writer::default();
    head.uint(body.table.len() as u64);
    for s in &body.table {
        head.uint(s.len() as u64);
        head.out.extend_from_slice(s.as_bytes());
    }
    head.out.extend_from_slice(&body.out);
    seal(head.out)
}

/// FNV-1a, 64 bits (also names the language packs by their content).
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Appends the check sum that [`from_bytes`] verifies.
pub fn seal(mut bytes: Vec<u8>) -> Vec<u8> {
    let sum = fnv(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    bytes
}

/// Reads a value written by [`to_bytes`]; every byte must be used.
pub fn from_bytes<T: Binary>(sealed: &[u8]) -> Result<T, Error> {
    let split = sealed.len().checked_sub(8).ok_or_else(|| error("the data ends too early"))?;
    let (bytes, sum) = sealed.split_at(split);
    if sum != fnv(bytes).to_le_bytes() {
        return Err(error("the check sum does not match: the data is damaged"));
    }
    let budget = bytes.len().saturating_mul(4).saturating_add(1024);
    let mut r = Reader { bytes, at: 0, strings: Vec::new(), budget };
    let count = r.len()?;
    let mut strings = Vec::with_capacity(count.min(4096));
    for _ in 0..count {
        let n = r.len()?;
        strings.push(std::str::from_utf8(r.take(n)?).map_err(|_| error("a string is not UTF-8"))?);
    }
    r.strings = strings;
    let value = T::read(&mut r)?;
    if r.at != bytes.len() {
        return Err(Error(format!("{} bytes left over after the value", bytes.len() - r.at)));
    }
    Ok(value)
}

/// Where a value is written: its bytes, and the strings it uses.
#[derive(Default)]
pub struct Writer {
    out: Vec<u8>,
    strings: HashMap<String, u64>,
    table: Vec<String>,
}

impl Writer {
    fn uint(&mut self, mut v: u64) {
        loop {
            let low = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(low);
                return;
            }
            self.out.push(low | 0x80);
        }
    }
    fn string(&mut self, s: &str) {
        let next = self.table.len() as u64;
        let n = *self.strings.entry(s.to_string()).or_insert(next);
        if n == next {
            self.table.push(s.to_string());
        }
        self.uint(n);
    }
}

/// Where a value is read from.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    strings: Vec<&'a str>,
    /// How many more bytes of strings may be copied out.
    budget: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or_else(|| error("the data ends too early"))?;
        let b = &self.bytes[self.at..end];
        self.at = end;
        Ok(b)
    }
    fn byte(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }
    fn uint(&mut self) -> Result<u64, Error> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(error("a number is too long"))
    }
    /// A count of things still to read: never more than the bytes left
    /// (each takes at least one), so a damaged count cannot make a huge
    /// allocation.
    fn len(&mut self) -> Result<usize, Error> {
        usize::try_from(self.uint()?).ok().filter(|&n| n <= self.bytes.len() - self.at).ok_or_else(|| error("the data ends too early"))
    }
}

impl Binary for String {
    fn write(&self, w: &mut Writer) {
        w.string(self);
    }
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let n = usize::try_from(r.uint()?).map_err(|_| error("no such string"))?;
        let s = *r.strings.get(n).ok_or_else(|| error("no such string"))?;
        r.budget = r.budget.checked_sub(s.len()).ok_or_else(|| error("the strings add up to more than the data can hold"))?;
        Ok(s.to_string())
    }
}

impl Binary for u32 {
    fn write(&self, w: &mut Writer) {
        w.uint(u64::from(*self));
    }
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        u32::try_from(r.uint()?).map_err(|_| error("a number is out of range"))
    }
}

impl Binary for bool {
    fn write(&self, w: &mut Writer) {
        w.out.push(u8::from(*self));
    }
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(error("a bool is neither 0 nor 1")),
        }
    }
}

impl Binary for f64 {
    fn write(&self, w: &mut Writer) {
        w.out.extend_from_slice(&self.to_le_bytes());
    }
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut b = [0u8; 8];
        b.copy_from_slice(r.take(8)?);
        Ok(f64::from_le_bytes(b))
    }
}

impl<T: Binary> Binary for Option<T> {
    fn write(&self, w: &mut Writer) {
        match self {
            None => w.out.push(0),
            Some(v) => {
                w.out.push(1);
                v.write(w);
            }
        }
    }
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        match r.byte()? {
            0 => Ok(None),
            1 => T::read(r).map(Some),
            _ => Err(error("an option is neither 0 nor 1")),
        }
    }
}

impl<T: Binary> Binary for Vec<T> {
    fn write(&self, w: &mut Writer) {
        w.uint(self.len() as u64);
        for v in self {
            v.write(w);
        }
    }
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        let n = r.len()?;
        // Grown as the elements are read: `n` is only known not to exceed
        // the bytes left, and an element can be much larger than a byte.
        let mut list = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            list.push(T::read(r)?);
        }
        Ok(list)
    }
}

impl<K: Binary + Ord, V: Binary> Binary for BTreeMap<K, V> {
    fn write(&self, w: &mut Writer) {
        w.uint(self.len() as u64);
        for (k, v) in self {
            k.write(w);
            v.write(w);
        }
    }
    fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        // Inserted one by one (collecting would sort them again).
        let n = r.len()?;
        let mut map = BTreeMap::new();
        for _ in 0..n {
            let key = K::read(r)?;
            map.insert(key, V::read(r)?);
        }
        Ok(map)
    }
}

/// [`Binary`] for structs, from the list of their fields.
macro_rules! structs {
    ($($name:ident { $($field:ident),* $(,)? })*) => {$(
        impl Binary for $name {
            fn write(&self, w: &mut Writer) {
                $(self.$field.write(w);)*
            }
            fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
                Ok($name { $($field: Binary::read(r)?,)* })
            }
        }
    )*};
}

/// [`Binary`] for enums without data, from the list of their variants.
macro_rules! enums {
    ($($name:ident [$($variant:ident),* $(,)?])*) => {$(
        impl Binary for $name {
            fn write(&self, w: &mut Writer) {
                const ALL: &[$name] = &[$($name::$variant),*];
                // Exhaustive: a variant missing from the list does not compile.
                match self { $($name::$variant)|* => {} }
                w.uint(ALL.iter().position(|v| v == self).unwrap_or(0) as u64);
            }
            fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
                const ALL: &[$name] = &[$($name::$variant),*];
                let n = usize::try_from(r.uint()?).unwrap_or(usize::MAX);
                ALL.get(n).copied().ok_or_else(|| error(concat!("not a variant of ", stringify!($name))))
            }
        }
    )*};
}

structs! {
    KnowledgeBase { content_version, causes, questions, fixes, error_codes, alerts, faq, guides, tips, seed_question, sources, earlier_layouts, answer_changes }
    Source { id, kind, title, url, checked, note }
    Layout { content_version, codes, alerts, questions, fixes }
    LayoutQuestion { id, answers }
    AnswerChange { until_version, question, answer, becomes }
    AnswerRef { question, answer }
    Cause { id, title, summary, prior, prior_note, catch_all }
    Applies { ios, model }
    Question { id, text, help, minutes, effort, answers }
    HelpVariant { applies, label, text, sources }
    Answer { id, label, unsure, likelihoods, sets_ios, sets_model }
    Fix { id, title, kind, summary, why, variants, verify, minutes, effort, risk, warning, fixes }
    StepVariant { applies, label, stolen_device_protection, steps, sources }
    Step { text, path, risky }
    ErrorCode { code, label, cause, article_solution, likelihoods }
    Alert { id, text, phrases, cause, answer, meaning, likelihoods, sources }
    FaqEntry { id, question, answer, see_also, sources }
    Guide { id, title, summary, sections, sources }
    Section { heading, paragraphs, items, steps, warning }
    ListItem { id, text, detail }
    Tip { id, kind, title, text, causes, caution }
}

enums! {
    SourceKind [Page, Article, NotVerified]
    Effort [Trivial, Low, Medium, High]
    Risk [None, LosesSettings, LosesData]
    IosVersion [Ios26, Ios18, Ios17, Ios15To16, Ios10_3To14, Before10_3]
    ModelFamily [FaceId, HomeButton8Later, Iphone7, Iphone6sEarlier]
    FixKind [Fix, Escalation, WayOut]
    TipKind [BestPractice, Avoid]
}
