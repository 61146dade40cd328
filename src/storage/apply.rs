//! Applying `Change`s. A `Writer` lives inside one IMMEDIATE transaction
//! (see `Store::write`); each change checks what it refers to and is refused
//! with a message, never half-applied.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::domain::change::{MeasureEdit, NewDecision, NewDependency, NewMeeting, TeamSide};
use crate::domain::{
    ActionState, Change, DecisionState, Goal, ItemState, MeasureId, MeetingKind, PersonId, Target,
    TeamId, default_weekly_agenda,
};

use super::StoreError;

/// The `meta` key that marks a database filled by `rhythm demo`.
pub(super) const DEMO_KEY: &str = "demo";

/// What applying a change did, for the caller to report.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The row the change created or touched.
    pub id: i64,
    /// For a reading that replaced an earlier one: the earlier value and note.
    pub replaced: Option<(f64, Option<String>)>,
}

impl Applied {
    fn id(id: i64) -> Applied {
        Applied { id, replaced: None }
    }
}

pub struct Writer<'a> {
    tx: &'a Transaction<'a>,
    now: DateTime<Utc>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(tx: &'a Transaction<'a>, now: DateTime<Utc>) -> Writer<'a> {
        Writer { tx, now }
    }

    /// Sets the time stamped on the changes that follow, for histories
    /// written after the fact (the demo, imports).
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    /// Applies one change. Inside a batch, a refused change leaves nothing
    /// behind (not even a person it created), even if the caller carries on:
    /// each change runs in its own savepoint.
    pub fn apply(&mut self, change: &Change) -> Result<Applied, StoreError> {
        change.validate()?;
        self.tx.execute_batch("SAVEPOINT change")?;
        let result = self.apply_unchecked(change);
        let end = if result.is_ok() {
            "RELEASE change"
        } else {
            "ROLLBACK TO change; RELEASE change"
        };
        self.tx.execute_batch(end)?;
        result
    }

    fn apply_unchecked(&mut self, change: &Change) -> Result<Applied, StoreError> {
        let now = self.now;
        let tx = self.tx;
        match change {
            Change::AddTeam { name } => self.add_team(name.trim()),
            Change::RenameTeam { team, name } => {
                let name = name.trim();
                self.team_name(*team)?;
                let clash: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM team WHERE name = ?1 AND id != ?2",
                        params![name, team],
                        |r| r.get(0),
                    )
                    .optional()?;
                if clash.is_some() {
                    return Err(duplicate("team", name));
                }
                tx.execute(
                    "UPDATE team SET name = ?1 WHERE id = ?2",
                    params![name, team],
                )?;
                Ok(Applied::id(team.0))
            }
            Change::AddMeasure(m) => {
                self.team_name(m.team)?;
                let name = m.name.trim();
                self.check_measure_name(m.team, name, None)?;
                let owner = self.person(m.owner.as_deref())?;
                let position: u32 = tx.query_row(
                    "SELECT coalesce(max(position), 0) + 1 FROM measure WHERE team_id = ?1",
                    [m.team],
                    |r| r.get(0),
                )?;
                let (target, low, high) = goal_columns(&m.goal);
                tx.execute(
                    "INSERT INTO measure (team_id, name, owner_id, unit, kind, direction, target,
                         range_low, range_high, tolerance, position, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                    params![
                        m.team,
                        name,
                        owner,
                        m.unit.trim(),
                        m.kind,
                        m.goal.direction,
                        target,
                        low,
                        high,
                        m.goal.tolerance,
                        position,
                        now
                    ],
                )?;
                Ok(Applied::id(tx.last_insert_rowid()))
            }
            Change::EditMeasure { measure, edit } => self.edit_measure(*measure, edit),
            Change::ArchiveMeasure { measure, archived } => {
                let team = self.measure_team(*measure)?;
                // A restored measure goes to the bottom of the scorecard rather
                // than sharing the position it had before.
                tx.execute(
                    "UPDATE measure SET archived = ?1, updated_at = ?2,
                         position = CASE WHEN ?1 THEN position ELSE
                             (SELECT coalesce(max(position), 0) + 1 FROM measure
                              WHERE team_id = ?4 AND archived = 0) END
                     WHERE id = ?3",
                    params![archived, now, measure, team],
                )?;
                Ok(Applied::id(measure.0))
            }
            Change::MoveMeasure { measure, position } => self.move_measure(*measure, *position),
            Change::RecordReading {
                measure,
                week,
                value,
                note,
            } => {
                self.measure_team(*measure)?;
                let previous = tx
                    .query_row(
                        "SELECT value, note FROM reading WHERE measure_id = ?1 AND week = ?2",
                        params![measure, week],
                        |r| Ok((r.get::<_, f64>(0)?, r.get::<_, Option<String>>(1)?)),
                    )
                    .optional()?;
                tx.execute(
                    "INSERT INTO reading (measure_id, week, value, note, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (measure_id, week) DO UPDATE SET
                         value = excluded.value, note = excluded.note,
                         recorded_at = excluded.recorded_at",
                    params![measure, week, value, note.as_deref().map(str::trim), now],
                )?;
                Ok(Applied {
                    id: measure.0,
                    replaced: previous,
                })
            }
            Change::AddAction(a) => {
                self.team_name(a.team)?;
                let owner = self.person(a.owner.as_deref())?;
                tx.execute(
                    "INSERT INTO action_item (team_id, title, owner_id, due, state, source,
                         source_id, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?7, ?7)",
                    params![
                        a.team,
                        a.title.trim(),
                        owner,
                        a.due,
                        a.source,
                        a.source_id,
                        now
                    ],
                )?;
                Ok(Applied::id(tx.last_insert_rowid()))
            }
            Change::SetActionState { action, state } => {
                let current: ActionState =
                    self.current_state("action_item", "action item", action.0)?;
                if current == *state {
                    return Err(StoreError::Refused(format!(
                        "action item #{action} is already {state}"
                    )));
                }
                let closed = (*state != ActionState::Open).then_some(now);
                tx.execute(
                    "UPDATE action_item SET state = ?1, closed_at = ?2, updated_at = ?3 WHERE id = ?4",
                    params![state, closed, now, action],
                )?;
                Ok(Applied::id(action.0))
            }
            Change::AddOffTrack(o) => {
                self.team_name(o.team)?;
                if let Some(m) = o.measure
                    && self.measure_team(m)? != o.team
                {
                    return Err(StoreError::Refused(format!(
                        "measure #{m} belongs to another team"
                    )));
                }
                let owner = self.person(o.owner.as_deref())?;
                tx.execute(
                    "INSERT INTO offtrack (team_id, measure_id, title, owner_id, why, change, state,
                         raised_week, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8, ?8)",
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
                Ok(Applied::id(tx.last_insert_rowid()))
            }
            Change::SetOffTrackState { item, state } => {
                let current: ItemState =
                    self.current_state("offtrack", "off-track item", item.0)?;
                if current == *state {
                    return Err(StoreError::Refused(format!(
                        "off-track item #{item} is already {state}"
                    )));
                }
                tx.execute(
                    "UPDATE offtrack SET state = ?1, updated_at = ?2 WHERE id = ?3",
                    params![state, now, item],
                )?;
                Ok(Applied::id(item.0))
            }
            Change::AddDependency(d) => self.add_dependency(d),
            Change::UpdateDependency {
                dependency,
                status,
                needed_by,
                owner,
                note,
            } => {
                let exists: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM dependency WHERE id = ?1",
                        [dependency],
                        |r| r.get(0),
                    )
                    .optional()?;
                if exists.is_none() {
                    return Err(not_found("dependency", dependency.0));
                }
                let owner = self.person(owner.as_deref())?;
                tx.execute(
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
            Change::AddDecision(d) => self.add_decision(d),
            Change::Decide {
                decision,
                chosen,
                owner,
                context,
                options,
            } => {
                let state: DecisionState =
                    self.current_state("decision", "decision", decision.0)?;
                if state != DecisionState::Needed {
                    return Err(StoreError::Refused(format!(
                        "decision #{decision} is already {state}: only a needed decision can be decided"
                    )));
                }
                let owner = self.person(owner.as_deref())?;
                let options = options.as_ref().map(|o| options_json(o));
                tx.execute(
                    "UPDATE decision SET state = 'made', chosen = ?1, owner_id = coalesce(?2, owner_id),
                         context = coalesce(?3, context), options = coalesce(?4, options),
                         made_at = ?5, due = NULL, updated_at = ?5
                     WHERE id = ?6",
                    params![chosen.trim(), owner, context.as_deref().map(str::trim), options, now, decision],
                )?;
                Ok(Applied::id(decision.0))
            }
            Change::Supersede { old, new } => {
                let old_state: DecisionState = self.current_state("decision", "decision", old.0)?;
                self.current_state::<DecisionState>("decision", "decision", new.0)?;
                if old_state == DecisionState::Superseded {
                    return Err(StoreError::Refused(format!(
                        "decision #{old} is already superseded"
                    )));
                }
                // Both exist (checked above). A decision records one
                // `supersedes`: overwriting it would orphan the earlier one.
                let (old_team, new_team, earlier): (TeamId, TeamId, Option<i64>) = tx.query_row(
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
                tx.execute(
                    "UPDATE decision SET state = 'superseded', updated_at = ?1 WHERE id = ?2",
                    params![now, old],
                )?;
                tx.execute(
                    "UPDATE decision SET supersedes_id = ?1, updated_at = ?2 WHERE id = ?3",
                    params![old, now, new],
                )?;
                Ok(Applied::id(new.0))
            }
            Change::AddMeeting(m) => self.add_meeting(m),
        }
    }

    /// A measure of `team` by its exact name, for writers that build on
    /// what they wrote earlier in the same transaction.
    pub fn measure_id(&self, team: TeamId, name: &str) -> Result<MeasureId, StoreError> {
        self.tx
            .query_row(
                "SELECT id FROM measure WHERE team_id = ?1 AND name = ?2",
                params![team, name],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::Refused(format!("no measure '{name}' in team #{team}")))
    }

    /// Marks this database as the demo's, so `rhythm demo` may rebuild it.
    pub fn mark_demo(&mut self, label: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![DEMO_KEY, label],
        )?;
        Ok(())
    }

    /// Empties every table. Only for rebuilding a demo database, which the
    /// caller must have checked (see `Store::is_demo`).
    pub fn clear_demo(&mut self) -> Result<(), StoreError> {
        let is_demo: Option<String> = self
            .tx
            .query_row("SELECT value FROM meta WHERE key = ?1", [DEMO_KEY], |r| {
                r.get(0)
            })
            .optional()?;
        let empty: bool = self
            .tx
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM team)", [], |r| r.get(0))?;
        if is_demo.is_none() && !empty {
            return Err(StoreError::Refused(
                "this database holds data that is not a demo: refusing to replace it".into(),
            ));
        }
        self.tx.execute_batch(
            "DELETE FROM meeting_attendee; DELETE FROM meeting_section;
             DELETE FROM decision; DELETE FROM meeting; DELETE FROM dependency;
             DELETE FROM action_item; DELETE FROM offtrack; DELETE FROM reading;
             DELETE FROM measure; DELETE FROM agenda_section; DELETE FROM team;
             DELETE FROM person; DELETE FROM meta;",
        )?;
        Ok(())
    }

    fn add_team(&mut self, name: &str) -> Result<Applied, StoreError> {
        let exists: Option<String> = self
            .tx
            .query_row("SELECT name FROM team WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(existing) = exists {
            return Err(duplicate("team", &existing));
        }
        self.tx.execute(
            "INSERT INTO team (name, created_at) VALUES (?1, ?2)",
            params![name, self.now],
        )?;
        let team = self.tx.last_insert_rowid();
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO agenda_section (team_id, kind, position, name, minutes)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, section) in default_weekly_agenda().iter().enumerate() {
            insert.execute(params![
                team,
                MeetingKind::Weekly,
                i as i64,
                section.name,
                section.minutes
            ])?;
        }
        Ok(Applied::id(team))
    }

    fn edit_measure(
        &mut self,
        measure: MeasureId,
        edit: &MeasureEdit,
    ) -> Result<Applied, StoreError> {
        let team = self.measure_team(measure)?;
        let tx = self.tx;
        if let Some(name) = &edit.name {
            self.check_measure_name(team, name.trim(), Some(measure))?;
            tx.execute(
                "UPDATE measure SET name = ?1 WHERE id = ?2",
                params![name.trim(), measure],
            )?;
        }
        if edit.owner.is_some() {
            let owner = self.person(edit.owner.as_deref())?;
            tx.execute(
                "UPDATE measure SET owner_id = ?1 WHERE id = ?2",
                params![owner, measure],
            )?;
        }
        if let Some(unit) = &edit.unit {
            tx.execute(
                "UPDATE measure SET unit = ?1 WHERE id = ?2",
                params![unit.trim(), measure],
            )?;
        }
        if let Some(kind) = edit.kind {
            tx.execute(
                "UPDATE measure SET kind = ?1 WHERE id = ?2",
                params![kind, measure],
            )?;
        }
        if let Some(goal) = &edit.goal {
            let (target, low, high) = goal_columns(goal);
            tx.execute(
                "UPDATE measure SET direction = ?1, target = ?2, range_low = ?3, range_high = ?4,
                     tolerance = ?5 WHERE id = ?6",
                params![goal.direction, target, low, high, goal.tolerance, measure],
            )?;
        }
        tx.execute(
            "UPDATE measure SET updated_at = ?1 WHERE id = ?2",
            params![self.now, measure],
        )?;
        Ok(Applied::id(measure.0))
    }

    fn move_measure(&mut self, measure: MeasureId, position: u32) -> Result<Applied, StoreError> {
        let team = self.measure_team(measure)?;
        let mut stmt = self.tx.prepare(
            "SELECT id FROM measure WHERE team_id = ?1 AND archived = 0 ORDER BY position, id",
        )?;
        let mut order: Vec<MeasureId> = stmt
            .query_map([team], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let Some(from) = order.iter().position(|m| *m == measure) else {
            return Err(StoreError::Refused(format!(
                "measure #{measure} is archived: restore it before moving it"
            )));
        };
        order.remove(from);
        let to = (position as usize - 1).min(order.len());
        order.insert(to, measure);
        let mut update = self
            .tx
            .prepare_cached("UPDATE measure SET position = ?1 WHERE id = ?2")?;
        for (i, id) in order.iter().enumerate() {
            update.execute(params![i as i64 + 1, id])?;
        }
        Ok(Applied::id(measure.0))
    }

    fn add_dependency(&mut self, d: &NewDependency) -> Result<Applied, StoreError> {
        let side = |s: &TeamSide| (s.team, s.team.is_none().then(|| s.name.trim().to_string()));
        let (needing, needing_ext) = side(&d.needing);
        let (providing, providing_ext) = side(&d.providing);
        for team in [needing, providing].into_iter().flatten() {
            self.team_name(team)?;
        }
        let owner = self.person(d.owner.as_deref())?;
        self.tx.execute(
            "INSERT INTO dependency (needing_team_id, needing_external, providing_team_id,
                 providing_external, what, owner_id, needed_by, status, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
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
        Ok(Applied::id(self.tx.last_insert_rowid()))
    }

    fn add_decision(&mut self, d: &NewDecision) -> Result<Applied, StoreError> {
        self.team_name(d.team)?;
        let owner = self.person(d.owner.as_deref())?;
        let (state, made_at, due) = if d.made {
            (DecisionState::Made, Some(self.now), None)
        } else {
            (DecisionState::Needed, None, d.due)
        };
        self.tx.execute(
            "INSERT INTO decision (team_id, title, context, options, chosen, owner_id, lane, state,
                 due, made_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
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
        Ok(Applied::id(self.tx.last_insert_rowid()))
    }

    fn add_meeting(&mut self, m: &NewMeeting) -> Result<Applied, StoreError> {
        self.team_name(m.team)?;
        let clash: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM meeting WHERE team_id = ?1 AND kind = ?2 AND week = ?3",
                params![m.team, m.kind, m.week],
                |r| r.get(0),
            )
            .optional()?;
        if clash.is_some() {
            return Err(duplicate("meeting", &format!("{} {}", m.kind, m.week)));
        }
        let snapshot = match &m.snapshot {
            Some(s) => {
                Some(serde_json::to_string(s).map_err(|e| StoreError::Refused(e.to_string()))?)
            }
            None => None,
        };
        self.tx.execute(
            "INSERT INTO meeting (team_id, kind, week, started_at, ended_at, current_section,
                 rating, snapshot)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                m.team,
                m.kind,
                m.week,
                m.started_at,
                m.ended_at,
                m.current_section,
                m.rating,
                snapshot
            ],
        )?;
        let meeting = self.tx.last_insert_rowid();
        for (i, s) in m.sections.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO meeting_section (meeting_id, position, name, minutes, seconds_spent)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![meeting, i as i64, s.name, s.minutes, s.seconds_spent],
            )?;
        }
        for name in &m.attendees {
            let person = self.person(Some(name))?;
            self.tx.execute(
                "INSERT OR IGNORE INTO meeting_attendee (meeting_id, person_id) VALUES (?1, ?2)",
                params![meeting, person],
            )?;
        }
        Ok(Applied::id(meeting))
    }

    /// The person with this name (any case), created on first use.
    fn person(&mut self, name: Option<&str>) -> Result<Option<PersonId>, StoreError> {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(None);
        };
        let found: Option<PersonId> = self
            .tx
            .query_row("SELECT id FROM person WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(id) = found {
            return Ok(Some(id));
        }
        self.tx.execute(
            "INSERT INTO person (name, created_at) VALUES (?1, ?2)",
            params![name, self.now],
        )?;
        Ok(Some(PersonId(self.tx.last_insert_rowid())))
    }

    fn team_name(&self, team: TeamId) -> Result<String, StoreError> {
        self.tx
            .query_row("SELECT name FROM team WHERE id = ?1", [team], |r| r.get(0))
            .optional()?
            .ok_or_else(|| not_found("team", team.0))
    }

    fn measure_team(&self, measure: MeasureId) -> Result<TeamId, StoreError> {
        self.tx
            .query_row(
                "SELECT team_id FROM measure WHERE id = ?1",
                [measure],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| not_found("measure", measure.0))
    }

    fn check_measure_name(
        &self,
        team: TeamId,
        name: &str,
        except: Option<MeasureId>,
    ) -> Result<(), StoreError> {
        let clash: Option<String> = self
            .tx
            .query_row(
                "SELECT name FROM measure WHERE team_id = ?1 AND name = ?2 AND id IS NOT ?3",
                params![team, name, except],
                |r| r.get(0),
            )
            .optional()?;
        match clash {
            Some(existing) => Err(duplicate("measure", &existing)),
            None => Ok(()),
        }
    }

    fn current_state<T: rusqlite::types::FromSql>(
        &self,
        table: &str,
        what: &'static str,
        id: i64,
    ) -> Result<T, StoreError> {
        self.tx
            .query_row(
                &format!("SELECT state FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| not_found(what, id))
    }
}

/// (target, range low, range high); the schema checks they fit the direction.
fn goal_columns(goal: &Goal) -> (Option<f64>, Option<f64>, Option<f64>) {
    match goal.target {
        Target::Value(v) => (Some(v), None, None),
        Target::Range { low, high } => (None, Some(low), Some(high)),
    }
}

fn options_json(options: &[String]) -> String {
    serde_json::Value::from(options.iter().map(|o| o.trim()).collect::<Vec<_>>()).to_string()
}

fn duplicate(what: &'static str, name: &str) -> StoreError {
    StoreError::Duplicate {
        what,
        name: name.to_string(),
    }
}

fn not_found(what: &'static str, id: i64) -> StoreError {
    StoreError::NotFound { what, id }
}
