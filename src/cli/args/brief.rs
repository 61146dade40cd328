//! `rhythm brief …`: the strategy brief of a quarter, line by line.

use clap::{Args, Subcommand, ValueEnum};

use super::parse_id;
use crate::domain::Quarter;

fn parse_quarter(s: &str) -> Result<Quarter, String> {
    s.parse()
        .map_err(|e: crate::domain::quarter::QuarterError| e.to_string())
}

/// Which brief: a team's (by --team) or the whole database's, of a quarter.
#[derive(Debug, Clone, Args)]
pub struct BriefAt {
    /// The quarter, as 2026-Q4 or a date or week inside it (default: this quarter)
    #[arg(long, value_parser = parse_quarter)]
    pub quarter: Option<Quarter>,
    /// The whole database's brief, above every team's, instead of one team's
    #[arg(long)]
    pub whole: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BriefFormat {
    /// For reading in the terminal
    Text,
    /// Markdown, on one page
    Md,
    /// A JSON document
    Json,
}

#[derive(Debug, Subcommand)]
pub enum BriefCommand {
    /// Show a quarter's brief: choices, objectives, exclusions and the measures that matter
    Show {
        #[command(flatten)]
        at: BriefAt,
        /// How to print it: text, Markdown or a JSON document
        #[arg(long, value_enum, default_value = "text")]
        format: BriefFormat,
        /// Print JSON: the same as --format json
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Edit the whole brief in $VISUAL or $EDITOR, as Markdown, and save what changed in one go
    Edit {
        #[command(flatten)]
        at: BriefAt,
    },
    /// The altitude check: choices with nothing under them, objectives off track, work serving nothing, and each person's work this week that flows from the brief
    Check {
        /// The quarter, as 2026-Q4 or a date or week inside it (default: this quarter)
        #[arg(long, value_parser = parse_quarter)]
        quarter: Option<Quarter>,
        /// Print the check as JSON
        #[arg(long)]
        json: bool,
    },
    /// Start a quarter's brief as a copy of the latest one before it
    New {
        #[command(flatten)]
        at: BriefAt,
    },
    /// Add, correct or drop a choice and its consequence
    #[command(subcommand)]
    Choice(ChoiceCommand),
    /// Add, correct or drop an objective, its integrator and its measures
    #[command(subcommand)]
    Objective(ObjectiveCommand),
    /// Add, correct or drop what the team will not do, and what would lift it
    #[command(subcommand)]
    Exclusion(ExclusionCommand),
    /// Add or drop one of the few measures that matter
    #[command(subcommand)]
    Measure(BriefMeasureCommand),
}

/// A line's number, as `rhythm brief show` prints it.
#[derive(Debug, Clone, Args)]
pub struct LineId {
    /// The line's number (see `rhythm brief show`)
    #[arg(value_parser = parse_id, allow_negative_numbers = true)]
    pub id: i64,
}

#[derive(Debug, Subcommand)]
pub enum ChoiceCommand {
    /// Add a choice: where the team plays and how it wins
    Add {
        /// The choice, as "this rather than that"
        #[arg(allow_hyphen_values = true)]
        text: String,
        /// What follows from it: the cost the team accepts
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        consequence: String,
        #[command(flatten)]
        at: BriefAt,
    },
    /// Correct a choice or its consequence
    Edit {
        #[command(flatten)]
        line: LineId,
        /// The choice's new words
        #[arg(long, allow_hyphen_values = true)]
        text: Option<String>,
        /// Its new consequence ("" clears it)
        #[arg(long, allow_hyphen_values = true)]
        consequence: Option<String>,
    },
    /// Take a choice out of the brief
    Drop {
        #[command(flatten)]
        line: LineId,
    },
}

#[derive(Debug, Subcommand)]
pub enum ObjectiveCommand {
    /// Add an objective: an outcome for the quarter
    Add {
        /// The outcome
        #[arg(allow_hyphen_values = true)]
        text: String,
        /// The one person others go to when the plan meets reality
        #[arg(long, allow_hyphen_values = true)]
        integrator: Option<String>,
        /// A measure that shows it (repeat for each)
        #[arg(long = "measure", value_name = "MEASURE", allow_hyphen_values = true)]
        measures: Vec<String>,
        #[command(flatten)]
        at: BriefAt,
    },
    /// Correct an objective or its integrator
    Edit {
        #[command(flatten)]
        line: LineId,
        /// The outcome's new words
        #[arg(long, allow_hyphen_values = true)]
        text: Option<String>,
        /// Its new integrator
        #[arg(long, allow_hyphen_values = true)]
        integrator: Option<String>,
    },
    /// Take an objective out of the brief, with the measures that show it
    Drop {
        #[command(flatten)]
        line: LineId,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExclusionCommand {
    /// Add an exclusion: what the team will not do
    Add {
        /// What is excluded
        #[arg(allow_hyphen_values = true)]
        text: String,
        /// The condition that would lift it
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        unless: String,
        #[command(flatten)]
        at: BriefAt,
    },
    /// Correct an exclusion or what would lift it
    Edit {
        #[command(flatten)]
        line: LineId,
        /// What is excluded, in new words
        #[arg(long, allow_hyphen_values = true)]
        text: Option<String>,
        /// The new lifting condition ("" clears it)
        #[arg(long, allow_hyphen_values = true)]
        unless: Option<String>,
    },
    /// Take an exclusion out of the brief
    Drop {
        #[command(flatten)]
        line: LineId,
    },
}

#[derive(Debug, Subcommand)]
pub enum BriefMeasureCommand {
    /// Add a measure: one of the few that matter, or (--objective) one that shows an objective
    Add {
        /// The measure's name
        #[arg(allow_hyphen_values = true)]
        measure: String,
        /// The objective it shows, by its number
        #[arg(long, value_parser = parse_id)]
        objective: Option<i64>,
        #[command(flatten)]
        at: BriefAt,
    },
    /// Take a measure line out of the brief
    Drop {
        #[command(flatten)]
        line: LineId,
    },
}
