//! The one place where a question's or a fix's cost comes from.

use crate::knowledge::{Effort, Risk};

/// Cost of a question or fix, in "minute-equivalents" of the person's
/// trouble:
///
/// ```text
/// cost = 0.5 + minutes × effort_factor(effort) + risk_penalty(risk)
///
/// effort_factor: trivial 1.0, low 1.25, medium 1.5, high 2.0
/// risk_penalty:  none 0, loses-settings 5, loses-data 30
/// ```
///
/// - The 0.5 is the minimum price of any step: reading it and reporting
///   back. It also keeps every cost strictly positive, so efficiency
///   (probability / cost) is always defined.
/// - Effort scales time, because ten minutes of digging through Settings
///   and typing passwords weigh more than ten minutes of waiting.
/// - Risk adds a flat penalty: a step that forgets saved Wi-Fi passwords
///   costs as much as five extra minutes; one that can delete data costs as
///   much as half an hour, so the engine only reaches for it when the
///   evidence points clearly at it.
///
/// Minutes that are negative or not finite count as 0 (the knowledge base
/// validation rejects them; the engine still must not produce NaN).
pub fn step_cost(minutes: f64, effort: Effort, risk: Risk) -> f64 {
    let minutes = if minutes.is_finite() && minutes > 0.0 { minutes } else { 0.0 };
    BASE_COST + minutes * effort_factor(effort) + risk_penalty(risk)
}

/// The cost floor of every step, in minute-equivalents.
pub const BASE_COST: f64 = 0.5;

/// How much one minute of this kind of effort weighs.
pub fn effort_factor(effort: Effort) -> f64 {
    match effort {
        Effort::Trivial => 1.0,
        Effort::Low => 1.25,
        Effort::Medium => 1.5,
        Effort::High => 2.0,
    }
}

/// The extra cost, in minute-equivalents, of what a step may lose.
pub fn risk_penalty(risk: Risk) -> f64 {
    match risk {
        Risk::None => 0.0,
        Risk::LosesSettings => 5.0,
        Risk::LosesData => 30.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_loss_costs_more_than_the_same_step_without_it() {
        let safe = step_cost(5.0, Effort::Low, Risk::None);
        let settings = step_cost(5.0, Effort::Low, Risk::LosesSettings);
        let data = step_cost(5.0, Effort::Low, Risk::LosesData);
        assert!(safe < settings && settings < data);
        assert_eq!(safe, 0.5 + 5.0 * 1.25);
    }

    #[test]
    fn bad_minutes_give_the_floor_not_nan() {
        assert_eq!(step_cost(f64::NAN, Effort::Trivial, Risk::None), BASE_COST);
        assert_eq!(step_cost(-3.0, Effort::High, Risk::None), BASE_COST);
    }
}
