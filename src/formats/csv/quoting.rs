//! The file's quoting, checked before any row is read. The CSV reader is
//! lenient: a `"` left open swallows every line after it into one value
//! (a file of fifty rows imported as "1 added"). Such a file is refused
//! whole, at the line and column of the quote. A closed quote may hold a
//! line break: a note written with one is read back as it was written.

/// Where the scan is within a value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a value: a `"` here opens a quoted one.
    Start,
    /// In a value that did not start with `"`: a `"` in it is text.
    Unquoted,
    /// Inside quotes opened at this byte, in this column.
    Quoted { at: usize, column: usize },
}

/// A `"` that opens a value and is never closed, in `bytes` (a BOM
/// already stripped) split at `separator` and scanned as a CSV reader
/// would: every line after it would be read into that one value. Returns
/// the quote's byte offset and its column; the caller turns the offset into
/// a line.
pub(super) fn unclosed(bytes: &[u8], separator: u8) -> Option<(usize, usize)> {
    let mut column = 1usize;
    let mut state = State::Start;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match state {
            // A CRLF is two line ends here, which changes nothing.
            State::Start | State::Unquoted if b == b'\n' || b == b'\r' => {
                state = State::Start;
                column = 1;
            }
            State::Start | State::Unquoted if b == separator => {
                state = State::Start;
                column += 1;
            }
            State::Start if b == b'"' => state = State::Quoted { at: i, column },
            State::Start => state = State::Unquoted,
            State::Unquoted => {}
            // A doubled quote is a quote inside the value.
            State::Quoted { .. } if b == b'"' && bytes.get(i + 1) == Some(&b'"') => i += 1,
            // Closed: what follows up to the comma is read as the value's
            // text, as the reader does.
            State::Quoted { .. } if b == b'"' => state = State::Unquoted,
            State::Quoted { .. } => {}
        }
        i += 1;
    }
    match state {
        State::Quoted { at, column } => Some((at, column)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_quoted_files_have_no_problem() {
        for ok in [
            &b"week,A\n2026-W48,1\n"[..],
            b"week,A\r\n2026-W48,\"1,234.5\"\r\n",
            b"measure,week,value,note\nA,2026-W48,1,\"said \"\"hi\"\", then\nleft\"\n",
            b"a,\"\",b\n",
            b"week;\"Revenue, net\";Cost\n",
            b"week,A\n2026-W48,1\"5\n",
            b"",
        ] {
            assert_eq!(
                unclosed(ok, b','),
                None,
                "{:?}",
                String::from_utf8_lossy(ok)
            );
        }
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        let found = super::super::parse(
            b"measure,week,value,note\r\nA,2026-W48,1,\"ok\r\nstill\"\r\nA,2026-W47,2,\"oops\r\nA,2026-W46,3,x\r\n",
        );
        assert_eq!(
            found.problems.first().map(|p| p.to_string()).as_deref(),
            Some(
                "line 4, column 4: the \" that opens this value is never closed: every line after it would be read into it"
            )
        );
    }
}
