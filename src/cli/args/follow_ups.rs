//! The follow-up commands' arguments: action items, off-track items,
//! dependencies and decisions.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::choices::{dep_statuses, lanes, state_filters};
use super::{JsonFlag, parse_date, parse_id};
use crate::domain::{DecisionState, DepStatus, Lane};

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action item
    Add {
        /// What will be done, in a few words
        #[arg(allow_hyphen_values = true)]
        title: String,
        /// The one person who will do it
        #[arg(long, allow_hyphen_values = true)]
        owner: String,
        /// The due date, as YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        due: Option<NaiveDate>,
        #[command(flatten)]
        serves: super::ServesArg,
    },
    /// List open action items (--all for done and dropped too)
    List {
        /// Include done and dropped items
        #[arg(long)]
        all: bool,
        /// Only this person's items
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Mark an action item done
    Done {
        /// The action item's number (see `rhythm action list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
    /// Drop an action item that will not be done
    Drop {
        /// The action item's number (see `rhythm action list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
    /// Correct an action item's title, owner or due date
    Edit {
        /// The action item's number (see `rhythm action list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        /// A new title
        #[arg(long, allow_hyphen_values = true)]
        title: Option<String>,
        /// A new owner
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
        /// The due date, as YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        due: Option<NaiveDate>,
        #[command(flatten)]
        serves: super::ServesArg,
    },
    /// Open a done or dropped action item again
    Reopen {
        /// The action item's number (see `rhythm action list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum OffTrackCommand {
    /// Raise an off-track item, by hand or from a measure (--measure)
    Add {
        /// What is off track (default: the measure's name)
        #[arg(allow_hyphen_values = true)]
        title: Option<String>,
        /// The one person who owns getting it back on track
        #[arg(long, allow_hyphen_values = true)]
        owner: String,
        /// The measure it was raised from
        #[arg(long, allow_hyphen_values = true)]
        measure: Option<String>,
        /// Why it is off track
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        why: String,
        /// What will be different by next week
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        change: String,
        #[command(flatten)]
        serves: super::ServesArg,
    },
    /// List open off-track items (--all for resolved and dropped too)
    List {
        /// Include resolved and dropped items
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Mark an off-track item resolved
    Resolve {
        /// The off-track item's number (see `rhythm offtrack list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
    /// Drop an off-track item
    Drop {
        /// The off-track item's number (see `rhythm offtrack list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
    /// Correct an off-track item's title, owner, why or promised change
    Edit {
        /// The off-track item's number (see `rhythm offtrack list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        /// A new title
        #[arg(long, allow_hyphen_values = true)]
        title: Option<String>,
        /// A new owner
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
        /// Why it is off track
        #[arg(long, allow_hyphen_values = true)]
        why: Option<String>,
        /// What will be different by next week
        #[arg(long, allow_hyphen_values = true)]
        change: Option<String>,
        #[command(flatten)]
        serves: super::ServesArg,
    },
    /// Open a resolved or dropped off-track item again
    Reopen {
        /// The off-track item's number (see `rhythm offtrack list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum DepCommand {
    /// Record that one team needs something from another
    Add {
        /// What is needed
        #[arg(allow_hyphen_values = true)]
        what: String,
        /// The team that needs it (default: --team)
        #[arg(long, allow_hyphen_values = true)]
        from: Option<String>,
        /// The team that provides it (may be a team outside this database)
        #[arg(long, allow_hyphen_values = true)]
        to: String,
        /// The one person who follows it up
        #[arg(long, allow_hyphen_values = true)]
        owner: String,
        /// When it is needed, as YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        needed_by: Option<NaiveDate>,
        /// Where it stands: on_track, at_risk, blocked or done
        #[arg(long, value_parser = dep_statuses(), default_value = "on_track")]
        status: DepStatus,
        /// A note on where it stands
        #[arg(long, allow_hyphen_values = true)]
        note: Option<String>,
    },
    /// List what the team needs and owes, blocked and overdue first (--all for done too)
    List {
        /// Include delivered (done) dependencies
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Change a dependency's status, date, owner or note
    Update {
        /// The dependency's number (see `rhythm dep list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        /// on_track, at_risk, blocked or done
        #[arg(long, value_parser = dep_statuses())]
        status: Option<DepStatus>,
        /// When it is needed, as YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        needed_by: Option<NaiveDate>,
        /// A new owner
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
        /// A note on where it stands now (replaces the note)
        #[arg(long, allow_hyphen_values = true)]
        note: Option<String>,
    },
    /// Correct what a dependency says, its teams, owner, date or note
    Edit {
        /// The dependency's number (see `rhythm dep list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        #[command(flatten)]
        edit: DepEdit,
    },
    /// Delete a dependency recorded by mistake (use `dep update --status done` for one delivered)
    Delete {
        /// The dependency's number (see `rhythm dep list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum DecisionCommand {
    /// Log a decision made (needs --chosen), or one still needed (--needed)
    Add {
        /// What is being decided, in a few words
        #[arg(allow_hyphen_values = true)]
        title: String,
        /// Log it as a decision still needed, not yet made
        #[arg(long)]
        needed: bool,
        /// The decision owner
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
        /// When a needed decision is due, as YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        due: Option<NaiveDate>,
        /// Why it matters: the situation and the forces at play
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        context: String,
        /// An option considered (repeat for each)
        #[arg(long = "option", value_name = "OPTION", allow_hyphen_values = true)]
        options: Vec<String>,
        /// The approach chosen
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        chosen: String,
        /// commitment, guardrail or autonomy
        #[arg(long, value_parser = lanes(), default_value = "autonomy")]
        lane: Lane,
        #[command(flatten)]
        serves: super::ServesArg,
    },
    /// List decisions needed and made (--state to choose)
    List {
        /// needed, made, superseded, withdrawn or all (default: needed and made)
        #[arg(long, value_parser = state_filters())]
        state: Option<StateFilter>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show one decision in full
    Show {
        /// The decision's number (see `rhythm decision list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Turn a needed decision into a made one
    Decide {
        /// The decision's number (see `rhythm decision list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        /// The approach chosen
        #[arg(long, allow_hyphen_values = true)]
        chosen: String,
        /// The decision owner
        #[arg(long, allow_hyphen_values = true)]
        owner: Option<String>,
        /// Why it matters: the situation and the forces at play (replaces the context)
        #[arg(long, allow_hyphen_values = true)]
        context: Option<String>,
        /// An option considered (repeat for each; replaces the list)
        #[arg(long = "option", value_name = "OPTION", allow_hyphen_values = true)]
        options: Vec<String>,
    },
    /// Mark a decision as superseded by a later one
    Supersede {
        /// The decision's number (see `rhythm decision list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        /// The decision that replaces it
        #[arg(long, value_parser = parse_id, allow_negative_numbers = true)]
        by: i64,
    },
    /// Correct a decision, needed or made
    Edit {
        /// The decision's number (see `rhythm decision list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        #[command(flatten)]
        fields: DecisionFields,
        #[command(flatten)]
        serves: super::ServesArg,
    },
    /// Name the decision owner
    Assign {
        /// The decision's number (see `rhythm decision list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        /// The person who owns the decision
        #[arg(allow_hyphen_values = true)]
        owner: String,
    },
    /// Withdraw a needed decision that is no longer needed
    Withdraw {
        /// The decision's number (see `rhythm decision list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        /// Why it is no longer needed (kept in its context)
        #[arg(long, allow_hyphen_values = true)]
        why: Option<String>,
    },
    /// Write one architecture-decision-record Markdown file per decision
    Export {
        /// The folder to write the records to (re-running updates them)
        #[arg(long, value_name = "DIR")]
        adr: PathBuf,
        /// Overwrite records edited by hand since the last export, and
        /// numbered files rhythm did not write (by default they are skipped
        /// or refused)
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFilter {
    One(DecisionState),
    All,
}

pub(super) fn parse_state_filter(s: &str) -> Result<StateFilter, String> {
    if s.trim().eq_ignore_ascii_case("all") {
        return Ok(StateFilter::All);
    }
    s.parse()
        .map(StateFilter::One)
        .map_err(|_| format!("'{s}' is not one of: {}, all", DecisionState::choices()))
}

/// What `dep edit` may change; flags left out keep their value.
#[derive(Debug, Args)]
pub struct DepEdit {
    /// What is needed
    #[arg(long, allow_hyphen_values = true)]
    pub what: Option<String>,
    /// The team that needs it
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// The team that provides it (may be a team outside this database)
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    /// A new owner
    #[arg(long, allow_hyphen_values = true)]
    pub owner: Option<String>,
    /// When it is needed, as YYYY-MM-DD
    #[arg(long, value_parser = parse_date, conflicts_with = "clear_needed_by")]
    pub needed_by: Option<NaiveDate>,
    /// Remove the needed-by date
    #[arg(long)]
    pub clear_needed_by: bool,
    /// A new note
    #[arg(long, conflicts_with = "clear_note", allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Remove the note
    #[arg(long)]
    pub clear_note: bool,
}

/// What `decision edit` may change; flags left out keep their value.
#[derive(Debug, Args)]
pub struct DecisionFields {
    /// A new title
    #[arg(long, allow_hyphen_values = true)]
    pub title: Option<String>,
    /// Why it matters: the situation and the forces at play
    #[arg(long, allow_hyphen_values = true)]
    pub context: Option<String>,
    /// An option considered (repeat for each; replaces the list)
    #[arg(long = "option", value_name = "OPTION", allow_hyphen_values = true)]
    pub options: Vec<String>,
    /// The approach chosen (for a decision made)
    #[arg(long, allow_hyphen_values = true)]
    pub chosen: Option<String>,
    /// commitment, guardrail or autonomy
    #[arg(long, value_parser = lanes())]
    pub lane: Option<Lane>,
    /// The decision owner
    #[arg(long, allow_hyphen_values = true)]
    pub owner: Option<String>,
    /// When a needed decision is due, as YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
}
