//! The line a person reads for each operation ("Recorded Net revenue
//! retention = 104.5 % for 2026-W48", "Edited decision #4: owner Ana → Bo"),
//! made from the changes asked for and the rows they wrote.

use crate::storage::db::{Db, OptionalExtension};
use serde_json::Value;

use crate::domain::operation::FieldChange;
use crate::domain::{ActionState, Change, ItemState, OpId, PlanState, TeamId};

use super::super::StoreError;
use super::super::apply::Applied;

/// Columns that are bookkeeping, not something a person changed.
const QUIET: &[&str] = &[
    "uid",
    "created_at",
    "updated_at",
    "recorded_at",
    "closed_at",
];

/// At most this many changes are named in one line.
const NAMED: usize = 3;

/// Values longer than this are cut in a summary line.
const SHOWN: usize = 40;

/// The operation's line: each change in words, with what an edit changed;
/// and the team of its first change, when that is plain from the change
/// (else the log finds it from the rows written).
pub(crate) fn summarize(
    conn: &Db,
    op: OpId,
    changes: &[Change],
    applied: &[Applied],
) -> Result<(String, Option<TeamId>), StoreError> {
    let mut parts = Vec::new();
    let mut team = None;
    // The clock saved with a change (ending a meeting saves it first) is
    // bookkeeping, as it is alone: the line names what a person did.
    let named: Vec<_> = changes
        .iter()
        .zip(applied)
        .filter(|(c, _)| super::is_logged(c))
        .collect();
    for (change, done) in named.iter().take(NAMED) {
        let (line, of) = phrase(conn, op, change, done)?;
        parts.push(line);
        team = team.or(of);
    }
    let mut line = parts.join("; ");
    if named.len() > NAMED {
        line.push_str(&format!("; and {} more", named.len() - NAMED));
    }
    Ok((line, team))
}

/// A change in words, and its team when the change names it (or the
/// measure it names gives it).
fn phrase(
    conn: &Db,
    op: OpId,
    change: &Change,
    done: &Applied,
) -> Result<(String, Option<TeamId>), StoreError> {
    let team = match change {
        Change::AddTeam { .. } => Some(TeamId(done.id)),
        Change::RenameTeam { team, .. }
        | Change::SetReviewWeek { team, .. }
        | Change::DeleteTeam { team } => Some(*team),
        Change::StartMeeting { team, .. } => Some(*team),
        Change::AddMeasure(m) => Some(m.team),
        Change::AddAction(a) => Some(a.team),
        Change::AddOffTrack(o) => Some(o.team),
        Change::AddDecision(d) => Some(d.team),
        Change::AddMeeting(m) => Some(m.team),
        Change::AddBriefItem(b) => b.team,
        _ => None,
    };
    let mut reading_team = None;
    let line = words(conn, op, change, done, &mut reading_team)?;
    Ok((line, team.or(reading_team)))
}

/// A change in words. A reading's words look its measure up, and with it
/// the team, which they hand back in `team` (one query, not two: this runs
/// on every write).
fn words(
    conn: &Db,
    op: OpId,
    change: &Change,
    done: &Applied,
    team: &mut Option<TeamId>,
) -> Result<String, StoreError> {
    let id = done.id;
    let edit = |what: &str, table: &str, id: i64| -> Result<String, StoreError> {
        let diff = row_diff(conn, op, table, id)?;
        Ok(if diff.is_empty() {
            format!("{what} (nothing changed)")
        } else {
            format!("{what}: {diff}")
        })
    };
    Ok(match change {
        Change::AddTeam { name } => format!("Added team {name}"),
        Change::RenameTeam { team, .. } => edit(&format!("Renamed team #{team}"), "team", team.0)?,
        Change::SetReviewWeek { team, .. } => edit(
            &format!("Set the review week of team {}", team_name(conn, team.0)?),
            "team",
            team.0,
        )?,
        Change::AddMeasure(m) => format!("Added measure {} (#{id})", m.name),
        Change::EditMeasure { measure, .. } => edit(
            &format!("Edited measure {}", measure_name(conn, measure.0)?),
            "measure",
            measure.0,
        )?,
        Change::ArchiveMeasure { measure, archived } => format!(
            "{} measure {}",
            if *archived { "Archived" } else { "Restored" },
            measure_name(conn, measure.0)?
        ),
        Change::MoveMeasure { measure, position } => format!(
            "Moved measure {} to position {position}",
            measure_name(conn, measure.0)?
        ),
        Change::RecordReading {
            measure,
            week,
            value,
            ..
        } => {
            let (name, unit, of) = measure_info(conn, measure.0)?;
            *team = of;
            let unit = with_unit(&unit);
            let was = match &done.replaced {
                Some((old, _)) => format!(" (was {old})"),
                None => String::new(),
            };
            format!("Recorded {name} = {value}{unit} for {week}{was}")
        }
        Change::AddAction(a) => format!("Added action #{id}: {}", cut(&a.title)),
        Change::SetActionState { action, state } => match state {
            ActionState::Open => format!("Reopened action #{action}"),
            ActionState::Done => format!("Marked action #{action} done"),
            ActionState::Dropped => format!("Dropped action #{action}"),
        },
        Change::AddOffTrack(o) => format!("Raised off-track #{id}: {}", cut(&o.title)),
        Change::SetOffTrackState { item, state } => {
            let verb = match state {
                ItemState::Open => "Reopened",
                ItemState::Resolved => "Resolved",
                ItemState::Dropped => "Dropped",
            };
            format!("{verb} off-track #{item}")
        }
        Change::EditOffTrack { item, .. } => {
            edit(&format!("Edited off-track #{item}"), "offtrack", item.0)?
        }
        Change::AddDependency(d) => format!("Added dependency #{id}: {}", cut(&d.what)),
        Change::UpdateDependency { dependency, .. } => edit(
            &format!("Updated dependency #{dependency}"),
            "dependency",
            dependency.0,
        )?,
        Change::AddDecision(d) => {
            let what = if d.made {
                "Logged decision"
            } else {
                "Logged needed decision"
            };
            format!("{what} #{id}: {}", cut(&d.title))
        }
        Change::Decide {
            decision, chosen, ..
        } => {
            format!("Decided #{decision}: {}", cut(chosen))
        }
        Change::Supersede { old, new } => format!("Superseded decision #{old} by #{new}"),
        Change::AddMeeting(m) => format!("Added the {} meeting of {}", m.kind, m.week),
        Change::StartMeeting { kind, week, .. } => format!("Started the {kind} review of {week}"),
        Change::SaveMeetingClock { meeting, .. } => {
            format!("Saved the clock of meeting #{meeting}")
        }
        Change::DriveMeeting {
            meeting, driver, ..
        } => format!("{driver} drove meeting #{meeting}"),
        Change::LeaveMeeting { meeting, .. } => format!("Left meeting #{meeting}"),
        Change::RateMeeting { meeting, rating } => format!("Rated meeting #{meeting} {rating}/10"),
        Change::EndMeeting { meeting, .. } => format!("Ended meeting #{meeting}"),
        Change::ClearReading { measure, week } => {
            let key = format!("[{measure},\"{week}\"]");
            let was = image_field(conn, op, "reading", &key, "value")?;
            let (name, unit, of) = measure_info(conn, measure.0)?;
            *team = of;
            let was = was
                .and_then(|v| v.parse::<f64>().ok())
                .map(|v| format!(" (was {v}{})", with_unit(&unit)))
                .unwrap_or_default();
            format!("Cleared {name} for {week}{was}")
        }
        Change::EditAction { action, .. } => {
            edit(&format!("Edited action #{action}"), "action_item", action.0)?
        }
        Change::EditDependency { dependency, .. } => edit(
            &format!("Edited dependency #{dependency}"),
            "dependency",
            dependency.0,
        )?,
        Change::DeleteDependency { dependency } => {
            let what = image_field(conn, op, "dependency", &format!("[{dependency}]"), "what")?;
            format!(
                "Deleted dependency #{dependency}: {}",
                cut(&what.unwrap_or_default())
            )
        }
        Change::EditDecision { decision, .. } => edit(
            &format!("Edited decision #{decision}"),
            "decision",
            decision.0,
        )?,
        Change::WithdrawDecision { decision } => format!("Withdrew decision #{decision}"),
        Change::AddBriefItem(b) => {
            let q = b.quarter;
            if b.kind == crate::domain::BriefKind::Measure {
                let name = measure_name(conn, b.measure.map_or(0, |m| m.0))?;
                match b.objective {
                    Some(o) => format!("Added measure {name} to objective #{o} of the {q} brief"),
                    None => format!("Added measure {name} to the {q} brief"),
                }
            } else {
                format!("Added {} #{id} to the {q} brief: {}", b.kind, cut(&b.text))
            }
        }
        Change::EditBriefItem { item, .. } => {
            edit(&format!("Edited brief line #{item}"), "brief_item", item.0)?
        }
        Change::DropBriefItem { item } => {
            let text = image_field(conn, op, "brief_item", &format!("[{item}]"), "text")?
                .filter(|t| !t.is_empty());
            match text {
                Some(text) => format!("Dropped brief line #{item}: {}", cut(&text)),
                None => format!("Dropped brief line #{item}"),
            }
        }
        Change::AddInitiative(i) => format!("Added initiative #{id}: {}", cut(&i.title)),
        Change::EditInitiative { initiative, .. } => edit(
            &format!("Edited initiative #{initiative}"),
            "initiative",
            initiative.0,
        )?,
        Change::SetInitiativeState {
            initiative, state, ..
        } => match state {
            PlanState::Open => format!("Opened initiative #{initiative} again"),
            PlanState::Done => format!("Closed initiative #{initiative} as done"),
            PlanState::Closed => format!("Stopped initiative #{initiative}"),
        },
        Change::AssignPerson {
            initiative,
            person,
            share: 0,
        } => format!("Took {person} off initiative #{initiative}"),
        Change::AssignPerson {
            initiative,
            person,
            share,
        } => format!("Gave {person} {share} % on initiative #{initiative}"),
        Change::AddMilestone(m) => format!(
            "Added milestone #{id} to initiative #{}: {}",
            m.initiative,
            cut(&m.title)
        ),
        Change::EditMilestone { milestone, .. } => edit(
            &format!("Edited milestone #{milestone}"),
            "milestone",
            milestone.0,
        )?,
        Change::MoveMilestone { milestone, phase } => {
            format!("Moved milestone #{milestone} to {phase}")
        }
        Change::SetMilestoneState {
            milestone, state, ..
        } => match state {
            PlanState::Open => format!("Opened milestone #{milestone} again"),
            PlanState::Done => format!("Marked milestone #{milestone} done"),
            PlanState::Closed => format!("Stopped milestone #{milestone}"),
        },
        Change::LinkMilestoneDecision { milestone, .. } => {
            format!("Named who decides milestone #{milestone}")
        }
        Change::Serve {
            kind,
            line: Some(line),
            ..
        } => format!("Linked {kind} #{id} to brief line #{line}"),
        Change::Serve {
            kind, line: None, ..
        } => format!("Unlinked {kind} #{id} from the brief"),
        Change::SetAgenda {
            team,
            kind,
            sections,
        } => format!(
            "Set the {kind} agenda of team {}: {}",
            team_name(conn, team.0)?,
            crate::domain::agenda::Typed(sections)
        ),
        Change::SetFlexShare { team, share } => format!(
            "Set the flexible pool of team {} to {share} %",
            team_name(conn, team.0)?
        ),
        Change::DrawFlex(d) => format!("Drew on the flexible pool (#{id}): {}", cut(&d.why)),
        Change::WritePostMortem { draw, .. } => {
            format!("Wrote the post-mortem of flex draw #{draw}")
        }
        Change::AddTrigger(t) => {
            let (name, _, of) = measure_info(conn, t.measure.0)?;
            *team = of;
            let rule = crate::domain::trigger::Rule {
                measure: name,
                ..t.rule.clone()
            };
            format!("Added trigger #{id}: {rule} → {}", cut(&t.response))
        }
        Change::EditTrigger { trigger, .. } => edit(
            &format!("Edited trigger #{trigger}"),
            "trigger_rule",
            trigger.0,
        )?,
        Change::DropTrigger { trigger } => {
            let rule = image_field(conn, op, "trigger_rule", &format!("[{trigger}]"), "rule")?;
            match rule {
                Some(rule) => format!("Dropped trigger #{trigger}: {}", cut(&rule)),
                None => format!("Dropped trigger #{trigger}"),
            }
        }
        Change::RenamePerson { from, to } => format!("Renamed person {from} to {to}"),
        Change::DeleteTeam { team } => {
            let name = image_field(conn, op, "team", &format!("[{team}]"), "name")?;
            format!(
                "Deleted team {}",
                name.unwrap_or_else(|| format!("#{team}"))
            )
        }
        Change::SetMeetingRating { meeting, rating } => {
            format!("Rated meeting #{meeting} {rating}/10")
        }
        Change::Restore(_) => "Restored a record of an export".into(),
        Change::ClearDemo => "Emptied the demo database".into(),
        Change::MarkDemo { .. } => "Marked the database as a demo".into(),
        Change::Guarded { change, .. } => words(conn, op, change, done, team)?,
    })
}

/// A field of the first image this operation kept of a row (its state
/// before, for a row it deleted), as text.
fn image_field(
    conn: &Db,
    op: OpId,
    table: &str,
    key: &str,
    field: &str,
) -> Result<Option<String>, StoreError> {
    let image: Option<String> = conn
        .prepare_cached(
            "SELECT coalesce(before, after) FROM op_row WHERE op_id = ?1 AND tbl = ?2 AND key = ?3
             ORDER BY id LIMIT 1",
        )?
        .query_row(crate::storage::db::params![op.0, table, key], |r| r.get(0))
        .optional()?
        .flatten();
    let value = parse(image.as_deref());
    Ok(match value.get(field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    })
}

/// " %" after a value, or nothing for a measure without a unit.
fn with_unit(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    }
}

/// A team's name (its number when it is gone).
fn team_name(conn: &Db, id: i64) -> Result<String, StoreError> {
    Ok(conn
        .prepare_cached("SELECT name FROM team WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| format!("#{id}")))
}

fn measure_name(conn: &Db, id: i64) -> Result<String, StoreError> {
    Ok(measure_info(conn, id)?.0)
}

/// A measure's name, unit and team (its number for a name when it is gone).
fn measure_info(conn: &Db, id: i64) -> Result<(String, String, Option<TeamId>), StoreError> {
    Ok(conn
        .prepare_cached("SELECT name, unit, team_id FROM measure WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, Some(TeamId(r.get(2)?))))
        })
        .optional()?
        .unwrap_or_else(|| (format!("#{id}"), String::new(), None)))
}

/// "owner Ana → Bo, due 2026-12-01 → 2026-12-08" for the record's rows in
/// this operation.
fn row_diff(conn: &Db, op: OpId, table: &str, id: i64) -> Result<String, StoreError> {
    let key = format!("[{id}]");
    let images: Vec<(Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT before, after FROM op_row WHERE op_id = ?1 AND tbl = ?2 AND key = ?3 ORDER BY id")?
        .query_map(crate::storage::db::params![op.0, table, key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let (Some(first), Some(last)) = (images.first(), images.last()) else {
        return Ok(String::new());
    };
    let before = parse(first.0.as_deref());
    let after = parse(last.1.as_deref());
    let parts: Vec<String> = field_changes(conn, &before, &after)?
        .into_iter()
        .map(|f| {
            format!(
                "{} {} → {}",
                f.field,
                shown(f.before.as_deref()),
                shown(f.after.as_deref())
            )
        })
        .collect();
    Ok(parts.join(", "))
}

fn parse(image: Option<&str>) -> Value {
    image
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or(Value::Null)
}

fn shown(value: Option<&str>) -> String {
    match value {
        None => "(none)".into(),
        Some("") => "''".into(),
        Some(v) => cut(v),
    }
}

fn cut(text: &str) -> String {
    if text.chars().count() <= SHOWN {
        text.to_string()
    } else {
        let head: String = text.chars().take(SHOWN - 1).collect();
        format!("{head}…")
    }
}

/// The fields that differ between two images of a row, in words: owners
/// by name, bookkeeping columns left out.
pub(super) fn field_changes(
    conn: &Db,
    before: &Value,
    after: &Value,
) -> Result<Vec<FieldChange>, StoreError> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut names: Vec<&String> = a.keys().chain(b.keys()).collect();
    names.dedup();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for name in names {
        if !seen.insert(name) || QUIET.contains(&name.as_str()) {
            continue;
        }
        let (old, new) = (b.get(name), a.get(name));
        if old == new {
            continue;
        }
        out.push(FieldChange {
            field: name.strip_suffix("_id").unwrap_or(name).to_string(),
            before: text(conn, name, old)?,
            after: text(conn, name, new)?,
        });
    }
    Ok(out)
}

/// A column's value as a person reads it: people by name.
fn text(conn: &Db, column: &str, value: Option<&Value>) -> Result<Option<String>, StoreError> {
    Ok(match value {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) if column == "owner_id" || column == "person_id" => {
            let id = n.as_i64().unwrap_or_default();
            let name: Option<String> = conn
                .prepare_cached("SELECT name FROM person WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            Some(name.unwrap_or_else(|| format!("person #{id}")))
        }
        Some(other) => Some(other.to_string()),
    })
}
