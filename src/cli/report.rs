//! `rhythm report`: reads each team's period from the store and hands it to
//! `formats::report`, which makes the page; writes it with the one writer
//! of user files, or to standard output with `--out -`.

use super::adr;
use super::args::{ReportArgs, out_file};
use super::live::minutes_text;
use super::{Ctx, Session, fail, resolve, usage};
use crate::domain::scorecard;
use crate::domain::{DecisionState, ItemState, Team, Week};
use crate::formats::minutes;
use crate::formats::report::{self, Minutes, Report, TeamReport};
use crate::storage::DecisionFilter;

/// The longest period a report covers: five years of weekly charts.
const MAX_WEEKS: i64 = 260;

/// A year back, for the line beside this year's: the same ISO week
/// number in all but the years after a 53-week one.
const YEAR: i64 = 52;

pub fn run(
    ctx: &mut Ctx<'_>,
    s: &Session,
    team: Option<&str>,
    a: &ReportArgs,
) -> anyhow::Result<()> {
    if let Some(path) = out_file(&Some(a.out.clone())) {
        adr::folder_must_exist(path, "write")?;
    }
    let teams = chosen_teams(s, team, &a.teams)?;
    let this_week = s.this_week();
    let mut reports = Vec::with_capacity(teams.len());
    for t in teams {
        let (from, to) = period(a, t.review.of(this_week))?;
        reports.push(team_report(s, t, from, to)?);
    }
    let summary = summary(&reports);
    let html = report::render(&Report {
        today: s.clock.today,
        teams: reports,
    })?;
    match out_file(&Some(a.out.clone())) {
        None => write!(ctx.out, "{html}")?,
        Some(path) => {
            adr::write_file(path, &html, &s.store.guard())?;
            writeln!(
                ctx.out,
                "Wrote the report of {summary} to {}",
                path.display()
            )?;
        }
    }
    Ok(())
}

/// Which teams and weeks, short enough for one line with fifty teams.
fn summary(reports: &[TeamReport]) -> String {
    let teams = match reports {
        [] | [_, _, _, _, ..] => format!("{} teams", reports.len()),
        few => few
            .iter()
            .map(|r| r.team.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    };
    let from = reports.iter().map(|r| r.from).min();
    let to = reports.iter().map(|r| r.to).max();
    match from.zip(to) {
        Some((from, to)) => format!("{teams} ({from} to {to})"),
        None => teams,
    }
}

/// `--teams`, else `--team`, else every team in the file, each once.
fn chosen_teams(s: &Session, team: Option<&str>, wanted: &[String]) -> anyhow::Result<Vec<Team>> {
    let all = s.store.teams()?;
    if !wanted.is_empty() && team.is_some() {
        return Err(usage(
            "--teams names the teams of the report; leave out --team, or --teams",
        ));
    }
    let names: Vec<&str> = match team {
        Some(t) => vec![t],
        None => wanted.iter().map(String::as_str).collect(),
    };
    if names.is_empty() {
        if all.is_empty() {
            return Err(fail(
                "this database has no teams yet: add one with `rhythm team add NAME`",
            ));
        }
        return Ok(all);
    }
    let mut chosen: Vec<Team> = Vec::new();
    for name in names {
        let t = resolve::team(&all, Some(name)).map_err(fail)?;
        if !chosen.iter().any(|c| c.id == t.id) {
            chosen.push(t.clone());
        }
    }
    Ok(chosen)
}

/// The weeks the report covers: `--from`/`--to`, else the `--weeks` up to
/// the week the team reviews.
fn period(a: &ReportArgs, reviewed: Week) -> anyhow::Result<(Week, Week)> {
    let to = a.to.as_ref().map_or(reviewed, |w| w.week);
    let from = a
        .from
        .as_ref()
        .map_or(to.offset(1 - i64::from(a.weeks)), |w| w.week);
    let span = (to.monday() - from.monday()).num_weeks() + 1;
    if span < 1 {
        let shown_to = a.to.as_ref().map_or(to.to_string(), |w| w.typed.clone());
        let shown_from = a
            .from
            .as_ref()
            .map_or(from.to_string(), |w| w.typed.clone());
        return Err(usage(format!(
            "--from '{shown_from}' is after --to '{shown_to}': the period must start before it ends"
        )));
    }
    if span > MAX_WEEKS {
        return Err(usage(format!(
            "{from} to {to} is {span} weeks: a report covers at most {MAX_WEEKS}"
        )));
    }
    Ok((from, to))
}

fn team_report(s: &Session, team: Team, from: Week, to: Week) -> anyhow::Result<TeamReport> {
    let store = &s.store;
    let weeks = ((to.monday() - from.monday()).num_weeks() + 1) as usize;
    let measures = store.measures(team.id, false)?;
    let readings = store.readings(team.id, from, to)?;
    let card = scorecard::build(&team.name, &measures, &readings, to, weeks);
    let (ly_from, ly_to) = (from.offset(-YEAR), to.offset(-YEAR));
    let ly_readings = store.readings(team.id, ly_from, ly_to)?;
    let last_year = scorecard::build(&team.name, &measures, &ly_readings, ly_to, weeks);
    let decisions = store.decisions(team.id, &DecisionFilter::default())?;
    let in_period = |d: &&crate::domain::Decision| {
        d.made_at
            .map(|m| m.date_naive())
            .is_some_and(|m| m >= from.monday() && m <= to.sunday())
    };
    let minutes = match store.last_meeting_by(team.id, to)? {
        Some(m) => {
            let made = minutes::made_in(&m, &decisions);
            let (markdown, _) = minutes_text(&team.name, &m, &made);
            Some(Minutes {
                title: format!("#{}, {} review {}", m.id, m.kind, m.week),
                markdown,
            })
        }
        None => None,
    };
    Ok(TeamReport {
        offtrack: store.offtrack_items(team.id, &[ItemState::Open])?,
        deps: store.dependencies(team.id, false)?,
        needed: decisions
            .iter()
            .filter(|d| d.state == DecisionState::Needed)
            .cloned()
            .collect(),
        made: decisions
            .iter()
            .filter(|d| d.state == DecisionState::Made)
            .filter(in_period)
            .cloned()
            .collect(),
        team,
        from,
        to,
        card,
        last_year,
        minutes,
    })
}
