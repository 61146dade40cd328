//! Setting up: `demo`, teams and people.

use clap::{Args, Subcommand};

use super::{JsonFlag, choices::reviews};
use crate::domain::ReviewWeek;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Only create the demo and print it; do not open the meeting
    #[arg(long)]
    pub no_tui: bool,
    /// Build a large history instead, of this many teams (50 if only --weeks is given)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=999), allow_negative_numbers = true)]
    pub teams: Option<u32>,
    /// Build a large history instead, of this many weeks (520 if only --teams is given)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=2600), allow_negative_numbers = true)]
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
    Add {
        /// The team's name, as screens and minutes show it
        #[arg(allow_hyphen_values = true)]
        name: String,
    },
    /// List the teams
    List(JsonFlag),
    /// Rename a team
    Rename {
        /// The team's name now (any case)
        #[arg(allow_hyphen_values = true)]
        old: String,
        /// The name it will have
        #[arg(allow_hyphen_values = true)]
        new: String,
    },
    /// Change a team's settings
    Edit {
        /// The team (any case)
        #[arg(allow_hyphen_values = true)]
        name: String,
        /// Which week its weekly review looks at: current (the week it meets in) or previous (the week just ended, for a team meeting on Monday)
        #[arg(long, value_parser = reviews())]
        review: Option<ReviewWeek>,
    },
    /// Delete a team and everything of it (needs --yes)
    Delete {
        /// The team to delete (any case)
        #[arg(allow_hyphen_values = true)]
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
        /// Everyone known, attendees too, not only owners
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Rename a person; into someone who exists, merge them
    Rename {
        /// The person's name now (any case)
        #[arg(allow_hyphen_values = true)]
        old: String,
        /// The name they will have; someone who has it already is merged with them
        #[arg(allow_hyphen_values = true)]
        new: String,
    },
}
