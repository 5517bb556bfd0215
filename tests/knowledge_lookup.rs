//! Error lookup on the real knowledge base: every code in every form, every
//! alert wording with case, punctuation, typos and extra words, and inputs
//! that must find nothing. A property test feeds it arbitrary strings.

use backup_doctor::knowledge::lookup::{lookup, Lookup};
use backup_doctor::knowledge::{builtin, KnowledgeBase};
use proptest::prelude::*;

fn kb() -> &'static KnowledgeBase {
    builtin().expect("builtin knowledge base loads")
}

/// Every wording of every alert, with the alert's index.
fn wordings(kb: &KnowledgeBase) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, a) in kb.alerts.iter().enumerate() {
        out.push((i, a.text.clone()));
        for p in &a.phrases {
            out.push((i, p.clone()));
        }
    }
    out
}

fn expect_alert(kb: &KnowledgeBase, input: &str, i: usize) {
    assert_eq!(
        lookup(kb, input),
        Lookup::Alert(i),
        "{input:?} should find the alert {:?} ({:?})",
        kb.alerts[i].id,
        kb.alerts[i].text
    );
}

/// Typo'd copies of a text: in its longest word (5+ letters), each letter
/// dropped in turn, and each pair of neighbours swapped in turn.
fn typos(text: &str) -> Vec<String> {
    let Some(word) = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 5)
        .max_by_key(|w| w.chars().count())
    else {
        return Vec::new();
    };
    let at = text.find(word).unwrap();
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let mut c = chars.clone();
        c.remove(i);
        out.push(c);
    }
    for i in 0..chars.len() - 1 {
        let mut c = chars.clone();
        c.swap(i, i + 1);
        if c != chars {
            out.push(c);
        }
    }
    out.into_iter()
        .map(|c| format!("{}{}{}", &text[..at], c.into_iter().collect::<String>(), &text[at + word.len()..]))
        .collect()
}

#[test]
fn every_code_is_found_plain_and_in_context() {
    let kb = kb();
    assert!(!kb.error_codes.is_empty());
    for (i, c) in kb.error_codes.iter().enumerate() {
        for input in [
            c.code.clone(),
            format!("  {}  ", c.code),
            format!("error {}", c.code),
            format!("Error {}.", c.code),
            format!("iCloud Backup Failure ({})", c.code),
            c.label.clone(),
            format!("my phone says code #{} what do i do", c.code),
            format!("\t{}\n", c.code),
            // Typed with a Japanese keyboard's fullwidth digits.
            format!("エラー{}", c.code.chars().map(|d| if d.is_ascii_digit() { char::from_u32(d as u32 - u32::from(b'0') + 0xff10).unwrap_or(d) } else { d }).collect::<String>()),
        ] {
            assert_eq!(lookup(kb, &input), Lookup::Code(i), "{input:?}");
        }
    }
}

#[test]
fn a_code_matches_only_on_the_whole_number() {
    let kb = kb();
    for c in &kb.error_codes {
        let shorter = &c.code[..c.code.len() - 1];
        for input in [shorter.to_string(), format!("{}1", c.code), format!("1{}", c.code), format!("error {}0", c.code)] {
            assert_eq!(lookup(kb, &input), Lookup::Unknown, "{input:?}");
        }
    }
}

#[test]
fn every_alert_text_and_phrase_finds_its_alert() {
    let kb = kb();
    for (i, w) in wordings(kb) {
        expect_alert(kb, &w, i);
    }
}

#[test]
fn case_punctuation_and_curly_quotes_do_not_matter() {
    let kb = kb();
    for (i, w) in wordings(kb) {
        expect_alert(kb, &w.to_uppercase(), i);
        expect_alert(kb, &w.to_lowercase(), i);
        expect_alert(kb, &format!("\u{201c}{w}!!\u{201d}"), i);
        expect_alert(kb, &format!("{}.", w.replace(' ', ",  ")), i);
        expect_alert(kb, &w.replace('\'', "\u{2019}"), i);
        expect_alert(kb, &w.replace("Wi-Fi", "wifi"), i);
        expect_alert(kb, &w.replace("Wi-Fi", "wi fi"), i);
    }
}

#[test]
fn extra_words_around_do_not_matter() {
    let kb = kb();
    for (i, w) in wordings(kb) {
        expect_alert(kb, &format!("my iphone keeps saying {w} every night"), i);
        expect_alert(kb, &format!("Help: \"{w}\" ?"), i);
    }
}

#[test]
fn one_typo_in_a_long_word_still_matches() {
    let kb = kb();
    let mut checked = 0;
    for (i, w) in wordings(kb) {
        for t in typos(&w) {
            expect_alert(kb, &t, i);
            expect_alert(kb, &t.to_lowercase(), i);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} typo variants");
}

#[test]
fn hand_typed_variants_match() {
    let kb = kb();
    let id = |s: &str| kb.alerts.iter().position(|a| a.id == s).unwrap();
    for (input, alert) in [
        ("not enuogh icloud storag", "not-enough-storage"),
        ("NOT ENOUGH STORAGE!!!", "not-enough-storage"),
        ("icloud storage full", "not-enough-storage"),
        ("storage is almost full", "not-enough-storage"),
        ("iCloud backup needs wifi connection", "needs-wifi"),
        ("needs a wi-fi conection", "needs-wifi"),
        ("the last back up could not be completed", "last-backup-failed"),
        ("Couldn’t complete backup", "last-backup-failed"),
        ("backup failled", "last-backup-failed"),
        ("unable to acess the account", "unable-to-access-account"),
        ("please enter your apple id password", "unable-to-access-account"),
        ("iphone not backed up", "not-backed-up"),
        ("This iPhone hasn't been backed up in 3 weeks", "not-backed-up"),
    ] {
        expect_alert(kb, input, id(alert));
    }
}

#[test]
fn unknown_and_empty_inputs() {
    let kb = kb();
    for input in ["", " ", "\t\n  ", "\u{3000}"] {
        assert_eq!(lookup(kb, input), Lookup::Empty, "{input:?}");
    }
    let long = "a".repeat(10_000);
    let long_words = "hello world ".repeat(1_000);
    for input in [
        "hello",
        "9999",
        "0",
        "🙂",
        "🙂🙂 ‼️",
        "backup",
        "icloud",
        "icloud backup",
        "storage",
        "my screen is cracked",
        "error",
        "\u{0}\u{1}\u{7f}",
        long.as_str(),
        long_words.as_str(),
    ] {
        assert_eq!(lookup(kb, input), Lookup::Unknown, "{:?}", input.chars().take(40).collect::<String>());
    }
}

#[test]
fn a_code_anywhere_in_a_long_text_is_found() {
    let kb = kb();
    let text = format!("{} error 9010 {}", "blah ".repeat(2_000), "🙂".repeat(1_000));
    let i = kb.error_codes.iter().position(|c| c.code == "9010").unwrap();
    assert_eq!(lookup(kb, &text), Lookup::Code(i));
}

#[test]
fn lookup_is_deterministic() {
    let kb = kb();
    for (_, w) in wordings(kb) {
        for t in typos(&w) {
            assert_eq!(lookup(kb, &t), lookup(kb, &t));
        }
    }
}

proptest! {
    #[test]
    fn no_string_makes_lookup_panic(s in any::<String>()) {
        let _ = lookup(kb(), &s);
    }

    #[test]
    fn no_mix_of_words_digits_and_symbols_makes_lookup_panic(
        parts in proptest::collection::vec(prop_oneof![
            "[0-9]{1,6}",
            "[a-zA-Z'’-]{1,12}",
            "[ \\t\\n().,!?\u{201c}\u{201d}🙂]{1,3}",
            Just("storage".to_string()),
            Just("Wi-Fi".to_string()),
        ], 0..30)
    ) {
        let s: String = parts.concat();
        let r = lookup(kb(), &s);
        if s.trim().is_empty() {
            prop_assert_eq!(r, Lookup::Empty);
        } else {
            prop_assert_ne!(r, Lookup::Empty);
        }
    }
}

/// Alerts people type with the old name (Apple ID) and the new one
/// (Apple Account) reach the same alert; the verified-email alert is found.
#[test]
fn apple_id_and_apple_account_alerts_are_both_found() {
    let kb = kb();
    let at = |id: &str| kb.alerts.iter().position(|a| a.id == id).expect("alert exists");
    for input in ["Apple ID password required", "enter your Apple ID password", "Apple Account password required", "Update Apple Account Settings"] {
        expect_alert(kb, input, at("unable-to-access-account"));
    }
    expect_alert(kb, "can't back up without a verified email address", at("no-verified-email"));
}
