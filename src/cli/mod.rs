//! The command line: parse, open the store, run one command, report.
//! Commands write to injected writers; errors come back as one line each,
//! with exit code 2 for usage errors and 1 for everything else.

mod adr;
mod agenda;
mod args;
mod brief;
mod brief_edit;
mod care;
mod complete;
mod copy;
mod corrections;
mod csv_options;
mod decisions;
mod demo;
mod deps;
mod health;
mod intent;
mod items;
mod live;
mod log;
mod man;
mod measures;
mod meetings;
mod plan;
mod progress;
mod readings;
mod report;
mod resolve;
mod scorecard;
mod serves;
mod session;
mod settings;
mod setup;
mod table;
mod transfer;
mod trigger;
mod views;
mod watch;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

pub use args::{Cli, Command};
pub use session::{DbChoice, Session};

use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{OpSource, Origin};
use crate::formats::terminal::Visible;
pub use crate::tui::AfterMeeting;

/// A mistake in how a command was called (exit code 2), as opposed to a
/// command that was understood but could not be carried out (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Something the user asked for that cannot be done, in their words.
pub fn fail(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::msg(message.into())
}

pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// What every command gets: where to write, the clock, and how to find the
/// database.
pub struct Ctx<'a> {
    pub out: &'a mut dyn Write,
    /// Whether `out` is a terminal (the caller knows): data written to
    /// anything else is written exactly (see `exact_data`).
    pub out_is_terminal: bool,
    /// Set by `writing_data` while a command writes a data file to `out`;
    /// the sanitiser lets its bytes pass. Callers give the default.
    pub exact_data: std::rc::Rc<std::cell::Cell<bool>>,
    pub err: &'a mut dyn Write,
    pub clock: Clock,
    /// `RHYTHM_DB`, read once by the caller.
    pub env_db: Option<OsString>,
    /// `RHYTHM_USER`, read once by the caller.
    pub env_user: Option<String>,
    /// The login name (`USER`, `LOGNAME`, `USERNAME`), read once by the caller.
    pub env_login: Option<String>,
    /// `RHYTHM_TEAM`, read once by the caller.
    pub env_team: Option<String>,
    /// The config file's settings, or why it could not be read (in one
    /// line); read once by the caller.
    pub config: Result<Config, String>,
}

/// The flag as typed when there is one (a blank flag is refused later, in
/// the command's own words), else the first of the `defaults` that says
/// something, trimmed: an empty variable or setting is as good as none.
fn first_given(flag: Option<&str>, defaults: [Option<&str>; 3]) -> Option<String> {
    flag.map(str::to_string).or_else(|| {
        defaults
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|a| !a.is_empty())
            .map(str::to_string)
    })
}

/// The whole program behind the binary: parse `args`, run, print, exit code.
/// Everything printed, on either stream, passes the one terminal sanitiser:
/// stored text came from anyone, and what quotes it is everywhere.
pub fn main_with(args: Vec<OsString>, ctx: &mut Ctx<'_>) -> ExitCode {
    let exact = std::rc::Rc::<std::cell::Cell<bool>>::default();
    let mut out = Visible::switched(&mut *ctx.out, exact.clone());
    let mut err = Visible::new(&mut *ctx.err);
    let code = main_parsed(
        Cli::try_parse_from(args),
        &mut Ctx {
            out: &mut out,
            out_is_terminal: ctx.out_is_terminal,
            exact_data: exact,
            err: &mut err,
            clock: ctx.clock,
            env_db: ctx.env_db.clone(),
            env_user: ctx.env_user.clone(),
            env_login: ctx.env_login.clone(),
            env_team: ctx.env_team.clone(),
            config: ctx.config.clone(),
        },
    );
    let _ = out.finish();
    let _ = err.finish();
    code
}

fn main_parsed(parsed: Result<Cli, clap::Error>, ctx: &mut Ctx<'_>) -> ExitCode {
    let result = match parsed {
        Ok(cli) => run(cli, ctx),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // Rendered first, then written as any command's output is, so a
            // closed pipe ends quietly and a full disk is reported.
            write!(ctx.out, "{}", e.render()).map_err(anyhow::Error::from)
        }
        Err(e) => return report_clap_error(&e, ctx),
    };
    // A closed pipe ends the command with exit 0, as if the reader had
    // read it all: `rhythm ... | head` is not a failure, and no shell
    // prints anything for it (README, "Command reference", says so).
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if e.is::<crate::tui::Stopped>() => {
            let code = e
                .downcast_ref::<crate::tui::Stopped>()
                .map_or(1, crate::tui::Stopped::exit_code);
            let _ = writeln!(ctx.err, "rhythm: {e}");
            ExitCode::from(code)
        }
        Err(e) => {
            let _ = writeln!(ctx.err, "error: {}", one_line(&e));
            if e.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// `rhythm ... | head` closing the pipe early is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn one_line(e: &anyhow::Error) -> String {
    e.to_string().replace('\n', " ")
}

/// A usage error becomes one line on stderr (clap's first paragraph, plus
/// its "similar name" tip) and exit code 2; help asked for by leaving out a
/// subcommand goes to stderr whole.
fn report_clap_error(e: &clap::Error, ctx: &mut Ctx<'_>) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = write!(ctx.err, "{}", e.render());
            ExitCode::from(2)
        }
        _ => {
            let text = e.render().to_string();
            let mut lines = text.lines().map(str::trim);
            let mut line = lines
                .by_ref()
                .take_while(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            for tip in lines.filter(|l| l.starts_with("tip:")) {
                line.push_str("; ");
                line.push_str(tip);
            }
            let _ = writeln!(ctx.err, "{line}");
            ExitCode::from(2)
        }
    }
}

pub fn run(cli: Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    // A config file rhythm cannot read stops every command but the one
    // that says where it is.
    let config = match (&ctx.config, &cli.command) {
        (Ok(config), _) => config.clone(),
        (Err(_), Some(Command::Config(_))) => Config::default(),
        (Err(e), _) => return Err(fail(e.clone())),
    };
    let db = DbChoice {
        flag: cli.db,
        env: ctx.env_db.clone(),
        reads_only: false,
        config: config.database.clone(),
        after: AfterMeeting {
            minutes_dir: config.minutes.clone(),
            hook: config.hooks.meeting_end.clone(),
            server: None,
        },
        login: ctx.env_login.clone(),
    };
    let team = first_given(
        cli.team.as_deref(),
        [ctx.env_team.as_deref(), config.team.as_deref(), None],
    );
    let team = team.as_deref();
    // Commands that cover every team unless told otherwise (an export is
    // a backup; a report may name its teams) heed only a typed --team: a
    // default team from the environment or the config file would narrow
    // them without a word.
    let typed_team = cli.team.clone();
    let typed_team = typed_team.as_deref();
    let author = first_given(
        cli.author.as_deref(),
        [
            ctx.env_user.as_deref(),
            config.author.as_deref(),
            ctx.env_login.as_deref(),
        ],
    );
    let author = author
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty());
    // The log names its author as a person is named: one short line.
    if let Some(a) = &author {
        crate::domain::change::check_name(
            "the author (from --as, RHYTHM_USER or the config file)",
            a,
        )
        .map_err(|e| usage(e.to_string()))?;
    }
    let origin = Origin::new(author.unwrap_or_else(|| "unknown".into()), OpSource::Cli)
        .approved_by(cli.approved_by);
    let Some(command) = cli.command else {
        return live::home(ctx, &db, team, &origin);
    };
    let db = DbChoice {
        reads_only: intent::reads_only(&command),
        ..db
    };
    match command {
        Command::Meeting(a) => match a.command {
            None => live::meeting(ctx, &db, team, a.week, &origin),
            Some(c) => meetings::run(ctx, &db, team, c, &origin),
        },
        Command::Follow => watch::follow(ctx, &db, team),
        Command::Minutes(a) => {
            live::minutes(ctx, &Session::open(&db, ctx.clock, &origin)?, team, &a)
        }
        Command::Init => setup::init(ctx, &db, team, &origin),
        Command::Where => setup::print_where(ctx, &db),
        Command::Demo(a) => demo::run(ctx, &db, &a, &origin),
        Command::Team(c) => setup::team(ctx, &db, c, &origin),
        Command::Person(c) => corrections::person(ctx, &db, c, &origin),
        Command::Completions { shell } => Ok(complete::registration(shell, ctx.out)?),
        Command::Man { out_dir } => man::run(ctx, &db, out_dir.as_deref()),
        Command::Backup { file } => {
            care::backup(ctx, &Session::open(&db, ctx.clock, &origin)?, &file)
        }
        Command::Check => care::check(ctx, &db),
        Command::Migrate => care::migrate(ctx, &db),
        Command::Config(c) => settings::show(ctx, &c, &db, team, &origin),
        Command::Log(a) => log::list(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, &a),
        Command::Undo(a) => log::undo(ctx, &mut Session::open(&db, ctx.clock, &origin)?, &a),
        Command::Redo => log::redo(ctx, &mut Session::open(&db, ctx.clock, &origin)?),
        Command::Export(a) => transfer::export(
            ctx,
            &Session::open(&db, ctx.clock, &origin)?,
            typed_team,
            &a,
        ),
        Command::Report(a) => report::run(
            ctx,
            &Session::open(&db, ctx.clock, &origin)?,
            typed_team,
            &a,
        ),
        Command::Import(a) => transfer::import(ctx, &db, &a, &origin),
        Command::Copy(a) => copy::copy(ctx, &db, &a, typed_team, &origin),
        Command::ImportReadings(a) => {
            readings::import(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, &a)
        }
        Command::ExportReadings(a) => {
            readings::export(ctx, &Session::open(&db, ctx.clock, &origin)?, team, &a)
        }
        Command::Measure(c) => {
            measures::measure(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, c)
        }
        Command::Record(a) => {
            measures::record(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, a)
        }
        Command::Scorecard(a) => {
            scorecard::run(ctx, &Session::open(&db, ctx.clock, &origin)?, team, &a)
        }
        Command::Action(c) => {
            items::action(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, c)
        }
        Command::OffTrack(c) => {
            items::offtrack(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, c)
        }
        Command::Dep(c) => deps::run(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, c),
        Command::Decision(c) => {
            decisions::run(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, c)
        }
        Command::Brief(c) => brief::run(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, c),
        Command::Plan(c) => plan::run(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, c),
        Command::Trigger(c) => {
            trigger::run(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, c)
        }
        Command::Health(a) => {
            health::run(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, a)
        }
        Command::Agenda(c) => {
            agenda::run(ctx, &mut Session::open(&db, ctx.clock, &origin)?, team, c)
        }
    }
}

impl<'a> Ctx<'a> {
    /// A context writing to `out` and `err` at `clock`, as on a terminal,
    /// with nothing read from the environment or a config file: callers
    /// set what they read over it.
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write, clock: Clock) -> Ctx<'a> {
        Ctx {
            out,
            out_is_terminal: true,
            exact_data: Default::default(),
            err,
            clock,
            env_db: None,
            env_user: None,
            env_login: None,
            env_team: None,
            config: Ok(Config::default()),
        }
    }

    /// Writes `bytes`, a data file (CSV, Markdown) asked for on standard
    /// output: exactly, as the file `--out FILE` would hold, unless
    /// standard output is a terminal, which sees control characters spelt
    /// out like everything else.
    pub fn write_data(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.exact_data.set(!self.out_is_terminal);
        let written = self.out.write_all(bytes);
        self.exact_data.set(false);
        written
    }
}

/// Prints `value` as pretty JSON followed by a newline.
pub fn print_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> anyhow::Result<()> {
    // As an io::Error, so a closed pipe (`| head`) ends the command quietly.
    crate::formats::json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// The name of the account running rhythm, for the log's author where the
/// environment names no one (cron, a service, `env -i`).
/// The login name a server is asked for when nothing else names a user:
/// the environment's, then the account's.
pub(crate) fn login_name() -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .or_else(account_name)
}

fn account_name() -> Option<String> {
    #[cfg(unix)]
    {
        nix::unistd::User::from_uid(nix::unistd::getuid())
            .ok()
            .flatten()
            .map(|u| u.name)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The binary's entry point: real stdout, stderr, clock and environment.
pub fn main() -> ExitCode {
    // Before anything else reads or prints: a TAB's answer is all it says.
    if let Some(code) = complete::answer() {
        return code;
    }
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let clock = match Clock::read() {
        Ok(c) => c,
        Err(e) => {
            // Before main_with: the value quoted is the environment's.
            let shown = crate::formats::terminal::one_line(&e.to_string()).into_owned();
            let _ = writeln!(stderr.lock(), "error: {shown}");
            return ExitCode::from(2);
        }
    };
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let mut ctx = Ctx {
        out_is_terminal: std::io::IsTerminal::is_terminal(&std::io::stdout()),
        env_db: std::env::var_os("RHYTHM_DB"),
        env_user: std::env::var("RHYTHM_USER").ok(),
        env_login: login_name(),
        env_team: std::env::var("RHYTHM_TEAM").ok(),
        config: crate::config::load().map_err(|e| e.to_string()),
        ..Ctx::new(&mut out, &mut err, clock)
    };
    let code = main_with(std::env::args_os().collect(), &mut ctx);
    let _ = ctx.out.flush();
    code
}
