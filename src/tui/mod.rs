//! The runtime: terminal setup and restore, and the event loop. Effects run
//! through `Engine`, which needs no terminal (the flow tests use it too).

mod end;
mod engine;
mod keys;
mod lease;
mod load;
mod queue;

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui_textarea::{Input, Key};

use crate::app::{Action, Msg, State};
use crate::clock::Clock;
use crate::domain::{Origin, Team};
use crate::storage::Store;
use crate::ui::{self, Theme};

pub use end::{ending, write_minutes};
pub use engine::Engine;
pub use load::load_board;

/// How often the clock is read and the screen refreshed without input.
const TICK: Duration = Duration::from_millis(250);

/// Runs the app for `team` until the user quits. With `meeting`, it goes
/// straight into the review (starting it if needed, following it when
/// another screen drives it): of `week`, else of the week the team's
/// setting picks. `resume` is the shell command that comes back to the
/// meeting. Returns what to print once the terminal is back: the review
/// left open, and how to resume it.
pub fn run(
    store: Store,
    db_path: &Path,
    team: Team,
    meeting: bool,
    week: Option<crate::domain::Week>,
    origin: Origin,
    resume: String,
) -> anyhow::Result<Option<String>> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the meeting screen needs a terminal: run it in one, or use the other commands to script"
        );
    }
    let engine = Engine::new(store, db_path, team, origin);
    open(engine, meeting, Some(resume), week)
}

/// `rhythm follow`: the team's meeting, read-only, in the same loop as the
/// driver's screen; it never writes.
pub fn follow(store: Store, db_path: &Path, team: Team) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("following a meeting needs a terminal: run it in one");
    }
    open(Engine::follower(store, db_path, team), false, None, None).map(|_| ())
}

fn open(
    mut engine: Engine,
    meeting: bool,
    resume: Option<String>,
    week: Option<crate::domain::Week>,
) -> anyhow::Result<Option<String>> {
    let theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    let clock = Clock::read()?;
    let mut state = engine.start(&clock)?;
    lease::release_gone(&mut engine, &mut state, &clock);
    let driving = resume.is_some();
    if let Some(resume) = resume {
        state.resume_command = resume;
    }
    state.review_week = week;
    // ratatui::init installs a panic hook that restores the terminal before
    // the panic message is printed; restore runs on every other exit path.
    let mut terminal = ratatui::init();
    let result = event_loop(&mut engine, &mut terminal, &mut state, theme, meeting);
    ratatui::restore();
    result.map(|()| driving.then(|| state.leaving_note()).flatten())
}

/// The one loop: keys, pastes and ticks become messages, and the engine
/// drains what follows from each.
fn event_loop(
    engine: &mut Engine,
    terminal: &mut DefaultTerminal,
    state: &mut State,
    theme: Theme,
    meeting: bool,
) -> anyhow::Result<()> {
    if meeting && engine.send(state, Msg::Act(Action::StartMeeting), &Clock::read()?) {
        return Ok(());
    }
    // Opened straight into the meeting: leaving it leaves the program.
    state.leave_quits = meeting;
    let (width, height) = terminal.size().map(|s| (s.width, s.height))?;
    engine.send(state, Msg::Resize { width, height }, &Clock::read()?);
    // Fault injection for the tests that prove a panic restores the
    // terminal: `RHYTHM_FAULT=panic` panics once the first frame is drawn.
    let panic_after_draw = std::env::var("RHYTHM_FAULT").is_ok_and(|f| f == "panic");
    let mut last_tick = Instant::now();
    loop {
        terminal.draw(|frame| ui::render(frame, state, theme))?;
        if panic_after_draw {
            panic!("RHYTHM_FAULT=panic: a panic on purpose, to check the terminal is restored");
        }
        let timeout = TICK.saturating_sub(last_tick.elapsed());
        if event::poll(timeout)? {
            let clock = Clock::read()?;
            let quit = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    engine.press(state, Input::from(key), &clock)
                }
                Event::Resize(width, height) => {
                    engine.send(state, Msg::Resize { width, height }, &clock)
                }
                Event::Paste(text) if state.form().is_some() => {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        let typed = Input {
                            key: Key::Char(c),
                            ..Input::default()
                        };
                        engine.send(state, Msg::Type(typed), &clock);
                    }
                    false
                }
                _ => false,
            };
            if quit {
                return Ok(());
            }
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            let clock = Clock::read()?;
            engine.refresh_if_changed(state, &clock);
            if engine.send(state, Msg::Tick(clock.now), &clock) {
                return Ok(());
            }
        }
    }
}
