//! The `?` overlay: every binding of the current mode, from the table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use crate::app::{State, driving};
use crate::input;

pub fn render_help(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    // The help describes the screen beneath it, not the help itself.
    // A follower's help lists only the keys it can use.
    let bindings: Vec<_> = input::screen_bindings(state)
        .into_iter()
        .filter(|b| driving::offered(state, b.action))
        .collect();
    let mut lines: Vec<Line<'_>> = bindings
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!("{:>14}  ", input::keys_label(b)), theme.key()),
                Span::raw(b.label),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled("Esc or ? closes this help.", theme.dim()));
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = 60.min(area.width);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(Line::styled(" Keys ", theme.title()))),
        rect,
    );
}
