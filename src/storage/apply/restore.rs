//! Writing a restored record (`Change::Restore`): each row as it was
//! exported, with its stable id and times, and its references as the import
//! resolved them. The import (`import/`) decides what to restore.

use crate::storage::db::params;

use crate::domain::archive::section_or_default;
use crate::domain::restore::Restore;

use super::{Applied, Writer};
use crate::storage::StoreError;
use crate::storage::names;

impl Writer<'_> {
    pub(super) fn restore(&mut self, r: &Restore) -> Result<Applied, StoreError> {
        let id = match r {
            Restore::Person {
                id,
                name,
                created_at,
            } => self.insert(
                "INSERT INTO person (id, name, created_at) VALUES (?1, ?2, ?3) RETURNING id",
                params![id, names::stored(name), created_at],
            )?,
            Restore::Team { id, record: t } => self.insert(
                "INSERT INTO team (id, uid, name, review, flex_share, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
                params![
                    id,
                    t.uid,
                    names::stored(&t.name),
                    t.review,
                    t.flex_share,
                    t.created_at
                ],
            )?,
            Restore::Agenda { team, record: s } => {
                let section = section_or_default(
                    s.section.as_deref(),
                    &s.kind,
                    usize::try_from(s.position).unwrap_or(0),
                );
                self.exec(
                    "INSERT INTO agenda_section (team_id, kind, position, name, minutes, section)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![team, s.kind, s.position, s.name, s.minutes, section],
                )?;
                // No row of its own to name.
                0
            }
            Restore::Measure {
                id,
                team,
                owner,
                record: m,
            } => self.insert(
                "INSERT INTO measure (id, uid, team_id, name, owner_id, unit, kind, direction,
                         target, range_low, range_high, tolerance, position, archived, created_at,
                         updated_at, rollup)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                         ?17) RETURNING id",
                params![
                    id,
                    m.uid,
                    team,
                    names::stored(&m.name),
                    owner,
                    m.unit,
                    m.kind,
                    m.direction,
                    m.target,
                    m.range_low,
                    m.range_high,
                    m.tolerance,
                    m.position,
                    m.archived,
                    m.created_at,
                    m.updated_at,
                    m.rollup
                ],
            )?,
            Restore::Reading { measure, record: r } => {
                self.exec(
                    "INSERT INTO reading (measure_id, week, value, note, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![measure, r.week, r.value, r.note, r.recorded_at],
                )?;
                // A reading merged into a measure that has trigger rules
                // here moves their episodes as any new reading does.
                self.evaluate_measure(crate::domain::MeasureId(*measure))?;
                *measure
            }
            Restore::OffTrack {
                id,
                team,
                measure,
                owner,
                record: o,
            } => self.insert(
                "INSERT INTO offtrack (id, uid, team_id, measure_id, title, owner_id, why, change,
                         state, raised_week, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
                params![
                    id,
                    o.uid,
                    team,
                    measure,
                    o.title,
                    owner,
                    o.why,
                    o.change,
                    o.state,
                    o.raised_week,
                    o.created_at,
                    o.updated_at
                ],
            )?,
            Restore::Meeting {
                id,
                team,
                attendees,
                record: m,
            } => return self.restore_meeting(*id, *team, attendees, m),
            Restore::Trigger {
                id,
                team,
                measure,
                record,
            } => return self.restore_trigger(*id, *team, *measure, record),
            Restore::BriefItem {
                id,
                team,
                owner,
                measure,
                objective,
                record,
            } => {
                let line = crate::domain::restore::brief_line(record, *team, *measure, *objective)?;
                return self.restore_brief_item(*id, *owner, &line, record);
            }
            Restore::Initiative {
                id,
                team,
                owner,
                serves,
                people,
                record: i,
            } => {
                let initiative = self.insert(
                    "INSERT INTO initiative (id, uid, team_id, title, owner_id, serves_id,
                         start_month, end_month, state, note, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
                    params![
                        id,
                        i.uid,
                        team,
                        i.title,
                        owner,
                        serves,
                        i.start,
                        i.end,
                        i.state,
                        i.note,
                        i.created_at,
                        i.updated_at
                    ],
                )?;
                for (person, share) in people {
                    self.exec(
                        "INSERT INTO initiative_person (initiative_id, person_id, share)
                         VALUES (?1, ?2, ?3)",
                        params![initiative, person, share],
                    )?;
                }
                initiative
            }
            Restore::Milestone {
                id,
                initiative,
                owner,
                decision,
                record: m,
            } => self.insert(
                "INSERT INTO milestone (id, uid, initiative_id, title, owner_id, month, phase,
                         phase_since, state, note, decision_id, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
                params![
                    id,
                    m.uid,
                    initiative,
                    m.title,
                    owner,
                    m.month,
                    m.phase,
                    m.phase_since,
                    m.state,
                    m.note,
                    decision,
                    m.created_at,
                    m.updated_at
                ],
            )?,
            Restore::FlexDraw {
                id,
                team,
                record: d,
            } => {
                let pm = d.post_mortem.as_ref();
                self.insert(
                    "INSERT INTO flex_draw (id, uid, team_id, why, drawn_on, pm_what, pm_factors,
                         pm_change, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
                    params![
                        id,
                        d.uid,
                        team,
                        d.why,
                        d.drawn_on,
                        pm.map(|p| p.what.as_str()),
                        pm.map(|p| p.factors.as_str()),
                        pm.map(|p| p.change.as_str()),
                        d.created_at,
                        d.updated_at
                    ],
                )?
            }
            Restore::Decision {
                id,
                team,
                owner,
                meeting,
                record: d,
            } => {
                let options = serde_json::to_string(&d.options)
                    .map_err(|e| StoreError::Refused(e.to_string()))?;
                self.insert(
                    "INSERT INTO decision (id, uid, team_id, title, context, options, chosen, owner_id,
                         lane, state, due, made_at, meeting_id, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id",
                    params![
                        id,
                        d.uid,
                        team,
                        d.title,
                        d.context,
                        options,
                        d.chosen,
                        owner,
                        d.lane,
                        d.state,
                        d.due,
                        d.made_at,
                        meeting,
                        d.created_at,
                        d.updated_at
                    ],
                )?
            }
            Restore::Supersedes { decision, old } => {
                self.exec(
                    "UPDATE decision SET supersedes_id = ?1 WHERE id = ?2 AND supersedes_id IS NULL",
                    params![old, decision],
                )?;
                *decision
            }
            Restore::Action {
                id,
                team,
                owner,
                source_id,
                record: x,
            } => self.insert(
                "INSERT INTO action_item (id, uid, team_id, title, owner_id, due, state, source,
                         source_id, created_at, updated_at, closed_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
                params![
                    id,
                    x.uid,
                    team,
                    x.title,
                    owner,
                    x.due,
                    x.state,
                    x.source,
                    source_id,
                    x.created_at,
                    x.updated_at,
                    x.closed_at
                ],
            )?,
            Restore::Dependency {
                id,
                needing,
                providing,
                owner,
                record: d,
            } => self.insert(
                "INSERT INTO dependency (id, uid, needing_team_id, needing_external,
                         providing_team_id, providing_external, what, owner_id, needed_by, status,
                         note, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
                params![
                    id,
                    d.uid,
                    needing.0,
                    needing.1,
                    providing.0,
                    providing.1,
                    d.what,
                    owner,
                    d.needed_by,
                    d.status,
                    d.note,
                    d.created_at,
                    d.updated_at
                ],
            )?,
        };
        Ok(Applied::id(id))
    }

    fn restore_meeting(
        &mut self,
        id: Option<i64>,
        team: i64,
        attendees: &[i64],
        m: &crate::domain::archive::MeetingRecord,
    ) -> Result<Applied, StoreError> {
        let snapshot = m.snapshot.as_ref().map(|s| s.to_string());
        let meeting = self.insert(
            "INSERT INTO meeting (id, uid, team_id, kind, week, started_at, ended_at,
                 current_section, rating, snapshot, minutes, missing_at_start, commitments_done,
                 commitments_due)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id",
            params![
                id,
                m.uid,
                team,
                m.kind,
                m.week,
                m.started_at,
                m.ended_at,
                m.current_section,
                m.rating,
                snapshot,
                m.minutes,
                m.missing_at_start,
                m.commitments_done,
                m.commitments_due
            ],
        )?;

        let sections = m.sections.iter().enumerate().map(|(i, s)| {
            let section = section_or_default(s.section.as_deref(), &m.kind, i);
            (s.name.as_str(), s.minutes, s.seconds_spent, section)
        });
        self.add_sections_and_attendees(meeting, sections, attendees)?;
        Ok(Applied::id(meeting))
    }
}
