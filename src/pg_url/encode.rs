//! Percent-encoding as URLs use it, through the `percent-encoding` crate
//! (the one the `postgres` crate decodes with), plus the check libpq makes
//! that every `%` starts a valid escape.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use super::PgUrlError;

/// Left as typed in a user, host or database name: RFC 3986's unreserved.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A parameter's value may also keep the readable separators of a path or
/// a host list; `&`, `=`, `%` and `#` stay encoded.
const QUERY_VALUE: &AsciiSet = &COMPONENT.remove(b'/').remove(b':').remove(b',');

pub fn component(text: &str) -> Cow<'_, str> {
    utf8_percent_encode(text, COMPONENT).into()
}

pub fn query_value(text: &str) -> Cow<'_, str> {
    utf8_percent_encode(text, QUERY_VALUE).into()
}

/// `text` with its `%XX` escapes decoded; a stray `%` or bytes that are not
/// UTF-8 once decoded are refused, quoting `text`.
pub fn decode(text: &str) -> Result<String, PgUrlError> {
    let bytes = text.as_bytes();
    let escapes_ok = bytes.iter().enumerate().all(|(i, b)| {
        *b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    let bad = || PgUrlError::Encoding(text.to_string());
    if !escapes_ok {
        return Err(bad());
    }
    percent_decode_str(text)
        .decode_utf8()
        .map(Cow::into_owned)
        .map_err(|_| bad())
}
