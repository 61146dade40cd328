//! What a reader may be told about a file that its bytes do not say for
//! certain: the separator, the decimal mark, the text encoding and the
//! order of a date's numbers. Each is read from the file when it can be;
//! what is given here wins. Also the decoding to UTF-8 itself, with
//! `encoding_rs` (the WHATWG encodings, as browsers decode them).

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use super::dates::DateFormat;
use super::value::{Decimal, shown};
use super::{At, Problem};

/// How to read a file; `Default` reads everything from the file itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `,`, `;`, a tab or `|`; else the header's. A `sep=` first line
    /// names it too, and one that says otherwise refuses the file.
    pub delimiter: Option<u8>,
    /// Else a comma in a file separated by semicolons, a point otherwise.
    pub decimal: Option<Decimal>,
    /// Else the byte-order mark's, else UTF-8. A byte-order mark wins.
    pub encoding: Option<&'static Encoding>,
    /// Else only ISO dates (and weeks) are read.
    pub dates: Option<DateFormat>,
}

/// The separators a file may use, as `--delimiter` and `sep=` name them.
pub const DELIMITERS: &[(u8, &str)] = &[(b',', ","), (b';', ";"), (b'\t', "tab"), (b'|', "|")];

/// A separator as typed: the character itself, or `tab` (`\t`).
pub fn delimiter(typed: &str) -> Result<u8, String> {
    let key = match typed {
        "\t" | "\\t" => "tab",
        other => other,
    };
    DELIMITERS
        .iter()
        .find(|(_, name)| name.eq_ignore_ascii_case(key))
        .map(|(b, _)| *b)
        .ok_or_else(|| {
            format!(
                "'{}' is not a separator rhythm reads: use ',', ';', 'tab' or '|'",
                shown(typed)
            )
        })
}

/// The name a separator is shown by in messages.
pub(super) fn delimiter_name(b: u8) -> &'static str {
    DELIMITERS
        .iter()
        .find(|(d, _)| *d == b)
        .map_or("?", |(_, name)| name)
}

/// An encoding by any of its usual names (`windows-1252`, `cp1252`,
/// `latin1`, `utf-16le`, ...), as browsers know them.
pub fn encoding(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes())
        // "replacement" is the WHATWG's name for encodings it refuses.
        .filter(|e| e.name() != "replacement")
        .ok_or_else(|| {
            format!(
                "'{}' is not a text encoding rhythm reads: use utf-8, windows-1252, utf-16le or utf-16be",
                shown(label)
            )
        })
}

/// The file's text as UTF-8 bytes, without a byte-order mark. Bytes that
/// should be UTF-8 but are not pass through unchanged, for the reader to
/// report at each cell; other encodings are decoded here, and a file that
/// is not in its encoding is refused at the line where it stops being so.
pub(super) fn to_utf8<'a>(
    input: &'a [u8],
    given: Option<&'static Encoding>,
) -> Result<Cow<'a, [u8]>, Problem> {
    let (encoding, body) = match Encoding::for_bom(input) {
        Some((e, len)) => (e, &input[len..]),
        None => (given.unwrap_or(UTF_8), input),
    };
    if encoding == UTF_8 {
        if given.is_none() && input.len() == body.len() && body.contains(&0) {
            return Err(Problem::new(
                At::line(1),
                "the file holds NUL bytes, as UTF-16 text without a byte-order mark does: pass --encoding utf-16le (or utf-16be)",
            ));
        }
        return Ok(Cow::Borrowed(body));
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(usize::MAX);
    let mut text = String::new();
    if text.try_reserve_exact(capacity).is_err() {
        return Err(Problem::new(At::line(1), "the file is too large to decode"));
    }
    let (result, _) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(Cow::Owned(text.into_bytes())),
        // The text so far ends where the bad bytes start.
        DecoderResult::Malformed(..) | DecoderResult::OutputFull => {
            let line = 1 + super::read::line_breaks(text.as_bytes()) as u64;
            Err(Problem::new(
                At::line(line),
                format!(
                    "this line is not {} text: check the file's encoding (--encoding)",
                    encoding.name()
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_encodings_by_name() {
        assert_eq!(delimiter(";"), Ok(b';'));
        assert_eq!(delimiter("TAB"), Ok(b'\t'));
        assert_eq!(delimiter("\\t"), Ok(b'\t'));
        assert_eq!(
            delimiter("::"),
            Err("'::' is not a separator rhythm reads: use ',', ';', 'tab' or '|'".into())
        );
        assert_eq!(
            encoding("Windows-1252").map(Encoding::name),
            Ok("windows-1252")
        );
        assert_eq!(encoding("latin1").map(Encoding::name), Ok("windows-1252"));
        assert_eq!(encoding("utf-16be").map(Encoding::name), Ok("UTF-16BE"));
        assert!(encoding("iso-2022-kr").is_err());
        assert!(encoding("klingon").is_err());
    }

    #[test]
    fn text_is_decoded_from_its_mark_or_as_told() {
        let utf16le: Vec<u8> = "\u{feff}a,é\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let utf16be: Vec<u8> = "\u{feff}a,é\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let win = encoding("windows-1252").ok();
        for (bytes, given) in [
            (&utf16le[..], None),
            (&utf16be[..], None),
            // The mark wins over what was given.
            (&utf16be[..], win),
            (b"\xEF\xBB\xBFa,\xC3\xA9\n", None),
            (b"a,\xC3\xA9\n", None),
            (b"a,\xE9\n", win),
        ] {
            assert_eq!(to_utf8(bytes, given).unwrap(), "a,é\n".as_bytes());
        }
        // UTF-16 without its mark, when told.
        assert_eq!(
            to_utf8(&utf16le[2..], encoding("utf-16le").ok()).unwrap(),
            "a,é\n".as_bytes()
        );
    }

    #[test]
    fn text_not_in_its_encoding_is_refused_at_its_line() {
        // Half a character at the end of the third line.
        let mut bytes: Vec<u8> = "\u{feff}a\nb\nc"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        bytes.push(b'x');
        assert_eq!(
            to_utf8(&bytes, None).unwrap_err().to_string(),
            "line 3: this line is not UTF-16LE text: check the file's encoding (--encoding)"
        );
        let utf16_unmarked: Vec<u8> = "a,b\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(
            to_utf8(&utf16_unmarked, None)
                .unwrap_err()
                .to_string()
                .contains("--encoding utf-16le")
        );
    }
}
