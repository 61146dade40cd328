//! The operating plan's writes: initiatives and the people on them,
//! milestones and their phases, the decision owner named for one stuck in
//! *decide*, and the flexible pool's share, draws and post-mortems.

use crate::storage::db::{OptionalExtension, params};

use super::{Applied, Writer, not_found};
use crate::domain::change::{FieldEdit, RowRef};
use crate::domain::plan::{
    self, InitiativeEdit, MilestoneEdit, NewFlexDraw, NewInitiative, NewMilestone, PostMortem,
};
use crate::domain::{
    BriefItemId, BriefKind, FlexDrawId, InitiativeId, MilestoneId, Month, Phase, PlanState,
    Serving, TeamId,
};
use crate::storage::StoreError;
use crate::storage::names::{self, Named};

impl Writer<'_> {
    pub(super) fn add_initiative(&mut self, i: &NewInitiative) -> Result<Applied, StoreError> {
        self.team_name(i.team)?;
        if let Some(line) = i.serves {
            self.check_serves(i.team, line)?;
        }
        let owner = self.person(i.owner.as_deref())?;
        let id = self.insert(
            "INSERT INTO initiative (team_id, title, owner_id, serves_id, start_month, end_month,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id",
            params![
                i.team,
                i.title.trim(),
                owner,
                i.serves,
                i.start,
                i.end,
                self.now
            ],
        )?;
        Ok(Applied::id(id))
    }

    pub(super) fn edit_initiative(
        &mut self,
        initiative: InitiativeId,
        edit: &InitiativeEdit,
    ) -> Result<Applied, StoreError> {
        let (team, start, end, _) = self.initiative(initiative)?;
        let start = edit.start.unwrap_or(start);
        let end = match &edit.end {
            FieldEdit::Keep => end,
            FieldEdit::Set(m) => Some(*m),
            FieldEdit::Clear => None,
        };
        plan::check_span(start, end)?;
        if let FieldEdit::Set(line) = edit.serves {
            self.check_serves(team, line)?;
        }
        let owner = self.person(edit.owner.as_deref())?;
        let (keep_serves, serves) = match edit.serves {
            FieldEdit::Keep => (true, None),
            FieldEdit::Set(l) => (false, Some(l)),
            FieldEdit::Clear => (false, None),
        };
        self.exec(
            "UPDATE initiative SET title = coalesce(?1, title), owner_id = coalesce(?2, owner_id),
                 serves_id = CASE WHEN CAST(?3 AS BIGINT) != 0 THEN serves_id
                                  ELSE CAST(?4 AS BIGINT) END,
                 start_month = ?5, end_month = ?6, updated_at = ?7
             WHERE id = ?8",
            params![
                edit.title.as_deref().map(str::trim),
                owner,
                keep_serves,
                serves,
                start,
                end,
                self.now,
                initiative
            ],
        )?;
        Ok(Applied::id(initiative.0))
    }

    /// Closing one, done or not, asks what was learned: a note is needed.
    pub(super) fn set_initiative_state(
        &mut self,
        initiative: InitiativeId,
        state: PlanState,
        note: Option<&str>,
    ) -> Result<Applied, StoreError> {
        let (_, _, _, was) = self.initiative(initiative)?;
        let note = closing_note("initiative", initiative.0, was, state, note)?;
        self.exec(
            "UPDATE initiative SET state = ?1, note = coalesce(?2, note), updated_at = ?3
             WHERE id = ?4",
            params![state, note, self.now, initiative],
        )?;
        Ok(Applied::id(initiative.0))
    }

    pub(super) fn assign_person(
        &mut self,
        initiative: InitiativeId,
        person: &str,
        share: u8,
    ) -> Result<Applied, StoreError> {
        self.initiative(initiative)?;
        if share == 0 {
            let found = names::find(self.tx, Named::Person, &names::stored(person), None)?;
            let Some((id, _)) = found else {
                return Err(StoreError::Refused(format!(
                    "there is no person '{person}'"
                )));
            };
            let removed = self.exec(
                "DELETE FROM initiative_person WHERE initiative_id = ?1 AND person_id = ?2",
                params![initiative, id],
            )?;
            if removed == 0 {
                return Err(StoreError::Refused(format!(
                    "'{person}' is not on initiative #{initiative}"
                )));
            }
            return Ok(Applied::id(initiative.0));
        }
        let id = self.person(Some(person))?;
        self.exec(
            "INSERT INTO initiative_person (initiative_id, person_id, share) VALUES (?1, ?2, ?3)
             ON CONFLICT (initiative_id, person_id) DO UPDATE SET share = excluded.share",
            params![initiative, id, share],
        )?;
        Ok(Applied::id(initiative.0))
    }

    pub(super) fn add_milestone(&mut self, m: &NewMilestone) -> Result<Applied, StoreError> {
        let (_, _, _, state) = self.initiative(m.initiative)?;
        if state != PlanState::Open {
            return Err(StoreError::Refused(format!(
                "initiative #{} is {state}: open it again to add a milestone",
                m.initiative
            )));
        }
        let owner = self.person(m.owner.as_deref())?;
        let id = self.insert(
            "INSERT INTO milestone (initiative_id, title, owner_id, month, phase, phase_since,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6) RETURNING id",
            params![
                m.initiative,
                m.title.trim(),
                owner,
                m.month,
                m.phase,
                self.now
            ],
        )?;
        Ok(Applied::id(id))
    }

    pub(super) fn edit_milestone(
        &mut self,
        milestone: MilestoneId,
        edit: &MilestoneEdit,
    ) -> Result<Applied, StoreError> {
        self.milestone(milestone)?;
        let owner = self.person(edit.owner.as_deref())?;
        self.exec(
            "UPDATE milestone SET title = coalesce(?1, title), owner_id = coalesce(?2, owner_id),
                 month = coalesce(?3, month), updated_at = ?4
             WHERE id = ?5",
            params![
                edit.title.as_deref().map(str::trim),
                owner,
                edit.month,
                self.now,
                milestone
            ],
        )?;
        Ok(Applied::id(milestone.0))
    }

    /// A new phase starts its clock again: the decide rule counts the days
    /// since a milestone entered *decide*.
    pub(super) fn move_milestone(
        &mut self,
        milestone: MilestoneId,
        phase: Phase,
    ) -> Result<Applied, StoreError> {
        let (was, _) = self.milestone(milestone)?;
        if was == phase {
            return Err(StoreError::Refused(format!(
                "milestone #{milestone} is in {phase} already"
            )));
        }
        self.exec(
            "UPDATE milestone SET phase = ?1, phase_since = ?2, updated_at = ?2 WHERE id = ?3",
            params![phase, self.now, milestone],
        )?;
        Ok(Applied::id(milestone.0))
    }

    pub(super) fn set_milestone_state(
        &mut self,
        milestone: MilestoneId,
        state: PlanState,
        note: Option<&str>,
    ) -> Result<Applied, StoreError> {
        let (_, was) = self.milestone(milestone)?;
        // Done is its own answer; stopping one says why.
        let note = if state == PlanState::Done && was != state {
            note.map(str::trim).filter(|n| !n.is_empty())
        } else {
            closing_note("milestone", milestone.0, was, state, note)?
        };
        self.exec(
            "UPDATE milestone SET state = ?1, note = coalesce(?2, note), updated_at = ?3
             WHERE id = ?4",
            params![state, note, self.now, milestone],
        )?;
        Ok(Applied::id(milestone.0))
    }

    /// The decision must be the same team's.
    pub(super) fn link_milestone_decision(
        &mut self,
        milestone: MilestoneId,
        decision: RowRef,
    ) -> Result<Applied, StoreError> {
        let decision = self.resolve(decision)?;
        let team: Option<TeamId> = self
            .row(
                "SELECT i.team_id FROM milestone m JOIN initiative i ON i.id = m.initiative_id
                 WHERE m.id = ?1",
                [milestone],
                |r| r.get(0),
            )
            .optional()?;
        let team = team.ok_or_else(|| not_found("milestone", milestone.0))?;
        let of: Option<TeamId> = self
            .row(
                "SELECT team_id FROM decision WHERE id = ?1",
                [decision],
                |r| r.get(0),
            )
            .optional()?;
        match of {
            None => return Err(not_found("decision", decision)),
            Some(t) if t != team => {
                return Err(StoreError::Refused(format!(
                    "decision #{decision} is another team's than milestone #{milestone}"
                )));
            }
            Some(_) => {}
        }
        self.exec(
            "UPDATE milestone SET decision_id = ?1, updated_at = ?2 WHERE id = ?3",
            params![decision, self.now, milestone],
        )?;
        Ok(Applied::id(milestone.0))
    }

    pub(super) fn set_flex_share(
        &mut self,
        team: TeamId,
        share: u8,
    ) -> Result<Applied, StoreError> {
        self.team_name(team)?;
        self.exec(
            "UPDATE team SET flex_share = ?1 WHERE id = ?2",
            params![share, team],
        )?;
        Ok(Applied::id(team.0))
    }

    pub(super) fn draw_flex(&mut self, d: &NewFlexDraw) -> Result<Applied, StoreError> {
        self.team_name(d.team)?;
        let id = self.insert(
            "INSERT INTO flex_draw (team_id, why, drawn_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id",
            params![d.team, d.why.trim(), d.on, self.now],
        )?;
        Ok(Applied::id(id))
    }

    pub(super) fn write_post_mortem(
        &mut self,
        draw: FlexDrawId,
        pm: &PostMortem,
    ) -> Result<Applied, StoreError> {
        let updated = self.exec(
            "UPDATE flex_draw SET pm_what = ?1, pm_factors = ?2, pm_change = ?3, updated_at = ?4
             WHERE id = ?5",
            params![
                pm.what.trim(),
                pm.factors.trim(),
                pm.change.trim(),
                self.now,
                draw
            ],
        )?;
        if updated == 0 {
            return Err(not_found("flex draw", draw.0));
        }
        Ok(Applied::id(draw.0))
    }

    /// Links (or, with `None`, unlinks) a record of the weekly work to the
    /// choice or objective it serves, of its own team's brief or the whole
    /// database's.
    pub(super) fn serve(
        &mut self,
        kind: Serving,
        record: RowRef,
        line: Option<BriefItemId>,
    ) -> Result<Applied, StoreError> {
        let id = self.resolve(record)?;
        let (table, what) = match kind {
            Serving::Measure => ("measure", "measure"),
            Serving::Action => ("action_item", "action item"),
            Serving::OffTrack => ("offtrack", "off-track item"),
            Serving::Decision => ("decision", "decision"),
        };
        let team: Option<TeamId> = self
            .row(
                &format!("SELECT team_id FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let team = team.ok_or_else(|| not_found(what, id))?;
        if let Some(line) = line {
            self.check_serves(team, line)?;
        }
        self.exec(
            &format!("UPDATE {table} SET serves_id = ?1 WHERE id = ?2"),
            params![line, id],
        )?;
        Ok(Applied::id(id))
    }

    /// An initiative serves a choice or an objective of its own team's
    /// brief or the whole database's.
    fn check_serves(&self, team: TeamId, line: BriefItemId) -> Result<(), StoreError> {
        let found: Option<(BriefKind, Option<TeamId>)> = self
            .row(
                "SELECT kind, team_id FROM brief_item WHERE id = ?1",
                [line],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (kind, of) = found.ok_or_else(|| not_found("brief line", line.0))?;
        if !matches!(kind, BriefKind::Choice | BriefKind::Objective) {
            return Err(StoreError::Refused(format!(
                "brief line #{line} is a {kind}: work serves a choice or an objective"
            )));
        }
        if of.is_some_and(|t| t != team) {
            return Err(StoreError::Refused(format!(
                "brief line #{line} is another team's brief: work serves its own team's or the whole database's"
            )));
        }
        Ok(())
    }

    /// An initiative's team, span and state.
    fn initiative(
        &self,
        id: InitiativeId,
    ) -> Result<(TeamId, Month, Option<Month>, PlanState), StoreError> {
        self.row(
            "SELECT team_id, start_month, end_month, state FROM initiative WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| not_found("initiative", id.0))
    }

    /// A milestone's phase and state.
    fn milestone(&self, id: MilestoneId) -> Result<(Phase, PlanState), StoreError> {
        self.row(
            "SELECT phase, state FROM milestone WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| not_found("milestone", id.0))
    }
}

/// The note a state change keeps: closing without a note is refused, and
/// a change to the state it is in already says so.
fn closing_note<'n>(
    what: &str,
    id: i64,
    was: PlanState,
    state: PlanState,
    note: Option<&'n str>,
) -> Result<Option<&'n str>, StoreError> {
    if was == state {
        return Err(StoreError::Refused(format!(
            "{what} #{id} is {state} already"
        )));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if state != PlanState::Open && note.is_none() {
        return Err(StoreError::Refused(format!(
            "closing {what} #{id} asks what was learned: add a note (--note)"
        )));
    }
    Ok(note)
}
