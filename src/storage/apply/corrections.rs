//! Corrections: the writes that fix a record entered wrong. Readings
//! cleared, action items, dependencies and decisions edited, dependencies
//! deleted, decisions withdrawn, people renamed or merged, teams deleted,
//! and a meeting's rating set after the fact.

use crate::storage::db::{OptionalExtension, params};
use chrono::NaiveDate;

use super::{Applied, Writer, not_found};
use crate::domain::change::{DecisionEdit, DependencyEdit, FieldEdit, TeamSide};
use crate::domain::{
    ActionId, DecisionId, DecisionState, DependencyId, MeasureId, MeetingId, PersonId, TeamId, Week,
};
use crate::storage::StoreError;
use crate::storage::names::{self, Named};

/// The tables that name a person as an owner.
const OWNER_TABLES: [&str; 8] = [
    "brief_item",
    "initiative",
    "milestone",
    "measure",
    "offtrack",
    "action_item",
    "dependency",
    "decision",
];

impl Writer<'_> {
    pub(super) fn clear_reading(
        &mut self,
        measure: MeasureId,
        week: Week,
    ) -> Result<Applied, StoreError> {
        self.measure_team(measure)?;
        let deleted = self.exec(
            "DELETE FROM reading WHERE measure_id = ?1 AND week = ?2",
            params![measure, week],
        )?;
        if deleted == 0 {
            return Err(StoreError::Refused(format!(
                "measure #{measure} has no reading for {week}"
            )));
        }
        self.evaluate_measure(measure)?;
        Ok(Applied::id(measure.0))
    }

    pub(super) fn edit_action(
        &mut self,
        action: ActionId,
        title: Option<&str>,
        owner: Option<&str>,
        due: Option<NaiveDate>,
    ) -> Result<Applied, StoreError> {
        self.current_state::<String>("action_item", "action item", action.0)?;
        let owner = self.person(owner)?;
        self.exec(
            "UPDATE action_item SET title = coalesce(?1, title), owner_id = coalesce(?2, owner_id),
                 due = coalesce(?3, due), updated_at = ?4
             WHERE id = ?5",
            params![title.map(str::trim), owner, due, self.now, action],
        )?;
        Ok(Applied::id(action.0))
    }

    pub(super) fn edit_dependency(
        &mut self,
        dependency: DependencyId,
        edit: &DependencyEdit,
    ) -> Result<Applied, StoreError> {
        type Side = (Option<TeamId>, Option<String>);
        let (mut needing, mut providing): (Side, Side) = self
            .row(
                "SELECT needing_team_id, needing_external, providing_team_id, providing_external
                 FROM dependency WHERE id = ?1",
                [dependency],
                |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))),
            )
            .optional()?
            .ok_or_else(|| not_found("dependency", dependency.0))?;
        let columns = |s: &TeamSide| (s.team, s.team.is_none().then(|| s.name.trim().to_string()));
        if let Some(side) = &edit.needing {
            needing = columns(side);
        }
        if let Some(side) = &edit.providing {
            providing = columns(side);
        }
        if needing.0.is_none() && providing.0.is_none() {
            return Err(StoreError::Refused(format!(
                "dependency #{dependency} needs at least one side that is a team in this database"
            )));
        }
        if needing.0.is_some() && needing.0 == providing.0 {
            return Err(StoreError::Refused(format!(
                "dependency #{dependency}: a team cannot depend on itself"
            )));
        }
        for team in [needing.0, providing.0].into_iter().flatten() {
            self.team_name(team)?;
        }
        let owner = self.person(edit.owner.as_deref())?;
        // (keep?, new value): a cleared field is kept = false, value NULL.
        let (keep_due, due) = field(&edit.needed_by);
        let (keep_note, note) = field(&edit.note);
        self.exec(
            "UPDATE dependency SET what = coalesce(?1, what), owner_id = coalesce(?2, owner_id),
                 needing_team_id = ?3, needing_external = ?4,
                 providing_team_id = ?5, providing_external = ?6,
                 needed_by = CASE WHEN CAST(?7 AS BIGINT) != 0 THEN needed_by ELSE ?8 END,
                 note = CASE WHEN CAST(?9 AS BIGINT) != 0 THEN note ELSE ?10 END,
                 updated_at = ?11
             WHERE id = ?12",
            params![
                edit.what.as_deref().map(str::trim),
                owner,
                needing.0,
                needing.1,
                providing.0,
                providing.1,
                keep_due,
                due,
                keep_note,
                note.map(|n| n.trim().to_string()),
                self.now,
                dependency
            ],
        )?;
        Ok(Applied::id(dependency.0))
    }

    pub(super) fn delete_dependency(
        &mut self,
        dependency: DependencyId,
    ) -> Result<Applied, StoreError> {
        let deleted = self.exec("DELETE FROM dependency WHERE id = ?1", [dependency])?;
        if deleted == 0 {
            return Err(not_found("dependency", dependency.0));
        }
        Ok(Applied::id(dependency.0))
    }

    pub(super) fn edit_decision(
        &mut self,
        decision: DecisionId,
        edit: &DecisionEdit,
    ) -> Result<Applied, StoreError> {
        let state: DecisionState = self.current_state("decision", "decision", decision.0)?;
        self.require_approval(decision)?;
        if edit.due.is_some() && state != DecisionState::Needed {
            return Err(StoreError::Refused(format!(
                "decision #{decision} is {state}: only a needed decision has a due date"
            )));
        }
        if edit.chosen.is_some()
            && matches!(state, DecisionState::Needed | DecisionState::Withdrawn)
        {
            return Err(StoreError::Refused(format!(
                "decision #{decision} is {state}: only a decision made has a chosen approach"
            )));
        }
        let owner = self.person(edit.owner.as_deref())?;
        let options = edit
            .options
            .as_ref()
            .map(|o| super::followups::options_json(o));
        self.exec(
            "UPDATE decision SET title = coalesce(?1, title), context = coalesce(?2, context),
                 options = coalesce(?3, options), chosen = coalesce(?4, chosen),
                 lane = coalesce(?5, lane), owner_id = coalesce(?6, owner_id),
                 due = coalesce(?7, due), updated_at = ?8
             WHERE id = ?9",
            params![
                edit.title.as_deref().map(str::trim),
                edit.context.as_deref().map(str::trim),
                options,
                edit.chosen.as_deref().map(str::trim),
                edit.lane,
                owner,
                edit.due,
                self.now,
                decision
            ],
        )?;
        Ok(Applied::id(decision.0))
    }

    pub(super) fn withdraw_decision(
        &mut self,
        decision: DecisionId,
    ) -> Result<Applied, StoreError> {
        let state: DecisionState = self.current_state("decision", "decision", decision.0)?;
        if state != DecisionState::Needed {
            return Err(StoreError::Refused(format!(
                "decision #{decision} is {state}: only a needed decision can be withdrawn"
            )));
        }
        self.exec(
            "UPDATE decision SET state = ?1, updated_at = ?2 WHERE id = ?3",
            params![DecisionState::Withdrawn, self.now, decision],
        )?;
        Ok(Applied::id(decision.0))
    }

    /// Returns the person who carries the name afterwards.
    pub(super) fn rename_person(&mut self, from: &str, to: &str) -> Result<Applied, StoreError> {
        let (from, to) = (&names::stored(from), &names::stored(to));
        let find = |w: &Self, name: &str, except: Option<PersonId>| {
            names::find(w.tx, Named::Person, name, except.map(|p| p.0))
                .map(|found| found.map(|(id, _)| PersonId(id)))
        };
        let old = find(self, from, None)?
            .ok_or_else(|| StoreError::Refused(format!("there is no person '{from}'")))?;
        match find(self, to, Some(old))? {
            Some(new) if new != old => {
                for table in OWNER_TABLES {
                    self.exec(
                        &format!("UPDATE {table} SET owner_id = ?1 WHERE owner_id = ?2"),
                        params![new, old],
                    )?;
                }
                // A meeting both attended keeps one row, the new one's.
                self.exec(
                    "UPDATE meeting_attendee SET person_id = ?1
                     WHERE person_id = ?2 AND NOT EXISTS (
                         SELECT 1 FROM meeting_attendee o
                          WHERE o.meeting_id = meeting_attendee.meeting_id AND o.person_id = ?1)",
                    params![new, old],
                )?;
                self.exec("DELETE FROM meeting_attendee WHERE person_id = ?1", [old])?;
                // On an initiative both were on, their shares add up (the
                // plan flags a total past their time).
                self.exec(
                    "UPDATE initiative_person
                        SET share = CASE WHEN initiative_person.share + o.share > 100 THEN 100
                                         ELSE initiative_person.share + o.share END
                       FROM initiative_person o
                      WHERE initiative_person.person_id = ?1 AND o.person_id = ?2
                        AND o.initiative_id = initiative_person.initiative_id",
                    params![new, old],
                )?;
                self.exec(
                    "UPDATE initiative_person SET person_id = ?1
                     WHERE person_id = ?2 AND NOT EXISTS (
                         SELECT 1 FROM initiative_person o
                          WHERE o.initiative_id = initiative_person.initiative_id AND o.person_id = ?1)",
                    params![new, old],
                )?;
                self.exec("DELETE FROM initiative_person WHERE person_id = ?1", [old])?;
                self.exec("DELETE FROM person WHERE id = ?1", [old])?;
                Ok(Applied::id(new.0))
            }
            _ => {
                self.exec(
                    "UPDATE person SET name = ?1 WHERE id = ?2",
                    params![to, old],
                )?;
                Ok(Applied::id(old.0))
            }
        }
    }

    /// Children first, so every foreign key holds at each step.
    pub(super) fn delete_team(&mut self, team: TeamId) -> Result<Applied, StoreError> {
        self.team_name(team)?;
        let meetings = "SELECT id FROM meeting WHERE team_id = ?1";
        let initiatives = "SELECT id FROM initiative WHERE team_id = ?1";
        for sql in [
            // Its links to its brief, which goes before the work.
            "UPDATE measure SET serves_id = NULL WHERE team_id = ?1 AND serves_id IS NOT NULL".into(),
            "UPDATE action_item SET serves_id = NULL WHERE team_id = ?1 AND serves_id IS NOT NULL".into(),
            "UPDATE offtrack SET serves_id = NULL WHERE team_id = ?1 AND serves_id IS NOT NULL".into(),
            "UPDATE decision SET serves_id = NULL WHERE team_id = ?1 AND serves_id IS NOT NULL".into(),
            // Its plan.
            format!("DELETE FROM milestone WHERE initiative_id IN ({initiatives})"),
            format!("DELETE FROM initiative_person WHERE initiative_id IN ({initiatives})"),
            "DELETE FROM initiative WHERE team_id = ?1".into(),
            "DELETE FROM flex_draw WHERE team_id = ?1".into(),
            "DELETE FROM trigger_episode WHERE trigger_id IN
                 (SELECT id FROM trigger_rule WHERE team_id = ?1)"
                .into(),
            "DELETE FROM trigger_rule WHERE team_id = ?1".into(),
            // Its brief's lines, and the lines of the whole database's
            // brief that name its measures.
            "DELETE FROM brief_item WHERE measure_id IN (SELECT id FROM measure WHERE team_id = ?1)"
                .into(),
            "DELETE FROM brief_item WHERE team_id = ?1".into(),
            format!("DELETE FROM meeting_attendee WHERE meeting_id IN ({meetings})"),
            format!("DELETE FROM meeting_section WHERE meeting_id IN ({meetings})"),
            "DELETE FROM decision WHERE team_id = ?1".into(),
            "DELETE FROM meeting WHERE team_id = ?1".into(),
            "DELETE FROM reading WHERE measure_id IN (SELECT id FROM measure WHERE team_id = ?1)"
                .into(),
            "DELETE FROM offtrack WHERE team_id = ?1".into(),
            "DELETE FROM action_item WHERE team_id = ?1".into(),
            "DELETE FROM dependency WHERE needing_team_id = ?1 OR providing_team_id = ?1".into(),
            "DELETE FROM measure WHERE team_id = ?1".into(),
            "DELETE FROM agenda_section WHERE team_id = ?1".into(),
            "DELETE FROM team WHERE id = ?1".into(),
        ] {
            self.exec(&sql, [team])?;
        }
        Ok(Applied::id(team.0))
    }

    pub(super) fn set_meeting_rating(
        &mut self,
        meeting: MeetingId,
        rating: u8,
    ) -> Result<Applied, StoreError> {
        let updated = self.exec(
            "UPDATE meeting SET rating = ?1 WHERE id = ?2",
            params![rating, meeting],
        )?;
        if updated == 0 {
            return Err(not_found("meeting", meeting.0));
        }
        Ok(Applied::id(meeting.0))
    }
}

/// (keep the stored value?, the new value).
fn field<T: Clone>(edit: &FieldEdit<T>) -> (bool, Option<T>) {
    match edit {
        FieldEdit::Keep => (true, None),
        FieldEdit::Set(v) => (false, Some(v.clone())),
        FieldEdit::Clear => (false, None),
    }
}
