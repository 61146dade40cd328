//! `rhythm brief …`: a quarter's strategy brief, shown and written line by
//! line. Each line is a change through the store's door, so it is in the
//! operation log and `rhythm undo` takes it back.

use super::args::{
    BriefAt, BriefCommand, BriefFormat, BriefMeasureCommand, ChoiceCommand, ExclusionCommand,
    ObjectiveCommand,
};
use super::{Ctx, Session, fail, print_json, resolve};
use crate::domain::brief::{BriefEdit, NewBriefItem};
use crate::domain::{BriefItemId, BriefKind, Change, MeasureId, Quarter, Team};
use crate::storage::Images;

pub fn run(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    command: BriefCommand,
) -> anyhow::Result<()> {
    match command {
        BriefCommand::Show { at, format, json } => {
            let (owner, quarter) = whose(s, team, &at)?;
            let brief = s.store.brief(owner.as_ref().map(|t| t.id), quarter)?;
            let format = if json { BriefFormat::Json } else { format };
            if format == BriefFormat::Json {
                return print_json(ctx.out, &brief);
            }
            if brief.is_empty() {
                return empty(ctx, s, owner.as_ref(), quarter);
            }
            match format {
                BriefFormat::Md => write!(ctx.out, "{}", crate::formats::brief::markdown(&brief))?,
                _ => write!(ctx.out, "{}", crate::formats::brief::text(&brief))?,
            }
        }
        BriefCommand::New { at } => start_from_last(ctx, s, team, &at)?,
        BriefCommand::Check { quarter, json } => {
            let team = s.team(team)?;
            let quarter = quarter.unwrap_or_else(|| Quarter::containing(s.clock.today));
            let check = s.store.altitude_check(&team, quarter, s.clock.today)?;
            if json {
                return print_json(ctx.out, &check);
            }
            write!(ctx.out, "{}", crate::formats::altitude::text(&check))?;
        }
        BriefCommand::Edit { at } => {
            let (owner, quarter) = whose(s, team, &at)?;
            super::brief_edit::edit(ctx, s, owner.as_ref(), quarter)?
        }
        BriefCommand::Choice(c) => match c {
            ChoiceCommand::Add {
                text,
                consequence,
                at,
            } => add(
                ctx,
                s,
                team,
                &at,
                BriefKind::Choice,
                text,
                consequence,
                None,
            )?,
            ChoiceCommand::Edit {
                line,
                text,
                consequence,
            } => edit(
                ctx,
                s,
                team,
                line.id,
                BriefKind::Choice,
                text,
                consequence,
                None,
            )?,
            ChoiceCommand::Drop { line } => drop_line(ctx, s, team, line.id, BriefKind::Choice)?,
        },
        BriefCommand::Objective(c) => match c {
            ObjectiveCommand::Add {
                text,
                integrator,
                measures,
                at,
            } => {
                let (owner, quarter) = whose(s, team, &at)?;
                let names = MeasureNames::of(s, owner.as_ref())?;
                let measures = measures
                    .iter()
                    .map(|m| names.id(m).map_err(fail))
                    .collect::<anyhow::Result<Vec<_>>>()?;
                let team_id = owner.as_ref().map(|t| t.id);
                let item = NewBriefItem {
                    integrator,
                    ..NewBriefItem::line(team_id, quarter, BriefKind::Objective, text, "")
                };
                // The objective and the measures that show it, in one
                // operation: one undo takes them all back.
                let summary_text = crate::formats::terminal::one_line(&item.text).into_owned();
                let with = match measures.len() {
                    0 => String::new(),
                    1 => " (and the measure that shows it)".into(),
                    n => format!(" (and the {n} measures that show it)"),
                };
                let (origin, now) = (s.origin.clone(), s.clock.now);
                let first = s.store.apply_batch(&origin, now, Images::Full, |w| {
                    let first = add_with_measures(w, &item, &measures)?;
                    w.set_summary(format!(
                        "Added objective #{first} to the {quarter} brief: {summary_text}{with}"
                    ));
                    Ok(first)
                })?;
                said(ctx, s, first, "Added", owner.as_ref(), quarter)?;
            }
            ObjectiveCommand::Edit {
                line,
                text,
                integrator,
            } => edit(
                ctx,
                s,
                team,
                line.id,
                BriefKind::Objective,
                text,
                None,
                integrator,
            )?,
            ObjectiveCommand::Drop { line } => {
                drop_line(ctx, s, team, line.id, BriefKind::Objective)?
            }
        },
        BriefCommand::Exclusion(c) => match c {
            ExclusionCommand::Add { text, unless, at } => {
                add(ctx, s, team, &at, BriefKind::Exclusion, text, unless, None)?
            }
            ExclusionCommand::Edit { line, text, unless } => edit(
                ctx,
                s,
                team,
                line.id,
                BriefKind::Exclusion,
                text,
                unless,
                None,
            )?,
            ExclusionCommand::Drop { line } => {
                drop_line(ctx, s, team, line.id, BriefKind::Exclusion)?
            }
        },
        BriefCommand::Measure(c) => match c {
            BriefMeasureCommand::Add {
                measure,
                objective,
                at,
            } => {
                let (owner, quarter) = whose(s, team, &at)?;
                let id = MeasureNames::of(s, owner.as_ref())?
                    .id(&measure)
                    .map_err(fail)?;
                let item = NewBriefItem::measure(
                    owner.as_ref().map(|t| t.id),
                    quarter,
                    id,
                    objective.map(BriefItemId),
                );
                let added = BriefItemId(s.apply(Change::AddBriefItem(item))?.id);
                said(ctx, s, added, "Added", owner.as_ref(), quarter)?;
            }
            BriefMeasureCommand::Drop { line } => {
                drop_line(ctx, s, team, line.id, BriefKind::Measure)?
            }
        },
    }
    Ok(())
}

/// The brief named: the team's (by --team, or the only one), or with
/// --whole the database's; of --quarter, or of the quarter it is now.
pub(super) fn whose(
    s: &Session,
    team: Option<&str>,
    at: &BriefAt,
) -> anyhow::Result<(Option<Team>, Quarter)> {
    let quarter = at
        .quarter
        .unwrap_or_else(|| Quarter::containing(s.clock.today));
    if at.whole {
        if let Some(t) = team {
            return Err(super::usage(format!(
                "--whole is the whole database's brief, and --team '{t}' one team's: give one of them"
            )));
        }
        return Ok((None, quarter));
    }
    Ok((Some(s.team(team)?), quarter))
}

#[allow(clippy::too_many_arguments)] // one per part of a line, named at each call
fn add(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    at: &BriefAt,
    kind: BriefKind,
    text: String,
    detail: String,
    integrator: Option<String>,
) -> anyhow::Result<()> {
    let (owner, quarter) = whose(s, team, at)?;
    let item = NewBriefItem {
        integrator,
        ..NewBriefItem::line(owner.as_ref().map(|t| t.id), quarter, kind, text, detail)
    };
    let id = BriefItemId(s.apply(Change::AddBriefItem(item))?.id);
    said(ctx, s, id, "Added", owner.as_ref(), quarter)
}

/// Refuses a line that is of another kind than the command named, saying
/// which command would take it, and, with --team, a line of another brief.
fn of_kind(
    s: &Session,
    team: Option<&str>,
    id: i64,
    kind: BriefKind,
) -> anyhow::Result<BriefItemId> {
    let item = BriefItemId(id);
    let Some((k, of)) = s.store.brief_line(item)? else {
        return Err(fail(format!(
            "there is no line #{id} in any brief (see `rhythm brief show`)"
        )));
    };
    if k != kind {
        return Err(fail(format!(
            "#{id} is {} {k}, not {} {kind}: use `rhythm brief {k} …`",
            article(k),
            article(kind)
        )));
    }
    if let Some(wanted) = team {
        let wanted = s.team(Some(wanted))?;
        if of != Some(wanted.id) {
            let whose = match of {
                Some(t) => {
                    let teams = s.store.teams()?;
                    let name = teams
                        .iter()
                        .find(|x| x.id == t)
                        .map_or("another team", |x| x.name.as_str());
                    format!("{name}'s brief")
                }
                None => "the whole database's brief".into(),
            };
            return Err(fail(format!(
                "#{id} is in {whose}, not {}'s: leave out --team, or name that one",
                wanted.name
            )));
        }
    }
    Ok(item)
}

fn article(kind: BriefKind) -> &'static str {
    match kind {
        BriefKind::Objective | BriefKind::Exclusion => "an",
        BriefKind::Choice | BriefKind::Measure => "a",
    }
}

#[allow(clippy::too_many_arguments)] // one per part of a line, named at each call
fn edit(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    id: i64,
    kind: BriefKind,
    text: Option<String>,
    detail: Option<String>,
    integrator: Option<String>,
) -> anyhow::Result<()> {
    let item = of_kind(s, team, id, kind)?;
    if text.is_none() && detail.is_none() && integrator.is_none() {
        return Err(super::usage(format!(
            "nothing to correct: give the {kind}'s new --text{}",
            match kind {
                BriefKind::Choice => " or --consequence",
                BriefKind::Exclusion => " or --unless",
                _ => " or --integrator",
            }
        )));
    }
    s.apply(Change::EditBriefItem {
        item,
        edit: BriefEdit {
            text,
            detail,
            integrator,
        },
    })?;
    writeln!(ctx.out, "Corrected {kind} #{item}")?;
    Ok(())
}

fn drop_line(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    id: i64,
    kind: BriefKind,
) -> anyhow::Result<()> {
    let item = of_kind(s, team, id, kind)?;
    s.apply(Change::DropBriefItem { item })?;
    let with = if kind == BriefKind::Objective {
        " with the measures that show it"
    } else {
        ""
    };
    writeln!(
        ctx.out,
        "Dropped {kind} #{item}{with} (rhythm undo brings it back)"
    )?;
    Ok(())
}

/// The measures a brief may name, read once: a team's own, or for the
/// whole database's brief every team's, where a name must be one team's.
pub(super) struct MeasureNames {
    teams: Vec<(Team, Vec<crate::domain::Measure>)>,
}

impl MeasureNames {
    pub(super) fn of(s: &Session, team: Option<&Team>) -> anyhow::Result<MeasureNames> {
        let teams = match team {
            Some(t) => vec![t.clone()],
            None => s.store.teams()?,
        };
        let mut loaded = Vec::with_capacity(teams.len());
        for t in teams {
            let measures = s.store.measures(t.id, false)?;
            loaded.push((t, measures));
        }
        Ok(MeasureNames { teams: loaded })
    }

    /// The measure called `name`, or why there is none to take.
    pub(super) fn id(&self, name: &str) -> Result<MeasureId, String> {
        if let [(team, measures)] = self.teams.as_slice() {
            return resolve::measure(measures, &team.name, name).map(|m| m.id);
        }
        let found: Vec<MeasureId> = self
            .teams
            .iter()
            .filter_map(|(t, ms)| resolve::measure(ms, &t.name, name).ok().map(|m| m.id))
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!("no team's measure is called '{name}'")),
            _ => Err(format!(
                "more than one team has a measure called '{name}': add it to that team's brief with --team"
            )),
        }
    }
}

/// Writes `item` and, when it is an objective, a line for each measure
/// that shows it; gives the item's number.
pub(super) fn add_with_measures(
    w: &mut crate::storage::Batch<'_, '_>,
    item: &NewBriefItem,
    measures: &[MeasureId],
) -> Result<BriefItemId, crate::storage::StoreError> {
    let id = BriefItemId(w.apply(&Change::AddBriefItem(item.clone()))?.id);
    for m in measures {
        w.apply(&Change::AddBriefItem(NewBriefItem::measure(
            item.team,
            item.quarter,
            *m,
            Some(id),
        )))?;
    }
    Ok(id)
}

/// What was added, with its number and where.
fn said(
    ctx: &mut Ctx<'_>,
    s: &Session,
    id: BriefItemId,
    verb: &str,
    team: Option<&Team>,
    quarter: Quarter,
) -> anyhow::Result<()> {
    let brief = s.store.brief(team.map(|t| t.id), quarter)?;
    let Some(item) = brief.items.iter().find(|i| i.id == id) else {
        return Ok(());
    };
    let what = match item.kind {
        BriefKind::Measure => item.measure.clone().unwrap_or_default(),
        _ => item.text.clone(),
    };
    let whose = match team {
        Some(t) => format!("{}'s", t.name),
        None => "the whole database's".into(),
    };
    writeln!(
        ctx.out,
        "{verb} {} #{id} to {whose} {quarter} brief: {}",
        item.kind,
        super::table::clean(&what)
    )?;
    Ok(())
}

/// An empty brief says how to start one, and which quarters have one.
fn empty(
    ctx: &mut Ctx<'_>,
    s: &Session,
    team: Option<&Team>,
    quarter: Quarter,
) -> anyhow::Result<()> {
    let whose = match team {
        Some(t) => t.name.clone(),
        None => "The whole database".into(),
    };
    writeln!(
        ctx.out,
        "{whose} has no brief for {quarter} yet: start one with `rhythm brief choice add TEXT --consequence TEXT`"
    )?;
    let others = s.store.brief_quarters(team.map(|t| t.id))?;
    if !others.is_empty() {
        let list: Vec<String> = others.iter().map(ToString::to_string).collect();
        writeln!(
            ctx.out,
            "Briefs written: {} (show one with --quarter)",
            list.join(", ")
        )?;
        if others.iter().any(|q| *q < quarter) {
            writeln!(
                ctx.out,
                "Start {quarter}'s from the last one with `rhythm brief new --quarter {quarter}`"
            )?;
        }
    }
    Ok(())
}

/// A new quarter's brief, as a copy of the latest brief before it: the
/// lines in order, each objective's measures under the copy of it, in one
/// operation. A quarter that has a brief already is left as it is.
fn start_from_last(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    at: &BriefAt,
) -> anyhow::Result<()> {
    let (owner, quarter) = whose(s, team, at)?;
    let team_id = owner.as_ref().map(|t| t.id);
    let here = s.store.brief(team_id, quarter)?;
    if !here.is_empty() {
        return Err(fail(format!(
            "the {quarter} brief has {} lines already: show it with `rhythm brief show --quarter {quarter}`",
            here.items.len()
        )));
    }
    let Some(from) = s
        .store
        .brief_quarters(team_id)?
        .into_iter()
        .find(|q| *q < quarter)
    else {
        return Err(fail(format!(
            "there is no brief before {quarter} to start from: add its lines with `rhythm brief choice add …`"
        )));
    };
    let last = s.store.brief(team_id, from)?;
    let (origin, now) = (s.origin.clone(), s.clock.now);
    let n = last.items.len();
    s.store.apply_batch(&origin, now, Images::Full, |w| {
        let mut copies = std::collections::HashMap::new();
        for item in &last.items {
            let copy = NewBriefItem {
                team: team_id,
                quarter,
                kind: item.kind,
                text: item.text.clone(),
                detail: item.detail.clone(),
                integrator: item.integrator.clone(),
                measure: item.measure_id,
                objective: item.objective.and_then(|o| copies.get(&o).copied()),
            };
            let id = BriefItemId(w.apply(&Change::AddBriefItem(copy))?.id);
            copies.insert(item.id, id);
        }
        w.set_summary(format!(
            "Started the {quarter} brief from {from}'s: {n} lines"
        ));
        Ok(())
    })?;
    writeln!(
        ctx.out,
        "Started the {quarter} brief from {from}'s ({n} lines): see `rhythm brief show --quarter {quarter}`"
    )?;
    Ok(())
}
