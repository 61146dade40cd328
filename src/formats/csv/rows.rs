//! The rows below the header: each cell read as a week or a value, a
//! reading given twice caught, and every problem located at its cell.

use std::collections::HashMap;

use crate::domain::Week;
use crate::domain::week::WeekError;

use super::dates::{DateFormat, to_iso};
use super::guard::unguard;
use super::header::{LongColumns, WideColumns};
use super::read::Record;
use super::value::{Decimal, parse_value_in, shown};
use super::{At, Name, Parsed, Problem, Row};

/// How the rows' numbers and dates are written.
pub(super) struct Rules {
    pub(super) numbers: Numbers,
    pub(super) dates: Option<DateFormat>,
}

pub(super) enum Numbers {
    /// By `--decimal`, or a point in a file separated by commas.
    Given(Decimal),
    /// A file separated by semicolons, as spreadsheets save it where the
    /// decimal mark is a comma: a comma is read as one. A number with
    /// points alone is read only when one reading fits: `104.5`, but not
    /// `1.234`, which is 1.234 or 1234 depending on where it was written.
    SemicolonFile,
}

impl Rules {
    fn value(&self, cell: &str) -> Result<f64, String> {
        match self.numbers {
            Numbers::Given(d) => parse_value_in(cell, d),
            Numbers::SemicolonFile if cell.contains(',') => parse_value_in(cell, Decimal::Comma),
            Numbers::SemicolonFile => match (
                parse_value_in(cell, Decimal::Comma),
                parse_value_in(cell, Decimal::Point),
            ) {
                (Ok(a), Ok(b)) if a == b => Ok(a),
                (Ok(_), Ok(_)) => Err(format!(
                    "'{}' is ambiguous: pass --decimal ',' if its points separate thousands, or --decimal '.' if it is a decimal point",
                    shown(cell)
                )),
                (Ok(v), Err(_)) | (Err(_), Ok(v)) => Ok(v),
                (Err(e), Err(_)) => Err(e),
            },
        }
    }
}

/// Readings seen so far, by measure name (any case) and week, to catch one
/// given twice.
#[derive(Default)]
pub(super) struct Seen(HashMap<(String, Week), u64>);

impl Seen {
    /// Records a reading, or reports it as a second one for its measure and
    /// week; `raw` is the value as the file has it.
    fn add(&mut self, p: &mut Parsed, row: Row, raw: &str) {
        let text = &p.names[row.name].text;
        let key = (text.to_lowercase(), row.week);
        if let Some(first) = self.0.get(&key) {
            let message = format!(
                "'{}' is a second value for {} in {} (the first is on line {first})",
                shown(raw),
                shown(text),
                row.week
            );
            p.problems.push(Problem::new(row.at, message));
            return;
        }
        self.0.insert(key, row.at.line);
        p.rows.push(row);
    }
}

pub(super) fn long_row(
    r: &Record,
    cells: &[Option<String>],
    cols: &LongColumns,
    rules: &Rules,
    seen: &mut Seen,
    p: &mut Parsed,
) {
    let (Some(measure), Some(week), Some(value)) =
        (&cells[cols.measure], &cells[cols.week], &cells[cols.value])
    else {
        return;
    };
    let measure = unguard(measure);
    let note = cols
        .note
        .and_then(|i| cells[i].as_deref())
        .map(|n| unguard(n).to_string())
        .filter(|n| !n.is_empty());
    if value.is_empty() {
        // A missing reading, unless a note says something was meant.
        if let Some(note) = note {
            p.problems.push(Problem::new(
                r.at(cols.value),
                format!(
                    "the value is empty but the note '{}' is not: a note is kept only with a value",
                    shown(&note)
                ),
            ));
        }
        return;
    }
    let before = p.problems.len();
    // The name is checked against the team even when the row has other
    // problems, so that every problem is reported in one go.
    let name = if measure.is_empty() {
        p.problems
            .push(Problem::new(r.at(cols.measure), "the measure is empty"));
        None
    } else {
        p.names.push(Name {
            text: measure.to_string(),
            at: r.at(cols.measure),
        });
        Some(p.names.len() - 1)
    };
    let week = parse_week_cell(week, r.at(cols.week), rules.dates, p);
    let value_at = r.at(cols.value);
    let number = match rules.value(value) {
        Ok(v) => Some(v),
        Err(message) => {
            p.problems.push(Problem::new(value_at, message));
            None
        }
    };
    if let (Some(name), Some(week), Some(number)) = (name, week, number)
        && p.problems.len() == before
    {
        let row = Row {
            name,
            week,
            value: number,
            note,
            at: value_at,
        };
        seen.add(p, row, value);
    }
}

pub(super) fn wide_row(
    r: &Record,
    cells: &[Option<String>],
    cols: &WideColumns,
    rules: &Rules,
    seen: &mut Seen,
    p: &mut Parsed,
) {
    let filled: Vec<(usize, usize, &str)> = cols
        .measures
        .iter()
        .filter_map(|&(i, name)| match &cells[i] {
            Some(v) if !v.is_empty() => Some((i, name, v.as_str())),
            _ => None,
        })
        .collect();
    // A row without values (a week not yet measured, a blank separator)
    // holds no readings, whatever its first cell says.
    if filled.is_empty() {
        return;
    }
    let week = match &cells[0] {
        Some(w) => parse_week_cell(w, r.at(0), rules.dates, p),
        None => None,
    };
    for (i, name, raw) in filled {
        match rules.value(raw) {
            Ok(value) => {
                if let Some(week) = week {
                    let row = Row {
                        name,
                        week,
                        value,
                        note: None,
                        at: r.at(i),
                    };
                    seen.add(p, row, raw);
                }
            }
            Err(message) => p.problems.push(Problem::new(r.at(i), message)),
        }
    }
}

/// A week as typed in a week column: `2026-W48`, a date in the week, or a
/// date with the midnight time some spreadsheets add (`2026-11-23 00:00:00`),
/// the date also in the order `dates` gives (`23/11/2026`).
fn parse_week_cell(cell: &str, at: At, dates: Option<DateFormat>, p: &mut Parsed) -> Option<Week> {
    if cell.is_empty() {
        p.problems.push(Problem::new(at, "the week is empty"));
        return None;
    }
    let iso = match to_iso(cell, dates) {
        Some(Err(message)) => {
            p.problems.push(Problem::new(at, message));
            return None;
        }
        Some(Ok(iso)) => Some(iso),
        None => None,
    };
    let parsed = iso.as_deref().unwrap_or(cell).parse::<Week>().or_else(|e| {
        let date_time = cell.get(..10).zip(cell.get(10..)).filter(|(_, time)| {
            time.starts_with([' ', 'T'])
                && time[1..]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        });
        match date_time {
            Some((date, _)) => date.parse::<Week>().map_err(|_| e),
            None => Err(e),
        }
    });
    match parsed {
        Ok(w) => Some(w),
        Err(e) => {
            let shown = WeekError {
                input: shown(cell),
                reason: e.reason,
            };
            p.problems.push(Problem::new(at, shown.to_string()));
            None
        }
    }
}
