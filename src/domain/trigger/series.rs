//! A measure's readings as the periods a rule counts: each week, or each
//! calendar month by the measure's roll-up, and the episodes a rule has
//! over them. Pure.

use chrono::Datelike;

use super::{Period, Rule};
use crate::domain::{Rollup, Week};

/// One period of a series: how it is written (2026-W46, 2026-11) and its
/// value, `None` when nothing was recorded in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub label: String,
    pub value: Option<f64>,
}

/// One firing: the period its run completed and the first period after it
/// that did not hold (`None` while it still fires), as indexes of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Episode {
    pub fired: usize,
    pub cleared: Option<usize>,
}

/// An episode written as its periods, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeAt {
    pub fired: String,
    pub cleared: Option<String>,
}

impl Rollup {
    /// The roll-up a measure gets when nobody chose one, from its unit.
    /// Rates, ratios, scores and durations average (a month's conversion
    /// or response time is its weeks' mean); a unit that says it counts
    /// per week sums (a month's deploys are its weeks' together);
    /// everything else is a level, such as ARR, headcount, money spent to
    /// date or open bugs, and its last week stands for the month.
    pub fn for_unit(unit: &str) -> Rollup {
        let u = unit.trim().to_lowercase();
        if ["/wk", "/week", "per week", "a week", "weekly"]
            .iter()
            .any(|end| u.ends_with(end))
        {
            return Rollup::Sum;
        }
        const AVERAGED: &[&str] = &[
            "x", "×", "ratio", "score", "pts", "points", "nps", "ms", "s", "sec", "min", "h",
            "hours", "d", "days",
        ];
        if u.contains('%')
            || u.contains("percent")
            || u.contains('/')
            || AVERAGED.contains(&u.as_str())
        {
            return Rollup::Average;
        }
        Rollup::Last
    }

    fn of(self, values: &[f64]) -> Option<f64> {
        let last = *values.last()?;
        Some(match self {
            Rollup::Last => last,
            Rollup::Sum => values.iter().sum(),
            Rollup::Average => values.iter().sum::<f64>() / values.len() as f64,
        })
    }
}

/// The calendar month a week belongs to: its Thursday's, as the ISO year
/// is its Thursday's, so each week is in exactly one month.
pub fn month_of(week: Week) -> (i32, u32) {
    let thursday = week.monday() + chrono::Duration::days(3);
    (thursday.year(), thursday.month())
}

/// How a month is written: 2026-11.
pub fn month_label((year, month): (i32, u32)) -> String {
    format!("{year:04}-{month:02}")
}

/// `readings` (any order) as the periods `period` counts, oldest first,
/// from the first period with a reading to the last; a period between
/// with no reading is there with no value.
pub fn series(period: Period, rollup: Rollup, readings: &[(Week, f64)]) -> Vec<Point> {
    let mut sorted = readings.to_vec();
    sorted.sort_by_key(|(w, _)| *w);
    let (Some(&(first, _)), Some(&(last, _))) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    match period {
        Period::Weeks => {
            let mut out = Vec::new();
            let mut at = sorted.iter().peekable();
            let mut week = first;
            loop {
                let value = at.next_if(|(w, _)| *w == week).map(|(_, v)| *v);
                out.push(Point {
                    label: week.to_string(),
                    value,
                });
                if week == last {
                    return out;
                }
                week = week.next();
            }
        }
        Period::Months => {
            let mut out = Vec::new();
            let (mut month, end) = (month_of(first), month_of(last));
            let mut at = 0;
            loop {
                let mut values = Vec::new();
                while let Some(&(w, v)) = sorted.get(at).filter(|(w, _)| month_of(*w) == month) {
                    let _ = w;
                    values.push(v);
                    at += 1;
                }
                out.push(Point {
                    label: month_label(month),
                    value: rollup.of(&values),
                });
                if month == end {
                    return out;
                }
                month = if month.1 == 12 {
                    (month.0 + 1, 1)
                } else {
                    (month.0, month.1 + 1)
                };
            }
        }
    }
}

/// The episodes of `rule` over `values` (oldest first, `None` for a period
/// with no value). An episode fires the period its run of consecutive
/// holding values first reaches the rule's length and clears at the first
/// value that does not hold. A missing value breaks a run, so a run never
/// counts across a gap (nobody knows what the missing week said), but it
/// does not clear an episode either: only a value that does not hold can.
pub fn episodes(rule: &Rule, values: &[Option<f64>]) -> Vec<Episode> {
    let mut out: Vec<Episode> = Vec::new();
    let mut run = 0;
    let mut firing = false;
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) if rule.condition.holds(*v) => {
                run += 1;
                if run >= rule.periods && !firing {
                    firing = true;
                    out.push(Episode {
                        fired: i,
                        cleared: None,
                    });
                }
            }
            Some(_) => {
                run = 0;
                if firing && let Some(e) = out.last_mut() {
                    e.cleared = Some(i);
                }
                firing = false;
            }
            None => run = 0,
        }
    }
    out
}

/// The episodes of `rule` over a measure's readings, written as periods:
/// what the store keeps for a trigger.
pub fn evaluate(rule: &Rule, rollup: Rollup, readings: &[(Week, f64)]) -> Vec<EpisodeAt> {
    let points = series(rule.period, rollup, readings);
    let values: Vec<Option<f64>> = points.iter().map(|p| p.value).collect();
    episodes(rule, &values)
        .into_iter()
        .map(|e| EpisodeAt {
            fired: points[e.fired].label.clone(),
            cleared: e.cleared.map(|c| points[c].label.clone()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Week {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_unit_gives_the_roll_up() {
        for (unit, rollup) in [
            ("%", Rollup::Average),
            ("x", Rollup::Average),
            ("ms", Rollup::Average),
            ("h", Rollup::Average),
            ("€/user", Rollup::Average),
            ("deals/wk", Rollup::Sum),
            ("tickets per week", Rollup::Sum),
            ("k€", Rollup::Last),
            ("", Rollup::Last),
            ("ARR", Rollup::Last),
        ] {
            assert_eq!(Rollup::for_unit(unit), rollup, "{unit}");
        }
    }

    #[test]
    fn a_week_is_in_its_thursdays_month() {
        // 2026-W49 runs from Monday 30 November to Sunday 6 December.
        assert_eq!(month_of(w("2026-W49")), (2026, 12));
        assert_eq!(month_of(w("2026-W48")), (2026, 11));
        // 2026-W53 ends the ISO year and is in December.
        assert_eq!(month_of(w("2026-W53")), (2026, 12));
    }

    #[test]
    fn weeks_and_months_as_a_series() {
        let readings = [
            (w("2026-W45"), 1.0),
            (w("2026-W44"), 2.0),
            (w("2026-W47"), 3.0),
            (w("2026-W49"), 10.0),
        ];
        let weeks = series(Period::Weeks, Rollup::Last, &readings);
        let labels: Vec<_> = weeks.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"
            ]
        );
        assert_eq!(weeks[2].value, None);
        assert_eq!(weeks[3].value, Some(3.0));
        for (rollup, november) in [
            (Rollup::Last, 3.0),
            (Rollup::Sum, 4.0),
            (Rollup::Average, 2.0),
        ] {
            let months = series(Period::Months, rollup, &readings);
            assert_eq!(
                months,
                [
                    Point {
                        label: "2026-10".into(),
                        value: Some(2.0)
                    },
                    Point {
                        label: "2026-11".into(),
                        value: Some(november)
                    },
                    Point {
                        label: "2026-12".into(),
                        value: Some(10.0)
                    },
                ],
                "{rollup}"
            );
        }
        assert!(series(Period::Weeks, Rollup::Last, &[]).is_empty());
    }

    #[test]
    fn episodes_clear_when_the_condition_stops_holding() {
        let rule: Rule = "Burn > 400 for 2 weeks"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        let readings: Vec<(Week, f64)> = [500.0, 450.0, 300.0, 410.0, 420.0]
            .iter()
            .enumerate()
            .map(|(i, v)| (w("2026-W40").offset(i as i64), *v))
            .collect();
        assert_eq!(
            evaluate(&rule, Rollup::Last, &readings),
            [
                EpisodeAt {
                    fired: "2026-W41".into(),
                    cleared: Some("2026-W42".into())
                },
                EpisodeAt {
                    fired: "2026-W44".into(),
                    cleared: None
                },
            ]
        );
    }

    /// A slow, obvious reading of "once per episode": the values split
    /// into stretches at each value that does not hold (a missing one
    /// splits nothing); a stretch is an episode when it holds a run of
    /// `periods` present, holding values, fired where that run first
    /// completes and cleared by the value that ends the stretch.
    fn by_stretches(rule: &Rule, values: &[Option<f64>]) -> Vec<Episode> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < values.len() {
            let end = (start..values.len())
                .find(|&i| values[i].is_some_and(|v| !rule.condition.holds(v)))
                .unwrap_or(values.len());
            let mut run = 0;
            let fired = (start..end).find(|&i| {
                run = if values[i].is_some() { run + 1 } else { 0 };
                run >= rule.periods
            });
            if let Some(fired) = fired {
                out.push(Episode {
                    fired,
                    cleared: (end < values.len()).then_some(end),
                });
            }
            start = end + 1;
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        #[test]
        fn a_rule_fires_once_per_episode_over_any_history(
            periods in 1u32..5,
            values in proptest::collection::vec(
                proptest::option::weighted(0.85, 0u8..10),
                0..60,
            ),
        ) {
            let rule = Rule {
                measure: "Burn".into(),
                condition: super::super::Condition::Above { value: 4.0 },
                periods,
                period: Period::Weeks,
            };
            let values: Vec<Option<f64>> =
                values.into_iter().map(|v| v.map(f64::from)).collect();
            let got = episodes(&rule, &values);
            proptest::prop_assert_eq!(&got, &by_stretches(&rule, &values));
            // Episodes never overlap: each clears before the next fires.
            for pair in got.windows(2) {
                proptest::prop_assert!(pair[0].cleared.is_some_and(|c| c < pair[1].fired));
            }
        }
    }
}
