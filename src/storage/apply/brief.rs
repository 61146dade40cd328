//! The strategy brief's lines: added to a team's (or the whole database's)
//! brief for a quarter, corrected, taken out.

use crate::storage::db::{OptionalExtension, params};

use super::{Applied, Writer, not_found};
use crate::domain::archive::BriefRecord;
use crate::domain::brief::{self, BriefEdit, NewBriefItem};
use crate::domain::{BriefItemId, BriefKind, Quarter, TeamId};
use crate::storage::StoreError;

/// A brief's lines of one kind: the whole database's brief has no team,
/// which `IS NOT DISTINCT FROM` matches as `=` matches a team's.
const SAME_BRIEF: &str =
    "team_id IS NOT DISTINCT FROM CAST(?1 AS BIGINT) AND quarter = ?2 AND kind = ?3";

impl Writer<'_> {
    pub(super) fn add_brief_item(&mut self, item: &NewBriefItem) -> Result<Applied, StoreError> {
        if let Some(team) = item.team {
            self.team_name(team)?;
        }
        if let Some(why) = self.brief_misfit(item)? {
            return Err(StoreError::Refused(why));
        }
        let owner = self.person(item.integrator.as_deref())?;
        let position: i64 = self.row(
            &format!("SELECT coalesce(max(position), 0) + 1 FROM brief_item WHERE {SAME_BRIEF}"),
            params![item.team, item.quarter, item.kind],
            |r| r.get(0),
        )?;
        let id = self.insert(
            "INSERT INTO brief_item (team_id, quarter, kind, position, text, detail, owner_id,
                     measure_id, objective_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id",
            params![
                item.team,
                item.quarter,
                item.kind,
                position,
                item.text.trim(),
                item.detail.trim(),
                owner,
                item.measure,
                item.objective,
                self.now
            ],
        )?;
        Ok(Applied::id(id))
    }

    pub(super) fn edit_brief_item(
        &mut self,
        item: BriefItemId,
        edit: &BriefEdit,
    ) -> Result<Applied, StoreError> {
        let (kind, _, _) = self.brief_line(item)?;
        brief::check_edit(kind, edit)?;
        let owner = self.person(edit.integrator.as_deref())?;
        self.exec(
            "UPDATE brief_item SET text = coalesce(?1, text), detail = coalesce(?2, detail),
                 owner_id = coalesce(?3, owner_id), updated_at = ?4
             WHERE id = ?5",
            params![
                edit.text.as_deref().map(str::trim),
                edit.detail.as_deref().map(str::trim),
                owner,
                self.now,
                item
            ],
        )?;
        Ok(Applied::id(item.0))
    }

    /// An objective goes with the measure lines that show it.
    pub(super) fn drop_brief_item(&mut self, item: BriefItemId) -> Result<Applied, StoreError> {
        self.brief_line(item)?;
        // Work that served it serves nothing now (an undo links it again).
        for table in [
            "initiative",
            "measure",
            "action_item",
            "offtrack",
            "decision",
        ] {
            self.exec(
                &format!("UPDATE {table} SET serves_id = NULL WHERE serves_id = ?1"),
                [item],
            )?;
        }
        self.exec("DELETE FROM brief_item WHERE objective_id = ?1", [item])?;
        self.exec("DELETE FROM brief_item WHERE id = ?1", [item])?;
        Ok(Applied::id(item.0))
    }

    /// Why `item` does not fit the brief it would join, or `None`: a team's
    /// brief names its own measures, a measure is there once under each
    /// objective, and a measure line shows an objective of its own brief.
    /// An import asks before it restores a line, to list a misfit as a
    /// conflict rather than fail.
    pub(in crate::storage) fn brief_misfit(
        &self,
        item: &NewBriefItem,
    ) -> Result<Option<String>, StoreError> {
        if let Some(measure) = item.measure {
            let of = self.measure_team(measure)?;
            if item.team.is_some_and(|t| t != of) {
                return Ok(Some(format!(
                    "measure #{measure} is another team's: a team's brief names its own measures"
                )));
            }
            let twice: Option<i64> = self
                .row(
                    &format!(
                        "SELECT id FROM brief_item WHERE {SAME_BRIEF} AND measure_id = ?4
                           AND objective_id IS NOT DISTINCT FROM CAST(?5 AS BIGINT)"
                    ),
                    params![item.team, item.quarter, item.kind, measure, item.objective],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(line) = twice {
                return Ok(Some(format!(
                    "measure #{measure} is there already, as line #{line} of the brief"
                )));
            }
        }
        if let Some(objective) = item.objective {
            let (kind, team, quarter) = self.brief_line(objective)?;
            if kind != BriefKind::Objective {
                return Ok(Some(format!("#{objective} is a {kind}, not an objective")));
            }
            if team != item.team || quarter != item.quarter {
                return Ok(Some(format!(
                    "objective #{objective} is in another brief ({quarter}): a measure shows an objective of its own brief"
                )));
            }
        }
        Ok(None)
    }

    /// A restored line (`Restore::BriefItem`), as exported: its row id (or
    /// a new one), uid, position, text and times; `line` is the record as
    /// the line a change would add, held to the same rules.
    pub(super) fn restore_brief_item(
        &mut self,
        id: Option<i64>,
        owner: Option<i64>,
        line: &NewBriefItem,
        b: &BriefRecord,
    ) -> Result<Applied, StoreError> {
        if let Some(why) = self.brief_misfit(line)? {
            return Err(StoreError::Refused(why));
        }
        let id = self.insert(
            "INSERT INTO brief_item (id, uid, team_id, quarter, kind, position, text, detail,
                     owner_id, measure_id, objective_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
            params![
                id,
                b.uid,
                line.team,
                line.quarter,
                line.kind,
                b.position,
                b.text,
                b.detail,
                owner,
                line.measure,
                line.objective,
                b.created_at,
                b.updated_at
            ],
        )?;
        Ok(Applied::id(id))
    }

    /// A line's kind and the brief it is in.
    fn brief_line(
        &self,
        item: BriefItemId,
    ) -> Result<(BriefKind, Option<TeamId>, Quarter), StoreError> {
        self.row(
            "SELECT kind, team_id, quarter FROM brief_item WHERE id = ?1",
            [item],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| not_found("brief line", item.0))
    }
}
