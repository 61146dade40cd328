//! The queries corrections need: who owns something, and everything a team
//! holds (to say what deleting it would delete).

use serde::Serialize;

use crate::domain::{Person, TeamId};

use super::{Store, StoreError};

/// How many records of each kind belong to a team.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TeamFootprint {
    pub measures: i64,
    pub readings: i64,
    pub offtrack: i64,
    pub actions: i64,
    pub dependencies: i64,
    pub decisions: i64,
    pub meetings: i64,
}

impl Store {
    /// The people named as the owner of a measure, an off-track item, an
    /// action item, a dependency or a decision.
    pub fn owners(&self) -> Result<Vec<Person>, StoreError> {
        self.people_where(&format!(
            "SELECT id, name FROM person p
             WHERE EXISTS (SELECT 1 FROM measure WHERE owner_id = p.id)
                OR EXISTS (SELECT 1 FROM offtrack WHERE owner_id = p.id)
                OR EXISTS (SELECT 1 FROM action_item WHERE owner_id = p.id)
                OR EXISTS (SELECT 1 FROM dependency WHERE owner_id = p.id)
                OR EXISTS (SELECT 1 FROM decision WHERE owner_id = p.id)
             ORDER BY {}",
            self.conn.dialect().nocase("name")
        ))
    }

    pub fn team_footprint(&self, team: TeamId) -> Result<TeamFootprint, StoreError> {
        let count = |sql: &str| -> Result<i64, StoreError> {
            Ok(self.cached(sql)?.query_row([team], |r| r.get(0))?)
        };
        Ok(TeamFootprint {
            measures: count("SELECT count(*) FROM measure WHERE team_id = ?1")?,
            readings: count(
                "SELECT count(*) FROM reading
                 WHERE measure_id IN (SELECT id FROM measure WHERE team_id = ?1)",
            )?,
            offtrack: count("SELECT count(*) FROM offtrack WHERE team_id = ?1")?,
            actions: count("SELECT count(*) FROM action_item WHERE team_id = ?1")?,
            dependencies: count(
                "SELECT count(*) FROM dependency
                 WHERE needing_team_id = ?1 OR providing_team_id = ?1",
            )?,
            decisions: count("SELECT count(*) FROM decision WHERE team_id = ?1")?,
            meetings: count("SELECT count(*) FROM meeting WHERE team_id = ?1")?,
        })
    }
}
