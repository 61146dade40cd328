//! Applying `Change`s. A `Writer` lives inside one IMMEDIATE transaction
//! (see `Store::write`); each change checks what it refers to and is refused
//! with a message, never half-applied.

use crate::storage::db::{self, Db, OptionalExtension, Params, Row, params};
use chrono::{DateTime, Utc};

use crate::domain::change::RowRef;
use crate::domain::{Change, DecisionId, MeasureId, OpId, PersonId, TeamId};

mod brief;
mod corrections;
mod followups;
mod guard;
mod live;
mod plan;
mod restore;
mod scorecard;
mod trigger;

use super::StoreError;
use super::names::{self, Named};

/// The `meta` key that marks a database filled by `rhythm demo`.
pub(super) const DEMO_KEY: &str = "demo";

/// What applying changes did, for the caller to report.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The row the (last) change created or touched.
    pub id: i64,
    /// For a reading that replaced an earlier one: the earlier value and note.
    pub replaced: Option<(f64, Option<String>)>,
    /// The operation that recorded them (none for the meeting clock's saves).
    pub op: Option<OpId>,
    /// The row each change created or touched, in order.
    pub ids: Vec<i64>,
}

impl Applied {
    pub(super) fn id(id: i64) -> Applied {
        Applied {
            id,
            replaced: None,
            op: None,
            ids: vec![id],
        }
    }

    /// The result of a whole batch: the last change's, with every id.
    pub(in crate::storage) fn of(op: Option<OpId>, each: Vec<Applied>) -> Applied {
        let ids = each.iter().map(|a| a.id).collect();
        let last = each.into_iter().last();
        Applied {
            id: last.as_ref().map_or(0, |a| a.id),
            replaced: last.and_then(|a| a.replaced),
            op,
            ids,
        }
    }
}

/// Applies changes inside one transaction. Private to the store: the only
/// way in from outside is `Store::apply` (or `Store::apply_batch`).
pub(in crate::storage) struct Writer<'a> {
    pub(super) tx: &'a Db,
    pub(super) now: DateTime<Utc>,
    /// Who approved this operation's changes to made commitments.
    pub(super) approved_by: Option<String>,
    /// The row each change applied so far created or touched, for
    /// `RowRef::Earlier`.
    created: Vec<i64>,
}

/// What `Store::apply_batch` hands its caller: changes go in one at a
/// time, each checked and applied like any other.
pub struct Batch<'w, 'a> {
    pub(in crate::storage) writer: &'w mut Writer<'a>,
    pub(in crate::storage) summary: String,
}

impl Batch<'_, '_> {
    pub fn apply(&mut self, change: &Change) -> Result<Applied, StoreError> {
        self.writer.apply(change)
    }

    /// Sets the time stamped on the changes that follow, for histories
    /// written after the fact (the demo, imports).
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        self.writer.now = now;
    }

    /// The line the log shows for the whole batch.
    pub fn set_summary(&mut self, summary: impl Into<String>) {
        self.summary = summary.into();
    }

    /// A measure of `team` by its exact name, written earlier in the batch.
    pub fn measure_id(&self, team: TeamId, name: &str) -> Result<MeasureId, StoreError> {
        self.writer.measure_id(team, name)
    }
}

impl<'a> Writer<'a> {
    pub(in crate::storage) fn new(
        tx: &'a Db,
        now: DateTime<Utc>,
        approved_by: Option<String>,
    ) -> Writer<'a> {
        Writer {
            tx,
            now,
            approved_by,
            created: Vec::new(),
        }
    }

    /// Applies one change. Inside a batch, a refused change leaves nothing
    /// behind (not even a person it created), even if the caller carries on:
    /// each change runs in its own savepoint.
    pub fn apply(&mut self, change: &Change) -> Result<Applied, StoreError> {
        change.validate()?;
        self.exec("SAVEPOINT change", [])?;
        let result = self.apply_unchecked(change);
        if result.is_err() {
            self.exec("ROLLBACK TO change", [])?;
        }
        self.exec("RELEASE change", [])?;
        if let Ok(done) = &result {
            self.created.push(done.id);
        }
        result
    }

    /// A made decision in the commitment lane changes only with someone's
    /// approval (`--approved-by`), which the log records with the change.
    pub(super) fn require_approval(&self, decision: DecisionId) -> Result<(), StoreError> {
        let (lane, state): (String, String) = self
            .row(
                "SELECT lane, state FROM decision WHERE id = ?1",
                [decision],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| not_found("decision", decision.0))?;
        if lane == "commitment" && state == "made" && self.approved_by.is_none() {
            return Err(StoreError::Refused(format!(
                "decision #{decision} is a made commitment: changing it needs --approved-by NAME"
            )));
        }
        Ok(())
    }

    /// The row id a `RowRef` stands for.
    pub(super) fn resolve(&self, r: RowRef) -> Result<i64, StoreError> {
        match r {
            RowRef::Id(id) => Ok(id),
            RowRef::Earlier(i) => self.created.get(i).copied().ok_or_else(|| {
                StoreError::Refused(format!(
                    "a change refers to change {} of its batch, which comes later or does not exist",
                    i + 1
                ))
            }),
        }
    }

    /// Runs one statement through the connection's statement cache. Bulk
    /// writers (the large demo, imports) apply hundreds of thousands of
    /// changes, and parsing every statement anew costs more than running it.
    pub(super) fn exec(&self, sql: &str, params: impl Params) -> db::Result<usize> {
        self.tx.prepare_cached(sql)?.execute(params)
    }

    /// Runs an `INSERT … RETURNING id` through the statement cache and gives
    /// the new row's id: how a write learns the id it made, in SQL that
    /// means the same on every database rhythm speaks.
    pub(super) fn insert(&self, sql: &str, params: impl Params) -> db::Result<i64> {
        debug_assert!(sql.trim_end().ends_with("RETURNING id"), "{sql}");
        self.row(sql, params, |r| r.get(0))
    }

    /// `query_row` through the statement cache (see `exec`).
    pub(super) fn row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> db::Result<T>,
    ) -> db::Result<T> {
        self.tx.prepare_cached(sql)?.query_row(params, f)
    }

    fn apply_unchecked(&mut self, change: &Change) -> Result<Applied, StoreError> {
        match change {
            Change::AddTeam { name } => self.add_team(name.trim()),
            Change::RenameTeam { team, name } => self.rename_team(team, name),
            Change::SetReviewWeek { team, review } => self.set_review_week(*team, *review),
            Change::AddMeasure(m) => self.add_measure(m),
            Change::EditMeasure { measure, edit } => self.edit_measure(*measure, edit),
            Change::ArchiveMeasure { measure, archived } => self.archive_measure(measure, archived),
            Change::MoveMeasure { measure, position } => self.move_measure(*measure, *position),
            Change::RecordReading {
                measure,
                week,
                value,
                note,
            } => self.record_reading(measure, week, value, note),
            Change::AddAction(a) => self.add_action(a),
            Change::SetActionState { action, state } => self.set_action_state(action, state),
            Change::AddOffTrack(o) => self.add_offtrack(o),
            Change::SetOffTrackState { item, state } => self.set_offtrack_state(item, state),
            Change::AddDependency(d) => self.add_dependency(d),
            Change::UpdateDependency {
                dependency,
                status,
                needed_by,
                owner,
                note,
            } => self.update_dependency(dependency, status, needed_by, owner, note),
            Change::AddDecision(d) => self.add_decision(d),
            Change::Decide {
                decision,
                chosen,
                owner,
                context,
                options,
            } => self.decide(decision, chosen, owner, context, options),
            Change::Supersede { old, new } => self.supersede(old, new),
            Change::AddMeeting(m) => self.add_meeting(m),
            Change::EditOffTrack {
                item,
                title,
                owner,
                why,
                change,
            } => self.edit_offtrack(
                *item,
                title.as_deref(),
                owner.as_deref(),
                why.as_deref(),
                change.as_deref(),
            ),
            Change::StartMeeting { team, kind, week } => self.start_meeting(*team, *kind, *week),
            Change::SaveMeetingClock {
                meeting,
                current_section,
                seconds,
            } => self.save_meeting_clock(*meeting, *current_section, seconds),
            Change::DriveMeeting {
                meeting,
                driver,
                screen,
                take_over,
                paused,
                selected,
            } => self.drive_meeting(*meeting, driver, screen, *take_over, *paused, *selected),
            Change::LeaveMeeting { meeting, screen } => self.leave_meeting(*meeting, screen),
            Change::RateMeeting { meeting, rating } => self.rate_meeting(*meeting, *rating),
            Change::Restore(r) => self.restore(r),
            Change::AddBriefItem(item) => self.add_brief_item(item),
            Change::EditBriefItem { item, edit } => self.edit_brief_item(*item, edit),
            Change::DropBriefItem { item } => self.drop_brief_item(*item),
            Change::AddInitiative(i) => self.add_initiative(i),
            Change::EditInitiative { initiative, edit } => self.edit_initiative(*initiative, edit),
            Change::SetInitiativeState {
                initiative,
                state,
                note,
            } => self.set_initiative_state(*initiative, *state, note.as_deref()),
            Change::AssignPerson {
                initiative,
                person,
                share,
            } => self.assign_person(*initiative, person, *share),
            Change::AddMilestone(m) => self.add_milestone(m),
            Change::EditMilestone { milestone, edit } => self.edit_milestone(*milestone, edit),
            Change::MoveMilestone { milestone, phase } => self.move_milestone(*milestone, *phase),
            Change::SetMilestoneState {
                milestone,
                state,
                note,
            } => self.set_milestone_state(*milestone, *state, note.as_deref()),
            Change::LinkMilestoneDecision {
                milestone,
                decision,
            } => self.link_milestone_decision(*milestone, *decision),
            Change::Serve { kind, record, line } => self.serve(*kind, *record, *line),
            Change::SetFlexShare { team, share } => self.set_flex_share(*team, *share),
            Change::SetAgenda {
                team,
                kind,
                sections,
            } => self.set_agenda(*team, *kind, sections),
            Change::DrawFlex(d) => self.draw_flex(d),
            Change::WritePostMortem { draw, post_mortem } => {
                self.write_post_mortem(*draw, post_mortem)
            }
            Change::AddTrigger(t) => self.add_trigger(t),
            Change::EditTrigger { trigger, edit } => self.edit_trigger(*trigger, edit),
            Change::DropTrigger { trigger } => self.drop_trigger(*trigger),
            Change::ClearDemo => self.clear_demo().map(|()| Applied::id(0)),
            Change::MarkDemo { label } => self.mark_demo(label).map(|()| Applied::id(0)),
            Change::Guarded { expect, change } => {
                self.check_expectation(expect)?;
                self.apply_unchecked(change)
            }
            Change::EndMeeting {
                meeting,
                snapshot,
                minutes,
                commitments,
            } => self.end_meeting(*meeting, snapshot, minutes, *commitments),
            Change::ClearReading { measure, week } => self.clear_reading(*measure, *week),
            Change::EditAction {
                action,
                title,
                owner,
                due,
            } => self.edit_action(*action, title.as_deref(), owner.as_deref(), *due),
            Change::EditDependency { dependency, edit } => self.edit_dependency(*dependency, edit),
            Change::DeleteDependency { dependency } => self.delete_dependency(*dependency),
            Change::EditDecision { decision, edit } => self.edit_decision(*decision, edit),
            Change::WithdrawDecision { decision } => self.withdraw_decision(*decision),
            Change::RenamePerson { from, to } => self.rename_person(from, to),
            Change::DeleteTeam { team } => self.delete_team(*team),
            Change::SetMeetingRating { meeting, rating } => {
                self.set_meeting_rating(*meeting, *rating)
            }
        }
    }

    /// A measure of `team` by its exact name, for writers that build on
    /// what they wrote earlier in the same transaction.
    pub(super) fn measure_id(&self, team: TeamId, name: &str) -> Result<MeasureId, StoreError> {
        names::find(self.tx, Named::Measure(team.0), name, None)?
            .map(|(id, _)| MeasureId(id))
            .ok_or_else(|| StoreError::Refused(format!("no measure '{name}' in team #{team}")))
    }

    /// Marks this database as the demo's, so `rhythm demo` may rebuild it.
    fn mark_demo(&mut self, label: &str) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![DEMO_KEY, label],
        )?;
        Ok(())
    }

    /// Empties every table. Only for rebuilding a demo database, which the
    /// caller must have checked (see `Store::is_demo`).
    fn clear_demo(&mut self) -> Result<(), StoreError> {
        let is_demo: Option<String> = self
            .row("SELECT value FROM meta WHERE key = ?1", [DEMO_KEY], |r| {
                r.get(0)
            })
            .optional()?;
        let empty: bool = self.row("SELECT NOT EXISTS (SELECT 1 FROM team)", [], |r| r.get(0))?;
        if is_demo.is_none() && !empty {
            return Err(StoreError::Refused(
                "this database holds data that is not a demo: refusing to replace it".into(),
            ));
        }
        self.tx.execute_batch(
            "DELETE FROM trigger_episode; DELETE FROM trigger_rule;
             DELETE FROM flex_draw; DELETE FROM milestone; DELETE FROM initiative_person;
             DELETE FROM initiative; DELETE FROM brief_item; DELETE FROM meeting_attendee;
             DELETE FROM meeting_section;
             DELETE FROM decision; DELETE FROM meeting; DELETE FROM dependency;
             DELETE FROM action_item; DELETE FROM offtrack; DELETE FROM reading;
             DELETE FROM measure; DELETE FROM agenda_section; DELETE FROM team;
             DELETE FROM person; DELETE FROM meta;
             DELETE FROM op_undo WHERE op_id < (SELECT max(id) FROM operation);
             DELETE FROM op_row WHERE op_id < (SELECT max(id) FROM operation);
             DELETE FROM operation WHERE id < (SELECT max(id) FROM operation);",
        )?;
        Ok(())
    }

    /// The person with this name (any case), created on first use.
    pub(super) fn person(&mut self, name: Option<&str>) -> Result<Option<PersonId>, StoreError> {
        let Some(name) = name.map(names::stored).filter(|n| !n.is_empty()) else {
            return Ok(None);
        };
        if let Some((id, _)) = names::find(self.tx, Named::Person, &name, None)? {
            return Ok(Some(PersonId(id)));
        }
        let id = self.insert(
            "INSERT INTO person (name, created_at) VALUES (?1, ?2) RETURNING id",
            params![name, self.now],
        )?;
        Ok(Some(PersonId(id)))
    }

    pub(super) fn team_name(&self, team: TeamId) -> Result<String, StoreError> {
        self.row("SELECT name FROM team WHERE id = ?1", [team], |r| r.get(0))
            .optional()?
            .ok_or_else(|| not_found("team", team.0))
    }

    pub(super) fn measure_team(&self, measure: MeasureId) -> Result<TeamId, StoreError> {
        self.row(
            "SELECT team_id FROM measure WHERE id = ?1",
            [measure],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| not_found("measure", measure.0))
    }

    pub(super) fn current_state<T: crate::storage::db::FromSql>(
        &self,
        table: &str,
        what: &'static str,
        id: i64,
    ) -> Result<T, StoreError> {
        self.row(
            &format!("SELECT state FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| not_found(what, id))
    }
}

/// `typed` is what the user asked for; `existing` the stored name it
/// clashed with, which may differ in case.
pub(super) fn duplicate(what: &'static str, typed: &str, existing: &str) -> StoreError {
    StoreError::Duplicate {
        what,
        name: typed.to_string(),
        existing: existing.to_string(),
    }
}

pub(super) fn not_found(what: &'static str, id: i64) -> StoreError {
    StoreError::NotFound { what, id }
}
