//! `Archive::validate`: everything an import would refuse or could not read
//! back, found before the database is opened. Values must be written as the
//! store writes them (the reads parse them and compare them as text), names
//! follow `Change`'s rules, nothing the database keeps unique appears twice,
//! and every reference resolves.

use std::collections::HashSet;

use super::{Archive, ArchiveError, FIRST_VERSION, FORMAT, VERSION, times};
use crate::domain::model::{
    ActionSource, ActionState, DecisionState, DepStatus, ItemState, Kind, Lane, MeetingKind,
    ReviewWeek, SectionKind,
};
use crate::domain::status::{Direction, Goal, GoalError};
use crate::domain::week::{self, Week, WeekError};

mod brief;
mod link;
mod plan;
mod trigger;

fn bad(place: String, problem: impl Into<String>) -> ArchiveError {
    ArchiveError {
        place,
        problem: problem.into(),
    }
}

/// The parsers forgive case and spaces, as people type; the database keeps
/// one spelling, compares it as text and its CHECKs refuse any other.
fn canonical(place: String, value: &str, written: String) -> Result<(), ArchiveError> {
    if written == value {
        Ok(())
    } else {
        Err(bad(place, format!("'{value}' must be written '{written}'")))
    }
}

fn check_enum<T: std::str::FromStr<Err = String> + std::fmt::Display>(
    place: String,
    value: &str,
) -> Result<(), ArchiveError> {
    let parsed: T = value.parse().map_err(|e| bad(place.clone(), e))?;
    canonical(place, value, parsed.to_string())
}

fn check_week(place: String, value: &str) -> Result<(), ArchiveError> {
    let week: Week = value
        .parse()
        .map_err(|e: WeekError| bad(place.clone(), e.to_string()))?;
    canonical(place, value, week.to_string())
}

fn check_date(place: String, value: &Option<String>) -> Result<(), ArchiveError> {
    match value {
        Some(d) => {
            let date = week::parse_date(d).map_err(|e| bad(place.clone(), e.to_string()))?;
            canonical(place, d, date.format("%Y-%m-%d").to_string())
        }
        None => Ok(()),
    }
}

/// A time in the export's form or the store's (see `times`), written as
/// one of them writes it: the reads compare times as text.
fn check_time(place: String, value: &str) -> Result<(), ArchiveError> {
    let utc = times::parse(value).ok_or_else(|| {
        bad(
            place.clone(),
            format!("'{value}' is not a timestamp such as '{}'", times::EXAMPLE),
        )
    })?;
    if !week::year_in_range(chrono::Datelike::year(&utc)) {
        return Err(bad(
            place,
            format!(
                "'{value}' is outside the years rhythm keeps ({} to {})",
                week::FIRST_YEAR,
                week::LAST_YEAR
            ),
        ));
    }
    canonical(place, value, times::canonical(value, utc))
}

fn check_times<'t>(
    place: impl Fn(&str) -> String,
    times: impl IntoIterator<Item = (&'t str, Option<&'t String>)>,
) -> Result<(), ArchiveError> {
    for (field, value) in times {
        if let Some(v) = value {
            check_time(place(field), v)?;
        }
    }
    Ok(())
}

/// Names (teams, people, measures, owners) follow the very rule every
/// `Change` that makes one follows: one line, not empty, not too long.
fn check_name(place: String, value: &str) -> Result<(), ArchiveError> {
    let what = match place.split('[').next().unwrap_or_default() {
        _ if place.ends_with("owner") => "owner",
        _ if place.ends_with("integrator") => "integrator",
        _ if place.contains("attendees") => "attendee",
        "teams" => "team name",
        "people" => "person name",
        "measures" => "measure name",
        _ => "name",
    };
    crate::domain::change::check_name(what, value).map_err(|e| bad(place, e.to_string()))
}

/// Titles need only be there: an action promised on an off-track item takes
/// the promised change, line breaks and all, as its title.
fn check_title(place: String, value: &str) -> Result<(), ArchiveError> {
    if value.trim().is_empty() {
        return Err(bad(place, "cannot be empty"));
    }
    Ok(())
}

fn check_owner(place: String, value: &Option<String>) -> Result<(), ArchiveError> {
    value.as_deref().map_or(Ok(()), |o| check_name(place, o))
}

/// Counts the store reads back as unsigned 32-bit numbers.
fn check_count(place: String, value: i64) -> Result<(), ArchiveError> {
    if value < 0 {
        return Err(bad(place, format!("'{value}' is negative")));
    }
    if u32::try_from(value).is_err() {
        return Err(bad(place, format!("'{value}' is too large")));
    }
    Ok(())
}

/// A team's flexible pool, as the store keeps it: 0 to `FLEX_MAX` %.
fn check_flex(place: String, value: i64) -> Result<(), ArchiveError> {
    let max = crate::domain::plan::FLEX_MAX;
    if !(0..=i64::from(max)).contains(&value) {
        return Err(bad(place, format!("'{value}' must be from 0 to {max} (%)")));
    }
    Ok(())
}

/// The row ids an import into an empty database keeps.
fn unique_ids(what: &str, ids: impl Iterator<Item = i64>) -> Result<(), ArchiveError> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            return Err(bad(
                format!("{what}[{i}].id"),
                format!("'{id}' appears twice"),
            ));
        }
    }
    Ok(())
}

/// Names compare as people read them, as the store compares them.
fn folded(name: &str) -> String {
    crate::domain::names::key(name)
}

impl Archive {
    /// Checks what the schema would refuse, what the store could not read
    /// back, what an import would have to skip, and that every reference
    /// points at a record of the archive, so an import fails before it writes.
    pub fn validate(&self) -> Result<(), ArchiveError> {
        if self.format != FORMAT {
            return Err(bad(
                "format".into(),
                format!(
                    "'{}' is not a rhythm export (expected '{FORMAT}')",
                    self.format
                ),
            ));
        }
        if !(FIRST_VERSION..=VERSION).contains(&self.version) {
            return Err(bad(
                "version".into(),
                format!(
                    "{} is not a version this rhythm reads (it reads {FIRST_VERSION} to {VERSION})",
                    self.version
                ),
            ));
        }
        let unique = |what: &str, uids: Vec<&str>| -> Result<HashSet<String>, ArchiveError> {
            let mut seen = HashSet::new();
            for (i, u) in uids.iter().enumerate() {
                if u.trim().is_empty() {
                    return Err(bad(format!("{what}[{i}].uid"), "cannot be empty"));
                }
                if !seen.insert(u.to_string()) {
                    return Err(bad(
                        format!("{what}[{i}].uid"),
                        format!("'{u}' appears twice"),
                    ));
                }
            }
            Ok(seen)
        };
        let teams = unique("teams", self.teams.iter().map(|t| t.uid.as_str()).collect())?;
        let measures = unique(
            "measures",
            self.measures.iter().map(|m| m.uid.as_str()).collect(),
        )?;
        let offtrack = unique(
            "offtrack",
            self.offtrack.iter().map(|o| o.uid.as_str()).collect(),
        )?;
        unique(
            "actions",
            self.actions.iter().map(|a| a.uid.as_str()).collect(),
        )?;
        unique(
            "dependencies",
            self.dependencies.iter().map(|d| d.uid.as_str()).collect(),
        )?;
        let meetings = unique(
            "meetings",
            self.meetings.iter().map(|m| m.uid.as_str()).collect(),
        )?;
        let decisions = unique(
            "decisions",
            self.decisions.iter().map(|d| d.uid.as_str()).collect(),
        )?;
        unique("brief", self.brief.iter().map(|b| b.uid.as_str()).collect())?;
        let refers = |place: String, set: &HashSet<String>, uid: &str| {
            if set.contains(uid) {
                Ok(())
            } else {
                Err(bad(place, format!("'{uid}' is not in this export")))
            }
        };
        unique_ids("teams", self.teams.iter().map(|t| t.id))?;
        unique_ids("people", self.people.iter().map(|p| p.id))?;
        unique_ids("measures", self.measures.iter().map(|m| m.id))?;
        unique_ids("offtrack", self.offtrack.iter().map(|o| o.id))?;
        unique_ids("actions", self.actions.iter().map(|a| a.id))?;
        unique_ids("dependencies", self.dependencies.iter().map(|d| d.id))?;
        unique_ids("meetings", self.meetings.iter().map(|m| m.id))?;
        unique_ids("decisions", self.decisions.iter().map(|d| d.id))?;
        unique_ids("brief", self.brief.iter().map(|b| b.id))?;
        let twice = |place: String, what: String, among: String| {
            Err(bad(place, format!("{what} appears twice{among}")))
        };
        let mut names = HashSet::new();
        for (i, t) in self.teams.iter().enumerate() {
            check_name(format!("teams[{i}].name"), &t.name)?;
            check_enum::<ReviewWeek>(format!("teams[{i}].review"), &t.review)?;
            check_flex(format!("teams[{i}].flex_share"), t.flex_share)?;
            check_time(format!("teams[{i}].created_at"), &t.created_at)?;
            if !names.insert(folded(&t.name)) {
                return twice(
                    format!("teams[{i}].name"),
                    format!("'{}'", t.name),
                    String::new(),
                );
            }
        }
        let mut people = HashSet::new();
        for (i, p) in self.people.iter().enumerate() {
            check_name(format!("people[{i}].name"), &p.name)?;
            check_time(format!("people[{i}].created_at"), &p.created_at)?;
            if !people.insert(folded(&p.name)) {
                return twice(
                    format!("people[{i}].name"),
                    format!("'{}'", p.name),
                    String::new(),
                );
            }
        }
        let mut sections = HashSet::new();
        for (i, s) in self.agendas.iter().enumerate() {
            refers(format!("agendas[{i}].team_uid"), &teams, &s.team)?;
            check_enum::<MeetingKind>(format!("agendas[{i}].kind"), &s.kind)?;
            check_count(format!("agendas[{i}].minutes"), s.minutes)?;
            if let Some(k) = &s.section {
                check_enum::<SectionKind>(format!("agendas[{i}].section"), k)?;
            }
            if !sections.insert((&s.team, &s.kind, s.position)) {
                return twice(
                    format!("agendas[{i}].position"),
                    format!("'{}'", s.position),
                    format!(" in the team's {} agenda", s.kind),
                );
            }
        }
        let mut measure_names = HashSet::new();
        for (i, m) in self.measures.iter().enumerate() {
            let p = |f: &str| format!("measures[{i}].{f}");
            refers(p("team_uid"), &teams, &m.team)?;
            check_name(p("name"), &m.name)?;
            if !measure_names.insert((&m.team, folded(&m.name))) {
                return twice(p("name"), format!("'{}'", m.name), " in its team".into());
            }
            check_owner(p("owner"), &m.owner)?;
            check_enum::<Kind>(p("kind"), &m.kind)?;
            if let Some(r) = &m.rollup {
                check_enum::<crate::domain::Rollup>(p("rollup"), r)?;
            }
            let direction: Direction = m
                .direction
                .parse()
                .map_err(|e: String| bad(p("direction"), e))?;
            canonical(p("direction"), &m.direction, direction.as_str().into())?;
            let range = match (m.range_low, m.range_high) {
                (Some(l), Some(h)) => Some((l, h)),
                (None, None) => None,
                _ => return Err(bad(p("range_low"), "a range needs both ends")),
            };
            Goal::new(direction, m.target, range, m.tolerance).map_err(|e| {
                let field = match e {
                    GoalError::Tolerance(_) => "tolerance",
                    _ => "target",
                };
                bad(p(field), e.to_string())
            })?;
            check_count(p("position"), m.position)?;
            check_times(
                p,
                [
                    ("created_at", Some(&m.created_at)),
                    ("updated_at", Some(&m.updated_at)),
                ],
            )?;
        }
        let mut seen_readings = HashSet::new();
        for (i, r) in self.readings.iter().enumerate() {
            refers(format!("readings[{i}].measure_uid"), &measures, &r.measure)?;
            check_week(format!("readings[{i}].week"), &r.week)?;
            if !seen_readings.insert((r.measure.as_str(), r.week.as_str())) {
                return twice(
                    format!("readings[{i}]"),
                    format!("week '{}' of measure '{}'", r.week, r.measure),
                    String::new(),
                );
            }
            check_time(format!("readings[{i}].recorded_at"), &r.recorded_at)?;
        }
        for (i, o) in self.offtrack.iter().enumerate() {
            let p = |f: &str| format!("offtrack[{i}].{f}");
            refers(p("team_uid"), &teams, &o.team)?;
            if let Some(m) = &o.measure {
                refers(p("measure_uid"), &measures, m)?;
            }
            check_title(p("title"), &o.title)?;
            check_owner(p("owner"), &o.owner)?;
            check_enum::<ItemState>(p("state"), &o.state)?;
            check_week(p("raised_week"), &o.raised_week)?;
            check_times(
                p,
                [
                    ("created_at", Some(&o.created_at)),
                    ("updated_at", Some(&o.updated_at)),
                ],
            )?;
        }
        for (i, a) in self.actions.iter().enumerate() {
            let p = |f: &str| format!("actions[{i}].{f}");
            refers(p("team_uid"), &teams, &a.team)?;
            check_title(p("title"), &a.title)?;
            check_owner(p("owner"), &a.owner)?;
            check_enum::<ActionState>(p("state"), &a.state)?;
            check_enum::<ActionSource>(p("source"), &a.source)?;
            check_date(p("due"), &a.due)?;
            if let Some(s) = &a.source_uid {
                let set = if a.source == "decision" {
                    &decisions
                } else {
                    &offtrack
                };
                refers(p("source_uid"), set, s)?;
            }
            check_times(
                p,
                [
                    ("created_at", Some(&a.created_at)),
                    ("updated_at", Some(&a.updated_at)),
                    ("closed_at", a.closed_at.as_ref()),
                ],
            )?;
        }
        for (i, d) in self.dependencies.iter().enumerate() {
            let p = |f: &str| format!("dependencies[{i}].{f}");
            for (side, name) in [(&d.needing, "needing"), (&d.providing, "providing")] {
                if let Some(t) = &side.team {
                    refers(p(&format!("{name}.team_uid")), &teams, t)?;
                }
                check_name(p(&format!("{name}.name")), &side.name)?;
            }
            if d.needing.team.is_none() && d.providing.team.is_none() {
                return Err(bad(
                    format!("dependencies[{i}]"),
                    "neither side is a team of this export",
                ));
            }
            check_title(p("what"), &d.what)?;
            check_owner(p("owner"), &d.owner)?;
            check_enum::<DepStatus>(p("status"), &d.status)?;
            check_date(p("needed_by"), &d.needed_by)?;
            check_times(
                p,
                [
                    ("created_at", Some(&d.created_at)),
                    ("updated_at", Some(&d.updated_at)),
                ],
            )?;
        }
        let mut weeks = HashSet::new();
        for (i, m) in self.meetings.iter().enumerate() {
            let p = |f: &str| format!("meetings[{i}].{f}");
            refers(p("team_uid"), &teams, &m.team)?;
            check_enum::<MeetingKind>(p("kind"), &m.kind)?;
            check_week(p("week"), &m.week)?;
            if !weeks.insert((&m.team, &m.kind, &m.week)) {
                return twice(
                    p("week"),
                    format!("'{}'", m.week),
                    format!(" in the team's {} meetings", m.kind),
                );
            }
            check_times(
                p,
                [
                    ("started_at", Some(&m.started_at)),
                    ("ended_at", m.ended_at.as_ref()),
                ],
            )?;
            check_count(p("current_section"), m.current_section)?;
            if let Some(r) = m.rating.filter(|r| !(1..=10).contains(r)) {
                return Err(bad(p("rating"), format!("'{r}' must be from 1 to 10")));
            }
            for (field, v) in [
                ("missing_at_start", m.missing_at_start),
                ("commitments_done", m.commitments_done),
                ("commitments_due", m.commitments_due),
            ] {
                if let Some(v) = v {
                    check_count(p(field), v)?;
                }
            }
            match (m.commitments_done, m.commitments_due) {
                (Some(done), Some(due)) if done > due => {
                    return Err(bad(
                        p("commitments_done"),
                        format!("'{done}' is more than the {due} commitments due"),
                    ));
                }
                (Some(_), None) | (None, Some(_)) => {
                    return Err(bad(
                        p("commitments_due"),
                        "commitments_done and commitments_due come together, or neither",
                    ));
                }
                _ => {}
            }
            for (j, s) in m.sections.iter().enumerate() {
                check_count(p(&format!("sections[{j}].minutes")), s.minutes)?;
                check_count(p(&format!("sections[{j}].seconds_spent")), s.seconds_spent)?;
                if let Some(k) = &s.section {
                    check_enum::<SectionKind>(p(&format!("sections[{j}].section")), k)?;
                }
            }
            for (j, a) in m.attendees.iter().enumerate() {
                check_name(p(&format!("attendees[{j}]")), a)?;
            }
        }
        for (i, d) in self.decisions.iter().enumerate() {
            let p = |f: &str| format!("decisions[{i}].{f}");
            refers(p("team_uid"), &teams, &d.team)?;
            check_title(p("title"), &d.title)?;
            check_owner(p("owner"), &d.owner)?;
            check_enum::<Lane>(p("lane"), &d.lane)?;
            check_enum::<DecisionState>(p("state"), &d.state)?;
            check_date(p("due"), &d.due)?;
            if let Some(m) = &d.meeting {
                refers(p("meeting_uid"), &meetings, m)?;
            }
            if let Some(s) = &d.supersedes {
                refers(p("supersedes_uid"), &decisions, s)?;
            }
            check_times(
                p,
                [
                    ("made_at", d.made_at.as_ref()),
                    ("created_at", Some(&d.created_at)),
                    ("updated_at", Some(&d.updated_at)),
                ],
            )?;
        }
        self.validate_brief(&teams, &measures)?;
        self.validate_triggers(&teams)?;
        self.validate_plan(&teams, &decisions)?;
        self.validate_links()
    }
}
