//! `rhythm trigger …`: rules on a measure that set off a planned response.

use clap::Subcommand;

use super::{JsonFlag, parse_id};

#[derive(Debug, Subcommand)]
pub enum TriggerCommand {
    /// Add a rule and the response it sets off when it holds
    Add {
        /// What the team will do when the rule fires
        #[arg(allow_hyphen_values = true)]
        response: String,
        /// The rule: a measure, a comparison and a run, such as "Burn > 400 for 3 weeks" or "Coverage outside 3..5 for 2 weeks"
        #[arg(long = "when", value_name = "RULE", allow_hyphen_values = true)]
        rule: String,
    },
    /// List the rules with their responses: firing since when, or quiet, and when each last fired
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Correct a rule or its response
    Edit {
        /// The trigger's number (see `rhythm trigger list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        /// A new rule
        #[arg(long = "when", value_name = "RULE", allow_hyphen_values = true)]
        rule: Option<String>,
        /// A new response
        #[arg(long, allow_hyphen_values = true)]
        response: Option<String>,
    },
    /// Delete a rule with its history of firings
    Drop {
        /// The trigger's number (see `rhythm trigger list`)
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
}
