//! Setting up: `init`, `where`, teams and people.

use serde::Serialize;

use super::args::TeamCommand;
use super::table::Table;
use super::{Ctx, DbChoice, Session, fail, print_json, resolve, usage};
use crate::domain::{Change, Origin, ReviewWeek};
use crate::storage::OpenMode;

/// Opens the database, creating it (and, for the default location, its
/// folder) when it is new. Says so when it created one.
fn open_or_create(ctx: &mut Ctx<'_>, db: &DbChoice, origin: &Origin) -> anyhow::Result<Session> {
    let opened = db.open(OpenMode::Create)?;
    if opened.store.created() {
        writeln!(ctx.out, "Created the rhythm database {}", opened.target)?;
    }
    Ok(Session {
        store: opened.store,
        clock: ctx.clock,
        origin: origin.clone(),
    })
}

/// Adding a team with a name that can never be right must not create the
/// database file first.
fn add_team_change(name: &str) -> anyhow::Result<Change> {
    let change = Change::AddTeam {
        name: name.to_string(),
    };
    change.validate()?;
    Ok(change)
}

pub fn init(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    team: Option<&str>,
    origin: &Origin,
) -> anyhow::Result<()> {
    let change = team.map(add_team_change).transpose()?;
    let mut session = open_or_create(ctx, db, origin)?;
    let existed = !session.store.created();
    match team.zip(change) {
        Some((name, change)) => {
            session.apply(change)?;
            writeln!(ctx.out, "Added the team {}", name.trim())?;
            writeln!(
                ctx.out,
                "Next: rhythm measure add NAME --owner PERSON --target VALUE"
            )?;
        }
        None if existed => {
            writeln!(ctx.out, "The rhythm database {} is ready", db.resolve()?.0)?;
        }
        None => writeln!(ctx.out, "Next: rhythm team add NAME")?,
    }
    Ok(())
}

pub fn print_where(ctx: &mut Ctx<'_>, db: &DbChoice) -> anyhow::Result<()> {
    writeln!(ctx.out, "{}", db.resolve()?.0)?;
    Ok(())
}

#[derive(Serialize)]
struct TeamRow {
    id: i64,
    name: String,
    measures: usize,
    /// Which week its weekly review looks at.
    review: ReviewWeek,
}

pub fn team(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    command: TeamCommand,
    origin: &Origin,
) -> anyhow::Result<()> {
    match command {
        TeamCommand::Add { name } => {
            let change = add_team_change(&name)?;
            let mut session = open_or_create(ctx, db, origin)?;
            session.apply(change)?;
            writeln!(ctx.out, "Added the team {}", name.trim())?;
        }
        TeamCommand::List(json) => {
            let session = Session::open(db, ctx.clock, origin)?;
            let rows: Vec<TeamRow> = session
                .store
                .teams_with_measures()?
                .into_iter()
                .map(|(t, measures)| TeamRow {
                    id: t.id.0,
                    measures,
                    name: t.name,
                    review: t.review,
                })
                .collect();
            if json.json {
                return print_json(ctx.out, &rows);
            }
            let mut table = Table::new(&["Team", "Measures", "Reviews"]);
            for r in &rows {
                table.row(vec![
                    r.name.clone(),
                    r.measures.to_string(),
                    format!("{} week", r.review),
                ]);
            }
            if table.is_empty() {
                writeln!(ctx.out, "No teams yet: add one with `rhythm team add NAME`")?;
            } else {
                write!(ctx.out, "{}", table.render())?;
            }
        }
        TeamCommand::Rename { old, new } => {
            let mut session = Session::open(db, ctx.clock, origin)?;
            let teams = session.store.teams()?;
            let found = resolve::team(&teams, Some(&old)).map_err(fail)?.clone();
            session.apply(Change::RenameTeam {
                team: found.id,
                name: new.clone(),
            })?;
            writeln!(ctx.out, "Renamed the team {} to {}", found.name, new.trim())?;
        }
        TeamCommand::Edit { name, review } => {
            let Some(review) = review else {
                return Err(usage(
                    "nothing to change: give --review current or --review previous",
                ));
            };
            let mut session = Session::open(db, ctx.clock, origin)?;
            let teams = session.store.teams()?;
            let found = resolve::team(&teams, Some(&name)).map_err(fail)?.clone();
            if found.review == review {
                writeln!(ctx.out, "{} already reviews the {review} week", found.name)?;
                return Ok(());
            }
            session.apply(Change::SetReviewWeek {
                team: found.id,
                review,
            })?;
            writeln!(
                ctx.out,
                "{} now reviews the {review} week: {}",
                found.name,
                match review {
                    ReviewWeek::Current => "the week it meets in",
                    ReviewWeek::Previous => "a meeting on Monday reviews the week just ended",
                }
            )?;
        }
        TeamCommand::Delete { name, yes } => {
            super::corrections::delete_team(ctx, db, &name, yes, origin)?
        }
    }
    Ok(())
}
