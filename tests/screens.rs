//! Every screen and overlay as text plus a style digest, at 80×24,
//! 120×40 and 200×60 (snapshots in `tests/snapshots/`, named `<screen>_<w>x<h>`);
//! each of them drawn at tiny and huge sizes without a panic, and under
//! `NO_COLOR` without a colour.
//!
//! A screen is the demo's Growth team on the pinned clock after a key
//! string typed through the real binding table. To accept a changed
//! screen: `INSTA_UPDATE=always cargo test --test screens`, then read the
//! `.snap` diff before committing it.

#![allow(clippy::unwrap_used)]

mod tui;

use std::panic::AssertUnwindSafe;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use rhythm::app::State;
use rhythm::ui::{self, Theme};

/// The demo after `keys`, typed from Growth's home screen.
fn after(keys: &str) -> State {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    tui::press(&mut engine, &mut state, keys);
    state
}

fn assert_screen(name: &str, state: &State, width: u16, height: u16, theme: Theme) {
    insta::assert_snapshot!(
        format!("{name}_{width}x{height}"),
        tui::screen(state, width, height, theme)
    );
}

/// Snapshots the screen after `keys` at the reference sizes: a laptop,
/// a big window, and a projector.
fn snap(name: &str, keys: &str) {
    let state = after(keys);
    snap_state(name, &state);
}

fn snap_state(name: &str, state: &State) {
    assert_screen(name, state, 80, 24, Theme::COLOR);
    assert_screen(name, state, 120, 40, Theme::COLOR);
    assert_screen(name, state, 200, 60, Theme::COLOR);
}

/// One test per screen, and the same list for the sweeps below.
macro_rules! screens {
    ($($name:ident: $keys:literal,)*) => {
        const SCREENS: &[(&str, &str)] = &[$((stringify!($name), $keys)),*];
        $(
            #[test]
            fn $name() {
                snap(stringify!($name), $keys);
            }
        )*
    };
}

screens! {
    home: "",
    scorecard: "m",
    offtrack: "m tab",
    dependencies: "m tab tab",
    decisions: "m tab tab tab",
    wrapup: "m tab tab tab tab",
    help_meeting: "m ?",
    help_home: "?",
    record_value: "m e",
    raise_offtrack: "m o",
    act_on_trigger: "m !",
    // Down past last week's two commitments to the first off-track item.
    edit_offtrack: "m tab j j j e",
    add_offtrack: "m tab A",
    add_dependency: "m tab tab A",
    decision_made: "m tab tab tab d",
    decision_needed: "m tab tab tab A",
    decide: "m tab tab tab j e",
    filter: "m /",
    confirm_leave: "m q",
    confirm_end: "m tab tab tab tab E",
    // Past the three open action items to the latest minutes.
    minutes: "j j j enter",
    record_value_error: "m e \"lots\" enter",
    // Corrections: last week's open commitment is the off-track's first row.
    edit_action: "m tab e",
    add_action: "m a",
    add_action_bad_date: "m a \"Call\" tab tab bs bs \"xx\" enter",
    edit_dependency: "m tab tab e",
    deleted_dependency: "m tab tab D",
    dependency_status: "m tab tab s",
    add_dependency_owes: "m tab tab A tab tab space",
    edit_decision: "m tab tab tab j j j e",
    name_owner: "m tab tab tab j j o",
    withdrawn: "m tab tab tab j j W",
    unbound_key: "m tab tab tab tab d",
    raise_at_risk: "m j j j j j j o",
    // The value is selected: one backspace empties it.
    confirm_clear_value: "m e bs enter",
    undone: "m tab x u",
    redone: "m tab x u ctrl-r",
    nothing_to_undo: "u",
    add_action_home: "a",
    wrapup_actions: "m a \"Call\" space \"Acme\" enter tab tab tab tab",
    // The demo team's brief for the quarter, and scrolled to its end.
    brief: "b",
    brief_scrolled: "b j j j j j j j j j j",
    // The plan board, and a page down it; the decide rule's two keys on
    // the milestone stuck in decide; linking work to the brief.
    // The altitude check under the brief, at its end.
    brief_altitude: "b space space space space space space space space",
    plan: "p",
    plan_scrolled: "p space",
    name_decider: "m tab tab tab o",
    stop_work: "m tab tab tab K",
    serve_link: "m L",
}

/// The minutes of the review just ended, read from home. The status line
/// (which names the temporary minutes file) is cleared first.
#[test]
fn minutes_written() {
    let mut state = after("m tab tab tab tab 8 E y j j j enter");
    state.status = None;
    assert_screen("minutes_written", &state, 80, 24, Theme::COLOR);
    assert_screen("minutes_written", &state, 120, 40, Theme::COLOR);
}

/// Home with Growth's review of 2026-W44 left open: listed first, and
/// Enter asks to end it.
#[test]
fn earlier_review_left_open() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, _) = tui::demo(dir.path());
    let w44: rhythm::domain::Week = "2026-W44".parse().unwrap();
    let team = engine.team.id;
    engine
        .store
        .apply(
            &[rhythm::domain::Change::StartMeeting {
                team,
                kind: rhythm::domain::MeetingKind::Weekly,
                week: w44,
            }],
            &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
            rhythm::clock::Clock::pinned(&w44.monday().to_string())
                .unwrap()
                .now,
        )
        .unwrap();
    let mut state = engine.start(&tui::clock()).unwrap();
    assert_screen("home_earlier_open", &state, 80, 24, Theme::COLOR);
    assert_screen("home_earlier_open", &state, 120, 40, Theme::COLOR);
    tui::press(&mut engine, &mut state, "enter");
    assert_screen("confirm_end_earlier", &state, 80, 24, Theme::COLOR);
    assert_screen("confirm_end_earlier", &state, 120, 40, Theme::COLOR);
}

#[test]
fn too_small() {
    let state = after("");
    assert_screen("too_small", &state, 79, 23, Theme::COLOR);
    assert_screen("too_small", &state, 40, 10, Theme::COLOR);
}

#[test]
fn scorecard_no_color() {
    assert_screen("scorecard_no_color", &after("m"), 80, 24, Theme::PLAIN);
}

/// The edges of the size check, a few tiny sizes and two huge ones.
#[test]
fn every_screen_draws_at_any_size() {
    let sizes = [
        (1, 1),
        (2, 2),
        (10, 5),
        (79, 24),
        (80, 23),
        (200, 60),
        (300, 100),
    ];
    for (name, keys) in SCREENS {
        let state = after(keys);
        for (w, h) in sizes {
            for theme in [Theme::COLOR, Theme::PLAIN] {
                let draw = AssertUnwindSafe(|| tui::screen(&state, w, h, theme));
                let text = std::panic::catch_unwind(draw)
                    .unwrap_or_else(|_| panic!("{name} panicked at {w}x{h}"));
                assert_eq!(
                    text.lines().count(),
                    usize::from(h) + 1,
                    "{name} at {w}x{h}"
                );
            }
        }
    }
}

/// With `NO_COLOR` no cell of any screen has a colour (meaning is carried
/// by symbols, bold and reverse video), editors included.
#[test]
fn no_color_draws_no_colour() {
    for (name, keys) in SCREENS {
        let state = after(keys);
        for (w, h) in [(80, 24), (120, 40)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal
                .draw(|f| ui::render(f, &state, Theme::PLAIN))
                .unwrap();
            for cell in terminal.backend().buffer().content() {
                assert_eq!(
                    (cell.fg, cell.bg),
                    (Color::Reset, Color::Reset),
                    "{name} at {w}x{h}: {:?}",
                    cell.symbol()
                );
            }
        }
    }
}

/// A commitment changed with an approval (from the command line, say)
/// shows its change log under it in the decisions section.
#[test]
fn decisions_with_a_commitment_change_log() {
    use rhythm::domain::change::DecisionEdit;
    use rhythm::domain::{Change, DecisionId, OpSource, Origin};
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    let mut other = tui::other_process(dir.path());
    let approved = Origin::new("ana", OpSource::Cli).approved_by(Some("Dee".into()));
    let edit = Change::EditDecision {
        decision: DecisionId(1),
        edit: DecisionEdit {
            owner: Some("Bo".into()),
            ..DecisionEdit::default()
        },
    };
    other.apply(&[edit], &approved, tui::clock().now).unwrap();
    tui::press(&mut engine, &mut state, "m tab tab tab");
    assert_screen("decisions_commitment_log", &state, 80, 24, Theme::COLOR);
    assert_screen("decisions_commitment_log", &state, 120, 40, Theme::COLOR);
}

/// At 80×24 the footer keeps the way on and out of every section, however
/// many keys the section has: shorter labels first, then the least needed
/// hints go.
#[test]
fn the_footer_never_drops_next_section_or_leave() {
    for keys in [
        "m",
        "m tab",
        "m tab tab",
        "m tab tab tab",
        "m tab tab tab tab",
    ] {
        let state = after(keys);
        let screen = tui::screen(&state, 80, 24, Theme::COLOR);
        let footer = screen.lines().nth(23).unwrap();
        for hint in ["Tab next section", "q leave", "? help"] {
            assert!(
                footer.contains(hint),
                "{keys}: {hint:?} missing in {footer:?}"
            );
        }
    }
}

/// A refused save's message is shown whole, down to what to do next.
#[test]
fn record_value_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    tui::press(&mut engine, &mut state, "m e");
    let mut other = tui::other_process(dir.path());
    let nrr = tui::growth_measure(&other, "Net revenue retention");
    other
        .apply(
            &[rhythm::domain::Change::RecordReading {
                measure: nrr.id,
                week: "2026-W48".parse().unwrap(),
                value: 109.0,
                note: None,
            }],
            &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
            tui::clock().now,
        )
        .unwrap();
    tui::press(&mut engine, &mut state, "\"108\" enter");
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let screen = tui::screen(&state, w, h, Theme::COLOR);
        // The form's status lines, read inside its borders.
        let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
        let (row, col) = lines
            .iter()
            .enumerate()
            .find_map(|(i, l)| {
                let text: String = l.iter().collect();
                text.find("Not saved")
                    .map(|b| (i, text[..b].chars().count()))
            })
            .unwrap_or_else(|| panic!("no error at {w}x{h}:\n{screen}"));
        let status: String = lines[row..]
            .iter()
            .take_while(|l| l.get(col) != Some(&'─'))
            .map(|l| l.iter().skip(col).take(74).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ");
        let status = status.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            status.ends_with("Enter saves it over theirs, Esc keeps theirs"),
            "cut at {w}x{h}: {status}\n{screen}"
        );
    }
    snap_state("record_value_conflict", &state);
}

/// The section's clock past its timebox says so in words, as does the
/// meeting's past its planned hour.
#[test]
fn scorecard_over_time() {
    let mut state = after("m");
    state.clock.seconds = vec![11 * 60, 30 * 60, 10 * 60, 10 * 60, 0];
    let screen = tui::screen(&state, 80, 24, Theme::PLAIN);
    assert!(screen.contains("over time"), "{screen}");
    snap_state("scorecard_over_time", &state);
}

/// A commitment whose title is longer than the row wraps; its owner and
/// due date stay on screen.
#[test]
fn offtrack_long_commitment() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, before) = tui::demo(dir.path());
    let action = before.board.commitments[0].id;
    let title = "Call every churned account from October and ask what would have kept them, then write it up for the product review";
    engine
        .store
        .apply(
            &[rhythm::domain::Change::EditAction {
                action,
                title: Some(title.into()),
                owner: None,
                due: None,
            }],
            &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
            tui::clock().now,
        )
        .unwrap();
    let mut state = engine.start(&tui::clock()).unwrap();
    tui::press(&mut engine, &mut state, "m tab");
    let a = &state.board.commitments[0];
    let owner = a.owner.clone().unwrap();
    let due = a.due.unwrap().to_string();
    let screen = tui::screen(&state, 80, 24, Theme::PLAIN);
    assert!(screen.contains("product review"), "{screen}");
    assert!(
        screen.contains(&format!("— {owner}  due {due}")),
        "{screen}"
    );
    snap_state("offtrack_long_commitment", &state);
}

/// A decision needed with a long title wraps; its owner and due date stay
/// on screen.
#[test]
fn decisions_long_needed() {
    use rhythm::domain::change::NewDecision;
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, _) = tui::demo(dir.path());
    let team = engine.team.id;
    let title = "Whether to move the enterprise onboarding calls from the sales team to customer success before the January renewals";
    engine
        .store
        .apply(
            &[rhythm::domain::Change::AddDecision(NewDecision {
                team,
                title: title.into(),
                context: String::new(),
                options: Vec::new(),
                chosen: String::new(),
                owner: Some("Bo".into()),
                lane: rhythm::domain::Lane::Autonomy,
                made: false,
                due: Some("2026-12-01".parse().unwrap()),
            })],
            &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
            tui::clock().now,
        )
        .unwrap();
    let mut state = engine.start(&tui::clock()).unwrap();
    tui::press(&mut engine, &mut state, "m tab tab tab");
    let screen = tui::screen(&state, 80, 24, Theme::PLAIN);
    assert!(screen.contains("January renewals"), "{screen}");
    assert!(screen.contains("— Bo, due 2026-12-01"), "{screen}");
    snap_state("decisions_long_needed", &state);
}

/// Leaving a meeting the program opened straight into names the command
/// that resumes it, whole however long.
#[test]
fn confirm_leave_direct() {
    let mut state = after("m q");
    state.leave_quits = true;
    state.resume_command =
        "rhythm --db '/home/ana/Team reviews/growth-2026.db' meeting --team 'Growth EMEA'".into();
    let screen = tui::screen(&state, 80, 24, Theme::PLAIN);
    assert!(screen.contains("--team 'Growth EMEA'` resumes"), "{screen}");
    snap_state("confirm_leave_direct", &state);
}

/// On a projector the scorecard uses the room: a measure stays near its
/// owner, the rows are spaced down the screen, and this week's values are
/// drawn in big type.
#[test]
fn the_projector_scorecard_uses_the_room() {
    let state = after("m");
    let screen = tui::screen(&state, 200, 60, Theme::PLAIN);
    let lines: Vec<&str> = screen.lines().collect();
    let row = lines
        .iter()
        .position(|l| l.contains("Net revenue retention"))
        .unwrap();
    let line: Vec<char> = lines[row].chars().collect();
    let text: String = line.iter().collect();
    let name_end = text[..text.find("Net revenue retention").unwrap()]
        .chars()
        .count()
        + "Net revenue retention".len();
    let owner = text[..text.find("Ana").unwrap()].chars().count();
    assert!(owner - name_end < 30, "{}", lines[row]);
    // The last measure sits well down the screen, not on the 18th line.
    let last = lines
        .iter()
        .position(|l| l.contains("Visitor-to-signup rate"))
        .unwrap();
    assert!(last > 40, "rows not spaced: last measure on line {last}");
    // This week's 107.2 in big type: block glyphs at the row's right end.
    let right: String = line[line.len() - 30..].iter().collect();
    assert!(right.contains('█') || right.contains('▌'), "{right:?}");
}

/// A second meeting screen on the demo's review, which Ana's screen
/// drives with its cursor on the third measure: the follower names her,
/// highlights her row and offers only its own keys; then Ana pauses, and
/// then she is silent for 20 s.
#[test]
fn a_follower_of_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ana, mut driving) = tui::demo(dir.path());
    tui::press(&mut ana, &mut driving, "m j j");
    let (store, team) = (tui::other_process(dir.path()), ana.team.clone());
    let mut engine = rhythm::tui::Engine::new(
        store,
        &dir.path().join("demo.db"),
        team,
        rhythm::domain::Origin::new("bo", rhythm::domain::OpSource::Tui),
    );
    let mut state = engine.start(&tui::clock()).unwrap();
    tui::press(&mut engine, &mut state, "m");
    assert!(state.following);
    assert_eq!(state.selected[0], 2);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        assert_screen("follower", &state, w, h, Theme::COLOR);
    }
    tui::press(&mut engine, &mut state, "?");
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        assert_screen("help_follower", &state, w, h, Theme::COLOR);
    }
    tui::press(&mut engine, &mut state, "esc");

    tui::press(&mut ana, &mut driving, "P");
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        assert_screen("paused", &driving, w, h, Theme::COLOR);
    }
    assert!(engine.refresh_if_changed(&mut state, &tui::clock()));
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        assert_screen("follower_paused", &state, w, h, Theme::COLOR);
    }

    tui::press(&mut ana, &mut driving, "P");
    assert!(engine.refresh_if_changed(&mut state, &tui::clock()));
    let clock = tui::clock();
    let silent = clock.now + chrono::Duration::seconds(20);
    engine.send(&mut state, rhythm::app::Msg::Tick(silent), &clock);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        assert_screen("follower_away", &state, w, h, Theme::COLOR);
    }
}

/// A team that reviews the week just ended, on the Monday after: home says
/// which week `m` opens, and the meeting's header says it is last week's.
#[test]
fn review_of_last_week() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo_reviewing_previous(dir.path());
    let monday = rhythm::clock::Clock::pinned(tui::MONDAY).unwrap();
    assert_screen("home_review_previous", &state, 80, 24, Theme::COLOR);
    assert_screen("home_review_previous", &state, 120, 40, Theme::COLOR);
    tui::press_at(&mut engine, &mut state, "m", &monday);
    let header = tui::screen(&state, 80, 24, Theme::PLAIN);
    assert!(
        header.contains("reviewing 2026-W48 (last week)"),
        "{header}"
    );
    snap_state("review_last_week", &state);
}

/// At 80 columns a long team name, an earlier week in words and a section
/// near its end do not fit one line: the team and week get their own, and
/// the section's clock stays on screen.
#[test]
fn review_of_last_week_long_team_name() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo_team_reviewing_previous(dir.path(), "Customer Success");
    let monday = rhythm::clock::Clock::pinned(tui::MONDAY).unwrap();
    tui::press_at(&mut engine, &mut state, "m tab tab", &monday);
    state.clock.seconds[2] = 9 * 60 + 10;
    let screen = tui::screen(&state, 80, 24, Theme::PLAIN);
    assert!(
        screen.contains("Customer Success · reviewing 2026-W48 (last week)"),
        "{screen}"
    );
    assert!(
        screen.contains("3 of 5 Dependencies · 09:10 / 10:00 · 1 min left"),
        "{screen}"
    );
    assert_screen("review_last_week_long_team", &state, 80, 24, Theme::COLOR);
}
