//! Shared by the screen, flow and property tests: the demo team's review on
//! a pinned clock, keys typed by name, and screens rendered to text plus a
//! digest of their styles (so a colour regression fails a snapshot too).

#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::{Input, Key};
use rhythm::app::State;
use rhythm::clock::Clock;
use rhythm::domain::{OpSource, Origin};
use rhythm::storage::{OpenMode, Store};
use rhythm::tui::Engine;
use rhythm::ui::{self, Theme};

/// Tuesday of 2026-W48, 10:00 UTC: the demo's "now" in every screen test.
pub const NOW: &str = "2026-11-24T10:00:00Z";

pub fn clock() -> Clock {
    Clock::pinned(NOW).unwrap()
}

/// The demo database in `dir/demo.db`, opened on Growth's home screen.
pub fn demo(dir: &Path) -> (Engine, State) {
    let path = dir.join("demo.db");
    let clock = clock();
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    let origin = Origin::new("test", OpSource::Demo);
    store
        .apply_batch(&origin, clock.now, rhythm::storage::Images::None, |w| {
            rhythm::demo::fill(w, clock.today).map(|_| ())
        })
        .unwrap();
    let team = team(&store, "Growth");
    let engine = Engine::new(
        store,
        &path,
        team,
        Origin::new("facilitator", OpSource::Tui),
    );
    let state = engine.start(&clock).unwrap();
    (engine, state)
}

/// A second connection to the demo in `dir`, as another rhythm process
/// (the CLI, a second screen) would open it.
pub fn other_process(dir: &Path) -> Store {
    Store::open(&dir.join("demo.db"), OpenMode::MustExist).unwrap()
}

/// The team called `name`.
pub fn team(store: &Store, name: &str) -> rhythm::domain::Team {
    store
        .teams()
        .unwrap()
        .into_iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no team {name}"))
}

/// One of Growth's measures, by name.
pub fn growth_measure(store: &Store, name: &str) -> rhythm::domain::Measure {
    let team = team(store, "Growth");
    store
        .measures(team.id, false)
        .unwrap()
        .into_iter()
        .find(|m| m.name == name)
        .unwrap()
}

/// One key by name: `tab`, `backtab`, `enter`, `esc`, `up`, `down`, `space`,
/// `bs` (backspace), `ctrl-a`, `ctrl-c`, `ctrl-r`, a single character, or `"text"` typed character by character.
pub fn inputs(name: &str) -> Vec<Input> {
    let key = |key| Input {
        key,
        ..Input::default()
    };
    match name {
        "tab" => vec![key(Key::Tab)],
        "backtab" => vec![Input {
            key: Key::Tab,
            shift: true,
            ..Input::default()
        }],
        "enter" => vec![key(Key::Enter)],
        "esc" => vec![key(Key::Esc)],
        "up" => vec![key(Key::Up)],
        "down" => vec![key(Key::Down)],
        "space" => vec![key(Key::Char(' '))],
        "bs" => vec![key(Key::Backspace)],
        "ctrl-a" | "ctrl-c" | "ctrl-r" => vec![Input {
            key: Key::Char(name.chars().last().unwrap_or('a')),
            ctrl: true,
            ..Input::default()
        }],
        s if s.starts_with('"') && s.ends_with('"') && s.len() >= 2 => s[1..s.len() - 1]
            .chars()
            .map(|c| key(Key::Char(c)))
            .collect(),
        s => s.chars().map(|c| key(Key::Char(c))).collect(),
    }
}

/// Presses keys written the way the facilitator's hands move, e.g.
/// `tab j e "42" enter`. Quoted text may not contain spaces; use `space`.
pub fn press(engine: &mut Engine, state: &mut State, keys: &str) -> bool {
    let clock = clock();
    let mut quit = false;
    for word in keys.split_whitespace() {
        for input in inputs(word) {
            quit |= engine.press(state, input, &clock);
        }
    }
    quit
}

/// The screen as text, one line per row, then a line with a digest of
/// every cell's style.
pub fn screen(state: &State, width: u16, height: u16, theme: Theme) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::render(f, state, theme)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut text = String::new();
    // FNV-1a: stable across toolchains, unlike the standard library's hasher.
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            let cell = &buffer[(x, y)];
            line.push_str(cell.symbol());
            for byte in format!("{:?}{:?}{:?}", cell.fg, cell.bg, cell.modifier).bytes() {
                digest = (digest ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text.push_str(&format!("styles: {digest:016x}\n"));
    text
}

/// Monday of 2026-W49, 09:00 UTC: the week after the demo's, the day a
/// team that reviews the week just ended meets (2026-W48 has no review).
pub const MONDAY: &str = "2026-11-30T09:00:00Z";

/// The demo with Growth set to review the week just ended, opened on
/// Growth's home screen on `MONDAY`, as `rhythm` started then would.
pub fn demo_reviewing_previous(dir: &Path) -> (Engine, State) {
    demo_team_reviewing_previous(dir, "Growth")
}

/// `demo_reviewing_previous` for the demo team called `name`.
pub fn demo_team_reviewing_previous(dir: &Path, name: &str) -> (Engine, State) {
    let (mut engine, _) = demo(dir);
    let monday = Clock::pinned(MONDAY).unwrap();
    let team = engine
        .store
        .teams()
        .unwrap()
        .into_iter()
        .find(|t| t.name == name)
        .unwrap()
        .id;
    engine
        .store
        .apply(
            &[rhythm::domain::Change::SetReviewWeek {
                team,
                review: rhythm::domain::ReviewWeek::Previous,
            }],
            &Origin::new("test", OpSource::Cli),
            monday.now,
        )
        .unwrap();
    engine.team = engine
        .store
        .teams()
        .unwrap()
        .into_iter()
        .find(|t| t.id == team)
        .unwrap();
    let state = engine.start(&monday).unwrap();
    (engine, state)
}

/// `press` on another clock than the demo's.
pub fn press_at(engine: &mut Engine, state: &mut State, keys: &str, clock: &Clock) -> bool {
    let mut quit = false;
    for word in keys.split_whitespace() {
        for input in inputs(word) {
            quit |= engine.press(state, input, clock);
        }
    }
    quit
}
