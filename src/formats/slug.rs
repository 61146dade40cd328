//! File-name words from titles and names, ASCII only so a name reads back
//! byte for byte from any file system.

/// The longest slug kept in a file name, in bytes (ASCII), cut at a word.
pub const SLUG_MAX: usize = 60;

/// Text as a file-name word: lowercase ASCII letters and digits joined by
/// single hyphens, any script spelt in ASCII (`Café` → `cafe`, Greek or
/// Japanese as their sounds), at most 60 bytes.
/// ASCII only, so a name reads back byte for byte from any file system
/// (macOS would store an accented name decomposed).
pub fn file_slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    // deunicode spells any script in ASCII (`Απόφαση` → `Apophase`,
    // `日本語` → `Ri Ben Yu`), where a table of accented Latin letters left
    // every other script out and its titles as the bare fallback.
    for c in deunicode::deunicode(text).chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
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
