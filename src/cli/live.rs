//! The screen commands: `rhythm` (home), `rhythm meeting`, and `rhythm
//! minutes`, which prints what a meeting's screen wrote.

use std::io::IsTerminal;

use clap::CommandFactory;

use super::args::{Cli, MinutesArgs};
use super::table::Table;
use super::{Ctx, DbChoice, Session, fail};
use crate::app::clock::format_duration;
use crate::domain::MeetingId;
use crate::formats::minutes;
use crate::storage::{OpenMode, Store};
use crate::tui;

/// `rhythm` alone: the home screen in a terminal, the help in a pipe.
pub fn home(ctx: &mut Ctx<'_>, db: &DbChoice, team: Option<&str>) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() {
        write!(ctx.out, "{}", Cli::command().render_help())?;
        return Ok(());
    }
    open_screen(ctx, db, team, false)
}

pub fn meeting(ctx: &mut Ctx<'_>, db: &DbChoice, team: Option<&str>) -> anyhow::Result<()> {
    open_screen(ctx, db, team, true)
}

pub fn open_screen(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    team: Option<&str>,
    meeting: bool,
) -> anyhow::Result<()> {
    let (path, _) = db.resolve()?;
    let store = Store::open(&path, OpenMode::MustExist)?;
    let session = Session {
        store,
        clock: ctx.clock,
    };
    let team = session.team(team)?;
    tui::run(session.store, &path, team, meeting)
}

pub fn minutes(
    ctx: &mut Ctx<'_>,
    s: &Session,
    team: Option<&str>,
    a: &MinutesArgs,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    let meetings = s.store.meetings(team.id)?;
    if a.list {
        if meetings.is_empty() {
            writeln!(ctx.out, "{} has held no meetings yet", team.name)?;
            return Ok(());
        }
        let mut t = Table::new(&["#", "Week", "Kind", "Started", "Length", "Rating", "State"]);
        for m in &meetings {
            let spent: u32 = m.sections.iter().map(|x| x.seconds_spent).sum();
            t.row(vec![
                m.id.to_string(),
                m.week.to_string(),
                m.kind.to_string(),
                m.started_at.format("%Y-%m-%d %H:%M").to_string(),
                format_duration(spent),
                m.rating.map_or(String::new(), |r| format!("{r}/10")),
                if m.is_open() {
                    "open".into()
                } else {
                    "ended".into()
                },
            ]);
        }
        write!(ctx.out, "{}", t.render())?;
        return Ok(());
    }
    let found = match a.meeting {
        Some(id) => meetings
            .iter()
            .find(|m| m.id == MeetingId(id))
            .ok_or_else(|| fail(format!("there is no meeting #{id} in {}", team.name)))?,
        None => meetings
            .iter()
            .find(|m| !m.is_open())
            .ok_or_else(|| fail(format!("{} has no ended meeting yet", team.name)))?,
    };
    match &found.minutes {
        Some(text) => write!(ctx.out, "{text}")?,
        None if found.is_open() => {
            return Err(fail(format!(
                "meeting #{} is still open: its minutes are written when it ends",
                found.id
            )));
        }
        // Meetings imported or from the demo history carry a snapshot, not minutes.
        None => write!(ctx.out, "{}", minutes::from_record(&team.name, found))?,
    }
    Ok(())
}
