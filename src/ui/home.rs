//! The home screen: the scorecard at a glance, open action items, decisions
//! needed, dependencies at risk, past meetings, and the key for this week's
//! review.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::Theme;
use crate::app::clock::format_duration;
use crate::app::{Action, State, review_week};
use crate::domain::DepStatus;
use crate::input;

pub fn render_home(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let b = &state.board;
    // Reviews of earlier weeks left open come first, each a row of its own.
    let earlier = b.earlier.len();
    // Then the trigger rules that fire, each with its planned response.
    const TRIGGER_ROWS: usize = 3;
    let fired = super::triggers::trigger_lines(&b.triggers, TRIGGER_ROWS, area.width, theme, None);
    let top_height = 2 + earlier.min(3) as u16 + fired.len() as u16;
    let [top, body] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(1)]).areas(area);
    let enter = input::key_of(input::Scope::Home, Action::Open);
    let sel = state.home_selected;
    let start = input::key_of(input::Scope::Home, Action::StartMeeting);
    let week = review_week(state);
    let call = if week == b.week {
        match (&b.meeting, b.open_meeting()) {
            (_, Some(_)) => {
                format!("This week's review is in progress: press {start} to resume it.")
            }
            (Some(_), None) => "This week's review has ended; its minutes are below.".to_string(),
            (None, None) => format!("Press {start} to start this week's review."),
        }
    } else {
        // The team reviews the week just ended (or one was chosen): the
        // key goes there.
        let ago = match week.weeks_until(b.week) {
            1 => "last week".to_string(),
            n => format!("{n} weeks ago"),
        };
        let of = format!("review of {week} ({ago})");
        if b.past.iter().any(|m| m.week == week) {
            format!("The {of} has ended; its minutes are below.")
        } else {
            format!("Press {start} to start or resume the {of}.")
        }
    };
    let mut top_lines = vec![
        Line::from(vec![
            Span::styled(format!("rhythm · {}", b.team.name), theme.title()),
            Span::raw(format!(
                " · week {} ({})",
                b.week,
                b.today.format("%a %d %b %Y")
            )),
        ]),
        Line::styled(call, theme.key()),
    ];
    for (i, m) in b.earlier.iter().enumerate().take(3) {
        let text = format!(
            "⚠ The review of {} (started {}) left open: {enter} ends or resumes it",
            m.week,
            m.started_at.date_naive().format("%d %b")
        );
        top_lines.push(Line::styled(
            text,
            if i == sel {
                theme.selected()
            } else {
                theme.warn()
            },
        ));
    }
    top_lines.extend(fired);
    frame.render_widget(Paragraph::new(Text::from(top_lines)), top);
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
    // The selected action item stays in view: the list starts late enough.
    let action_sel = sel
        .checked_sub(earlier)
        .filter(|i| *i < b.open_actions.len());
    let room = actions.height.saturating_sub(2).max(1) as usize;
    let first = action_sel.map_or(0, |i| (i + 1).saturating_sub(room));
    let action_lines: Vec<Line<'_>> = b
        .open_actions
        .iter()
        .enumerate()
        .skip(first)
        .map(|(i, a)| {
            let late = a.due.is_some_and(|d| d < today);
            let due = a
                .due
                .map_or(String::new(), |d| format!(" · {}", d.format("%d %b")));
            let mark = if action_sel == Some(i) {
                theme.selected()
            } else {
                Default::default()
            };
            Line::from(vec![
                Span::styled(format!("[ ] {}", a.title), mark),
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
                &format!(
                    "Open action items ({}; {}: edit)",
                    b.open_actions.len(),
                    input::key_of(input::Scope::Home, Action::Edit)
                ),
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
                Span::styled(format!("{} ", d.status.words()), theme.dep(d.status)),
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
    // How the team runs its rhythm this quarter, from the reviews listed,
    // under them: `rhythm health` has every figure.
    let health = Line::styled(
        format!(" {} ", crate::formats::health::line(&b.health)),
        theme.dim(),
    );
    if past_items.is_empty() {
        frame.render_widget(
            Paragraph::new(or_none(Vec::new(), theme)).block(boxed("Past meetings", theme)),
            past,
        );
    } else {
        let past_sel = sel.checked_sub(earlier + b.open_actions.len());
        let mut ls = ListState::default().with_selected(past_sel);
        frame.render_stateful_widget(
            List::new(past_items)
                .block(boxed("Past meetings (Enter: minutes)", theme).title_bottom(health))
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
