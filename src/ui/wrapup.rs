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
    let (done, all) = b.completion();
    let carried = b.carried_on().count();
    heading(
        &mut lines,
        match b.completion_percent() {
            None => "Commitments: none were due".to_string(),
            Some(pct) => format!("Commitments: {done} of {all} done ({pct}%), {carried} carried"),
        },
    );
    // Two empty headings share a line: on a small screen every row counts.
    let neither = r.new_actions.is_empty() && r.decisions_made.is_empty();
    if neither {
        heading(
            &mut lines,
            "New action items (0) · Decisions made (0)".into(),
        );
    } else {
        heading(
            &mut lines,
            format!("New action items ({})", r.new_actions.len()),
        );
    }
    // The action items are the section's rows: the selected one is marked.
    let selected = state.selected[Section::WrapUp.slot()];
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
    if !neither {
        heading(
            &mut lines,
            format!("Decisions made ({})", r.decisions_made.len()),
        );
    }
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
    // Wrapped here, under their own text, so the rows they take are known.
    let width = usize::from(area.width).saturating_sub(4).max(10);
    for (title, said) in changes {
        heading(&mut lines, format!("{title} ({})", said.len()));
        for line in said {
            for (n, part) in super::text::wrap(&line, width).into_iter().enumerate() {
                let bullet = if n == 0 { "  • " } else { "    " };
                lines.push(Line::raw(format!("{bullet}{part}")));
            }
        }
    }
    // The rating and how to end stay on screen however long the recap:
    // the recap takes what it needs of the rest, and is cut, not them.
    let mut close: Vec<Line<'_>> = Vec::new();
    if usize::from(area.height) > height(&lines, area.width) + 2 {
        close.push(Line::raw(""));
    }
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
    let room = area.height.saturating_sub(close.len() as u16);
    cut(&mut lines, usize::from(room), area.width, theme);
    let wanted = u16::try_from(height(&lines, area.width)).unwrap_or(u16::MAX);
    let [recap, end, _] = Layout::vertical([
        Constraint::Length(wanted.min(room)),
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

/// The rows `lines` take at `width`: a line wider than that wraps.
fn height(lines: &[Line<'_>], width: u16) -> usize {
    lines.iter().map(|l| rows_of(l, width)).sum()
}

fn rows_of(line: &Line<'_>, width: u16) -> usize {
    line.width().max(1).div_ceil(usize::from(width).max(1))
}

/// Cuts `lines` to `room` rows, the last saying how much was left out
/// (the minutes have all of it).
fn cut(lines: &mut Vec<Line<'_>>, room: usize, width: u16, theme: Theme) {
    if height(lines, width) <= room || room == 0 {
        return;
    }
    let (mut kept, mut used) = (0, 0);
    while kept < lines.len() && used + rows_of(&lines[kept], width) < room {
        used += rows_of(&lines[kept], width);
        kept += 1;
    }
    let hidden = lines.len() - kept;
    lines.truncate(kept);
    lines.push(Line::styled(
        format!("  … {hidden} more lines: the minutes have them all"),
        theme.dim(),
    ));
}
