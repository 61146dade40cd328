//! Section 1, the scorecard: per measure its status (symbol and colour),
//! owner, target, a 13-week trend, the last few values and this week's
//! value; missing values impossible to overlook. On a projector the rows
//! are spaced to the height and this week's values and statuses are drawn
//! in big type where they fit.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::rows::{self, Row as Item};
use crate::app::{Section, State};
use crate::domain::Status;
use crate::domain::scorecard::ScorecardRow;
use crate::domain::status::format_number;

/// Rows of big type (the header's quadrant glyphs: 4 columns, 4 rows).
const BIG_ROWS: u16 = 4;
const BIG_COLUMNS: usize = 4;
/// Spaced rows never grow past this: a gap under each big row.
const MAX_ROW_HEIGHT: u16 = BIG_ROWS + 1;
const GAP: u16 = 1;

/// How the rows are drawn: their height, and which cells are in big type.
#[derive(Clone, Copy)]
struct Room {
    row_height: u16,
    big_value: bool,
    big_status: bool,
}

/// At most this many rows of firing triggers above the table.
const TRIGGER_ROWS: usize = 4;

pub fn render_scorecard(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let key = crate::input::key_of(
        crate::input::Scope::In(Section::Scorecard),
        crate::app::Action::ActOnTrigger,
    );
    let hint = format!("{key} acts on it");
    let fired = super::triggers::trigger_lines(
        &state.board.triggers,
        TRIGGER_ROWS,
        area.width,
        theme,
        (!state.following).then_some(hint.as_str()),
    );
    let [fired_area, table_area, summary, note] = Layout::vertical([
        Constraint::Length(fired.len() as u16),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(fired), fired_area);
    let items = rows::rows(state, Section::Scorecard);
    // A measure with an open off-track item is marked before its name (a
    // narrow screen cuts names at the end), so nobody raises it twice: `o`
    // opens that item, and the legend says what the mark means. Worked
    // out once a frame, from the items' measures.
    let open: Vec<_> = state
        .board
        .offtrack
        .iter()
        .filter_map(|v| v.item.measure_id)
        .collect();
    let (measures, names): (Vec<&ScorecardRow>, Vec<String>) = items
        .iter()
        .filter_map(|i| match i {
            Item::Measure(m, r) if open.contains(&m.id) => Some((*r, format!("◆ {}", r.name))),
            Item::Measure(_, r) => Some((*r, r.name.clone())),
            _ => None,
        })
        .unzip();
    let marked = names.iter().zip(&measures).any(|(n, r)| *n != r.name);
    render_table(frame, table_area, state, &measures, &names, theme);
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
    let mut spans = spans;
    if marked {
        spans.push(Span::styled("◆ open item", theme.dim()));
    }
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

/// The last four values before this week's.
fn previous(r: &ScorecardRow) -> String {
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
}

/// This week's value in big type: the number (the unit stays small, as
/// the font has no € or other signs), or MISSING.
fn big_value(r: &ScorecardRow) -> String {
    r.value.map_or("MISSING".to_string(), format_number)
}

fn big_status(s: Status) -> String {
    s.label().to_uppercase()
}

fn big_width(text: &str) -> u16 {
    (text.chars().count() * BIG_COLUMNS) as u16
}

fn render_table(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &State,
    measures: &[&ScorecardRow],
    names: &[String],
    theme: Theme,
) {
    let wide = area.width >= 110;
    // Columns as wide as their longest cell; the room left over is spread
    // between them, so a name never stands far from its owner.
    let fit = |min: usize, cells: &mut dyn Iterator<Item = String>| {
        cells.map(|c| c.width()).max().unwrap_or(0).max(min) as u16
    };
    let name_w = fit(7, &mut names.iter().cloned());
    let owner_w = fit(
        5,
        &mut measures.iter().map(|r| r.owner.clone().unwrap_or_default()),
    );
    let target_w = fit(6, &mut measures.iter().map(|r| r.target_text()));
    let value_w = fit(9, &mut measures.iter().map(|r| r.value_text()));
    let previous_w = fit(10, &mut measures.iter().map(|r| previous(r)));
    let unit_w = fit(0, &mut measures.iter().map(|r| r.unit.clone()));
    let big_value_w = measures
        .iter()
        .map(|r| big_width(&big_value(r)))
        .max()
        .unwrap_or(0)
        + 1
        + unit_w;
    let big_status_w = 2 + big_width(&big_status(Status::OffTrack));

    let room = room(frame.area(), area, measures.len());
    let status_w = if room.big_status { big_status_w } else { 11 };
    let this_week_w = if room.big_value {
        big_value_w.max(value_w)
    } else {
        value_w
    };
    let mut others = vec![status_w, owner_w, target_w, 13, this_week_w];
    if wide {
        others.push(previous_w);
    }
    let spacing = GAP * others.len() as u16;
    let rest = area
        .width
        .saturating_sub(others.iter().sum::<u16>() + spacing);
    let mut widths = vec![
        Constraint::Length(status_w),
        Constraint::Length(name_w.min(rest)),
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
    widths.push(Constraint::Length(this_week_w));
    // Reviewing an earlier week, the last column is that week's values.
    let b = &state.board;
    let this = if b.week == crate::domain::Week::containing(b.today) {
        "This week".to_string()
    } else {
        b.week.to_string()
    };
    header.push(Line::from(this).alignment(Alignment::Right));

    let h = room.row_height;
    // Text sits level with the middle of the big type, or of the row.
    let mid = if room.big_value || room.big_status {
        BIG_ROWS / 2
    } else {
        (h - 1) / 2
    };
    let at_mid = |line: Line<'static>| {
        let mut lines = vec![Line::raw(""); usize::from(mid)];
        lines.push(line);
        Text::from(lines)
    };
    let table_rows: Vec<Row<'_>> = measures
        .iter()
        .zip(names)
        .map(|(r, name)| {
            let (value, value_style) = match r.value {
                Some(_) => (
                    r.value_text(),
                    if room.row_height > 1 {
                        theme.strong()
                    } else {
                        Default::default()
                    },
                ),
                None => ("MISSING".to_string(), theme.status(Status::Missing)),
            };
            let status = if room.big_status {
                Line::styled(r.status.symbol().to_string(), theme.status(r.status))
            } else {
                Line::styled(
                    format!("{} {}", r.status.symbol(), r.status.label()),
                    theme.status(r.status),
                )
            };
            let mut cells = vec![
                Cell::from(at_mid(status)),
                Cell::from(at_mid(Line::raw(name.clone()))),
                Cell::from(at_mid(Line::raw(r.owner.clone().unwrap_or_default()))),
                Cell::from(at_mid(
                    Line::from(r.target_text()).alignment(Alignment::Right),
                )),
                Cell::from(at_mid(Line::raw(r.sparkline()))),
            ];
            if wide {
                cells.push(Cell::from(at_mid(
                    Line::from(previous(r)).alignment(Alignment::Right),
                )));
            }
            // In big type only the unit is text, on the glyphs' last line.
            cells.push(Cell::from(if room.big_value {
                let mut lines = vec![Line::raw(""); usize::from(BIG_ROWS - 1)];
                lines.push(Line::styled(r.unit.clone(), value_style).alignment(Alignment::Right));
                Text::from(lines)
            } else {
                at_mid(Line::styled(value, value_style).alignment(Alignment::Right))
            }));
            Row::new(cells).height(h)
        })
        .collect();
    let table = Table::new(table_rows, widths.clone())
        .header(Row::new(header).style(theme.heading()))
        .row_highlight_style(theme.selected())
        .column_spacing(GAP)
        .flex(Flex::SpaceBetween);
    let selected = state.selected[Section::Scorecard.slot()];
    let mut ts = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut ts);
    if room.big_value || room.big_status {
        let columns = Layout::horizontal(widths)
            .flex(Flex::SpaceBetween)
            .spacing(GAP)
            .split(area);
        draw_big(frame, area, &columns, measures, room, selected, theme);
    }
}

/// How tall the rows can be and what fits in big type: only on a
/// projector, only when every row fits at that height, and only when the
/// big columns leave the measure's name its room.
fn room(screen: Rect, area: Rect, n: usize) -> Room {
    let flat = Room {
        row_height: 1,
        big_value: false,
        big_status: false,
    };
    if !super::is_projector(screen) || n == 0 {
        return flat;
    }
    let row_height = (area.height.saturating_sub(1) / n as u16).clamp(1, MAX_ROW_HEIGHT);
    let big = row_height >= BIG_ROWS;
    // Status, owner, target, trend, previous and the gaps, at most, and a
    // name of 24 columns: what must stay beside the big type.
    let beside = 11 + 12 + 12 + 13 + 24 + 24 + 7 * GAP;
    let value = 7 * BIG_COLUMNS as u16 + 4;
    let status = 2 + big_width(&big_status(Status::OffTrack));
    let big_value = big && area.width >= beside + value;
    Room {
        row_height,
        big_value,
        big_status: big_value && area.width >= beside + value + status - 11,
    }
}

/// Draws this week's values and statuses in big type over their cells.
fn draw_big(
    frame: &mut Frame<'_>,
    area: Rect,
    columns: &[Rect],
    measures: &[&ScorecardRow],
    room: Room,
    selected: usize,
    theme: Theme,
) {
    let (Some(status_col), Some(value_col)) = (columns.first(), columns.last()) else {
        return;
    };
    let unit_w = measures
        .iter()
        .map(|r| r.unit.width() as u16)
        .max()
        .unwrap_or(0);
    for (i, r) in measures.iter().enumerate() {
        let top = area.y + 1 + i as u16 * room.row_height;
        if top + BIG_ROWS > area.bottom() {
            break;
        }
        let style = match r.value {
            Some(_) => theme.status(r.status),
            None => theme.status(Status::Missing),
        };
        if room.big_value {
            let width = value_col.width.saturating_sub(unit_w + 1);
            let rect = Rect::new(value_col.x, top, width, BIG_ROWS);
            let text = BigText::builder()
                .pixel_size(PixelSize::Quadrant)
                .style(style)
                .alignment(Alignment::Right)
                .lines(vec![big_value(r).into()])
                .build();
            frame.render_widget(text, rect);
        }
        if room.big_status {
            let rect = Rect::new(
                status_col.x + 2,
                top,
                status_col.width.saturating_sub(2),
                BIG_ROWS,
            );
            let text = BigText::builder()
                .pixel_size(PixelSize::Quadrant)
                .style(theme.status(r.status))
                .lines(vec![big_status(r.status).into()])
                .build();
            frame.render_widget(text, rect);
        }
        if i == selected {
            let row = Rect::new(area.x, top, area.width, room.row_height.min(BIG_ROWS));
            frame.buffer_mut().set_style(row, theme.selected());
        }
    }
}
