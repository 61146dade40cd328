//! Section 1, the scorecard: per measure its status (symbol and colour),
//! owner, target, a 13-week trend, the last few values and this week's
//! value; missing values impossible to overlook.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::Theme;
use crate::app::rows::{self, Row as Item};
use crate::app::{Section, State};
use crate::domain::Status;
use crate::domain::status::format_number;
use unicode_width::UnicodeWidthStr;

pub fn render_scorecard(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let [table_area, summary, note] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let wide = area.width >= 110;
    let items = rows::rows(state, Section::Scorecard);
    let measures: Vec<_> = items
        .iter()
        .filter_map(|i| {
            if let Item::Measure(_, r) = i {
                Some(*r)
            } else {
                None
            }
        })
        .collect();
    // Columns as wide as their longest cell, so the measure's name gets the rest.
    let fit = |min: usize, cells: &mut dyn Iterator<Item = String>| {
        cells.map(|c| c.width()).max().unwrap_or(0).max(min) as u16
    };
    let previous = |r: &crate::domain::scorecard::ScorecardRow| {
        let last: Vec<String> = r
            .history
            .iter()
            .rev()
            .skip(1)
            .take(4)
            .rev()
            .map(|p| p.value.map_or("·".to_string(), format_number))
            .collect();
        last.join("  ")
    };
    let owner_w = fit(
        5,
        &mut measures.iter().map(|r| r.owner.clone().unwrap_or_default()),
    );
    let target_w = fit(6, &mut measures.iter().map(|r| r.target_text()));
    let value_w = fit(9, &mut measures.iter().map(|r| r.value_text()));
    let previous_w = fit(10, &mut measures.iter().map(|r| previous(r)));
    let mut table_rows = Vec::new();
    for r in &measures {
        let (value, value_style) = match r.value {
            Some(_) => (r.value_text(), Default::default()),
            None => ("MISSING".to_string(), theme.status(Status::Missing)),
        };
        let mut cells = vec![
            Cell::from(Span::styled(
                format!("{} {}", r.status.symbol(), r.status.label()),
                theme.status(r.status),
            )),
            Cell::from(r.name.clone()),
            Cell::from(r.owner.clone().unwrap_or_default()),
            Cell::from(Line::from(r.target_text()).alignment(Alignment::Right)),
            Cell::from(r.sparkline()),
        ];
        if wide {
            cells.push(Cell::from(
                Line::from(previous(r)).alignment(Alignment::Right),
            ));
        }
        cells.push(Cell::from(
            Line::styled(value, value_style).alignment(Alignment::Right),
        ));
        table_rows.push(Row::new(cells));
    }
    let mut widths = vec![
        Constraint::Length(11),
        Constraint::Fill(1),
        Constraint::Length(owner_w),
        Constraint::Length(target_w),
        Constraint::Length(13),
    ];
    let mut header = vec![
        Line::from("Status"),
        Line::from("Measure"),
        Line::from("Owner"),
        Line::from("Target").alignment(Alignment::Right),
        Line::from("Last 13 weeks"),
    ];
    if wide {
        widths.push(Constraint::Length(previous_w));
        header.push(Line::from("Previous 4").alignment(Alignment::Right));
    }
    widths.push(Constraint::Length(value_w));
    header.push(Line::from("This week").alignment(Alignment::Right));
    let table = Table::new(table_rows, widths)
        .header(Row::new(header).style(theme.heading()))
        .row_highlight_style(theme.selected())
        .column_spacing(1);
    let mut ts = TableState::default().with_selected(Some(state.selected[0]));
    frame.render_stateful_widget(table, table_area, &mut ts);
    if items.is_empty() {
        let text = if state.filter.is_some() {
            "No measure matches the filter (Esc clears it)."
        } else {
            "No measures yet: add them with `rhythm measure add`."
        };
        frame.render_widget(
            Paragraph::new(text),
            table_area.inner(ratatui::layout::Margin::new(0, 1)),
        );
    }
    let s = &state.board.scorecard.summary;
    let spans: Vec<Span<'_>> = Status::ALL
        .iter()
        .flat_map(|st| {
            [
                Span::styled(
                    format!("{} {} {}", st.symbol(), s.count(*st), st.label()),
                    theme.status(*st),
                ),
                Span::raw("   "),
            ]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), summary);
    if let Some(Item::Measure(_, r)) = rows::selected(state)
        && let Some(n) = &r.note
    {
        frame.render_widget(
            Paragraph::new(Line::styled(format!("Note: {n}"), theme.dim())),
            note,
        );
    }
}
