//! Importing the strategy brief's lines: each added, found unchanged, or
//! listed as a conflict, like every other record; a line whose team,
//! measure or objective did not come in, or that would not fit the brief
//! it joins here, is a conflict too.

use super::{Import, same};
use crate::domain::archive::{Archive, BriefRecord};
use crate::domain::restore::{self, Restore};
use crate::storage::StoreError;

impl Import<'_, '_, '_> {
    /// Every line, objectives before the measure lines that show them
    /// whatever the file's order (only a measure line names an objective).
    pub(super) fn brief(&mut self, a: &Archive) -> Result<(), StoreError> {
        for b in a.brief.iter().filter(|b| b.objective.is_none()) {
            self.brief_item(b)?;
        }
        for b in a.brief.iter().filter(|b| b.objective.is_some()) {
            self.brief_item(b)?;
        }
        Ok(())
    }

    fn brief_item(&mut self, b: &BriefRecord) -> Result<(), StoreError> {
        let what = if b.text.is_empty() {
            format!("{} line of the {} brief ({})", b.kind, b.quarter, b.uid)
        } else {
            format!(
                "{} '{}' of the {} brief ({})",
                b.kind, b.text, b.quarter, b.uid
            )
        };
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.brief.iter().find(|x| x.uid == b.uid))
            .cloned()
        {
            self.same_or_conflict(&what, same(b, &here, |x| x.id = here.id));
            return Ok(());
        }
        let team = match &b.team {
            Some(t) => match self.owning_team(&what, t) {
                Some(id) => Some(id),
                None => return Ok(()),
            },
            // The whole database's brief: no team to wait for.
            None => None,
        };
        let measure = match &b.measure {
            Some(m) => match self.ids.measures.get(m).copied() {
                Some(id) => Some(id),
                None => {
                    self.conflict(format!("{what}: its measure ({m}) was not imported"));
                    return Ok(());
                }
            },
            None => None,
        };
        let objective = match &b.objective {
            Some(o) => match self.ids.brief.get(o).copied() {
                Some(id) => Some(id),
                None => {
                    self.conflict(format!("{what}: its objective ({o}) was not imported"));
                    return Ok(());
                }
            },
            None => None,
        };
        let line = restore::brief_line(b, team, measure, objective)?;
        if let Some(why) = self.w.brief_misfit(&line)? {
            self.conflict(format!("{what}: {why}"));
            return Ok(());
        }
        let owner = self.person(&b.integrator, &b.created_at)?;
        let id = self.id(b.id);
        let id = self.restore(Restore::BriefItem {
            id,
            team,
            owner,
            measure,
            objective,
            record: b.clone(),
        })?;
        self.ids.brief.insert(b.uid.clone(), id);
        self.added("brief lines");
        Ok(())
    }
}
