//! The hand-over as a dial: what handing a person over to support costs,
//! set by the support team that embeds the app.

use super::{Engine, BASE_COST};
use crate::knowledge::FixKind;

/// How readily the engine hands over to support. The knowledge base's
/// escalation (Apple Support, 120 minutes of high effort) is the
/// `Balanced` price; the other settings scale the minutes:
///
/// | setting | the hand-over counts as | for |
/// |---|---|---|
/// | `self-service` | 12 × its minutes (a day) | a portal that wants no more tickets than the checklist: every fix worth a try comes first |
/// | `balanced` | its minutes (2 hours) | the person's own time, as the knowledge base prices it |
/// | `quick` | ½ × its minutes (1 hour) | a team that would rather take over early |
///
/// Only the engine's choice changes; what a step costs the person does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Handover {
    SelfService,
    #[default]
    Balanced,
    Quick,
}

impl Handover {
    /// Every setting, from the fewest hand-overs to the most.
    pub const ALL: [Handover; 3] = [Handover::SelfService, Handover::Balanced, Handover::Quick];

    /// The option value: `self-service`, `balanced`, `quick`.
    pub fn name(self) -> &'static str {
        match self {
            Handover::SelfService => "self-service",
            Handover::Balanced => "balanced",
            Handover::Quick => "quick",
        }
    }

    /// The setting with this option value (exactly as [`Handover::name`]
    /// spells it).
    pub fn parse(value: &str) -> Option<Handover> {
        Handover::ALL.into_iter().find(|h| h.name() == value)
    }

    /// How many times the knowledge base's minutes the hand-over counts.
    pub fn factor(self) -> f64 {
        match self {
            Handover::SelfService => 12.0,
            Handover::Balanced => 1.0,
            Handover::Quick => 0.5,
        }
    }
}

impl Engine {
    /// The same engine with the hand-over priced by `handover`: the cost of
    /// every escalation fix becomes `0.5 + (its cost − 0.5) × factor`.
    pub fn with_handover(&self, handover: Handover) -> Engine {
        let mut engine = self.clone();
        let scale = handover.factor() / self.handover.factor();
        for fix in engine.fixes.iter_mut().filter(|f| f.kind == FixKind::Escalation) {
            fix.cost = BASE_COST + (fix.cost - BASE_COST) * scale;
        }
        engine.handover = handover;
        engine
    }

    /// The hand-over setting this engine prices with.
    pub fn handover(&self) -> Handover {
        self.handover
    }
}
