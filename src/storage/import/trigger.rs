//! Importing trigger rules with their episodes: each added, found
//! unchanged, or listed as a conflict, like every other record; a rule
//! whose team or measure did not come in is a conflict too.

use super::{Import, same};
use crate::domain::archive::{Archive, TriggerRecord};
use crate::domain::restore::Restore;
use crate::storage::StoreError;

impl Import<'_, '_, '_> {
    pub(super) fn triggers(&mut self, a: &Archive) -> Result<(), StoreError> {
        for t in &a.triggers {
            self.trigger(t)?;
        }
        Ok(())
    }

    fn trigger(&mut self, t: &TriggerRecord) -> Result<(), StoreError> {
        let what = format!("trigger '{}' ({})", t.rule, t.uid);
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.triggers.iter().find(|x| x.uid == t.uid))
            .cloned()
        {
            self.same_or_conflict(&what, same(t, &here, |x| x.id = here.id));
            return Ok(());
        }
        let Some(team) = self.owning_team(&what, &t.team) else {
            return Ok(());
        };
        let Some(measure) = self.ids.measures.get(&t.measure).copied() else {
            self.conflict(format!(
                "{what}: its measure ({}) was not imported",
                t.measure
            ));
            return Ok(());
        };
        let id = self.id(t.id);
        self.restore(Restore::Trigger {
            id,
            team,
            measure,
            record: t.clone(),
        })?;
        self.added("trigger rules");
        Ok(())
    }
}
