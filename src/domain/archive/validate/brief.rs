//! The brief's part of `Archive::validate`: each line holds what its kind
//! may (the rules every new line follows, `domain::brief`), a team's brief
//! names its own measures, a measure line shows an objective of its own
//! brief, and a measure is in a brief once under each objective, as the
//! store refuses it twice.

use std::collections::{HashMap, HashSet};

use super::{bad, canonical, check_count, check_enum, check_name, check_times};
use crate::domain::archive::{Archive, ArchiveError, BriefRecord};
use crate::domain::brief::{self, Parts};
use crate::domain::{BriefKind, Quarter};

impl Archive {
    /// Checks every line of the brief; `teams` and `measures` are the uids
    /// the archive holds.
    pub(super) fn validate_brief(
        &self,
        teams: &HashSet<String>,
        measures: &HashSet<String>,
    ) -> Result<(), ArchiveError> {
        let measure_team: HashMap<&str, &str> = self
            .measures
            .iter()
            .map(|m| (m.uid.as_str(), m.team.as_str()))
            .collect();
        let lines: HashMap<&str, &BriefRecord> =
            self.brief.iter().map(|b| (b.uid.as_str(), b)).collect();
        let mut shown = HashSet::new();
        for (i, b) in self.brief.iter().enumerate() {
            let p = |f: &str| format!("brief[{i}].{f}");
            if let Some(t) = &b.team
                && !teams.contains(t)
            {
                return Err(bad(p("team_uid"), format!("'{t}' is not in this export")));
            }
            let quarter: Quarter =
                b.quarter
                    .parse()
                    .map_err(|e: crate::domain::quarter::QuarterError| {
                        bad(p("quarter"), e.to_string())
                    })?;
            canonical(p("quarter"), &b.quarter, quarter.to_string())?;
            check_enum::<BriefKind>(p("kind"), &b.kind)?;
            let kind: BriefKind = b.kind.parse().map_err(|e: String| bad(p("kind"), e))?;
            check_count(p("position"), b.position)?;
            check_parts(&p, kind, b)?;
            if let Some(m) = &b.measure {
                if !measures.contains(m) {
                    return Err(bad(
                        p("measure_uid"),
                        format!("'{m}' is not in this export"),
                    ));
                }
                let of = measure_team.get(m.as_str()).copied();
                if b.team.as_deref().is_some_and(|t| Some(t) != of) {
                    return Err(bad(
                        p("measure_uid"),
                        format!("'{m}' is another team's measure: a team's brief names its own"),
                    ));
                }
            } else if kind == BriefKind::Measure {
                return Err(bad(p("measure_uid"), "a measure line needs its measure"));
            }
            brief::check_line(&Parts {
                kind,
                text: &b.text,
                detail: &b.detail,
                integrator: b.integrator.as_deref(),
                measure: b.measure.is_some(),
                objective: b.objective.is_some(),
            })
            .map_err(|e| bad(format!("brief[{i}]"), e.to_string()))?;
            if let Some(o) = &b.objective {
                let Some(objective) = lines.get(o.as_str()) else {
                    return Err(bad(
                        p("objective_uid"),
                        format!("'{o}' is not in this export"),
                    ));
                };
                if objective.kind != BriefKind::Objective.to_string() {
                    return Err(bad(
                        p("objective_uid"),
                        format!("'{o}' is a {}, not an objective", objective.kind),
                    ));
                }
                if objective.team != b.team || objective.quarter != b.quarter {
                    return Err(bad(
                        p("objective_uid"),
                        format!(
                            "'{o}' is an objective of another brief: a measure shows an objective of its own brief"
                        ),
                    ));
                }
            }
            if let Some(m) = &b.measure
                && !shown.insert((&b.team, &b.quarter, m, &b.objective))
            {
                return Err(bad(
                    p("measure_uid"),
                    format!(
                        "'{m}' appears twice in the {} brief under the same objective",
                        b.quarter
                    ),
                ));
            }
            check_times(
                p,
                [
                    ("created_at", Some(&b.created_at)),
                    ("updated_at", Some(&b.updated_at)),
                ],
            )?;
        }
        Ok(())
    }
}

/// Each part of a line by the rule for it, named by its field: the text
/// of all but a measure line, a choice's consequence or an exclusion's
/// lifting condition, an objective's integrator. What a kind may not hold
/// at all is `brief::check_line`'s, for the line as a whole.
fn check_parts(
    p: &dyn Fn(&str) -> String,
    kind: BriefKind,
    b: &BriefRecord,
) -> Result<(), ArchiveError> {
    if kind != BriefKind::Measure {
        crate::domain::change::check_line(brief::kind_text(kind), &b.text)
            .map_err(|e| bad(p("text"), e.to_string()))?;
    }
    if let Some(name) = brief::detail_name(kind).filter(|_| !b.detail.is_empty()) {
        crate::domain::change::check_line(name, &b.detail)
            .map_err(|e| bad(p("detail"), e.to_string()))?;
    }
    if let Some(person) = &b.integrator {
        check_name(p("integrator"), person)?;
    }
    Ok(())
}
