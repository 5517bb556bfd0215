//! Languages: every translatable text of the content by a stable key, the
//! glossary of Apple's Settings labels, and the checks and the compact form
//! of a translation.
//!
//! Writers of a language edit three files in `data/lang/<code>/` (README,
//! "Adding a language"):
//!
//! - `ui.json`: every key of `ui-strings.json`, translated;
//! - `content.json`: every key of [`texts`] except Settings paths,
//!   translated. A label of iOS is written `[[Back Up Now]]` (its English
//!   name between double brackets) and becomes the glossary's label;
//! - `glossary.json`: for every label of the English glossary
//!   (`data/glossary.json`), the label that iOS shows in this language, and
//!   where that was verified.
//!
//! Settings paths are never translated by hand: each segment of the English
//! path is looked up in the glossary, so a label is spelled one way
//! everywhere and a correction is one edit.
//!
//! `build.rs` includes this file: it finds every language folder, checks each with [`check`]
//! (a problem fails the build) and writes each as a [`Pack`], the texts in
//! the order of [`texts`], which the app fetches when that language is
//! chosen and applies with [`apply`]. Plain Rust: no browser, no Yew.

use super::model::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What kind of text a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Prose: translated by hand.
    Text,
    /// A Settings path (`Settings > General > VPN`): made from the glossary.
    Path,
}

/// Calls `f` with every translatable text of the knowledge base, its key
/// and kind, in a fixed order (the order of a [`Pack`]). Ids, numbers and
/// source ids are not texts; neither are notes the interface never shows
/// (a prior's note, a source's note).
pub fn visit(kb: &mut KnowledgeBase, f: &mut dyn FnMut(&str, Kind, &mut String)) {
    let mut text = |key: String, s: &mut String| f(&key, Kind::Text, s);
    for c in &mut kb.causes {
        text(format!("cause.{}.title", c.id), &mut c.title);
        text(format!("cause.{}.summary", c.id), &mut c.summary);
    }
    for q in &mut kb.questions {
        text(format!("question.{}.text", q.id), &mut q.text);
        for (i, h) in q.help.iter_mut().enumerate() {
            if let Some(l) = &mut h.label {
                text(format!("question.{}.help.{i}.label", q.id), l);
            }
            text(format!("question.{}.help.{i}.text", q.id), &mut h.text);
        }
        for a in &mut q.answers {
            text(format!("question.{}.answer.{}", q.id, a.id), &mut a.label);
        }
    }
    let steps_of = |prefix: &str, variants: &mut Vec<StepVariant>, f: &mut dyn FnMut(&str, Kind, &mut String)| {
        for (i, v) in variants.iter_mut().enumerate() {
            if let Some(l) = &mut v.label {
                f(&format!("{prefix}.variant.{i}.label"), Kind::Text, l);
            }
            if let Some(s) = &mut v.stolen_device_protection {
                f(&format!("{prefix}.variant.{i}.sdp"), Kind::Text, s);
            }
            for (j, s) in v.steps.iter_mut().enumerate() {
                f(&format!("{prefix}.variant.{i}.step.{j}"), Kind::Text, &mut s.text);
                if let Some(p) = &mut s.path {
                    f(&format!("{prefix}.variant.{i}.step.{j}.path"), Kind::Path, p);
                }
            }
        }
    };
    for x in &mut kb.fixes {
        let p = format!("fix.{}", x.id);
        f(&format!("{p}.title"), Kind::Text, &mut x.title);
        f(&format!("{p}.summary"), Kind::Text, &mut x.summary);
        f(&format!("{p}.why"), Kind::Text, &mut x.why);
        steps_of(&p, &mut x.variants, f);
        f(&format!("{p}.verify"), Kind::Text, &mut x.verify);
        if let Some(w) = &mut x.warning {
            f(&format!("{p}.warning"), Kind::Text, w);
        }
    }
    for c in &mut kb.error_codes {
        f(&format!("code.{}.label", c.code), Kind::Text, &mut c.label);
        f(&format!("code.{}.solution", c.code), Kind::Text, &mut c.article_solution);
    }
    for a in &mut kb.alerts {
        f(&format!("alert.{}.text", a.id), Kind::Text, &mut a.text);
        for (i, ph) in a.phrases.iter_mut().enumerate() {
            f(&format!("alert.{}.phrase.{i}", a.id), Kind::Text, ph);
        }
        f(&format!("alert.{}.meaning", a.id), Kind::Text, &mut a.meaning);
    }
    for q in &mut kb.faq {
        f(&format!("faq.{}.question", q.id), Kind::Text, &mut q.question);
        for (i, a) in q.answer.iter_mut().enumerate() {
            f(&format!("faq.{}.answer.{i}", q.id), Kind::Text, a);
        }
    }
    for g in &mut kb.guides {
        let p = format!("guide.{}", g.id);
        f(&format!("{p}.title"), Kind::Text, &mut g.title);
        f(&format!("{p}.summary"), Kind::Text, &mut g.summary);
        for (i, s) in g.sections.iter_mut().enumerate() {
            let sp = format!("{p}.section.{i}");
            if let Some(h) = &mut s.heading {
                f(&format!("{sp}.heading"), Kind::Text, h);
            }
            for (j, para) in s.paragraphs.iter_mut().enumerate() {
                f(&format!("{sp}.paragraph.{j}"), Kind::Text, para);
            }
            for (j, item) in s.items.iter_mut().enumerate() {
                f(&format!("{sp}.item.{j}"), Kind::Text, &mut item.text);
                if let Some(d) = &mut item.detail {
                    f(&format!("{sp}.item.{j}.detail"), Kind::Text, d);
                }
            }
            steps_of(&sp, &mut s.steps, f);
            if let Some(w) = &mut s.warning {
                f(&format!("{sp}.warning"), Kind::Text, w);
            }
        }
    }
    for t in &mut kb.tips {
        f(&format!("tip.{}.title", t.id), Kind::Text, &mut t.title);
        f(&format!("tip.{}.text", t.id), Kind::Text, &mut t.text);
        if let Some(c) = &mut t.caution {
            f(&format!("tip.{}.caution", t.id), Kind::Text, c);
        }
    }
    for s in &mut kb.sources {
        f(&format!("source.{}.title", s.id), Kind::Text, &mut s.title);
    }
}

/// Every translatable text of `kb`: (key, kind, English text), in the
/// order of [`visit`].
pub fn texts(kb: &KnowledgeBase) -> Vec<(String, Kind, String)> {
    let mut copy = kb.clone();
    let mut out = Vec::new();
    visit(&mut copy, &mut |k, kind, s| out.push((k.to_string(), kind, s.clone())));
    out
}

/// The placeholders (`{name}`) of a text, sorted, with repeats.
pub fn placeholders(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out.sort_unstable();
    out
}

/// The separator of a Settings path's segments.
pub const PATH_SEPARATOR: &str = " > ";

/// One label of the English glossary (`data/glossary.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnglishLabel {
    /// The label as English iOS shows it, e.g. "Back Up Now".
    pub label: String,
    /// Where it appears (for translators): "Settings > [your name] > iCloud".
    #[serde(default)]
    pub context: String,
}

/// A language's glossary file: the label for each English label, and the
/// sources that show them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glossary {
    /// The language's own name, shown in the picker ("Deutsch").
    pub name: String,
    /// `ltr` or `rtl`.
    #[serde(default = "ltr")]
    pub dir: String,
    /// English label -> this language's entry.
    pub labels: BTreeMap<String, GlossaryLabel>,
    /// The pages the labels were read from.
    #[serde(default)]
    pub sources: Vec<GlossarySource>,
}

fn ltr() -> String {
    "ltr".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlossaryLabel {
    pub label: String,
    /// The glossary source ids that show this label in this language;
    /// empty when it could not be verified (then `note` says why).
    #[serde(default)]
    pub verified: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlossarySource {
    pub id: String,
    pub title: String,
    pub url: String,
    /// YYYY-MM-DD.
    pub checked: String,
}

/// One language as its writers left it.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    pub code: String,
    pub glossary: Glossary,
    pub ui: BTreeMap<String, String>,
    pub content: BTreeMap<String, String>,
}

/// What the app fetches for a language: the texts in the order of
/// [`visit`] (paths made, glossary labels put in) and the interface
/// strings in the order of their sorted keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    pub lang: String,
    pub content: Vec<String>,
    pub ui: Vec<String>,
}

/// True for a language code a folder of `data/lang/` may have: a BCP 47
/// tag of letters and digits (`de`, `pt-BR`, `zh-Hant`), not `en` (English
/// is built in).
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && code != "en"
}

/// Picks the language for a list of preferences (the `lang` option, a
/// remembered choice, `navigator.languages`), from the ones shipped: an
/// exact match (case-insensitive) first, then the same primary language
/// (`pt-PT` gets `pt-BR`, `es-MX` gets `es`); `None` when none matches.
pub fn negotiate<'a>(wanted: &str, available: &[&'a str]) -> Option<&'a str> {
    let wanted = wanted.trim();
    if wanted.is_empty() {
        return None;
    }
    if let Some(exact) = available.iter().find(|c| c.eq_ignore_ascii_case(wanted)) {
        return Some(exact);
    }
    let primary = |s: &str| s.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    let p = primary(wanted);
    available.iter().find(|c| primary(c) == p).copied()
}

/// The first `[[English label]]` reference in `s`: (where it starts, the
/// label, where it ends). A label may hold brackets: `[[[your name]]]`.
fn next_reference(s: &str) -> Option<(usize, &str, usize)> {
    let open = s.find("[[")?;
    let after = &s[open + 2..];
    let mut close = after.find("]]")?;
    while after[close + 2..].starts_with(']') {
        close += 1;
    }
    Some((open, &after[..close], open + 2 + close + 2))
}

/// The `[[English label]]` references in a text.
fn references(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some((_, label, end)) = next_reference(rest) {
        out.push(label);
        rest = &rest[end..];
    }
    out
}

/// True for an address of Apple's own pages (support.apple.com,
/// apple.com, Apple's short links, or an archived copy of a
/// support.apple.com page): only these verify a label.
pub fn is_apple_page(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else { return false };
    let host = rest.split('/').next().unwrap_or("");
    matches!(host, "support.apple.com" | "www.apple.com" | "apple.com" | "apple.co" | "help.apple.com")
        || (matches!(host, "web.archive.org" | "webcf.waybackmachine.org") && rest.contains("/https://support.apple.com/"))
}

/// `s` with every `[[label]]` replaced by the glossary's label.
fn put_labels(s: &str, glossary: &Glossary) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((start, name, end)) = next_reference(rest) {
        out.push_str(&rest[..start]);
        out.push_str(glossary.labels.get(name).map_or(name, |l| l.label.as_str()));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// True when `label` occurs in `text` as whole words.
fn contains_words(text: &str, label: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    text.match_indices(label).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + label.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The labels a text must reference when its English has them: labels of
/// two or more words (button and screen names such as "Back Up Now");
/// one-word labels ("Settings", "General") are also ordinary words.
fn must_reference(english: &str, labels: &[EnglishLabel]) -> Vec<String> {
    let mut found: Vec<&str> = labels.iter().map(|l| l.label.as_str()).filter(|l| l.contains(' ') && contains_words(english, l)).collect();
    // A longer label can hold a shorter one ("Turn Off and Delete from
    // iCloud" holds no other, but "Back Up Over Cellular" could hold "Back
    // Up"): a label found only inside a longer one found is that one's part.
    found.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let mut kept: Vec<&str> = Vec::new();
    for l in found {
        let only_inside = english.match_indices(l).all(|(i, _)| {
            kept.iter().any(|k| english.match_indices(k).any(|(j, _)| j <= i && i + l.len() <= j + k.len()))
        });
        if !only_inside {
            kept.push(l);
        }
    }
    kept.into_iter().map(str::to_string).collect()
}

/// Every problem of a translation, as "<file>: <key>: <message>" lines;
/// empty when it can ship. `english` is the built-in knowledge base, `ui`
/// the English interface strings, `labels` the English glossary.
pub fn check(t: &Translation, english: &KnowledgeBase, ui: &BTreeMap<String, String>, labels: &[EnglishLabel]) -> Vec<String> {
    let mut problems = Vec::new();
    let dir = format!("lang/{}", t.code);
    let mut p = |file: &str, key: &str, m: String| problems.push(format!("{dir}/{file}: {key}: {m}"));
    if !is_language_code(&t.code) {
        p("", "", format!("`{}` is not a language code for a folder (like `de`, `pt-BR`; English is built in)", t.code));
    }
    if t.glossary.name.trim().is_empty() {
        p("glossary.json", "name", "the language's own name is empty".into());
    }
    if t.glossary.dir != "ltr" && t.glossary.dir != "rtl" {
        p("glossary.json", "dir", format!("must be `ltr` or `rtl`, not `{}`", t.glossary.dir));
    }
    // The glossary: every English label, each with a label and known sources.
    for s in &t.glossary.sources {
        if !s.url.starts_with("https://") {
            p("glossary.json", &format!("sources.{}", s.id), "the address must start with https://".into());
        }
        if !(s.checked.len() == 10 && s.checked.as_bytes().iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })) {
            p("glossary.json", &format!("sources.{}", s.id), format!("`checked` must be YYYY-MM-DD, not `{}`", s.checked));
        }
    }
    let english_labels: BTreeSet<&str> = labels.iter().map(|l| l.label.as_str()).collect();
    for l in labels {
        match t.glossary.labels.get(&l.label) {
            None => p("glossary.json", &l.label, "missing: every label of data/glossary.json needs this language's label".into()),
            Some(g) => {
                if g.label.trim().is_empty() {
                    p("glossary.json", &l.label, "the label is empty".into());
                }
                if g.verified.is_empty() && g.note.trim().is_empty() {
                    p("glossary.json", &l.label, "neither verified by a source nor a note saying what was looked for".into());
                }
                for id in &g.verified {
                    match t.glossary.sources.iter().find(|s| &s.id == id) {
                        None => p("glossary.json", &l.label, format!("unknown source `{id}`")),
                        Some(s) if !is_apple_page(&s.url) => p(
                            "glossary.json",
                            &l.label,
                            format!("`{id}` ({}) is not one of Apple's pages: only those verify a label (name others in the note)", s.url),
                        ),
                        Some(_) => {}
                    }
                }
            }
        }
    }
    for k in t.glossary.labels.keys() {
        if !english_labels.contains(k.as_str()) {
            p("glossary.json", k, "not a label of data/glossary.json".into());
        }
    }
    // The interface strings: the same keys and placeholders.
    for (k, en) in ui {
        match t.ui.get(k) {
            None => p("ui.json", k, "missing".into()),
            Some(s) if s.trim().is_empty() => p("ui.json", k, "empty".into()),
            Some(s) if placeholders(s) != placeholders(en) => {
                p("ui.json", k, format!("placeholders {:?} differ from English {:?}", placeholders(s), placeholders(en)))
            }
            Some(_) => {}
        }
    }
    for k in t.ui.keys() {
        if !ui.contains_key(k) {
            p("ui.json", k, "not a key of ui-strings.json".into());
        }
    }
    // The content: every text but the paths, the same placeholders, the
    // labels referenced where English has them.
    let all = texts(english);
    let mut expected = BTreeSet::new();
    for (key, kind, en) in &all {
        if *kind == Kind::Path {
            for seg in en.split(PATH_SEPARATOR) {
                if !english_labels.contains(seg) {
                    p("content.json", key, format!("the English path segment `{seg}` is not in data/glossary.json"));
                }
            }
            continue;
        }
        expected.insert(key.as_str());
        let Some(s) = t.content.get(key) else {
            p("content.json", key, "missing".into());
            continue;
        };
        if s.trim().is_empty() {
            p("content.json", key, "empty".into());
        }
        if placeholders(s) != placeholders(en) {
            p("content.json", key, format!("placeholders {:?} differ from English {:?}", placeholders(s), placeholders(en)));
        }
        let refs = references(s);
        for r in &refs {
            if !english_labels.contains(r) {
                p("content.json", key, format!("`[[{r}]]` is not a label of data/glossary.json"));
            }
        }
        for l in must_reference(en, labels) {
            if !refs.contains(&l.as_str()) {
                p("content.json", key, format!("the English names the label “{l}”: write it as [[{l}]]"));
            }
        }
    }
    for k in t.content.keys() {
        if !expected.contains(k.as_str()) {
            p("content.json", k, "not a text of the content (paths come from the glossary)".into());
        }
    }
    problems
}

/// The path in this language: each English segment's glossary label.
pub fn translate_path(english: &str, glossary: &Glossary) -> String {
    english
        .split(PATH_SEPARATOR)
        .map(|seg| glossary.labels.get(seg).map_or(seg, |l| l.label.as_str()))
        .collect::<Vec<_>>()
        .join(PATH_SEPARATOR)
}

/// The pack of a translation that [`check`] accepted.
pub fn pack(t: &Translation, english: &KnowledgeBase, ui: &BTreeMap<String, String>) -> Pack {
    let content: Vec<String> = texts(english)
        .into_iter()
        .map(|(key, kind, en)| match kind {
            Kind::Path => translate_path(&en, &t.glossary),
            Kind::Text => put_labels(t.content.get(&key).map_or(en.as_str(), String::as_str), &t.glossary),
        })
        .collect();
    let ui_texts: Vec<String> = ui.iter().map(|(k, en)| t.ui.get(k).unwrap_or(en).clone()).collect();
    Pack { lang: t.code.clone(), content, ui: ui_texts }
}

/// Why a pack cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError(pub String);

/// The knowledge base in the pack's language: `english` with every text
/// replaced, ids and numbers untouched. Refuses a pack with another number
/// of texts (one from another build), rather than applying it wrongly.
pub fn apply(english: &KnowledgeBase, pack: &Pack) -> Result<KnowledgeBase, PackError> {
    let mut count = 0;
    let mut kb = english.clone();
    visit(&mut kb, &mut |_, _, _| count += 1);
    if pack.content.len() != count {
        return Err(PackError(format!("the pack for `{}` holds {} texts, this build has {count}", pack.lang, pack.content.len())));
    }
    let mut texts = pack.content.iter();
    visit(&mut kb, &mut |_, _, s| {
        if let Some(t) = texts.next() {
            s.clone_from(t);
        }
    });
    Ok(kb)
}
