//! `rhythm agenda …`: each kind of meeting's sections, titles and
//! timeboxes, per team.

use clap::Subcommand;

use super::JsonFlag;
use super::choices::meeting_kinds;
use crate::domain::MeetingKind;

/// `rhythm health`.
#[derive(Debug, clap::Args)]
pub struct HealthArgs {
    /// How many quarters back, this one included
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=40))]
    pub quarters: u32,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum AgendaCommand {
    /// Show the agenda of a kind of meeting: each section with its timebox, and the total
    Show {
        /// Which meeting's agenda
        #[arg(long, value_parser = meeting_kinds(), default_value = "weekly")]
        kind: MeetingKind,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Set the agenda of a kind of meeting, as "Scorecard 10, Off-track 30, ..., Wrap-up 5"
    Set {
        /// Which meeting's agenda
        #[arg(long, value_parser = meeting_kinds(), default_value = "weekly")]
        kind: MeetingKind,
        /// The sections in order, each with its minutes; Wrap-up comes last
        #[arg(allow_hyphen_values = true)]
        agenda: String,
    },
    /// Go back to the default agenda of a kind of meeting
    Reset {
        /// Which meeting's agenda
        #[arg(long, value_parser = meeting_kinds(), default_value = "weekly")]
        kind: MeetingKind,
    },
}
