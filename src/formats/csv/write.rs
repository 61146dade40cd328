//! Writing readings in either form, quoting only what needs it. Every
//! file starts with a UTF-8 byte-order mark: without one, spreadsheet
//! programs read the file in the system's legacy encoding (LibreOffice and
//! Excel on Windows as Windows-1252) and garble every accent. Text cells
//! pass through `guard`, so none runs as a formula; values stay numbers.

use std::io::{self, Write};

use crate::domain::Week;

use super::BOM;
use super::guard::guard;
use super::value::format_value;

/// Writes the wide form: a header `week,<measures>`, then a row per week
/// with an empty cell for each missing reading.
pub struct WideWriter<W: Write> {
    csv: ::csv::Writer<W>,
    width: usize,
}

impl<W: Write> WideWriter<W> {
    pub fn new(out: W, measures: &[&str]) -> io::Result<WideWriter<W>> {
        let mut csv = writer(out)?;
        let names: Vec<_> = measures.iter().map(|m| guard(m)).collect();
        csv.write_record(std::iter::once("week").chain(names.iter().map(AsRef::as_ref)))?;
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
        let mut csv = writer(out)?;
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
        let note = guard(note.unwrap_or(""));
        self.csv
            .write_record([&guard(measure), &*week, &*value, &note])?;
        Ok(())
    }

    pub fn finish(self) -> io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

/// Starts the file with its byte-order mark. Quotes only fields that need
/// it (a comma, a quote, a line break), so the file reads back here and in
/// any spreadsheet program.
fn writer<W: Write>(mut out: W) -> io::Result<::csv::Writer<W>> {
    out.write_all(BOM)?;
    Ok(::csv::WriterBuilder::new()
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(out))
}
