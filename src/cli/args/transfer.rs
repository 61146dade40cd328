//! Moving data in and out: `export`, `import` and the readings as CSV.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::parse_week;
use crate::domain::Week;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to this file instead of standard output (`-` is standard output)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The database to copy: a SQLite file or a postgres:// URL
    #[arg(long, value_name = "DB")]
    pub from: PathBuf,
    /// An empty or new database to copy into: a SQLite file or a postgres:// URL
    #[arg(long, value_name = "DB")]
    pub to: PathBuf,
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
    pub csv: crate::cli::csv_options::CsvOptions,
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
    /// wide (one column per measure) or long (one row per reading)
    #[arg(long, value_enum, default_value = "wide")]
    pub form: CsvForm,
    /// Write to this file instead of standard output (`-` is standard output)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}
