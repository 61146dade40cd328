//! Importing the follow-ups: off-track items, meetings, decisions, action
//! items and dependencies, each added, found unchanged, or listed as a
//! conflict.

use rusqlite::{OptionalExtension, params};

use super::{Import, same};
use crate::domain::archive::{
    ActionRecord, DecisionRecord, DependencyRecord, MeetingRecord, OffTrackRecord,
};
use crate::storage::StoreError;

impl Import<'_, '_, '_> {
    pub(super) fn offtrack(&mut self, o: &OffTrackRecord) -> Result<(), StoreError> {
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.offtrack.iter().find(|x| x.uid == o.uid))
            .cloned()
        {
            self.same_or_conflict(
                &format!("off-track item '{}' ({})", o.title, o.uid),
                same(o, &here, |x| x.id = here.id),
            );
            return Ok(());
        }
        let Some(team) = self.owning_team(&format!("off-track item '{}'", o.title), &o.team) else {
            return Ok(());
        };
        let measure = o
            .measure
            .as_ref()
            .and_then(|m| self.ids.measures.get(m).copied());
        let owner = self.person(&o.owner, &o.created_at)?;
        self.w.tx.execute(
            "INSERT INTO offtrack (id, uid, team_id, measure_id, title, owner_id, why, change, state,
                 raised_week, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                self.id(o.id), o.uid, team, measure, o.title, owner, o.why, o.change, o.state,
                o.raised_week, o.created_at, o.updated_at
            ],
        )?;
        self.ids
            .offtrack
            .insert(o.uid.clone(), self.w.tx.last_insert_rowid());
        self.added("off-track items");
        Ok(())
    }

    fn same_or_conflict(&mut self, what: &str, same: bool) {
        if same {
            self.unchanged();
        } else {
            self.conflict(format!("{what}: differs from the one here"));
        }
    }

    pub(super) fn meeting(&mut self, m: &MeetingRecord) -> Result<(), StoreError> {
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.meetings.iter().find(|x| x.uid == m.uid))
            .cloned()
        {
            self.same_or_conflict(
                &format!("meeting {} {} ({})", m.kind, m.week, m.uid),
                same(m, &here, |x| x.id = here.id),
            );
            return Ok(());
        }
        let Some(team) = self.owning_team(&format!("meeting {} {}", m.kind, m.week), &m.team)
        else {
            return Ok(());
        };
        let clash: Option<i64> = self
            .w
            .tx
            .query_row(
                "SELECT id FROM meeting WHERE team_id = ?1 AND kind = ?2 AND week = ?3",
                params![team, m.kind, m.week],
                |r| r.get(0),
            )
            .optional()?;
        if clash.is_some() {
            self.conflict(format!(
                "meeting {} {} ({}): the team already has a meeting that week",
                m.kind, m.week, m.uid
            ));
            return Ok(());
        }
        let snapshot = m.snapshot.as_ref().map(|s| s.to_string());
        self.w.tx.execute(
            "INSERT INTO meeting (id, uid, team_id, kind, week, started_at, ended_at, current_section,
                 rating, snapshot, minutes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                self.id(m.id), m.uid, team, m.kind, m.week, m.started_at, m.ended_at,
                m.current_section, m.rating, snapshot, m.minutes
            ],
        )?;
        let meeting = self.w.tx.last_insert_rowid();
        for (i, s) in m.sections.iter().enumerate() {
            self.w.tx.execute(
                "INSERT INTO meeting_section (meeting_id, position, name, minutes, seconds_spent)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![meeting, i as i64, s.name, s.minutes, s.seconds_spent],
            )?;
        }
        for name in &m.attendees {
            let person = self.person(&Some(name.clone()), &m.started_at)?;
            self.w.tx.execute(
                "INSERT OR IGNORE INTO meeting_attendee (meeting_id, person_id) VALUES (?1, ?2)",
                params![meeting, person],
            )?;
        }
        self.ids.meetings.insert(m.uid.clone(), meeting);
        self.added("meetings");
        Ok(())
    }

    pub(super) fn decision(&mut self, d: &DecisionRecord) -> Result<(), StoreError> {
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.decisions.iter().find(|x| x.uid == d.uid))
            .cloned()
        {
            self.same_or_conflict(
                &format!("decision '{}' ({})", d.title, d.uid),
                same(d, &here, |x| x.id = here.id),
            );
            return Ok(());
        }
        let Some(team) = self.owning_team(&format!("decision '{}'", d.title), &d.team) else {
            return Ok(());
        };
        let owner = self.person(&d.owner, &d.created_at)?;
        let meeting = d
            .meeting
            .as_ref()
            .and_then(|m| self.ids.meetings.get(m).copied());
        let options =
            serde_json::to_string(&d.options).map_err(|e| StoreError::Refused(e.to_string()))?;
        self.w.tx.execute(
            "INSERT INTO decision (id, uid, team_id, title, context, options, chosen, owner_id, lane,
                 state, due, made_at, meeting_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                self.id(d.id), d.uid, team, d.title, d.context, options, d.chosen, owner, d.lane,
                d.state, d.due, d.made_at, meeting, d.created_at, d.updated_at
            ],
        )?;
        self.ids
            .decisions
            .insert(d.uid.clone(), self.w.tx.last_insert_rowid());
        self.ids.new_decisions.insert(d.uid.clone());
        self.added("decisions");
        Ok(())
    }

    pub(super) fn action(&mut self, x: &ActionRecord) -> Result<(), StoreError> {
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.actions.iter().find(|y| y.uid == x.uid))
            .cloned()
        {
            self.same_or_conflict(
                &format!("action item '{}' ({})", x.title, x.uid),
                same(x, &here, |y| y.id = here.id),
            );
            return Ok(());
        }
        let Some(team) = self.owning_team(&format!("action item '{}'", x.title), &x.team) else {
            return Ok(());
        };
        let owner = self.person(&x.owner, &x.created_at)?;
        let source_id = x.source_uid.as_ref().and_then(|u| match x.source.as_str() {
            "decision" => self.ids.decisions.get(u).copied(),
            _ => self.ids.offtrack.get(u).copied(),
        });
        self.w.tx.execute(
            "INSERT INTO action_item (id, uid, team_id, title, owner_id, due, state, source, source_id,
                 created_at, updated_at, closed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                self.id(x.id), x.uid, team, x.title, owner, x.due, x.state, x.source, source_id,
                x.created_at, x.updated_at, x.closed_at
            ],
        )?;
        self.added("action items");
        Ok(())
    }

    pub(super) fn dependency(&mut self, d: &DependencyRecord) -> Result<(), StoreError> {
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.dependencies.iter().find(|y| y.uid == d.uid))
            .cloned()
        {
            // A one-team export names the other team by name only: that is
            // the same dependency, not a conflict.
            let mut here = here;
            for (mine, theirs) in [
                (&mut here.needing, &d.needing),
                (&mut here.providing, &d.providing),
            ] {
                if theirs.team.is_none() {
                    mine.team = None;
                }
            }
            self.same_or_conflict(
                &format!("dependency '{}' ({})", d.what, d.uid),
                same(d, &here, |y| y.id = here.id),
            );
            return Ok(());
        }
        // A side whose team was not imported is kept as an outside team by name.
        let side = |s: &crate::domain::archive::SideRecord| match s
            .team
            .as_ref()
            .and_then(|t| self.ids.teams.get(t))
        {
            Some(id) => (Some(*id), None),
            None => (None, Some(s.name.clone())),
        };
        let (needing, needing_ext) = side(&d.needing);
        let (providing, providing_ext) = side(&d.providing);
        if needing.is_none() && providing.is_none() {
            self.conflict(format!(
                "dependency '{}' ({}): neither of its teams was imported",
                d.what, d.uid
            ));
            return Ok(());
        }
        let owner = self.person(&d.owner, &d.created_at)?;
        self.w.tx.execute(
            "INSERT INTO dependency (id, uid, needing_team_id, needing_external, providing_team_id,
                 providing_external, what, owner_id, needed_by, status, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                self.id(d.id), d.uid, needing, needing_ext, providing, providing_ext, d.what, owner,
                d.needed_by, d.status, d.note, d.created_at, d.updated_at
            ],
        )?;
        self.added("dependencies");
        Ok(())
    }
}
