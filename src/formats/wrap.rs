//! Text wrapped to a width, by words, for a screen that scrolls it: the
//! screen draws these lines and the keys that scroll count them, so both
//! agree on where the text ends. A line's leading spaces indent the rows it
//! wraps onto, and a word wider than the width is cut. Pure.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text`'s lines wrapped to `width` columns (at least 1).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for line in text.lines() {
        let indent_len = line.len() - line.trim_start_matches(' ').len();
        // An indent that leaves no room is not kept on the rows after.
        let indent = if indent_len * 2 < width {
            &line[..indent_len]
        } else {
            ""
        };
        let mut row = line[..indent_len].to_string();
        let mut row_width = row.width();
        let mut fresh = true;
        for word in line[indent_len..].split(' ') {
            let w = word.width();
            let gap = usize::from(!fresh);
            if row_width + gap + w > width && !fresh {
                out.push(std::mem::replace(&mut row, indent.to_string()));
                row_width = indent.width();
                fresh = true;
            }
            if !fresh {
                row.push(' ');
                row_width += 1;
            }
            // A word wider than a whole row is cut where the row ends.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if row_width + cw > width && row_width > indent.width() {
                    out.push(std::mem::replace(&mut row, indent.to_string()));
                    row_width = indent.width();
                }
                row.push(c);
                row_width += cw;
            }
            fresh = false;
        }
        out.push(row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn words_wrap_under_their_lines_indent_and_long_words_are_cut() {
        assert_eq!(
            wrap("  #5 Ten new healthcare logos\n\nshort", 14),
            vec!["  #5 Ten new", "  healthcare", "  logos", "", "short"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        // Wide characters count as two columns.
        assert_eq!(wrap("日本語 テキスト", 6), vec!["日本語", "テキス", "ト"]);
        assert!(
            wrap("a b c d e f", 3)
                .iter()
                .all(|r| r.chars().count() <= 3)
        );
    }
}
