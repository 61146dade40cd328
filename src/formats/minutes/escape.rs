//! Typed text as one line of Markdown that reads back as typed.

/// One line of Markdown text: no line breaks, no leading or trailing
/// spaces, and every character that could start markup escaped, so what was
/// typed reads back as typed wherever the line lands (a list item, a table
/// cell, a heading). Backslash escapes are valid before any ASCII
/// punctuation in CommonMark; they are added only where needed, because the
/// raw text is also read on screen.
pub(crate) fn md(text: &str) -> String {
    let flat: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let text = flat.trim();
    let mut out = String::with_capacity(text.len() + 4);
    let marker = block_marker_at(text);
    for (i, c) in text.char_indices() {
        let escape = match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' | '~' => true,
            // `&copy;` or `&#169;` would render as ©.
            '&' => is_entity(&text[i + 1..]),
            _ => marker == Some(i),
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where a line starting with `text` would open a block (a bullet or
/// ordered list item, a thematic break or a setext underline) in place of
/// plain text: the byte index of the character to escape.
fn block_marker_at(text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    let rest = &text[first.len_utf8()..];
    match first {
        '-' | '+' | '='
            if rest.is_empty()
                || rest.starts_with(' ')
                || rest.chars().all(|c| c == first || c == ' ') =>
        {
            Some(0)
        }
        '0'..='9' => {
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            let then = text[digits..]
                .strip_prefix('.')
                .or_else(|| text[digits..].strip_prefix(')'));
            let opens = then.is_some_and(|t| t.is_empty() || t.starts_with(' '));
            (digits <= 9 && opens).then_some(digits)
        }
        _ => None,
    }
}

/// Whether the text after an `&` would make it an entity reference.
fn is_entity(after: &str) -> bool {
    let name = after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .count();
    name > 0 && after[name..].starts_with(';')
}

pub(super) fn or_dash(text: Option<&str>) -> String {
    text.map(md).unwrap_or_else(|| "—".into())
}
