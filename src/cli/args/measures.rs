//! The scorecard: `measure`, `record` and `scorecard`.

use clap::{Args, Subcommand, ValueEnum};

use super::{
    JsonFlag, choices::directions, choices::kinds, choices::rollups, parse_number, parse_position,
    parse_range, parse_tolerance, parse_week,
};
use crate::domain::{Direction, Kind, Rollup, Week};

#[derive(Debug, Args)]
pub struct GoalArgs {
    /// Which way is better: higher, lower, or within a range
    #[arg(long, value_parser = directions())]
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
        /// The measure's name, as the scorecard shows it
        #[arg(allow_hyphen_values = true)]
        name: String,
        /// The one person who owns the measure
        #[arg(long, allow_hyphen_values = true)]
        owner: String,
        /// The unit shown after values (%, h, x, €, ...)
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        unit: String,
        /// leading (predicts) or lagging (reports an outcome)
        #[arg(long, value_parser = kinds(), default_value = "lagging")]
        kind: Kind,
        #[command(flatten)]
        goal: GoalArgs,
        #[command(flatten)]
        serves: super::ServesArg,
        /// Which value stands for a month in monthly trigger rules: last, sum or average (default: from the unit)
        #[arg(long, value_parser = rollups())]
        rollup: Option<Rollup>,
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
        /// The measure to change (any case)
        #[arg(allow_hyphen_values = true)]
        name: String,
        /// A new name
        #[arg(long = "name", value_name = "NEW_NAME", allow_hyphen_values = true)]
        new_name: Option<String>,
        /// A new owner
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
        /// A new unit ("" for none)
        #[arg(long, allow_hyphen_values = true)]
        unit: Option<String>,
        /// leading (predicts) or lagging (reports an outcome)
        #[arg(long, value_parser = kinds())]
        kind: Option<Kind>,
        #[command(flatten)]
        goal: GoalArgs,
        #[command(flatten)]
        serves: super::ServesArg,
        /// Which value stands for a month in monthly trigger rules: last, sum or average
        #[arg(long, value_parser = rollups())]
        rollup: Option<Rollup>,
    },
    /// Take a measure off the scorecard, keeping its history (--restore to bring it back)
    Archive {
        /// The measure (any case)
        #[arg(allow_hyphen_values = true)]
        name: String,
        /// Bring an archived measure back onto the scorecard
        #[arg(long)]
        restore: bool,
    },
    /// Move a measure to a position on the scorecard (1 is the top)
    Move {
        /// The measure (any case)
        #[arg(allow_hyphen_values = true)]
        name: String,
        /// Its new place on the scorecard, 1 being the top
        #[arg(value_parser = parse_position, allow_negative_numbers = true)]
        position: u32,
    },
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The measure's name (any case)
    #[arg(allow_hyphen_values = true)]
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
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Delete the week's value, so the week is missing again
    #[arg(long, conflicts_with_all = ["value", "note"])]
    pub clear: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Columns for the terminal
    Table,
    /// A GitHub-flavoured Markdown table
    Md,
    /// A JSON document
    Json,
}

#[derive(Debug, Args)]
pub struct ScorecardArgs {
    /// The week to show, as 2026-W48 or any date in it (default: this week)
    #[arg(long, value_parser = parse_week)]
    pub week: Option<Week>,
    /// How many weeks the trend covers
    #[arg(long, default_value_t = 13, value_parser = clap::value_parser!(u32).range(1..=520), allow_negative_numbers = true)]
    pub weeks: u32,
    /// How to print it: a table, GitHub-flavoured Markdown, or a JSON document
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Print JSON: the same as --format json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}
