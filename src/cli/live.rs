//! The screen commands: `rhythm` (home), `rhythm meeting`, and `rhythm
//! minutes`, which prints what a meeting's screen wrote.

use crate::paths::DbTarget;
use std::io::IsTerminal;

use clap::CommandFactory;

use super::adr;
use super::args::{Cli, MinutesArgs, MinutesFormat, TypedWeek, out_file};
use super::demo::shell_quote;
use super::table::Table;
use super::views::{MeetingView, in_team};
use super::{Ctx, DbChoice, Session, fail, print_json, usage};
use crate::app::clock::format_duration;
use crate::domain::{Decision, Meeting, MeetingId, MeetingSummary, OpSource, Origin, Week};
use crate::formats::minutes::{self, Source};
use crate::storage::OpenMode;
use crate::tui;

/// `rhythm` alone: the home screen in a terminal, the help in a pipe.
pub fn home(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    team: Option<&str>,
    origin: &Origin,
) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() {
        write!(ctx.out, "{}", Cli::command().render_help())?;
        return Ok(());
    }
    open_screen(ctx, db, team, false, None, origin)
}

/// `rhythm meeting`: straight into the review of `week`, else of the week
/// the team's setting picks. A week that has not begun has nothing to
/// review yet: refused before anything is opened.
pub fn meeting(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    team: Option<&str>,
    week: Option<TypedWeek>,
    origin: &Origin,
) -> anyhow::Result<()> {
    let this_week = Week::containing(ctx.clock.today);
    if let Some(w) = week.as_ref().filter(|w| w.week > this_week) {
        let typed = if w.typed.trim() == w.week.to_string() {
            format!("'{}'", w.typed)
        } else {
            format!("'{}' ({})", w.typed, w.week)
        };
        return Err(fail(format!(
            "{typed} is in the future: a review looks back at a week that has begun (this week is {this_week})"
        )));
    }
    let week = week.map(|w| w.week);
    open_screen(ctx, db, team, true, week, origin)
}

/// The home screen, or with `meeting` straight into a review: of `week`,
/// else of the week the team's setting picks.
pub fn open_screen(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    team: Option<&str>,
    meeting: bool,
    week: Option<Week>,
    origin: &Origin,
) -> anyhow::Result<()> {
    let opened = db.open(OpenMode::MustExist)?;
    let path = opened.anchor()?;
    let target = opened.target;
    let session = Session {
        store: opened.store,
        clock: ctx.clock,
        origin: Origin::new(origin.author.clone(), OpSource::Tui),
    };
    let many_teams = session.store.teams()?.len() > 1;
    let team = session.team(team)?;
    let mut resume = resume_command(db, &target, &team.name, many_teams);
    // A week chosen over the team's setting is chosen again on resuming.
    let setting = team.review.of(Week::containing(ctx.clock.today));
    if let Some(week) = week.filter(|w| *w != setting) {
        resume.command.push_str(&format!(" --week {week}"));
    }
    let mut engine = tui::Engine::new(session.store, &path, team, session.origin);
    engine.after = db.after_meeting(&target);
    let left = tui::run(engine, meeting, week, resume)?;
    if let Some(note) = left {
        writeln!(ctx.out, "{note}")?;
    }
    Ok(())
}

/// The command that comes back to this team's meeting from a shell:
/// `--db` when the database would not be found without it, `--team` when
/// it holds more than one team. A path is made absolute, so the command
/// also works from another folder; a URL is shown without its password.
pub fn resume_command(
    db: &DbChoice,
    target: &DbTarget,
    team: &str,
    many_teams: bool,
) -> tui::Resume {
    let mut command = String::from("rhythm");
    let found_without = DbChoice {
        flag: None,
        reads_only: true,
        ..db.clone()
    }
    .resolve()
    .is_ok_and(|(t, _)| t == *target);
    let mut without_password = false;
    if !found_without {
        let shown = match target {
            DbTarget::File(path) => std::path::absolute(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string(),
            DbTarget::Postgres(url) => {
                without_password = url.password().is_some();
                url.to_string()
            }
        };
        command.push_str(" --db ");
        command.push_str(&shell_quote(&shown));
    }
    command.push_str(" meeting");
    if many_teams {
        command.push_str(" --team ");
        command.push_str(&shell_quote(team));
    }
    tui::Resume {
        command,
        without_password,
    }
}

/// `rhythm minutes`: the list of meetings, or one ended meeting's minutes as
/// GitHub-flavoured Markdown (as written when it ended, else rebuilt from what was kept)
/// or as JSON (`formats::minutes::Document`), on stdout or into `--out`.
pub fn minutes(
    ctx: &mut Ctx<'_>,
    s: &Session,
    team: Option<&str>,
    a: &MinutesArgs,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    if a.json && a.format == MinutesFormat::Html {
        return Err(usage(
            "--json and --format html ask for two forms: choose one",
        ));
    }
    let json = a.json || a.format == MinutesFormat::Json;
    if a.list && a.format == MinutesFormat::Html {
        return Err(usage(
            "--list prints a table of meetings, or JSON with --json; leave out --format html, or --list",
        ));
    }
    if a.list && a.out.is_some() {
        return Err(usage(
            "--list prints the meetings on standard output; leave out --out, or --list",
        ));
    }
    if let Some(path) = out_file(&a.out) {
        adr::folder_must_exist(path, "write")?;
    }
    if a.list {
        let meetings = s.store.meeting_list(team.id)?;
        if json {
            let views = meetings.iter().map(MeetingView::from);
            return print_json(ctx.out, &in_team(&team, views));
        }
        return list(ctx, &team.name, &meetings);
    }
    // One meeting is read, not the team's whole history.
    let found = match a.meeting {
        Some(id) => s
            .store
            .meeting(MeetingId(id))?
            .filter(|m| m.team_id == team.id)
            .ok_or_else(|| fail(format!("there is no meeting #{id} in {}", team.name)))?,
        None => s
            .store
            .past_meetings(team.id, 1)?
            .into_iter()
            .next()
            .ok_or_else(|| fail(format!("{} has no ended meeting yet", team.name)))?,
    };
    if found.is_open() {
        return Err(fail(format!(
            "meeting #{} is still open: its minutes are written when it ends",
            found.id
        )));
    }
    let decisions = s.store.decisions_of_meeting(&found)?;
    let made = minutes::made_in(&found, &decisions);
    let (text, source) = minutes_text(&team.name, &found, &made);
    let body = match a.format {
        _ if json => {
            let doc = minutes::document(&team.name, &found, made, &text, source);
            format!("{}\n", crate::formats::json::to_string_pretty(&doc)?)
        }
        MinutesFormat::Html => crate::formats::report::minutes_page(
            &format!("{} — {} review {}", team.name, found.kind, found.week),
            &text,
        ),
        MinutesFormat::Md | MinutesFormat::Json => text,
    };
    match out_file(&a.out) {
        None => ctx.write_data(body.as_bytes())?,
        Some(path) => {
            adr::write_file(path, &body, &s.store.guard())?;
            writeln!(
                ctx.out,
                "Wrote the minutes of meeting #{} ({}, {} review {}) to {}",
                found.id,
                team.name,
                found.kind,
                found.week,
                path.display()
            )?;
        }
    }
    Ok(())
}

/// An ended meeting's Markdown minutes: as written when it ended, else
/// rebuilt from what was kept (imported meetings and the demo's history
/// carry a snapshot, not minutes), with `made`, the decisions made in it.
pub(super) fn minutes_text(team: &str, meeting: &Meeting, made: &[&Decision]) -> (String, Source) {
    match &meeting.minutes {
        Some(text) => (text.clone(), Source::Written),
        None => (
            minutes::from_record_with(team, meeting, made),
            Source::Rebuilt,
        ),
    }
}

fn list(ctx: &mut Ctx<'_>, team: &str, meetings: &[MeetingSummary]) -> anyhow::Result<()> {
    if meetings.is_empty() {
        writeln!(ctx.out, "{team} has held no meetings yet")?;
        return Ok(());
    }
    let mut t = Table::new(&["#", "Week", "Kind", "Started", "Length", "Rating", "State"]);
    for m in meetings {
        let spent = m.seconds_spent;
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{DbChoice, DbTarget, resume_command};

    fn choice(flag: Option<&str>, env: Option<&str>) -> DbChoice {
        DbChoice {
            flag: flag.map(PathBuf::from),
            env: env.map(Into::into),
            reads_only: false,
            config: None,
            after: Default::default(),
            login: None,
        }
    }

    #[test]
    fn the_resume_command_names_the_file_and_team_only_when_needed() {
        // The file found by RHYTHM_DB anyway, one team: nothing to add.
        let db = choice(None, Some("/data/team.db"));
        let path = file("/data/team.db");
        assert_eq!(
            resume_command(&db, &path, "Growth", false).command,
            "rhythm meeting"
        );
        // Given by --db, elsewhere than RHYTHM_DB: named, absolute and quoted.
        let db = choice(Some("/tmp/my reviews/q4.db"), Some("/data/team.db"));
        let path = file("/tmp/my reviews/q4.db");
        assert_eq!(
            resume_command(&db, &path, "Customer Success", true).command,
            "rhythm --db '/tmp/my reviews/q4.db' meeting --team 'Customer Success'"
        );
        // A relative --db is made absolute, so it works from any folder.
        let db = choice(Some("team.db"), None);
        let command = resume_command(&db, &file("team.db"), "Growth", true).command;
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            command,
            format!(
                "rhythm --db {} meeting --team Growth",
                super::shell_quote(&cwd.join("team.db").display().to_string())
            )
        );
        // A server's database is named by its URL, never with the password;
        // found by RHYTHM_DB, the password stays there.
        let with_password = "postgres://ana:secret@db.example/rhythm";
        let db = choice(None, Some(with_password));
        let resume = resume_command(&db, &server(with_password), "Growth", false);
        assert_eq!(resume.command, "rhythm meeting");
        assert!(!resume.without_password);
        let db = choice(Some(with_password), None);
        let resume = resume_command(&db, &server(with_password), "Growth", false);
        assert_eq!(
            resume.command,
            "rhythm --db 'postgres://ana@db.example/rhythm' meeting"
        );
        assert!(resume.without_password);
        // No password to leave out, nothing to say about one.
        let without = "postgres://ana@db.example/rhythm";
        let resume = resume_command(&choice(Some(without), None), &server(without), "G", false);
        assert!(!resume.without_password);
    }

    fn server(url: &str) -> DbTarget {
        DbTarget::Postgres(Box::new(crate::pg_url::PgUrl::parse(url).unwrap()))
    }

    fn file(path: &str) -> DbTarget {
        DbTarget::File(PathBuf::from(path))
    }
}
