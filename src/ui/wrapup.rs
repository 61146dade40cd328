//! Section 5, wrap-up: the recap of what this meeting produced, the rating,
//! and how to end the meeting.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use crate::app::rows::{Row, rows};
use crate::app::{Section, State};

pub fn render_wrapup(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let b = &state.board;
    let r = &b.recap;
    let mut lines: Vec<Line<'_>> = Vec::new();
    let heading = |lines: &mut Vec<Line<'_>>, text: String| {
        lines.push(Line::styled(text, theme.heading()));
    };
    heading(
        &mut lines,
        format!("New action items ({})", r.new_actions.len()),
    );
    // The action items are the section's rows: the selected one is marked.
    let selected = state.selected[Section::WrapUp.index()];
    for (i, row) in rows(state, Section::WrapUp).iter().enumerate() {
        let Row::Action(a) = row else { continue };
        let due = a.due.map_or(String::new(), |d| format!(", due {d}"));
        let text = format!(
            "  • {} — {}{due}",
            a.title,
            a.owner.as_deref().unwrap_or("no owner")
        );
        lines.push(if i == selected {
            Line::styled(text, theme.selected())
        } else {
            Line::raw(text)
        });
    }
    heading(
        &mut lines,
        format!("Decisions made ({})", r.decisions_made.len()),
    );
    for d in &r.decisions_made {
        lines.push(Line::raw(format!("  ✔ {} — {}", d.title, d.chosen)));
    }
    heading(
        &mut lines,
        format!("Decisions needed ({})", r.decisions_needed.len()),
    );
    for d in &r.decisions_needed {
        let due = d.due.map_or(String::new(), |x| format!(", due {x}"));
        lines.push(Line::raw(format!(
            "  ? {} — {}{due}",
            d.title,
            d.owner.as_deref().unwrap_or("NO OWNER")
        )));
    }
    heading(
        &mut lines,
        format!("Dependencies changed ({})", r.deps_changed.len()),
    );
    for d in &r.deps_changed {
        lines.push(Line::raw(format!(
            "  • {} — {}",
            d.what,
            d.status.as_str().replace('_', " ")
        )));
    }
    lines.push(Line::raw(""));
    let rating = b.meeting.as_ref().and_then(|m| m.rating);
    lines.push(Line::from(vec![
        Span::styled("Rating: ", theme.heading()),
        match rating {
            Some(n) => Span::styled(format!("{n}/10"), theme.ok()),
            None => Span::styled("not rated (press 1–9, or 0 for 10)", theme.warn()),
        },
    ]));
    if b.open_meeting().is_some() {
        lines.push(Line::from(vec![
            Span::raw("Press "),
            Span::styled("E", theme.key()),
            Span::raw(" to end the meeting and write the minutes."),
        ]));
    } else {
        lines.push(Line::styled("This meeting has ended.", theme.dim()));
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        area,
    );
}
