//! How the export writes a moment, and how the store keeps it. The store
//! keeps SQLite's usual text for a UTC time (`2026-06-08 08:00:00+00:00`), which
//! jq and most JSON tools refuse; the export writes RFC 3339 in UTC with `Z`
//! (`2026-06-08T08:00:00Z`, fractional seconds only when stored). Both are
//! read on import (exports of version 1 carry the store's text), and each
//! converts to the other without loss, so export → import → export gives
//! the same bytes.

use chrono::{DateTime, Utc};

use super::{
    ActionRecord, Archive, BriefRecord, DecisionRecord, DependencyRecord, MeasureRecord,
    MeetingRecord, OffTrackRecord, PersonRecord, ReadingRecord, TeamRecord, TriggerRecord,
};

/// The store's text for a time: what every `Change` writes.
pub const STORED: &str = "%Y-%m-%d %H:%M:%S%.f%:z";
/// The export's: RFC 3339, always UTC.
pub const EXPORTED: &str = "%Y-%m-%dT%H:%M:%S%.fZ";
/// A time as the export writes it, for messages.
pub const EXAMPLE: &str = "2026-11-25T09:00:00Z";

/// `text` as a moment: the store's form or RFC 3339 (any offset).
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_str(text, STORED)
        .or_else(|_| DateTime::parse_from_rfc3339(text))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// How `text` must be written to be read as it is: in the export's form,
/// or (for files of earlier builds) in the store's.
pub fn canonical(text: &str, time: DateTime<Utc>) -> String {
    let stored = time.format(STORED).to_string();
    if stored == text {
        stored
    } else {
        time.format(EXPORTED).to_string()
    }
}

/// The stored `text` as the export writes it; text that is not a stored
/// time is left as it is (validation names it on the way back in).
pub fn exported(text: &str) -> String {
    match DateTime::parse_from_str(text, STORED) {
        Ok(t) => t.with_timezone(&Utc).format(EXPORTED).to_string(),
        Err(_) => text.to_string(),
    }
}

/// The exported (or stored) `text` as the store keeps it.
pub fn stored(text: &str) -> String {
    match parse(text) {
        Some(t) => t.format(STORED).to_string(),
        None => text.to_string(),
    }
}

/// Records that carry times: `each_time` visits every one of them, so a
/// field added to a record is converted in both directions or in neither.
pub trait Timed {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String));

    /// Rewrites every time from the store's form to the export's.
    fn to_exported(&mut self) {
        self.each_time(&mut |t| *t = exported(t));
    }

    /// Rewrites every time to the store's form.
    fn to_stored(&mut self) {
        self.each_time(&mut |t| *t = stored(t));
    }
}

fn maybe(value: &mut Option<String>, f: &mut dyn FnMut(&mut String)) {
    if let Some(v) = value {
        f(v);
    }
}

impl Timed for TeamRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.created_at);
    }
}

impl Timed for PersonRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.created_at);
    }
}

impl Timed for MeasureRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.created_at);
        f(&mut self.updated_at);
    }
}

impl Timed for ReadingRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.recorded_at);
    }
}

impl Timed for OffTrackRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.created_at);
        f(&mut self.updated_at);
    }
}

impl Timed for ActionRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.created_at);
        f(&mut self.updated_at);
        maybe(&mut self.closed_at, f);
    }
}

impl Timed for DependencyRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.created_at);
        f(&mut self.updated_at);
    }
}

impl Timed for MeetingRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.started_at);
        maybe(&mut self.ended_at, f);
    }
}

impl Timed for DecisionRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        maybe(&mut self.made_at, f);
        f(&mut self.created_at);
        f(&mut self.updated_at);
    }
}

impl Timed for BriefRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.created_at);
        f(&mut self.updated_at);
    }
}

impl Timed for TriggerRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.created_at);
        f(&mut self.updated_at);
        for e in &mut self.episodes {
            f(&mut e.recorded_at);
        }
    }
}

impl Timed for super::InitiativeRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.created_at);
        f(&mut self.updated_at);
    }
}

impl Timed for super::MilestoneRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.phase_since);
        f(&mut self.created_at);
        f(&mut self.updated_at);
    }
}

impl Timed for super::FlexDrawRecord {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(&mut self.created_at);
        f(&mut self.updated_at);
    }
}

/// Agenda sections carry no time.
impl Timed for super::AgendaRecord {
    fn each_time(&mut self, _: &mut dyn FnMut(&mut String)) {}
}

impl Timed for Archive {
    fn each_time(&mut self, f: &mut dyn FnMut(&mut String)) {
        self.teams.iter_mut().for_each(|r| r.each_time(f));
        self.people.iter_mut().for_each(|r| r.each_time(f));
        self.measures.iter_mut().for_each(|r| r.each_time(f));
        self.readings.iter_mut().for_each(|r| r.each_time(f));
        self.offtrack.iter_mut().for_each(|r| r.each_time(f));
        self.actions.iter_mut().for_each(|r| r.each_time(f));
        self.dependencies.iter_mut().for_each(|r| r.each_time(f));
        self.meetings.iter_mut().for_each(|r| r.each_time(f));
        self.decisions.iter_mut().for_each(|r| r.each_time(f));
        self.brief.iter_mut().for_each(|r| r.each_time(f));
        self.triggers.iter_mut().for_each(|r| r.each_time(f));
        let plan = &mut self.plan;
        plan.initiatives.iter_mut().for_each(|r| r.each_time(f));
        plan.milestones.iter_mut().for_each(|r| r.each_time(f));
        plan.flex_draws.iter_mut().for_each(|r| r.each_time(f));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_converts_to_the_other_and_back() {
        for (stored_text, exported_text) in [
            ("2026-06-08 08:00:00+00:00", "2026-06-08T08:00:00Z"),
            ("2026-06-08 08:00:00.250+00:00", "2026-06-08T08:00:00.250Z"),
            (
                "2026-06-08 08:00:00.123456789+00:00",
                "2026-06-08T08:00:00.123456789Z",
            ),
        ] {
            assert_eq!(exported(stored_text), exported_text);
            assert_eq!(stored(exported_text), stored_text);
            assert_eq!(stored(stored_text), stored_text);
        }
        assert_eq!(exported("yesterday"), "yesterday");
        assert_eq!(stored("yesterday"), "yesterday");
    }
}
