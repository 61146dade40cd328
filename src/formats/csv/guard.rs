//! Text cells kept from running as formulas. A spreadsheet program runs a
//! cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a
//! carriage return) as a formula: a measure named `=HYPERLINK(...)` would
//! become a link that sends data elsewhere the moment someone opens the
//! export. Such a cell is written with a leading `'` (OWASP's advice for
//! CSV injection): a spreadsheet then shows the text, quote and all,
//! instead of running it, and the import takes the quote off again.
//!
//! The rule is exactly invertible: a cell that starts with `'` is guarded
//! too, so a name that really starts with `'` survives the round trip, and
//! the import takes a `'` off only when a trigger (or another `'`) follows,
//! as only the export would have written. Numbers rhythm writes (`-5`) are
//! never guarded: they are values, not text.

use std::borrow::Cow;

/// The first characters that make a text cell a formula, and `'` itself.
const TRIGGERS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A text cell as the export writes it.
pub fn guard(text: &str) -> Cow<'_, str> {
    if text.starts_with(TRIGGERS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A text cell as the import reads it: the `'` the export added taken off.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_guarded_and_plain_text_is_not() {
        for (text, written) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1", "'+1"),
            ("-5 churn", "'-5 churn"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'quoted", "''quoted"),
            ("Net revenue", "Net revenue"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(guard(text), written, "{text:?}");
            assert_eq!(unguard(written), text, "{written:?}");
        }
    }

    #[test]
    fn a_quote_the_export_did_not_add_stays() {
        for cell in ["'", "'quoted", "'a=b", "x'=y"] {
            assert_eq!(unguard(cell), cell);
        }
    }

    fn tricky() -> impl Strategy<Value = String> {
        // Arbitrary text, often led by a trigger or a quote (or several).
        (
            proptest::collection::vec(
                prop_oneof![
                    Just("="),
                    Just("+"),
                    Just("-"),
                    Just("@"),
                    Just("\t"),
                    Just("\r"),
                    Just("'")
                ],
                0..4,
            ),
            "\\PC{0,12}|.{0,12}",
        )
            .prop_map(|(lead, rest)| format!("{}{rest}", lead.concat()))
    }

    proptest! {
        #[test]
        fn guarded_text_reads_back_exactly(text in tricky()) {
            let written = guard(&text);
            prop_assert_eq!(unguard(&written), text.as_str());
            // A spreadsheet program never sees a formula in a guarded cell.
            prop_assert!(!written.starts_with(['=', '+', '-', '@', '\t', '\r']));
        }

        #[test]
        fn any_text_reads_back_exactly(text in any::<String>()) {
            let written = guard(&text);
            prop_assert_eq!(unguard(&written), text.as_str());
        }
    }
}
