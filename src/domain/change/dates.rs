//! The range rule of `Change::validate`: every week, date and time a change
//! would store lies in the years rhythm reads back (see `domain::week`).

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::validate::ChangeError;
use super::{Change, FieldEdit};
use crate::domain::week::{Week, year_in_range};

fn check_week(what: &'static str, week: Week) -> Result<(), ChangeError> {
    if week.in_range() {
        Ok(())
    } else {
        Err(ChangeError::OutOfRange {
            what,
            value: week.to_string(),
        })
    }
}

fn check_date(what: &'static str, date: Option<NaiveDate>) -> Result<(), ChangeError> {
    match date {
        Some(d) if !year_in_range(d.year()) => Err(ChangeError::OutOfRange {
            what,
            value: d.to_string(),
        }),
        _ => Ok(()),
    }
}

fn check_time(what: &'static str, at: Option<DateTime<Utc>>) -> Result<(), ChangeError> {
    match at {
        Some(t) if !year_in_range(t.year()) => Err(ChangeError::OutOfRange {
            what,
            value: t.to_rfc3339(),
        }),
        _ => Ok(()),
    }
}

impl Change {
    /// Every week and date a change would store is one rhythm reads back:
    /// typed ones were parsed in range, but computed ones (a due date a week
    /// on, the week before the first) are only caught here, at the one door.
    pub(super) fn check_dates(&self) -> Result<(), ChangeError> {
        match self {
            Change::RecordReading { week, .. } => check_week("week", *week),
            Change::StartMeeting { week, .. } => check_week("meeting week", *week),
            Change::AddOffTrack(o) => check_week("raised week", o.raised_week),
            Change::AddMeeting(m) => {
                check_week("meeting week", m.week)?;
                check_time("meeting start", Some(m.started_at))?;
                check_time("meeting end", m.ended_at)
            }
            Change::AddAction(a) => check_date("due date", a.due),
            Change::EditAction { due, .. } => check_date("due date", *due),
            Change::AddDecision(d) => check_date("due date", d.due),
            Change::EditDecision { edit, .. } => check_date("due date", edit.due),
            Change::AddDependency(d) => check_date("needed-by date", d.needed_by),
            Change::UpdateDependency { needed_by, .. } => check_date("needed-by date", *needed_by),
            Change::EditDependency { edit, .. } => match edit.needed_by {
                FieldEdit::Set(d) => check_date("needed-by date", Some(d)),
                FieldEdit::Keep | FieldEdit::Clear => Ok(()),
            },
            Change::DrawFlex(d) => check_date("draw date", Some(d.on)),
            // A week cleared is a row deleted: one out of the range (stored
            // before this rule) must stay removable.
            _ => Ok(()),
        }
    }
}
