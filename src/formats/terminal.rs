//! Text for a terminal: the one sanitiser. Stored text may hold anything an
//! import or a script put there; printed raw, a control character can move
//! the cursor, rewrite the screen or retitle the window, and a
//! bidirectional override can make text read as something it is not. Each
//! such character is shown instead as its escape, in the spelling JSON uses
//! (`\u001b`), so JSON printed through it stays valid JSON that reads back
//! the same text. Files are written exactly and never pass through here.
//! Imports nothing from the rest of rhythm.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` must not reach a terminal as itself: C0 controls (a newline
/// is told apart by the callers), DEL, C1 controls, and the bidirectional
/// embeddings, overrides and isolates.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// `text` with every hidden character shown as its escape; line breaks are
/// kept, as text printed on several lines means them.
pub fn visible(text: &str) -> Cow<'_, str> {
    shown(text, true)
}

/// `text` on one line: like `visible`, and a line break shown as `\n` too,
/// for a value quoted inside a message or a cell.
pub fn one_line(text: &str) -> Cow<'_, str> {
    shown(text, false)
}

fn shown(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let kept = |c: char| !is_hidden(c) || (keep_newlines && c == '\n');
    if text.chars().all(kept) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if kept(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push_str(&format!("\\u{:04x}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// A writer that passes everything through `visible` on its way out: what
/// the command line prints, so no printer can forget it. A character split
/// across two writes waits for its second half; bytes that are not UTF-8
/// are shown as `\xE9`.
pub struct Visible<W: Write> {
    inner: W,
    /// The start of a character whose remaining bytes have not come yet.
    pending: Vec<u8>,
    /// While set, bytes pass as they are: a data file (CSV, Markdown)
    /// written to a pipe or a redirect is that file, exactly. Set only for
    /// a stream that is not a terminal (see `cli::Ctx::exact_data`).
    exact: std::rc::Rc<std::cell::Cell<bool>>,
}

impl<W: Write> Visible<W> {
    pub fn new(inner: W) -> Visible<W> {
        Visible::switched(inner, std::rc::Rc::default())
    }

    /// A sanitiser that lets bytes pass while `exact` is set.
    pub fn switched(inner: W, exact: std::rc::Rc<std::cell::Cell<bool>>) -> Visible<W> {
        Visible {
            inner,
            pending: Vec::new(),
            exact,
        }
    }

    /// Writes out what is pending (a character cut short is shown as its
    /// bytes) and flushes.
    pub fn finish(&mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        let text: String = rest.iter().map(|b| format!("\\x{b:02X}")).collect();
        self.inner.write_all(text.as_bytes())?;
        self.inner.flush()
    }
}

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.exact.get() && self.pending.is_empty() {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        // Nearly everything printed is plain text: it goes out as it came,
        // without a copy (an export to standard output is large).
        if self.pending.is_empty()
            && let Ok(text) = std::str::from_utf8(buf)
            && matches!(visible(text), Cow::Borrowed(_))
        {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        self.pending.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.pending);
        let mut out = String::with_capacity(bytes.len());
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    out.push_str(&visible(text));
                    rest = &[];
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    if let Ok(text) = std::str::from_utf8(good) {
                        out.push_str(&visible(text));
                    }
                    match e.error_len() {
                        // Cut short by the end of this write: wait for the rest.
                        None => {
                            self.pending.extend_from_slice(bad);
                            rest = &[];
                        }
                        Some(n) => {
                            for b in &bad[..n] {
                                out.push_str(&format!("\\x{b:02X}"));
                            }
                            rest = &bad[n..];
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_controls_bidi_and_c1_and_keeps_the_rest() {
        assert_eq!(
            visible("a\u{1b}[31mb\u{7}\u{0}\u{7f}\u{85}\u{9b}\u{202e}x\u{2066}\ty\r\nz é̃ 🚀"),
            "a\\u001b[31mb\\u0007\\u0000\\u007f\\u0085\\u009b\\u202ex\\u2066\\ty\\r\nz é̃ 🚀"
        );
        assert_eq!(one_line("two\nlines"), "two\\nlines");
        assert!(matches!(visible("plain\ntext"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_writer_waits_for_a_split_character_and_shows_broken_bytes() {
        let mut out = Vec::new();
        let mut w = Visible::new(&mut out);
        // U+0085 is C2 85 in UTF-8, and é is C3 A9: each arrives in halves.
        w.write_all(b"a\xC2").unwrap();
        w.write_all(b"\x85b\xC3").unwrap();
        w.write_all(b"\xA9\xFFc\xE2\x80").unwrap();
        w.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\u0085bé\\xFFc\\xE2\\x80"
        );
    }

    #[test]
    fn json_printed_through_it_stays_json_with_the_same_text() {
        let text = "bell\u{7} csi\u{9b} rlo\u{202e} nel\u{85}";
        let json = serde_json::to_string_pretty(&serde_json::json!({ "t": text })).unwrap();
        let mut out = Vec::new();
        let mut w = Visible::new(&mut out);
        w.write_all(json.as_bytes()).unwrap();
        w.finish().unwrap();
        let printed = String::from_utf8(out).unwrap();
        assert!(
            printed.contains("\\u009b") && printed.contains("\\u202e"),
            "{printed}"
        );
        let back: serde_json::Value = serde_json::from_str(&printed).unwrap();
        assert_eq!(back["t"], text);
    }
}
