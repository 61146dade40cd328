//! Writes to the follow-ups: action items, off-track items, dependencies,
//! decisions and meetings.

use crate::storage::db::{OptionalExtension, params};
use chrono::NaiveDate;

use super::{Applied, Writer, duplicate, not_found};
use crate::domain::change::{
    NewAction, NewDecision, NewDependency, NewMeeting, NewOffTrack, TeamSide,
};
use crate::domain::{
    ActionId, ActionState, DecisionId, DecisionState, DepStatus, DependencyId, ItemState,
    OffTrackId, TeamId,
};
use crate::storage::StoreError;

impl Writer<'_> {
    pub(super) fn add_action(&mut self, a: &NewAction) -> Result<Applied, StoreError> {
        let now = self.now;
        self.team_name(a.team)?;
        let owner = self.person(a.owner.as_deref())?;
        let source_id = a.source_id.map(|r| self.resolve(r)).transpose()?;
        let id = self.insert(
            "INSERT INTO action_item (team_id, title, owner_id, due, state, source,
                     source_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?7, ?7) RETURNING id",
            params![
                a.team,
                a.title.trim(),
                owner,
                a.due,
                a.source,
                source_id,
                now
            ],
        )?;
        Ok(Applied::id(id))
    }

    pub(super) fn set_action_state(
        &mut self,
        action: &ActionId,
        state: &ActionState,
    ) -> Result<Applied, StoreError> {
        let now = self.now;
        let current: ActionState = self.current_state("action_item", "action item", action.0)?;
        if current == *state {
            return Err(StoreError::Refused(format!(
                "action item #{action} is already {state}"
            )));
        }
        let closed = (*state != ActionState::Open).then_some(now);
        self.exec(
            "UPDATE action_item SET state = ?1, closed_at = ?2, updated_at = ?3 WHERE id = ?4",
            params![state, closed, now, action],
        )?;
        Ok(Applied::id(action.0))
    }

    pub(super) fn add_offtrack(&mut self, o: &NewOffTrack) -> Result<Applied, StoreError> {
        let now = self.now;
        self.team_name(o.team)?;
        if let Some(m) = o.measure
            && self.measure_team(m)? != o.team
        {
            return Err(StoreError::Refused(format!(
                "measure #{m} belongs to another team"
            )));
        }
        let owner = self.person(o.owner.as_deref())?;
        let id = self.insert(
            "INSERT INTO offtrack (team_id, measure_id, title, owner_id, why, change, state,
                     raised_week, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8, ?8) RETURNING id",
            params![
                o.team,
                o.measure,
                o.title.trim(),
                owner,
                o.why.trim(),
                o.change.trim(),
                o.raised_week,
                now
            ],
        )?;
        Ok(Applied::id(id))
    }

    pub(super) fn set_offtrack_state(
        &mut self,
        item: &OffTrackId,
        state: &ItemState,
    ) -> Result<Applied, StoreError> {
        let now = self.now;
        let current: ItemState = self.current_state("offtrack", "off-track item", item.0)?;
        if current == *state {
            return Err(StoreError::Refused(format!(
                "off-track item #{item} is already {state}"
            )));
        }
        self.exec(
            "UPDATE offtrack SET state = ?1, updated_at = ?2 WHERE id = ?3",
            params![state, now, item],
        )?;
        Ok(Applied::id(item.0))
    }

    pub(super) fn add_dependency(&mut self, d: &NewDependency) -> Result<Applied, StoreError> {
        let side = |s: &TeamSide| (s.team, s.team.is_none().then(|| s.name.trim().to_string()));
        let (needing, needing_ext) = side(&d.needing);
        let (providing, providing_ext) = side(&d.providing);
        for team in [needing, providing].into_iter().flatten() {
            self.team_name(team)?;
        }
        let owner = self.person(d.owner.as_deref())?;
        let id = self.insert(
            "INSERT INTO dependency (needing_team_id, needing_external, providing_team_id,
                 providing_external, what, owner_id, needed_by, status, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id",
            params![
                needing,
                needing_ext,
                providing,
                providing_ext,
                d.what.trim(),
                owner,
                d.needed_by,
                d.status,
                d.note.as_deref().map(str::trim),
                self.now
            ],
        )?;
        Ok(Applied::id(id))
    }

    pub(super) fn update_dependency(
        &mut self,
        dependency: &DependencyId,
        status: &Option<DepStatus>,
        needed_by: &Option<NaiveDate>,
        owner: &Option<String>,
        note: &Option<String>,
    ) -> Result<Applied, StoreError> {
        let now = self.now;
        let exists: Option<i64> = self
            .row(
                "SELECT id FROM dependency WHERE id = ?1",
                [dependency],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Err(not_found("dependency", dependency.0));
        }
        let owner = self.person(owner.as_deref())?;
        self.exec(
            "UPDATE dependency SET status = coalesce(?1, status),
                     needed_by = coalesce(?2, needed_by), owner_id = coalesce(?3, owner_id),
                     note = coalesce(?4, note), updated_at = ?5
                 WHERE id = ?6",
            params![
                status,
                needed_by,
                owner,
                note.as_deref().map(str::trim),
                now,
                dependency
            ],
        )?;
        Ok(Applied::id(dependency.0))
    }

    pub(super) fn add_decision(&mut self, d: &NewDecision) -> Result<Applied, StoreError> {
        self.team_name(d.team)?;
        let owner = self.person(d.owner.as_deref())?;
        let (state, made_at, due) = if d.made {
            (DecisionState::Made, Some(self.now), None)
        } else {
            (DecisionState::Needed, None, d.due)
        };
        let id = self.insert(
            "INSERT INTO decision (team_id, title, context, options, chosen, owner_id, lane, state,
                 due, made_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) RETURNING id",
            params![
                d.team,
                d.title.trim(),
                d.context.trim(),
                options_json(&d.options),
                d.chosen.trim(),
                owner,
                d.lane,
                state,
                due,
                made_at,
                self.now
            ],
        )?;
        Ok(Applied::id(id))
    }

    pub(super) fn decide(
        &mut self,
        decision: &DecisionId,
        chosen: &str,
        owner: &Option<String>,
        context: &Option<String>,
        options: &Option<Vec<String>>,
    ) -> Result<Applied, StoreError> {
        let now = self.now;
        let state: DecisionState = self.current_state("decision", "decision", decision.0)?;
        if state != DecisionState::Needed {
            return Err(StoreError::Refused(format!(
                "decision #{decision} is already {state}: only a needed decision can be decided"
            )));
        }
        let owner = self.person(owner.as_deref())?;
        let options = options.as_ref().map(|o| options_json(o));
        self.exec(
            "UPDATE decision SET state = 'made', chosen = ?1, owner_id = coalesce(?2, owner_id),
                     context = coalesce(?3, context), options = coalesce(?4, options),
                     made_at = ?5, due = NULL, updated_at = ?5
                 WHERE id = ?6",
            params![
                chosen.trim(),
                owner,
                context.as_deref().map(str::trim),
                options,
                now,
                decision
            ],
        )?;
        Ok(Applied::id(decision.0))
    }

    pub(super) fn supersede(
        &mut self,
        old: &DecisionId,
        new: &DecisionId,
    ) -> Result<Applied, StoreError> {
        let now = self.now;
        let old_state: DecisionState = self.current_state("decision", "decision", old.0)?;
        let new_state: DecisionState = self.current_state("decision", "decision", new.0)?;
        if old_state == DecisionState::Superseded {
            return Err(StoreError::Refused(format!(
                "decision #{old} is already superseded"
            )));
        }
        // What replaces a decision the team acts on must itself be decided,
        // or the made one would vanish behind a question.
        if old_state == DecisionState::Made && new_state != DecisionState::Made {
            return Err(StoreError::Refused(format!(
                "decision #{new} is {}: a made decision (#{old}) can only be superseded by a made one",
                new_state.as_str()
            )));
        }
        self.require_approval(*old)?;
        // Both exist (checked above). A decision records one
        // `supersedes`: overwriting it would orphan the earlier one.
        let (old_team, new_team, earlier): (TeamId, TeamId, Option<i64>) = self.row(
            "SELECT o.team_id, n.team_id, n.supersedes_id
                 FROM decision o, decision n WHERE o.id = ?1 AND n.id = ?2",
            params![old, new],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if old_team != new_team {
            return Err(StoreError::Refused(format!(
                "decisions #{old} and #{new} belong to different teams"
            )));
        }
        if let Some(earlier) = earlier.filter(|e| *e != old.0) {
            return Err(StoreError::Refused(format!(
                "decision #{new} already supersedes #{earlier}"
            )));
        }
        self.exec(
            "UPDATE decision SET state = 'superseded', updated_at = ?1 WHERE id = ?2",
            params![now, old],
        )?;
        self.exec(
            "UPDATE decision SET supersedes_id = ?1, updated_at = ?2 WHERE id = ?3",
            params![old, now, new],
        )?;
        Ok(Applied::id(new.0))
    }

    pub(super) fn add_meeting(&mut self, m: &NewMeeting) -> Result<Applied, StoreError> {
        self.team_name(m.team)?;
        let clash: Option<i64> = self
            .row(
                "SELECT id FROM meeting WHERE team_id = ?1 AND kind = ?2 AND week = ?3",
                params![m.team, m.kind, m.week],
                |r| r.get(0),
            )
            .optional()?;
        if clash.is_some() {
            let name = format!("{} {}", m.kind, m.week);
            return Err(duplicate("meeting", &name, &name));
        }
        let snapshot = match &m.snapshot {
            Some(s) => {
                Some(serde_json::to_string(s).map_err(|e| StoreError::Refused(e.to_string()))?)
            }
            None => None,
        };
        let id = self.insert(
            "INSERT INTO meeting (team_id, kind, week, started_at, ended_at, current_section,
                 rating, snapshot, missing_at_start, commitments_done, commitments_due)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
            params![
                m.team,
                m.kind,
                m.week,
                m.started_at,
                m.ended_at,
                m.current_section,
                m.rating,
                snapshot,
                m.health.missing_at_start,
                m.health.commitments.map(|c| c.0),
                m.health.commitments.map(|c| c.1)
            ],
        )?;
        let meeting = id;
        let mut people = Vec::new();
        for name in &m.attendees {
            people.extend(self.person(Some(name))?.map(|p| p.0));
        }
        let sections = m.sections.iter().map(|s| {
            (
                s.name.as_str(),
                i64::from(s.minutes),
                i64::from(s.seconds_spent),
                s.kind.to_string(),
            )
        });
        self.add_sections_and_attendees(meeting, sections, &people)?;
        Ok(Applied::id(meeting))
    }

    /// A past meeting's sections, in agenda order (name, minutes, seconds
    /// spent, section kind), and the people who attended.
    pub(super) fn add_sections_and_attendees<'s>(
        &self,
        meeting: i64,
        sections: impl IntoIterator<Item = (&'s str, i64, i64, String)>,
        people: &[i64],
    ) -> Result<(), StoreError> {
        for (i, (name, minutes, seconds, section)) in sections.into_iter().enumerate() {
            self.exec(
                "INSERT INTO meeting_section
                     (meeting_id, position, name, minutes, seconds_spent, section)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![meeting, i as i64, name, minutes, seconds, section],
            )?;
        }
        for person in people {
            self.exec(
                "INSERT INTO meeting_attendee (meeting_id, person_id) VALUES (?1, ?2)
                 ON CONFLICT DO NOTHING",
                params![meeting, person],
            )?;
        }
        Ok(())
    }
}

pub(super) fn options_json(options: &[String]) -> String {
    serde_json::Value::from(options.iter().map(|o| o.trim()).collect::<Vec<_>>()).to_string()
}
