//! Importing the follow-ups: off-track items, meetings, decisions, action
//! items and dependencies, each added, found unchanged, or listed as a
//! conflict.

use crate::storage::db::{OptionalExtension, params};

use super::{Import, same};
use crate::domain::archive::{
    ActionRecord, DecisionRecord, DependencyRecord, MeetingRecord, OffTrackRecord,
};
use crate::domain::restore::Restore;
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
        let id = self.id(o.id);
        let id = self.restore(Restore::OffTrack {
            id,
            team,
            measure,
            owner,
            record: o.clone(),
        })?;
        self.ids.offtrack.insert(o.uid.clone(), id);
        self.added("off-track items");
        Ok(())
    }

    pub(super) fn same_or_conflict(&mut self, what: &str, same: bool) {
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
        let mut attendees = Vec::new();
        for name in &m.attendees {
            if let Some(person) = self.person(&Some(name.clone()), &m.started_at)? {
                attendees.push(person);
            }
        }
        let id = self.id(m.id);
        let meeting = self.restore(Restore::Meeting {
            id,
            team,
            attendees,
            record: m.clone(),
        })?;
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
        let id = self.id(d.id);
        let id = self.restore(Restore::Decision {
            id,
            team,
            owner,
            meeting,
            record: d.clone(),
        })?;
        self.ids.decisions.insert(d.uid.clone(), id);
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
        let id = self.id(x.id);
        let id = self.restore(Restore::Action {
            id,
            team,
            owner,
            source_id,
            record: x.clone(),
        })?;
        self.ids.actions.insert(x.uid.clone(), id);
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
        let id = self.id(d.id);
        self.restore(Restore::Dependency {
            id,
            needing: (needing, needing_ext),
            providing: (providing, providing_ext),
            owner,
            record: d.clone(),
        })?;
        self.added("dependencies");
        Ok(())
    }
}
