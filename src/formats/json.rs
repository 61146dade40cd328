//! JSON as rhythm writes it: pretty, and with the characters that act on a
//! terminal or disguise text (DEL, C1 controls, bidirectional controls)
//! escaped as `\u0085`, as serde_json already does for C0 controls. The
//! text read back is the same; a file shown with `cat` shows them plainly.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::terminal::is_hidden;

/// serde_json's pretty layout, with hidden characters escaped in strings.
pub struct Escaping<'a>(PrettyFormatter<'a>);

impl Escaping<'_> {
    pub fn pretty() -> Self {
        Escaping(PrettyFormatter::new())
    }
}

/// `value` as pretty JSON into `out` (no final newline, as serde_json).
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(
    out: W,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        out,
        Escaping::pretty(),
    ))
}

/// `value` as pretty JSON text.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    to_writer_pretty(&mut out, value)?;
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

impl Formatter for Escaping<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json hands over fragments with nothing it escapes itself.
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|(_, c)| is_hidden(*c)) {
            writer.write_all(&rest.as_bytes()[..i])?;
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[i + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    // The rest is the pretty layout, as serde_json writes it.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn hidden_characters_are_escaped_and_read_back_the_same() {
        let value = json!({ "t": ["bell\u{7} del\u{7f} nel\u{85} csi\u{9b} rlo\u{202e} é ✓"] });
        let text = super::to_string_pretty(&value).unwrap();
        assert_eq!(
            text,
            "{\n  \"t\": [\n    \"bell\\u0007 del\\u007f nel\\u0085 csi\\u009b rlo\\u202e é ✓\"\n  ]\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn without_hidden_characters_it_is_serde_jsons_pretty_output() {
        let value = json!({ "a": [1, {"b": null, "c": []}], "d": {}, "e": "x\ny" });
        assert_eq!(
            super::to_string_pretty(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
