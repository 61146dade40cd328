//! The command line's shape, declared with clap's derive. Values are parsed
//! into domain types here, so a bad week, date or number is a usage error
//! (exit 2) that quotes what was typed.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::{DepStatus, Direction, Kind, Lane, ReviewWeek, Week};

pub use super::follow_ups::*;

#[derive(Debug, Parser)]
#[command(
    name = "rhythm",
    version,
    about = "Run a team's weekly review from the terminal; every number and decision in one SQLite file.",
    after_help = "The database is --db PATH, else $RHYTHM_DB, else rhythm.db in your data directory (see `rhythm where`).\nStart with `rhythm demo`, or `rhythm init --team NAME`."
)]
pub struct Cli {
    /// The database file to use (default: $RHYTHM_DB, then your data directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The team to work on; may be left out when the database has one team
    #[arg(long, global = true, value_name = "NAME")]
    pub team: Option<String>,

    /// Who is making the changes, for the operation log (default: $RHYTHM_USER, then your login name)
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub author: Option<String>,

    /// Who approved a change to a made commitment (the log records it)
    #[arg(long, global = true, value_name = "NAME")]
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
    Meeting(MeetingArgs),
    /// Watch the team's meeting live from another terminal (read-only)
    Follow,
    /// Print a meeting's minutes (the last one by default)
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
    #[command(subcommand)]
    Measure(MeasureCommand),
    /// Record a measure's value for a week (this week unless --week)
    Record(RecordArgs),
    /// Print the scorecard: status, target, trend and this week's value per measure
    Scorecard(ScorecardArgs),
    /// Add, list and close action items
    #[command(subcommand)]
    Action(ActionCommand),
    /// Raise, list, resolve and drop off-track items
    #[command(subcommand, name = "offtrack")]
    OffTrack(OffTrackCommand),
    /// Add, list and update dependencies between teams
    #[command(subcommand, name = "dep")]
    Dep(DepCommand),
    /// Log decisions made and decisions still needed
    #[command(subcommand)]
    Decision(DecisionCommand),
    /// Write everything (or one team, with --team) as a versioned JSON document
    Export(ExportArgs),
    /// Read a JSON export into an empty database (or, with --merge, add what is new)
    Import(ImportArgs),
    /// Read readings from a CSV file in the long or wide form (`-` reads stdin)
    #[command(name = "import-readings")]
    ImportReadings(ImportReadingsArgs),
    /// Write readings as CSV in the wide or long form
    #[command(name = "export-readings")]
    ExportReadings(ExportReadingsArgs),
    /// Write a consistent copy of the database, also while others are writing
    Backup {
        /// The new file to write (it must not exist)
        file: PathBuf,
    },
    /// Check the file's integrity, its links between records, and that its weeks, dates and numbers read back
    Check,
    /// List the operation log, newest first, or one record's history
    Log(LogArgs),
    /// Take back the last change (or --op ID), recorded as an operation of its own
    Undo(UndoArgs),
    /// Make again what the last undo took back
    Redo,
    /// Print shell completions (bash, zsh or fish)
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// How many operations to list
    #[arg(long, default_value = "20", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// One record's history instead, as KIND:ID (decision:4, action:12, dep:3)
    #[arg(long, value_name = "KIND:ID", value_parser = parse_record)]
    pub record: Option<crate::domain::RecordRef>,
    /// Drop the before-images of operations older than --before (they can no longer be undone)
    #[arg(long, requires = "before")]
    pub compact: bool,
    /// With --compact: the date before which to compact, as YYYY-MM-DD
    #[arg(long, value_parser = parse_date, requires = "compact")]
    pub before: Option<NaiveDate>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The operation to undo (see `rhythm log`); default: the last one
    #[arg(long, value_parser = parse_id)]
    pub op: Option<i64>,
    /// Also undo the later operations that built on it
    #[arg(long)]
    pub cascade: bool,
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
pub struct MinutesArgs {
    /// The last meeting that ended (the default)
    #[arg(long, conflicts_with = "meeting")]
    pub last: bool,
    /// A meeting by number (see `rhythm minutes --list`)
    #[arg(long, value_parser = parse_id)]
    pub meeting: Option<i64>,
    /// List the team's meetings instead
    #[arg(long, conflicts_with_all = ["meeting", "last"])]
    pub list: bool,
    #[arg(long, value_enum, default_value = "md")]
    pub format: MinutesFormat,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The JSON export to read (`-` reads standard input)
    pub file: PathBuf,
    /// Add what is new to a database that already holds data; conflicts are listed, never overwritten
    #[arg(long)]
    pub merge: bool,
}

#[derive(Debug, Args)]
pub struct ImportReadingsArgs {
    /// The CSV file (`-` reads standard input)
    pub file: PathBuf,
    /// Show what would be added and changed, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub csv: super::csv_options::CsvOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvForm {
    /// One row per week, one column per measure, as spreadsheets keep a scorecard
    Wide,
    /// One row per reading: measure,week,value,note
    Long,
}

#[derive(Debug, Args)]
pub struct ExportReadingsArgs {
    /// The first week to include (default: the earliest reading)
    #[arg(long, value_parser = parse_week)]
    pub from: Option<Week>,
    /// The last week to include (default: this week)
    #[arg(long, value_parser = parse_week)]
    pub to: Option<Week>,
    #[arg(long, value_enum, default_value = "wide")]
    pub form: CsvForm,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinutesFormat {
    /// CommonMark
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Only create the demo and print it; do not open the meeting
    #[arg(long)]
    pub no_tui: bool,
    /// Build a large history instead, of this many teams (50 if only --weeks is given)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=999))]
    pub teams: Option<u32>,
    /// Build a large history instead, of this many weeks (520 if only --teams is given)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=2600))]
    pub weeks: Option<u32>,
    /// Rebuild an earlier demo even though someone changed it since (one
    /// operation, which `rhythm undo` takes back)
    #[arg(long)]
    pub reset: bool,
}

impl DemoArgs {
    /// The large demo's size, if either flag asks for it; the other
    /// defaults to the reference size.
    pub fn large(&self) -> Option<crate::demo::large::Size> {
        use crate::demo::large::Size;
        if self.teams.is_none() && self.weeks.is_none() {
            return None;
        }
        Some(Size {
            teams: self.teams.map_or(Size::REFERENCE.teams, |n| n as usize),
            weeks: self.weeks.map_or(Size::REFERENCE.weeks, |n| n as usize),
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Add a team
    Add { name: String },
    /// List the teams
    List(JsonFlag),
    /// Rename a team
    Rename { old: String, new: String },
    /// Change a team's settings
    Edit {
        name: String,
        /// Which week its weekly review looks at: current (the week it meets in) or previous (the week just ended, for a team meeting on Monday)
        #[arg(long, value_parser = parse_review)]
        review: Option<ReviewWeek>,
    },
    /// Delete a team and everything of it (needs --yes)
    Delete {
        name: String,
        /// Really delete; without it, only says what would be deleted
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// List the people who own something (--all for everyone known)
    List {
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Rename a person; into someone who exists, merge them
    Rename { old: String, new: String },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MeetingArgs {
    /// Without a subcommand, opens the review on screen
    #[command(subcommand)]
    pub command: Option<MeetingCommand>,
    /// The week to review, as 2026-W47 or any date in it (default: the team's setting, see `team edit --review`)
    #[arg(long, value_parser = parse_typed_week)]
    pub week: Option<TypedWeek>,
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// End a meeting left open, freezing its scorecard and writing its minutes
    End {
        /// The meeting (default: the team's open meeting of an earlier week, or its one open meeting)
        #[arg(long, value_parser = parse_id)]
        meeting: Option<i64>,
    },
    /// Rate a meeting from 1 to 10, also after it ended
    Rate {
        #[arg(value_parser = parse_id)]
        id: i64,
        #[arg(value_parser = clap::value_parser!(u8).range(1..=10))]
        rating: u8,
    },
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct GoalArgs {
    /// Which way is better: higher, lower, or within a range
    #[arg(long, value_parser = parse_direction)]
    pub direction: Option<Direction>,
    /// The target value (for higher or lower)
    // Hyphen values, not only negative numbers, so `-inf` reaches the
    // parser and gets its message instead of clap's "unexpected argument".
    #[arg(long, value_parser = parse_number, allow_hyphen_values = true)]
    pub target: Option<f64>,
    /// The target band for `--direction range`, as LOW..HIGH (for example 3..5)
    #[arg(long, value_parser = parse_range, allow_hyphen_values = true)]
    pub range: Option<(f64, f64)>,
    /// How far off target still counts as at risk, as a fraction (default 0.1)
    #[arg(long, value_parser = parse_tolerance, allow_hyphen_values = true)]
    pub tolerance: Option<f64>,
}

#[derive(Debug, Subcommand)]
pub enum MeasureCommand {
    /// Add a measure to the team's scorecard
    Add {
        name: String,
        /// The one person who owns the measure
        #[arg(long)]
        owner: String,
        /// The unit shown after values (%, h, x, €, ...)
        #[arg(long, default_value = "")]
        unit: String,
        /// leading (predicts) or lagging (reports an outcome)
        #[arg(long, value_parser = parse_kind, default_value = "lagging")]
        kind: Kind,
        #[command(flatten)]
        goal: GoalArgs,
    },
    /// List the team's measures in scorecard order
    List {
        /// Include archived measures
        #[arg(long)]
        archived: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Change a measure's name, owner, unit, kind or target
    Edit {
        name: String,
        /// A new name
        #[arg(long = "name", value_name = "NEW_NAME")]
        new_name: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        #[command(flatten)]
        goal: GoalArgs,
    },
    /// Take a measure off the scorecard, keeping its history (--restore to bring it back)
    Archive {
        name: String,
        #[arg(long)]
        restore: bool,
    },
    /// Move a measure to a position on the scorecard (1 is the top)
    Move {
        name: String,
        #[arg(value_parser = parse_position)]
        position: u32,
    },
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The measure's name (any case)
    pub measure: String,
    /// The value; leave units and separators out (104.5, not 104.5%)
    #[arg(
        value_parser = parse_number,
        allow_hyphen_values = true,
        required_unless_present = "clear"
    )]
    pub value: Option<f64>,
    /// The week, as 2026-W48 or any date in it (default: this week)
    #[arg(long, value_parser = parse_week)]
    pub week: Option<Week>,
    /// A note to keep with the value (default: keep the week's note; "" clears it)
    #[arg(long)]
    pub note: Option<String>,
    /// Delete the week's value, so the week is missing again
    #[arg(long, conflicts_with_all = ["value", "note"])]
    pub clear: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct ScorecardArgs {
    /// The week to show, as 2026-W48 or any date in it (default: this week)
    #[arg(long, value_parser = parse_week)]
    pub week: Option<Week>,
    /// How many weeks the trend covers
    #[arg(long, default_value_t = 13, value_parser = clap::value_parser!(u32).range(1..=520))]
    pub weeks: u32,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
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

fn parse_review(s: &str) -> Result<ReviewWeek, String> {
    s.parse()
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::domain::week::parse_date(s).map_err(|e| e.to_string())
}

pub use crate::domain::status::parse_number;

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

pub(super) fn parse_direction(s: &str) -> Result<Direction, String> {
    s.parse()
}

pub(super) fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse()
}

pub(super) fn parse_lane(s: &str) -> Result<Lane, String> {
    s.parse()
}

pub(super) fn parse_dep_status(s: &str) -> Result<DepStatus, String> {
    s.parse()
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
        let readme = include_str!("../../README.md");
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
