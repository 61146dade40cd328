//! Trigger rules: a measure, a comparison and a run of consecutive weeks
//! or months, such as "Net ARR growth < 5 for 2 months", "Burn > 400 for 3
//! weeks" or "Pipeline coverage outside 3..5 for 2 weeks". Pure: reads a
//! rule as typed (pointing at the part it could not read), and says over a
//! series of values when it fires, once per episode.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

mod change;
pub mod series;

pub use change::{NewTrigger, TriggerEdit, check_edit, check_new, check_response, check_rule};
pub use series::{Episode, EpisodeAt, Point, evaluate, month_of};

/// What a value is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum Condition {
    Below {
        value: f64,
    },
    AtMost {
        value: f64,
    },
    Above {
        value: f64,
    },
    AtLeast {
        value: f64,
    },
    /// Outside the range, its ends inside it.
    Outside {
        low: f64,
        high: f64,
    },
    /// Inside the range, its ends included.
    Within {
        low: f64,
        high: f64,
    },
}

/// The periods a run counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Weeks,
    Months,
}

/// A rule as typed: the measure by name, the condition, and how many
/// consecutive periods it must hold for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub measure: String,
    pub condition: Condition,
    pub periods: u32,
    pub period: Period,
}

/// A rule that does not read: the rule as typed, the part at fault, and
/// what would read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{rule}': could not read {part}: {hint}")]
pub struct RuleError {
    pub rule: String,
    pub part: String,
    pub hint: &'static str,
}

/// A trigger rule as read, with its state: firing since a period (the
/// open episode's), or quiet; and when it last fired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trigger {
    pub id: crate::domain::TriggerId,
    pub team: String,
    pub measure: String,
    /// The measure's id, for raising an off-track item on it.
    pub measure_id: crate::domain::MeasureId,
    /// The rule, under its measure's name as it is now.
    pub rule: Rule,
    pub response: String,
    /// The period the open episode fired in, while it fires.
    pub firing_since: Option<String>,
    pub last_fired: Option<String>,
    /// How many times it has fired.
    pub episodes: usize,
}

impl Trigger {
    /// How a firing trigger is announced: the flag, the rule, since when,
    /// and the response it sets off ("⚑ Burn > 400 for 3 weeks — since
    /// 2026-W46 → Renegotiate vendor contracts"); never colour alone.
    pub fn announcement(&self) -> String {
        match &self.firing_since {
            Some(since) => format!("⚑ {} — since {since} → {}", self.rule, self.response),
            None => format!("{} → {}", self.rule, self.response),
        }
    }
}

const FORM: &str =
    "write MEASURE < N for 2 weeks (or <=, >, >=, outside A..B, within A..B; weeks or months)";

impl Condition {
    pub fn holds(&self, v: f64) -> bool {
        match *self {
            Condition::Below { value } => v < value,
            Condition::AtMost { value } => v <= value,
            Condition::Above { value } => v > value,
            Condition::AtLeast { value } => v >= value,
            Condition::Outside { low, high } => v < low || v > high,
            Condition::Within { low, high } => (low..=high).contains(&v),
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Below { value } => write!(f, "< {value}"),
            Condition::AtMost { value } => write!(f, "<= {value}"),
            Condition::Above { value } => write!(f, "> {value}"),
            Condition::AtLeast { value } => write!(f, ">= {value}"),
            Condition::Outside { low, high } => write!(f, "outside {low}..{high}"),
            Condition::Within { low, high } => write!(f, "within {low}..{high}"),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match (self.period, self.periods) {
            (Period::Weeks, 1) => "week",
            (Period::Weeks, _) => "weeks",
            (Period::Months, 1) => "month",
            (Period::Months, _) => "months",
        };
        write!(
            f,
            "{} {} for {} {unit}",
            self.measure, self.condition, self.periods
        )
    }
}

impl FromStr for Rule {
    type Err = RuleError;

    fn from_str(input: &str) -> Result<Rule, RuleError> {
        let err = |part: &str, hint| RuleError {
            rule: input.to_string(),
            part: part.to_string(),
            hint,
        };
        let text = input.trim();
        // The run is last; the measure's name may hold anything before the
        // comparison, so both are found from the right.
        let Some(at) = text.rfind(" for ") else {
            return Err(err(
                "how long it must hold",
                "end it with 'for 2 weeks' or 'for 3 months'",
            ));
        };
        let (head, run) = (text[..at].trim(), text[at + 5..].trim());
        let (periods, period) = run_of(run).ok_or_else(|| {
            err(
                &format!("the run '{run}'"),
                "write 'for N weeks' or 'for N months', N from 1 to 52",
            )
        })?;
        let (measure, condition) =
            condition_of(head).ok_or_else(|| err(&format!("the comparison in '{head}'"), FORM))?;
        if measure.is_empty() {
            return Err(err("the measure", "start with the measure's name"));
        }
        Ok(Rule {
            measure: measure.to_string(),
            condition,
            periods,
            period,
        })
    }
}

fn run_of(run: &str) -> Option<(u32, Period)> {
    let (n, unit) = run.split_once(char::is_whitespace)?;
    let n: u32 = n.parse().ok().filter(|n| (1..=52).contains(n))?;
    let period = match unit.trim().to_ascii_lowercase().as_str() {
        "week" | "weeks" => Period::Weeks,
        "month" | "months" => Period::Months,
        _ => return None,
    };
    Some((n, period))
}

/// The measure's name and the condition after it.
fn condition_of(head: &str) -> Option<(&str, Condition)> {
    for word in [" outside ", " within "] {
        if let Some(at) = head.rfind(word) {
            let (low, high) = head[at + word.len()..].trim().split_once("..")?;
            let (low, high) = (number(low)?, number(high)?);
            if low > high {
                return None;
            }
            let c = if word == " outside " {
                Condition::Outside { low, high }
            } else {
                Condition::Within { low, high }
            };
            return Some((head[..at].trim(), c));
        }
    }
    // The longest operator first, so "<=" is not read as "<" then "= 5".
    for op in ["<=", ">=", "<", ">"] {
        if let Some(at) = head.rfind(op) {
            let value = number(&head[at + op.len()..])?;
            let c = match op {
                "<=" => Condition::AtMost { value },
                ">=" => Condition::AtLeast { value },
                "<" => Condition::Below { value },
                _ => Condition::Above { value },
            };
            let measure = head[..at].trim();
            // "Burn >> 4" is a comparison typed wrong, not a measure
            // called "Burn >".
            if measure.ends_with(['<', '>', '=']) {
                return None;
            }
            return Some((measure, c));
        }
    }
    None
}

fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The periods at which `rule` fires over `values` (oldest first, `None`
/// for a period with no value): the period its run first completes, once
/// per episode (see `series::episodes`).
pub fn firings(rule: &Rule, values: &[Option<f64>]) -> Vec<usize> {
    series::episodes(rule, values)
        .into_iter()
        .map(|e| e.fired)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(s: &str) -> Rule {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn rules_read_as_typed_and_print_back() {
        for (typed, shown) in [
            (
                "Net ARR growth < 5 for 2 months",
                "Net ARR growth < 5 for 2 months",
            ),
            ("Burn > 400 for 3 weeks", "Burn > 400 for 3 weeks"),
            (
                "Pipeline coverage outside 3..5 for 2 weeks",
                "Pipeline coverage outside 3..5 for 2 weeks",
            ),
            ("p95 <= 8.5 for 1 week", "p95 <= 8.5 for 1 week"),
            (
                "Q4 > 2 target >= -1.5 for 4 Weeks",
                "Q4 > 2 target >= -1.5 for 4 weeks",
            ),
            (
                "NPS within 30..40 for 1 month",
                "NPS within 30..40 for 1 month",
            ),
        ] {
            assert_eq!(rule(typed).to_string(), shown, "{typed}");
        }
        let r = rule("Burn > 400 for 3 weeks");
        assert_eq!(
            (r.measure.as_str(), r.periods, r.period),
            ("Burn", 3, Period::Weeks)
        );
    }

    #[test]
    fn a_rule_that_does_not_read_points_at_its_part() {
        for (typed, part) in [
            ("Burn > 400", "how long it must hold"),
            ("Burn > 400 for three weeks", "the run 'three weeks'"),
            ("Burn > 400 for 3 fortnights", "the run '3 fortnights'"),
            (
                "Burn >> lots for 3 weeks",
                "the comparison in 'Burn >> lots'",
            ),
            ("Burn >> 4 for 2 weeks", "the comparison in 'Burn >> 4'"),
            ("Burn => 4 for 2 weeks", "the comparison in 'Burn => 4'"),
            (
                "Burn outside 5..3 for 2 weeks",
                "the comparison in 'Burn outside 5..3'",
            ),
            ("< 5 for 2 weeks", "the measure"),
        ] {
            let e = typed.parse::<Rule>().unwrap_err();
            assert_eq!(e.part, part, "{typed}");
            assert!(
                e.to_string()
                    .starts_with(&format!("'{typed}': could not read {part}")),
                "{e}"
            );
        }
    }

    #[test]
    fn a_rule_fires_once_per_episode() {
        let r = rule("Burn > 400 for 2 weeks");
        let v = |xs: &[Option<f64>]| firings(&r, xs);
        assert_eq!(v(&[Some(500.0)]), Vec::<usize>::new());
        assert_eq!(v(&[Some(500.0), Some(450.0), Some(480.0)]), vec![1]);
        // Cleared, then a new episode.
        assert_eq!(
            v(&[
                Some(500.0),
                Some(450.0),
                Some(300.0),
                Some(410.0),
                Some(420.0)
            ]),
            vec![1, 4]
        );
        // A missing week breaks the run but does not end the episode.
        assert_eq!(v(&[Some(500.0), None, Some(450.0), Some(480.0)]), vec![3]);
        assert_eq!(
            v(&[Some(500.0), Some(450.0), None, Some(480.0), Some(490.0)]),
            vec![1]
        );
        let range = rule("Coverage outside 3..5 for 1 week");
        assert_eq!(
            firings(&range, &[Some(4.0), Some(5.0), Some(5.5), Some(2.0)]),
            vec![2]
        );
    }
}
