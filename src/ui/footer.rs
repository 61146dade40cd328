//! The status line (what was saved, what failed) and the footer of key
//! hints, generated from the binding table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::{Action, State, driving};
use crate::input::{self, Binding, Scope};

pub fn render_status(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    // Writes waiting for another process say so over any older line.
    let waiting = crate::app::waiting_line(state);
    let Some(status) = waiting.as_ref().or(state.status.as_ref()) else {
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
    let mut spans = Vec::new();
    let mut width = usize::from(area.width);
    if state.following {
        // Who the screen follows, then only the keys a follower has.
        let who = match driving::driver(state) {
            Some(d) if state.screen == crate::app::Screen::Meeting => {
                format!("following {} · read-only   ", d.name)
            }
            _ => "following · read-only   ".to_string(),
        };
        width = width.saturating_sub(who.width());
        spans.push(Span::styled(who, theme.dim()));
    }
    // The hints that fit, the way on and out never dropped (see `fit`). A
    // follower sees all of its few keys.
    let hints: Vec<_> = input::active(state)
        .into_iter()
        .filter(|b| driving::offered(state, b.action) && (b.footer || state.following))
        .collect();
    let (shown, gap) = fit(&hints, width);
    for (n, (keys, label)) in shown.into_iter().enumerate() {
        if n > 0 {
            spans.push(Span::raw(" ".repeat(gap)));
        }
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(format!(" {label}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// How much a hint is needed: the way on, out and to every other key
/// (next section, leave, help; save and cancel in a form) first, then the
/// section's own keys, then the rest.
fn rank(b: &Binding) -> u8 {
    match (b.action, b.scope) {
        (
            Action::Help
            | Action::Quit
            | Action::NextSection
            | Action::Save
            | Action::Back
            | Action::Yes
            | Action::No
            | Action::ResumeEarlier,
            _,
        ) => 0,
        (_, Scope::In(_)) => 1,
        _ => 2,
    }
}

/// The hints that fit in `width`, in the table's order, and the gap
/// between them. Shorter forms come before any hint is dropped: every key
/// ("Tab/n next section"), then the first key only ("Tab next section"),
/// each with a wide gap and then a narrow one. Only then do the least
/// needed hints go, so the way on and out is never dropped.
fn fit(hints: &[&Binding], width: usize) -> (Vec<(String, &'static str)>, usize) {
    let label = |b: &Binding, all_keys: bool| {
        let keys = if all_keys {
            input::keys_label(b)
        } else {
            input::first_key_label(b)
        };
        (keys, b.label)
    };
    let needed = |items: &[(String, &str)], gap: usize| -> usize {
        items
            .iter()
            .map(|(k, l)| k.width() + 1 + l.width())
            .sum::<usize>()
            + gap * items.len().saturating_sub(1)
    };
    for all_keys in [true, false] {
        let items: Vec<_> = hints.iter().map(|b| label(b, all_keys)).collect();
        for gap in [3, 2] {
            if needed(&items, gap) <= width {
                return (items, gap);
            }
        }
    }
    // Drop the least needed first, the last of them in the table first.
    let mut order: Vec<usize> = (0..hints.len()).collect();
    order.sort_by_key(|&i| (rank(hints[i]), i));
    let mut keep = vec![true; hints.len()];
    let items: Vec<_> = hints.iter().map(|b| label(b, false)).collect();
    for &i in order.iter().rev() {
        let kept: Vec<_> = (0..hints.len())
            .filter(|j| keep[*j])
            .map(|j| items[j].clone())
            .collect();
        if needed(&kept, 2) <= width {
            return (kept, 2);
        }
        keep[i] = false;
    }
    (Vec::new(), 2)
}
