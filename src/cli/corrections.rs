//! Correcting records: editing and reopening action and off-track items,
//! editing and deleting dependencies, editing, assigning and withdrawing
//! decisions, renaming people and deleting teams. Each command checks what
//! it refers to first, so a bad id or name is refused before anything is
//! written.

use super::args::{DecisionFields, DepEdit, PersonCommand};
use super::{Ctx, DbChoice, Session, fail, print_json, resolve, usage};
use crate::domain::change::{DecisionEdit, DependencyEdit, FieldEdit};
use crate::domain::names;
use crate::domain::{
    ActionId, ActionItem, ActionState, Change, Decision, DecisionId, Dependency, DependencyId,
    ItemState, OffTrackId, OffTrackItem, Origin, Team,
};
use chrono::NaiveDate;

fn action(s: &Session, team: &Team, id: i64) -> anyhow::Result<ActionItem> {
    s.store
        .action(ActionId(id))?
        .filter(|a| a.team_id == team.id)
        .ok_or_else(|| fail(format!("there is no action item #{id} in {}", team.name)))
}

fn offtrack_item(s: &Session, team: &Team, id: i64) -> anyhow::Result<OffTrackItem> {
    s.store
        .offtrack_item(OffTrackId(id))?
        .filter(|o| o.team_id == team.id)
        .ok_or_else(|| fail(format!("there is no off-track item #{id} in {}", team.name)))
}

fn decision(s: &Session, team: &Team, id: i64) -> anyhow::Result<Decision> {
    s.store
        .decision(DecisionId(id))?
        .filter(|d| d.team_id == team.id)
        .ok_or_else(|| fail(format!("there is no decision #{id} in {}", team.name)))
}

fn dependency(s: &Session, id: i64) -> anyhow::Result<Dependency> {
    s.store
        .dependency(DependencyId(id))?
        .ok_or_else(|| fail(format!("there is no dependency #{id}")))
}

pub fn edit_action(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    id: i64,
    (title, owner, due): (Option<String>, Option<String>, Option<NaiveDate>),
    link: Option<Change>,
) -> anyhow::Result<()> {
    let edits = title.is_some() || owner.is_some() || due.is_some();
    if !edits && link.is_none() {
        return Err(usage(
            "nothing to change: give at least one of --title, --owner, --due, --serves",
        ));
    }
    let a = action(s, team, id)?;
    let mut changes = Vec::new();
    if edits {
        changes.push(Change::EditAction {
            action: a.id,
            title,
            owner,
            due,
        });
    }
    changes.extend(link);
    s.apply_all(changes)?;
    let a = action(s, team, id)?;
    let owner = a.owner.as_deref().unwrap_or("no owner");
    let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
    writeln!(ctx.out, "Updated action #{id}: {} ({owner}{due})", a.title)?;
    Ok(())
}

pub fn reopen_action(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    id: i64,
) -> anyhow::Result<()> {
    let a = action(s, team, id)?;
    if a.state == ActionState::Open {
        return Err(fail(format!("action item #{id} is already open")));
    }
    s.apply(Change::SetActionState {
        action: a.id,
        state: ActionState::Open,
    })?;
    writeln!(ctx.out, "Reopened action #{id}: {}", a.title)?;
    Ok(())
}

pub struct OffTrackEdit {
    pub title: Option<String>,
    pub owner: Option<String>,
    pub why: Option<String>,
    pub change: Option<String>,
}

/// Edits only the item's own fields: no promise date, so no action item.
pub fn edit_offtrack(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    id: i64,
    e: OffTrackEdit,
    link: Option<Change>,
) -> anyhow::Result<()> {
    let edits = e.title.is_some() || e.owner.is_some() || e.why.is_some() || e.change.is_some();
    if !edits && link.is_none() {
        return Err(usage(
            "nothing to change: give at least one of --title, --owner, --why, --change, --serves",
        ));
    }
    let item = offtrack_item(s, team, id)?;
    let mut changes = Vec::new();
    if edits {
        changes.push(Change::EditOffTrack {
            item: item.id,
            title: e.title,
            owner: e.owner,
            why: e.why,
            change: e.change,
        });
    }
    changes.extend(link);
    s.apply_all(changes)?;
    let item = offtrack_item(s, team, id)?;
    writeln!(ctx.out, "Updated off-track item #{id}: {}", item.title)?;
    Ok(())
}

pub fn reopen_offtrack(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    id: i64,
) -> anyhow::Result<()> {
    let item = offtrack_item(s, team, id)?;
    if item.state == ItemState::Open {
        return Err(fail(format!("off-track item #{id} is already open")));
    }
    s.apply(Change::SetOffTrackState {
        item: item.id,
        state: ItemState::Open,
    })?;
    writeln!(ctx.out, "Reopened off-track item #{id}: {}", item.title)?;
    Ok(())
}

pub fn edit_dependency(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    id: i64,
    e: DepEdit,
) -> anyhow::Result<()> {
    let needed_by = match (e.needed_by, e.clear_needed_by) {
        (Some(d), _) => FieldEdit::Set(d),
        (None, true) => FieldEdit::Clear,
        (None, false) => FieldEdit::Keep,
    };
    let note = match (e.note, e.clear_note) {
        (Some(n), _) if n.trim().is_empty() => FieldEdit::Clear,
        (Some(n), _) => FieldEdit::Set(n),
        (None, true) => FieldEdit::Clear,
        (None, false) => FieldEdit::Keep,
    };
    if e.what.is_none()
        && e.from.is_none()
        && e.to.is_none()
        && e.owner.is_none()
        && needed_by.is_keep()
        && note.is_keep()
    {
        return Err(usage(
            "nothing to change: give at least one of --what, --from, --to, --owner, --needed-by, --clear-needed-by, --note, --clear-note",
        ));
    }
    let d = dependency(s, id)?;
    let needing = e
        .from
        .map(|name| super::deps::side(ctx, s, &name))
        .transpose()?;
    let providing =
        e.to.map(|name| super::deps::side(ctx, s, &name))
            .transpose()?;
    let needing_home = needing.as_ref().map_or(d.needing.id, |x| x.team);
    let providing_home = providing.as_ref().map_or(d.providing.id, |x| x.team);
    if needing_home.is_none() && providing_home.is_none() {
        let name = |side: &Option<crate::domain::change::TeamSide>, stored: &str| {
            side.as_ref().map_or(stored.to_string(), |x| x.name.clone())
        };
        return Err(fail(format!(
            "neither '{}' nor '{}' is a team in this database: one side of a dependency must be",
            name(&needing, &d.needing.name),
            name(&providing, &d.providing.name)
        )));
    }
    s.apply(Change::EditDependency {
        dependency: d.id,
        edit: DependencyEdit {
            what: e.what,
            needing,
            providing,
            owner: e.owner,
            needed_by,
            note,
        },
    })?;
    let d = dependency(s, id)?;
    let by = d.needed_by.map_or(String::new(), |n| format!(" by {n}"));
    writeln!(
        ctx.out,
        "Updated dependency #{id}: {} needs {} from {}{by}",
        d.needing.name, d.what, d.providing.name
    )?;
    Ok(())
}

pub fn delete_dependency(ctx: &mut Ctx<'_>, s: &mut Session, id: i64) -> anyhow::Result<()> {
    let d = dependency(s, id)?;
    s.apply(Change::DeleteDependency { dependency: d.id })?;
    writeln!(
        ctx.out,
        "Deleted dependency #{id}: {} needs {} from {}",
        d.needing.name, d.what, d.providing.name
    )?;
    Ok(())
}

pub fn edit_decision(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    id: i64,
    f: DecisionFields,
    link: Option<Change>,
) -> anyhow::Result<()> {
    let edit = DecisionEdit {
        title: f.title,
        context: f.context,
        options: (!f.options.is_empty()).then_some(f.options),
        chosen: f.chosen,
        lane: f.lane,
        owner: f.owner,
        due: f.due,
    };
    if edit == DecisionEdit::default() && link.is_none() {
        return Err(usage(
            "nothing to change: give at least one of --title, --context, --option, --chosen, --lane, --owner, --due, --serves",
        ));
    }
    let d = decision(s, team, id)?;
    let mut changes = Vec::new();
    if edit != DecisionEdit::default() {
        changes.push(Change::EditDecision {
            decision: d.id,
            edit,
        });
    }
    changes.extend(link);
    s.apply_all(changes)?;
    let d = decision(s, team, id)?;
    writeln!(ctx.out, "Updated decision #{id} ({}): {}", d.state, d.title)?;
    Ok(())
}

pub fn assign_decision(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    id: i64,
    owner: String,
) -> anyhow::Result<()> {
    let d = decision(s, team, id)?;
    s.apply(Change::EditDecision {
        decision: d.id,
        edit: DecisionEdit {
            owner: Some(owner),
            ..DecisionEdit::default()
        },
    })?;
    let d = decision(s, team, id)?;
    writeln!(
        ctx.out,
        "Decision #{id} ({}) is owned by {}",
        d.title,
        d.owner.as_deref().unwrap_or("no one")
    )?;
    Ok(())
}

/// The reason, when given, is kept as the last line of the context: one
/// `Change` edits the context, another withdraws it, in one transaction.
pub fn withdraw_decision(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    id: i64,
    why: Option<String>,
) -> anyhow::Result<()> {
    let d = decision(s, team, id)?;
    if d.state != crate::domain::DecisionState::Needed {
        return Err(fail(format!(
            "decision #{id} is {}: only a needed decision can be withdrawn",
            d.state
        )));
    }
    let mut changes = Vec::new();
    if let Some(why) = why.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        let context = match d.context.trim() {
            "" => format!("Withdrawn: {why}"),
            before => format!("{before}\nWithdrawn: {why}"),
        };
        changes.push(Change::EditDecision {
            decision: d.id,
            edit: DecisionEdit {
                context: Some(context),
                ..DecisionEdit::default()
            },
        });
    }
    changes.push(Change::WithdrawDecision { decision: d.id });
    s.apply_all(changes)?;
    writeln!(ctx.out, "Withdrew decision #{id}: {}", d.title)?;
    Ok(())
}

pub fn person(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    command: PersonCommand,
    origin: &Origin,
) -> anyhow::Result<()> {
    let mut s = Session::open(db, ctx.clock, origin)?;
    match command {
        PersonCommand::List { all, json } => {
            let people = if all {
                s.store.people()?
            } else {
                s.store.owners()?
            };
            if json.json {
                return print_json(ctx.out, &people);
            }
            if people.is_empty() {
                writeln!(ctx.out, "No people yet: owners are added as you name them")?;
            }
            for p in people {
                writeln!(ctx.out, "{}", super::table::clean(&p.name))?;
            }
        }
        PersonCommand::Rename { old, new } => {
            let people = s.store.people()?;
            let from = resolve::pick("person", "this database", &old, &people, |p| &p.name)
                .map_err(fail)?
                .clone();
            let into = people
                .iter()
                .find(|p| p.id != from.id && names::same(&p.name, &new))
                .cloned();
            s.apply(Change::RenamePerson {
                from: from.name.clone(),
                to: new.clone(),
            })?;
            match into {
                Some(into) => writeln!(
                    ctx.out,
                    "Merged {} into {}: everything {} owned or attended is now {}'s",
                    from.name, into.name, from.name, into.name
                )?,
                None => writeln!(ctx.out, "Renamed {} to {}", from.name, new.trim())?,
            }
        }
    }
    Ok(())
}

/// `team delete`: without --yes, refuses and says what it would delete.
pub fn delete_team(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    name: &str,
    yes: bool,
    origin: &Origin,
) -> anyhow::Result<()> {
    let mut s = Session::open(db, ctx.clock, origin)?;
    let teams = s.store.teams()?;
    let team = resolve::team(&teams, Some(name)).map_err(fail)?.clone();
    let f = s.store.team_footprint(team.id)?;
    let parts: Vec<String> = [
        (f.measures, "measure", "measures"),
        (f.readings, "reading", "readings"),
        (f.offtrack, "off-track item", "off-track items"),
        (f.actions, "action item", "action items"),
        (f.dependencies, "dependency", "dependencies"),
        (f.decisions, "decision", "decisions"),
        (f.meetings, "meeting", "meetings"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    let what = if parts.is_empty() {
        "nothing else".to_string()
    } else {
        parts.join(", ")
    };
    if !yes {
        return Err(fail(format!(
            "deleting the team {} would also delete {what}; add --yes to delete it",
            team.name
        )));
    }
    s.apply(Change::DeleteTeam { team: team.id })?;
    writeln!(ctx.out, "Deleted the team {} and {what}", team.name)?;
    Ok(())
}
