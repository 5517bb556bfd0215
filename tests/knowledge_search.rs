//! Search on the real knowledge base: the expected top hit for a table of
//! queries (typed, typo'd, half-typed), every title finding its own entry,
//! the matched words being visible in each hit, and property tests that no
//! query or highlight panics.

use backup_doctor::knowledge::search::{highlight, Hit, HitKind, SearchIndex};
use backup_doctor::knowledge::{builtin, KnowledgeBase};
use proptest::prelude::*;
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    builtin().expect("builtin knowledge base loads")
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::new(kb()))
}

fn show(hits: &[Hit]) -> String {
    hits.iter().map(|h| format!("{:?} {} ({:.2})", h.kind, h.id, h.score)).collect::<Vec<_>>().join(", ")
}

/// Asserts that the top hit for `query` is one of `expected`.
fn top_is(query: &str, expected: &[(HitKind, &str)]) {
    let hits = index().search(query, 5);
    let top = hits.first().map(|h| (h.kind, h.id.as_str()));
    assert!(top.is_some_and(|t| expected.contains(&t)), "{query:?}: expected one of {expected:?}, got [{}]", show(&hits));
}

#[test]
fn the_expected_entry_comes_first() {
    use HitKind::*;
    let wifi: &[(HitKind, &str)] = &[(Fix, "better-wifi"), (Cause, "wifi-problem")];
    let storage: &[(HitKind, &str)] = &[(Fix, "check-icloud-storage"), (Cause, "not-enough-icloud-storage")];
    let apple_id: &[(HitKind, &str)] = &[(Fix, "verify-apple-id"), (Cause, "apple-id-password")];
    let date: &[(HitKind, &str)] = &[(Fix, "check-date-time"), (Cause, "wrong-date-time")];
    let table: &[(&str, &[(HitKind, &str)])] = &[
        ("restore", &[(Guide, "how-to-restore")]),
        ("Restore", &[(Guide, "how-to-restore")]),
        ("how do I restore my iPhone", &[(Guide, "how-to-restore")]),
        ("restor", &[(Guide, "how-to-restore")]),
        ("resotre", &[(Guide, "how-to-restore")]),
        ("9006", &[(Code, "9006")]),
        ("error 9012", &[(Code, "9012")]),
        ("force restart", &[(Fix, "force-restart")]),
        ("FORCE RESTART", &[(Fix, "force-restart")]),
        ("force restrat", &[(Fix, "force-restart")]),
        ("force res", &[(Fix, "force-restart")]),
        ("wifi", wifi),
        ("wi-fi", wifi),
        ("Wi-Fi", wifi),
        ("wi fi", wifi),
        ("stronger wifi", &[(Fix, "better-wifi")]),
        ("what does a backup include", &[(Guide, "what-a-backup-holds")]),
        ("what is in a backup", &[(Guide, "what-a-backup-holds")]),
        ("delete backup", &[(Fix, "delete-icloud-backup")]),
        ("delete icloud backup", &[(Fix, "delete-icloud-backup")]),
        ("storage", storage),
        ("icloud storage", storage),
        ("icloud storag", storage),
        ("icloud storgae", storage),
        ("apple id password", apple_id),
        ("apple id pasword", apple_id),
        ("passwrod", apple_id),
        ("date and time", date),
        ("date & time", date),
        ("how often", &[(Guide, "how-often-backups-run")]),
        ("where are backups kept", &[(Guide, "where-backups-live")]),
        ("back up to a computer", &[(Fix, "computer-backup")]),
        ("sign out", &[(Fix, "sign-out-sign-in")]),
        ("reset network", &[(Fix, "reset-network-settings")]),
        ("vpn", &[(Cause, "vpn-or-content-blocker"), (Fix, "disable-vpn-content-blockers")]),
        ("content blocker", &[(Cause, "vpn-or-content-blocker"), (Fix, "disable-vpn-content-blockers")]),
        ("battery", &[(Cause, "low-battery"), (Fix, "charge-and-plug-in")]),
        ("update ios", &[(Fix, "update-ios")]),
        ("apple support", &[(Fix, "contact-apple-support")]),
        ("error codes", &[(Faq, "are-error-codes-apples")]),
        ("is my iphone backing up properly", &[(Faq, "is-it-backing-up")]),
        ("backup stops part-way", &[(Faq, "fails-halfway")]),
        ("back up without icloud", &[(Faq, "back-up-without-icloud")]),
    ];
    for (query, expected) in table {
        top_is(query, expected);
    }
}

#[test]
fn every_code_finds_its_page() {
    for c in &kb().error_codes {
        top_is(&c.code, &[(HitKind::Code, c.code.as_str())]);
        top_is(&c.label, &[(HitKind::Code, c.code.as_str())]);
    }
}

#[test]
fn every_title_finds_its_own_entry() {
    let kb = kb();
    let mut entries: Vec<(HitKind, &str, &str)> = Vec::new();
    entries.extend(kb.fixes.iter().map(|f| (HitKind::Fix, f.id.as_str(), f.title.as_str())));
    entries.extend(kb.faq.iter().map(|f| (HitKind::Faq, f.id.as_str(), f.question.as_str())));
    entries.extend(kb.guides.iter().map(|g| (HitKind::Guide, g.id.as_str(), g.title.as_str())));
    entries.extend(kb.causes.iter().map(|c| (HitKind::Cause, c.id.as_str(), c.title.as_str())));
    for (kind, id, title) in entries {
        top_is(title, &[(kind, id)]);
        top_is(&title.to_lowercase(), &[(kind, id)]);
    }
}

#[test]
fn whole_query_matches_rank_above_partial_ones() {
    // Both words are in force-restart's title; restart-iphone has only one.
    let hits = index().search("force restart", 10);
    let at = |id: &str| hits.iter().position(|h| h.id == id).unwrap();
    assert!(at("force-restart") < at("restart-iphone"), "{}", show(&hits));
    // A title match outranks a body-only match.
    let hits = index().search("restore", 10);
    assert_eq!(hits[0].kind, HitKind::Guide);
    assert!(hits[0].score > 2.0 * hits[1].score, "{}", show(&hits));
}

fn sample_queries() -> Vec<String> {
    let kb = kb();
    let mut q: Vec<String> = ["restore", "restor", "wi-fi", "wifi", "storage", "9006", "delete backup", "what does a backup include", "a", "the", "how to"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    q.extend(kb.fixes.iter().map(|f| f.title.clone()));
    q.extend(kb.faq.iter().map(|f| f.question.clone()));
    q.extend(kb.guides.iter().map(|g| g.title.clone()));
    q.extend(kb.tips.iter().map(|t| t.title.clone()));
    q
}

#[test]
fn matched_words_are_visible_in_each_hit() {
    for query in sample_queries() {
        let hits = index().search(&query, 8);
        for h in &hits {
            assert!(!h.matched.is_empty(), "{query:?} -> {} has no matched words", h.id);
            let marked: Vec<String> = highlight(&h.title, &h.matched)
                .into_iter()
                .chain(highlight(&h.snippet, &h.matched))
                .filter(|r| r.1)
                .map(|r| r.0.to_lowercase())
                .collect();
            for m in &h.matched {
                assert_eq!(m, &m.to_lowercase());
                assert!(marked.contains(m), "{query:?} -> {}: {m:?} not marked in {:?} / {:?}", h.id, h.title, h.snippet);
            }
        }
    }
}

#[test]
fn hits_are_sorted_limited_short_and_deterministic() {
    for query in sample_queries() {
        let hits = index().search(&query, 5);
        assert!(hits.len() <= 5);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score), "{query:?}: {}", show(&hits));
        for h in &hits {
            assert!(h.score.is_finite() && h.score > 0.0);
            assert!(h.snippet.chars().count() <= 200, "{query:?} -> {}: {} chars", h.id, h.snippet.chars().count());
            assert!(!h.snippet.trim().is_empty(), "{query:?} -> {}", h.id);
        }
        assert_eq!(hits, index().search(&query, 5));
        assert_eq!(index().search(&query, 0), Vec::new());
    }
}

#[test]
fn empty_and_unmatched_queries_give_no_hits() {
    for query in ["", " ", "\n\t ", "🙂", "?!", "zzzzqqq", "xylophone"] {
        assert_eq!(index().search(query, 10), Vec::new(), "{query:?}");
    }
}

#[test]
fn long_and_odd_queries_are_fine() {
    let long = "backup ".repeat(2_000);
    let hits = index().search(&long, 3);
    assert!(!hits.is_empty());
    let _ = index().search(&"a".repeat(10_000), 3);
    let _ = index().search(&"🙂".repeat(10_000), 3);
    let _ = index().search("\u{0}\u{1}wi-\u{7f}fi", 3);
}

#[test]
fn highlight_marks_whole_words_regardless_of_case() {
    let m = vec!["wi-fi".to_string(), "backup".to_string()];
    let runs = highlight("Backups need Wi-Fi; a BACKUP, backupx and wifi.", &m);
    let marked: Vec<&str> = runs.iter().filter(|r| r.1).map(|r| r.0.as_str()).collect();
    assert_eq!(marked, ["Backups", "Wi-Fi", "BACKUP", "wifi"]);
    assert_eq!(runs.iter().map(|r| r.0.as_str()).collect::<String>(), "Backups need Wi-Fi; a BACKUP, backupx and wifi.");
    assert_eq!(highlight("", &m), Vec::new());
    assert_eq!(highlight("plain", &[]), vec![("plain".to_string(), false)]);
}

proptest! {
    #[test]
    fn no_query_makes_search_panic(s in any::<String>(), limit in 0usize..20) {
        let hits = index().search(&s, limit);
        prop_assert!(hits.len() <= limit);
        if s.trim().is_empty() {
            prop_assert!(hits.is_empty());
        }
    }

    #[test]
    fn no_word_soup_makes_search_panic(
        parts in proptest::collection::vec(prop_oneof![
            "[a-zA-Z'’-]{1,12}",
            "[0-9]{1,5}",
            "[ \\t.,!?🙂]{1,3}",
            Just("restore".to_string()),
            Just("wi-fi".to_string()),
        ], 0..20)
    ) {
        let q = parts.concat();
        for h in index().search(&q, 8) {
            prop_assert!(!h.matched.is_empty());
        }
    }

    #[test]
    fn highlight_gives_back_the_text(text in any::<String>(), matched in proptest::collection::vec(any::<String>(), 0..4)) {
        let runs = highlight(&text, &matched);
        prop_assert_eq!(runs.iter().map(|r| r.0.as_str()).collect::<String>(), text);
        prop_assert!(runs.iter().all(|r| !r.0.is_empty()));
    }
}

/// Apple renamed Apple ID to Apple Account with iOS 18, but people still
/// type the old name: both find the account fix, and the new alert.
#[test]
fn apple_id_and_apple_account_both_find_the_account_help() {
    for query in ["Apple ID password", "apple id", "Apple Account password", "forgot apple account password"] {
        let hits = index().search(query, 5);
        assert!(
            hits.iter().any(|h| h.kind == HitKind::Fix && h.id == "verify-apple-id"),
            "{query:?} should find verify-apple-id, got [{}]",
            show(&hits)
        );
    }
    top_is("security delay", &[(HitKind::Faq, "security-delay")]);
}

/// The search's own case folding agrees with Unicode's lowercase wherever
/// it claims to fold: all of Latin to Extended-A, the modern Greek and
/// Cyrillic alphabets; fullwidth Latin letters and digits become ASCII.
#[test]
fn case_folding_agrees_with_unicode_on_the_alphabets_it_folds() {
    use backup_doctor::knowledge::lookup::lower;
    let ranges = [0x00..0x180u32, 0x386..0x3ac, 0x3ac..0x3cf, 0x400..0x460, 0x460..0x482, 0x48a..0x4c0, 0x4d0..0x530];
    for n in ranges.into_iter().flatten() {
        let Some(c) = char::from_u32(n) else { continue };
        let unicode: Vec<char> = c.to_lowercase().collect();
        // İ lowercases to "i" plus a combining dot: the search drops the dot.
        let expected = if n == 0x130 { 'i' } else if unicode.len() == 1 { unicode[0] } else { continue };
        assert_eq!(lower(c), expected, "U+{n:04X} {c}");
    }
    assert_eq!("ＡＺａｚ０９".chars().map(lower).collect::<String>(), "azaz09");
    assert_eq!(lower('ẞ'), 'ß', "German's capital sharp s");
    for c in ['ア', 'ア', '設', '!', ' ', 'ǅ'] {
        assert_eq!(lower(c), c, "{c} has no fold here");
    }
}
