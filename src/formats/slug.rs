//! File-name words from titles and names, ASCII only so a name reads back
//! byte for byte from any file system.

/// The longest slug kept in a file name, in bytes (ASCII), cut at a word.
pub const SLUG_MAX: usize = 60;

/// Text as a file-name word: lowercase ASCII letters and digits joined by
/// single hyphens, accents folded (`Café` → `cafe`), at most 60 bytes.
/// ASCII only, so a name reads back byte for byte from any file system
/// (macOS would store an accented name decomposed).
pub fn file_slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'a'..='z' | '0'..='9' => Some(c.to_string()),
            c => fold(c).map(str::to_string),
        };
        match folded {
            Some(text) => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push_str(&text);
            }
            None => gap = true,
        }
    }
    if out.len() > SLUG_MAX {
        let cut = out[..=SLUG_MAX]
            .rfind('-')
            .filter(|&i| i > 0)
            .unwrap_or(SLUG_MAX);
        out.truncate(cut);
    }
    if out.is_empty() {
        out.push_str(fallback);
    }
    out
}

/// Latin letters with marks, as the ASCII a reader would type for them.
fn fold(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđð", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"),
        ("śŝşš", "s"),
        ("ţťŧ", "t"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
        ("þ", "th"),
    ];
    TABLE
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|(_, to)| *to)
}
