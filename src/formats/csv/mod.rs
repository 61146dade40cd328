//! Readings as CSV, in and out, in the long form (`measure,week,value,note`)
//! and the wide form spreadsheets keep (a week column, then one column per
//! measure). Pure: bytes in, typed rows and located problems out; rows in,
//! CSV out. Measure names stay names here (the CLI resolves them against the
//! database), and nothing here imports storage, the CLI or the clock.
//!
//! The files are the ones spreadsheet programs write and read anywhere:
//! any separator, decimal mark, text encoding and date order they use is
//! read from the file or given in [`Options`]; an export starts with a
//! byte-order mark and never holds a cell a spreadsheet would run as a
//! formula (`guard`).
//!
//! This file owns the types a parse returns and the texts more than one
//! part uses. Reading is in `read` (bytes, records, lines), `options`
//! (encodings), `separator`, `header` (the two layouts) and `rows`
//! (readings and weeks, with `dates`); cell values, and how messages quote
//! them, in `value`; writing in `write`.

use std::fmt;

use crate::domain::Week;

mod dates;
mod guard;
mod header;
mod options;
mod quoting;
mod read;
mod rows;
mod separator;
mod value;
mod write;

pub use dates::{DATE_FORMATS, DateFormat};
pub use guard::{guard, unguard};
pub use options::{Options, delimiter, encoding};
pub use read::{parse, parse_with};
pub use value::{Decimal, format_value, parse_value, parse_value_in, shown};
pub use write::{LongWriter, WideWriter};

/// Where something is in the file: a 1-based line and, when the problem is
/// about one field rather than a whole row, its 1-based column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct At {
    pub line: u64,
    pub column: Option<usize>,
}

impl At {
    fn line(line: u64) -> At {
        At { line, column: None }
    }

    fn cell(line: u64, column: usize) -> At {
        At {
            line,
            column: Some(column),
        }
    }
}

/// One thing wrong with a file, printed as `line 4, column 2: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: At,
    pub message: String,
}

impl Problem {
    pub fn new(at: At, message: impl Into<String>) -> Problem {
        Problem {
            at,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at.column {
            Some(c) => write!(f, "line {}, column {c}: {}", self.at.line, self.message),
            None => write!(f, "line {}: {}", self.at.line, self.message),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Long,
    Wide,
}

/// A measure name as the file spells it: a header cell in the wide form,
/// the measure cell of one row in the long form.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    pub at: At,
}

/// One reading the file holds. `name` indexes [`Parsed::names`]; `at` is
/// where the value is.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub name: usize,
    pub week: Week,
    pub value: f64,
    pub note: Option<String>,
    pub at: At,
}

/// What a file holds. Rows are only trustworthy when `problems` is empty:
/// a caller must refuse the whole file otherwise.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    /// `None` when the header could not be understood.
    pub form: Option<Form>,
    pub names: Vec<Name>,
    pub rows: Vec<Row>,
    /// Sorted by line, then column.
    pub problems: Vec<Problem>,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";
const LONG_HEADER: &str = "measure,week,value,note";
const SAVE_UTF8: &str = "pass --encoding windows-1252 if Excel on Windows saved the file, or save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)";

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_spreadsheets;
