//! Section 1, the scorecard: per measure its status (symbol and colour),
//! owner, target, a 13-week trend, the last few values and this week's
//! value; missing values impossible to overlook.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::Theme;
use crate::app::rows::{self, Row as Item};
use crate::app::{Section, State};
use crate::domain::Status;
use crate::domain::status::format_number;

pub fn render_scorecard(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let [table_area, summary, note] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let wide = area.width >= 110;
    let items = rows::rows(state, Section::Scorecard);
    let mut table_rows = Vec::new();
    for item in &items {
        let Item::Measure(_, r) = item else { continue };
        let value_style = if r.status == Status::Missing {
            theme.status(Status::Missing)
        } else {
            Default::default()
        };
        let value = if r.value.is_some() {
            r.value_text()
        } else {
            "MISSING".to_string()
        };
        let mut cells = vec![
            Cell::from(Span::styled(
                format!("{} {}", r.status.symbol(), r.status.label()),
                theme.status(r.status),
            )),
            Cell::from(r.name.clone()),
            Cell::from(r.owner.clone().unwrap_or_default()),
            Cell::from(r.target_text()),
            Cell::from(r.sparkline()),
        ];
        if wide {
            let last: Vec<String> = r
                .history
                .iter()
                .rev()
                .skip(1)
                .take(4)
                .rev()
                .map(|p| p.value.map_or("·".to_string(), format_number))
                .collect();
            cells.push(Cell::from(last.join("  ")));
        }
        cells.push(Cell::from(Span::styled(value, value_style)));
        table_rows.push(Row::new(cells));
    }
    let mut widths = vec![
        Constraint::Length(11),
        Constraint::Fill(3),
        Constraint::Fill(1),
        Constraint::Length(11),
        Constraint::Length(13),
    ];
    let mut header = vec!["Status", "Measure", "Owner", "Target", "Last 13 weeks"];
    if wide {
        widths.push(Constraint::Length(26));
        header.push("Previous 4");
    }
    widths.push(Constraint::Length(11));
    header.push("This week");
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
