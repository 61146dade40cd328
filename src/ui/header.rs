//! The meeting header: team, week, section n of m, the section's clock
//! against its timebox, the meeting's clock, and the end at this pace. On a
//! large terminal the section title and its clock are drawn in big type.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tui_big_text::{BigText, PixelSize};

use super::Theme;
use crate::app::clock::{self, format_duration, pace};
use crate::app::{Action, Board, State, driving};
use crate::domain::Week;
use crate::input;

/// Rows the header needs at this width: its two borders, the info on one
/// line or, where that does not fit (80 columns), two, and the big type.
pub fn height(state: &State, width: u16, big: bool) -> u16 {
    let info = info_lines(state, Theme::PLAIN, width.saturating_sub(2)).len() as u16;
    2 + info + if big { 4 } else { 0 }
}

pub fn render_header(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme, big: bool) {
    let block = Block::bordered();
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let info = info_lines(state, theme, inner.width);
    if !big {
        frame.render_widget(Paragraph::new(info), inner);
        return;
    }
    let [art, line] = Layout::vertical([Constraint::Length(4), Constraint::Min(1)]).areas(inner);
    let section = state.section;
    let spent = state.clock.in_section(state.position());
    let style = theme.pace(pace(spent, state.timebox(section)));
    let [left, right] = Layout::horizontal([Constraint::Min(1), Constraint::Length(24)]).areas(art);
    let title = BigText::builder()
        .pixel_size(PixelSize::Quadrant)
        .style(theme.title())
        .lines(vec![state.section_title().to_uppercase().into()])
        .build();
    frame.render_widget(title, left);
    let clock = BigText::builder()
        .pixel_size(PixelSize::Quadrant)
        .style(style)
        .lines(vec![format_duration(spent).into()])
        .build();
    frame.render_widget(clock, right);
    frame.render_widget(Paragraph::new(info), line);
}

/// The section's part (team, week, section, its clock) and the meeting's
/// part (its clock, the end at this pace): one line if both fit in `width`,
/// else one line each, so the end and the pace are never cut off. Where
/// the section's part alone is too wide (a long team name and an earlier
/// week in words), the team and week get a line of their own.
fn info_lines(state: &State, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let (mut first, second) = info_spans(state, theme);
    let width = usize::from(width);
    let wide = |spans: &[Span<'_>]| spans.iter().map(Span::width).sum::<usize>();
    if wide(&first) + 3 + wide(&second) <= width {
        first.push(Span::raw(" · "));
        first.extend(second);
        vec![Line::from(first)]
    } else if wide(&first) <= width || first.len() < 3 {
        vec![Line::from(first), Line::from(second)]
    } else {
        // The first two spans are the team and the week.
        let mut section = first.split_off(2);
        section[0] = Span::raw(section[0].content.trim_start_matches(" · ").to_string());
        vec![Line::from(first), Line::from(section), Line::from(second)]
    }
}

fn info_spans(state: &State, theme: Theme) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
    let b = &state.board;
    let section = state.section;
    let i = state.position();
    let spent = state.clock.in_section(i);
    let timebox = state.timebox(section);
    let total = state.clock.total();
    let planned: u32 = b.agenda.iter().map(|s| s.minutes).sum();
    let first = vec![
        Span::styled(b.team.name.clone(), theme.title()),
        Span::raw(format!(" · {}", week_text(b))),
        Span::raw(format!(
            " · {} of {} {} · ",
            i + 1,
            b.agenda.len(),
            state.section_title()
        )),
        Span::styled(
            format!(
                "{} / {}{}",
                format_duration(spent),
                format_duration(timebox * 60),
                pace_words(spent, timebox)
            ),
            theme.pace(pace(spent, timebox)),
        ),
    ];
    let mut spans = vec![Span::raw(format!(
        "meeting {} / {} · ",
        format_duration(total),
        format_duration(planned * 60)
    ))];
    if b.open_meeting().is_none() {
        spans.push(Span::styled("ended", theme.dim()));
        return (first, spans);
    }
    if let Some(since) = driving::away_since(state) {
        // The clock stands still until the facilitator is back: say why,
        // in place of an end that no longer moves.
        spans.push(Span::styled(
            format!("facilitator away since {}", b.local_time(since)),
            theme.warn(),
        ));
        return (first, spans);
    }
    let end = clock::projected_end(state.now, &state.clock.seconds, &b.agenda, i);
    let behind = clock::behind(&state.clock.seconds, &b.agenda, i);
    let (pace_text, pace_style) = match behind {
        d if d > 59 => (format!("{} min behind", d / 60), theme.warn()),
        d if d < -59 => (format!("{} min ahead", -d / 60), theme.ok()),
        _ => ("on time".to_string(), theme.ok()),
    };
    spans.push(Span::raw(format!("ends ≈ {} (", b.local_time(end))));
    spans.push(Span::styled(pace_text, pace_style));
    if total > planned * 60 {
        spans.push(Span::styled(", over time", theme.pace(clock::Pace::Over)));
    }
    spans.push(Span::raw(")"));
    if !state.clock.running {
        spans.push(Span::styled(" · ⏸ PAUSED", theme.warn()));
        if !state.following {
            let key = input::key_of(input::Scope::Meeting, Action::Pause);
            spans.push(Span::raw(format!(" ({key} resumes)")));
        }
    }
    (first, spans)
}

/// The week under review. Another week than this one says so, so the room
/// knows the numbers on screen are not this week's.
fn week_text(b: &Board) -> String {
    match b.week.weeks_until(Week::containing(b.today)) {
        0 => b.week.to_string(),
        1 => format!("reviewing {} (last week)", b.week),
        n => format!("reviewing {} ({n} weeks ago)", b.week),
    }
}

/// The section's pace in words, for a room that cannot tell amber from
/// red (or sees no colour at all): nothing while there is time, then the
/// minutes left, then "over time".
fn pace_words(spent: u32, timebox_minutes: u32) -> String {
    match pace(spent, timebox_minutes) {
        clock::Pace::Fine => String::new(),
        clock::Pace::NearEnd => {
            let left = (timebox_minutes * 60).saturating_sub(spent);
            format!(" · {} min left", left.div_ceil(60))
        }
        clock::Pace::Over => " · over time".into(),
    }
}
