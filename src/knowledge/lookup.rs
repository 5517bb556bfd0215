//! Error lookup: what someone typed or pasted, matched to a known error
//! code or alert.
//!
//! Codes match exactly on the number: the input's runs of digits are
//! compared with the codes, so "error 9006" and "iCloud Backup Failure
//! (9006)" find 9006, while "900" and "90061" find nothing.
//!
//! Otherwise the text is matched against each alert's text and phrases as a
//! bag of words: case, punctuation, curly quotes and extra words do not
//! matter, and a word of five letters or more may carry one typo (two from
//! nine letters). A wording scores the share of its words found in the
//! input, each word weighted by how few alerts use it, so "backup" counts
//! for less than "verification". The best wording at or above
//! [`THRESHOLD`] wins; ties go to the wording with more matched weight, then
//! to the alert listed first.
//!
//! The word splitting and fuzzy comparison here are shared with
//! [`super::search`].

use super::model::KnowledgeBase;

/// What an input was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// An error code: the index in `kb.error_codes`.
    Code(usize),
    /// An alert: the index in `kb.alerts`.
    Alert(usize),
    /// Something was typed, but nothing known matches it.
    Unknown,
    /// Nothing but whitespace was typed.
    Empty,
}

/// The least share of a wording's (weighted) words an input must hold.
pub const THRESHOLD: f64 = 0.75;

/// Matches a typed code or pasted alert text. Never panics.
pub fn lookup(kb: &KnowledgeBase, input: &str) -> Lookup {
    if input.trim().is_empty() {
        return Lookup::Empty;
    }
    // Fullwidth digits ("９００６", as a Japanese keyboard types them) count.
    let digits: String = input.chars().map(lower).collect();
    for run in digits.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()) {
        if let Some(i) = kb.error_codes.iter().position(|c| c.code.trim() == run) {
            return Lookup::Code(i);
        }
    }

    // The input's words, and each pair of neighbours joined, so that
    // "wi fi" and "back up" also read as "wifi" and "backup".
    let mut typed: Vec<String> = Vec::new();
    let mut prev: Option<String> = None;
    for (_, _, key) in words(input) {
        if let Some(p) = prev.take() {
            typed.push(format!("{p}{key}"));
        }
        prev = Some(key.clone());
        typed.push(key);
    }
    crate::sort::sort(&mut typed);
    typed.dedup();

    // Each alert's wordings as word lists; a word's weight falls with the
    // number of alerts that use it.
    let wordings: Vec<Vec<Vec<String>>> = kb
        .alerts
        .iter()
        .map(|a| {
            std::iter::once(&a.text)
                .chain(&a.phrases)
                .map(|t| {
                    let mut w: Vec<String> = words(t).map(|(_, _, k)| k).filter(|k| !is_stopword(k)).collect();
                    crate::sort::sort(&mut w);
                    w.dedup();
                    w
                })
                .collect()
        })
        .collect();
    let weight = |word: &str| {
        let used_by = wordings.iter().filter(|a| a.iter().any(|w| w.iter().any(|x| x == word))).count();
        (1.0 + kb.alerts.len() as f64 / used_by.max(1) as f64).ln()
    };

    let mut best: Option<(f64, f64, usize)> = None; // (share, matched weight, alert)
    for (i, alert) in wordings.iter().enumerate() {
        for wording in alert {
            let (mut total, mut found) = (0.0, 0.0);
            for w in wording {
                let wt = weight(w);
                total += wt;
                let q = typed.iter().map(|t| closeness(t, w)).fold(0.0, f64::max);
                found += wt * q;
            }
            if total <= 0.0 {
                continue;
            }
            let share = found / total;
            if share + 1e-9 < THRESHOLD {
                continue;
            }
            let better = match best {
                None => true,
                Some((s, f, _)) => found > f + 1e-9 || ((found - f).abs() <= 1e-9 && share > s + 1e-9),
            };
            if better {
                best = Some((share, found, i));
            }
        }
    }
    match best {
        Some((_, _, i)) => Lookup::Alert(i),
        None => Lookup::Unknown,
    }
}

/// [`lookup`] in the knowledge base of the language in use, then in the
/// English one (the same entries, so the same positions): a person whose
/// iPhone speaks English still finds its alert while reading the app in
/// another language.
pub fn lookup_either(kb: &KnowledgeBase, english: &KnowledgeBase, input: &str) -> Lookup {
    match lookup(kb, input) {
        Lookup::Unknown if !std::ptr::eq(kb, english) => lookup(english, input),
        found => found,
    }
}

/// How well a typed word matches a known one: 1 when equal, 0.9 within the
/// typo allowance of [`within_typos`], else 0.
pub(crate) fn closeness(typed: &str, known: &str) -> f64 {
    if typed == known {
        1.0
    } else if within_typos(typed, known) {
        0.9
    } else {
        0.0
    }
}

/// True when two words are close enough to be the same word
/// mistyped: one edit (insert, delete, change or swap two neighbours) when
/// both have five letters or more, two when both have nine or more.
pub(crate) fn within_typos(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let allowed = match la.min(lb) {
        0..=4 => return false,
        5..=8 => 1,
        _ => 2,
    };
    if la.abs_diff(lb) > allowed {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    edit_distance(&a, &b) <= allowed
}

/// Optimal-string-alignment distance: Levenshtein plus swaps of neighbours.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// Characters that join two halves of one word: apostrophes (straight and
/// curly) and hyphens, as in "couldn’t" and "Wi-Fi".
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | '-' | '‐' | '‑')
}

/// The words of a text: `(start, end, key)`, with byte offsets of the word
/// as written and its key for comparison. A word is a run of letters and
/// digits, possibly joined by apostrophes or hyphens. The key is lowercase,
/// without accents ("Réglages" and "reglages" are one word), without the
/// joiners, and without a plural or possessive final "s" on words of four
/// letters or more ("Backups" and "iCloud's" give "backup" and "icloud").
///
/// Japanese and Chinese are written without spaces: a run of kana or kanji
/// gives each pair of neighbouring characters as a word ("バックアップ"
/// gives "バッ", "ック", "クア"...), so a part of a phrase finds the
/// phrase; a run of one character is that character.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    let mut chars = text.char_indices().peekable();
    let mut pending: std::collections::VecDeque<(usize, usize, String)> = std::collections::VecDeque::new();
    std::iter::from_fn(move || {
        if let Some(w) = pending.pop_front() {
            return Some(w);
        }
        let (start, first) = loop {
            let &(i, c) = chars.peek()?;
            if c.is_alphanumeric() {
                break (i, c);
            }
            chars.next();
        };
        if is_cjk(first) {
            let mut run: Vec<(usize, char)> = Vec::new();
            while let Some(&(i, c)) = chars.peek() {
                if !is_cjk(c) {
                    break;
                }
                run.push((i, c));
                chars.next();
            }
            if run.len() == 1 {
                return Some((start, start + first.len_utf8(), first.to_string()));
            }
            for pair in run.windows(2) {
                let (i, a) = pair[0];
                let (j, b) = pair[1];
                pending.push_back((i, j + b.len_utf8(), [a, b].iter().collect()));
            }
            return pending.pop_front();
        }
        let mut end = start;
        let mut key = String::new();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() && !is_cjk(c) {
                push_folded(&mut key, c);
                end = i + c.len_utf8();
                chars.next();
            } else if is_joiner(c) {
                // A joiner only counts when a letter or digit follows.
                let mut ahead = chars.clone();
                ahead.next();
                match ahead.peek() {
                    Some(&(_, n)) if n.is_alphanumeric() && !is_cjk(n) => {
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        Some((start, end, stem(key)))
    })
}

/// Kana, kanji (and the long-vowel mark): the scripts written without
/// spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff66}'..='\u{ff9f}')
}

/// The lowercase of a letter of the Latin (with Latin-1 and Extended-A),
/// Greek and Cyrillic alphabets (their modern letters), and the halfwidth
/// form of a fullwidth Latin letter or digit ("Ｉ" gives "i", "５" gives
/// "5", as typed on a Japanese keyboard); any other character is itself. The search folds
/// the languages it offers with this instead of `char::to_lowercase`,
/// whose table of every script is 11 KB of the wasm.
pub fn lower(c: char) -> char {
    let n = c as u32;
    let to = match n {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde | 0x391..=0x3a1 | 0x3a3..=0x3ab | 0x410..=0x42f => n + 0x20,
        0x130 => u32::from(b'i'),
        0x100..=0x137 | 0x14a..=0x177 if n.is_multiple_of(2) => n + 1,
        0x139..=0x148 | 0x179..=0x17e if n % 2 == 1 => n + 1,
        0x178 => 0xff,
        0x1e9e => 0xdf,
        0x386 => 0x3ac,
        0x388..=0x38a => n + 0x25,
        0x38c => 0x3cc,
        0x38e | 0x38f => n + 0x3f,
        0x400..=0x40f => n + 0x50,
        0x460..=0x481 | 0x48a..=0x4bf | 0x4d0..=0x52f if n.is_multiple_of(2) => n + 1,
        0xff21..=0xff3a => n - 0xff21 + u32::from(b'a'),
        0xff41..=0xff5a => n - 0xff41 + u32::from(b'a'),
        0xff10..=0xff19 => n - 0xff10 + u32::from(b'0'),
        _ => n,
    };
    char::from_u32(to).unwrap_or(c)
}

/// Appends `c` lowercase and without its accent (Latin letters: "É" and
/// "é" give "e", "ß" gives "ss", "ç" gives "c").
fn push_folded(key: &mut String, c: char) {
    {
        let l = lower(c);
        let base = match l {
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì'..='ï' | 'ī' | 'į' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ß' => {
                key.push_str("ss");
                return;
            }
            'œ' => {
                key.push_str("oe");
                return;
            }
            other => other,
        };
        key.push(base);
    }
}

/// Drops a final plural or possessive "s" (not "ss") from a word of four
/// letters or more.
fn stem(mut key: String) -> String {
    if key.chars().count() >= 4 && key.ends_with('s') && !key.ends_with("ss") && !is_stopword(&key) {
        key.pop();
    }
    key
}

/// Words too common to tell one wording from another.
pub(crate) fn is_stopword(key: &str) -> bool {
    matches!(
        key,
        "a" | "an" | "the" | "is" | "are" | "be" | "been" | "to" | "of" | "in" | "on" | "for" | "and" | "or" | "it"
            | "its" | "this" | "that" | "there" | "because" | "my" | "your" | "i" | "me" | "do" | "does" | "says"
            | "say" | "with" | "from" | "was" | "when" | "can" | "how"
    )
}
