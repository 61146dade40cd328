//! `rhythm dep ...`: what a team needs from other teams and owes them.

use serde::Serialize;

use super::args::DepCommand;
use super::table::Table;
use super::views::in_team;
use super::{Ctx, Session, fail, print_json, resolve, usage};
use crate::domain::change::{NewDependency, TeamSide};
use crate::domain::{Change, DepStatus, Dependency, DependencyId, Team};

pub fn run(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    command: DepCommand,
) -> anyhow::Result<()> {
    match command {
        DepCommand::Add {
            what,
            from,
            to,
            owner,
            needed_by,
            status,
            note,
        } => {
            let needing = match from {
                Some(name) => side(ctx, s, &name)?,
                None => {
                    let t = s.team(team)?;
                    TeamSide {
                        team: Some(t.id),
                        name: t.name,
                    }
                }
            };
            let providing = side(ctx, s, &to)?;
            if needing.team.is_none() && providing.team.is_none() {
                return Err(fail(format!(
                    "neither '{}' nor '{}' is a team in this database: one side of a dependency must be",
                    needing.name, providing.name
                )));
            }
            let id = s
                .apply(Change::AddDependency(NewDependency {
                    needing: needing.clone(),
                    providing: providing.clone(),
                    what: what.clone(),
                    owner: Some(owner),
                    needed_by,
                    status,
                    note,
                }))?
                .id;
            let by = needed_by.map_or(String::new(), |d| format!(" by {d}"));
            writeln!(
                ctx.out,
                "Added dependency #{id}: {} needs {} from {}{by}",
                needing.name,
                what.trim(),
                providing.name
            )?;
        }
        DepCommand::List { all, json } => {
            let team = s.team(team)?;
            let deps = s.store.dependencies(team.id, all)?;
            let today = s.clock.today;
            if json.json {
                let rows = deps.iter().map(|d| DepView::new(d, &team, today));
                return print_json(ctx.out, &in_team(&team, rows));
            }
            if deps.is_empty() {
                writeln!(ctx.out, "{} has no open dependencies", team.name)?;
                return Ok(());
            }
            let mut t = Table::new(&[
                "#",
                "Status",
                "Needs/owes",
                "Other team",
                "What",
                "Owner",
                "Needed by",
                "Waiting",
            ]);
            for d in &deps {
                let v = DepView::new(d, &team, today);
                t.row(vec![
                    d.id.to_string(),
                    d.status.to_string(),
                    v.direction.to_string(),
                    v.other_team.to_string(),
                    d.what.clone(),
                    d.owner.clone().unwrap_or_default(),
                    d.needed_by.map_or(String::new(), |n| n.to_string())
                        + if v.overdue { " overdue" } else { "" },
                    format!("{} days", v.days_waiting),
                ]);
            }
            write!(ctx.out, "{}", t.render())?;
        }
        DepCommand::Update {
            id,
            status,
            needed_by,
            owner,
            note,
        } => {
            if status.is_none() && needed_by.is_none() && owner.is_none() && note.is_none() {
                return Err(usage(
                    "nothing to change: give at least one of --status, --needed-by, --owner, --note",
                ));
            }
            let d = s
                .store
                .dependency(DependencyId(id))?
                .ok_or_else(|| fail(format!("there is no dependency #{id}")))?;
            s.apply(Change::UpdateDependency {
                dependency: d.id,
                status,
                needed_by,
                owner,
                note,
            })?;
            let after = s.store.dependency(d.id)?.unwrap_or(d);
            let by = match after.needed_by {
                Some(n) => format!("needed by {n}"),
                None => "no needed-by date".to_string(),
            };
            writeln!(
                ctx.out,
                "Updated dependency #{id}: {} ({}, {by})",
                after.what, after.status
            )?;
        }
        DepCommand::Edit { id, edit } => super::corrections::edit_dependency(ctx, s, id, edit)?,
        DepCommand::Delete { id } => super::corrections::delete_dependency(ctx, s, id)?,
    }
    Ok(())
}

/// A team named on the command line: one in this database, or an outside
/// team by name (with a warning when the name looks like a typo of ours).
pub(super) fn side(ctx: &mut Ctx<'_>, s: &Session, name: &str) -> anyhow::Result<TeamSide> {
    let teams = s.store.teams()?;
    if let Ok(t) = resolve::team(&teams, Some(name)) {
        return Ok(TeamSide {
            team: Some(t.id),
            name: t.name.clone(),
        });
    }
    let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
    let close = resolve::closest(name, &names);
    if let Some(first) = close.first() {
        writeln!(
            ctx.err,
            "warning: '{name}' is not a team in this database, so it is recorded as an outside team (did you mean '{first}'?)"
        )?;
    }
    Ok(TeamSide {
        team: None,
        name: name.trim().to_string(),
    })
}

#[derive(Serialize)]
struct DepView<'a> {
    #[serde(flatten)]
    dependency: &'a Dependency,
    /// The team whose list it is, by number (`team` beside it by name).
    team_id: i64,
    /// "needs" when this team is the one waiting, "owes" when it provides.
    direction: &'static str,
    other_team: &'a str,
    days_waiting: i64,
    overdue: bool,
}

impl<'a> DepView<'a> {
    fn new(d: &'a Dependency, team: &Team, today: chrono::NaiveDate) -> DepView<'a> {
        let needs = d.needing.id == Some(team.id);
        DepView {
            dependency: d,
            team_id: team.id.0,
            direction: if needs { "needs" } else { "owes" },
            other_team: if needs {
                &d.providing.name
            } else {
                &d.needing.name
            },
            days_waiting: if d.status == DepStatus::Done {
                0
            } else {
                d.days_waiting(today)
            },
            overdue: d.is_overdue(today),
        }
    }
}
