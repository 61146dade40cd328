//! The status line (what was saved, what failed) and the footer of key
//! hints, generated from the binding table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::State;
use crate::input;

pub fn render_status(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let Some(status) = &state.status else {
        return;
    };
    let style = if status.error {
        theme.error()
    } else {
        theme.ok()
    };
    let mut spans = vec![Span::styled(status.text.clone(), style)];
    if status.undo {
        spans.push(Span::styled(" · ", theme.dim()));
        spans.push(Span::styled(
            input::key_of(input::Scope::Meeting, crate::app::Action::Undo),
            theme.key(),
        ));
        spans.push(Span::raw(" undo"));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn render_footer(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    if state.following {
        let line = Line::from(vec![
            Span::styled("following · read-only   ", theme.dim()),
            Span::styled("q", theme.key()),
            Span::raw(" leave"),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let mut spans = Vec::new();
    let mut width = 0usize;
    // Help first, so the way to every other key is always on screen; then
    // as many hints as fit, most specific first.
    let mut hints: Vec<_> = input::active(state)
        .into_iter()
        .filter(|b| b.footer)
        .collect();
    hints.sort_by_key(|b| b.action != crate::app::Action::Help);
    for b in hints {
        let keys = input::keys_label(b);
        let item = keys.chars().count() + b.label.chars().count() + 4;
        if width + item > area.width as usize {
            continue;
        }
        width += item;
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(format!(" {}   ", b.label)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
