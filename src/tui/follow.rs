//! `rhythm follow`: a read-only live view of the team's meeting for people
//! on other terminals. It opens the file read-only, polls its data version
//! and redraws within a second of any change; it never writes.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui_textarea::Input;

use crate::app::{Effect, Msg, State, update};
use crate::clock::Clock;
use crate::domain::Team;
use crate::input;
use crate::storage::Store;
use crate::ui::{self, Theme};

use super::load_board;

/// How often the file is looked at: well within the promised second.
const POLL: Duration = Duration::from_millis(250);

pub fn follow(store: Store, team: Team) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("following a meeting needs a terminal: run it in one");
    }
    let theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    let clock = Clock::read()?;
    let board = load_board(&store, &team, &clock)?;
    let mut state = State::new(board.clone(), clock.now);
    update(&mut state, Msg::Follow(Box::new(board)));
    let mut seen = store.data_version()?;
    let mut terminal = ratatui::init();
    let result = (|| -> anyhow::Result<()> {
        let mut last = Instant::now();
        loop {
            terminal.draw(|frame| ui::render(frame, &state, theme))?;
            if event::poll(POLL.saturating_sub(last.elapsed()))?
                && let Event::Key(key) = event::read()?
                && key.kind != KeyEventKind::Release
                && let Some(action) = input::action(&state, &Input::from(key))
                && update(&mut state, Msg::Act(action)).contains(&Effect::Quit)
            {
                return Ok(());
            }
            if last.elapsed() >= POLL {
                last = Instant::now();
                let clock = Clock::read()?;
                let version = store.data_version()?;
                if version != seen {
                    seen = version;
                    let board = load_board(&store, &team, &clock)?;
                    update(&mut state, Msg::Follow(Box::new(board)));
                }
                // Effects are never run here: a follower writes nothing.
                let _ = update(&mut state, Msg::Tick(clock.now));
            }
        }
    })();
    ratatui::restore();
    result
}
