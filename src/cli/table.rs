//! Plain-text tables for the terminal: columns padded by display width (so
//! emoji and CJK line up) and control characters kept off the terminal.

use unicode_width::UnicodeWidthStr;

use crate::formats::terminal;

pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

/// One line of text whatever was stored: newlines and tabs become spaces,
/// so a note cannot break the table, and other control characters are
/// shown as the terminal sanitiser shows them.
pub fn clean(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    terminal::one_line(&spaced).into_owned()
}

/// Like `clean`, but keeps line breaks, indenting each following line.
pub fn clean_block(text: &str, indent: &str) -> String {
    text.trim()
        .lines()
        .map(clean)
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Table {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.iter().map(|c| clean(c)).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self) -> String {
        let cols = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(cols) {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let line = |cells: &mut dyn Iterator<Item = &str>| {
            let mut s = String::new();
            for (i, cell) in cells.enumerate() {
                if i > 0 {
                    s.push_str("  ");
                }
                s.push_str(cell);
                if i + 1 < cols {
                    s.push_str(&" ".repeat(widths[i].saturating_sub(cell.width())));
                }
            }
            s.trim_end().to_string() + "\n"
        };
        let mut out = line(&mut self.headers.iter().copied());
        for row in &self.rows {
            out.push_str(&line(&mut row.iter().map(String::as_str)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_by_display_width_and_cleans_cells() {
        let mut t = Table::new(&["#", "Title", "Owner"]);
        t.row(vec!["1".into(), "Ship 🚀".into(), "Ana".into()]);
        t.row(vec![
            "12".into(),
            "two\nlines\u{1b}[31m".into(),
            "Bo".into(),
        ]);
        assert_eq!(
            t.render(),
            "#   Title                Owner\n1   Ship 🚀              Ana\n12  two lines\\u001b[31m  Bo\n"
        );
    }
}
