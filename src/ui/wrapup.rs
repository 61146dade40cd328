//! Section 5, wrap-up: the recap of what this meeting did (new actions,
//! decisions made and still needed, every change it kept), the rating, and
//! how to end the meeting.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
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
        format!("Decisions still needed ({})", b.needed.len()),
    );
    for d in &b.needed {
        let due = d.due.map_or(String::new(), |x| format!(", due {x}"));
        let age = if b.is_new_need(d) { "new" } else { "carried" };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "  ? {} — {}{due} ",
                d.title,
                d.owner.as_deref().unwrap_or("NO OWNER")
            )),
            Span::styled(format!("({age})"), theme.dim()),
        ]));
    }
    let changes = b.changes_made();
    if changes.is_empty() {
        heading(&mut lines, "Changes made: none".into());
    }
    for (title, said) in changes {
        heading(&mut lines, format!("{title} ({})", said.len()));
        for line in said {
            lines.push(Line::raw(format!("  • {line}")));
        }
    }
    // The rating and how to end stay on screen however long the recap:
    // the recap takes what it needs of the rest, and is cut, not them.
    let mut close: Vec<Line<'_>> = vec![Line::raw("")];
    let rating = b.meeting.as_ref().and_then(|m| m.rating);
    close.push(Line::from(vec![
        Span::styled("Rating: ", theme.heading()),
        match rating {
            Some(n) => Span::styled(format!("{n}/10"), theme.ok()),
            None => Span::styled("not rated (press 1–9, or 0 for 10)", theme.warn()),
        },
    ]));
    if b.open_meeting().is_some() {
        close.push(Line::from(vec![
            Span::raw("Press "),
            Span::styled("E", theme.key()),
            Span::raw(" to end the meeting and write the minutes."),
        ]));
    } else {
        close.push(Line::styled("This meeting has ended.", theme.dim()));
    }
    let wanted = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let [recap, end, _] = Layout::vertical([
        Constraint::Length(wanted.min(area.height.saturating_sub(close.len() as u16))),
        Constraint::Length(close.len() as u16),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        recap,
    );
    frame.render_widget(
        Paragraph::new(Text::from(close)).wrap(Wrap { trim: false }),
        end,
    );
}
