//! `log` and `undo`: reading the operation log and taking changes back.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::{JsonFlag, parse_date, parse_id, parse_record};

#[derive(Debug, Args)]
pub struct LogArgs {
    /// How many operations to list
    #[arg(long, default_value = "20", value_parser = clap::value_parser!(u32).range(1..), allow_negative_numbers = true)]
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
    #[arg(long, value_parser = parse_id, allow_negative_numbers = true)]
    pub op: Option<i64>,
    /// Also undo the later operations that built on it
    #[arg(long)]
    pub cascade: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of the config file rhythm reads (it may not exist yet)
    Path,
    /// Print the settings in effect, and where each one comes from
    Show,
}
