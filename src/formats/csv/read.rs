//! Reading a file's bytes: decoded to UTF-8 (`options`), split at the
//! separator the file uses (`separator`), records with the lines an editor
//! shows, and the walk from header to rows that collects every problem in
//! one pass. Layouts are in `header`, rows in `rows`.

use super::header::{Layout, long_header, wide_header};
use super::options::{Options, delimiter_name, to_utf8};
use super::rows::{Numbers, Rules, Seen, long_row, wide_row};
use super::separator;
use super::value::{Decimal, escape_bytes};
use super::{At, BOM, Form, LONG_HEADER, Parsed, Problem, SAVE_UTF8};

/// Reads a readings file in either form, detected from its header: the long
/// form when a header cell is `measure`, else the wide form. Everything else
/// about the file (separator, decimal mark, encoding) is read from it too.
pub fn parse(input: &[u8]) -> Parsed {
    parse_with(input, &Options::default())
}

/// Reads a readings file as [`parse`] does, told what `options` give.
pub fn parse_with(input: &[u8], options: &Options) -> Parsed {
    let mut parsed = Parsed::default();
    parse_into(input, options, &mut parsed);
    parsed.problems.sort_by_key(|p| p.at);
    parsed
}

fn parse_into(input: &[u8], o: &Options, p: &mut Parsed) {
    let bytes = match to_utf8(input, o.encoding) {
        Ok(bytes) => bytes,
        Err(problem) => return p.problems.push(problem),
    };
    // csv-core drops a UTF-8 BOM too, but only when it arrives in one
    // buffer; a file decoded from UTF-16 may still hold one.
    let bytes = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    let Some(sep) = separator::choose(bytes, o.delimiter, p) else {
        return;
    };
    let mut records = Vec::new();
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep.byte)
        .from_reader(bytes);
    let lines = LineStarts::of(bytes);
    // A file the reader would misread (an unclosed quote swallowing the
    // rows after it) is refused whole, before any row is read.
    if let Some((at, column)) = super::quoting::unclosed(bytes, sep.byte) {
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
    // Excel's `sep=;` line names the separator and is no part of the data.
    if sep.named_by_file && records.first().is_some_and(|r| r.line == 1) {
        records.remove(0);
    }
    let Some((header, rows)) = records.split_first() else {
        p.problems.push(Problem::new(
            At::line(1),
            format!("the file is empty: the first line must be a header, such as {LONG_HEADER}"),
        ));
        return;
    };
    let rules = Rules {
        numbers: match (o.decimal, sep.byte) {
            (Some(d), _) => Numbers::Given(d),
            (None, b';') => Numbers::SemicolonFile,
            (None, _) => Numbers::Given(Decimal::Point),
        },
        dates: o.dates,
    };
    let cells = header.decode(p);
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
            let hint = match sep.byte {
                _ if record.fields.len() < header.fields.len() => String::new(),
                b',' => " (put quotes around values that hold commas, such as \"1,234.5\")".into(),
                b => format!(
                    " (put quotes around values that hold the separator, '{}')",
                    delimiter_name(b)
                ),
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
            Layout::Long(cols) => long_row(record, &cells, cols, &rules, &mut seen, p),
            Layout::Wide(cols) => wide_row(record, &cells, cols, &rules, &mut seen, p),
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
pub(super) fn line_breaks(field: &[u8]) -> usize {
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
