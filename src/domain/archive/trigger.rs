//! The export's trigger rules: each rule as stored, with its episodes, so
//! a database exported and imported again fires as it did.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::schema;

/// A trigger rule on a measure of its team, as stored: the condition's
/// word with its value (`low`, or a range's low end) and a range's `high`,
/// the run, the rule as typed and the response; with its episodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriggerRecord {
    pub uid: String,
    pub id: i64,
    #[serde(rename = "team_uid")]
    pub team: String,
    #[serde(rename = "measure_uid")]
    pub measure: String,
    pub rule: String,
    #[schemars(with = "schema::ConditionWord")]
    pub condition: String,
    pub low: f64,
    pub high: Option<f64>,
    #[schemars(range(min = 1, max = 52))]
    pub periods: i64,
    #[schemars(with = "schema::PeriodWord")]
    pub period: String,
    pub response: String,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
    #[schemars(with = "schema::Time")]
    pub updated_at: String,
    /// Each time it fired, oldest first.
    pub episodes: Vec<EpisodeRecord>,
}

/// One firing of a trigger: the period its run completed (a week such as
/// 2026-W46, or a month such as 2026-11), when that was recorded, and the
/// period it cleared in (null while it fires).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EpisodeRecord {
    pub fired: String,
    #[schemars(with = "schema::Time")]
    pub recorded_at: String,
    pub cleared: Option<String>,
}
