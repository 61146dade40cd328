//! Which character separates a file's values. Spreadsheets in most of
//! Europe save "CSV" with semicolons, because their decimal mark is the
//! comma; Excel may name the separator on a first line (`sep=;`); and text
//! saved as "Unicode text" is separated by tabs. A given separator wins
//! over the header's guess, but not over a `sep=` line that says otherwise:
//! that file is refused rather than misread.

use super::options::{DELIMITERS, delimiter_name};
use super::value::shown;
use super::{At, Parsed, Problem};

pub(super) struct Separator {
    pub(super) byte: u8,
    /// Whether the file's first line is a `sep=` line naming it.
    pub(super) named_by_file: bool,
}

pub(super) fn choose(bytes: &[u8], given: Option<u8>, p: &mut Parsed) -> Option<Separator> {
    if let Some(named) = sep_line(bytes) {
        let Some(&(byte, _)) = DELIMITERS
            .iter()
            .find(|(b, _)| u32::from(*b) == named as u32)
        else {
            p.problems.push(Problem::new(
                At::line(1),
                format!(
                    "the file says its separator is '{}', which rhythm does not read: save the file separated by commas or semicolons",
                    shown(&named.to_string())
                ),
            ));
            return None;
        };
        if let Some(g) = given.filter(|g| *g != byte) {
            p.problems.push(Problem::new(
                At::line(1),
                format!(
                    "the file says its separator is '{}', but --delimiter says '{}': leave --delimiter out",
                    delimiter_name(byte),
                    delimiter_name(g)
                ),
            ));
            return None;
        }
        return Some(Separator {
            byte,
            named_by_file: true,
        });
    }
    Some(Separator {
        byte: given.unwrap_or_else(|| from_header(bytes)),
        named_by_file: false,
    })
}

/// The character a first line such as `sep=;` names.
fn sep_line(bytes: &[u8]) -> Option<char> {
    let end = bytes
        .iter()
        .position(|b| matches!(b, b'\r' | b'\n'))
        .unwrap_or(bytes.len());
    let line = &bytes[..end];
    if line.len() < 5 || !line[..4].eq_ignore_ascii_case(b"sep=") {
        return None;
    }
    let mut rest = std::str::from_utf8(&line[4..]).ok()?.chars();
    rest.next().filter(|_| rest.next().is_none())
}

/// The header's separator: semicolons (or tabs) when the header read as
/// comma-separated holds at least as many of them as it has fields, so a
/// quoted name holding a comma does not tip it. Commas otherwise.
fn from_header(bytes: &[u8]) -> u8 {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let header = reader
        .byte_records()
        .map_while(Result::ok)
        .find(|r| r.iter().any(|f| !f.trim_ascii().is_empty()));
    let Some(header) = header else {
        return b',';
    };
    let count = |sep: u8| -> usize {
        header
            .iter()
            .map(|f| f.iter().filter(|b| **b == sep).count())
            .sum()
    };
    [b';', b'\t']
        .into_iter()
        .find(|sep| count(*sep) >= header.len())
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(bytes: &[u8], given: Option<u8>) -> Result<(char, bool), Vec<String>> {
        let mut p = Parsed::default();
        match choose(bytes, given, &mut p) {
            Some(s) => Ok((char::from(s.byte), s.named_by_file)),
            None => Err(p.problems.iter().map(ToString::to_string).collect()),
        }
    }

    #[test]
    fn the_separator_is_read_from_the_file() {
        assert_eq!(chosen(b"week,A\n", None), Ok((',', false)));
        assert_eq!(chosen(b"measure;week;value\n", None), Ok((';', false)));
        assert_eq!(
            chosen(b"week;\"Revenue, net\";Cost\n", None),
            Ok((';', false))
        );
        assert_eq!(chosen(b"\r\nweek\tA\tB\n", None), Ok(('\t', false)));
        assert_eq!(chosen(b"week,\"A;B\"\n", None), Ok((',', false)));
        assert_eq!(chosen(b"sep=;\r\nweek;A\r\n", None), Ok((';', true)));
        assert_eq!(chosen(b"SEP=,\nweek,A\n", None), Ok((',', true)));
        assert_eq!(chosen(b"week|A\n", Some(b'|')), Ok(('|', false)));
        assert_eq!(chosen(b"", None), Ok((',', false)));
    }

    #[test]
    fn a_separator_the_file_contradicts_is_refused() {
        assert_eq!(
            chosen(b"sep=;\nweek;A\n", Some(b',')),
            Err(vec![
                "line 1: the file says its separator is ';', but --delimiter says ',': leave --delimiter out".to_string()
            ])
        );
        assert_eq!(
            chosen(b"sep=#\nweek#A\n", None),
            Err(vec![
                "line 1: the file says its separator is '#', which rhythm does not read: save the file separated by commas or semicolons".to_string()
            ])
        );
    }
}
