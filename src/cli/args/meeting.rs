//! The meeting itself: `meeting` (and its `end` and `rate`) and `minutes`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{TypedWeek, parse_id, parse_typed_week};

#[derive(Debug, Args)]
pub struct MinutesArgs {
    /// The last meeting that ended (the default)
    #[arg(long, conflicts_with = "meeting")]
    pub last: bool,
    /// A meeting by number (see `rhythm minutes --list`)
    #[arg(long, value_parser = parse_id, allow_negative_numbers = true)]
    pub meeting: Option<i64>,
    /// List the team's meetings instead
    #[arg(long, conflicts_with_all = ["meeting", "last"])]
    pub list: bool,
    /// How to print them: GitHub-flavoured Markdown, a JSON document, or a self-contained HTML page
    #[arg(long, value_enum, default_value = "md")]
    pub format: MinutesFormat,
    /// Print JSON: the same as --format json (with --list, the meetings)
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Write to this file instead of standard output (`-` is standard output)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinutesFormat {
    /// GitHub-flavoured Markdown: tables and task lists, which a strict
    /// CommonMark reader shows as pipes and brackets
    Md,
    /// A JSON document: the minutes' text and what they record
    Json,
    /// One HTML page with the same content as the CommonMark, needing no network
    Html,
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
        #[arg(long, value_parser = parse_id, allow_negative_numbers = true)]
        meeting: Option<i64>,
    },
    /// Rate a meeting from 1 to 10, also after it ended
    Rate {
        /// The meeting's number (see `rhythm minutes --list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        /// How useful it was, from 1 to 10
        #[arg(value_parser = clap::value_parser!(u8).range(1..=10), allow_negative_numbers = true)]
        rating: u8,
    },
}
