//! `rhythm plan …`: the operating plan, its initiatives, milestones,
//! people and flexible pool.

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use super::{parse_date, parse_id};
use crate::domain::{Month, Phase};

fn parse_month(s: &str) -> Result<Month, String> {
    s.parse()
        .map_err(|e: crate::domain::month::MonthError| e.to_string())
}

fn parse_phase(s: &str) -> Result<Phase, String> {
    s.parse()
}

/// A share of someone's time: `30`, `30%` or `30 %`, from 0 to 100.
fn parse_share(s: &str) -> Result<u8, String> {
    let digits = s.trim().trim_end_matches('%').trim_end();
    digits
        .parse::<u8>()
        .ok()
        .filter(|n| *n <= 100)
        .ok_or_else(|| format!("'{s}' is not a share of time: use 0 to 100, as 30 or 30%"))
}

/// The flexible pool: 0 to 50 percent.
fn parse_flex(s: &str) -> Result<u8, String> {
    parse_share(s)
        .ok()
        .filter(|n| *n <= crate::domain::plan::FLEX_MAX)
        .ok_or_else(|| format!("'{s}' is not a flexible pool: use 0 to 50 (10 to 15 is usual)"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// For reading in the terminal
    Text,
    /// Markdown: one table
    Md,
    /// A JSON document
    Json,
}

/// A record's number, as `rhythm plan show` prints it.
#[derive(Debug, Clone, Args)]
pub struct PlanId {
    /// Its number (see `rhythm plan show`)
    #[arg(value_parser = parse_id, allow_negative_numbers = true)]
    pub id: i64,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Show the plan board: months as columns, decide / build / launch in each, and what it flags
    Show {
        /// The first month to show, as 2026-12 or a date or week inside it (default: this month)
        #[arg(long, value_parser = parse_month)]
        from: Option<Month>,
        /// How many months to show, 1 to 12
        #[arg(long, default_value = "3", value_parser = clap::value_parser!(u8).range(1..=12))]
        months: u8,
        /// How to print it: text, Markdown or a JSON document
        #[arg(long, value_enum, default_value = "text")]
        format: PlanFormat,
        /// Print JSON: the same as --format json
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Add, correct, close or reopen an initiative
    #[command(subcommand)]
    Initiative(InitiativeCommand),
    /// Add, correct, move, finish or stop a milestone
    #[command(subcommand)]
    Milestone(MilestoneCommand),
    /// Give a person a share of their time on an initiative (0 takes them off)
    Assign {
        /// The person
        #[arg(allow_hyphen_values = true)]
        person: String,
        /// The initiative's number
        #[arg(value_parser = parse_id)]
        initiative: i64,
        /// Their share of time, in percent (30 or 30%)
        #[arg(value_parser = parse_share)]
        share: u8,
    },
    /// Set the share of the team's time kept free for urgent issues and experiments
    Flex {
        /// In percent, 0 to 50 (a new team keeps 10)
        #[arg(value_parser = parse_flex)]
        share: u8,
    },
    /// Record a draw on the flexible pool; its post-mortem is asked for until written
    #[command(name = "draw-flex")]
    DrawFlex {
        /// What the pool was drawn for
        #[arg(long, allow_hyphen_values = true)]
        why: String,
        /// The day of the draw (default: today)
        #[arg(long, value_parser = parse_date)]
        on: Option<NaiveDate>,
    },
    /// Write a draw's post-mortem: what happened, what contributed, one change to the system
    #[command(name = "post-mortem")]
    PostMortem {
        #[command(flatten)]
        draw: PlanId,
        /// What happened
        #[arg(long, allow_hyphen_values = true)]
        what: String,
        /// The contributing factors
        #[arg(long, allow_hyphen_values = true)]
        factors: String,
        /// One change to the system, so it does not happen again
        #[arg(long, allow_hyphen_values = true)]
        change: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum InitiativeCommand {
    /// Add an initiative: a programme with an owner and an end
    Add {
        /// What it is
        #[arg(allow_hyphen_values = true)]
        title: String,
        /// Who owns it
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
        /// The choice or objective of the brief it serves (its words, or #N)
        #[arg(long, allow_hyphen_values = true)]
        serves: Option<String>,
        /// Its first month, as 2026-12 or a date or week inside it (default: this month)
        #[arg(long, value_parser = parse_month)]
        start: Option<Month>,
        /// Its last month (every programme has an end: one without is flagged)
        #[arg(long, value_parser = parse_month)]
        end: Option<Month>,
    },
    /// Correct an initiative's title, owner, what it serves or its months
    Edit {
        #[command(flatten)]
        initiative: PlanId,
        /// Its new title
        #[arg(long, allow_hyphen_values = true)]
        title: Option<String>,
        /// Its new owner
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
        /// The choice or objective it serves ("" for none)
        #[arg(long, allow_hyphen_values = true)]
        serves: Option<String>,
        /// Its new first month
        #[arg(long, value_parser = parse_month)]
        start: Option<Month>,
        /// Its last month ("" for none)
        #[arg(long, allow_hyphen_values = true)]
        end: Option<String>,
    },
    /// Close an initiative, saying what was learned (--stopped if it closes undone)
    Close {
        #[command(flatten)]
        initiative: PlanId,
        /// What was learned, or why it stops
        #[arg(long, allow_hyphen_values = true)]
        note: String,
        /// It closes without being done: stopped
        #[arg(long)]
        stopped: bool,
    },
    /// Open a closed initiative again
    Reopen {
        #[command(flatten)]
        initiative: PlanId,
    },
}

#[derive(Debug, Subcommand)]
pub enum MilestoneCommand {
    /// Add a milestone to an initiative, in a month and a phase
    Add {
        /// The initiative's number
        #[arg(value_parser = parse_id)]
        initiative: i64,
        /// What it is
        #[arg(allow_hyphen_values = true)]
        title: String,
        /// Its month, as 2026-12 or a date or week inside it
        #[arg(long, value_parser = parse_month)]
        month: Month,
        /// decide, build or launch
        #[arg(long, value_parser = parse_phase, default_value = "decide")]
        phase: Phase,
        /// Who owns it
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
    },
    /// Correct a milestone's title, owner or month
    Edit {
        #[command(flatten)]
        milestone: PlanId,
        /// Its new title
        #[arg(long, allow_hyphen_values = true)]
        title: Option<String>,
        /// Its new owner
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
        /// Its new month
        #[arg(long, value_parser = parse_month)]
        month: Option<Month>,
    },
    /// Put a milestone in another phase: decide, build or launch
    Move {
        #[command(flatten)]
        milestone: PlanId,
        /// decide, build or launch
        #[arg(value_parser = parse_phase)]
        phase: Phase,
    },
    /// Mark a milestone done
    Done {
        #[command(flatten)]
        milestone: PlanId,
    },
    /// Stop a milestone without doing it, saying why
    Stop {
        #[command(flatten)]
        milestone: PlanId,
        /// Why it stops
        #[arg(long, allow_hyphen_values = true)]
        note: String,
    },
    /// Open a done or stopped milestone again
    Reopen {
        #[command(flatten)]
        milestone: PlanId,
    },
}

/// `--serves`: the choice or objective a piece of weekly work serves.
#[derive(Debug, Clone, Args, Default)]
pub struct ServesArg {
    /// The choice or objective of the brief it serves: its words (any case; a unique part will do) or #N; "" unlinks it
    #[arg(long, allow_hyphen_values = true)]
    pub serves: Option<String>,
}
