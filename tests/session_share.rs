//! The share token: round trips, tampering, truncation, limits, versions,
//! and decoding anything at all without a panic.
//!
//! The helpers at the top re-implement the documented format (base64url,
//! CRC-32, varints, layout tag) independently of `share.rs`, so the tests
//! also check that the code matches its module comment.

use backup_doctor::knowledge::{builtin, KnowledgeBase};
use backup_doctor::session::share::*;
use backup_doctor::session::{Event, SeedRef, Session, SESSION_VERSION};
use proptest::prelude::*;

fn kb() -> &'static KnowledgeBase {
    builtin().expect("the built-in knowledge base loads")
}

// ---- the format, from the module comment --------------------------------

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn b64(bytes: &[u8]) -> String {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = String::new();
    for &b in bytes {
        bits = bits << 8 | u32::from(b);
        n += 8;
        while n >= 6 {
            n -= 6;
            out.push(B64[(bits >> n & 63) as usize] as char);
        }
    }
    if n > 0 {
        out.push(B64[(bits << (6 - n) & 63) as usize] as char);
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 };
        }
    }
    !c
}

fn varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn layout(kb: &KnowledgeBase) -> u16 {
    let mut s = Vec::new();
    for c in &kb.error_codes {
        s.extend(b"\0c");
        s.extend(c.code.as_bytes());
    }
    for a in &kb.alerts {
        s.extend(b"\0a");
        s.extend(a.id.as_bytes());
    }
    for q in &kb.questions {
        s.extend(b"\0q");
        s.extend(q.id.as_bytes());
        for a in &q.answers {
            s.extend(b"\0r");
            s.extend(a.id.as_bytes());
        }
    }
    for f in &kb.fixes {
        s.extend(b"\0f");
        s.extend(f.id.as_bytes());
    }
    crc32(&s) as u16
}

/// Appends the CRC and encodes: a token with a correct checksum.
fn seal(mut body: Vec<u8>) -> String {
    let crc = crc32(&body);
    body.extend(crc.to_le_bytes());
    b64(&body)
}

/// Format version, content version, layout tag (the documented header).
fn header(kb: &KnowledgeBase, format: u8) -> Vec<u8> {
    let mut body = vec![format];
    varint(&mut body, kb.content_version);
    body.extend(layout(kb).to_le_bytes());
    body
}

fn symbol_count(kb: &KnowledgeBase) -> u32 {
    let answers: usize = kb.questions.iter().map(|q| q.answers.len()).sum();
    (kb.error_codes.len() + kb.alerts.len() + answers + 3 * kb.fixes.len()) as u32
}

// ---- sessions ------------------------------------------------------------

fn answered(q: &str, a: &str) -> Event {
    Event::Answered { question: q.into(), answer: a.into() }
}

/// The session `decode` should give for `s`: its effective steps, no undos.
fn effective(s: &Session, kb: &KnowledgeBase) -> Session {
    Session { version: SESSION_VERSION, content_version: kb.content_version, events: s.effective().into_iter().cloned().collect() }
}

fn round_trip(s: &Session) -> Session {
    let kb = kb();
    let token = encode(s, kb);
    assert!(token.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'), "{token}");
    let back = decode(&token, kb).unwrap_or_else(|e| panic!("{token}: {e:?}"));
    assert_eq!(back, effective(s, kb), "{token}");
    assert!(back.check_ids(kb).is_ok());
    back
}

/// Every possible step of the real knowledge base.
fn all_steps(kb: &KnowledgeBase) -> Vec<Event> {
    let mut all = Vec::new();
    all.extend(kb.error_codes.iter().map(|c| Event::Seeded(SeedRef::Code(c.code.clone()))));
    all.extend(kb.alerts.iter().map(|a| Event::Seeded(SeedRef::Alert(a.id.clone()))));
    for q in &kb.questions {
        all.extend(q.answers.iter().map(|a| answered(&q.id, &a.id)));
    }
    for f in &kb.fixes {
        all.push(Event::FixWorked { fix: f.id.clone() });
        all.push(Event::FixFailed { fix: f.id.clone() });
        all.push(Event::CouldNotDo { fix: f.id.clone() });
    }
    all
}

/// A plausible 10-step run: a seed, answers, failed fixes, one that worked.
fn ten_step_run(kb: &KnowledgeBase) -> Session {
    let mut s = Session::new(kb.content_version);
    s.push(Event::Seeded(SeedRef::Code(kb.error_codes[0].code.clone())));
    for q in kb.questions.iter().take(5) {
        s.push(answered(&q.id, &q.answers[1].id));
    }
    s.push(Event::FixFailed { fix: kb.fixes[0].id.clone() });
    s.push(Event::CouldNotDo { fix: kb.fixes[3].id.clone() });
    s.push(Event::FixFailed { fix: kb.fixes[5].id.clone() });
    s.push(Event::FixWorked { fix: kb.fixes[kb.fixes.len() - 1].id.clone() });
    assert_eq!(s.step_count(), 10);
    s
}

fn assert_sane(result: &Result<Session, ShareError>) {
    if let Ok(s) = result {
        let kb = kb();
        assert!(s.check_ids(kb).is_ok());
        assert!(s.events.len() <= max_steps(kb));
        assert!(!s.events.contains(&Event::Undo));
        assert_eq!(s.content_version, kb.content_version);
    }
}

// ---- round trips ---------------------------------------------------------

#[test]
fn every_event_kind_round_trips() {
    let kb = kb();
    let q = &kb.questions[2];
    let mut s = Session::new(kb.content_version);
    s.push(Event::Seeded(SeedRef::Code(kb.error_codes[1].code.clone())));
    s.push(Event::Seeded(SeedRef::Alert(kb.alerts[kb.alerts.len() - 1].id.clone())));
    s.push(answered(&q.id, &q.answers[q.answers.len() - 1].id));
    s.push(Event::FixFailed { fix: kb.fixes[0].id.clone() });
    s.push(Event::CouldNotDo { fix: kb.fixes[1].id.clone() });
    s.push(Event::FixWorked { fix: kb.fixes[kb.fixes.len() - 1].id.clone() });
    let back = round_trip(&s);
    assert_eq!(back, s);
    assert_eq!(round_trip(&Session::new(kb.content_version)).events, vec![]);
}

#[test]
fn every_single_step_round_trips() {
    let kb = kb();
    for step in all_steps(kb) {
        let mut s = Session::new(kb.content_version);
        s.push(step);
        round_trip(&s);
    }
}

#[test]
fn undo_is_collapsed_not_sent() {
    let kb = kb();
    let q = &kb.questions[0];
    let mut s = Session::new(kb.content_version);
    s.push(Event::Undo); // nothing to undo
    s.push(answered(&q.id, &q.answers[0].id));
    s.push(Event::Undo);
    s.push(answered(&q.id, &q.answers[1].id));
    s.push(Event::FixFailed { fix: kb.fixes[2].id.clone() });
    s.push(Event::FixFailed { fix: kb.fixes[3].id.clone() });
    s.push(Event::Undo);
    let back = round_trip(&s);
    assert_eq!(back.events, vec![answered(&q.id, &q.answers[1].id), Event::FixFailed { fix: kb.fixes[2].id.clone() }]);
    // The same effective steps give the same token, however they were reached.
    assert_eq!(encode(&s, kb), encode(&back, kb));
}

#[test]
fn steps_with_unknown_ids_are_left_out() {
    let kb = kb();
    let mut s = Session::new(kb.content_version);
    s.push(answered("no-such-question", "yes"));
    s.push(Event::FixFailed { fix: kb.fixes[0].id.clone() });
    s.push(Event::Seeded(SeedRef::Code("no-such-code".into())));
    let back = decode(&encode(&s, kb), kb).unwrap();
    assert_eq!(back.events, vec![Event::FixFailed { fix: kb.fixes[0].id.clone() }]);
}

#[test]
fn the_token_follows_the_documented_format() {
    let kb = kb();
    let s = ten_step_run(kb);
    let all = all_steps(kb);
    let mut body = header(kb, 1);
    for e in s.effective() {
        varint(&mut body, all.iter().position(|a| a == e).unwrap() as u32);
    }
    assert_eq!(encode(&s, kb), seal(body));
}

#[test]
fn a_ten_step_run_is_short() {
    let kb = kb();
    let s = ten_step_run(kb);
    let token = encode(&s, kb);
    println!("10-step token: {token} ({} characters)", token.len());
    let empty = encode(&Session::new(kb.content_version), kb);
    println!("empty-run token: {empty} ({} characters)", empty.len());
    let mut longest = Session::new(kb.content_version);
    let all = all_steps(kb);
    for e in all.iter().rev().take(max_steps(kb)) {
        longest.push(e.clone());
    }
    let long = encode(&longest, kb);
    println!("{}-step token: {} characters", max_steps(kb), long.len());
    assert!(token.len() < 40, "{token}");
    assert!(long.len() <= MAX_TOKEN_LEN);
    assert_eq!(decode(&long, kb).unwrap(), longest);
}

// ---- damage ----------------------------------------------------------------

#[test]
fn every_single_character_change_is_rejected() {
    let kb = kb();
    let token = encode(&ten_step_run(kb), kb);
    let mut tried = 0;
    for i in 0..token.len() {
        for &c in B64.iter().chain(b".=+/ ~%") {
            if token.as_bytes()[i] == c {
                continue;
            }
            let mut bad = token.clone().into_bytes();
            bad[i] = c;
            let bad = String::from_utf8(bad).unwrap();
            let result = decode(&bad, kb);
            assert!(matches!(result, Err(ShareError::Tampered | ShareError::Malformed)), "{bad}: {result:?}");
            tried += 1;
        }
    }
    assert!(tried > 1000);
}

#[test]
fn every_truncation_is_rejected() {
    let kb = kb();
    let token = encode(&ten_step_run(kb), kb);
    for n in 0..token.len() {
        let result = decode(&token[..n], kb);
        assert!(matches!(result, Err(ShareError::Tampered | ShareError::Malformed)), "{n}: {result:?}");
    }
    // Extra characters are damage too.
    for extra in ["A", "AA", "AAA", "AAAA", "-"] {
        let result = decode(&format!("{token}{extra}"), kb);
        assert!(matches!(result, Err(ShareError::Tampered | ShareError::Malformed)), "{extra}: {result:?}");
    }
}

#[test]
fn non_canonical_last_character_is_malformed() {
    let kb = kb();
    let token = encode(&ten_step_run(kb), kb); // 18 bytes: no spare bits
    assert_eq!(token.len() % 4, 0);
    // 19 bytes leave 4 spare bits in the last character (needs 26 chars).
    let mut body = header(kb, 1);
    body.resize(19 - 4, 0);
    let good = seal(body);
    assert_eq!(good.len(), 26);
    assert!(decode(&good, kb).is_ok());
    let mut bad = good.into_bytes();
    let last = B64.iter().position(|&c| c == bad[25]).unwrap();
    bad[25] = B64[last | 1];
    assert_eq!(decode(std::str::from_utf8(&bad).unwrap(), kb), Err(ShareError::Malformed));
}

// ---- limits and versions -------------------------------------------------

#[test]
fn oversized_tokens_are_refused_before_decoding() {
    let kb = kb();
    assert_eq!(decode(&"A".repeat(MAX_TOKEN_LEN + 1), kb), Err(ShareError::Oversized));
    assert_eq!(decode(&"!".repeat(100_000), kb), Err(ShareError::Oversized));
    assert_eq!(decode(&"A".repeat(MAX_TOKEN_LEN), kb), Err(ShareError::Tampered));
}

#[test]
fn too_many_steps_is_oversized() {
    let kb = kb();
    let step = Event::FixFailed { fix: kb.fixes[0].id.clone() };
    let mut s = Session::new(kb.content_version);
    for _ in 0..max_steps(kb) {
        s.push(step.clone());
    }
    assert!(decode(&encode(&s, kb), kb).is_ok());
    s.push(step);
    assert_eq!(decode(&encode(&s, kb), kb), Err(ShareError::Oversized));
}

#[test]
fn a_newer_format_is_reported_as_such() {
    let kb = kb();
    for v in [2u8, 3, 200, 255] {
        let mut body = header(kb, v);
        body.push(0);
        assert_eq!(decode(&seal(body), kb), Err(ShareError::NewerFormat));
    }
    assert_eq!(decode(&seal(header(kb, 0)), kb), Err(ShareError::Malformed));
    assert!(decode(&seal(header(kb, 1)), kb).is_ok());
}

#[test]
fn another_content_version_is_content_changed() {
    let kb = kb();
    let s = ten_step_run(kb);
    for cv in [kb.content_version + 1, kb.content_version.wrapping_sub(1), 0, 300, u32::MAX] {
        if cv == kb.content_version {
            continue;
        }
        let mut other = kb.clone();
        other.content_version = cv;
        assert_eq!(decode(&encode(&s, &other), kb), Err(ShareError::ContentChanged), "{cv}");
        assert_eq!(decode(&encode(&s, kb), &other), Err(ShareError::ContentChanged), "{cv}");
    }
}

#[test]
fn reordered_content_with_the_same_version_is_content_changed() {
    let kb = kb();
    let s = ten_step_run(kb);
    let mut other = kb.clone();
    other.fixes.swap(0, 1);
    assert_eq!(decode(&encode(&s, &other), kb), Err(ShareError::ContentChanged));
    let mut added = kb.clone();
    added.alerts.insert(0, kb.alerts[0].clone());
    added.alerts[0].id = "a-new-alert".into();
    assert_eq!(decode(&encode(&s, kb), &added), Err(ShareError::ContentChanged));
}

#[test]
fn a_symbol_past_the_end_is_unknown_item() {
    let kb = kb();
    let n = symbol_count(kb);
    let mut ok = header(kb, 1);
    varint(&mut ok, n - 1);
    assert_eq!(decode(&seal(ok), kb).unwrap().events, vec![Event::CouldNotDo { fix: kb.fixes.last().unwrap().id.clone() }]);
    for sym in [n, n + 1, 1000, u32::MAX] {
        let mut body = header(kb, 1);
        varint(&mut body, sym);
        assert_eq!(decode(&seal(body), kb), Err(ShareError::UnknownItem), "{sym}");
    }
}

#[test]
fn bad_varints_are_malformed() {
    let kb = kb();
    for steps in [&[0x80u8][..], &[0x81, 0x00], &[0xff, 0xff, 0xff, 0xff, 0x7f], &[0xff, 0xff, 0xff, 0xff, 0xff, 0x01]] {
        let mut body = header(kb, 1);
        body.extend(steps);
        assert_eq!(decode(&seal(body), kb), Err(ShareError::Malformed), "{steps:?}");
    }
    // A header cut short inside the content version or the layout tag.
    assert_eq!(decode(&seal(vec![1, 0x80, 0x80, 0x80]), kb), Err(ShareError::Malformed));
    assert_eq!(decode(&seal(vec![1, kb.content_version as u8 & 0x7f, 0, 0][..3].to_vec()), kb), Err(ShareError::Malformed));
}

#[test]
fn errors_explain_themselves() {
    use ShareError::*;
    let all = [Malformed, Tampered, Oversized, NewerFormat, ContentChanged, UnknownItem];
    let texts: Vec<String> = all.iter().map(|e| e.to_string()).collect();
    for (e, t) in all.iter().zip(&texts) {
        println!("{e:?}: {t}");
        assert!(t.len() > 10 && t.len() < 100 && t.ends_with('.'), "{t}");
    }
    let mut unique = texts.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len());
}

// ---- properties ----------------------------------------------------------

fn sessions() -> impl Strategy<Value = Session> {
    let kb = kb();
    let mut choices = all_steps(kb);
    choices.push(Event::Undo);
    choices.push(Event::Undo);
    prop::collection::vec(prop::sample::select(choices), 0..max_steps(kb)).prop_map(move |events| Session {
        version: SESSION_VERSION,
        content_version: kb.content_version,
        events,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn random_valid_sessions_round_trip(s in sessions()) {
        let kb = kb();
        let token = encode(&s, kb);
        prop_assert!(token.len() <= MAX_TOKEN_LEN);
        prop_assert_eq!(decode(&token, kb), Ok(effective(&s, kb)));
    }

    #[test]
    fn random_strings_never_panic(text in ".{0,600}") {
        assert_sane(&decode(&text, kb()));
    }

    #[test]
    fn random_alphabet_strings_never_panic(text in "[A-Za-z0-9_-]{0,120}") {
        assert_sane(&decode(&text, kb()));
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..700)) {
        let kb = kb();
        assert_sane(&decode(&String::from_utf8_lossy(&bytes), kb));
        assert_sane(&decode(&b64(&bytes), kb));
        // With a valid checksum the parser itself is reached.
        assert_sane(&decode(&seal(bytes.clone()), kb));
        let mut body = header(kb, 1);
        body.extend(&bytes);
        assert_sane(&decode(&seal(body), kb));
    }
}
