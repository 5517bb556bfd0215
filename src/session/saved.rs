//! The saved form of a run: a versioned envelope in localStorage.
//!
//! `{"version": 1, "saved_at": 1764250000000, "session": {...}}`
//!
//! Reading never fails the app: whatever is stored, [`decode`] says whether
//! it is a run we can resume, nothing, or something unreadable (corrupt
//! JSON, a wrong shape, ids the content no longer has, a newer version than
//! this build knows). A run saved with an earlier content version is
//! brought up to date ([`Loaded::Upgraded`]), keeping what still applies.
//! The caller keeps an unreadable value under a backup key and starts
//! fresh; nothing here deletes anything.

use super::log::{Session, UnknownId, SESSION_VERSION};
use super::upgrade::{upgrade, Upgrade};
use crate::knowledge::KnowledgeBase;
use crate::json::{self, Value};
use serde::{Deserialize, Serialize};

/// The version of the envelope this build writes.
pub const ENVELOPE_VERSION: u32 = 1;

/// The storage name of the current run (under the store's prefix).
pub const SESSION_KEY: &str = "session";

/// The storage name under which an unreadable value is kept.
pub const UNREADABLE_KEY: &str = "session-unreadable";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub version: u32,
    /// When it was written, in milliseconds since the Unix epoch.
    pub saved_at: f64,
    pub session: Session,
}

/// Why a stored value could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    /// Not JSON at all.
    Corrupt(String),
    /// JSON, but not an envelope (or a session) of a known shape.
    WrongShape(String),
    /// Written by a newer build than this one.
    NewerVersion(u32),
    /// Names a question, answer, fix or code the content no longer has.
    UnknownIds(UnknownId),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Corrupt(why) => write!(f, "not JSON ({why})"),
            Unreadable::WrongShape(why) => write!(f, "not a saved run ({why})"),
            Unreadable::NewerVersion(v) => write!(f, "written by a newer version (format {v})"),
            Unreadable::UnknownIds(id) => write!(f, "names something the content no longer has ({id})"),
        }
    }
}

/// What was found in storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing saved.
    Empty,
    /// A run to resume.
    Restored { session: Session, saved_at: f64 },
    /// A run saved with an earlier content version, brought up to date
    /// (see [`super::upgrade`]): the person should be told.
    Upgraded { session: Session, saved_at: f64, report: Upgrade },
    /// Something that is kept aside, and a fresh start.
    Unreadable(Unreadable),
}

/// One migration step: turns the JSON of envelope version `from` into the
/// JSON of version `from + 1`.
type Migration = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` migrates version `i + 1` to `i + 2`. Version 1 is the
/// first released format, so the list is empty today; the next change to
/// the envelope or the session adds its step here, with a test.
const MIGRATIONS: &[Migration] = &[];

/// Applies every migration from `version` up to [`ENVELOPE_VERSION`].
fn migrate(mut value: Value, version: u32) -> Result<Value, Unreadable> {
    if version == 0 {
        return Err(Unreadable::WrongShape("version 0 was never written".into()));
    }
    for step in MIGRATIONS.get(version as usize - 1..).unwrap_or(&[]) {
        value = step(value).map_err(Unreadable::WrongShape)?;
    }
    Ok(value)
}

/// Serialises a run for storage.
pub fn encode(session: &Session, saved_at: f64) -> String {
    Envelope { version: ENVELOPE_VERSION, saved_at, session: session.clone() }.to_json().to_string()
}

impl Envelope {
    pub fn to_json(&self) -> Value {
        Value::object([
            ("version", Value::from(self.version)),
            ("saved_at", Value::from(self.saved_at)),
            ("session", self.session.to_json()),
        ])
    }

    /// Reads what [`Envelope::to_json`] writes (and what serde_json wrote
    /// before it); other fields are ignored.
    pub fn from_json(value: &Value) -> Result<Envelope, String> {
        Ok(Envelope {
            version: value.u32_field("version")?,
            saved_at: value.field("saved_at")?.as_f64().ok_or("`saved_at` is not a number")?,
            session: Session::from_json(value.field("session")?)?,
        })
    }
}

/// Reads a stored value. Never panics, whatever the string.
pub fn decode(raw: Option<&str>, kb: &KnowledgeBase) -> Loaded {
    let Some(raw) = raw else { return Loaded::Empty };
    match decode_envelope(raw, kb) {
        Ok(envelope) => match upgrade(&envelope.session, kb) {
            (session, Some(report)) => Loaded::Upgraded { session, saved_at: envelope.saved_at, report },
            (session, None) => Loaded::Restored { session, saved_at: envelope.saved_at },
        },
        Err(why) => Loaded::Unreadable(why),
    }
}

fn decode_envelope(raw: &str, kb: &KnowledgeBase) -> Result<Envelope, Unreadable> {
    let value = json::parse(raw).map_err(|e| Unreadable::Corrupt(e.to_string()))?;
    // A whole number; one too large for a `u32` is from a newer build.
    let version = value
        .get("version")
        .and_then(Value::as_f64)
        .filter(|v| *v >= 0.0 && v.fract() == 0.0)
        .ok_or_else(|| Unreadable::WrongShape("no envelope version".into()))?;
    let version = if version <= f64::from(u32::MAX) { version as u32 } else { return Err(Unreadable::NewerVersion(u32::MAX)) };
    if version > ENVELOPE_VERSION {
        return Err(Unreadable::NewerVersion(version));
    }
    let value = migrate(value, version)?;
    let envelope = Envelope::from_json(&value).map_err(Unreadable::WrongShape)?;
    if envelope.session.version > SESSION_VERSION {
        return Err(Unreadable::NewerVersion(envelope.session.version));
    }
    if !envelope.saved_at.is_finite() {
        return Err(Unreadable::WrongShape("saved_at is not a time".into()));
    }
    // A run of an earlier content version is brought up to date by the
    // caller; one of this version must name only what the content has.
    if envelope.session.content_version >= kb.content_version {
        envelope.session.check_ids(kb).map_err(Unreadable::UnknownIds)?;
    }
    Ok(envelope)
}
