//! Random hands on the keyboard: up to 60 keys (every key the binding table
//! knows, plus letters, digits and editing keys) typed through the real
//! binding table into the demo, from home or any section of its review,
//! with the clock moving now and then, and the screen drawn after every
//! step at a random size from 1×1 to 250×80. Nothing may panic.

#![allow(clippy::unwrap_used)]

mod tui;

use std::collections::HashSet;

use chrono::Duration;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::{Input, Key};
use rhythm::app::{Msg, State};
use rhythm::clock::Clock;
use rhythm::input::{BINDINGS, KeySpec};
use rhythm::ui::{self, Theme};

/// The key as `tui::inputs` names it, or built directly where it has no name.
fn spec_input(spec: KeySpec) -> Input {
    let named = |name: &str| tui::inputs(name).remove(0);
    let key = |key| Input {
        key,
        ..Input::default()
    };
    match spec {
        KeySpec::Char(c) => named(&c.to_string()),
        KeySpec::Ctrl(c) => Input {
            key: Key::Char(c),
            ctrl: true,
            ..Input::default()
        },
        KeySpec::Tab => named("tab"),
        KeySpec::BackTab => named("backtab"),
        KeySpec::Enter => named("enter"),
        KeySpec::Esc => named("esc"),
        KeySpec::Up => named("up"),
        KeySpec::Down => named("down"),
        KeySpec::PageUp => key(Key::PageUp),
        KeySpec::PageDown => key(Key::PageDown),
    }
}

/// Every key the binding table knows.
fn bound() -> Vec<Input> {
    unique(
        BINDINGS
            .iter()
            .flat_map(|b| b.keys.iter().map(|k| spec_input(*k)))
            .collect(),
    )
}

/// What a person might type into a form, or press by mistake.
fn typed() -> Vec<Input> {
    let chars = ('a'..='z').chain('A'..='Z').chain('0'..='9');
    let mut keys: Vec<Input> = chars
        .chain(" .-,;é".chars())
        .map(|c| tui::inputs(&c.to_string()).remove(0))
        .collect();
    keys.extend(["bs", "ctrl-a"].map(|n| tui::inputs(n).remove(0)));
    keys.extend(
        [Key::Left, Key::Right, Key::Home, Key::End, Key::Delete].map(|key| Input {
            key,
            ..Input::default()
        }),
    );
    unique(keys)
}

fn unique(mut keys: Vec<Input>) -> Vec<Input> {
    let mut seen = HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    keys
}

/// Draws the screen (no text or digest: only that drawing does not panic).
fn draw(state: &State, width: u16, height: u16, theme: Theme) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::render(f, state, theme)).unwrap();
}

#[derive(Debug, Clone)]
enum Step {
    Press(Input),
    /// Let this many seconds pass (the meeting clock ticks).
    Wait(u32),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => prop::sample::select(bound()).prop_map(Step::Press),
        4 => prop::sample::select(typed()).prop_map(Step::Press),
        1 => (1u32..1200).prop_map(Step::Wait),
    ]
}

/// Where a case starts: home, or one of the five sections of the review.
const STARTS: [&str; 6] = [
    "",
    "m",
    "m tab",
    "m tab tab",
    "m tab tab tab",
    "m tab tab tab tab",
];

proptest! {
    // 64 cases keep this to seconds; `PROPTEST_CASES=5000` searches longer.
    #![proptest_config(ProptestConfig {
        cases: 64,
        max_shrink_time: 60_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_key_sequence_panics_at_any_size(
        start in prop::sample::select(&STARTS[..]),
        steps in prop::collection::vec((step(), 1u16..=250, 1u16..=80), 0..60)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (mut engine, mut state) = tui::demo(dir.path());
        tui::press(&mut engine, &mut state, start);
        let mut clock: Clock = tui::clock();
        for (step, width, height) in steps {
            let quit = match step {
                Step::Press(input) => engine.press(&mut state, input, &clock),
                Step::Wait(seconds) => {
                    clock.now += Duration::seconds(i64::from(seconds));
                    engine.send(&mut state, Msg::Tick(clock.now), &clock)
                }
            };
            if quit {
                // The app ended; open it again on what the store kept.
                state = engine.start(&clock).unwrap();
            }
            let theme = if width % 2 == 0 { Theme::COLOR } else { Theme::PLAIN };
            draw(&state, width, height, theme);
        }
    }
}
