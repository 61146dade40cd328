//! `rhythm measure ...` and `rhythm record`: the scorecard's measures and
//! their weekly values.

use serde::Serialize;

use super::args::{GoalArgs, MeasureCommand, RecordArgs};
use super::table::Table;
use super::views::in_team;
use super::{Ctx, Session, fail, print_json, resolve, usage};
use crate::domain::change::{Expect, MeasureEdit, NewMeasure};
use crate::domain::status::{DEFAULT_TOLERANCE, format_number};
use crate::domain::{Change, Direction, Goal, Kind, Measure, Serving, Target, Team};
use crate::storage::StoreError;

/// A scorecard reads best with fewer measures than this.
const MEASURE_LIMIT: usize = 10;

pub fn measure(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    command: MeasureCommand,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    match command {
        MeasureCommand::Add {
            name,
            owner,
            unit,
            kind,
            goal,
            serves,
            rollup,
        } => {
            let goal = new_goal(&goal)?;
            let add = Change::AddMeasure(NewMeasure {
                team: team.id,
                name: name.clone(),
                owner: Some(owner.clone()),
                unit,
                kind,
                goal,
                rollup,
            });
            let changes = super::serves::adding(s, &team, Serving::Measure, add, &serves)?;
            s.apply_all(changes)?;
            let m = find(s, &team, &name)?;
            writeln!(
                ctx.out,
                "Added the measure {} to {} (target {}, owner {})",
                m.name,
                team.name,
                m.goal.describe(&m.unit),
                m.owner.as_deref().unwrap_or("none")
            )?;
            let active = s.store.measures(team.id, false)?.len();
            if active > MEASURE_LIMIT {
                writeln!(
                    ctx.err,
                    "warning: {} now has {active} active measures; a scorecard reads best with {MEASURE_LIMIT} or fewer (archive one with `rhythm measure archive NAME`)",
                    team.name
                )?;
            }
        }
        MeasureCommand::List { archived, json } => {
            let measures = s.store.measures(team.id, archived)?;
            if json.json {
                let views = measures.iter().map(MeasureView::from);
                return print_json(ctx.out, &in_team(&team, views));
            }
            if measures.is_empty() {
                writeln!(
                    ctx.out,
                    "{} has no measures yet: add one with `rhythm measure add NAME --owner PERSON --target VALUE`",
                    team.name
                )?;
                return Ok(());
            }
            let mut table = Table::new(&["#", "Measure", "Owner", "Kind", "Target", "Tolerance"]);
            for m in &measures {
                table.row(vec![
                    if m.archived {
                        "archived".into()
                    } else {
                        m.position.to_string()
                    },
                    m.name.clone(),
                    m.owner.clone().unwrap_or_default(),
                    m.kind.to_string(),
                    m.goal.describe(&m.unit),
                    format_number(m.goal.tolerance),
                ]);
            }
            write!(ctx.out, "{}", table.render())?;
        }
        MeasureCommand::Edit {
            name,
            new_name,
            owner,
            unit,
            kind,
            goal,
            serves,
            rollup,
        } => {
            let m = find_any(s, &team, &name)?;
            let goal = edited_goal(&m.goal, &goal)?;
            let link = super::serves::link(
                s,
                &team,
                Serving::Measure,
                crate::domain::change::RowRef::Id(m.id.0),
                &serves,
            )?;
            let edit = MeasureEdit {
                name: new_name,
                owner,
                unit,
                kind,
                goal,
                rollup,
            };
            if edit == MeasureEdit::default() && link.is_none() {
                return Err(usage(
                    "nothing to change: give at least one of --name, --owner, --unit, --kind, --direction, --target, --range, --tolerance, --rollup, --serves",
                ));
            }
            let mut changes = Vec::new();
            if edit != MeasureEdit::default() {
                changes.push(Change::EditMeasure {
                    measure: m.id,
                    edit,
                });
            }
            changes.extend(link);
            s.apply_all(changes)?;
            let after = s
                .store
                .measures(team.id, true)?
                .into_iter()
                .find(|x| x.id == m.id)
                .ok_or_else(|| fail("the measure vanished while it was being edited"))?;
            writeln!(
                ctx.out,
                "Updated the measure {} (target {}, owner {}, {})",
                after.name,
                after.goal.describe(&after.unit),
                after.owner.as_deref().unwrap_or("none"),
                after.kind
            )?;
        }
        MeasureCommand::Archive { name, restore } => {
            let m = find_any(s, &team, &name)?;
            if m.archived != restore {
                let state = if restore {
                    "on the scorecard"
                } else {
                    "archived"
                };
                return Err(fail(format!("the measure '{}' is already {state}", m.name)));
            }
            s.apply(Change::ArchiveMeasure {
                measure: m.id,
                archived: !restore,
            })?;
            if restore {
                writeln!(ctx.out, "Restored the measure {} to the scorecard", m.name)?;
            } else {
                writeln!(
                    ctx.out,
                    "Archived the measure {}; its history is kept (restore with --restore)",
                    m.name
                )?;
            }
        }
        MeasureCommand::Move { name, position } => {
            let m = find(s, &team, &name)?;
            s.apply(Change::MoveMeasure {
                measure: m.id,
                position,
            })?;
            let order = s.store.measures(team.id, false)?;
            let now = order.iter().position(|x| x.id == m.id).map_or(0, |p| p + 1);
            writeln!(
                ctx.out,
                "Moved {} to position {now} of {}",
                m.name,
                order.len()
            )?;
        }
    }
    Ok(())
}

pub fn record(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    a: RecordArgs,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    let m = find(s, &team, &a.measure)?;
    let week = a.week.unwrap_or_else(|| s.this_week());
    let existing = s.store.reading(m.id, week)?;
    if a.clear {
        let old =
            existing.ok_or_else(|| fail(format!("{} has no value for {week} to clear", m.name)))?;
        s.apply(Change::ClearReading {
            measure: m.id,
            week,
        })?;
        writeln!(
            ctx.out,
            "Cleared {} for {week} (was {}): the week is missing again",
            m.name,
            with_unit(old.value, &m.unit)
        )?;
        return Ok(());
    }
    let value = a
        .value
        .ok_or_else(|| usage("give the value to record, or --clear"))?;
    // Without --note the week's note stays; `--note ""` clears it. The
    // guard makes sure the note kept is the one stored when the write lands.
    let note = match a.note {
        Some(n) => Some(n).filter(|n| !n.trim().is_empty()),
        None => existing.as_ref().and_then(|r| r.note.clone()),
    };
    let record = Change::RecordReading {
        measure: m.id,
        week,
        value,
        note,
    };
    let applied = s
        .apply(Change::Guarded {
            expect: Expect::Reading {
                measure: m.id,
                week,
                value: existing.as_ref().map(|r| r.value),
                note: existing.and_then(|r| r.note),
            },
            change: Box::new(record),
        })
        .map_err(|e| match e {
            StoreError::Conflict(_) => fail(format!(
                "{}'s value for {week} changed while recording; nothing was written: run the command again",
                m.name
            )),
            other => other.into(),
        })?;
    let status = m.goal.status(Some(value));
    let shown = with_unit(value, &m.unit);
    match applied.replaced {
        Some((old, _)) => writeln!(
            ctx.out,
            "Replaced {} for {week}: {} → {shown} ({} {})",
            m.name,
            with_unit(old, &m.unit),
            status.symbol(),
            status.label()
        )?,
        None => writeln!(
            ctx.out,
            "Recorded {} = {shown} for {week} ({} {})",
            m.name,
            status.symbol(),
            status.label()
        )?,
    }
    Ok(())
}

fn with_unit(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        format_number(v)
    } else {
        format!("{} {unit}", format_number(v))
    }
}

/// An active measure of the team, by name; archived ones are pointed out.
fn find(s: &Session, team: &Team, name: &str) -> anyhow::Result<Measure> {
    let m = find_any(s, team, name)?;
    if m.archived {
        return Err(fail(format!(
            "the measure '{}' is archived: restore it with `rhythm measure archive \"{}\" --restore`",
            m.name, m.name
        )));
    }
    Ok(m)
}

fn find_any(s: &Session, team: &Team, name: &str) -> anyhow::Result<Measure> {
    let measures = s.store.measures(team.id, true)?;
    Ok(resolve::measure(&measures, &team.name, name)
        .map_err(fail)?
        .clone())
}

fn new_goal(g: &GoalArgs) -> anyhow::Result<Goal> {
    let direction = g.direction.unwrap_or(if g.range.is_some() {
        Direction::Range
    } else {
        Direction::Higher
    });
    Goal::new(
        direction,
        g.target,
        g.range,
        g.tolerance.unwrap_or(DEFAULT_TOLERANCE),
    )
    .map_err(|e| usage(e.to_string()))
}

/// The goal after an edit: unchanged flags keep their stored values, and a
/// change of direction asks for the target shape that direction needs.
fn edited_goal(old: &Goal, g: &GoalArgs) -> anyhow::Result<Option<Goal>> {
    if g.direction.is_none() && g.target.is_none() && g.range.is_none() && g.tolerance.is_none() {
        return Ok(None);
    }
    let direction = g.direction.unwrap_or(match (g.range, g.target) {
        (Some(_), None) => Direction::Range,
        (None, Some(_)) if old.direction == Direction::Range => Direction::Higher,
        _ => old.direction,
    });
    let (old_target, old_range) = match old.target {
        Target::Value(v) => (Some(v), None),
        Target::Range { low, high } => (None, Some((low, high))),
    };
    let (target, range) = if direction == Direction::Range {
        (g.target, g.range.or(old_range))
    } else {
        (g.target.or(old_target), g.range)
    };
    Goal::new(
        direction,
        target,
        range,
        g.tolerance.unwrap_or(old.tolerance),
    )
    .map(Some)
    .map_err(|e| usage(e.to_string()))
}

/// A measure as `measure list --json` prints it.
#[derive(Serialize)]
struct MeasureView<'a> {
    id: i64,
    team_id: i64,
    name: &'a str,
    owner: Option<&'a str>,
    /// `null` when the measure has none, as every unknown value is.
    unit: Option<&'a str>,
    kind: Kind,
    direction: Direction,
    target: Target,
    tolerance: f64,
    position: u32,
    archived: bool,
}

impl<'a> From<&'a Measure> for MeasureView<'a> {
    fn from(m: &'a Measure) -> Self {
        MeasureView {
            id: m.id.0,
            team_id: m.team_id.0,
            name: &m.name,
            owner: m.owner.as_deref(),
            unit: Some(m.unit.as_str()).filter(|u| !u.is_empty()),
            kind: m.kind,
            direction: m.goal.direction,
            target: m.goal.target,
            tolerance: m.goal.tolerance,
            position: m.position,
            archived: m.archived,
        }
    }
}
