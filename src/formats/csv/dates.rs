//! Dates in a week column as spreadsheets outside ISO write them:
//! `25/11/2026` (day first), `11/25/2026` (month first) or `25.11.2026`.
//! Which number is the day cannot be told from `03/04/2026`, so such a date
//! is read only with a `--date-format` that says it; without one it is
//! refused where it is, as before. ISO weeks and dates, and dates with the
//! year first (`2026/11/25`), read either way.

use std::fmt;
use std::str::FromStr;

use super::value::shown;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
}

/// How a week column writes its dates, such as `DD/MM/YYYY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateFormat {
    order: Order,
    sep: char,
}

/// The formats `--date-format` names in its help and its errors.
pub const DATE_FORMATS: &str = "DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, DD-MM-YYYY";

impl FromStr for DateFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<DateFormat, String> {
        let err = || {
            format!(
                "'{}' is not a date format: use one of {DATE_FORMATS} (D and M for one-digit days and months read the same)",
                shown(s)
            )
        };
        let upper = s.trim().to_ascii_uppercase();
        let sep = upper
            .chars()
            .find(|c| matches!(c, '/' | '.' | '-'))
            .ok_or_else(err)?;
        let parts: Vec<&str> = upper.split(sep).collect();
        let part = |p: &str| match p {
            "D" | "DD" => Some('D'),
            "M" | "MM" => Some('M'),
            "YYYY" => Some('Y'),
            _ => None,
        };
        let letters: Option<String> = parts.iter().map(|p| part(p)).collect();
        let order = match letters.as_deref() {
            Some("DMY") => Order::DayMonthYear,
            Some("MDY") => Order::MonthDayYear,
            Some("YMD") => Order::YearMonthDay,
            _ => return Err(err()),
        };
        Ok(DateFormat { order, sep })
    }
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.sep;
        match self.order {
            Order::DayMonthYear => write!(f, "DD{s}MM{s}YYYY"),
            Order::MonthDayYear => write!(f, "MM{s}DD{s}YYYY"),
            Order::YearMonthDay => write!(f, "YYYY{s}MM{s}DD"),
        }
    }
}

/// The three numbers of a date such as `25/11/2026` or `2026.11.25`, with
/// the separator between them, and any time of day after it left off.
fn numbers(cell: &str) -> Option<(char, [&str; 3])> {
    let date = match cell.split_once([' ', 'T']) {
        Some((date, time))
            if time
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'.') =>
        {
            date
        }
        Some(_) => return None,
        None => cell,
    };
    let sep = date.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = date.split(sep);
    let found = [parts.next()?, parts.next()?, parts.next()?];
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && found.iter().all(|p| digits(p))).then_some((sep, found))
}

/// What a week cell holds when it is a date other than `YYYY-MM-DD`:
/// `Some(Ok(iso))` for the date in ISO form to read as a week, `Some(Err)`
/// for why it cannot be read, `None` when it is not such a date at all.
pub(super) fn to_iso(cell: &str, format: Option<DateFormat>) -> Option<Result<String, String>> {
    let (sep, [a, b, c]) = numbers(cell)?;
    // YYYY-MM-DD is the ISO form every file may use; with another
    // separator a year written first is as certain (no one writes the day
    // between the year and the month).
    if a.len() == 4 {
        return match sep {
            '-' => None,
            _ if b.len() <= 2 && c.len() <= 2 => Some(Ok(format!("{a}-{b:0>2}-{c:0>2}"))),
            // Not a date: the week parser says so, as for any other text.
            _ => None,
        };
    }
    let Some(format) = format else {
        return Some(Err(format!(
            "'{}' is a date with the day and the month in an order the file does not say: pass --date-format (one of {DATE_FORMATS}), or write weeks as 2026-W48 or dates as 2026-11-25",
            shown(cell)
        )));
    };
    let (year, month, day) = match format.order {
        _ if sep != format.sep => ("", "", ""),
        Order::DayMonthYear => (c, b, a),
        Order::MonthDayYear => (c, a, b),
        Order::YearMonthDay => (a, b, c),
    };
    if year.len() != 4 || !(1..=2).contains(&month.len()) || !(1..=2).contains(&day.len()) {
        return Some(Err(format!(
            "'{}' is not a date written as {format} (the --date-format given)",
            shown(cell)
        )));
    }
    Some(Ok(format!("{year}-{month:0>2}-{day:0>2}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(s: &str) -> Option<DateFormat> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn formats_as_typed() {
        for (typed, shown) in [
            ("DD/MM/YYYY", "DD/MM/YYYY"),
            ("mm/dd/yyyy", "MM/DD/YYYY"),
            ("D.M.YYYY", "DD.MM.YYYY"),
            ("DD-MM-YYYY", "DD-MM-YYYY"),
            ("YYYY/MM/DD", "YYYY/MM/DD"),
        ] {
            assert_eq!(typed.parse::<DateFormat>().unwrap().to_string(), shown);
        }
        for bad in [
            "",
            "DD/MM/YY",
            "DD/DD/YYYY",
            "DDMMYYYY",
            "DD/MM-YYYY",
            "%d/%m/%Y",
        ] {
            assert!(bad.parse::<DateFormat>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn dates_read_in_the_order_given() {
        let dmy = format("DD/MM/YYYY");
        let mdy = format("MM/DD/YYYY");
        assert_eq!(to_iso("25/11/2026", dmy), Some(Ok("2026-11-25".into())));
        assert_eq!(to_iso("3/4/2026", dmy), Some(Ok("2026-04-03".into())));
        assert_eq!(to_iso("3/4/2026", mdy), Some(Ok("2026-03-04".into())));
        assert_eq!(
            to_iso("25.11.2026 00:00:00", format("DD.MM.YYYY")),
            Some(Ok("2026-11-25".into()))
        );
        for given in [None, format("YYYY/MM/DD"), dmy] {
            assert_eq!(to_iso("2026/11/25", given), Some(Ok("2026-11-25".into())));
            assert_eq!(to_iso("2026.1.5", given), Some(Ok("2026-01-05".into())));
        }
        // Whether month 25 exists is for the calendar to say, later.
        assert_eq!(to_iso("11/25/2026", dmy), Some(Ok("2026-25-11".into())));
        assert!(matches!(to_iso("25.11.2026", dmy), Some(Err(_))));
        assert!(matches!(to_iso("25/11/26", dmy), Some(Err(_))));
    }

    #[test]
    fn iso_forms_and_other_text_are_left_alone() {
        for cell in ["2026-11-25", "2026-W48", "week 48", "2026-11-25 00:00", ""] {
            assert_eq!(to_iso(cell, None), None, "{cell:?}");
            assert_eq!(to_iso(cell, format("DD/MM/YYYY")), None, "{cell:?}");
        }
    }

    #[test]
    fn a_date_without_a_format_is_refused() {
        let Some(Err(message)) = to_iso("03/04/2026", None) else {
            panic!("not refused");
        };
        assert!(message.starts_with("'03/04/2026' is a date with the day and the month"));
        assert!(message.contains("--date-format"));
    }
}
