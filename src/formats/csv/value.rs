//! Cell text: numbers as spreadsheets format them, read and printed back
//! exactly, and text as error messages quote it.

/// The mark between a number's whole part and its decimals. Spreadsheets
/// outside the US and UK write `1.234,5`; the other mark then separates
/// thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decimal {
    #[default]
    Point,
    Comma,
}

impl Decimal {
    /// The decimal mark and the thousands separator that goes with it.
    fn marks(self) -> (char, char) {
        match self {
            Decimal::Point => ('.', ','),
            Decimal::Comma => (',', '.'),
        }
    }
}

impl std::str::FromStr for Decimal {
    type Err = String;

    fn from_str(s: &str) -> Result<Decimal, String> {
        match s.trim() {
            "." | "point" => Ok(Decimal::Point),
            "," | "comma" => Ok(Decimal::Comma),
            _ => Err(format!(
                "'{}' is not a decimal mark: use '.' or ','",
                shown(s)
            )),
        }
    }
}

/// A number with a decimal point; see [`parse_value_in`].
pub fn parse_value(cell: &str) -> Result<f64, String> {
    parse_value_in(cell, Decimal::Point)
}

/// A number as spreadsheets export it: surrounding spaces, a currency
/// symbol before or after, a trailing `%`, thousands separators (`1,234.5`,
/// `1 234.5`, `1'234.5`, or `1.234,5` with decimal commas), a Unicode
/// minus, or accounting parentheses for a negative. Errors quote the cell.
pub fn parse_value_in(cell: &str, decimal: Decimal) -> Result<f64, String> {
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
    let Some(plain) = ungroup(s, decimal) else {
        let hint = match decimal {
            Decimal::Point if s.contains(',') => {
                ": write decimals with a point (1.5), and commas only between thousands (1,234.5), or pass --decimal ','"
            }
            Decimal::Comma if s.contains('.') => {
                ": write decimals with a comma (1,5), and points only between thousands (1.234,5), or pass --decimal '.'"
            }
            _ => "",
        };
        return Err(format!("{}{hint}", not_a_number()));
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

/// The number with its thousands separators taken out and its decimal
/// mark made a point, if the separators sit where thousands separators go;
/// `None` when they do not (as in `1,5` with a decimal point).
fn ungroup(s: &str, decimal: Decimal) -> Option<String> {
    let (point, thousands) = decimal.marks();
    let int_end = s.find([point, 'e', 'E']).unwrap_or(s.len());
    let (int, tail) = s.split_at(int_end);
    if tail.contains(thousands) {
        return None;
    }
    // Only the float parser's own mark reaches it; a second decimal comma
    // stays a comma, which it refuses.
    let rest = tail.replacen(point, ".", 1);
    let mut seps = int.chars().filter(|c| !c.is_ascii_digit());
    // Words ("NaN", "inf") go to the float parser as they are.
    if int.bytes().any(|b| b.is_ascii_alphabetic()) {
        return (!s.contains(thousands)).then(|| s.to_string());
    }
    let Some(sep) = seps.next() else {
        return Some(format!("{int}{rest}"));
    };
    let groupable = sep == thousands || sep == '\'' || sep == '\u{2019}' || sep.is_whitespace();
    if !groupable || seps.any(|c| c != sep) {
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
    out.push_str(&rest);
    Some(out)
}

/// A cell's text as an error message quotes it: on one line, control
/// characters shown by the terminal sanitiser, and long texts cut short.
pub fn shown(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", crate::formats::terminal::one_line(&text[..cut])),
        None => crate::formats::terminal::one_line(text).into_owned(),
    }
}

/// Bytes that are not UTF-8, with each byte that breaks it written as `\xE9`.
pub(super) fn escape_bytes(bytes: &[u8]) -> String {
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
