//! The trigger rules' part of `Archive::validate`: each rule names a
//! measure of its own team, holds a condition and a run the store can keep
//! and a response that says something on one line, and its episodes are
//! periods of its kind (weeks or months), each fired once.

use std::collections::{HashMap, HashSet};

use super::{bad, canonical, check_times};
use crate::domain::Week;
use crate::domain::archive::{Archive, ArchiveError};
use crate::domain::trigger::{self, Condition, Period, Rule};

impl Archive {
    pub(super) fn validate_triggers(&self, teams: &HashSet<String>) -> Result<(), ArchiveError> {
        let measure_team: HashMap<&str, &str> = self
            .measures
            .iter()
            .map(|m| (m.uid.as_str(), m.team.as_str()))
            .collect();
        let (mut uids, mut ids) = (HashSet::new(), HashSet::new());
        for (i, t) in self.triggers.iter().enumerate() {
            let p = |f: &str| format!("triggers[{i}].{f}");
            if !uids.insert(t.uid.as_str()) {
                return Err(bad(p("uid"), format!("'{}' appears twice", t.uid)));
            }
            if !ids.insert(t.id) {
                return Err(bad(p("id"), format!("{} appears twice", t.id)));
            }
            if !teams.contains(&t.team) {
                return Err(bad(
                    p("team_uid"),
                    format!("'{}' is not in this export", t.team),
                ));
            }
            match measure_team.get(t.measure.as_str()) {
                None => {
                    return Err(bad(
                        p("measure_uid"),
                        format!("'{}' is not in this export", t.measure),
                    ));
                }
                Some(of) if *of != t.team => {
                    return Err(bad(
                        p("measure_uid"),
                        format!("'{}' is another team's measure", t.measure),
                    ));
                }
                Some(_) => {}
            }
            let condition = Condition::from_columns(&t.condition, t.low, t.high).ok_or_else(|| {
                bad(
                    p("condition"),
                    format!(
                        "'{}' is not one of below, at_most, above, at_least (with no high), outside, within (with a high)",
                        t.condition
                    ),
                )
            })?;
            let period = Period::from_stored(&t.period).ok_or_else(|| {
                bad(
                    p("period"),
                    format!("'{}' is not weeks or months", t.period),
                )
            })?;
            let periods = u32::try_from(t.periods).unwrap_or(0);
            let rule = Rule {
                measure: String::new(),
                condition,
                periods,
                period,
            };
            trigger::check_rule(&rule, &t.rule).map_err(|e| bad(p("rule"), e.to_string()))?;
            trigger::check_response(&t.response).map_err(|e| bad(p("response"), e.to_string()))?;
            check_times(
                p,
                [
                    ("created_at", Some(&t.created_at)),
                    ("updated_at", Some(&t.updated_at)),
                ],
            )?;
            let mut fired = HashSet::new();
            for (j, e) in t.episodes.iter().enumerate() {
                let q = |f: &str| format!("triggers[{i}].episodes[{j}].{f}");
                check_period(q("fired"), &e.fired, period)?;
                if let Some(c) = &e.cleared {
                    check_period(q("cleared"), c, period)?;
                }
                if !fired.insert(e.fired.as_str()) {
                    return Err(bad(q("fired"), format!("'{}' appears twice", e.fired)));
                }
                check_times(q, [("recorded_at", Some(&e.recorded_at))])?;
            }
        }
        Ok(())
    }
}

/// A week (2026-W46) for a weekly rule, a month (2026-11) for a monthly one.
fn check_period(place: String, value: &str, period: Period) -> Result<(), ArchiveError> {
    match period {
        Period::Weeks => {
            let week: Week = value
                .parse()
                .map_err(|e: crate::domain::week::WeekError| bad(place.clone(), e.to_string()))?;
            canonical(place, value, week.to_string())
        }
        Period::Months => {
            let month = value
                .split_once('-')
                .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
                .filter(|(y, m)| crate::domain::week::year_in_range(*y) && (1..=12).contains(m));
            match month {
                Some(m) => canonical(place, value, trigger::series::month_label(m)),
                None => Err(bad(
                    place,
                    format!("'{value}' is not a month such as 2026-11"),
                )),
            }
        }
    }
}
