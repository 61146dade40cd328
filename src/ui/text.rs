//! Word wrapping by display width, for list items whose text is the point
//! (why an item is off track, what was decided) and must not be cut off.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` broken into lines of at most `width` columns, at spaces where it
/// can be, inside a word where it must. Never returns an empty list.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = if line.is_empty() {
            word.width()
        } else {
            line.width() + 1 + word.width()
        };
        if needed <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word longer than the line is broken where it must be.
        for c in word.chars() {
            if line.width() + c.width().unwrap_or(0) > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` wrapped to `width`, then `tail` (an owner, a due date) after it
/// on its last line when it fits there, else on lines of its own: the
/// tail is never cut off. Lines are (text, tail) pairs.
pub fn wrap_with_tail(text: &str, tail: &str, width: usize) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = wrap(text, width)
        .into_iter()
        .map(|l| (l, String::new()))
        .collect();
    let fits = lines
        .last()
        .is_some_and(|(last, _)| last.width() + tail.width() <= width.max(1));
    match lines.last_mut() {
        Some((_, t)) if fits => *t = tail.to_string(),
        _ => lines.extend(
            wrap(tail.trim_start(), width)
                .into_iter()
                .map(|t| (String::new(), t)),
        ),
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{wrap, wrap_with_tail};

    #[test]
    fn a_tail_follows_the_text_or_takes_its_own_line() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            wrap_with_tail("call Acme", " — Bo", 20),
            [pair("call Acme", " — Bo")]
        );
        assert_eq!(
            wrap_with_tail("call Acme and Globex", " — Bo", 20),
            [pair("call Acme and Globex", ""), pair("", "— Bo")]
        );
        assert_eq!(
            wrap_with_tail("call Acme and Globex today", " — Bo", 20),
            [pair("call Acme and Globex", ""), pair("today", " — Bo")]
        );
    }

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        assert_eq!(wrap("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("日本語テキスト", 6), ["日本語", "テキス", "ト"]);
        assert_eq!(wrap("a b", 0), ["a", "b"]);
    }
}
