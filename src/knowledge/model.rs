//! The typed model of the knowledge base.
//!
//! Everything here is plain data, deserialised from the JSON files in
//! `src/knowledge/data/`. Nothing in this module knows about the browser,
//! Yew or the engine: the engine reads these types, the UI renders them.
//!
//! Ids are stable, readable slugs (`not-enough-icloud-storage`): saved
//! progress, shared links and deep links carry them, so renaming one is a
//! breaking change for users' saved runs.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub type CauseId = String;
pub type QuestionId = String;
pub type AnswerId = String;
pub type FixId = String;

/// A map from cause id to a probability. The key `"*"` gives the value for
/// every cause that is not named, so a writer only spells out the causes
/// that differ from the rest.
pub type ByCause = BTreeMap<String, f64>;

/// The key in a [`ByCause`] map that stands for "every other cause".
pub const ANY_CAUSE: &str = "*";

impl KnowledgeBase {
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// Looks up the value of `cause` in a [`ByCause`] map, falling back to the
/// `"*"` entry, and to `None` when neither is there.
pub fn by_cause(map: &ByCause, cause: &str) -> Option<f64> {
    map.get(cause).or_else(|| map.get(ANY_CAUSE)).copied()
}

/// The whole knowledge base, as the app and the engine see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeBase {
    /// Bumped whenever an id is removed or renamed, so that saved progress
    /// and shared links from an older content version can be recognised.
    pub content_version: u32,
    pub causes: Vec<Cause>,
    pub questions: Vec<Question>,
    pub fixes: Vec<Fix>,
    pub error_codes: Vec<ErrorCode>,
    pub alerts: Vec<Alert>,
    pub faq: Vec<FaqEntry>,
    pub guides: Vec<Guide>,
    pub tips: Vec<Tip>,
    /// The question that a seeded error code or alert text answers ("what
    /// does the message on your screen say?"): once the user has told us
    /// the message, the engine does not ask for it again.
    pub seed_question: QuestionId,
    /// Where the instructions come from: every fix variant, guide, FAQ
    /// answer, alert and question help names entries of this list.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The id layouts of earlier content versions, so that a shared link
    /// made with one of them still opens.
    #[serde(default)]
    pub earlier_layouts: Vec<Layout>,
    /// Answers of earlier content versions that were renamed or split,
    /// so that saved progress and links made with them still open.
    #[serde(default)]
    pub answer_changes: Vec<AnswerChange>,
}

/// What kind of backing an instruction has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A page (Apple's own, where one exists), with its address and the
    /// date it was checked.
    Page,
    /// The instruction only repeats the article the app is based on.
    Article,
    /// Apple's current wording could not be found: `note` says what was
    /// looked for, and the step is written to work with every known label.
    NotVerified,
}

/// One source. Entries name sources by id (`"sources": ["apple-108771"]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub kind: SourceKind,
    /// Shown as "Based on: <title>".
    pub title: String,
    /// For a page: its address (https only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For a page: the day it was checked, as YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
    /// What it supports; for "not verified", what was looked for.
    pub note: String,
}

/// The ids of one earlier content version, in the order its share tokens
/// index them (see `session::share`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    pub content_version: u32,
    pub codes: Vec<String>,
    pub alerts: Vec<String>,
    pub questions: Vec<LayoutQuestion>,
    pub fixes: Vec<FixId>,
}

impl Layout {
    /// Today's layout of a knowledge base.
    pub fn of(kb: &KnowledgeBase) -> Layout {
        Layout {
            content_version: kb.content_version,
            codes: kb.error_codes.iter().map(|c| c.code.clone()).collect(),
            alerts: kb.alerts.iter().map(|a| a.id.clone()).collect(),
            questions: kb
                .questions
                .iter()
                .map(|q| LayoutQuestion { id: q.id.clone(), answers: q.answers.iter().map(|a| a.id.clone()).collect() })
                .collect(),
            fixes: kb.fixes.iter().map(|f| f.id.clone()).collect(),
        }
    }

    /// The most steps a run of this layout can have (as `share::max_steps`).
    pub fn step_bound(&self) -> usize {
        self.questions.len() + self.fixes.len() + self.codes.len() + self.alerts.len() + 1
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutQuestion {
    pub id: QuestionId,
    pub answers: Vec<AnswerId>,
}

/// An answer of an earlier content version and what it means now: the
/// answers (possibly of other questions) that say the same, or none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerChange {
    /// The last content version that had this answer.
    pub until_version: u32,
    pub question: QuestionId,
    pub answer: AnswerId,
    /// What it becomes; empty when nothing says the same any more.
    #[serde(default)]
    pub becomes: Vec<AnswerRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRef {
    pub question: QuestionId,
    pub answer: AnswerId,
}

/// A reason why a backup fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cause {
    pub id: CauseId,
    /// Short name, e.g. "Not enough iCloud storage".
    pub title: String,
    /// One or two sentences, second person, on what is going on.
    pub summary: String,
    /// P(cause) before any evidence. The priors of all causes sum to 1.
    pub prior: f64,
    /// Where the prior comes from (the article, or reasoned judgement).
    pub prior_note: String,
    /// True for the one catch-all "something else" cause.
    #[serde(default)]
    pub catch_all: bool,
}

/// How much work a question or fix asks of the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effort {
    /// A glance at the screen or a single tap.
    Trivial,
    /// A few taps in Settings.
    Low,
    /// Several screens, typing a password, or waiting.
    Medium,
    /// Deleting things, signing out, resetting, or needing another device.
    High,
}

/// What a fix may cost the person beyond their time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Risk {
    None,
    /// Forgets settings (for example saved Wi-Fi passwords).
    LosesSettings,
    /// Can delete data (a backup, content on the iPhone).
    LosesData,
}

/// The iOS versions whose steps or Settings paths differ, newest first.
/// Variants for the newest come first in the data, so a person who isn't
/// sure sees the current wording first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IosVersion {
    /// iOS 26 (2025): Apple Account.
    Ios26,
    /// iOS 18 (2024): Apple ID renamed Apple Account.
    Ios18,
    /// iOS 17: Apple ID; Stolen Device Protection from 17.3.
    Ios17,
    /// iOS 15 and 16: Apple ID; Settings > General > Transfer or Reset
    /// iPhone. (Renamed explicitly: kebab-case alone gives `ios15-to16`.)
    #[serde(rename = "ios15-16")]
    Ios15To16,
    /// iOS 10.3 to 14: Settings > General > Reset; iCloud under [your name].
    /// (Renamed explicitly: kebab-case alone gives `ios10-3-to14`, which
    /// disagreed with [`IosVersion::slug`].)
    #[serde(rename = "ios10-3-to-14")]
    Ios10_3To14,
    /// Before iOS 10.3: iCloud settings at Settings > iCloud.
    Before10_3,
}

impl IosVersion {
    pub const ALL: [IosVersion; 6] = [
        IosVersion::Ios26,
        IosVersion::Ios18,
        IosVersion::Ios17,
        IosVersion::Ios15To16,
        IosVersion::Ios10_3To14,
        IosVersion::Before10_3,
    ];

    /// The slug used in data files, saved progress and links.
    pub fn slug(self) -> &'static str {
        match self {
            IosVersion::Ios26 => "ios26",
            IosVersion::Ios18 => "ios18",
            IosVersion::Ios17 => "ios17",
            IosVersion::Ios15To16 => "ios15-16",
            IosVersion::Ios10_3To14 => "ios10-3-to-14",
            IosVersion::Before10_3 => "before10-3",
        }
    }
}

/// The iPhone model families whose buttons or gestures differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModelFamily {
    /// iPhone X and later without a Home button (Face ID).
    FaceId,
    /// iPhone 8, 8 Plus, SE (2nd and 3rd generation): Home button, but the
    /// newer force-restart sequence.
    HomeButton8Later,
    /// iPhone 7 and 7 Plus.
    Iphone7,
    /// iPhone 6s and earlier, and SE (1st generation).
    Iphone6sEarlier,
}

impl ModelFamily {
    pub const ALL: [ModelFamily; 4] = [
        ModelFamily::FaceId,
        ModelFamily::HomeButton8Later,
        ModelFamily::Iphone7,
        ModelFamily::Iphone6sEarlier,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ModelFamily::FaceId => "face-id",
            ModelFamily::HomeButton8Later => "home-button8-later",
            ModelFamily::Iphone7 => "iphone7",
            ModelFamily::Iphone6sEarlier => "iphone6s-earlier",
        }
    }
}

/// What the app knows about the person's iPhone. `None` means unknown:
/// then every variant is shown, each labelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DeviceContext {
    pub ios: Option<IosVersion>,
    pub model: Option<ModelFamily>,
}

/// Which devices a variant is for. An empty list means "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applies {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ios: Vec<IosVersion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub model: Vec<ModelFamily>,
}

impl Applies {
    /// True when this variant is right for a device with this iOS version
    /// and model family.
    pub fn covers(&self, ios: IosVersion, model: ModelFamily) -> bool {
        (self.ios.is_empty() || self.ios.contains(&ios)) && (self.model.is_empty() || self.model.contains(&model))
    }

    /// True when this variant may be right for what is known (unknown
    /// dimensions match everything).
    pub fn matches(&self, ctx: &DeviceContext) -> bool {
        ctx.ios.is_none_or(|v| self.ios.is_empty() || self.ios.contains(&v))
            && ctx.model.is_none_or(|m| self.model.is_empty() || self.model.contains(&m))
    }
}

/// A question the person can answer by looking at their iPhone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    /// The question itself, shown as the step's heading.
    pub text: String,
    /// Where to look. Variants carry a Settings path per iOS version.
    pub help: Vec<HelpVariant>,
    /// Minutes it takes to find the answer.
    pub minutes: f64,
    pub effort: Effort,
    /// Answers in display order. Exactly one has `unsure: true`.
    pub answers: Vec<Answer>,
}

/// Help text for one group of devices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HelpVariant {
    #[serde(default)]
    pub applies: Applies,
    /// Shown next to the text when several variants are listed, e.g.
    /// "iOS 15 and later".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub text: String,
    /// Source ids (see [`Source`]).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One possible answer to a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub id: AnswerId,
    pub label: String,
    /// "I'm not sure". It may carry P(not sure | cause) as its
    /// `likelihoods` (at most 0.9); without them the engine uses 0.1 for
    /// every cause, which is no evidence.
    #[serde(default)]
    pub unsure: bool,
    /// P(this answer | cause). For each cause the informative answers sum
    /// to 1, or to 1 − P(not sure | cause) when "not sure" carries it.
    #[serde(default)]
    pub likelihoods: ByCause,
    /// What this answer tells about the device, for questions such as
    /// "which iOS version?" or "which iPhone?".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets_ios: Option<IosVersion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets_model: Option<ModelFamily>,
}

/// What kind of step a fix is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixKind {
    /// An ordinary fix the person tries on their iPhone.
    #[default]
    Fix,
    /// Hand over to a person (Apple Support): always works, costs the most.
    Escalation,
    /// A way to protect the data when iCloud cannot work (a computer
    /// backup). Offered on the escalation screen, not by the engine.
    WayOut,
}

/// A fix or troubleshooting step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    pub id: FixId,
    pub title: String,
    #[serde(default)]
    pub kind: FixKind,
    /// What it is, in a sentence.
    pub summary: String,
    /// Why it can help.
    pub why: String,
    /// Numbered steps, per group of devices.
    pub variants: Vec<StepVariant>,
    /// How to tell it worked.
    pub verify: String,
    /// Typical minutes it takes.
    pub minutes: f64,
    pub effort: Effort,
    pub risk: Risk,
    /// Required when `risk` is not `none`: shown before the steps, and the
    /// person must confirm it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// P(this fix gets the backup working | cause).
    pub fixes: ByCause,
}

/// The steps of a fix for one group of devices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepVariant {
    #[serde(default)]
    pub applies: Applies,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Shown before the steps when Stolen Device Protection can ask for
    /// Face ID or Touch ID, or an hour's Security Delay, on these devices:
    /// what happens and what to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stolen_device_protection: Option<String>,
    pub steps: Vec<Step>,
    /// Source ids (see [`Source`]). Required for a fix's variants; a
    /// guide's step lists may leave them to the guide.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One numbered step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub text: String,
    /// The exact Settings path, e.g. "Settings > General > Software Update".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// True when this step is the one that can lose data or settings: the
    /// UI asks for confirmation before showing it.
    #[serde(default)]
    pub risky: bool,
}

/// An error code from the article's table. These numbers were found in no
/// Apple material: they are presented as "codes listed in a popular
/// article", never as Apple's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorCode {
    /// The number as typed, e.g. "9006".
    pub code: String,
    /// The article's label, e.g. "iCloud Backup Failure (9006)".
    pub label: String,
    pub cause: CauseId,
    /// What the article suggests, in our words.
    pub article_solution: String,
    /// P(seeing this code | cause), like an answer's likelihoods.
    pub likelihoods: ByCause,
}

/// A phrase from one of Apple's own alerts, matched to a cause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub id: String,
    /// The alert as it usually reads.
    pub text: String,
    /// Other wordings people type for the same alert.
    #[serde(default)]
    pub phrases: Vec<String>,
    pub cause: CauseId,
    /// The answer of the seed question ("what does the message on your
    /// screen say?") that this alert is, so that a seeded alert and the
    /// same answer picked by hand carry the same evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<AnswerId>,
    /// What it means, in a sentence.
    pub meaning: String,
    pub likelihoods: ByCause,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaqEntry {
    pub id: String,
    pub question: String,
    pub answer: Vec<String>,
    /// Related fixes, guides or causes, by id.
    #[serde(default)]
    pub see_also: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A page of reference content (what a backup holds, how to restore...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guide {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// A bulleted list.
    #[serde(default)]
    pub items: Vec<ListItem>,
    /// A numbered list, with variants where the steps differ by device.
    #[serde(default)]
    pub steps: Vec<StepVariant>,
    /// Shown in a warning box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TipKind {
    /// From the article's "best practices".
    BestPractice,
    /// From the article's "avoiding problems" list.
    Avoid,
}

/// A prevention tip, shown after a fix worked (for its cause) and on the
/// best-practice and avoid-problems guides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tip {
    pub id: String,
    pub kind: TipKind,
    pub title: String,
    pub text: String,
    /// The causes this tip prevents.
    #[serde(default)]
    pub causes: Vec<CauseId>,
    /// For the article's risky advice (resetting backup data monthly):
    /// why to be careful.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caution: Option<String>,
}
