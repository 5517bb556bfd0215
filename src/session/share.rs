//! The shareable form of a run: a short, URL-safe token.
//!
//! A token carries only the steps still in effect (undos are applied, not
//! sent), as indices into the knowledge base rather than slugs, plus what
//! is needed to refuse it safely. No time, device, name or other personal
//! data: only the answers and the fix outcomes.
//!
//! # Format (version 1)
//!
//! The token is the bytes below in base64url without padding: only
//! `A-Z a-z 0-9 - _`, no `.`, no `=`. Unused low bits of the last
//! character must be zero, so each byte string has exactly one token.
//!
//! ```text
//! byte 0      format version (1)
//! varint      content_version of the knowledge base the indices refer to
//! 2 bytes     layout tag: low 16 bits of the CRC-32 of every code, alert,
//!             question/answer and fix id in knowledge-base order, so a
//!             token made against a reordered list is refused even when
//!             content_version was not bumped (little-endian)
//! varint*     one step symbol per effective step, in order
//! 4 bytes     CRC-32 (IEEE) of all the bytes before it (little-endian)
//! ```
//!
//! Varints are LEB128 (7 bits per byte, low first), minimal form only.
//! Step symbols number every possible step of the knowledge base:
//! `0..C` seed with error code `i`; then `A` seeds with alert `i`; then
//! every answer of every question, question by question, answers in
//! order; then three per fix `f`: `3f` worked, `3f+1` failed, `3f+2`
//! could not do. With today's content every symbol is one byte, so a
//! 10-step run is 18 bytes, 24 characters.
//!
//! The frame (version first, CRC last) is the same for every format
//! version, so a newer token still checks as untampered and is reported
//! as [`ShareError::NewerFormat`]. CRC-32 detects every change of one
//! character (it catches every burst of up to 32 bits) and any other
//! change with probability 1 - 2^-32. It is a checksum, not a signature:
//! a static app has no secret, so it stops damaged and hand-edited links,
//! not a determined forger (who could only build a run they could click
//! through anyway).
//!
//! A token made with an earlier content version still opens when the
//! knowledge base keeps that version's layout (`earlier_layouts`): its
//! symbols are read against that layout, and the run is brought up to
//! date by [`super::upgrade`].
//!
//! [`decode`] refuses tokens longer than [`MAX_TOKEN_LEN`] before any
//! work, and runs with more steps than [`max_steps`]; it never panics and
//! allocates at most in proportion to that bound.

use super::log::{Event, SeedRef, Session};
use super::upgrade::{upgrade, Upgrade};
use crate::knowledge::{KnowledgeBase, Layout};
use std::fmt;

/// The format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u8 = 1;

/// The longest token [`decode`] looks at, in characters.
pub const MAX_TOKEN_LEN: usize = 512;

/// Why a token could not be turned back into a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareError {
    /// Not a token at all: wrong characters, cut short, bad structure.
    Malformed,
    /// The checksum does not match: changed or damaged since it was made.
    Tampered,
    /// Longer than [`MAX_TOKEN_LEN`], or more steps than a run can have.
    Oversized,
    /// Made by a newer build, in a format this one does not know.
    NewerFormat,
    /// Made against another version (or arrangement) of the content.
    ContentChanged,
    /// Names a step the knowledge base does not have.
    UnknownItem,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ShareError::Malformed => "This link is incomplete or garbled.",
            ShareError::Tampered => "This link was changed or damaged after it was made.",
            ShareError::Oversized => "This link is too long to be a shared check.",
            ShareError::NewerFormat => "This link was made by a newer version of Backup Doctor.",
            ShareError::ContentChanged => "This link was made for an older or newer version of our help content.",
            ShareError::UnknownItem => "This link names a step we do not know.",
        })
    }
}

impl std::error::Error for ShareError {}

/// The most steps a shared run may have: every question answered, every
/// fix tried, every seed given, and one more.
pub fn max_steps(kb: &KnowledgeBase) -> usize {
    kb.questions.len() + kb.fixes.len() + kb.error_codes.len() + kb.alerts.len() + 1
}

/// The token for the steps of `session` still in effect, with indices into
/// `kb` (and `kb.content_version`). Steps naming ids that `kb` does not
/// have are left out; a session that passes `check_ids(kb)` loses nothing.
pub fn encode(session: &Session, kb: &KnowledgeBase) -> String {
    let mut bytes = vec![FORMAT_VERSION];
    put_varint(&mut bytes, kb.content_version);
    bytes.extend_from_slice(&(layout_tag(&Layout::of(kb)) as u16).to_le_bytes());
    for sym in session.effective().into_iter().filter_map(|e| symbol(kb, e)) {
        put_varint(&mut bytes, sym);
    }
    let crc = crc32(0, &bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());
    to_base64(&bytes)
}

/// The run a token carries, against `kb`. The session has
/// `kb.content_version`, no undos, and passes `check_ids(kb)`.
pub fn decode(token: &str, kb: &KnowledgeBase) -> Result<Session, ShareError> {
    decode_report(token, kb).map(|(session, _)| session)
}

/// Like [`decode`], and says whether the token was made with an earlier
/// content version (one of `kb.earlier_layouts`) and brought up to date.
pub fn decode_report(token: &str, kb: &KnowledgeBase) -> Result<(Session, Option<Upgrade>), ShareError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(ShareError::Oversized);
    }
    let bytes = from_base64(token.as_bytes()).ok_or(ShareError::Malformed)?;
    if bytes.len() < 8 {
        return Err(ShareError::Malformed);
    }
    let (body, sum) = bytes.split_at(bytes.len() - 4);
    if crc32(0, body).to_le_bytes() != sum {
        return Err(ShareError::Tampered);
    }
    match body[0] {
        0 => return Err(ShareError::Malformed),
        v if v > FORMAT_VERSION => return Err(ShareError::NewerFormat),
        _ => {}
    }
    let mut rest = &body[1..];
    let content_version = take_varint(&mut rest).ok_or(ShareError::Malformed)?;
    let [lo, hi, ref steps @ ..] = *rest else { return Err(ShareError::Malformed) };
    let tag = u16::from_le_bytes([lo, hi]);
    // Today's content, or the layout of the earlier version the token
    // names (its ids in the order they were indexed then).
    let layout = if content_version == kb.content_version {
        Layout::of(kb)
    } else {
        kb.earlier_layouts.iter().find(|l| l.content_version == content_version).cloned().ok_or(ShareError::ContentChanged)?
    };
    if tag != layout_tag(&layout) as u16 {
        return Err(ShareError::ContentChanged);
    }
    let mut rest = steps;
    let mut session = Session::new(content_version);
    while !rest.is_empty() {
        let sym = take_varint(&mut rest).ok_or(ShareError::Malformed)?;
        if session.events.len() == max_steps(kb).max(layout.step_bound()) {
            return Err(ShareError::Oversized);
        }
        session.push(event(&layout, sym).ok_or(ShareError::UnknownItem)?);
    }
    Ok(upgrade(&session, kb))
}

/// The step symbol of an event (see the module comment).
fn symbol(kb: &KnowledgeBase, event: &Event) -> Option<u32> {
    let codes = kb.error_codes.len();
    let seeds = codes + kb.alerts.len();
    let answers: usize = kb.questions.iter().map(|q| q.answers.len()).sum();
    let fix = |id: &String, k: usize| kb.fixes.iter().position(|f| &f.id == id).map(|i| seeds + answers + 3 * i + k);
    let n = match event {
        Event::Seeded(SeedRef::Code(c)) => kb.error_codes.iter().position(|e| &e.code == c)?,
        Event::Seeded(SeedRef::Alert(a)) => codes + kb.alerts.iter().position(|e| &e.id == a)?,
        Event::Answered { question, answer } => {
            let qi = kb.questions.iter().position(|q| &q.id == question)?;
            let before: usize = kb.questions[..qi].iter().map(|q| q.answers.len()).sum();
            seeds + before + kb.questions[qi].answers.iter().position(|a| &a.id == answer)?
        }
        Event::FixWorked { fix: id } => fix(id, 0)?,
        Event::FixFailed { fix: id } => fix(id, 1)?,
        Event::CouldNotDo { fix: id } => fix(id, 2)?,
        Event::Undo => return None,
    };
    u32::try_from(n).ok()
}

/// The event a step symbol stands for, if the layout has it.
fn event(layout: &Layout, sym: u32) -> Option<Event> {
    let mut s = sym as usize;
    if let Some(c) = layout.codes.get(s) {
        return Some(Event::Seeded(SeedRef::Code(c.clone())));
    }
    s -= layout.codes.len();
    if let Some(a) = layout.alerts.get(s) {
        return Some(Event::Seeded(SeedRef::Alert(a.clone())));
    }
    s -= layout.alerts.len();
    for q in &layout.questions {
        if let Some(a) = q.answers.get(s) {
            return Some(Event::Answered { question: q.id.clone(), answer: a.clone() });
        }
        s -= q.answers.len();
    }
    let fix = layout.fixes.get(s / 3)?.clone();
    Some(match s % 3 {
        0 => Event::FixWorked { fix },
        1 => Event::FixFailed { fix },
        _ => Event::CouldNotDo { fix },
    })
}

/// CRC-32 of the ids the step symbols index, in order (see module comment).
fn layout_tag(layout: &Layout) -> u32 {
    let mut crc = 0;
    let mut add = |tag: &[u8], id: &str| {
        crc = crc32(crc, tag);
        crc = crc32(crc, id.as_bytes());
    };
    layout.codes.iter().for_each(|c| add(b"\0c", c));
    layout.alerts.iter().for_each(|a| add(b"\0a", a));
    for q in &layout.questions {
        add(b"\0q", &q.id);
        q.answers.iter().for_each(|a| add(b"\0r", a));
    }
    layout.fixes.iter().for_each(|f| add(b"\0f", f));
    crc
}

/// CRC-32 (IEEE 802.3, reflected), continuing from `crc` (0 to start).
fn crc32(crc: u32, bytes: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = (c >> 1) ^ (0xEDB8_8320 & (c & 1).wrapping_neg());
        }
    }
    !c
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a minimal LEB128 u32; `None` when cut short, too long or padded.
fn take_varint(rest: &mut &[u8]) -> Option<u32> {
    let mut v: u32 = 0;
    for i in 0..5 {
        let (&b, tail) = rest.split_first()?;
        *rest = tail;
        let bits = u32::from(b & 0x7f);
        if i == 4 && bits > 0x0f {
            return None;
        }
        v |= bits << (7 * i);
        if b & 0x80 == 0 {
            return (i == 0 || b != 0).then_some(v);
        }
    }
    None
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn to_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn from_base64(text: &[u8]) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let v = ALPHABET.iter().position(|&a| a == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        let len = chunk.len() - 1;
        // The bits below the last whole byte must be zero (canonical form).
        if n & (0x00ff_ffff >> (8 * len)) != 0 {
            return None;
        }
        out.extend((0..len).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    Some(out)
}
