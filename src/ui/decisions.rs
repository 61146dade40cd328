//! Section 4, decisions: the decisions still needed (owner, due date, a flag
//! for one waiting over a week with no owner), then those made recently.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, ListState};

use super::Theme;
use crate::app::rows::{self, Row};
use crate::app::{Section, State};

pub fn render_decisions(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let today = state.board.today;
    let items = rows::rows(state, Section::Decisions);
    let mut list = Vec::new();
    let mut selected = None;
    let mut last_kind = None;
    for (i, row) in items.iter().enumerate() {
        let kind = match row {
            Row::Stuck(_) => 0,
            Row::Needed(_) => 1,
            _ => 2,
        };
        if last_kind != Some(kind) {
            let title = match kind {
                0 => "Stuck in decide: the plan waits on these",
                1 => "Decisions needed",
                _ => "Decisions made recently",
            };
            list.push(ListItem::new(Line::styled(title, theme.heading())));
            last_kind = Some(kind);
        }
        if i == state.selected[Section::Decisions.slot()] {
            selected = Some(list.len());
        }
        list.push(match row {
            Row::Stuck(m) => stuck_item(m, state, area, theme),
            Row::Needed(d) => {
                let owner = d.owner.clone().unwrap_or_else(|| "NO OWNER".to_string());
                let due = d.due.map_or(String::new(), |x| format!(", due {x}"));
                let tail_style = if d.owner.is_none() {
                    theme.warn()
                } else {
                    theme.dim()
                };
                // A long title wraps, keeping the owner and due date on screen.
                let title = format!("#{} {}", d.id, d.title);
                let width = usize::from(area.width).saturating_sub(4);
                let mut lines: Vec<Line<'_>> =
                    super::text::wrap_with_tail(&title, &format!("  — {owner}{due}"), width)
                        .into_iter()
                        .enumerate()
                        .map(|(n, (text, tail))| {
                            Line::from(vec![
                                Span::raw(if n == 0 { "  ? " } else { "    " }),
                                Span::raw(text),
                                Span::styled(tail, tail_style),
                            ])
                        })
                        .collect();
                let flag = if d.is_flagged(today) {
                    Some("⚑ waiting over a week with no owner")
                } else if d.due.is_some_and(|x| x < today) {
                    Some("⚑ overdue")
                } else {
                    None
                };
                if let Some(flag) = flag {
                    lines.push(Line::styled(format!("      {flag}"), theme.error()));
                }
                ListItem::new(Text::from(lines))
            }
            Row::Made(d) => {
                let when = d.made_at.map_or(String::new(), |t| {
                    t.date_naive().format("%d %b").to_string()
                });
                let tail = format!(
                    "  — {}, {}, {when}",
                    d.owner.as_deref().unwrap_or("no owner"),
                    d.lane
                );
                let title = format!("#{} {}", d.id, d.title);
                let title_width = usize::from(area.width).saturating_sub(4);
                let mut lines: Vec<Line<'_>> =
                    super::text::wrap_with_tail(&title, &tail, title_width)
                        .into_iter()
                        .enumerate()
                        .map(|(n, (text, tail))| {
                            Line::from(vec![
                                Span::styled(if n == 0 { "  ✔ " } else { "    " }, theme.ok()),
                                Span::styled(text, theme.ok()),
                                Span::styled(tail, theme.dim()),
                            ])
                        })
                        .collect();
                let width = (area.width as usize).saturating_sub(6);
                for part in super::text::wrap(&d.chosen, width) {
                    lines.push(Line::styled(format!("      {part}"), theme.dim()));
                }
                // A commitment shows its change log: who changed it, when,
                // and who approved.
                for change in state.board.changes_of(d.id) {
                    let line = change_line(change);
                    for part in super::text::wrap(&line, width) {
                        lines.push(Line::styled(format!("      {part}"), theme.dim()));
                    }
                }
                ListItem::new(Text::from(lines))
            }
            _ => ListItem::new(""),
        });
    }
    if list.is_empty() {
        let key =
            |action| crate::input::key_of(crate::input::Scope::In(Section::Decisions), action);
        list.push(ListItem::new(Line::styled(
            format!(
                "No decisions yet. ({} records one made, {} adds one needed)",
                key(crate::app::Action::RecordDecision),
                key(crate::app::Action::Add)
            ),
            theme.dim(),
        )));
    }
    let mut ls = ListState::default().with_selected(selected);
    frame.render_stateful_widget(
        List::new(list).highlight_style(theme.selected()),
        area,
        &mut ls,
    );
}

/// A milestone the decide rule raises: what it is, how long it has waited,
/// and the two keys that act on it.
fn stuck_item<'a>(
    m: &'a crate::domain::plan::Stuck,
    state: &State,
    area: Rect,
    theme: Theme,
) -> ListItem<'a> {
    let key = |action| crate::input::key_of(crate::input::Scope::In(Section::Decisions), action);
    let title = format!("#{} {}", m.milestone, m.title);
    let tail = format!("  — {}, {}", m.initiative_title, m.month.label());
    let width = usize::from(area.width).saturating_sub(4);
    let mut lines: Vec<Line<'_>> = super::text::wrap_with_tail(&title, &tail, width)
        .into_iter()
        .enumerate()
        .map(|(n, (text, tail))| {
            Line::from(vec![
                Span::styled(if n == 0 { "  ⚑ " } else { "    " }, theme.error()),
                Span::raw(text),
                Span::styled(tail, theme.dim()),
            ])
        })
        .collect();
    let note = format!(
        "in decide {} days, nobody named to decide · {} who decides · {} stop the work",
        m.days(state.now),
        key(crate::app::Action::NameOwner),
        key(crate::app::Action::StopWork)
    );
    for part in super::text::wrap(&note, width.saturating_sub(2)) {
        lines.push(Line::styled(format!("      {part}"), theme.error()));
    }
    ListItem::new(Text::from(lines))
}

/// One entry of a commitment's change log, as the section shows it:
/// "27 Nov · ana · Superseded decision #1 by #2 (approved by Dee)".
fn change_line(change: &crate::domain::operation::RecordChange) -> String {
    let op = &change.op;
    let mut line = format!(
        "{} · {} · {}",
        op.at.date_naive().format("%d %b"),
        op.author,
        op.summary
    );
    if let Some(who) = &op.approved_by {
        line.push_str(&format!(" (approved by {who})"));
    }
    if op.undone_by.is_some() {
        line.push_str(" [undone]");
    }
    line
}
