//! The queries behind the follow-up screens and commands: dependencies
//! between teams and decisions. Like `read.rs`, each reads only what its
//! caller shows, through an index.

use crate::storage::db::{self, OptionalExtension, Row, params};
use chrono::{DateTime, Utc};

use crate::domain::{Decision, DecisionId, Dependency, DependencyId, Meeting, TeamId, TeamRef};

use super::read::{DecisionFilter, given, states_json};
use super::{Store, StoreError};

const DEPENDENCY_SQL: &str =
    "SELECT d.id, d.needing_team_id, coalesce(nt.name, d.needing_external),
        d.providing_team_id, coalesce(pt.name, d.providing_external), d.what, p.name,
        d.needed_by, d.status, d.note, d.created_at, d.updated_at
    FROM dependency d
    LEFT JOIN team nt ON nt.id = d.needing_team_id
    LEFT JOIN team pt ON pt.id = d.providing_team_id
    LEFT JOIN person p ON p.id = d.owner_id";

fn dependency_row(r: &Row<'_>) -> db::Result<Dependency> {
    Ok(Dependency {
        id: r.get(0)?,
        needing: TeamRef {
            id: r.get(1)?,
            name: r.get(2)?,
        },
        providing: TeamRef {
            id: r.get(3)?,
            name: r.get(4)?,
        },
        what: r.get(5)?,
        owner: r.get(6)?,
        needed_by: r.get(7)?,
        status: r.get(8)?,
        note: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

const DECISION_SQL: &str = "SELECT d.id, d.team_id, d.title, d.context, d.options, d.chosen,
        p.name, d.lane, d.state, d.due, d.made_at, d.meeting_id, d.supersedes_id,
        (SELECT s.id FROM decision s WHERE s.supersedes_id = d.id ORDER BY s.id DESC LIMIT 1),
        d.created_at
    FROM decision d LEFT JOIN person p ON p.id = d.owner_id";

fn decision_row(r: &Row<'_>) -> db::Result<Decision> {
    let options: String = r.get(4)?;
    Ok(Decision {
        id: r.get(0)?,
        team_id: r.get(1)?,
        title: r.get(2)?,
        context: r.get(3)?,
        options: serde_json::from_str(&options).unwrap_or_default(),
        chosen: r.get(5)?,
        owner: r.get(6)?,
        lane: r.get(7)?,
        state: r.get(8)?,
        due: r.get(9)?,
        made_at: r.get(10)?,
        meeting_id: r.get(11)?,
        supersedes: r.get(12)?,
        superseded_by: r.get(13)?,
        created_at: r.get(14)?,
    })
}

impl Store {
    /// What a team needs and what it owes; blocked first, then by needed-by date.
    pub fn dependencies(
        &self,
        team: TeamId,
        include_done: bool,
    ) -> Result<Vec<Dependency>, StoreError> {
        // Listing the statuses rather than `!= 'done'` lets SQLite search
        // the (team, status) indexes.
        let status = if include_done {
            ""
        } else {
            "AND d.status IN ('on_track', 'at_risk', 'blocked')"
        };
        let sql = format!(
            "{DEPENDENCY_SQL}
             WHERE (d.needing_team_id = ?1 OR d.providing_team_id = ?1) {status}
             ORDER BY d.status = 'done', d.status != 'blocked', d.needed_by IS NULL, d.needed_by, d.id"
        );
        let mut stmt = self.cached(&sql)?;
        let rows = stmt.query_map([team], dependency_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn dependency(&self, id: DependencyId) -> Result<Option<Dependency>, StoreError> {
        let sql = format!("{DEPENDENCY_SQL} WHERE d.id = ?1");
        Ok(self
            .cached(&sql)?
            .query_row([id], dependency_row)
            .optional()?)
    }

    /// Decisions, needed ones first (by due date), then the latest made.
    pub fn decisions(
        &self,
        team: TeamId,
        filter: &DecisionFilter,
    ) -> Result<Vec<Decision>, StoreError> {
        let sql = format!(
            "{DECISION_SQL}
             WHERE d.team_id = ?1 AND {}
             ORDER BY d.state != 'needed', d.state = 'superseded', d.due IS NULL, d.due,
                      d.made_at DESC, d.id DESC",
            given(
                !filter.states.is_empty(),
                2,
                &format!("d.state IN ({})", self.conn.dialect().json_texts("?2"))
            )
        );
        let mut stmt = self.cached(&sql)?;
        let rows = stmt.query_map(params![team, states_json(&filter.states)], decision_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The team's latest `limit` decisions made at or after `since` (and
    /// not superseded since), newest first.
    pub fn decisions_made_since(
        &self,
        team: TeamId,
        since: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<Decision>, StoreError> {
        let sql = format!(
            "{DECISION_SQL}
             WHERE d.team_id = ?1 AND d.state = 'made' AND d.made_at >= ?2
             ORDER BY d.made_at DESC, d.id DESC LIMIT ?3"
        );
        let mut stmt = self.cached(&sql)?;
        let rows = stmt.query_map(params![team, since, limit as i64], decision_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The decisions `meeting` may have made, for its minutes: those filed
    /// under it, and its team's decisions filed under no meeting and made
    /// about while it ran, not the team's whole history. The window is a
    /// day wider on each side, so that times written in another form (an
    /// import's) compare safely as text; `minutes::made_in` then keeps
    /// exactly those made while it ran.
    pub fn decisions_of_meeting(&self, meeting: &Meeting) -> Result<Vec<Decision>, StoreError> {
        let day = chrono::Duration::days(1);
        let from = meeting.started_at - day;
        let to = meeting.ended_at.map(|e| e.max(meeting.started_at) + day);
        let sql = format!(
            "{DECISION_SQL}
             WHERE d.team_id = ?1
               AND (d.meeting_id = ?2
                    OR (d.meeting_id IS NULL AND d.state IN ('made', 'superseded', 'withdrawn')
                        AND d.made_at >= ?3 AND d.made_at <= ?4))
             ORDER BY d.made_at, d.id"
        );
        let mut stmt = self.cached(&sql)?;
        let rows = stmt.query_map(params![meeting.team_id, meeting.id, from, to], decision_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn decision(&self, id: DecisionId) -> Result<Option<Decision>, StoreError> {
        let sql = format!("{DECISION_SQL} WHERE d.id = ?1");
        Ok(self
            .cached(&sql)?
            .query_row([id], decision_row)
            .optional()?)
    }
}
