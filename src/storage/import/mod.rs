//! Writing an `Archive` into the database in one transaction: into an empty
//! database exactly as exported (same row ids, same stored values), or with
//! `merge`, adding the records whose stable ids are new and listing every
//! conflict without overwriting anything.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::storage::db::{OptionalExtension, params};

use crate::domain::Change;
use crate::domain::archive::{Archive, MeasureRecord, ReadingRecord, TeamRecord, Timed};
use crate::domain::restore::Restore;

mod brief;
mod links;
mod plan;
mod records;
mod trigger;

use super::Writer;
use crate::storage::StoreError;
use crate::storage::archive_out::export_from;
use crate::storage::names::{self, Named};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Records added, by kind.
    pub added: BTreeMap<&'static str, usize>,
    /// Records already here and identical.
    pub unchanged: usize,
    /// Records left alone because this database holds something else under
    /// the same id or name, one line each.
    pub conflicts: Vec<String>,
}

/// uid → local row id, per kind of record.
#[derive(Default)]
struct Ids {
    teams: HashMap<String, i64>,
    measures: HashMap<String, i64>,
    offtrack: HashMap<String, i64>,
    actions: HashMap<String, i64>,
    meetings: HashMap<String, i64>,
    decisions: HashMap<String, i64>,
    brief: HashMap<String, i64>,
    initiatives: HashMap<String, i64>,
    /// The decisions this import added: only they get their links.
    new_decisions: HashSet<String>,
}

impl super::Batch<'_, '_> {
    /// Imports `a`. Without `merge` the database must be empty. `progress`
    /// is told how many records were written.
    pub fn import(
        &mut self,
        a: &Archive,
        merge: bool,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportReport, StoreError> {
        self.writer.import(a, merge, progress)
    }
}

impl Writer<'_> {
    /// Imports `a` (already validated). Without `merge` the database must be
    /// empty. `progress` is told how many records were written.
    fn import(
        &mut self,
        a: &Archive,
        merge: bool,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportReport, StoreError> {
        a.validate()
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        // Written, and compared with what is here, as the store keeps times.
        let mut a = a.clone();
        a.to_stored();
        let empty: bool = self.tx.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM team) AND NOT EXISTS (SELECT 1 FROM person)",
            [],
            |r| r.get(0),
        )?;
        if !empty && !merge {
            return Err(StoreError::Refused(
                "this database already holds data: import into a new file, or add --merge to add what is new".into(),
            ));
        }
        let mut run = Import {
            w: self,
            report: ImportReport::default(),
            ids: Ids::default(),
            existing: None,
            exact: !merge || empty,
            progress,
        };
        if !run.exact {
            run.load_existing()?;
        }
        run.all(&a)?;
        Ok(run.report)
    }
}

struct Import<'w, 'a, 'p> {
    w: &'w mut Writer<'a>,
    report: ImportReport,
    ids: Ids,
    /// This database as an archive, to compare merged records against.
    existing: Option<Archive>,
    /// Keep the archive's row ids (an import into an empty database).
    exact: bool,
    progress: &'p mut dyn FnMut(usize),
}

/// Whether two records are the same but for their local row id.
fn same<T: Clone + PartialEq>(incoming: &T, existing: &T, with_id: impl Fn(&mut T)) -> bool {
    let mut a = incoming.clone();
    with_id(&mut a);
    &a == existing
}

impl Import<'_, '_, '_> {
    fn load_existing(&mut self) -> Result<(), StoreError> {
        let here = export_from(self.w.tx, None)?;
        self.ids.teams = here.teams.iter().map(|t| (t.uid.clone(), t.id)).collect();
        self.ids.measures = here
            .measures
            .iter()
            .map(|m| (m.uid.clone(), m.id))
            .collect();
        self.ids.offtrack = here
            .offtrack
            .iter()
            .map(|o| (o.uid.clone(), o.id))
            .collect();
        self.ids.actions = here.actions.iter().map(|x| (x.uid.clone(), x.id)).collect();
        self.ids.meetings = here
            .meetings
            .iter()
            .map(|m| (m.uid.clone(), m.id))
            .collect();
        self.ids.decisions = here
            .decisions
            .iter()
            .map(|d| (d.uid.clone(), d.id))
            .collect();
        self.ids.brief = here.brief.iter().map(|b| (b.uid.clone(), b.id)).collect();
        self.ids.initiatives = here
            .plan
            .initiatives
            .iter()
            .map(|i| (i.uid.clone(), i.id))
            .collect();
        self.existing = Some(here);
        Ok(())
    }

    fn added(&mut self, kind: &'static str) {
        *self.report.added.entry(kind).or_default() += 1;
        (self.progress)(1);
    }

    fn unchanged(&mut self) {
        self.report.unchanged += 1;
        (self.progress)(1);
    }

    fn conflict(&mut self, text: String) {
        self.report.conflicts.push(text);
        (self.progress)(1);
    }

    fn id(&self, id: i64) -> Option<i64> {
        self.exact.then_some(id)
    }

    fn person(
        &mut self,
        name: &Option<String>,
        created_at: &str,
    ) -> Result<Option<i64>, StoreError> {
        let Some(name) = name.as_deref().filter(|n| !n.trim().is_empty()) else {
            return Ok(None);
        };
        if let Some((id, _)) = names::find(self.w.tx, Named::Person, name, None)? {
            return Ok(Some(id));
        }
        let id = self.restore(Restore::Person {
            id: None,
            name: name.to_string(),
            created_at: created_at.to_string(),
        })?;
        Ok(Some(id))
    }

    /// Writes one record through the door, as a `Change::Restore`; returns
    /// the row it wrote.
    fn restore(&mut self, r: Restore) -> Result<i64, StoreError> {
        Ok(self.w.apply(&Change::Restore(Box::new(r)))?.id)
    }

    fn all(&mut self, a: &Archive) -> Result<(), StoreError> {
        for p in &a.people {
            if names::find(self.w.tx, Named::Person, &p.name, None)?.is_some() {
                self.unchanged();
            } else {
                let id = self.id(p.id);
                self.restore(Restore::Person {
                    id,
                    name: p.name.clone(),
                    created_at: p.created_at.clone(),
                })?;
                self.added("people");
            }
        }
        let mut new_teams = Vec::new();
        for t in &a.teams {
            if self.team(t)? {
                new_teams.push(t.uid.clone());
            }
        }
        for s in &a.agendas {
            if !new_teams.contains(&s.team) {
                // A team already here keeps its own agenda; one that was
                // not imported takes its agenda with it, as a conflict.
                if self.ids.teams.contains_key(&s.team) {
                    self.unchanged();
                } else {
                    self.owning_team(&format!("agenda section '{}'", s.name), &s.team);
                }
                continue;
            }
            let Some(team) = self.ids.teams.get(&s.team).copied() else {
                continue;
            };
            self.restore(Restore::Agenda {
                team,
                record: s.clone(),
            })?;
            self.added("agenda sections");
        }
        for m in &a.measures {
            self.measure(m)?;
        }
        for r in &a.readings {
            self.reading(r)?;
        }
        for o in &a.offtrack {
            self.offtrack(o)?;
        }
        for m in &a.meetings {
            self.meeting(m)?;
        }
        for d in &a.decisions {
            self.decision(d)?;
        }
        // Links between decisions, once all of them are in. A decision that
        // was already here keeps its own link, even when the file differs.
        let links: Vec<(i64, Option<i64>)> = a
            .decisions
            .iter()
            .filter(|d| self.ids.new_decisions.contains(&d.uid))
            .filter_map(|d| {
                let old = d.supersedes.as_ref()?;
                let id = *self.ids.decisions.get(&d.uid)?;
                Some((id, self.ids.decisions.get(old).copied()))
            })
            .collect();
        for (decision, old) in links {
            self.restore(Restore::Supersedes { decision, old })?;
        }
        for x in &a.actions {
            self.action(x)?;
        }
        for d in &a.dependencies {
            self.dependency(d)?;
        }
        self.brief(a)?;
        self.triggers(a)?;
        self.plan(a)?;
        self.links(a)
    }

    /// Returns whether the team was added (so its agenda comes with it).
    fn team(&mut self, t: &TeamRecord) -> Result<bool, StoreError> {
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.teams.iter().find(|x| x.uid == t.uid))
            .cloned()
        {
            if same(t, &here, |x| x.id = here.id) {
                self.unchanged();
            } else if t.name == here.name {
                self.conflict(format!(
                    "team '{}' ({}): differs from the one here (review week or flexible pool)",
                    t.name, t.uid
                ));
            } else {
                self.conflict(format!(
                    "team '{}' ({}): this database has it as '{}'",
                    t.name, t.uid, here.name
                ));
            }
            return Ok(false);
        }
        if let Some((_, name)) = names::find(self.w.tx, Named::Team, &t.name, None)? {
            self.conflict(format!(
                "team '{}' ({}): another team named '{name}' is already here",
                t.name, t.uid
            ));
            return Ok(false);
        }
        let id = self.id(t.id);
        let id = self.restore(Restore::Team {
            id,
            record: t.clone(),
        })?;
        self.ids.teams.insert(t.uid.clone(), id);
        self.added("teams");
        Ok(true)
    }

    /// The local id of a record's team, or a conflict saying why it was skipped.
    fn owning_team(&mut self, what: &str, team: &str) -> Option<i64> {
        let found = self.ids.teams.get(team).copied();
        if found.is_none() {
            self.conflict(format!("{what}: its team ({team}) was not imported"));
        }
        found
    }

    fn measure(&mut self, m: &MeasureRecord) -> Result<(), StoreError> {
        if let Some(here) = self
            .existing
            .as_ref()
            .and_then(|e| e.measures.iter().find(|x| x.uid == m.uid))
            .cloned()
        {
            if same(m, &here, |x| x.id = here.id) {
                self.unchanged();
            } else {
                self.conflict(format!(
                    "measure '{}' ({}): differs from the one here",
                    m.name, m.uid
                ));
            }
            return Ok(());
        }
        let Some(team) = self.owning_team(&format!("measure '{}'", m.name), &m.team) else {
            return Ok(());
        };
        if names::find(self.w.tx, Named::Measure(team), &m.name, None)?.is_some() {
            self.conflict(format!(
                "measure '{}' ({}): another measure of that name is already in its team",
                m.name, m.uid
            ));
            return Ok(());
        }
        let owner = self.person(&m.owner, &m.created_at)?;
        let id = self.id(m.id);
        let id = self.restore(Restore::Measure {
            id,
            team,
            owner,
            record: m.clone(),
        })?;
        self.ids.measures.insert(m.uid.clone(), id);
        self.added("measures");
        Ok(())
    }

    fn reading(&mut self, r: &ReadingRecord) -> Result<(), StoreError> {
        let Some(measure) = self.ids.measures.get(&r.measure).copied() else {
            self.conflict(format!(
                "reading {} of measure {}: its measure was not imported",
                r.week, r.measure
            ));
            return Ok(());
        };
        if !self.exact {
            let here: Option<(f64, Option<String>)> = self
                .w
                .tx
                .query_row(
                    "SELECT value, note FROM reading WHERE measure_id = ?1 AND week = ?2",
                    params![measure, r.week],
                    |x| Ok((x.get(0)?, x.get(1)?)),
                )
                .optional()?;
            if let Some((value, note)) = here {
                if value == r.value && note == r.note {
                    self.unchanged();
                } else {
                    self.conflict(format!(
                        "reading {} of measure {}: {} here, {} in the file",
                        r.week, r.measure, value, r.value
                    ));
                }
                return Ok(());
            }
        }
        self.restore(Restore::Reading {
            measure,
            record: r.clone(),
        })?;
        self.added("readings");
        Ok(())
    }
}
