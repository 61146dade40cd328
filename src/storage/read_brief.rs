//! The strategy brief as read: one brief's lines in order (choices,
//! objectives, exclusions, then measures), and the quarters a brief has.

use crate::storage::db::{OptionalExtension, params};

use crate::domain::brief::{Brief, BriefItem};
use crate::domain::{BriefKind, Quarter, TeamId};

use super::{Store, StoreError};

/// The brief a team (or, with `None`, the whole database) has; the store's
/// text for "the same team" (see `apply::brief`).
const SAME_BRIEF: &str = "b.team_id IS NOT DISTINCT FROM CAST(?1 AS BIGINT)";

impl Store {
    /// The brief of `team` (the whole database's with `None`) for
    /// `quarter`; empty when it has no lines yet.
    pub fn brief(&self, team: Option<TeamId>, quarter: Quarter) -> Result<Brief, StoreError> {
        let name = match team {
            Some(t) => Some(
                self.conn
                    .prepare_cached("SELECT name FROM team WHERE id = ?1")?
                    .query_row([t], |r| r.get(0))
                    .optional()?
                    .ok_or(StoreError::NotFound {
                        what: "team",
                        id: t.0,
                    })?,
            ),
            None => None,
        };
        let items = self
            .conn
            .prepare_cached(&format!(
                "SELECT b.id, b.kind, b.text, b.detail, p.name, m.name, b.objective_id, b.measure_id
                 FROM brief_item b
                 LEFT JOIN person p ON p.id = b.owner_id
                 LEFT JOIN measure m ON m.id = b.measure_id
                 WHERE {SAME_BRIEF} AND b.quarter = ?2
                 ORDER BY CASE b.kind WHEN 'choice' THEN 1 WHEN 'objective' THEN 2
                          WHEN 'exclusion' THEN 3 ELSE 4 END, b.position, b.id"
            ))?
            .query_map(params![team, quarter], |r| {
                Ok(BriefItem {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    text: r.get(2)?,
                    detail: r.get(3)?,
                    integrator: r.get(4)?,
                    measure: r.get(5)?,
                    objective: r.get(6)?,
                    measure_id: r.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Brief {
            team: name,
            quarter,
            items,
        })
    }

    /// The choices and objectives of `team`'s brief and the whole
    /// database's for `quarter`, choices first: what work may serve.
    pub fn serve_lines(
        &self,
        team: TeamId,
        quarter: Quarter,
    ) -> Result<Vec<crate::domain::altitude::Line>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT b.id, b.kind, b.text FROM brief_item b
                 WHERE (b.team_id = ?1 OR b.team_id IS NULL) AND b.quarter = ?2
                   AND b.kind IN ('choice', 'objective')
                 ORDER BY b.team_id IS NULL, b.kind, b.position, b.id",
            )?
            .query_map(params![team, quarter], |r| {
                Ok(crate::domain::altitude::Line {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    text: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?)
    }

    /// The quarters `team`'s brief (the whole database's with `None`) has
    /// lines in, newest first.
    pub fn brief_quarters(&self, team: Option<TeamId>) -> Result<Vec<Quarter>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT DISTINCT b.quarter FROM brief_item b WHERE {SAME_BRIEF}
                 ORDER BY b.quarter DESC"
            ))?
            .query_map(params![team], |r| r.get(0))?
            .collect::<Result<Vec<_>, _>>()?)
    }

    /// A line's kind and whose brief it is in, if there is such a line.
    pub fn brief_line(
        &self,
        item: crate::domain::BriefItemId,
    ) -> Result<Option<(BriefKind, Option<TeamId>)>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT kind, team_id FROM brief_item WHERE id = ?1")?
            .query_row([item], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }
}
