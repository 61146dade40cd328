//! Readings as CSV, in and out, in the long form (`measure,week,value,note`)
//! and the wide form spreadsheets keep (a week column, then one column per
//! measure). Pure: bytes in, typed rows and located problems out; rows in,
//! CSV out. Measure names stay names here (the CLI resolves them against the
//! database), and nothing here imports storage, the CLI or the clock.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};

use crate::domain::Week;
use crate::domain::week::WeekError;

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
const SAVE_UTF8: &str = "save the file as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)";

/// Reads a readings file in either form, detected from its header: the long
/// form when a header cell is `measure`, else the wide form.
pub fn parse(input: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    parse_into(input, &mut parsed);
    parsed.problems.sort_by_key(|p| p.at);
    parsed
}

fn parse_into(input: &[u8], p: &mut Parsed) {
    if input.starts_with(b"\xFF\xFE") || input.starts_with(b"\xFE\xFF") {
        p.problems.push(Problem::new(
            At::line(1),
            format!("the file is UTF-16 text, not UTF-8: {SAVE_UTF8}"),
        ));
        return;
    }
    // csv-core drops a BOM at the very start too, but only when it arrives in
    // one buffer; stripping it here makes that certain.
    let bytes = input.strip_prefix(BOM).unwrap_or(input);
    let mut records = Vec::new();
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let lines = LineStarts::of(bytes);
    for result in reader.byte_records() {
        match result {
            Ok(r) => {
                let line = lines.line_of_record(bytes, r.position());
                // Rows of empty cells are what spreadsheets leave below the
                // data; they hold nothing and are skipped like blank lines.
                if r.iter().any(|f| !f.trim_ascii().is_empty()) {
                    records.push(Record::new(line, &r));
                }
            }
            Err(e) => {
                let line = lines.line_of_record(bytes, e.position());
                p.problems.push(Problem::new(
                    At::line(line),
                    format!("this is not readable as CSV: {e}"),
                ));
                return;
            }
        }
    }
    // Excel may start a file with a `sep=,` line naming the separator.
    let sep_line = |r: &Record| {
        let text = r.fields.join(&b","[..]);
        text.len() == 5 && text[..4].eq_ignore_ascii_case(b"sep=")
    };
    if let Some(first) = records.first()
        && sep_line(first)
    {
        if first.fields.len() != 2 {
            let sep = String::from_utf8_lossy(&first.fields[0][4..]).into_owned();
            p.problems.push(Problem::new(
                At::line(first.line),
                format!(
                    "the file says its separator is '{}', not a comma: save or export the file as comma-separated CSV",
                    shown(&sep)
                ),
            ));
            return;
        }
        records.remove(0);
    }
    let Some((header, rows)) = records.split_first() else {
        p.problems.push(Problem::new(
            At::line(1),
            format!("the file is empty: the first line must be a header, such as {LONG_HEADER}"),
        ));
        return;
    };
    let cells = header.decode(p);
    // More semicolons (or tabs) than commas in the header: the file was
    // saved with another separator, as spreadsheets in many locales do.
    let raw = header.fields.join(&b","[..]);
    for (sep, what) in [(b';', "semicolons"), (b'\t', "tabs")] {
        if raw.iter().filter(|b| **b == sep).count() >= header.fields.len() {
            p.problems.push(Problem::new(
                At::line(header.line),
                format!(
                    "'{}' is separated by {what}, not commas: save or export the file as comma-separated CSV",
                    shown(&String::from_utf8_lossy(&raw))
                ),
            ));
            return;
        }
    }
    let is_long = cells
        .iter()
        .flatten()
        .any(|c| c.eq_ignore_ascii_case("measure"));
    let layout = if is_long {
        long_header(header, &cells, p)
    } else {
        wide_header(header, &cells, p)
    };
    let Some(layout) = layout else {
        return;
    };
    p.form = Some(if is_long { Form::Long } else { Form::Wide });
    let mut seen = Seen::default();
    let mut unnamed_reported = false;
    for record in rows {
        if record.fields.len() != header.fields.len() {
            let hint = if record.fields.len() > header.fields.len() {
                " (put quotes around values that hold commas, such as \"1,234.5\")"
            } else {
                ""
            };
            p.problems.push(Problem::new(
                At::line(record.line),
                format!(
                    "{} fields where the header has {}{hint}",
                    record.fields.len(),
                    header.fields.len()
                ),
            ));
            continue;
        }
        let cells = record.decode(p);
        if !unnamed_reported && let Some(c) = layout.unnamed_with_value(&cells) {
            p.problems.push(Problem::new(
                At::cell(header.line, c + 1),
                format!(
                    "this column has no name but holds values (the first on line {}): name the measure or delete the column",
                    record.line_of(c)
                ),
            ));
            unnamed_reported = true;
        }
        match &layout {
            Layout::Long(cols) => long_row(record, &cells, cols, &mut seen, p),
            Layout::Wide(cols) => wide_row(record, &cells, cols, &mut seen, p),
        }
    }
    if rows.is_empty() {
        p.problems.push(Problem::new(
            At::line(header.line),
            "there are no rows below the header: nothing to import",
        ));
    } else if p.rows.is_empty() && p.problems.is_empty() {
        p.problems.push(Problem::new(
            At::line(header.line),
            "every value below the header is empty: nothing to import",
        ));
    }
}

/// Where each line of the file starts, to turn byte offsets into the line
/// numbers an editor shows. The csv crate's own line count is off after a
/// CRLF or a blank line, so records are located by byte offset instead.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn of(bytes: &[u8]) -> LineStarts {
        let mut starts = vec![0];
        for (i, b) in bytes.iter().enumerate() {
            let lone_cr = *b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if *b == b'\n' || lone_cr {
                starts.push(i + 1);
            }
        }
        LineStarts(starts)
    }

    /// The line a record starts on. Its position is where the reader
    /// stopped after the previous record, which may still be before the
    /// line break (or blank lines) that separate the two.
    fn line_of_record(&self, bytes: &[u8], at: Option<&::csv::Position>) -> u64 {
        let mut offset = at.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        while matches!(bytes.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        self.0.partition_point(|&start| start <= offset) as u64
    }
}

/// Line breaks in a field: `\r\n`, `\n` and a lone `\r` count one each.
fn line_breaks(field: &[u8]) -> usize {
    LineStarts::of(field).0.len() - 1
}

/// One CSV record as bytes, with the line it starts on.
struct Record {
    line: u64,
    fields: Vec<Vec<u8>>,
}

impl Record {
    fn new(line: u64, r: &::csv::ByteRecord) -> Record {
        Record {
            line,
            fields: r.iter().map(<[u8]>::to_vec).collect(),
        }
    }

    /// The line field `i` starts on: quoted fields before it may span lines.
    fn line_of(&self, i: usize) -> u64 {
        let breaks: usize = self.fields[..i].iter().map(|f| line_breaks(f)).sum();
        self.line + breaks as u64
    }

    fn at(&self, i: usize) -> At {
        At::cell(self.line_of(i), i + 1)
    }

    /// Each field as trimmed text; a field that is not UTF-8 is reported
    /// and becomes `None`, so no later check complains about it again.
    fn decode(&self, p: &mut Parsed) -> Vec<Option<String>> {
        self.fields
            .iter()
            .enumerate()
            .map(|(i, f)| match std::str::from_utf8(f) {
                Ok(s) => Some(s.trim().to_string()),
                Err(_) => {
                    p.problems.push(Problem::new(
                        self.at(i),
                        format!("'{}' is not UTF-8 text: {SAVE_UTF8}", escape_bytes(f)),
                    ));
                    None
                }
            })
            .collect()
    }
}

struct LongColumns {
    measure: usize,
    week: usize,
    value: usize,
    note: Option<usize>,
    unnamed: Vec<usize>,
}

struct WideColumns {
    /// Column index and index into `Parsed::names`, for each measure column.
    measures: Vec<(usize, usize)>,
    unnamed: Vec<usize>,
}

enum Layout {
    Long(LongColumns),
    Wide(WideColumns),
}

impl Layout {
    /// The first column without a header name that holds a value in this row.
    fn unnamed_with_value(&self, cells: &[Option<String>]) -> Option<usize> {
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

fn long_header(header: &Record, cells: &[Option<String>], p: &mut Parsed) -> Option<Layout> {
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

fn wide_header(header: &Record, cells: &[Option<String>], p: &mut Parsed) -> Option<Layout> {
    let before = p.problems.len();
    if let Some(Some(first)) = cells.first() {
        let key = first.to_lowercase();
        if !(key.is_empty() || key.contains("week") || key.contains("date")) {
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
        let Some(cell) = cell else { continue };
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
            text: cell.clone(),
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

/// Readings seen so far, by measure name (any case) and week, to catch one
/// given twice.
#[derive(Default)]
struct Seen(HashMap<(String, Week), u64>);

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

fn long_row(
    r: &Record,
    cells: &[Option<String>],
    cols: &LongColumns,
    seen: &mut Seen,
    p: &mut Parsed,
) {
    let (Some(measure), Some(week), Some(value)) =
        (&cells[cols.measure], &cells[cols.week], &cells[cols.value])
    else {
        return;
    };
    let note = cols
        .note
        .and_then(|i| cells[i].clone())
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
            text: measure.clone(),
            at: r.at(cols.measure),
        });
        Some(p.names.len() - 1)
    };
    let week = parse_week_cell(week, r.at(cols.week), p);
    let value_at = r.at(cols.value);
    let number = match parse_value(value) {
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

fn wide_row(
    r: &Record,
    cells: &[Option<String>],
    cols: &WideColumns,
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
        Some(w) => parse_week_cell(w, r.at(0), p),
        None => None,
    };
    for (i, name, raw) in filled {
        match parse_value(raw) {
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
/// date with the midnight time some spreadsheets add (`2026-11-23 00:00:00`).
fn parse_week_cell(cell: &str, at: At, p: &mut Parsed) -> Option<Week> {
    if cell.is_empty() {
        p.problems.push(Problem::new(at, "the week is empty"));
        return None;
    }
    let parsed = cell.parse::<Week>().or_else(|e| {
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

/// A number as spreadsheets export it: surrounding spaces, a currency
/// symbol before or after, a trailing `%`, thousands separators (`1,234.5`,
/// `1 234.5`, `1'234.5`), a Unicode minus, or accounting parentheses for a
/// negative. The decimal separator is always a point. Errors quote the cell.
pub fn parse_value(cell: &str) -> Result<f64, String> {
    let not_a_number = || format!("'{}' is not a number", shown(cell));
    let mut s = cell.trim();
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    let (mut signed, mut currency, mut percent) = (false, false, false);
    loop {
        if !signed && let Some(rest) = s.strip_prefix(['-', '\u{2212}', '+']) {
            negative ^= !s.starts_with('+');
            signed = true;
            s = rest.trim_start();
        } else if !currency && let Some(rest) = s.strip_prefix(is_currency) {
            currency = true;
            s = rest.trim_start();
        } else {
            break;
        }
    }
    loop {
        if !percent && let Some(rest) = s.strip_suffix('%') {
            percent = true;
            s = rest.trim_end();
        } else if !currency && let Some(rest) = s.strip_suffix(is_currency) {
            currency = true;
            s = rest.trim_end();
        } else {
            break;
        }
    }
    let Some(plain) = ungroup(s) else {
        return Err(if s.contains(',') {
            format!(
                "{}: write decimals with a point (1.5), and commas only between thousands (1,234.5)",
                not_a_number()
            )
        } else {
            not_a_number()
        });
    };
    // Only digits, a point and an exponent reach the float parser, so
    // "inf" and "NaN" are told apart from numbers too large to hold.
    let named = plain
        .bytes()
        .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E');
    let value: f64 = plain.parse().map_err(|_| not_a_number())?;
    if value.is_nan() || (value.is_infinite() && named) {
        Err(format!("'{}' is not a finite number", shown(cell)))
    } else if value.is_infinite() {
        Err(format!("'{}' is too large a number", shown(cell)))
    } else if negative {
        Ok(-value)
    } else {
        Ok(value)
    }
}

fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '¢' | '£' | '¤' | '¥' | '֏' | '؋' | '৳' | '฿' | '៛' | '\u{20A0}'
            ..='\u{20C0}' | '﷼' | '﹩' | '＄' | '￠' | '￡' | '￥' | '￦'
    )
}

/// The number with its thousands separators taken out, if they sit where
/// thousands separators go; `None` when they do not (as in `1,5`).
fn ungroup(s: &str) -> Option<String> {
    let int_end = s.find(['.', 'e', 'E']).unwrap_or(s.len());
    let (int, rest) = s.split_at(int_end);
    let mut seps = int.chars().filter(|c| !c.is_ascii_digit());
    // Words ("NaN", "inf") go to the float parser as they are.
    if int.bytes().any(|b| b.is_ascii_alphabetic()) {
        return (!s.contains(',')).then(|| s.to_string());
    }
    let Some(sep) = seps.next() else {
        return (!rest.contains(',')).then(|| s.to_string());
    };
    let groupable = sep == ',' || sep == '\'' || sep == '\u{2019}' || sep.is_whitespace();
    if !groupable || seps.any(|c| c != sep) || rest.contains(',') {
        return None;
    }
    let mut groups = int.split(sep);
    let first = groups.next()?;
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    if first.is_empty() || first.len() > 3 || !digits(first) {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 || !digits(g) {
            return None;
        }
        out.push_str(g);
    }
    out.push_str(rest);
    Some(out)
}

/// A cell's text as an error message quotes it: on one line, control
/// characters escaped, and long texts cut short.
pub fn shown(text: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Bytes that are not UTF-8, with each byte that breaks it written as `\xE9`.
fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(&shown(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// A value printed exactly: the shortest text that reads back as the same
/// number (Rust's `Display` for `f64`, which never uses an exponent).
pub fn format_value(v: f64) -> String {
    format!("{v}")
}

/// Writes the wide form: a header `week,<measures>`, then a row per week
/// with an empty cell for each missing reading.
pub struct WideWriter<W: Write> {
    csv: ::csv::Writer<W>,
    width: usize,
}

impl<W: Write> WideWriter<W> {
    pub fn new(out: W, measures: &[&str]) -> io::Result<WideWriter<W>> {
        let mut csv = writer(out);
        let header: Vec<&str> = std::iter::once("week")
            .chain(measures.iter().copied())
            .collect();
        csv.write_record(&header)?;
        Ok(WideWriter {
            csv,
            width: measures.len(),
        })
    }

    /// One week; `values` follows the header's measures.
    pub fn row(&mut self, week: Week, values: &[Option<f64>]) -> io::Result<()> {
        let mut record = Vec::with_capacity(self.width + 1);
        record.push(week.to_string());
        record.extend((0..self.width).map(|i| {
            values
                .get(i)
                .copied()
                .flatten()
                .map(format_value)
                .unwrap_or_default()
        }));
        self.csv.write_record(&record)?;
        Ok(())
    }

    pub fn finish(self) -> io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

/// Writes the long form: `measure,week,value,note`, a row per reading.
pub struct LongWriter<W: Write> {
    csv: ::csv::Writer<W>,
}

impl<W: Write> LongWriter<W> {
    pub fn new(out: W) -> io::Result<LongWriter<W>> {
        let mut csv = writer(out);
        csv.write_record(["measure", "week", "value", "note"])?;
        Ok(LongWriter { csv })
    }

    pub fn row(
        &mut self,
        measure: &str,
        week: Week,
        value: f64,
        note: Option<&str>,
    ) -> io::Result<()> {
        let week = week.to_string();
        let value = format_value(value);
        self.csv
            .write_record([measure, &week, &value, note.unwrap_or("")])?;
        Ok(())
    }

    pub fn finish(self) -> io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

/// Quotes only fields that need it (a comma, a quote, a line break), so the
/// file reads back here and in any spreadsheet program.
fn writer<W: Write>(out: W) -> ::csv::Writer<W> {
    ::csv::WriterBuilder::new()
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn week(s: &str) -> Week {
        s.parse().unwrap()
    }

    /// The problems as the CLI prints them, one per line.
    fn problems(input: &str) -> Vec<String> {
        parse(input.as_bytes())
            .problems
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// Rows as `name week value note`, for compact assertions.
    fn rows(p: &Parsed) -> Vec<String> {
        p.rows
            .iter()
            .map(|r| {
                format!(
                    "{} {} {} {}",
                    p.names[r.name].text,
                    r.week,
                    r.value,
                    r.note.as_deref().unwrap_or("-")
                )
            })
            .collect()
    }

    #[test]
    fn long_form_with_any_case_any_order_and_optional_note() {
        let p =
            parse(b"Measure,WEEK,value,Note\nNRR,2026-W48,104.5,good week\nNRR,2026-11-16,103,\n");
        assert_eq!(p.problems, []);
        assert_eq!(p.form, Some(Form::Long));
        assert_eq!(
            rows(&p),
            ["NRR 2026-W48 104.5 good week", "NRR 2026-W47 103 -"]
        );
        assert_eq!(p.names[0].at, At::cell(2, 1));
        assert_eq!(p.rows[1].at, At::cell(3, 3));

        let p = parse(b"value,measure,week\n7.5,Tier-2,2026-W48\n");
        assert_eq!(p.problems, []);
        assert_eq!(rows(&p), ["Tier-2 2026-W48 7.5 -"]);
    }

    #[test]
    fn wide_form_as_spreadsheets_save_it() {
        // BOM, CRLF, a quoted name with a comma, a quoted value with
        // thousands separators, %, €, padding, an empty (missing) cell, a
        // quoted note-like newline in the header, and trailing empty lines.
        let input = "\u{feff}Week,\"Revenue, net\",Tier-2,\"Pipe\nline\"\r\n\
                     2026-W47,\"1,234.5\", 7.5 %,€3.2\r\n\
                     2026-11-25,,8,\" 3 \"\r\n\
                     ,,,\r\n\r\n";
        let p = parse(input.as_bytes());
        assert_eq!(p.problems, []);
        assert_eq!(p.form, Some(Form::Wide));
        let names: Vec<&str> = p.names.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(names, ["Revenue, net", "Tier-2", "Pipe\nline"]);
        assert_eq!(
            rows(&p),
            [
                "Revenue, net 2026-W47 1234.5 -",
                "Tier-2 2026-W47 7.5 -",
                "Pipe\nline 2026-W47 3.2 -",
                "Tier-2 2026-W48 8 -",
                "Pipe\nline 2026-W48 3 -",
            ]
        );
        // The header spans lines 1-2, so the first row is on line 3.
        assert_eq!(p.rows[0].at, At::cell(3, 2));
        assert_eq!(p.names[2].at, At::cell(1, 4));
    }

    #[test]
    fn an_excel_separator_line_naming_a_comma_is_skipped() {
        let p = parse(b"sep=,\r\nweek,A\r\n2026-W48,1\r\n");
        assert_eq!(p.problems, []);
        assert_eq!(rows(&p), ["A 2026-W48 1 -"]);
        assert_eq!(p.rows[0].at, At::cell(3, 2));
    }

    #[test]
    fn lines_count_as_an_editor_counts_them() {
        // CRLF, a lone CR, blank lines and a quoted line break.
        let p = parse(b"week,A\r\n\r\n2026-W46,x\r2026-W47,\"1\n2\"\n\n\n2026-W48,y\n");
        let got: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "line 3, column 2: 'x' is not a number",
                "line 4, column 2: '1\\n2' is not a number",
                "line 8, column 2: 'y' is not a number",
            ]
        );
    }

    #[test]
    fn wide_form_first_column_may_be_a_date_or_unnamed() {
        for header in ["date", "Week of", "", "ISO week"] {
            let p = parse(format!("{header},A\n2026-11-23 00:00:00,1\n").as_bytes());
            assert_eq!(p.problems, [], "header {header:?}");
            assert_eq!(rows(&p), ["A 2026-W48 1 -"]);
        }
    }

    #[test]
    fn values_as_spreadsheets_format_them() {
        let ok: &[(&str, f64)] = &[
            ("104.5", 104.5),
            (" 104.5 ", 104.5),
            ("1,234.5", 1234.5),
            ("1,234,567", 1_234_567.0),
            ("12.5%", 12.5),
            ("12.5 %", 12.5),
            ("€1,234.50", 1234.5),
            ("1 234.50 €", 1234.5),
            ("1\u{a0}234", 1234.0),
            ("1\u{202f}234.5", 1234.5),
            ("1'234.5", 1234.5),
            ("$-5", -5.0),
            ("-$5", -5.0),
            ("£ 3", 3.0),
            ("¥1000", 1000.0),
            ("(1,234.50)", -1234.5),
            ("($12)", -12.0),
            ("\u{2212}3", -3.0),
            ("+3", 3.0),
            ("-0.25", -0.25),
            (".5", 0.5),
            ("1e3", 1000.0),
            ("1.5E-3", 0.0015),
            ("0", 0.0),
        ];
        for (cell, want) in ok {
            assert_eq!(parse_value(cell), Ok(*want), "cell {cell:?}");
        }
        let hint = "write decimals with a point (1.5), and commas only between thousands (1,234.5)";
        let bad: &[(&str, String)] = &[
            ("abc", "'abc' is not a number".into()),
            ("1,5", format!("'1,5' is not a number: {hint}")),
            ("1.234,5", format!("'1.234,5' is not a number: {hint}")),
            ("12,34", format!("'12,34' is not a number: {hint}")),
            ("1,2345", format!("'1,2345' is not a number: {hint}")),
            ("1 23", "'1 23' is not a number".into()),
            ("1,234 567", format!("'1,234 567' is not a number: {hint}")),
            ("%", "'%' is not a number".into()),
            ("€", "'€' is not a number".into()),
            ("5%%", "'5%%' is not a number".into()),
            ("$5$", "'$5$' is not a number".into()),
            ("--5", "'--5' is not a number".into()),
            ("n/a", "'n/a' is not a number".into()),
            ("#DIV/0!", "'#DIV/0!' is not a number".into()),
            ("NaN", "'NaN' is not a finite number".into()),
            ("inf", "'inf' is not a finite number".into()),
            ("-Infinity", "'-Infinity' is not a finite number".into()),
            ("1e400", "'1e400' is too large a number".into()),
            ("-1e309", "'-1e309' is too large a number".into()),
        ];
        for (cell, want) in bad {
            assert_eq!(parse_value(cell).as_ref(), Err(want), "cell {cell:?}");
        }
    }

    #[test]
    fn every_problem_is_located_and_quotes_the_value() {
        let input = "measure,week,value,note\n\
                     NRR,2026-W54,1,\n\
                     NRR,2026-02-30,abc,\n\
                     ,2026-W48,1,\n\
                     NRR,,1,\n\
                     NRR,2026-W48,,only a note\n\
                     NRR,2026-W48,NaN,\n\
                     NRR,2026-W48,1,\"two\nlines\"\n\
                     NRR,2026-W48,2\n\
                     nrr,2026-11-25,3,\n";
        assert_eq!(
            problems(input),
            [
                "line 2, column 2: '2026-W54' is not a week: that year has no such week (use 2026-W48 or a date such as 2026-11-25)",
                "line 3, column 2: '2026-02-30' is not a week: no such day in the calendar (use 2026-W48 or a date such as 2026-11-25)",
                "line 3, column 3: 'abc' is not a number",
                "line 4, column 1: the measure is empty",
                "line 5, column 2: the week is empty",
                "line 6, column 3: the value is empty but the note 'only a note' is not: a note is kept only with a value",
                "line 7, column 3: 'NaN' is not a finite number",
                "line 10: 3 fields where the header has 4",
                "line 11, column 3: '3' is a second value for nrr in 2026-W48 (the first is on line 8)",
            ]
        );
    }

    #[test]
    fn wide_problems_point_at_the_cell() {
        let input = "week,A,B,a,\n\
                     2026-W47,1,x,9,\n\
                     W47,2,3,,\n\
                     2026-W48,1,2,,5\n\
                     2026-11-26,1,,,\n\
                     Total,,,,\n\
                     2026-W49,1,2,3,4,5\n";
        assert_eq!(
            problems(input),
            [
                "line 1, column 4: 'a' appears twice in the header (also column 2)",
                "line 1, column 5: this column has no name but holds values (the first on line 4): name the measure or delete the column",
                "line 2, column 3: 'x' is not a number",
                "line 3, column 1: 'W47' is not a week: unknown format (use 2026-W48 or a date such as 2026-11-25)",
                "line 5, column 2: '1' is a second value for A in 2026-W48 (the first is on line 4)",
                "line 7: 6 fields where the header has 5 (put quotes around values that hold commas, such as \"1,234.5\")",
            ]
        );
    }

    #[test]
    fn files_that_are_not_readings() {
        let cases: &[(&[u8], &str)] = &[
            (
                b"week;\"Revenue, net\";Cost\n",
                "line 1: 'week;\"Revenue, net\";Cost' is separated by semicolons, not commas: save or export the file as comma-separated CSV",
            ),
            (
                b"sep=;\r\nweek;A\r\n",
                "line 1: the file says its separator is ';', not a comma: save or export the file as comma-separated CSV",
            ),
            (
                b"",
                "line 1: the file is empty: the first line must be a header, such as measure,week,value,note",
            ),
            (
                b"\xEF\xBB\xBF\r\n\r\n",
                "line 1: the file is empty: the first line must be a header, such as measure,week,value,note",
            ),
            (
                b"measure,week,value\r\n",
                "line 1: there are no rows below the header: nothing to import",
            ),
            (
                b"week,A\n2026-W48,\n",
                "line 1: every value below the header is empty: nothing to import",
            ),
            (
                b"measure;week;value\nA;2026-W48;1\n",
                "line 1: 'measure;week;value' is separated by semicolons, not commas: save or export the file as comma-separated CSV",
            ),
            (
                b"week\tA\n2026-W48\t1\n",
                "line 1: 'week\\tA' is separated by tabs, not commas: save or export the file as comma-separated CSV",
            ),
            (
                b"\xFF\xFEw\x00",
                "line 1: the file is UTF-16 text, not UTF-8: save the file as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)",
            ),
            (
                b"measure,week,amount\n",
                "line 1, column 3: 'amount' is not a column of the long form: its header is measure,week,value,note (note may be left out)",
            ),
            (
                b"measure,week,note\n",
                "line 1: the header has no value column: the long form's header is measure,week,value,note",
            ),
            (
                b"Measure,week,value,MEASURE\nA,2026-W48,1,B\n",
                "line 1, column 4: 'MEASURE' appears twice in the header (also column 1)",
            ),
            (
                b"Revenue,Cost\n1,2\n",
                "line 1, column 1: 'Revenue' is not a week column: the wide form starts with a column named week, holding weeks (2026-W48) or dates, then one column per measure; the long form's header is measure,week,value,note",
            ),
            (
                b"week,,\n2026-W48,,\n",
                "line 1: the header names no measures: the wide form is a week column, then one column per measure; the long form's header is measure,week,value,note",
            ),
            (
                b"week,Caf\xE9\n2026-W48,1\n",
                "line 1, column 2: 'Caf\\xE9' is not UTF-8 text: save the file as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)",
            ),
        ];
        for (input, want) in cases {
            let p = parse(input);
            let got: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
            assert_eq!(got, [*want], "input {:?}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn bad_bytes_in_a_row_are_reported_once() {
        let p = parse(b"measure,week,value,note\nA,2026-W48,1,caf\xE9 \xFF\n");
        let got: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "line 2, column 4: 'caf\\xE9 \\xFF' is not UTF-8 text: save the file as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)"
            ]
        );
    }

    #[test]
    fn quoted_values_are_shown_on_one_line_and_cut_short() {
        assert_eq!(shown("a\nb\tc\u{7}"), "a\\nb\\tc\\u{7}");
        let long = "x".repeat(100);
        assert_eq!(shown(&long), format!("{}…", "x".repeat(60)));
        assert_eq!(
            problems("week,A\n2026-W48,\"1\n2\"\n"),
            ["line 2, column 2: '1\\n2' is not a number"]
        );
    }

    #[test]
    fn writers_quote_what_needs_it_and_print_values_exactly() {
        let mut w = WideWriter::new(Vec::new(), &["Revenue, net", "Say \"hi\"", "Plain"]).unwrap();
        w.row(week("2026-W47"), &[Some(0.1 + 0.2), None, Some(1e21)])
            .unwrap();
        w.row(week("2026-W48"), &[None, Some(-0.000_001), Some(104.5)])
            .unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            "week,\"Revenue, net\",\"Say \"\"hi\"\"\",Plain\n\
             2026-W47,0.30000000000000004,,1000000000000000000000\n\
             2026-W48,,-0.000001,104.5\n"
        );
        let p = parse(text.as_bytes());
        assert_eq!(p.problems, []);
        assert_eq!(p.rows[0].value, 0.1 + 0.2);

        let mut w = LongWriter::new(Vec::new()).unwrap();
        w.row("NRR", week("2026-W48"), 104.5, Some("a, \"b\"\nc"))
            .unwrap();
        w.row("NRR", week("2026-W47"), 3.0, None).unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            "measure,week,value,note\nNRR,2026-W48,104.5,\"a, \"\"b\"\"\nc\"\nNRR,2026-W47,3,\n"
        );
        let p = parse(text.as_bytes());
        assert_eq!(p.problems, []);
        assert_eq!(
            rows(&p),
            ["NRR 2026-W48 104.5 a, \"b\"\nc", "NRR 2026-W47 3 -"]
        );
    }

    fn text() -> impl Strategy<Value = String> {
        // What a person types: trimmed (the store trims too), any characters.
        "\\PC{1,20}"
            .prop_map(|s| s.trim().to_string())
            .prop_filter("empty", |s| !s.is_empty())
    }

    proptest! {
        #[test]
        fn long_form_reads_back_what_it_wrote(
            readings in proptest::collection::vec(
                (text(), 2000i32..2100, 1u32..=52, any::<f64>().prop_filter("finite", |v| v.is_finite()), proptest::option::of(text())),
                1..20,
            )
        ) {
            let mut w = LongWriter::new(Vec::new()).unwrap();
            let mut wanted = Vec::new();
            for (i, (name, year, n, value, note)) in readings.iter().enumerate() {
                // Distinct names keep every (measure, week) pair unique.
                let name = format!("{i} {name}");
                let week = Week::new(*year, *n).unwrap();
                w.row(&name, week, *value, note.as_deref()).unwrap();
                wanted.push((name, week, *value, note.clone()));
            }
            let p = parse(&w.finish().unwrap());
            prop_assert_eq!(&p.problems, &[]);
            let got: Vec<_> = p
                .rows
                .iter()
                .map(|r| (p.names[r.name].text.clone(), r.week, r.value, r.note.clone()))
                .collect();
            prop_assert_eq!(got, wanted);
        }

        #[test]
        fn parsing_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn grouped_numbers_read_as_written(v in -1e12f64..1e12) {
            let plain = format!("{v:.2}");
            let (int, frac) = plain.split_once('.').unwrap();
            let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            let cell = format!("{sign}{grouped}.{frac}");
            prop_assert_eq!(parse_value(&cell), Ok(plain.parse::<f64>().unwrap()));
        }
    }
}
