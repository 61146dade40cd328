//! Hostile text: names and notes with emoji, combining marks, right-to-left
//! text, tabs, control characters and 10,000-character strings render at
//! every size without a panic, fill exactly the screen's rows, and never
//! send a control character or a bidirectional override to the terminal.
//! (Widths are the renderer's: it places wide characters by display width
//! and clips at the edges.)

#![allow(clippy::unwrap_used)]

mod tui;

use rhythm::domain::change::{NewAction, NewDecision, NewMeasure, NewOffTrack};
use rhythm::domain::{ActionSource, Change, Direction, Goal, Kind, Lane, Week};
use rhythm::ui::Theme;

const NAMES: [&str; 4] = [
    "Activación 🚀👩‍👩‍👧 ✓",
    "שיעור המרה بالعربية",
    "Zalgo t̷̢̛e̶̡x̸t̵ é",
    "全角の指標名テスト",
];

fn hostile_notes() -> Vec<String> {
    vec![
        "tab\there\u{1b}[31mred\u{7}bell\u{1}soh\r\nnewline".to_string(),
        "\u{202e}reversed\u{202c} and \u{200b}zero-width".to_string(),
        "x".repeat(10_000),
    ]
}

#[test]
fn hostile_text_renders_cleanly_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, _) = tui::demo(dir.path());
    let clock = tui::clock();
    let team = engine.team.id;
    let week: Week = "2026-W48".parse().unwrap();
    let goal = Goal::new(Direction::Higher, Some(1.0), None, 0.1).unwrap();
    for (i, name) in NAMES.iter().enumerate() {
        let id = engine
            .store
            .apply(
                &[Change::AddMeasure(NewMeasure {
                    rollup: None,
                    team,
                    name: name.to_string(),
                    owner: Some(NAMES[(i + 1) % 4].to_string()),
                    unit: "€".into(),
                    kind: Kind::Leading,
                    goal,
                })],
                &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
                clock.now,
            )
            .unwrap()
            .id;
        let note = hostile_notes()[i % 3].clone();
        engine
            .store
            .apply(
                &[Change::RecordReading {
                    measure: rhythm::domain::MeasureId(id),
                    week,
                    value: -0.5,
                    note: Some(note),
                }],
                &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
                clock.now,
            )
            .unwrap();
    }
    for note in hostile_notes() {
        // A title is one line, and as long as any title may be.
        let title: String = note
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .take(rhythm::domain::change::TITLE_MAX)
            .collect();
        engine
            .store
            .apply(
                &[Change::AddOffTrack(NewOffTrack {
                    team,
                    measure: None,
                    title: title.clone(),
                    owner: Some(NAMES[0].into()),
                    why: note.clone(),
                    change: note.clone(),
                    raised_week: week,
                })],
                &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
                clock.now,
            )
            .unwrap();
        engine
            .store
            .apply(
                &[Change::AddAction(NewAction {
                    team,
                    title: title.clone(),
                    owner: Some(NAMES[1].into()),
                    due: Some(clock.today),
                    source: ActionSource::Manual,
                    source_id: None,
                })],
                &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
                clock.now,
            )
            .unwrap();
        engine
            .store
            .apply(
                &[Change::AddDecision(NewDecision {
                    team,
                    title,
                    context: note.clone(),
                    options: vec![note.clone()],
                    chosen: note,
                    owner: None,
                    lane: Lane::Guardrail,
                    made: true,
                    due: None,
                })],
                &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
                clock.now,
            )
            .unwrap();
    }
    let state = engine.start(&clock).unwrap();
    let screens = [
        "",
        "m",
        "m tab",
        "m tab tab",
        "m tab tab tab",
        "m tab tab tab tab",
        "m ?",
        "m e",
    ];
    for keys in screens {
        let mut s = state.clone();
        tui::press(&mut engine, &mut s, keys);
        for (w, h) in [(80, 24), (120, 40), (97, 31), (250, 70)] {
            for theme in [Theme::COLOR, Theme::PLAIN] {
                let text = tui::screen(&s, w, h, theme);
                let lines: Vec<&str> = text.lines().collect();
                assert_eq!(lines.len(), h as usize + 1, "{keys:?} at {w}x{h}");
                for line in &lines[..h as usize] {
                    assert!(
                        !line.chars().any(rhythm::formats::terminal::is_hidden),
                        "{keys:?} at {w}x{h}: a control character reached the screen: {line:?}"
                    );
                }
            }
        }
    }
}
