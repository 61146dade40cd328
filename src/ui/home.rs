//! The home screen: the scorecard at a glance, open action items, decisions
//! needed, dependencies at risk, past meetings, and the key for this week's
//! review.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::Theme;
use crate::app::State;
use crate::app::clock::format_duration;
use crate::domain::DepStatus;

pub fn render_home(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let b = &state.board;
    let [top, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let call = match (&b.meeting, b.open_meeting()) {
        (_, Some(_)) => "This week's review is in progress: press m to resume it.",
        (Some(_), None) => "This week's review has ended; its minutes are below.",
        (None, None) => "Press m to start this week's review.",
    };
    frame.render_widget(
        Paragraph::new(Text::from(vec![
            Line::from(vec![
                Span::styled(format!("rhythm · {}", b.team.name), theme.title()),
                Span::raw(format!(
                    " · week {} ({})",
                    b.week,
                    b.today.format("%a %d %b %Y")
                )),
            ]),
            Line::styled(call, theme.key()),
        ])),
        top,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    let card_height = b.scorecard.measures.len() as u16 + 3;
    let [card, actions] =
        Layout::vertical([Constraint::Length(card_height), Constraint::Min(3)]).areas(left);
    let [needed, deps, past] = Layout::vertical([
        Constraint::Percentage(30),
        Constraint::Percentage(30),
        Constraint::Percentage(40),
    ])
    .areas(right);

    let mut lines: Vec<Line<'_>> = b
        .scorecard
        .measures
        .iter()
        .map(|r| {
            Line::from(vec![
                Span::styled(format!("{} ", r.status.symbol()), theme.status(r.status)),
                Span::raw(r.name.clone()),
                Span::styled(format!("  {}", r.value_text()), theme.status(r.status)),
            ])
        })
        .collect();
    // The summary by symbol, so it fits half an 80-column screen.
    let summary: Vec<Span<'_>> = crate::domain::Status::ALL
        .iter()
        .map(|st| {
            Span::styled(
                format!("{} {}  ", st.symbol(), b.scorecard.summary.count(*st)),
                theme.status(*st),
            )
        })
        .collect();
    lines.push(Line::from(summary));
    frame.render_widget(Paragraph::new(lines).block(boxed("Scorecard", theme)), card);

    // The lists below wrap, so an owner, a due date, OVERDUE or ⚑ at the end
    // of a long title stays on screen in the half-width boxes.
    let today = b.today;
    let action_lines: Vec<Line<'_>> = b
        .open_actions
        .iter()
        .map(|a| {
            let late = a.due.is_some_and(|d| d < today);
            let due = a
                .due
                .map_or(String::new(), |d| format!(" · {}", d.format("%d %b")));
            Line::from(vec![
                Span::raw(format!("[ ] {}", a.title)),
                Span::styled(
                    format!(
                        " — {}{due}{}",
                        a.owner.as_deref().unwrap_or("?"),
                        if late { " OVERDUE" } else { "" }
                    ),
                    if late { theme.error() } else { theme.dim() },
                ),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(or_none(action_lines, theme))
            .wrap(Wrap { trim: false })
            .block(boxed(
                &format!("Open action items ({})", b.open_actions.len()),
                theme,
            )),
        actions,
    );

    let needed_lines: Vec<Line<'_>> = b
        .needed
        .iter()
        .map(|d| {
            let flag = if d.is_flagged(today) { " ⚑" } else { "" };
            Line::from(vec![
                Span::raw(format!("? {}", d.title)),
                Span::styled(
                    format!(" — {}{flag}", d.owner.as_deref().unwrap_or("NO OWNER")),
                    if flag.is_empty() {
                        theme.dim()
                    } else {
                        theme.error()
                    },
                ),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(or_none(needed_lines, theme))
            .wrap(Wrap { trim: false })
            .block(boxed("Decisions needed", theme)),
        needed,
    );

    let dep_lines: Vec<Line<'_>> = b
        .deps
        .iter()
        .filter(|d| {
            matches!(d.status, DepStatus::AtRisk | DepStatus::Blocked) || d.is_overdue(today)
        })
        .map(|d| {
            let other = if b.dep_needs(d) {
                &d.providing.name
            } else {
                &d.needing.name
            };
            Line::from(vec![
                Span::styled(
                    format!("{} ", d.status.as_str().replace('_', " ")),
                    theme.dep(d.status),
                ),
                Span::raw(format!("{} ({other})", d.what)),
                Span::styled(
                    if d.is_overdue(today) { " OVERDUE" } else { "" },
                    theme.error(),
                ),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(or_none(dep_lines, theme))
            .wrap(Wrap { trim: false })
            .block(boxed("Dependencies at risk", theme)),
        deps,
    );

    let past_items: Vec<ListItem<'_>> = b
        .past
        .iter()
        .map(|m| {
            let spent: u32 = m.sections.iter().map(|s| s.seconds_spent).sum();
            let rating = m.rating.map_or(String::new(), |r| format!(" · {r}/10"));
            ListItem::new(format!(
                "{} · {} · {}{rating}",
                m.week,
                m.started_at.date_naive().format("%d %b"),
                format_duration(spent)
            ))
        })
        .collect();
    if past_items.is_empty() {
        frame.render_widget(
            Paragraph::new(or_none(Vec::new(), theme)).block(boxed("Past meetings", theme)),
            past,
        );
    } else {
        let mut ls = ListState::default().with_selected(Some(state.home_selected));
        frame.render_stateful_widget(
            List::new(past_items)
                .block(boxed("Past meetings (Enter: minutes)", theme))
                .highlight_style(theme.selected()),
            past,
            &mut ls,
        );
    }
}

fn boxed(title: &str, theme: Theme) -> Block<'static> {
    Block::bordered().title(Line::styled(format!(" {title} "), theme.heading()))
}

fn or_none(lines: Vec<Line<'_>>, theme: Theme) -> Text<'_> {
    if lines.is_empty() {
        Text::from(Line::styled("None.", theme.dim()))
    } else {
        Text::from(lines)
    }
}
