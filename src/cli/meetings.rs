//! `rhythm meeting end` and `rhythm meeting rate`: closing a meeting left
//! open, and rating one after the fact. `rhythm meeting` alone opens the
//! screen (see `live`).

use super::args::MeetingCommand;
use super::{Ctx, DbChoice, Session, fail};
use crate::domain::{Change, Meeting, MeetingId, Origin, Team};
use crate::tui;

pub fn run(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    team: Option<&str>,
    command: MeetingCommand,
    origin: &Origin,
) -> anyhow::Result<()> {
    let mut s = Session::open(db, ctx.clock, origin)?;
    match command {
        MeetingCommand::Rate { id, rating } => {
            let (_, m) = by_id(&s, team, id)?;
            s.apply(Change::SetMeetingRating {
                meeting: m.id,
                rating,
            })?;
            writeln!(
                ctx.out,
                "Rated meeting #{id} ({} review {}) {rating}/10",
                m.kind, m.week
            )?;
        }
        MeetingCommand::End { meeting } => {
            let (team, m) = match meeting {
                Some(id) => by_id(&s, team, id)?,
                None => {
                    let team = s.team(team)?;
                    let m = left_open(&s, &team)?;
                    (team, m)
                }
            };
            if !m.is_open() {
                return Err(fail(format!("meeting #{} has already ended", m.id)));
            }
            end(ctx, &mut s, db, &team, &m)?;
        }
    }
    Ok(())
}

/// Meeting `id` and its team. A meeting's number names it in the whole
/// file, so no team need be named; one that is named must be its team.
fn by_id(s: &Session, team: Option<&str>, id: i64) -> anyhow::Result<(Team, Meeting)> {
    if team.is_some() {
        let team = s.team(team)?;
        let m = get(s, &team, id)?;
        return Ok((team, m));
    }
    let m = s
        .store
        .meeting(MeetingId(id))?
        .ok_or_else(|| fail(format!("there is no meeting #{id}")))?;
    let team = s
        .store
        .teams()?
        .into_iter()
        .find(|t| t.id == m.team_id)
        .ok_or_else(|| fail(format!("meeting #{id} belongs to no team")))?;
    Ok((team, m))
}

fn get(s: &Session, team: &Team, id: i64) -> anyhow::Result<Meeting> {
    s.store
        .meeting(MeetingId(id))?
        .filter(|m| m.team_id == team.id)
        .ok_or_else(|| fail(format!("there is no meeting #{id} in {}", team.name)))
}

/// The meeting `meeting end` closes by default: the one left open in an
/// earlier week, else the team's one open meeting.
fn left_open(s: &Session, team: &Team) -> anyhow::Result<Meeting> {
    let open: Vec<Meeting> = s
        .store
        .meetings(team.id)?
        .into_iter()
        .filter(Meeting::is_open)
        .collect();
    let this_week = s.this_week();
    let earlier: Vec<&Meeting> = open.iter().filter(|m| m.week < this_week).collect();
    let ids = |ms: &[&Meeting]| {
        ms.iter()
            .map(|m| format!("#{} ({})", m.id, m.week))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen = match (earlier.as_slice(), open.as_slice()) {
        ([one], _) => *one,
        ([], [one]) => one,
        ([], []) => return Err(fail(format!("{} has no open meeting", team.name))),
        ([], many) => {
            let all: Vec<&Meeting> = many.iter().collect();
            return Err(fail(format!(
                "{} has {} open meetings ({}): choose one with --meeting",
                team.name,
                many.len(),
                ids(&all)
            )));
        }
        (many, _) => {
            return Err(fail(format!(
                "{} has {} meetings left open from earlier weeks ({}): choose one with --meeting",
                team.name,
                many.len(),
                ids(many)
            )));
        }
    };
    get(s, team, chosen.id.0)
}

/// Ends `m` as the screen does: the scorecard as of the meeting's week is
/// frozen as its snapshot, and the minutes are kept and written to a file.
fn end(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    db: &DbChoice,
    team: &Team,
    m: &Meeting,
) -> anyhow::Result<()> {
    // A meeting a screen is running now ends on that screen: ended from
    // here, the room would go on in a meeting whose minutes are written.
    if let Some(driver) = s.store.meeting_driver(m.id)?
        && !driver.away(s.clock.now)
    {
        return Err(fail(format!(
            "meeting #{} is running on {}'s screen right now: end it there, or once that screen has left it",
            m.id, driver.name
        )));
    }
    let (change, text) = tui::ending(&s.store, team, m, &s.clock)?;
    s.apply(change)?;
    let target = db.resolve()?.0;
    let path = super::session::anchor(&target)?;
    let after = db.after_meeting(&target);
    let written = tui::write_minutes(&s.store, &path, &after, &team.name, m.week, m.id, &text)
        .map_err(|e| {
            fail(format!(
                "meeting #{} ended, but its minutes file could not be written: {e}",
                m.id
            ))
        })?;
    writeln!(
        ctx.out,
        "Ended meeting #{} ({} review {}); minutes written to {}",
        m.id, m.kind, m.week, written.path
    )?;
    if let Some(Err(why)) = written.hook.map(|hook| hook.and_then(|h| h.wait())) {
        writeln!(ctx.err, "warning: the meeting_end hook failed: {why}")?;
    }
    Ok(())
}
