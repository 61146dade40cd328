//! How `import-readings` is told what a CSV file does not say for certain:
//! its separator, decimal mark, text encoding and date order. Each option
//! is parsed by `formats::csv`, so a bad value is a usage error quoting it.

use clap::Args;
use encoding_rs::Encoding;

use crate::formats::csv::{self, DateFormat, Decimal};

#[derive(Debug, Clone, Copy, Default, Args)]
#[command(next_help_heading = "Spreadsheet files")]
pub struct CsvOptions {
    /// The separator between values: ',', ';', 'tab' or '|' (default: read from the file)
    #[arg(long, value_name = "CHAR", value_parser = csv::delimiter)]
    pub delimiter: Option<u8>,
    /// The decimal mark, '.' or ',' (with ',' a '.' separates thousands: 1.234,5) (default: ',' in a file separated by semicolons, else '.')
    #[arg(long, value_name = "MARK", value_parser = parse_decimal)]
    pub decimal: Option<Decimal>,
    /// The text encoding: utf-8, windows-1252, utf-16le or utf-16be (default: from the byte-order mark, else UTF-8)
    #[arg(long, value_name = "NAME", value_parser = csv::encoding)]
    pub encoding: Option<&'static Encoding>,
    /// How dates are written, such as DD/MM/YYYY, MM/DD/YYYY or DD.MM.YYYY (default: only weeks and dates with the year first, such as 2026-W48 and 2026-11-25)
    #[arg(long, value_name = "FORMAT", value_parser = parse_date_format)]
    pub date_format: Option<DateFormat>,
}

impl CsvOptions {
    pub fn options(&self) -> csv::Options {
        csv::Options {
            delimiter: self.delimiter,
            decimal: self.decimal,
            encoding: self.encoding,
            dates: self.date_format,
        }
    }
}

fn parse_decimal(s: &str) -> Result<Decimal, String> {
    s.parse()
}

fn parse_date_format(s: &str) -> Result<DateFormat, String> {
    s.parse()
}
