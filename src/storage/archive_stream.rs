//! `Store::export_to`: the export written as it is read, one row at a time
//! from SQLite into the JSON writer, so memory stays flat however large the
//! database. The bytes are those of `formats::json::to_writer_pretty` on
//! `Store::export`'s `Archive` (same sections, same records, same order),
//! plus a final newline; a test below holds the two together.

use std::cell::{Cell, RefCell};
use std::io::Write;

use crate::storage::db::{Db, params};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use super::archive_out::{
    ACTIONS, AGENDAS, BRIEF, DECISIONS, DEPENDENCIES, FLEX_DRAWS, INITIATIVES, LINKS, MEASURES,
    MEETINGS, MILESTONES, OFFTRACK, PEOPLE, READINGS, Section, TEAMS, TRIGGERS, initiative_people,
    keep_own_side, meeting_details, own_uid, trigger_episodes,
};
use super::{Store, StoreError};
use crate::domain::TeamId;
use crate::domain::archive::{
    DependencyRecord, FORMAT, InitiativeRecord, MeetingRecord, Timed, TriggerRecord, VERSION,
};
use crate::formats::json::Escaping;

/// Progress is reported in steps of this many records, not on every row.
const STEP: usize = 1_000;

/// Why a streaming export stopped: reading the database, or writing out.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Write(#[from] std::io::Error),
}

impl Store {
    /// Writes what `export(team)` holds to `out` as pretty JSON and a final
    /// newline, reading rows as it writes them, inside one read transaction
    /// so a concurrent writer cannot tear it. `progress` hears how many
    /// records were written, in steps. Returns the number of records.
    pub fn export_to(
        &self,
        team: Option<TeamId>,
        out: impl Write,
        progress: &mut dyn FnMut(usize),
    ) -> Result<usize, ExportError> {
        let tx = self
            .conn
            .transaction(crate::storage::db::Begin::Deferred)
            .map_err(StoreError::from)?;
        let doc = Document {
            conn: &tx,
            team,
            own: own_uid(&tx, team)?,
            failed: RefCell::new(None),
            written: Cell::new(0),
            reported: Cell::new(0),
            progress: RefCell::new(progress),
        };
        let mut out = out;
        let mut json = serde_json::Serializer::with_formatter(&mut out, Escaping::pretty());
        if let Err(e) = doc.serialize(&mut json) {
            if let Some(store) = doc.failed.take() {
                return Err(store.into());
            }
            return Err(ExportError::Write(e.into()));
        }
        out.write_all(b"\n")?;
        out.flush()?;
        doc.report();
        let written = doc.written.get();
        drop(doc);
        tx.commit().map_err(StoreError::from)?;
        Ok(written)
    }

    /// How many records `export(team)` holds, for a progress counter.
    pub fn export_len(&self, team: Option<TeamId>) -> Result<usize, StoreError> {
        let sqls = [
            TEAMS.sql,
            PEOPLE.sql,
            AGENDAS.sql,
            MEASURES.sql,
            READINGS.sql,
            OFFTRACK.sql,
            ACTIONS.sql,
            DEPENDENCIES.sql,
            MEETINGS.sql,
            DECISIONS.sql,
            BRIEF.sql,
            TRIGGERS.sql,
            INITIATIVES.sql,
            MILESTONES.sql,
            FLEX_DRAWS.sql,
            LINKS.sql,
        ];
        let mut total = 0;
        for sql in sqls {
            let n: i64 = self.conn.query_row(
                &format!("SELECT count(*) FROM ({sql}) AS s"),
                [team],
                |r| r.get(0),
            )?;
            total += usize::try_from(n).unwrap_or(0);
        }
        Ok(total)
    }
}

/// The whole document; serializing it runs the queries. A database error is
/// kept in `failed` (serde can carry only its text) and returned as itself.
struct Document<'a> {
    conn: &'a Db,
    team: Option<TeamId>,
    own: Option<String>,
    failed: RefCell<Option<StoreError>>,
    written: Cell<usize>,
    reported: Cell<usize>,
    progress: RefCell<&'a mut dyn FnMut(usize)>,
}

impl Document<'_> {
    fn fail<E: serde::ser::Error>(&self, e: impl Into<StoreError>) -> E {
        let e = e.into();
        let text = e.to_string();
        self.failed.borrow_mut().get_or_insert(e);
        E::custom(text)
    }

    fn count(&self) {
        self.written.set(self.written.get() + 1);
        if self.written.get() - self.reported.get() >= STEP {
            self.report();
        }
    }

    fn report(&self) {
        let new = self.written.get() - self.reported.get();
        if new > 0 {
            (self.progress.borrow_mut())(new);
            self.reported.set(self.written.get());
        }
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let own = self.own.as_deref();
        let mut doc = s.serialize_struct("Archive", 16)?;
        doc.serialize_field("format", FORMAT)?;
        doc.serialize_field("version", &VERSION)?;
        doc.serialize_field("teams", &Rows::plain(self, &TEAMS))?;
        doc.serialize_field("people", &Rows::plain(self, &PEOPLE))?;
        doc.serialize_field("agendas", &Rows::plain(self, &AGENDAS))?;
        doc.serialize_field("measures", &Rows::plain(self, &MEASURES))?;
        doc.serialize_field("readings", &Rows::plain(self, &READINGS))?;
        doc.serialize_field("offtrack", &Rows::plain(self, &OFFTRACK))?;
        doc.serialize_field("actions", &Rows::plain(self, &ACTIONS))?;
        let one_team = self.team.is_some();
        let own_sides = |d: &mut DependencyRecord| {
            if one_team {
                keep_own_side(d, own);
            }
            Ok(())
        };
        let deps = Rows::then(self, &DEPENDENCIES, &own_sides);
        doc.serialize_field("dependencies", &deps)?;
        let details = |m: &mut MeetingRecord| meeting_details(self.conn, m);
        doc.serialize_field("meetings", &Rows::then(self, &MEETINGS, &details))?;
        doc.serialize_field("decisions", &Rows::plain(self, &DECISIONS))?;
        doc.serialize_field("brief", &Rows::plain(self, &BRIEF))?;
        let episodes = |t: &mut TriggerRecord| trigger_episodes(self.conn, t);
        doc.serialize_field("triggers", &Rows::then(self, &TRIGGERS, &episodes))?;
        doc.serialize_field("plan", &PlanRows(self))?;
        doc.serialize_field("links", &Rows::plain(self, &LINKS))?;
        doc.end()
    }
}

/// The plan's section: an object of three arrays, each streamed.
struct PlanRows<'d, 'a>(&'d Document<'a>);

impl Serialize for PlanRows<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let doc = self.0;
        let mut plan = s.serialize_struct("PlanSection", 3)?;
        let people = |i: &mut InitiativeRecord| initiative_people(doc.conn, i);
        plan.serialize_field("initiatives", &Rows::then(doc, &INITIATIVES, &people))?;
        plan.serialize_field("milestones", &Rows::plain(doc, &MILESTONES))?;
        plan.serialize_field("flex_draws", &Rows::plain(doc, &FLEX_DRAWS))?;
        plan.end()
    }
}

/// A section as a JSON array, each row made a record, finished by `then`
/// (for what one query cannot say) and written before the next is read.
struct Rows<'d, 'a, T> {
    doc: &'d Document<'a>,
    section: &'d Section<T>,
    then: &'d dyn Fn(&mut T) -> Result<(), StoreError>,
}

impl<'d, 'a, T> Rows<'d, 'a, T> {
    fn plain(doc: &'d Document<'a>, section: &'d Section<T>) -> Rows<'d, 'a, T> {
        Rows {
            doc,
            section,
            then: &|_| Ok(()),
        }
    }

    fn then(
        doc: &'d Document<'a>,
        section: &'d Section<T>,
        then: &'d dyn Fn(&mut T) -> Result<(), StoreError>,
    ) -> Rows<'d, 'a, T> {
        Rows { doc, section, then }
    }
}

impl<T: Serialize + Timed> Serialize for Rows<'_, '_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let doc = self.doc;
        let mut stmt = doc
            .conn
            .prepare(self.section.sql)
            .map_err(|e| doc.fail::<S::Error>(e))?;
        let mut rows = stmt
            .query(params![doc.team])
            .map_err(|e| doc.fail::<S::Error>(e))?;
        // An empty section is `[]` either way: serde_json writes the same
        // bytes for an unknown length as for a `Vec`'s.
        let mut seq = s.serialize_seq(None)?;
        while let Some(row) = rows.next().map_err(|e| doc.fail::<S::Error>(e))? {
            let mut record = (self.section.row)(&row).map_err(|e| doc.fail::<S::Error>(e))?;
            (self.then)(&mut record).map_err(|e| doc.fail::<S::Error>(e))?;
            record.to_exported();
            seq.serialize_element(&record)?;
            doc.count();
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::clock::Clock;

    fn demo() -> Store {
        let clock = Clock::pinned("2026-11-24T10:00:00Z").unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store
            .batch(clock.now, |w| crate::demo::fill(w, clock.today).map(|_| ()))
            .unwrap();
        store
    }

    fn in_memory(store: &Store, team: Option<TeamId>) -> Vec<u8> {
        let mut text = Vec::new();
        crate::formats::json::to_writer_pretty(&mut text, &store.export(team).unwrap()).unwrap();
        text.push(b'\n');
        text
    }

    fn streamed(store: &Store, team: Option<TeamId>) -> (Vec<u8>, usize, usize) {
        let mut out = Vec::new();
        let mut heard = 0;
        let n = store
            .export_to(team, &mut out, &mut |k| heard += k)
            .unwrap();
        (out, n, heard)
    }

    #[test]
    fn the_stream_writes_the_archives_bytes() {
        let store = demo();
        let (bytes, n, heard) = streamed(&store, None);
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            String::from_utf8(in_memory(&store, None)).unwrap()
        );
        let len = store.export(None).unwrap().len();
        assert_eq!((n, heard), (len, len));
        assert_eq!(store.export_len(None).unwrap(), len);
    }

    #[test]
    fn a_one_team_stream_writes_that_teams_archive() {
        let store = demo();
        for team in store.teams().unwrap() {
            let (bytes, n, _) = streamed(&store, Some(team.id));
            assert_eq!(bytes, in_memory(&store, Some(team.id)), "{}", team.name);
            assert_eq!(n, store.export(Some(team.id)).unwrap().len());
            assert_eq!(store.export_len(Some(team.id)).unwrap(), n);
        }
    }

    #[test]
    fn an_empty_database_streams_empty_sections() {
        let store = Store::open_in_memory().unwrap();
        let (bytes, n, _) = streamed(&store, None);
        assert_eq!(bytes, in_memory(&store, None));
        assert_eq!(n, 0);
    }

    #[test]
    fn a_failed_write_is_a_write_error() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let store = demo();
        let err = store.export_to(None, Full, &mut |_| {}).unwrap_err();
        assert!(matches!(err, ExportError::Write(_)), "{err:?}");
    }
}
