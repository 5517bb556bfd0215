//! Search over fixes, FAQ entries, guides, error codes and causes: local,
//! instant, tolerant of case and small typos.
//!
//! [`SearchIndex::new`] splits every entry into a title and a body, and
//! both into words (see [`super::lookup`] for what a word and its key are;
//! a hyphenated word is also indexed by its parts, so "wi fi" finds
//! "Wi-Fi"). A query word matches a word of the index when it is equal
//! (1.0), within the typo allowance (0.7: one edit from five letters, two
//! from nine), or, for the last word of a query still being typed (three
//! letters or more, no space after it), when it starts that word (0.8).
//! Each match is worth its quality times the word's rarity (inverse
//! document frequency). Per query word an entry scores 3 × its best title
//! match plus ½ × its best body match. The sum is then multiplied by the
//! share of query words matched, squared (whole-query matches rank above
//! partial ones), by 1 + the share of the title matched (a short title that
//! is all match ranks above a long one), by 1.5 when every query word is in
//! the title, by 10 for a code whose number is one of the query's words,
//! and by 3 when the query is the entry's id ("force restart"). Ties keep
//! the order fix, FAQ, guide, code, cause, then the knowledge base's order.
//!
//! Common words ("a", "the", "how", "my"...) are dropped from a query
//! unless nothing else is left; at most twelve query words count. The
//! snippet is the ~160 bytes of the body holding the most query words
//! (from the start of the sentence when it begins just before), or the
//! summary when only the title matched.

use super::lookup::{is_stopword, within_typos, words};
use super::model::{KnowledgeBase, StepVariant};
use std::collections::BTreeMap;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HitKind {
    Fix,
    Faq,
    Guide,
    Code,
    Cause,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: HitKind,
    /// The fix, FAQ entry, guide or cause id, or the code's number.
    pub id: String,
    pub title: String,
    /// A short excerpt around the best match in the body, or the summary.
    pub snippet: String,
    /// The words of `title` and `snippet` that matched, lowercase, each
    /// once, for [`highlight`].
    pub matched: Vec<String>,
    pub score: f64,
}

/// Roughly how long a snippet is, in bytes.
const SNIPPET: usize = 160;
/// Query words beyond this many are ignored.
const MAX_TERMS: usize = 12;

struct Word {
    key: usize,
    start: usize,
    end: usize,
}

struct Doc {
    kind: HitKind,
    id: String,
    title: String,
    body: String,
    /// `body[..summary_end]` is the summary.
    summary_end: usize,
    title_words: Vec<Word>,
    body_words: Vec<Word>,
}

/// The search index, built once from a knowledge base.
pub struct SearchIndex {
    vocab: Vec<String>,
    /// Per vocabulary word, ln(1 + documents / documents holding it).
    idf: Vec<f64>,
    docs: Vec<Doc>,
}

/// Appends a piece of text to a body, ending the previous piece with a
/// full stop when it has no punctuation of its own.
fn push(body: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !body.is_empty() {
        if !body.ends_with(['.', '!', '?', ':']) {
            body.push('.');
        }
        body.push(' ');
    }
    body.push_str(text);
}

fn push_steps(body: &mut String, variants: &[StepVariant]) {
    for v in variants {
        for s in &v.steps {
            push(body, &s.text);
            if let Some(p) = &s.path {
                push(body, p);
            }
        }
    }
}

impl SearchIndex {
    pub fn new(kb: &KnowledgeBase) -> SearchIndex {
        let mut raw: Vec<(HitKind, String, String, String, usize)> = Vec::new();
        let mut add = |kind, id: &str, title: &str, summary: &str, rest: &dyn Fn(&mut String)| {
            let mut body = String::new();
            push(&mut body, summary);
            let summary_end = body.len();
            rest(&mut body);
            raw.push((kind, id.to_string(), title.to_string(), body, summary_end));
        };
        for f in &kb.fixes {
            add(HitKind::Fix, &f.id, &f.title, &f.summary, &|b| {
                push(b, &f.why);
                if let Some(w) = &f.warning {
                    push(b, w);
                }
                push_steps(b, &f.variants);
                push(b, &f.verify);
            });
        }
        for q in &kb.faq {
            let first = q.answer.first().map(String::as_str).unwrap_or("");
            add(HitKind::Faq, &q.id, &q.question, first, &|b| q.answer.get(1..).unwrap_or(&[]).iter().for_each(|a| push(b, a)));
        }
        for g in &kb.guides {
            add(HitKind::Guide, &g.id, &g.title, &g.summary, &|b| {
                for s in &g.sections {
                    push(b, s.heading.as_deref().unwrap_or(""));
                    s.paragraphs.iter().for_each(|p| push(b, p));
                    for i in &s.items {
                        push(b, &i.text);
                        push(b, i.detail.as_deref().unwrap_or(""));
                    }
                    push_steps(b, &s.steps);
                    push(b, s.warning.as_deref().unwrap_or(""));
                }
            });
        }
        for c in &kb.error_codes {
            let cause = kb.causes.iter().find(|x| x.id == c.cause);
            add(HitKind::Code, &c.code, &c.label, &c.article_solution, &|b| {
                push(b, &format!("Error code {}", c.code));
                if let Some(x) = cause {
                    push(b, &x.title);
                }
            });
        }
        for c in &kb.causes {
            add(HitKind::Cause, &c.id, &c.title, &c.summary, &|b| {
                kb.alerts.iter().filter(|a| a.cause == c.id).for_each(|a| push(b, &a.text));
            });
        }

        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut vocab: Vec<String> = Vec::new();
        let mut df: Vec<usize> = Vec::new();
        let mut index = |text: &str, seen: &mut Vec<usize>| -> Vec<Word> {
            let mut out = Vec::new();
            for (start, end, key) in words(text) {
                let surface = &text[start..end];
                let mut keys = vec![key];
                if surface.contains(['-', '‐', '‑']) {
                    keys.extend(surface.split(['-', '‐', '‑']).flat_map(|p| words(p).map(|w| w.2).collect::<Vec<_>>()));
                }
                for key in keys {
                    let next = vocab.len();
                    let k = *ids.entry(key.clone()).or_insert(next);
                    if k == next {
                        vocab.push(key);
                        df.push(0);
                    }
                    if !seen.contains(&k) {
                        seen.push(k);
                        df[k] += 1;
                    }
                    out.push(Word { key: k, start, end });
                }
            }
            out
        };
        let docs: Vec<Doc> = raw
            .into_iter()
            .map(|(kind, id, title, body, summary_end)| {
                let mut seen = Vec::new();
                let title_words = index(&title, &mut seen);
                let body_words = index(&body, &mut seen);
                Doc { kind, id, title, body, summary_end, title_words, body_words }
            })
            .collect();
        let n = docs.len() as f64;
        let idf = df.iter().map(|&d| (1.0 + n / d.max(1) as f64).ln()).collect();
        SearchIndex { vocab, idf, docs }
    }

    /// The best `limit` hits for a query, best first. An empty or
    /// whitespace query gives none. Never panics.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        if limit == 0 {
            return Vec::new();
        }
        // The query's words; the last one may still be being typed.
        let typing = !query.ends_with(|c: char| !c.is_alphanumeric());
        let all: Vec<String> = words(query).map(|w| w.2).collect();
        let last = all.last().cloned();
        let mut terms: Vec<String> = all.iter().filter(|k| !is_stopword(k)).cloned().collect();
        if terms.is_empty() {
            terms = all;
        }
        let mut seen = Vec::new();
        terms.retain(|t| !seen.contains(t) && {
            seen.push(t.clone());
            true
        });
        terms.truncate(MAX_TERMS);
        if terms.is_empty() {
            return Vec::new();
        }

        // Per term, the quality of each vocabulary word it matches.
        let quality: Vec<Vec<f64>> = terms
            .iter()
            .map(|t| {
                let prefix = typing && Some(t) == last.as_ref() && t.chars().count() >= 3;
                self.vocab
                    .iter()
                    .map(|v| {
                        if v == t {
                            1.0
                        } else if prefix && v.starts_with(t.as_str()) {
                            0.8
                        } else if within_typos(t, v) {
                            0.7
                        } else {
                            0.0
                        }
                    })
                    .collect()
            })
            .collect();
        let query_id = terms.join("-");

        let mut hits: Vec<(f64, usize)> = Vec::new();
        for (d, doc) in self.docs.iter().enumerate() {
            let best = |ws: &[Word], q: &[f64]| ws.iter().map(|w| q[w.key] * self.idf[w.key]).fold(0.0, f64::max);
            let (mut raw, mut found, mut in_title) = (0.0, 0, 0);
            for q in &quality {
                let (t, b) = (best(&doc.title_words, q), best(&doc.body_words, q));
                raw += 3.0 * t + 0.5 * b;
                found += usize::from(t > 0.0 || b > 0.0);
                in_title += usize::from(t > 0.0);
            }
            if found == 0 {
                continue;
            }
            // The title's words (by position: a hyphenated word is one),
            // and how many of them matched.
            let (mut spans, mut hit_spans) = (Vec::new(), Vec::new());
            for w in doc.title_words.iter().filter(|w| !is_stopword(&self.vocab[w.key])) {
                if !spans.contains(&w.start) {
                    spans.push(w.start);
                }
                if quality.iter().any(|q| q[w.key] > 0.0) && !hit_spans.contains(&w.start) {
                    hit_spans.push(w.start);
                }
            }
            let share = found as f64 / terms.len() as f64;
            let mut score = raw * share * share * (1.0 + hit_spans.len() as f64 / spans.len().max(1) as f64);
            if in_title == terms.len() {
                score *= 1.5;
            }
            if doc.kind == HitKind::Code && terms.contains(&doc.id) {
                score *= 10.0;
            } else if doc.id == query_id {
                score *= 3.0;
            }
            hits.push((score, d));
        }
        crate::sort::sort_by(&mut hits, |a, b| b.0.total_cmp(&a.0).then(self.docs[a.1].kind.cmp(&self.docs[b.1].kind)).then(a.1.cmp(&b.1)));
        hits.truncate(limit);
        hits.into_iter().map(|(score, d)| self.hit(&self.docs[d], &quality, score)).collect()
    }

    fn hit(&self, doc: &Doc, quality: &[Vec<f64>], score: f64) -> Hit {
        let matches = |w: &Word| quality.iter().any(|q| q[w.key] > 0.0);
        let terms_at = |from: usize, to: usize| {
            quality.iter().filter(|q| doc.body_words.iter().any(|w| w.start >= from && w.start < to && q[w.key] > 0.0)).count()
        };
        // The window of the body holding the most query words, earliest first.
        let mut best: Option<(usize, usize)> = None; // (terms, start)
        for w in doc.body_words.iter().filter(|w| matches(w)) {
            let n = terms_at(w.start, w.start + SNIPPET * 3 / 4);
            if best.is_none_or(|(b, _)| n > b) {
                best = Some((n, w.start));
            }
        }
        let (from, to) = match best {
            None => (0, doc.summary_end),
            Some((_, at)) => {
                let from = doc.body_words.iter().find(|w| w.start + SNIPPET / 4 >= at).map_or(0, |w| w.start);
                // Start at the sentence when it begins close before.
                let from = doc.body[..from].rfind(". ").map(|i| i + 2).filter(|&i| i + SNIPPET / 3 >= from).unwrap_or(from);
                (from, doc.body.len())
            }
        };
        let to = doc.body_words.iter().filter(|w| w.start >= from && w.end <= to && w.end <= from + SNIPPET).map(|w| w.end).max().unwrap_or(from);
        // Take the punctuation that closes the last word.
        let to = to + doc.body[to..].chars().take_while(|c| ".,;:!?)\"”’".contains(*c)).map(char::len_utf8).sum::<usize>();
        let mut snippet = String::new();
        if from > 0 {
            snippet.push('…');
        }
        snippet.push_str(doc.body[from..to].trim_end());
        if to < if best.is_some() { doc.body.len() } else { doc.summary_end } {
            snippet.push('…');
        }

        let mut matched: Vec<String> = Vec::new();
        let title = doc.title_words.iter().filter(|w| matches(w)).map(|w| &doc.title[w.start..w.end]);
        let body = doc.body_words.iter().filter(|w| w.start >= from && w.end <= to && matches(w)).map(|w| &doc.body[w.start..w.end]);
        for w in title.chain(body) {
            let w: String = w.chars().map(super::lookup::lower).collect();
            if !matched.contains(&w) {
                matched.push(w);
            }
        }
        Hit { kind: doc.kind, id: doc.id.clone(), title: doc.title.clone(), snippet, matched, score }
    }
}

/// Splits a text into runs, `true` for a run that is one of the matched
/// words (compared as whole words, ignoring case and the joiners of
/// [`super::lookup`]). Concatenating the runs gives back the text.
pub fn highlight(text: &str, matched: &[String]) -> Vec<(String, bool)> {
    let keys: Vec<String> = matched.iter().flat_map(|m| words(m).map(|w| w.2)).collect();
    let mut runs: Vec<(String, bool)> = Vec::new();
    let mut at = 0;
    for (start, end, key) in words(text) {
        if keys.contains(&key) {
            if start > at {
                runs.push((text[at..start].to_string(), false));
            }
            runs.push((text[start..end].to_string(), true));
            at = end;
        }
    }
    if at < text.len() {
        runs.push((text[at..].to_string(), false));
    }
    runs
}
