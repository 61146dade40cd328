//! Importing the links from weekly work to the brief, once every record
//! and brief line is in: a record this import added takes its link, as
//! a `Change::Serve` through the door; a record already here keeps its
//! own, and a file that links it otherwise is listed as a conflict; a
//! link whose record or brief line did not come in is a conflict too.

use super::Import;
use crate::domain::archive::{Archive, LinkRecord};
use crate::domain::change::{Change, RowRef};
use crate::domain::model::{BriefItemId, Serving};
use crate::storage::StoreError;

impl Import<'_, '_, '_> {
    pub(super) fn links(&mut self, a: &Archive) -> Result<(), StoreError> {
        for l in &a.links {
            self.link(l)?;
        }
        Ok(())
    }

    fn link(&mut self, l: &LinkRecord) -> Result<(), StoreError> {
        // Validated before the import began.
        let kind: Serving = l.kind.parse().map_err(StoreError::Refused)?;
        let what = format!("the link of {} {} to the brief", kind.as_str(), l.uid);
        if let Some(here) = &self.existing {
            let was_here = match kind {
                Serving::Measure => here.measures.iter().any(|x| x.uid == l.uid),
                Serving::Action => here.actions.iter().any(|x| x.uid == l.uid),
                Serving::OffTrack => here.offtrack.iter().any(|x| x.uid == l.uid),
                Serving::Decision => here.decisions.iter().any(|x| x.uid == l.uid),
            };
            if was_here {
                let same = here.links.iter().any(|x| x == l);
                self.same_or_conflict(&what, same);
                return Ok(());
            }
        }
        let ids = match kind {
            Serving::Measure => &self.ids.measures,
            Serving::Action => &self.ids.actions,
            Serving::OffTrack => &self.ids.offtrack,
            Serving::Decision => &self.ids.decisions,
        };
        let Some(record) = ids.get(&l.uid).copied() else {
            self.conflict(format!("{what}: the {} was not imported", kind.as_str()));
            return Ok(());
        };
        let Some(line) = self.ids.brief.get(&l.serves_uid).copied() else {
            self.conflict(format!(
                "{what}: the brief line it serves ({}) was not imported",
                l.serves_uid
            ));
            return Ok(());
        };
        self.w.apply(&Change::Serve {
            kind,
            record: RowRef::Id(record),
            line: Some(BriefItemId(line)),
        })?;
        self.added("links");
        Ok(())
    }
}
