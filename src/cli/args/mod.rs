//! The command line's shape, declared with clap's derive. Values are parsed
//! into domain types here, so a bad week, date or number is a usage error
//! (exit 2) that quotes what was typed. This file holds the top level and
//! the value parsers every family shares; each family of commands declares
//! its arguments in a file of its own.
//!
//! Free text (titles, names, owners, notes) and numbers accept values that
//! begin with `-`, as in `--note "-5% vs last week"` or `action add "-1
//! headcount plan"`: text is not a flag just because of its first
//! character. An option's value is the next word, whatever it is; a
//! positional one is any word that is not one of the command's flags.

mod agenda;
mod brief;
mod care;
mod choices;
pub mod examples;
mod follow_ups;
mod measures;
mod meeting;
mod plan;
mod report;
mod setup;
mod transfer;
mod trigger;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::Week;

pub use self::{
    agenda::*, brief::*, care::*, follow_ups::*, measures::*, meeting::*, plan::*, report::*,
    setup::*, transfer::*, trigger::*,
};

#[derive(Debug, Parser)]
#[command(
    name = "rhythm",
    version,
    about = "Run a team's weekly review from the terminal; every number and decision in one SQLite file (or one PostgreSQL database).",
    after_help = examples::ROOT,
    after_long_help = examples::ROOT_LONG
)]
pub struct Cli {
    /// The database: a SQLite file, or a postgres:// URL (default: $RHYTHM_DB, then your data directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The team to work on; may be left out when the database has one team
    #[arg(long, global = true, value_name = "NAME", allow_hyphen_values = true)]
    pub team: Option<String>,

    /// Who is making the changes, for the operation log (default: $RHYTHM_USER, then your login name)
    #[arg(
        long = "as",
        global = true,
        value_name = "NAME",
        allow_hyphen_values = true
    )]
    pub author: Option<String>,

    /// Who approved a change to a made commitment (the log records it)
    #[arg(long, global = true, value_name = "NAME", allow_hyphen_values = true)]
    pub approved_by: Option<String>,

    /// Without a command, rhythm opens the home screen.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database, and a first team with --team
    Init,
    /// Print the path of the database rhythm would use
    Where,
    /// Start or resume the weekly review on screen (this week's, or the week the team reviews); end or rate a meeting
    #[command(after_long_help = examples::MEETING)]
    Meeting(MeetingArgs),
    /// Watch the team's meeting live from another terminal (read-only)
    Follow,
    /// Print a meeting's minutes (the last one by default)
    #[command(after_long_help = examples::MINUTES)]
    Minutes(MinutesArgs),
    /// Fill a demo database with a realistic team history and show it
    Demo(DemoArgs),
    /// Add, list, rename and delete teams
    #[command(subcommand)]
    Team(TeamCommand),
    /// List and rename the people known as owners
    #[command(subcommand)]
    Person(PersonCommand),
    /// Add, list, edit, archive and reorder a team's measures
    #[command(subcommand, after_long_help = examples::MEASURE)]
    Measure(MeasureCommand),
    /// Record a measure's value for a week (this week unless --week)
    #[command(after_long_help = examples::RECORD)]
    Record(RecordArgs),
    /// Print the scorecard: status, target, trend and this week's value per measure
    #[command(after_long_help = examples::SCORECARD)]
    Scorecard(ScorecardArgs),
    /// Add, list and close action items
    #[command(subcommand, after_long_help = examples::ACTION)]
    Action(ActionCommand),
    /// Raise, list, resolve and drop off-track items
    #[command(subcommand, name = "offtrack")]
    OffTrack(OffTrackCommand),
    /// Add, list and update dependencies between teams
    #[command(subcommand, name = "dep")]
    Dep(DepCommand),
    /// Log decisions made and decisions still needed
    #[command(subcommand, after_long_help = examples::DECISION)]
    Decision(DecisionCommand),
    /// The strategy brief: a quarter's choices, objectives, exclusions and the measures that matter
    #[command(subcommand, after_long_help = examples::BRIEF)]
    Brief(BriefCommand),
    /// The operating plan: initiatives, milestones (decide / build / launch), people's time and the flexible pool
    #[command(subcommand, after_long_help = examples::PLAN)]
    Plan(PlanCommand),
    /// How the team runs its rhythm: meeting ratings, commitments done, reviews held, meeting length, values missing, decision time per lane
    #[command(after_long_help = examples::HEALTH)]
    Health(HealthArgs),
    /// Each kind of meeting's agenda (weekly, monthly, quarterly): its sections in order and their timeboxes
    #[command(subcommand, after_long_help = examples::AGENDA)]
    Agenda(AgendaCommand),
    /// Trigger rules: "if Burn > 400 for 3 weeks, renegotiate vendor contracts", fired once per episode
    #[command(subcommand, after_long_help = examples::TRIGGER)]
    Trigger(TriggerCommand),
    /// Write one self-contained HTML report: scorecard charts, off-track items, dependencies, decisions and the last minutes
    #[command(after_long_help = examples::REPORT)]
    Report(ReportArgs),
    /// Write everything (or one team, with --team) as a versioned JSON document
    #[command(after_long_help = examples::EXPORT)]
    Export(ExportArgs),
    /// Read a JSON export into an empty database (or, with --merge, add what is new)
    #[command(after_long_help = examples::IMPORT)]
    Import(ImportArgs),
    /// Read readings from a CSV file in the long or wide form (`-` reads stdin)
    #[command(name = "import-readings")]
    ImportReadings(ImportReadingsArgs),
    /// Write readings as CSV in the wide or long form
    #[command(name = "export-readings")]
    ExportReadings(ExportReadingsArgs),
    /// Copy a whole database (or one team, with --team) between a file and a PostgreSQL server, checked to export the same bytes
    #[command(after_long_help = examples::COPY)]
    Copy(CopyArgs),
    /// Write a consistent copy of the database, also while others are writing (of a server's, its export)
    Backup {
        /// The new file to write (it must not exist); of a server's database, a .json export
        file: PathBuf,
    },
    /// Check the database: a file's integrity, the links between records, and that weeks, dates and numbers read back
    Check,
    /// Bring a database an older rhythm wrote up to this rhythm's schema (a file is first copied beside itself)
    Migrate,
    /// Where the config file is, and the settings in effect
    #[command(subcommand)]
    Config(ConfigCommand),
    /// List the operation log, newest first, or one record's history
    Log(LogArgs),
    /// Take back the last change (or --op ID), recorded as an operation of its own
    Undo(UndoArgs),
    /// Make again what the last undo took back
    Redo,
    /// Print the script that loads TAB completion into bash, zsh or fish (`source <(rhythm completions bash)`)
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print rhythm's manual page, in roff (`rhythm man > rhythm.1`), or write a page per command
    Man {
        /// Write rhythm.1 and a page for every command (rhythm-record.1, rhythm-action-add.1, ...) into this folder instead
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

fn parse_record(s: &str) -> Result<crate::domain::RecordRef, String> {
    s.parse()
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn parse_week(s: &str) -> Result<Week, String> {
    s.parse()
        .map_err(|e: crate::domain::week::WeekError| e.to_string())
}

/// A week as typed, kept for error messages that quote it.
#[derive(Debug, Clone)]
pub struct TypedWeek {
    pub week: Week,
    pub typed: String,
}

fn parse_typed_week(s: &str) -> Result<TypedWeek, String> {
    Ok(TypedWeek {
        week: parse_week(s)?,
        typed: s.to_string(),
    })
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::domain::week::parse_date(s).map_err(|e| e.to_string())
}

pub use crate::domain::status::parse_number;

/// The file `--out` names, or `None` for standard output: `--out` left out,
/// or `-`, as other command-line tools spell standard output.
pub fn out_file(out: &Option<PathBuf>) -> Option<&std::path::Path> {
    out.as_deref().filter(|p| p.as_os_str() != "-")
}

pub(super) fn parse_range(s: &str) -> Result<(f64, f64), String> {
    let bad = || format!("'{s}' is not a range: use LOW..HIGH, such as 3..5");
    let (low, high) = s.split_once("..").ok_or_else(bad)?;
    // An end that is a number too large or not finite says so, as any
    // other bad number does; one that is no number at all is a bad range.
    let end = |e: &str| match parse_number(e) {
        Err(m) if m.ends_with("not a finite number") => Err(format!("range '{s}': {m}")),
        other => other.map_err(|_| bad()),
    };
    let (low, high) = (end(low)?, end(high)?);
    if low >= high {
        return Err(format!(
            "range '{s}' is empty: its low end must be below its high end"
        ));
    }
    Ok((low, high))
}

pub(super) fn parse_tolerance(s: &str) -> Result<f64, String> {
    let v = parse_number(s)?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("'{s}' must be a fraction from 0 to 1, such as 0.1"))
    }
}

pub(super) fn parse_id(s: &str) -> Result<i64, String> {
    s.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| format!("'{s}' is not an item number (such as 12 or #12)"))
}

pub(super) fn parse_position(s: &str) -> Result<u32, String> {
    s.trim()
        .parse::<u32>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| format!("'{s}' is not a position on the scorecard: 1 is the top"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// The README's command reference names every command, so it cannot
    /// fall behind the command line.
    #[test]
    fn readme_lists_every_command() {
        let readme = include_str!("../../../README.md");
        let cli = Cli::command();
        for cmd in cli.get_subcommands() {
            let name = cmd.get_name();
            let subs: Vec<_> = cmd.get_subcommands().map(|s| s.get_name()).collect();
            if subs.is_empty() {
                assert!(
                    readme.contains(&format!("`rhythm {name}")),
                    "README lacks `rhythm {name}`"
                );
            }
            for sub in subs {
                let full = format!("`rhythm {name} {sub}");
                assert!(readme.contains(&full), "README lacks {full}");
            }
        }
    }

    /// Every command and every argument says what it is for, in `--help`
    /// and so in the man pages and completions made from them.
    #[test]
    fn every_command_and_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if !matches!(id, "help" | "version") && arg.get_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                let path = format!("{path} {}", sub.get_name());
                if sub.get_about().is_none() {
                    missing.push(path.clone());
                }
                walk(sub, &path, missing);
            }
        }
        let mut cli = Cli::command();
        cli.build();
        let mut missing = Vec::new();
        walk(&cli, "rhythm", &mut missing);
        assert!(
            missing.is_empty(),
            "{} without help:\n{}",
            missing.len(),
            missing.join("\n")
        );
    }

    /// Every example in `--help` (and so in the man pages) parses: none
    /// names a flag that is gone or a value that is refused.
    #[test]
    fn every_example_parses() {
        fn words(line: &str) -> Vec<String> {
            let (mut words, mut word, mut quoted, mut started) =
                (vec![], String::new(), false, false);
            for c in line.chars() {
                match c {
                    '"' => (quoted, started) = (!quoted, true),
                    ' ' if !quoted => {
                        if started {
                            words.push(std::mem::take(&mut word));
                        }
                        started = false;
                    }
                    c => (word, started) = (word + &c.to_string(), true),
                }
            }
            words.extend(started.then_some(word));
            words
        }
        fn walk(cmd: &clap::Command, seen: &mut usize) {
            let text = cmd.get_after_long_help().map(ToString::to_string);
            for line in text.iter().flat_map(|t| t.lines()) {
                let Some(example) = line.trim().strip_prefix("rhythm ") else {
                    continue;
                };
                // What the shell does with the rest is not rhythm's.
                let example = [" #", " |", " >", " <"]
                    .iter()
                    .filter_map(|cut| example.find(cut))
                    .min()
                    .map_or(example, |at| &example[..at]);
                let mut args = vec!["rhythm".to_string()];
                args.extend(words(example));
                if let Err(e) = Cli::try_parse_from(&args) {
                    panic!("the example `{line}` does not parse: {e}");
                }
                *seen += 1;
            }
            for sub in cmd.get_subcommands() {
                walk(sub, seen);
            }
        }
        let mut seen = 0;
        walk(&Cli::command(), &mut seen);
        assert!(seen > 30, "only {seen} examples found");
    }

    #[test]
    fn value_parsers_quote_the_bad_value() {
        assert_eq!(parse_number("abc"), Err("'abc' is not a number".into()));
        assert_eq!(
            parse_number("NaN"),
            Err("'NaN' is not a finite number".into())
        );
        assert_eq!(parse_number("-3.5"), Ok(-3.5));
        assert_eq!(parse_range("3..5"), Ok((3.0, 5.0)));
        assert_eq!(parse_range("-2..-1"), Ok((-2.0, -1.0)));
        assert!(parse_range("5..3").unwrap_err().contains("'5..3'"));
        assert!(parse_range("3-5").unwrap_err().contains("'3-5'"));
        assert_eq!(parse_id("#12"), Ok(12));
        assert!(parse_id("twelve").is_err());
        assert!(parse_tolerance("2").is_err());
        assert_eq!(parse_position("2"), Ok(2));
        assert!(parse_position("0").unwrap_err().contains("'0'"));
    }
}
