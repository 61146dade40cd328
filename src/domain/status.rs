//! The status rule: how a measure's target and one reading become on track,
//! at risk, off track or missing. Pure; the single source of that judgement.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Which way a measure should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Higher,
    Lower,
    Range,
}

/// What a measure aims at: one value, or a band for "within a range".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Target {
    Value(f64),
    Range { low: f64, high: f64 },
}

/// The tolerance used when a measure does not name one.
pub const DEFAULT_TOLERANCE: f64 = 0.1;

/// Everything the status rule needs to know about a measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub direction: Direction,
    pub target: Target,
    /// A fraction: 0.1 means "within 10% of the target is at risk, not off track".
    pub tolerance: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OffTrack,
    AtRisk,
    Missing,
    OnTrack,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GoalError {
    #[error("direction '{0}' needs a target: add --target")]
    NeedsTarget(&'static str),
    #[error("direction 'range' needs a range: add --range LOW..HIGH")]
    NeedsRange,
    #[error("direction '{0}' takes --target, not --range")]
    RangeNotAllowed(&'static str),
    #[error("direction 'range' takes --range, not --target")]
    TargetNotAllowed,
    #[error("range '{low}..{high}' is empty: its low end must be below its high end")]
    EmptyRange { low: f64, high: f64 },
    #[error("tolerance '{0}' must be a fraction from 0 to 1, such as 0.1")]
    Tolerance(f64),
    #[error("'{0}' is not a finite number")]
    NotFinite(f64),
}

impl Goal {
    /// Builds a goal from the pieces a user types, refusing combinations
    /// that have no meaning (a range on "higher is better", an empty band).
    pub fn new(
        direction: Direction,
        target: Option<f64>,
        range: Option<(f64, f64)>,
        tolerance: f64,
    ) -> Result<Goal, GoalError> {
        if !(0.0..=1.0).contains(&tolerance) {
            return Err(GoalError::Tolerance(tolerance));
        }
        let target = match (direction, target, range) {
            (Direction::Range, None, Some((low, high))) => {
                for v in [low, high] {
                    if !v.is_finite() {
                        return Err(GoalError::NotFinite(v));
                    }
                }
                if low >= high {
                    return Err(GoalError::EmptyRange { low, high });
                }
                Target::Range { low, high }
            }
            (Direction::Range, Some(_), _) => return Err(GoalError::TargetNotAllowed),
            (Direction::Range, None, None) => return Err(GoalError::NeedsRange),
            (d, _, Some(_)) => return Err(GoalError::RangeNotAllowed(d.as_str())),
            (d, None, None) => return Err(GoalError::NeedsTarget(d.as_str())),
            (_, Some(t), None) if !t.is_finite() => return Err(GoalError::NotFinite(t)),
            (_, Some(t), None) => Target::Value(t),
        };
        Ok(Goal {
            direction,
            target,
            tolerance,
        })
    }

    /// Checks a goal that was built field by field (say, read from JSON)
    /// against the same rules as `Goal::new`.
    pub fn check(&self) -> Result<(), GoalError> {
        let (target, range) = match self.target {
            Target::Value(v) => (Some(v), None),
            Target::Range { low, high } => (None, Some((low, high))),
        };
        Goal::new(self.direction, target, range, self.tolerance).map(|_| ())
    }

    /// The status of one reading against this goal (`None` is a missing reading).
    pub fn status(&self, value: Option<f64>) -> Status {
        let Some(v) = value else {
            return Status::Missing;
        };
        let t = self.tolerance;
        match (self.direction, self.target) {
            (Direction::Range, Target::Range { low, high }) => {
                let slack = (high - low) * t;
                if at_least(v, low) && at_most(v, high) {
                    Status::OnTrack
                } else if at_least(v, low - slack) && at_most(v, high + slack) {
                    Status::AtRisk
                } else {
                    Status::OffTrack
                }
            }
            (Direction::Higher, Target::Value(target)) => {
                if at_least(v, target) {
                    Status::OnTrack
                } else if at_least(v, target - target.abs() * t) {
                    Status::AtRisk
                } else {
                    Status::OffTrack
                }
            }
            (Direction::Lower, Target::Value(target)) => {
                if at_most(v, target) {
                    Status::OnTrack
                } else if at_most(v, target + target.abs() * t) {
                    Status::AtRisk
                } else {
                    Status::OffTrack
                }
            }
            // A value target on a range measure (or the reverse) cannot be built
            // through `Goal::new`; judge such a stored row by its band edges.
            (_, Target::Range { low, high }) => Goal {
                direction: Direction::Range,
                target: Target::Range { low, high },
                tolerance: t,
            }
            .status(Some(v)),
            (Direction::Range, Target::Value(target)) => Goal {
                direction: Direction::Higher,
                target: Target::Value(target),
                tolerance: t,
            }
            .status(Some(v)),
        }
    }

    /// The target as a person reads it: `≥ 110 %`, `≤ 8 h`, `3–5 x`.
    pub fn describe(&self, unit: &str) -> String {
        let unit = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        match (self.direction, self.target) {
            (_, Target::Range { low, high }) => {
                format!("{}–{}{unit}", format_number(low), format_number(high))
            }
            (Direction::Lower, Target::Value(v)) => format!("≤ {}{unit}", format_number(v)),
            (_, Target::Value(v)) => format!("≥ {}{unit}", format_number(v)),
        }
    }
}

/// A finite number as typed; `NaN` and `inf` parse as floats but mean
/// nothing as a reading or a target.
pub fn parse_number(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(format!("'{s}' is not a finite number")),
        Err(_) => Err(format!("'{s}' is not a number")),
    }
}

/// Edges are inclusive, and a value typed exactly on an edge counts as on it
/// even when the edge itself came out of floating-point arithmetic (8 + 8·0.1).
fn at_least(v: f64, edge: f64) -> bool {
    v >= edge - edge.abs().max(1.0) * 1e-12
}

fn at_most(v: f64, edge: f64) -> bool {
    v <= edge + edge.abs().max(1.0) * 1e-12
}

/// A number as short as it can be without losing what was typed
/// (110, 104.5, 0.25), never in exponent form for everyday magnitudes.
pub fn format_number(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
            Direction::Range => "range",
        }
    }
}

impl FromStr for Direction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "higher" => Ok(Direction::Higher),
            "lower" => Ok(Direction::Lower),
            "range" => Ok(Direction::Range),
            _ => Err(format!("'{s}' is not a direction (higher, lower or range)")),
        }
    }
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Missing,
    ];

    /// Each status has its own shape, so meaning never rests on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::OnTrack => "●",
            Status::AtRisk => "▲",
            Status::OffTrack => "✖",
            Status::Missing => "○",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::OnTrack => "on track",
            Status::AtRisk => "at risk",
            Status::OffTrack => "off track",
            Status::Missing => "missing",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Missing => "missing",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn goal(direction: Direction, target: Target, tolerance: f64) -> Goal {
        Goal {
            direction,
            target,
            tolerance,
        }
    }

    #[test]
    fn status_rule_table() {
        use Direction::*;
        let v = Target::Value;
        let r = |low, high| Target::Range { low, high };
        #[rustfmt::skip]
        let cases: &[(Direction, Target, f64, Option<f64>, Status)] = &[
            // higher is better, target 100, tolerance 10%
            (Higher, v(100.0), 0.1, Some(120.0), OnTrack),
            (Higher, v(100.0), 0.1, Some(100.0), OnTrack),   // exactly on target
            (Higher, v(100.0), 0.1, Some(99.99), AtRisk),
            (Higher, v(100.0), 0.1, Some(90.0), AtRisk),     // tolerance edge is at risk
            (Higher, v(100.0), 0.1, Some(89.99), OffTrack),
            (Higher, v(100.0), 0.1, None, Missing),
            (Higher, v(100.0), 0.0, Some(99.99), OffTrack),  // no tolerance: no at-risk band
            // lower is better mirrors it
            (Lower, v(8.0), 0.1, Some(6.0), OnTrack),
            (Lower, v(8.0), 0.1, Some(8.0), OnTrack),
            (Lower, v(8.0), 0.1, Some(8.8), AtRisk),
            (Lower, v(8.0), 0.1, Some(8.81), OffTrack),
            (Lower, v(8.0), 0.1, None, Missing),
            // zero target: |target|·t is zero, so any miss is off track
            (Higher, v(0.0), 0.1, Some(0.0), OnTrack),
            (Higher, v(0.0), 0.1, Some(-0.01), OffTrack),
            (Lower, v(0.0), 0.1, Some(0.01), OffTrack),
            (Lower, v(0.0), 0.1, Some(-5.0), OnTrack),
            // negative target uses |target|: -10 with 10% allows down to -11
            (Higher, v(-10.0), 0.1, Some(-9.0), OnTrack),
            (Higher, v(-10.0), 0.1, Some(-11.0), AtRisk),
            (Higher, v(-10.0), 0.1, Some(-11.5), OffTrack),
            (Lower, v(-10.0), 0.1, Some(-9.0), AtRisk),
            (Lower, v(-10.0), 0.1, Some(-8.5), OffTrack),
            (Lower, v(-10.0), 0.1, Some(-12.0), OnTrack),
            // within a range 3..5: slack is 10% of the width (0.2)
            (Range, r(3.0, 5.0), 0.1, Some(4.0), OnTrack),
            (Range, r(3.0, 5.0), 0.1, Some(3.0), OnTrack),
            (Range, r(3.0, 5.0), 0.1, Some(5.0), OnTrack),
            (Range, r(3.0, 5.0), 0.1, Some(2.8), AtRisk),
            (Range, r(3.0, 5.0), 0.1, Some(5.2), AtRisk),
            (Range, r(3.0, 5.0), 0.1, Some(2.79), OffTrack),
            (Range, r(3.0, 5.0), 0.1, Some(5.21), OffTrack),
            (Range, r(3.0, 5.0), 0.1, None, Missing),
            (Range, r(-5.0, -1.0), 0.25, Some(-6.0), AtRisk),
            (Range, r(-5.0, -1.0), 0.25, Some(-6.1), OffTrack),
        ];
        for (i, (d, t, tol, value, want)) in cases.iter().enumerate() {
            let got = goal(*d, *t, *tol).status(*value);
            assert_eq!(
                got, *want,
                "case {i}: {d:?} {t:?} tol {tol} value {value:?}"
            );
        }
    }

    #[test]
    fn goal_new_refuses_meaningless_combinations() {
        use Direction::*;
        assert!(Goal::new(Higher, Some(110.0), None, 0.05).is_ok());
        assert!(Goal::new(Range, None, Some((3.0, 5.0)), 0.1).is_ok());
        let cases = [
            (
                Goal::new(Higher, None, None, 0.1),
                GoalError::NeedsTarget("higher"),
            ),
            (Goal::new(Range, None, None, 0.1), GoalError::NeedsRange),
            (
                Goal::new(Range, Some(1.0), None, 0.1),
                GoalError::TargetNotAllowed,
            ),
            (
                Goal::new(Lower, None, Some((1.0, 2.0)), 0.1),
                GoalError::RangeNotAllowed("lower"),
            ),
            (
                Goal::new(Range, None, Some((5.0, 3.0)), 0.1),
                GoalError::EmptyRange {
                    low: 5.0,
                    high: 3.0,
                },
            ),
            (
                Goal::new(Higher, Some(1.0), None, 1.5),
                GoalError::Tolerance(1.5),
            ),
            (
                Goal::new(Higher, Some(1.0), None, -0.1),
                GoalError::Tolerance(-0.1),
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, Err(want));
        }
        assert!(matches!(
            Goal::new(Higher, Some(f64::NAN), None, 0.1),
            Err(GoalError::NotFinite(_))
        ));
        let loose = Goal {
            direction: Higher,
            target: Target::Value(1.0),
            tolerance: 2.0,
        };
        assert_eq!(loose.check(), Err(GoalError::Tolerance(2.0)));
        let mixed = Goal {
            direction: Lower,
            target: Target::Range {
                low: 1.0,
                high: 2.0,
            },
            tolerance: 0.1,
        };
        assert_eq!(mixed.check(), Err(GoalError::RangeNotAllowed("lower")));
        assert_eq!(
            Goal::new(Range, None, Some((3.0, 5.0)), 0.1)
                .unwrap()
                .check(),
            Ok(())
        );
    }

    #[test]
    fn statuses_differ_by_symbol() {
        let mut symbols: Vec<_> = Status::ALL.iter().map(|s| s.symbol()).collect();
        symbols.dedup();
        assert_eq!(symbols.len(), 4);
    }

    #[test]
    fn describes_targets_and_numbers() {
        let g = Goal::new(Direction::Higher, Some(110.0), None, 0.05).unwrap();
        assert_eq!(g.describe("%"), "≥ 110 %");
        let g = Goal::new(Direction::Lower, Some(8.0), None, 0.1).unwrap();
        assert_eq!(g.describe("h"), "≤ 8 h");
        let g = Goal::new(Direction::Range, None, Some((3.0, 5.5)), 0.1).unwrap();
        assert_eq!(g.describe(""), "3–5.5");
        assert_eq!(format_number(104.5), "104.5");
        assert_eq!(format_number(0.25), "0.25");
        assert_eq!(format_number(-3.0), "-3");
        assert_eq!(format_number(1.0 / 3.0), "0.3333");
    }
}
