//! `rhythm report`: the HTML report for people outside the terminal.

use std::path::PathBuf;

use clap::Args;

use super::{TypedWeek, parse_typed_week};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The HTML file to write (`-` is standard output)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The teams to report on, comma-separated or repeated (default: --team, else every team)
    #[arg(
        long,
        value_name = "NAMES",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub teams: Vec<String>,
    /// How many weeks the charts show, ending with --to
    #[arg(long, value_name = "N", default_value_t = 13, value_parser = clap::value_parser!(u32).range(1..=260), conflicts_with = "from")]
    pub weeks: u32,
    /// The first week of the period (a week such as 2026-W36, or a date in it); instead of --weeks
    #[arg(long, value_name = "WEEK", value_parser = parse_typed_week)]
    pub from: Option<TypedWeek>,
    /// The last week of the period (default: the week each team reviews)
    #[arg(long, value_name = "WEEK", value_parser = parse_typed_week)]
    pub to: Option<TypedWeek>,
}
