//! The operation log's vocabulary: who made a change and from where, what
//! the log shows of each operation, and how a person names one record.
//! Plain data; the store writes and reverses operations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::{OpId, OpKind, OpSource, TeamId};

/// Who made a change, from where, and (for a made commitment) who approved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub author: String,
    pub source: OpSource,
    pub approved_by: Option<String>,
}

impl Origin {
    pub fn new(author: impl Into<String>, source: OpSource) -> Origin {
        Origin {
            author: author.into(),
            source,
            approved_by: None,
        }
    }

    pub fn approved_by(mut self, name: Option<String>) -> Origin {
        self.approved_by = name.filter(|n| !n.trim().is_empty());
        self
    }
}

/// One entry of the operation log, as `rhythm log` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    pub id: OpId,
    pub at: DateTime<Utc>,
    pub author: String,
    pub source: OpSource,
    pub kind: OpKind,
    /// One line a person can read.
    pub summary: String,
    /// The team it concerns, when it concerns one. Printed as `team_id`:
    /// `team` in JSON output is always a team's name (README, "JSON output").
    #[serde(rename = "team_id")]
    pub team: Option<TeamId>,
    pub approved_by: Option<String>,
    /// The operation that reversed this one, while it stays reversed.
    pub undone_by: Option<OpId>,
    /// False when its before-images were compacted away (or never kept).
    pub undoable: bool,
}

/// One field of one record, before and after an operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What one operation did to one record: created, changed or deleted it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordChange {
    pub op: Operation,
    pub what: RecordEvent,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordEvent {
    Created,
    Changed,
    Deleted,
}

/// A record as a person names it: `decision:4`, `action:12`, `team:2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordRef {
    /// The kind as typed, from `RecordRef::KINDS`.
    pub kind: &'static str,
    pub id: i64,
}

impl RecordRef {
    /// The kinds a person may name, with the table each lives in.
    pub const KINDS: &'static [(&'static str, &'static str)] = &[
        ("team", "team"),
        ("person", "person"),
        ("measure", "measure"),
        ("offtrack", "offtrack"),
        ("action", "action_item"),
        ("dep", "dependency"),
        ("decision", "decision"),
        ("meeting", "meeting"),
    ];

    pub fn table(&self) -> &'static str {
        RecordRef::KINDS
            .iter()
            .find(|(k, _)| *k == self.kind)
            .map_or(self.kind, |(_, t)| t)
    }
}

impl std::str::FromStr for RecordRef {
    type Err = String;

    fn from_str(s: &str) -> Result<RecordRef, String> {
        let bad = || {
            let kinds: Vec<&str> = RecordRef::KINDS.iter().map(|(k, _)| *k).collect();
            format!(
                "'{s}' is not a record: write KIND:ID, KIND one of {}",
                kinds.join(", ")
            )
        };
        let (kind, id) = s.trim().split_once(':').ok_or_else(bad)?;
        let kind = kind.trim().to_ascii_lowercase();
        let kind = RecordRef::KINDS
            .iter()
            .map(|(k, _)| *k)
            .find(|k| *k == kind || (*k == "dep" && kind == "dependency"))
            .ok_or_else(bad)?;
        let id = id
            .trim()
            .trim_start_matches('#')
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(bad)?;
        Ok(RecordRef { kind, id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_named_kind_colon_id() {
        let r: RecordRef = "decision:4".parse().unwrap();
        assert_eq!((r.kind, r.id, r.table()), ("decision", 4, "decision"));
        let r: RecordRef = "Action:#12".parse().unwrap();
        assert_eq!((r.kind, r.table()), ("action", "action_item"));
        let r: RecordRef = "dependency:3".parse().unwrap();
        assert_eq!(r.kind, "dep");
        for bad in ["decision", "note:4", "decision:0", "decision:x"] {
            let err = bad.parse::<RecordRef>().unwrap_err();
            assert!(
                err.starts_with(&format!("'{bad}' is not a record")),
                "{err}"
            );
        }
    }
}
