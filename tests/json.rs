//! The app's own JSON reader and writer (`src/json.rs`), checked against
//! serde_json, which wrote the app's saved runs and events before it and
//! which the native tools still use: the same texts are accepted, they
//! read as the same values, and the app writes what serde_json wrote.

use backup_doctor::json::{self, Value, MAX_DEPTH};
use backup_doctor::session::outcome::{AnswerRecord, FixRecord, FixResult, OutcomeRecord, RunEnd};
use backup_doctor::session::saved::Envelope;
use backup_doctor::session::{Event, SeedRef, Session};
use proptest::prelude::*;

/// Ours as serde_json's, keys in order, a repeated key's last value kept.
fn to_serde(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::Number::from_f64(*n).map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Value::Object(fields) => {
            let mut map = serde_json::Map::new();
            for (k, v) in fields {
                map.insert(k.clone(), to_serde(v));
            }
            serde_json::Value::Object(map)
        }
    }
}

/// Equal, numbers compared as f64 to within a few units in the last place.
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (a, b) {
        (V::Number(x), V::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x - y).abs() <= 1e-14 * x.abs().max(y.abs())
        }
        (V::Array(x), V::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (V::Object(x), V::Object(y)) => x.len() == y.len() && x.iter().zip(y).all(|((kx, x), (ky, y))| kx == ky && same(x, y)),
        _ => a == b,
    }
}

fn agree(text: &str) -> Result<(), String> {
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) if same(&to_serde(a), b) => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        _ => Err(format!("{text:?}: ours {ours:?}, serde_json {theirs:?}")),
    }
}

#[test]
fn reads_what_serde_json_reads() {
    let texts = [
        "null", "true", "false", "0", "-0", "7", "-12", "1764250000000.0", "1764250000000", "0.5", "-2.25", "1e3", "1E-2", "2.5e+2",
        "123456789012345678901234", "9007199254740993", "0.1", "3.141592653589793", "1e308", "5e-324",
        r#""""#, r#""plain""#, r#""\" \\ \/ \b \f \n \r \t""#, r#""\u00e9\u20AC\ud83d\ude00""#, "\"é€😀\"",
        "[]", "[1,2,[3,[]]]", "{}", r#"{"a":1,"b":[true,null],"c":{"d":"e"}}"#, " \t\r\n[ 1 , 2 ] \n", r#"{"a":1,"a":2}"#,
        // Not JSON, for both.
        "", " ", "nul", "tru", "True", "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "1e400", "-1e400",
        "[1,]", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "{\"a\":1,}", "{\"a\":1", "[", "]", "\"open", "\"\\x\"", "\"\\u12\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"tab\there\"", "\"nl\nhere\"", "1 2", "[] x", "\u{feff}1",
    ];
    for text in texts {
        agree(text).unwrap();
    }
}

#[test]
fn errors_name_where_they_are() {
    let e = json::parse(r#"{"a":[1,2,}"#).unwrap_err();
    assert_eq!(e.at, 10);
    assert_eq!(e.to_string(), "not a JSON value at byte 10");
    assert_eq!(json::parse("[1] 2").unwrap_err().to_string(), "text after the value at byte 4");
    assert_eq!(json::parse("\"ab").unwrap_err().what, "the text ends inside a string");
}

#[test]
fn nesting_is_limited_and_never_overflows_the_stack() {
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(json::parse(&nested(MAX_DEPTH)).is_ok());
    assert_eq!(json::parse(&nested(MAX_DEPTH + 1)).unwrap_err().what, "nested too deeply");
    assert!(json::parse(&"[{\"a\":".repeat(100_000)).is_err());
    // The same limit as serde_json's.
    agree(&nested(MAX_DEPTH)).unwrap();
    agree(&nested(MAX_DEPTH + 1)).unwrap();
}

#[test]
fn very_long_numbers_keep_their_exponent() {
    // 100,001 zeros then the exponent that undoes them: 1.0 and 0.1.
    let a = format!("1{}e-100001", "0".repeat(100_001));
    let b = format!("0.{}1e100001", "0".repeat(100_001));
    assert_eq!(json::parse(&a).unwrap().as_f64(), Some(1.0));
    let b = json::parse(&b).unwrap().as_f64().unwrap();
    assert!((b - 0.1).abs() < 1e-15, "{b}");
    assert_eq!(json::parse("1e99999999999999999999").unwrap_err().what, "a number too large");
    assert_eq!(json::parse("1e-99999999999999999999").unwrap().as_f64(), Some(0.0));
}

#[test]
fn writes_numbers_as_json_that_reads_back() {
    let cases: &[(f64, &str)] = &[
        (0.0, "0"),
        (-0.0, "-0"),
        (7.0, "7"),
        (-12.0, "-12"),
        (1_764_250_000_000.0, "1764250000000"),
        (0.5, "0.5"),
        (-2.25, "-2.25"),
        (0.001_25, "0.00125"),
        (f64::NAN, "null"),
        (f64::INFINITY, "null"),
    ];
    for (n, text) in cases {
        assert_eq!(Value::Number(*n).to_string(), *text, "{n}");
    }
    for n in [1e20, 18_446_744_073_709_551_616.0, -3.5e25] {
        let text = Value::Number(n).to_string();
        assert_eq!(json::parse(&text).unwrap().as_f64(), Some(n), "{text}");
    }
    // Whole numbers beyond 2^64 are written exactly, with all their digits
    // (readers that scale as they read, serde_json without
    // `float_roundtrip` and this one, come within an ulp or two).
    assert_eq!(Value::Number(1e300).to_string(), format!("{:.0}", 1e300));
    for n in [1e300, 9e41, 2f64.powi(64), 2f64.powi(1000) * 3.0, -1e300] {
        let text = Value::Number(n).to_string();
        assert_eq!(text, format!("{n:.0}"), "{n:e}");
        for back in [serde_json::from_str::<f64>(&text).unwrap(), json::parse(&text).unwrap().as_f64().unwrap()] {
            assert!((back - n).abs() <= n.abs() * 1e-15, "{text} reads as {back}");
        }
    }
    // f64::MAX is written exactly too; readers that round as they scale
    // (serde_json without `float_roundtrip`, this one) may refuse it.
    assert_eq!(Value::Number(f64::MAX).to_string(), format!("{:.0}", f64::MAX));
}

#[test]
fn a_run_saved_by_an_earlier_build_still_reads() {
    // Written by serde_json before the app had its own JSON (its f64 with `.0`).
    let old = r#"{"version":1,"saved_at":1764250000000.0,"session":{"version":1,"content_version":3,"events":[{"event":"seeded","code":"9006"},{"event":"answered","question":"q1","answer":"yes"},{"event":"undo"}]}}"#;
    let envelope = Envelope::from_json(&json::parse(old).unwrap()).unwrap();
    assert_eq!(envelope, serde_json::from_str::<Envelope>(old).unwrap());
    assert_eq!(envelope.saved_at, 1_764_250_000_000.0);
    assert_eq!(envelope.session.events[0], Event::Seeded(SeedRef::Code("9006".into())));
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z0-9-]{0,12}", any::<String>()]
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        id().prop_map(|c| Event::Seeded(SeedRef::Code(c))),
        id().prop_map(|a| Event::Seeded(SeedRef::Alert(a))),
        (id(), id()).prop_map(|(question, answer)| Event::Answered { question, answer }),
        id().prop_map(|fix| Event::FixWorked { fix }),
        id().prop_map(|fix| Event::FixFailed { fix }),
        id().prop_map(|fix| Event::CouldNotDo { fix }),
        Just(Event::Undo),
    ]
}

fn session() -> impl Strategy<Value = Session> {
    (any::<u32>(), any::<u32>(), prop::collection::vec(event(), 0..12)).prop_map(|(version, content_version, events)| Session { version, content_version, events })
}

fn record() -> impl Strategy<Value = OutcomeRecord> {
    let seed = prop_oneof![Just(None), id().prop_map(|c| Some(SeedRef::Code(c))), id().prop_map(|a| Some(SeedRef::Alert(a)))];
    let result = prop::sample::select(vec![FixResult::Worked, FixResult::Failed, FixResult::Couldnt]);
    let end = prop::sample::select(vec![RunEnd::Resolved, RunEnd::HandedOver, RunEnd::Unfinished]);
    (
        (any::<u32>(), any::<u32>(), prop::option::of(id()), seed),
        prop::collection::vec((id(), id()).prop_map(|(question, answer)| AnswerRecord { question, answer }), 0..4),
        prop::collection::vec((id(), result).prop_map(|(fix, result)| FixRecord { fix, result }), 0..4),
        (end, any::<u32>(), id(), id()),
    )
        .prop_map(|((schema, content_version, language, seed), answers, fixes, (end, steps, handover, day))| OutcomeRecord {
            schema,
            content_version,
            language,
            seed,
            answers,
            fixes,
            end,
            steps,
            handover,
            day,
        })
}

/// JSON-ish text: mostly the characters JSON is made of.
fn jsonish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec!["{", "}", "[", "]", ",", ":", " ", "\"", "\\", "\"a\"", "\"k\":", "0", "1", "-", ".", "e", "E", "+", "9", "true", "null", "false", "\\u", "d83d", "de00", "00e9", "\n", "\t", "x"]).prop_map(str::to_string),
            any::<char>().prop_map(String::from),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

/// A serde_json value with whole numbers (as the app's documents have).
fn serde_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<u32>().prop_map(|n| serde_json::json!(n)),
        any::<i32>().prop_map(|n| serde_json::json!(n)),
        any::<String>().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6).prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn accepts_and_reads_what_serde_json_does(text in jsonish()) {
        prop_assert!(agree(&text).is_ok(), "{}", agree(&text).unwrap_err());
    }

    #[test]
    fn no_text_makes_it_panic(text in any::<String>()) {
        let _ = json::parse(&text);
        prop_assert!(agree(&text).is_ok(), "{}", agree(&text).unwrap_err());
    }

    #[test]
    fn writes_what_serde_json_writes(value in serde_value()) {
        let text = serde_json::to_string(&value).unwrap();
        let ours = json::parse(&text).unwrap();
        prop_assert_eq!(ours.to_string(), text);
    }

    #[test]
    fn sessions_are_written_and_read_as_serde_did(s in session()) {
        let text = s.to_json().to_string();
        prop_assert_eq!(&text, &serde_json::to_string(&s).unwrap());
        prop_assert_eq!(Session::from_json(&json::parse(&text).unwrap()).unwrap(), s);
    }

    #[test]
    fn envelopes_read_as_serde_wrote_them(s in session(), saved_at in 0u64..(1 << 53)) {
        let envelope = Envelope { version: 1, saved_at: saved_at as f64, session: s };
        let by_serde = serde_json::to_string(&envelope).unwrap();
        prop_assert_eq!(Envelope::from_json(&json::parse(&by_serde).unwrap()).unwrap(), envelope.clone());
        let ours = envelope.to_json().to_string();
        prop_assert_eq!(serde_json::from_str::<Envelope>(&ours).unwrap(), envelope);
    }

    #[test]
    fn outcome_records_are_written_as_serde_does(r in record()) {
        let text = r.to_json().to_string();
        prop_assert_eq!(&text, &serde_json::to_string(&r).unwrap());
        prop_assert_eq!(serde_json::from_str::<OutcomeRecord>(&text).unwrap(), r);
    }
}
