//! Section 3, dependencies: what the team needs and owes, blocked and
//! overdue first, with the other team, owner, needed-by and days waiting.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::Theme;
use crate::app::rows::{self, Row as Item};
use crate::app::{Section, State};
use crate::domain::DepStatus;

fn symbol(s: DepStatus) -> &'static str {
    match s {
        DepStatus::OnTrack => "●",
        DepStatus::AtRisk => "▲",
        DepStatus::Blocked => "■",
        DepStatus::Done => "✔",
    }
}

pub fn render_deps(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let b = &state.board;
    let items = rows::rows(state, Section::Dependencies);
    let table_rows: Vec<Row<'_>> = items
        .iter()
        .filter_map(|r| if let Item::Dep(d) = r { Some(*d) } else { None })
        .map(|d| {
            let needs = b.dep_needs(d);
            let overdue = d.is_overdue(b.today);
            let by = d
                .needed_by
                .map_or("—".to_string(), |n| n.format("%d %b").to_string());
            Row::new(vec![
                Cell::from(Span::styled(
                    format!("{} {}", symbol(d.status), d.status.words()),
                    theme.dep(d.status),
                )),
                Cell::from(if needs { "needs from" } else { "owes" }),
                Cell::from(if needs {
                    d.providing.name.clone()
                } else {
                    d.needing.name.clone()
                }),
                Cell::from(d.what.clone()),
                Cell::from(d.owner.clone().unwrap_or_default()),
                Cell::from(Span::styled(
                    if overdue { format!("{by} OVERDUE") } else { by },
                    if overdue {
                        theme.error()
                    } else {
                        Default::default()
                    },
                )),
                Cell::from(format!(
                    "{} d",
                    if d.status == DepStatus::Done {
                        0
                    } else {
                        d.days_waiting(b.today)
                    }
                )),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(10),
        Constraint::Length(10),
        Constraint::Fill(1),
        Constraint::Fill(3),
        Constraint::Length(8),
        Constraint::Length(14),
        Constraint::Length(6),
    ];
    let header = Row::new(["Status", "", "Team", "What", "Owner", "Needed by", "Wait"])
        .style(theme.heading());
    let table = Table::new(table_rows, widths)
        .header(header)
        .row_highlight_style(theme.selected())
        .column_spacing(1);
    let mut ts =
        TableState::default().with_selected(Some(state.selected[Section::Dependencies.slot()]));
    frame.render_stateful_widget(table, area, &mut ts);
    if items.is_empty() {
        let add = crate::input::key_of(
            crate::input::Scope::In(Section::Dependencies),
            crate::app::Action::Add,
        );
        let text = if state.filter.is_some() {
            "No dependency matches the filter.".to_string()
        } else {
            format!("No open dependencies. ({add} adds one)")
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.dim())),
            area.inner(ratatui::layout::Margin::new(0, 1)),
        );
    }
}
