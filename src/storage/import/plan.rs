//! Importing the operating plan: initiatives with their people, then
//! milestones, then the draws on each team's pool; each added, found
//! unchanged, or listed as a conflict like every other record. A record
//! whose team, initiative, brief line or decision did not come in is a
//! conflict too.

use super::{Import, same};
use crate::domain::archive::{Archive, FlexDrawRecord, InitiativeRecord, MilestoneRecord};
use crate::domain::restore::Restore;
use crate::storage::StoreError;

impl Import<'_, '_, '_> {
    pub(super) fn plan(&mut self, a: &Archive) -> Result<(), StoreError> {
        for i in &a.plan.initiatives {
            self.initiative(i)?;
        }
        for m in &a.plan.milestones {
            self.milestone(m)?;
        }
        for d in &a.plan.flex_draws {
            self.flex_draw(d)?;
        }
        Ok(())
    }

    fn initiative(&mut self, i: &InitiativeRecord) -> Result<(), StoreError> {
        let what = format!("initiative '{}' ({})", i.title, i.uid);
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.plan.initiatives.iter().find(|x| x.uid == i.uid))
            .cloned()
        {
            // A team's export leaves out the link to the whole database's
            // brief: without it, the initiative is still the one here.
            let whole = here.serves.as_ref().is_some_and(|s| {
                self.existing
                    .as_ref()
                    .is_some_and(|e| e.brief.iter().any(|b| &b.uid == s && b.team.is_none()))
            });
            let same = same(i, &here, |x| {
                x.id = here.id;
                if whole && x.serves.is_none() {
                    x.serves.clone_from(&here.serves);
                }
            });
            self.same_or_conflict(&what, same);
            return Ok(());
        }
        let Some(team) = self.owning_team(&what, &i.team) else {
            return Ok(());
        };
        let serves = match &i.serves {
            Some(s) => match self.ids.brief.get(s).copied() {
                Some(id) => Some(id),
                None => {
                    self.conflict(format!(
                        "{what}: the brief line it serves ({s}) was not imported"
                    ));
                    return Ok(());
                }
            },
            None => None,
        };
        let owner = self.person(&i.owner, &i.created_at)?;
        let mut people = Vec::new();
        for s in &i.people {
            if let Some(p) = self.person(&Some(s.person.clone()), &i.created_at)? {
                people.push((p, s.share));
            }
        }
        let id = self.id(i.id);
        let id = self.restore(Restore::Initiative {
            id,
            team,
            owner,
            serves,
            people,
            record: i.clone(),
        })?;
        self.ids.initiatives.insert(i.uid.clone(), id);
        self.added("initiatives");
        Ok(())
    }

    fn milestone(&mut self, m: &MilestoneRecord) -> Result<(), StoreError> {
        let what = format!("milestone '{}' ({})", m.title, m.uid);
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.plan.milestones.iter().find(|x| x.uid == m.uid))
            .cloned()
        {
            self.same_or_conflict(&what, same(m, &here, |x| x.id = here.id));
            return Ok(());
        }
        let Some(initiative) = self.ids.initiatives.get(&m.initiative).copied() else {
            self.conflict(format!(
                "{what}: its initiative ({}) was not imported",
                m.initiative
            ));
            return Ok(());
        };
        let decision = match &m.decision {
            Some(d) => match self.ids.decisions.get(d).copied() {
                Some(id) => Some(id),
                None => {
                    self.conflict(format!("{what}: its decision ({d}) was not imported"));
                    return Ok(());
                }
            },
            None => None,
        };
        let owner = self.person(&m.owner, &m.created_at)?;
        let id = self.id(m.id);
        self.restore(Restore::Milestone {
            id,
            initiative,
            owner,
            decision,
            record: m.clone(),
        })?;
        self.added("milestones");
        Ok(())
    }

    fn flex_draw(&mut self, d: &FlexDrawRecord) -> Result<(), StoreError> {
        let what = format!("flex draw on {} ({})", d.drawn_on, d.uid);
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.plan.flex_draws.iter().find(|x| x.uid == d.uid))
            .cloned()
        {
            self.same_or_conflict(&what, same(d, &here, |x| x.id = here.id));
            return Ok(());
        }
        let Some(team) = self.owning_team(&what, &d.team) else {
            return Ok(());
        };
        let id = self.id(d.id);
        self.restore(Restore::FlexDraw {
            id,
            team,
            record: d.clone(),
        })?;
        self.added("flex draws");
        Ok(())
    }
}
