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
    name.trim()
        .nfd()
        .default_case_fold()
        .nfd()
        .filter(|c| !ignorable(*c))
        .nfc()
        .collect()
}

/// Unicode's default-ignorable code points (DerivedCoreProperties.txt,
/// stable since 2007): characters that show nothing, such as a zero-width
/// space, a soft hyphen, a joiner or a variation selector. "a\u{200b}b"
/// reads as "ab", so it is the same name.
fn ignorable(c: char) -> bool {
    matches!(
        u32::from(c),
        0xAD | 0x34F
            | 0x61C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// Whether `name` shows nothing: blank, or only characters that show
/// nothing (a zero-width space). Asked of every name written, so it builds
/// nothing.
pub fn shows_nothing(name: &str) -> bool {
    name.chars().all(|c| c.is_whitespace() || ignorable(c))
}

/// Whether two names are the same name as people read them.
pub fn same(a: &str, b: &str) -> bool {
    key(a) == key(b)
}

/// The items `typed` names by their words: the one whose name it is (in
/// any case), else every one whose name holds it. How `--serves` and the
/// screen's link find a line of the brief; the caller says what none or
/// several mean.
pub fn by_words<'a, T>(items: &'a [T], typed: &str, name: impl Fn(&T) -> &str) -> Vec<&'a T> {
    let wanted = key(typed);
    if let Some(exact) = items.iter().find(|i| key(name(i)) == wanted) {
        return vec![exact];
    }
    if wanted.is_empty() {
        return Vec::new();
    }
    items
        .iter()
        .filter(|i| key(name(i)).contains(&wanted))
        .collect()
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
        // What shows nothing counts for nothing.
        for hidden in [
            "a\u{200b}b",
            "ab\u{200d}",
            "a\u{ad}b",
            "\u{feff}ab",
            "a\u{2060}b",
        ] {
            assert!(same(hidden, "ab"), "{hidden:?}");
        }
        assert!(same("👍\u{fe0f}", "👍"));
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

    #[test]
    fn by_words_takes_the_whole_name_first_then_every_name_holding_the_words() {
        let lines = [
            "Mid-market healthcare",
            "Ten new healthcare logos",
            "Annual contracts",
        ];
        let found = |typed: &str| {
            by_words(&lines, typed, |l| l)
                .into_iter()
                .copied()
                .collect::<Vec<_>>()
        };
        assert_eq!(found("ANNUAL CONTRACTS"), ["Annual contracts"]);
        assert_eq!(found("mid-market"), ["Mid-market healthcare"]);
        assert_eq!(
            found("healthcare"),
            ["Mid-market healthcare", "Ten new healthcare logos"]
        );
        assert!(found("zzz").is_empty());
        assert!(found("  ").is_empty());
    }
}
