//! The links' part of `Archive::validate`: each names a kind of record
//! that can serve a brief line, a record of that kind in the export, and
//! a choice or objective its team may serve (see `check_serves`); a
//! record serves one line, so it is linked once.

use std::collections::{HashMap, HashSet};

use super::plan::check_serves;
use super::{bad, check_enum};
use crate::domain::archive::{Archive, ArchiveError};
use crate::domain::model::Serving;

impl Archive {
    pub(super) fn validate_links(&self) -> Result<(), ArchiveError> {
        let lines = self.brief_lines();
        let team_of = |kind: Serving| -> HashMap<&str, &str> {
            match kind {
                Serving::Measure => self
                    .measures
                    .iter()
                    .map(|x| (x.uid.as_str(), x.team.as_str()))
                    .collect(),
                Serving::Action => self
                    .actions
                    .iter()
                    .map(|x| (x.uid.as_str(), x.team.as_str()))
                    .collect(),
                Serving::OffTrack => self
                    .offtrack
                    .iter()
                    .map(|x| (x.uid.as_str(), x.team.as_str()))
                    .collect(),
                Serving::Decision => self
                    .decisions
                    .iter()
                    .map(|x| (x.uid.as_str(), x.team.as_str()))
                    .collect(),
            }
        };
        let mut records: HashMap<Serving, HashMap<&str, &str>> = HashMap::new();
        let mut seen = HashSet::new();
        for (i, l) in self.links.iter().enumerate() {
            let p = |f: &str| format!("links[{i}].{f}");
            check_enum::<Serving>(p("kind"), &l.kind)?;
            let kind: Serving = l.kind.parse().map_err(|e: String| bad(p("kind"), e))?;
            let teams = records.entry(kind).or_insert_with(|| team_of(kind));
            let Some(team) = teams.get(l.uid.as_str()) else {
                return Err(bad(
                    p("uid"),
                    format!("'{}' is not a {} in this export", l.uid, kind.as_str()),
                ));
            };
            if !seen.insert((kind, l.uid.as_str())) {
                return Err(bad(
                    p("uid"),
                    format!("'{}' is linked twice: it serves one line", l.uid),
                ));
            }
            check_serves(p("serves_uid"), &lines, &l.serves_uid, team)?;
        }
        Ok(())
    }
}
