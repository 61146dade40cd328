//! Section 2, off-track: the commitments due first (last week's, done or
//! not, and every older one still open, with how often it was carried; and
//! the completion rate), then the open off-track items with owner, why, the
//! change promised by next week, and how a measure has moved since.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::Theme;
use crate::app::rows::{self, Row};
use crate::app::{Section, State};
use crate::domain::ActionState;
use crate::domain::status::format_number;

pub fn render_offtrack(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let items = rows::rows(state, Section::OffTrack);
    let commitments: Vec<_> = items
        .iter()
        .filter_map(|r| {
            if let Row::Commitment(a) = r {
                Some(*a)
            } else {
                None
            }
        })
        .collect();
    let offtrack: Vec<_> = items
        .iter()
        .filter_map(|r| {
            if let Row::OffTrack(o) = r {
                Some(*o)
            } else {
                None
            }
        })
        .collect();
    let selected = state.selected[Section::OffTrack.slot()];
    let today = state.board.today;
    // Long titles wrap under their mark, so the owner and due date at the
    // end of each row stay on screen.
    let text_width = usize::from(area.width).saturating_sub(MARK.len());
    let commit_items: Vec<ListItem<'_>> = commitments
        .iter()
        .map(|a| commitment_item(a, state.board.carried(a), today, text_width, theme))
        .collect();
    let commit_lines: usize = commit_items.iter().map(ListItem::height).sum();
    let list_height = (commit_lines as u16 + 1).clamp(2, area.height / 3 + 1);
    let [head1, list1, head2, list2] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(list_height),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);

    let (done, all) = state.board.completion();
    let rate = state
        .board
        .completion_percent()
        .map_or(String::new(), |pct| {
            format!(" — {done} of {all} done ({pct}%)")
        });
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!("Commitments due, open ones oldest first{rate}"),
            theme.heading(),
        )),
        head1,
    );
    if commit_items.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("  Nothing was due.", theme.dim())),
            list1,
        );
    } else {
        let mut ls =
            ListState::default().with_selected((selected < commitments.len()).then_some(selected));
        frame.render_stateful_widget(
            List::new(commit_items).highlight_style(theme.selected()),
            list1,
            &mut ls,
        );
    }

    frame.render_widget(
        Paragraph::new(Line::styled(
            format!("Open off-track items ({})", offtrack.len()),
            theme.heading(),
        )),
        head2,
    );
    let off_items: Vec<ListItem<'_>> = offtrack
        .iter()
        .map(|v| {
            let i = &v.item;
            let mut lines = vec![Line::from(vec![
                Span::styled(
                    format!("✖ #{} {}", i.id, i.title),
                    theme.status(crate::domain::Status::OffTrack),
                ),
                Span::raw(format!("  — {}", i.owner.as_deref().unwrap_or("no owner"))),
            ])];
            let or_blank = |s: &str| {
                if s.is_empty() {
                    "— (e to fill in)".to_string()
                } else {
                    s.to_string()
                }
            };
            let text_width = (list2.width as usize).saturating_sub(LABEL.len());
            for (label, text) in [("Why", &i.why), ("Next week", &i.change)] {
                let text = or_blank(text);
                for (n, part) in super::text::wrap(&text, text_width).into_iter().enumerate() {
                    let label = if n == 0 {
                        format!("    {label}:")
                    } else {
                        String::new()
                    };
                    lines.push(Line::from(vec![
                        Span::styled(format!("{label:<w$}", w = LABEL.len()), theme.dim()),
                        Span::raw(part),
                    ]));
                }
            }
            if let Some(m) = &i.measure {
                lines.push(Line::styled(
                    format!(
                        "    {m}: {} when raised ({}) → {} now",
                        fmt_value(v.raised_value, &v.unit),
                        i.raised_week,
                        fmt_value(v.current_value, &v.unit)
                    ),
                    theme.dim(),
                ));
            }
            ListItem::new(Text::from(lines))
        })
        .collect();
    if off_items.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "  Nothing is off track. ({} adds an item)",
                    crate::input::key_of(
                        crate::input::Scope::In(Section::OffTrack),
                        crate::app::Action::Add
                    )
                ),
                theme.dim(),
            )),
            list2,
        );
    } else {
        let sel = selected.checked_sub(commitments.len());
        let mut ls = ListState::default().with_selected(sel);
        frame.render_stateful_widget(
            List::new(off_items).highlight_style(theme.selected()),
            list2,
            &mut ls,
        );
    }
}

/// The mark before a commitment ("[x] "); wrapped lines are indented by it.
const MARK: &str = "[ ] ";

/// One commitment: its mark, its title wrapped, and its owner and due
/// date after it.
fn commitment_item(
    a: &crate::domain::ActionItem,
    carried: usize,
    today: chrono::NaiveDate,
    width: usize,
    theme: Theme,
) -> ListItem<'static> {
    let (mark, style) = match a.state {
        ActionState::Done => ("[x]", theme.ok()),
        ActionState::Dropped => ("[-]", theme.dim()),
        ActionState::Open if a.due.is_some_and(|d| d < today) => ("[ ]", theme.error()),
        ActionState::Open => ("[ ]", Default::default()),
    };
    let due = a.due.map(|d| format!("  due {d}")).unwrap_or_default();
    // How many reviews left it open, in words: the row is red only when overdue.
    let carried = if carried > 0 {
        format!("  carried {carried}×")
    } else {
        String::new()
    };
    let tail = format!(
        "  — {}{due}{carried}",
        a.owner.as_deref().unwrap_or("no owner")
    );
    let lines: Vec<Line<'static>> = super::text::wrap_with_tail(&a.title, &tail, width)
        .into_iter()
        .enumerate()
        .map(|(n, (text, tail))| {
            let lead = if n == 0 {
                Span::styled(format!("{mark} "), style)
            } else {
                Span::raw(" ".repeat(MARK.len()))
            };
            Line::from(vec![lead, Span::raw(text), Span::styled(tail, theme.dim())])
        })
        .collect();
    ListItem::new(Text::from(lines))
}

/// The width of the labels before an item's why and promised change.
const LABEL: &str = "    Next week:  ";

fn fmt_value(v: Option<f64>, unit: &str) -> String {
    match v {
        None => "missing".into(),
        Some(v) if unit.is_empty() => format_number(v),
        Some(v) => format!("{} {unit}", format_number(v)),
    }
}
