//! `rhythm action ...` and `rhythm offtrack ...`: the follow-ups of a review.

use super::args::{ActionCommand, OffTrackCommand};
use super::table::Table;
use super::views::in_team;
use super::{Ctx, Session, corrections, fail, print_json, resolve};
use crate::domain::Serving;
use crate::domain::change::{NewAction, NewOffTrack, RowRef};
use crate::domain::{
    ActionId, ActionItem, ActionSource, ActionState, Change, ItemState, OffTrackId, Team,
};
use crate::storage::ActionFilter;

pub fn action(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    command: ActionCommand,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    match command {
        ActionCommand::Add {
            title,
            owner,
            due,
            serves,
        } => {
            let add = Change::AddAction(NewAction {
                team: team.id,
                title: title.clone(),
                owner: Some(owner),
                due,
                source: ActionSource::Manual,
                source_id: None,
            });
            let changes = super::serves::adding(s, &team, Serving::Action, add, &serves)?;
            let id = s.apply_all(changes)?.id;
            let a = s
                .store
                .action(ActionId(id))?
                .ok_or_else(|| fail("the new action item could not be read back"))?;
            writeln!(
                ctx.out,
                "Added action #{id}: {} ({})",
                a.title,
                owner_due(&a)
            )?;
        }
        ActionCommand::List { all, owner, json } => {
            let owner = match owner {
                Some(o) => Some(person(s, &o)?),
                None => None,
            };
            let filter = ActionFilter {
                states: if all {
                    Vec::new()
                } else {
                    vec![ActionState::Open]
                },
                owner,
                ..ActionFilter::default()
            };
            let items = s.store.actions(team.id, &filter)?;
            if json.json {
                return print_json(ctx.out, &in_team(&team, &items));
            }
            if items.is_empty() {
                let what = if all {
                    "action items"
                } else {
                    "open action items"
                };
                writeln!(ctx.out, "{} has no {what}", team.name)?;
                return Ok(());
            }
            let today = s.clock.today;
            let mut t = Table::new(&["#", "Due", "Owner", "State", "Action"]);
            for a in &items {
                let late = a.state == ActionState::Open && a.due.is_some_and(|d| d < today);
                t.row(vec![
                    a.id.to_string(),
                    a.due.map_or(String::new(), |d| d.to_string())
                        + if late { " overdue" } else { "" },
                    a.owner.clone().unwrap_or_default(),
                    a.state.to_string(),
                    a.title.clone(),
                ]);
            }
            write!(ctx.out, "{}", t.render())?;
        }
        ActionCommand::Done { id } => set_action(ctx, s, &team, id, ActionState::Done)?,
        ActionCommand::Drop { id } => set_action(ctx, s, &team, id, ActionState::Dropped)?,
        ActionCommand::Edit {
            id,
            title,
            owner,
            due,
            serves,
        } => {
            let link = super::serves::link(s, &team, Serving::Action, RowRef::Id(id), &serves)?;
            corrections::edit_action(ctx, s, &team, id, (title, owner, due), link)?
        }
        ActionCommand::Reopen { id } => corrections::reopen_action(ctx, s, &team, id)?,
    }
    Ok(())
}

fn owner_due(a: &ActionItem) -> String {
    let owner = a.owner.as_deref().unwrap_or("no owner");
    match a.due {
        Some(d) => format!("{owner}, due {d}"),
        None => owner.to_string(),
    }
}

fn set_action(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    id: i64,
    state: ActionState,
) -> anyhow::Result<()> {
    let a = s
        .store
        .action(ActionId(id))?
        .filter(|a| a.team_id == team.id)
        .ok_or_else(|| fail(format!("there is no action item #{id} in {}", team.name)))?;
    s.apply(Change::SetActionState {
        action: a.id,
        state,
    })?;
    writeln!(ctx.out, "Marked action #{id} {state}: {}", a.title)?;
    Ok(())
}

/// A person named as a filter must exist, so a typo is not an empty list.
pub fn person(s: &Session, name: &str) -> anyhow::Result<String> {
    let people = s.store.people()?;
    Ok(
        resolve::pick("person", "this database", name, &people, |p| &p.name)
            .map_err(fail)?
            .name
            .clone(),
    )
}

pub fn offtrack(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    command: OffTrackCommand,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    match command {
        OffTrackCommand::Add {
            title,
            owner,
            measure,
            why,
            change,
            serves,
        } => {
            let measure = match measure {
                Some(name) => {
                    let measures = s.store.measures(team.id, false)?;
                    Some(
                        resolve::measure(&measures, &team.name, &name)
                            .map_err(fail)?
                            .clone(),
                    )
                }
                None => None,
            };
            let title = match (title, &measure) {
                (Some(t), _) => t,
                (None, Some(m)) => format!("{} is off track", m.name),
                (None, None) => {
                    return Err(super::usage(
                        "an off-track item needs a title, or --measure to raise it from a measure",
                    ));
                }
            };
            let add = Change::AddOffTrack(NewOffTrack {
                team: team.id,
                measure: measure.as_ref().map(|m| m.id),
                title: title.clone(),
                owner: Some(owner),
                why,
                change,
                raised_week: s.this_week(),
            });
            let changes = super::serves::adding(s, &team, Serving::OffTrack, add, &serves)?;
            let id = s.apply_all(changes)?.id;
            writeln!(ctx.out, "Raised off-track item #{id}: {}", title.trim())?;
        }
        OffTrackCommand::List { all, json } => {
            let states = if all {
                Vec::new()
            } else {
                vec![ItemState::Open]
            };
            let items = s.store.offtrack_items(team.id, &states)?;
            if json.json {
                return print_json(ctx.out, &in_team(&team, &items));
            }
            if items.is_empty() {
                let what = if all {
                    "off-track items"
                } else {
                    "open off-track items"
                };
                writeln!(ctx.out, "{} has no {what}", team.name)?;
                return Ok(());
            }
            let mut t = Table::new(&["#", "Owner", "State", "Item", "Why", "Change by next week"]);
            for o in &items {
                t.row(vec![
                    o.id.to_string(),
                    o.owner.clone().unwrap_or_default(),
                    o.state.to_string(),
                    o.title.clone(),
                    o.why.clone(),
                    o.change.clone(),
                ]);
            }
            write!(ctx.out, "{}", t.render())?;
        }
        OffTrackCommand::Resolve { id } => set_offtrack(ctx, s, &team, id, ItemState::Resolved)?,
        OffTrackCommand::Drop { id } => set_offtrack(ctx, s, &team, id, ItemState::Dropped)?,
        OffTrackCommand::Edit {
            id,
            title,
            owner,
            why,
            change,
            serves,
        } => {
            let link = super::serves::link(s, &team, Serving::OffTrack, RowRef::Id(id), &serves)?;
            corrections::edit_offtrack(
                ctx,
                s,
                &team,
                id,
                corrections::OffTrackEdit {
                    title,
                    owner,
                    why,
                    change,
                },
                link,
            )?
        }
        OffTrackCommand::Reopen { id } => corrections::reopen_offtrack(ctx, s, &team, id)?,
    }
    Ok(())
}

fn set_offtrack(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    id: i64,
    state: ItemState,
) -> anyhow::Result<()> {
    let item = s
        .store
        .offtrack_item(OffTrackId(id))?
        .filter(|o| o.team_id == team.id)
        .ok_or_else(|| fail(format!("there is no off-track item #{id} in {}", team.name)))?;
    s.apply(Change::SetOffTrackState {
        item: item.id,
        state,
    })?;
    writeln!(
        ctx.out,
        "Marked off-track item #{id} {state}: {}",
        item.title
    )?;
    Ok(())
}
