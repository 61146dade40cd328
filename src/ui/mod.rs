//! Drawing: a pure function of the app state (`render(frame, &State,
//! theme)`), one file per screen or agenda section. Never touches the
//! database or the clock, and never panics at any size.

mod decisions;
mod deps;
mod footer;
mod form;
mod header;
mod help;
mod home;
mod offtrack;
mod scorecard;
mod text;
pub mod theme;
mod triggers;
mod wrapup;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::{Overlay, Screen, Section, State};
pub use theme::Theme;

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

/// From this size up, the section title and clocks are drawn in big type.
pub const BIG_WIDTH: u16 = 120;
pub const BIG_HEIGHT: u16 = 36;

/// A projector or a big shared screen: the body spreads to use the room.
pub const PROJECTOR_WIDTH: u16 = 140;
pub const PROJECTOR_HEIGHT: u16 = 40;

pub fn is_projector(area: Rect) -> bool {
    area.width >= PROJECTOR_WIDTH || area.height >= PROJECTOR_HEIGHT
}

pub fn render(frame: &mut Frame<'_>, state: &State, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return;
    }
    let [main, status, footer_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match &state.screen {
        Screen::Home => home::render_home(frame, main, state, theme),
        Screen::Minutes {
            title,
            text,
            scroll,
        } => render_minutes(frame, main, title, text, *scroll, theme),
        Screen::Plan { plan, scroll } => {
            let text = crate::app::reading::plan_text(
                plan,
                state.now,
                state.board.today,
                usize::from(main.width.saturating_sub(2)),
            );
            let title = crate::app::reading::plan_title(plan);
            render_minutes(frame, main, &title, &text, *scroll, theme)
        }
        Screen::Meeting => render_meeting(frame, main, state, theme),
    }
    footer::render_status(frame, status, state, theme);
    footer::render_footer(frame, footer_area, state, theme);
    match &state.overlay {
        Some(Overlay::Help) => help::render_help(frame, main, state, theme),
        Some(Overlay::Form(f)) => form::render_form(frame, main, f, &state.board.people, theme),
        Some(Overlay::Confirm(c)) => form::render_confirm(frame, main, *c, state, theme),
        None => {}
    }
    scrub(frame.buffer_mut());
}

/// Takes out of every cell what the terminal sanitiser hides (ratatui
/// already leaves control characters out, but not the bidirectional
/// overrides, which would make a stored name read backwards). A cell is a
/// column: one left empty by it becomes a space, so nothing moves.
fn scrub(buffer: &mut ratatui::buffer::Buffer) {
    use crate::formats::terminal::is_hidden;
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_hidden) {
            let kept: String = cell.symbol().chars().filter(|c| !is_hidden(*c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

fn render_too_small(frame: &mut Frame<'_>, area: Rect) {
    let text = format!(
        "rhythm needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}. Enlarge the window or the font.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .alignment(Alignment::Center),
        area,
    );
}

fn render_meeting(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let big = area.width >= BIG_WIDTH && area.height >= BIG_HEIGHT;
    let [head, body] = Layout::vertical([
        Constraint::Length(header::height(state, area.width, big)),
        Constraint::Min(1),
    ])
    .areas(area);
    header::render_header(frame, head, state, theme, big);
    let block = Block::bordered().title(Line::styled(
        format!(" {} ", state.section_title()),
        theme.title(),
    ));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    match state.section {
        Section::Scorecard => scorecard::render_scorecard(frame, inner, state, theme),
        Section::OffTrack => offtrack::render_offtrack(frame, inner, state, theme),
        Section::Dependencies => deps::render_deps(frame, inner, state, theme),
        Section::Decisions => decisions::render_decisions(frame, inner, state, theme),
        Section::WrapUp => wrapup::render_wrapup(frame, inner, state, theme),
        // The weekly review's agenda holds only the five above (see
        // `agenda::check`); the other kinds belong to the monthly and
        // quarterly reviews, which do not run on this screen.
        other => frame.render_widget(
            ratatui::widgets::Paragraph::new(format!(
                "{} belongs to another kind of meeting than this weekly review.",
                other.title()
            )),
            inner,
        ),
    }
}

fn render_minutes(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    text: &str,
    scroll: u16,
    theme: Theme,
) {
    let block = Block::bordered().title(Line::styled(format!(" {title} "), theme.title()));
    // Wrapped as the keys count it (`app::reading`), and never scrolled
    // past the end, whatever the size the scroll was made at.
    let (width, rows) = (
        usize::from(area.width.saturating_sub(2)),
        usize::from(area.height.saturating_sub(2)),
    );
    let scroll = scroll.min(crate::app::reading::last_scroll(text, width, rows));
    let lines: Vec<Line<'_>> = crate::formats::wrap::wrap(text, width)
        .into_iter()
        .map(Line::raw)
        .collect();
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .block(block)
            .scroll((scroll, 0)),
        area,
    );
}
