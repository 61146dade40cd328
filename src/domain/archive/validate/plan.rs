//! The plan's part of `Archive::validate`: months and phases written as
//! rhythm writes them, an initiative ends in or after the month it starts,
//! serves a choice or objective of its own team's brief or the whole
//! database's, and names each person once with a share from 1 to 100; a
//! milestone belongs to an initiative of the export and names a decision of
//! the same team; a draw on the pool names its day.

use std::collections::{HashMap, HashSet};

use super::{
    bad, canonical, check_date, check_enum, check_name, check_owner, check_times, check_title,
    unique_ids,
};
use crate::domain::archive::{Archive, ArchiveError};
use crate::domain::model::{BriefKind, Phase, PlanState};
use crate::domain::month::{Month, MonthError};

fn check_month(place: String, value: &str) -> Result<Month, ArchiveError> {
    let month: Month = value
        .parse()
        .map_err(|e: MonthError| bad(place.clone(), e.to_string()))?;
    canonical(place, value, month.to_string())?;
    Ok(month)
}

fn unique<'a>(
    what: &str,
    uids: impl Iterator<Item = &'a str>,
) -> Result<HashSet<&'a str>, ArchiveError> {
    let mut seen = HashSet::new();
    for (i, u) in uids.enumerate() {
        if u.trim().is_empty() {
            return Err(bad(format!("{what}[{i}].uid"), "cannot be empty"));
        }
        if !seen.insert(u) {
            return Err(bad(
                format!("{what}[{i}].uid"),
                format!("'{u}' appears twice"),
            ));
        }
    }
    Ok(seen)
}

/// Each brief line's kind and team (none for the whole database's), by uid.
pub(super) type Lines<'a> = HashMap<&'a str, (&'a str, Option<&'a str>)>;

/// Work serves a choice or an objective of its own team's brief or the
/// whole database's.
pub(super) fn check_serves(
    place: String,
    lines: &Lines<'_>,
    serves: &str,
    team: &str,
) -> Result<(), ArchiveError> {
    let Some((kind, of)) = lines.get(serves) else {
        return Err(bad(place, format!("'{serves}' is not in this export")));
    };
    let serves_line = [BriefKind::Choice, BriefKind::Objective]
        .iter()
        .any(|k| k.to_string() == *kind);
    if !serves_line {
        return Err(bad(
            place,
            format!("'{serves}' is the brief's {kind}: work serves a choice or an objective"),
        ));
    }
    if of.is_some_and(|t| t != team) {
        return Err(bad(
            place,
            format!("'{serves}' is a line of another team's brief"),
        ));
    }
    Ok(())
}

impl Archive {
    pub(super) fn brief_lines(&self) -> Lines<'_> {
        self.brief
            .iter()
            .map(|b| (b.uid.as_str(), (b.kind.as_str(), b.team.as_deref())))
            .collect()
    }

    /// Checks every record of the plan; `teams` and `decisions` are the
    /// uids the archive holds.
    pub(super) fn validate_plan(
        &self,
        teams: &HashSet<String>,
        decisions: &HashSet<String>,
    ) -> Result<(), ArchiveError> {
        let plan = &self.plan;
        unique(
            "plan.initiatives",
            plan.initiatives.iter().map(|i| i.uid.as_str()),
        )?;
        unique(
            "plan.milestones",
            plan.milestones.iter().map(|m| m.uid.as_str()),
        )?;
        unique(
            "plan.flex_draws",
            plan.flex_draws.iter().map(|d| d.uid.as_str()),
        )?;
        unique_ids("plan.initiatives", plan.initiatives.iter().map(|i| i.id))?;
        unique_ids("plan.milestones", plan.milestones.iter().map(|m| m.id))?;
        unique_ids("plan.flex_draws", plan.flex_draws.iter().map(|d| d.id))?;
        let lines = self.brief_lines();
        let decision_team: HashMap<&str, &str> = self
            .decisions
            .iter()
            .map(|d| (d.uid.as_str(), d.team.as_str()))
            .collect();
        let mut initiative_team = HashMap::new();
        for (i, x) in plan.initiatives.iter().enumerate() {
            let p = |f: &str| format!("plan.initiatives[{i}].{f}");
            if !teams.contains(&x.team) {
                return Err(bad(
                    p("team_uid"),
                    format!("'{}' is not in this export", x.team),
                ));
            }
            check_title(p("title"), &x.title)?;
            crate::domain::change::check_line("initiative title", &x.title)
                .map_err(|e| bad(p("title"), e.to_string()))?;
            check_owner(p("owner"), &x.owner)?;
            if let Some(s) = &x.serves {
                check_serves(p("serves_uid"), &lines, s, &x.team)?;
            }
            let start = check_month(p("start"), &x.start)?;
            if let Some(end) = &x.end {
                let end = check_month(p("end"), end)?;
                crate::domain::plan::check_span(start, Some(end))
                    .map_err(|e| bad(p("end"), e.to_string()))?;
            }
            check_enum::<PlanState>(p("state"), &x.state)?;
            let mut people = HashSet::new();
            for (j, s) in x.people.iter().enumerate() {
                let q = |f: &str| p(&format!("people[{j}].{f}"));
                check_name(q("person"), &s.person)?;
                if !people.insert(crate::domain::names::key(&s.person)) {
                    return Err(bad(
                        q("person"),
                        format!("'{}' appears twice on the initiative", s.person),
                    ));
                }
                if !(1..=100).contains(&s.share) {
                    return Err(bad(
                        q("share"),
                        format!(
                            "'{}' is not a share of someone's time: use 1 to 100",
                            s.share
                        ),
                    ));
                }
            }
            check_times(
                p,
                [
                    ("created_at", Some(&x.created_at)),
                    ("updated_at", Some(&x.updated_at)),
                ],
            )?;
            initiative_team.insert(x.uid.as_str(), x.team.as_str());
        }
        for (i, m) in plan.milestones.iter().enumerate() {
            let p = |f: &str| format!("plan.milestones[{i}].{f}");
            let Some(team) = initiative_team.get(m.initiative.as_str()) else {
                return Err(bad(
                    p("initiative_uid"),
                    format!("'{}' is not in this export", m.initiative),
                ));
            };
            check_title(p("title"), &m.title)?;
            crate::domain::change::check_line("milestone title", &m.title)
                .map_err(|e| bad(p("title"), e.to_string()))?;
            check_owner(p("owner"), &m.owner)?;
            check_month(p("month"), &m.month)?;
            check_enum::<Phase>(p("phase"), &m.phase)?;
            check_enum::<PlanState>(p("state"), &m.state)?;
            if let Some(d) = &m.decision {
                if !decisions.contains(d) {
                    return Err(bad(
                        p("decision_uid"),
                        format!("'{d}' is not in this export"),
                    ));
                }
                if decision_team.get(d.as_str()) != Some(team) {
                    return Err(bad(
                        p("decision_uid"),
                        format!("'{d}' is another team's decision"),
                    ));
                }
            }
            check_times(
                p,
                [
                    ("phase_since", Some(&m.phase_since)),
                    ("created_at", Some(&m.created_at)),
                    ("updated_at", Some(&m.updated_at)),
                ],
            )?;
        }
        for (i, d) in plan.flex_draws.iter().enumerate() {
            let p = |f: &str| format!("plan.flex_draws[{i}].{f}");
            if !teams.contains(&d.team) {
                return Err(bad(
                    p("team_uid"),
                    format!("'{}' is not in this export", d.team),
                ));
            }
            check_title(p("why"), &d.why)?;
            check_date(p("drawn_on"), &Some(d.drawn_on.clone()))?;
            check_times(
                p,
                [
                    ("created_at", Some(&d.created_at)),
                    ("updated_at", Some(&d.updated_at)),
                ],
            )?;
        }
        Ok(())
    }
}
