//! The one Markdown escaper: typed text as one line of GitHub-flavoured
//! Markdown that reads back as typed. The minutes, `rhythm scorecard
//! --format md` and the decision records all escape through it, so a name
//! that is safe in one is safe in all (GFM rather than strict CommonMark
//! because the minutes and the scorecard are tables, and GFM adds `~`
//! strikethrough and `|` cell breaks to what must be escaped).

/// One line of Markdown text: no line breaks, no leading or trailing
/// spaces, and every character that could start markup escaped, so what was
/// typed reads back as typed wherever the line lands (a list item, a table
/// cell, a heading). Backslash escapes are valid before any ASCII
/// punctuation in CommonMark; they are added only where needed, because the
/// raw text is also read on screen.
pub fn escape(text: &str) -> String {
    let flat = one_line(text);
    let text = flat.as_str();
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

/// The text as one line, as `escape` takes it: line breaks and tabs as
/// spaces, other control characters gone, no outer spaces.
fn one_line(text: &str) -> String {
    let flat: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    flat.trim().to_string()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::{escape, one_line};

    /// What a GFM reader shows of `doc`: its text, or the first event that
    /// is not plain text (emphasis, a link, HTML, a heading where none was
    /// written...), which would mean typed text became markup.
    fn shown(doc: &str, allowed: &[&str]) -> Result<String, String> {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_GFM;
        let mut text = String::new();
        for event in Parser::new_ext(doc, options) {
            let kind = match &event {
                Event::Text(t) => {
                    text.push_str(t);
                    continue;
                }
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => continue,
                Event::Start(Tag::Heading { .. }) | Event::End(TagEnd::Heading(_)) => "heading",
                Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_)) => "list",
                Event::Start(Tag::Item) | Event::End(TagEnd::Item) => "item",
                Event::Start(Tag::Table(_)) | Event::End(TagEnd::Table) => "table",
                Event::Start(Tag::TableHead) | Event::End(TagEnd::TableHead) => "table",
                Event::Start(Tag::TableRow) | Event::End(TagEnd::TableRow) => "table",
                Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) => "table",
                Event::TaskListMarker(_) => "task",
                _ => return Err(format!("{event:?} in {doc:?}")),
            };
            if !allowed.contains(&kind) {
                return Err(format!("{event:?} in {doc:?}"));
            }
        }
        Ok(text)
    }

    /// Every place the minutes, the scorecard and the records put a line.
    fn reads_back(text: &str) -> Result<(), String> {
        let e = escape(text);
        let want = one_line(text);
        let places = [
            (format!("{e}\n"), String::new(), &[][..]),
            (format!("- {e}\n"), String::new(), &["list", "item"][..]),
            (
                format!("- [ ] {e}\n"),
                String::new(),
                &["list", "item", "task"][..],
            ),
            (format!("# 3. {e}\n"), "3.".to_string(), &["heading"][..]),
            (
                format!("| A | B |\n| --- | --- |\n| x | {e} |\n"),
                "ABx".to_string(),
                &["table"][..],
            ),
        ];
        for (doc, before, allowed) in places {
            let got = shown(&doc, allowed)?;
            // A heading drops the space after its number when nothing follows.
            let got = got.strip_prefix(&before).unwrap_or(&got).trim_start();
            if got != want {
                return Err(format!("{doc:?} shows {got:?}, not {want:?}"));
            }
        }
        Ok(())
    }

    #[test]
    fn escape_keeps_typed_text_out_of_markup() {
        assert_eq!(escape("  Plain words, 20% off  "), "Plain words, 20% off");
        assert_eq!(
            escape("a|b *c* _d_ `e` [f] <g> #h \\ ~i"),
            "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\] \\<g\\> \\#h \\\\ \\~i"
        );
        assert_eq!(escape("two\nlines\tand\u{7}bell"), "two lines andbell");
        // What would open a block at the start of a list item or a line.
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("+ nor this"), "\\+ nor this");
        assert_eq!(escape("---"), "\\---");
        assert_eq!(escape("==="), "\\===");
        assert_eq!(escape("12. not ordered"), "12\\. not ordered");
        assert_eq!(escape("3) nor this"), "3\\) nor this");
        // ...but not where it cannot.
        assert_eq!(escape("-5% churn"), "-5% churn");
        assert_eq!(escape("2026 plan. Q1"), "2026 plan. Q1");
        assert_eq!(escape("1.5x coverage"), "1.5x coverage");
        assert_eq!(escape("3–5 x"), "3–5 x");
        assert_eq!(escape("7"), "7");
        assert_eq!(escape("1."), "1\\.");
        assert_eq!(escape("a - b"), "a - b");
        // Entities only where they would be read as one.
        assert_eq!(
            escape("R&D &copy; &#169; & more"),
            "R&D \\&copy; \\&\\#169; & more"
        );
    }

    #[test]
    fn markup_that_was_seen_reads_back_as_typed() {
        for text in [
            "*bold* [x](y)",
            "# Not a heading <b>",
            "- not a list",
            "+ nor this",
            "1. nor this",
            "2) or this",
            "---",
            "===",
            "> quoted",
            "a | b",
            "~~gone~~",
            "`code`",
            "<!-- comment -->",
            "<http://x.y>",
            "&copy; &#169; &amp;",
            "[ ] a box",
            "[^1] a note",
            "back\\slash\\",
            "_under_ __score__",
            "![img](x.png)",
            "    indented",
            "a\nb\r\nc\td",
            "\u{7}bell",
        ] {
            assert_eq!(reads_back(text), Ok(()), "{text:?}");
        }
        assert_eq!(escape("*bold* [x](y)"), "\\*bold\\* \\[x\\](y)");
        assert_eq!(escape("1. nor this"), "1\\. nor this");
        // Only what could be markup is escaped: plain text stays readable.
        assert_eq!(
            escape("Cut the discount from 20% to 15%"),
            "Cut the discount from 20% to 15%"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn any_text_reads_back_as_typed(
            text in "[-+=*_`~#>|<&;!\\[\\]()\\\\:/.0-9a-zA Zé日\\n\\t\u{0}\u{a0}]{0,24}"
        ) {
            prop_assert_eq!(reads_back(&text), Ok(()));
        }

        #[test]
        fn any_string_reads_back_as_typed(text in any::<String>()) {
            prop_assert_eq!(reads_back(&text), Ok(()));
        }
    }
}
