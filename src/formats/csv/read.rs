//! Reading a file's bytes: encoding and separator checks, records with the
//! lines an editor shows, and the walk from header to rows that collects
//! every problem in one pass. Layouts are in `header`, rows in `rows`.

use super::header::{Layout, long_header, wide_header};
use super::rows::{Seen, long_row, wide_row};
use super::value::{escape_bytes, shown};
use super::{At, BOM, Form, LONG_HEADER, Parsed, Problem, SAVE_UTF8};

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
    // A file the reader would misread (an unclosed quote swallowing the
    // rows after it) is refused whole, before any row is read.
    if let Some((at, column)) = super::quoting::unclosed(bytes) {
        p.problems.push(Problem::new(
            At::cell(lines.line_at(at), column),
            "the \" that opens this value is never closed: every line after it would be read into it",
        ));
        return;
    }
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
        self.line_at(offset)
    }

    /// The line the byte at `offset` is on.
    fn line_at(&self, offset: usize) -> u64 {
        self.0.partition_point(|&start| start <= offset) as u64
    }
}

/// Line breaks in a field: `\r\n`, `\n` and a lone `\r` count one each.
fn line_breaks(field: &[u8]) -> usize {
    LineStarts::of(field).0.len() - 1
}

/// One CSV record as bytes, with the line it starts on.
pub(super) struct Record {
    pub(super) line: u64,
    pub(super) fields: Vec<Vec<u8>>,
}

impl Record {
    fn new(line: u64, r: &::csv::ByteRecord) -> Record {
        Record {
            line,
            fields: r.iter().map(<[u8]>::to_vec).collect(),
        }
    }

    /// The line field `i` starts on: quoted fields before it may span lines.
    pub(super) fn line_of(&self, i: usize) -> u64 {
        let breaks: usize = self.fields[..i].iter().map(|f| line_breaks(f)).sum();
        self.line + breaks as u64
    }

    pub(super) fn at(&self, i: usize) -> At {
        At::cell(self.line_of(i), i + 1)
    }

    /// Each field as trimmed text; a field that is not UTF-8 is reported
    /// and becomes `None`, so no later check complains about it again.
    pub(super) fn decode(&self, p: &mut Parsed) -> Vec<Option<String>> {
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
