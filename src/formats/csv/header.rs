//! The header row: which columns the long form has, or which measures the
//! wide form names, each problem with it located at its cell.

use std::collections::HashMap;

use super::guard::unguard;
use super::read::Record;
use super::value::shown;
use super::{At, LONG_HEADER, Name, Parsed, Problem};

pub(super) struct LongColumns {
    pub(super) measure: usize,
    pub(super) week: usize,
    pub(super) value: usize,
    pub(super) note: Option<usize>,
    unnamed: Vec<usize>,
}

pub(super) struct WideColumns {
    /// Column index and index into `Parsed::names`, for each measure column.
    pub(super) measures: Vec<(usize, usize)>,
    unnamed: Vec<usize>,
}

pub(super) enum Layout {
    Long(LongColumns),
    Wide(WideColumns),
}

impl Layout {
    /// The first column without a header name that holds a value in this row.
    pub(super) fn unnamed_with_value(&self, cells: &[Option<String>]) -> Option<usize> {
        let unnamed = match self {
            Layout::Long(c) => &c.unnamed,
            Layout::Wide(c) => &c.unnamed,
        };
        unnamed
            .iter()
            .copied()
            .find(|&i| cells[i].as_deref().is_some_and(|s| !s.is_empty()))
    }
}

pub(super) fn long_header(
    header: &Record,
    cells: &[Option<String>],
    p: &mut Parsed,
) -> Option<Layout> {
    let before = p.problems.len();
    let mut found: [Option<usize>; 4] = [None; 4];
    let mut unnamed = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let Some(cell) = cell else { continue };
        if cell.is_empty() {
            unnamed.push(i);
            continue;
        }
        let key = cell.to_ascii_lowercase();
        let Some(slot) = ["measure", "week", "value", "note"]
            .iter()
            .position(|k| *k == key)
        else {
            p.problems.push(Problem::new(
                header.at(i),
                format!(
                    "'{}' is not a column of the long form: its header is {LONG_HEADER} (note may be left out)",
                    shown(cell)
                ),
            ));
            continue;
        };
        match found[slot] {
            Some(first) => p.problems.push(Problem::new(
                header.at(i),
                format!(
                    "'{}' appears twice in the header (also column {})",
                    shown(cell),
                    first + 1
                ),
            )),
            None => found[slot] = Some(i),
        }
    }
    // A column missing because its name was misspelt or unreadable has
    // been reported as such already.
    let reported = p.problems.len() > before || cells.iter().any(Option::is_none);
    let missing = ["measure", "week", "value"]
        .iter()
        .zip(found)
        .find(|(_, at)| at.is_none());
    if let (false, Some((name, _))) = (reported, missing) {
        p.problems.push(Problem::new(
            At::line(header.line),
            format!("the header has no {name} column: the long form's header is {LONG_HEADER}"),
        ));
    }
    // Rows are still read past an unknown or repeated column, so that one
    // run reports every problem.
    let [Some(measure), Some(week), Some(value), note] = found else {
        return None;
    };
    Some(Layout::Long(LongColumns {
        measure,
        week,
        value,
        note,
        unnamed,
    }))
}

/// What a week column may be called: "week" or "date", also as
/// spreadsheets outside English name it.
const WEEK_WORDS: &[&str] = &[
    "week",
    "date",
    "semaine",
    "woche",
    "datum",
    "semana",
    "fecha",
    "settimana",
];

pub(super) fn wide_header(
    header: &Record,
    cells: &[Option<String>],
    p: &mut Parsed,
) -> Option<Layout> {
    let before = p.problems.len();
    if let Some(Some(first)) = cells.first() {
        let key = first.to_lowercase();
        if !(key.is_empty() || WEEK_WORDS.iter().any(|w| key.contains(w))) {
            p.problems.push(Problem::new(
                header.at(0),
                format!(
                    "'{}' is not a week column: the wide form starts with a column named week, holding weeks (2026-W48) or dates, then one column per measure; the long form's header is {LONG_HEADER}",
                    shown(first)
                ),
            ));
            return None;
        }
    }
    let mut measures = Vec::new();
    let mut unnamed = Vec::new();
    let mut columns: HashMap<String, usize> = HashMap::new();
    for (i, cell) in cells.iter().enumerate().skip(1) {
        let Some(cell) = cell.as_deref().map(unguard) else {
            continue;
        };
        if cell.is_empty() {
            unnamed.push(i);
            continue;
        }
        let key = cell.to_lowercase();
        if let Some(first) = columns.get(&key) {
            p.problems.push(Problem::new(
                header.at(i),
                format!(
                    "'{}' appears twice in the header (also column {})",
                    shown(cell),
                    first + 1
                ),
            ));
            continue;
        }
        columns.insert(key, i);
        measures.push((i, p.names.len()));
        p.names.push(Name {
            text: cell.to_string(),
            at: header.at(i),
        });
    }
    let reported = p.problems.len() > before || cells.iter().any(Option::is_none);
    if measures.is_empty() && !reported {
        p.problems.push(Problem::new(
            At::line(header.line),
            format!(
                "the header names no measures: the wide form is a week column, then one column per measure; the long form's header is {LONG_HEADER}"
            ),
        ));
    }
    if measures.is_empty() {
        return None;
    }
    Some(Layout::Wide(WideColumns { measures, unnamed }))
}
