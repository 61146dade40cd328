//! What a trigger rule's changes carry, and the rules they meet whatever
//! the database holds: a response that says something on one line, a
//! rule that holds together.

use serde::{Deserialize, Serialize};

use super::{Condition, Period, Rule};
use crate::domain::MeasureId;
use crate::domain::change::{ChangeError, check_line};

/// A rule to add: its measure (the rule names it; the caller found it),
/// the rule read, the rule as typed, and the response it sets off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewTrigger {
    pub measure: MeasureId,
    pub rule: Rule,
    pub typed: String,
    pub response: String,
}

/// A correction: a new rule (with its measure and as typed), a new
/// response, or both; `None` keeps what is stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TriggerEdit {
    pub rule: Option<(MeasureId, Rule, String)>,
    pub response: Option<String>,
}

pub fn check_response(response: &str) -> Result<(), ChangeError> {
    check_line("trigger response", response)
}

/// A rule read from anywhere (typed, or restored from a file) holds
/// together: finite numbers, a range low to high, a run of 1 to 52.
pub fn check_rule(rule: &Rule, typed: &str) -> Result<(), ChangeError> {
    check_line("trigger rule", typed)?;
    let numbers = match rule.condition {
        Condition::Below { value }
        | Condition::AtMost { value }
        | Condition::Above { value }
        | Condition::AtLeast { value } => vec![value],
        Condition::Outside { low, high } | Condition::Within { low, high } => {
            if low > high {
                return Err(ChangeError::NotOneOf(format!(
                    "the range {low}..{high} runs backwards: write the low end first"
                )));
            }
            vec![low, high]
        }
    };
    if let Some(v) = numbers.into_iter().find(|v| !v.is_finite()) {
        return Err(ChangeError::NotFinite(v));
    }
    if !(1..=52).contains(&rule.periods) {
        return Err(ChangeError::NotOneOf(format!(
            "a run of {} periods: a rule holds for 1 to 52",
            rule.periods
        )));
    }
    Ok(())
}

pub fn check_new(t: &NewTrigger) -> Result<(), ChangeError> {
    check_rule(&t.rule, &t.typed)?;
    check_response(&t.response)
}

pub fn check_edit(e: &TriggerEdit) -> Result<(), ChangeError> {
    if let Some((_, rule, typed)) = &e.rule {
        check_rule(rule, typed)?;
    }
    if let Some(r) = &e.response {
        check_response(r)?;
    }
    Ok(())
}

impl Condition {
    /// How the store keeps a condition: its word, and the value (or the
    /// range's low end) and the range's high end.
    pub fn columns(&self) -> (&'static str, f64, Option<f64>) {
        match *self {
            Condition::Below { value } => ("below", value, None),
            Condition::AtMost { value } => ("at_most", value, None),
            Condition::Above { value } => ("above", value, None),
            Condition::AtLeast { value } => ("at_least", value, None),
            Condition::Outside { low, high } => ("outside", low, Some(high)),
            Condition::Within { low, high } => ("within", low, Some(high)),
        }
    }

    /// A condition as the store keeps it, `None` for one it cannot hold.
    pub fn from_columns(word: &str, low: f64, high: Option<f64>) -> Option<Condition> {
        Some(match (word, high) {
            ("below", None) => Condition::Below { value: low },
            ("at_most", None) => Condition::AtMost { value: low },
            ("above", None) => Condition::Above { value: low },
            ("at_least", None) => Condition::AtLeast { value: low },
            ("outside", Some(high)) => Condition::Outside { low, high },
            ("within", Some(high)) => Condition::Within { low, high },
            _ => return None,
        })
    }
}

impl Period {
    /// How the store and files spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Weeks => "weeks",
            Period::Months => "months",
        }
    }

    pub fn from_stored(text: &str) -> Option<Period> {
        match text {
            "weeks" => Some(Period::Weeks),
            "months" => Some(Period::Months),
            _ => None,
        }
    }
}
