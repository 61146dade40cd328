//! The status line (what was saved, what failed) and the footer of key
//! hints, generated from the binding table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::{State, driving};
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
    frame.render_widget(
        Paragraph::new(Line::styled(status.text.clone(), style)),
        area,
    );
}

pub fn render_footer(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let mut spans = Vec::new();
    let mut width = 0usize;
    if state.following {
        // Who the screen follows, then only the keys a follower has.
        let who = match driving::driver(state) {
            Some(d) if state.screen == crate::app::Screen::Meeting => {
                format!("following {} · read-only   ", d.name)
            }
            _ => "following · read-only   ".to_string(),
        };
        width += who.chars().count();
        spans.push(Span::styled(who, theme.dim()));
    }
    // Help first, so the way to every other key is always on screen; then
    // as many hints as fit, most specific first. A follower sees all of
    // its few keys.
    let mut hints: Vec<_> = input::active(state)
        .into_iter()
        .filter(|b| driving::offered(state, b.action) && (b.footer || state.following))
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
