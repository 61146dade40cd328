//! Names as people read them. A team, measure or person typed as "Café"
//! with the accent composed, or decomposed as a Mac keyboard may send it,
//! or as "CAFÉ", is one name: names are stored in Unicode's composed form
//! (NFC) and compared by their canonical caseless form (full case folding,
//! so "Straße" and "STRASSE" match too).

use caseless::Caseless;
use unicode_normalization::UnicodeNormalization;

/// The form a name is stored in: without surrounding blanks, composed.
pub fn stored(name: &str) -> String {
    name.trim().nfc().collect()
}

/// What two names are compared by: equal keys, same name. The canonical
/// caseless match of the Unicode standard (D145), composed again so the
/// key is no longer than it needs to be.
pub fn key(name: &str) -> String {
    name.trim().nfd().default_case_fold().nfd().nfc().collect()
}

/// Whether two names are the same name as people read them.
pub fn same(a: &str, b: &str) -> bool {
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_written_differently_are_the_same_name() {
        let composed = "Caf\u{e9}";
        let decomposed = "Cafe\u{301}";
        assert_ne!(composed, decomposed);
        assert!(same(composed, decomposed));
        assert!(same("Équipe", "équipe"));
        assert!(same("ÉQUIPE", "e\u{301}quipe"));
        assert!(same("Straße", "STRASSE"));
        assert!(same("\u{212a}elvin", "kelvin"));
        assert!(same(" Growth ", "growth"));
        assert!(!same("Growth", "Grow th"));
        assert!(!same("Café", "Cafe"));
    }

    #[test]
    fn names_are_stored_composed_and_trimmed() {
        assert_eq!(stored("  Cafe\u{301} "), "Caf\u{e9}");
        assert_eq!(stored("Straße"), "Straße");
        assert_eq!(stored("ÉQUIPE"), "ÉQUIPE");
    }
}
