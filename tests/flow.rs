//! Whole meetings driven by the facilitator's keys: the real binding table
//! and `Engine` against the demo's SQLite file on the pinned clock, then the
//! file read back through the library.

#![allow(clippy::unwrap_used)]

mod tui;

use std::path::Path;

use chrono::{Duration, NaiveDate};
use rhythm::app::{Msg, Screen, Section, State};
use rhythm::domain::{
    ActionId, ActionSource, ActionState, DecisionState, DepStatus, DependencyId, ItemState, Lane,
    MeasureId, Meeting, MeetingKind, Team, Week,
};
use rhythm::storage::{ActionFilter, DecisionFilter, OpenMode, Store};
use rhythm::tui::Engine;

fn week() -> Week {
    "2026-W48".parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn status(state: &State) -> &str {
    state.status.as_ref().map_or("", |s| s.text.as_str())
}

/// Presses `keys` and checks the status line says `said` afterwards.
fn step(engine: &mut Engine, state: &mut State, keys: &str, said: &str) {
    assert!(!tui::press(engine, state, keys), "{keys:?} quit the app");
    assert_eq!(
        state.status.as_ref().map(|s| (s.text.as_str(), s.error)),
        Some((said, false)),
        "after {keys:?}"
    );
    assert_eq!(state.overlay, None, "after {keys:?}");
}

fn open(path: &Path) -> (Store, Team) {
    let store = Store::open(path, OpenMode::MustExist).unwrap();
    let team = tui::team(&store, "Growth");
    (store, team)
}

fn this_weeks_meeting(store: &Store, team: &Team) -> Meeting {
    store
        .meeting_in(team.id, MeetingKind::Weekly, week())
        .unwrap()
        .expect("this week's review is in the file")
}

/// Ticks the meeting clock for `seconds`, a second at a time from `from`.
fn tick(engine: &mut Engine, state: &mut State, from: i64, seconds: i64) {
    let clock = tui::clock();
    for s in from..=from + seconds {
        let quit = engine.send(state, Msg::Tick(clock.now + Duration::seconds(s)), &clock);
        assert!(!quit);
    }
}

#[test]
fn a_whole_weekly_review_by_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    assert_eq!(s.screen, Screen::Home);
    assert!(s.board.meeting.is_none());

    // Scorecard: start, record this week's missing New MRR (the fifth row).
    step(&mut e, &mut s, "m", "✓ Meeting started");
    assert_eq!(
        (s.screen.clone(), s.section),
        (Screen::Meeting, Section::Scorecard)
    );
    step(
        &mut e,
        &mut s,
        r#"j j j j e "112" enter"#,
        "✓ Saved New MRR for 2026-W48",
    );
    assert_eq!(s.board.scorecard.measures[4].value, Some(112.0));

    // Raise an item from Cost per acquisition (at risk), owned by Fay
    // (completed from "F" by Tab), with why and the change promised for
    // next week.
    tui::press(&mut e, &mut s, "j j o");
    assert_eq!(
        s.form().unwrap().value("Title"),
        "Cost per acquisition is at risk"
    );
    step(
        &mut e,
        &mut s,
        r#"tab bs bs bs "F" tab tab
           "Trials" space "skip" space "the" space "checklist" tab
           "Show" space "it" space "on" space "first" space "login"
           enter"#,
        "✓ Raised: Cost per acquisition is at risk",
    );

    // Off-track: last week's open commitment is selected; x marks it done.
    step(
        &mut e,
        &mut s,
        "tab",
        "✓ Raised: Cost per acquisition is at risk",
    );
    assert_eq!(s.section, Section::OffTrack);
    assert_eq!(s.board.completion(), (2, 3));
    step(
        &mut e,
        &mut s,
        "x",
        "✓ Action #2 done: Ship the in-app onboarding checklist",
    );
    assert_eq!(s.board.completion(), (3, 3));

    // Dependencies: the blocked one is first; s moves it on (to on track).
    tui::press(&mut e, &mut s, "tab");
    assert_eq!(s.section, Section::Dependencies);
    assert_eq!(s.board.deps[0].status, DepStatus::Blocked);
    step(
        &mut e,
        &mut s,
        "s o enter",
        "✓ Dependency #3 Review of the new reseller terms: blocked → on track",
    );

    // Decisions: one made (every field, Tab between them), one needed.
    tui::press(&mut e, &mut s, "tab");
    assert_eq!(s.section, Section::Decisions);
    step(
        &mut e,
        &mut s,
        r#"d "Trials" space "last" space "21" space "days" tab
           "Activation" space "needs" space "more" space "time" tab
           "14" space "days;" space "21" space "days;" space "30" space "days" tab
           "21" space "days" tab
           "C" tab tab
           bs bs bs bs bs bs bs bs "guardrail"
           enter"#,
        "✓ Recorded decision: Trials last 21 days",
    );
    step(
        &mut e,
        &mut s,
        r#"A "Who" space "owns" space "the" space "pricing" space "page" tab "A" tab enter"#,
        "✓ Added decision needed: Who owns the pricing page",
    );
    assert_eq!(s.board.recap.decisions_made.len(), 1);
    let new_needs: Vec<&str> = s
        .board
        .needed
        .iter()
        .filter(|d| s.board.is_new_need(d))
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(new_needs, ["Who owns the pricing page"]);

    // Wrap-up: rate, end, confirm.
    tui::press(&mut e, &mut s, "tab");
    assert_eq!(s.section, Section::WrapUp);
    step(&mut e, &mut s, "8", "✓ Rated 8/10");
    tui::press(&mut e, &mut s, "E");
    assert!(s.overlay.is_some(), "E asks first");
    assert!(!tui::press(&mut e, &mut s, "y"));
    assert_eq!(s.screen, Screen::Home);
    let written = s.minutes_path.clone().expect("the minutes file is named");
    assert_eq!(
        status(&s),
        format!("Meeting ended. Minutes written to {written}")
    );
    assert!(s.board.open_meeting().is_none());

    // Pressing m again does not reopen an ended review.
    tui::press(&mut e, &mut s, "m");
    assert_eq!(s.screen, Screen::Home);
    assert!(
        status(&s).starts_with("This week's review has ended"),
        "{:?}",
        s.status
    );
    // Its minutes are first under past meetings, below the open action
    // items; Enter reads them, Esc goes back.
    for _ in &s.board.open_actions.clone() {
        tui::press(&mut e, &mut s, "j");
    }
    tui::press(&mut e, &mut s, "enter");
    let Screen::Minutes { title, text, .. } = s.screen.clone() else {
        panic!("Enter opens the minutes: {:?}", s.screen);
    };
    assert_eq!(title, "Growth · weekly review 2026-W48");
    assert_eq!(Some(text), s.board.past[0].minutes);
    tui::press(&mut e, &mut s, "esc");
    assert_eq!(s.screen, Screen::Home);
    drop(e);

    // The file, through the library.
    let (store, team) = open(&dir.path().join("demo.db"));
    let reading = store.reading(MeasureId(5), week()).unwrap().unwrap();
    assert_eq!(reading.value, 112.0);

    let raised: Vec<_> = store
        .offtrack_items(team.id, &[ItemState::Open])
        .unwrap()
        .into_iter()
        .filter(|o| o.owner.as_deref() == Some("Fay"))
        .collect();
    assert_eq!(raised.len(), 1, "{raised:?}");
    let item = &raised[0];
    assert_eq!(item.title, "Cost per acquisition is at risk");
    assert_eq!(item.measure_id, Some(MeasureId(7)));
    assert_eq!(item.why, "Trials skip the checklist");
    assert_eq!(item.change, "Show it on first login");
    assert_eq!(item.raised_week, week());

    let promised: Vec<_> = store
        .actions(team.id, &ActionFilter::default())
        .unwrap()
        .into_iter()
        .filter(|a| a.source == ActionSource::OffTrack && a.source_id == Some(item.id.0))
        .collect();
    assert_eq!(promised.len(), 1, "{promised:?}");
    assert_eq!(promised[0].title, "Show it on first login");
    assert_eq!(promised[0].owner.as_deref(), Some("Fay"));
    assert_eq!(
        promised[0].due,
        Some(date("2026-12-01")),
        "one week after today"
    );
    assert_eq!(promised[0].state, ActionState::Open);

    let commitment = store.action(ActionId(2)).unwrap().unwrap();
    assert_eq!(commitment.title, "Ship the in-app onboarding checklist");
    assert_eq!(commitment.state, ActionState::Done);

    let dep = store.dependency(DependencyId(3)).unwrap().unwrap();
    assert_eq!(dep.status, DepStatus::OnTrack);

    let meeting = this_weeks_meeting(&store, &team);
    assert!(meeting.ended_at.is_some());
    assert_eq!(meeting.rating, Some(8));
    assert_eq!(meeting.current_section, 4);
    let snapshot = meeting.snapshot.as_ref().expect("a frozen scorecard");
    assert_eq!(snapshot.week, week());
    assert_eq!(snapshot.measures[4].name, "New MRR");
    assert_eq!(snapshot.measures[4].value, Some(112.0));

    let decisions = store
        .decisions(team.id, &DecisionFilter::default())
        .unwrap();
    let made = decisions
        .iter()
        .find(|d| d.title == "Trials last 21 days")
        .unwrap();
    assert_eq!(made.state, DecisionState::Made);
    assert_eq!(made.context, "Activation needs more time");
    assert_eq!(made.options, ["14 days", "21 days", "30 days"]);
    assert_eq!(made.chosen, "21 days");
    assert_eq!(made.owner.as_deref(), Some("Cy"));
    assert_eq!(made.lane, Lane::Guardrail);
    assert_eq!(made.meeting_id, Some(meeting.id), "filed under the meeting");
    let needed = decisions
        .iter()
        .find(|d| d.title == "Who owns the pricing page")
        .unwrap();
    assert_eq!(needed.state, DecisionState::Needed);
    assert_eq!(needed.owner.as_deref(), Some("Ana"));
    assert_eq!(needed.due, Some(date("2026-12-01")));
    assert_eq!(needed.meeting_id, None);

    // The minutes: in the file, and beside it under minutes/.
    let minutes = meeting.minutes.clone().expect("minutes are kept");
    let uid = store.meeting_uid(meeting.id).unwrap().unwrap();
    let file = dir
        .path()
        .join("minutes")
        .join(format!("growth-2026-W48-{}.md", &uid[..8]));
    assert_eq!(Path::new(&written), file);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!(
            "{}\n\n<!-- rhythm: the minutes of meeting {uid} in demo.db -->\n",
            minutes.trim_end()
        )
    );
    for expected in [
        "# Growth — weekly review 2026-W48",
        "Rated 8/10.",
        "## Decisions made",
        "- **Trials last 21 days** — 21 days (owner Cy, guardrail)",
        "  - Context: Activation needs more time",
        "  - Options considered: 14 days; 21 days; 30 days",
        "## Decisions needed",
        "- Who owns the pricing page (new, owner Ana, due 2026-12-01)",
        "- Show it on first login (owner Fay, due 2026-12-01)",
        "3 of 3 done (100%).",
        "- [x] Ship the in-app onboarding checklist (Dee, due 2026-11-20)",
        "### Cost per acquisition is at risk (Fay)",
        "- Why: Trials skip the checklist",
        "- Change by next week: Show it on first login",
        "| on track | needs | ",
        "## Scorecard as the room saw it",
        "New MRR",
        "112",
    ] {
        assert!(
            minutes.contains(expected),
            "the minutes lack {expected:?}:\n{minutes}"
        );
    }
    assert!(
        !minutes.contains("| ○ missing | New MRR"),
        "New MRR was recorded:\n{minutes}"
    );
}

#[test]
fn a_review_left_by_accident_resumes_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let (mut e, mut s) = tui::demo(dir.path());

    // Seven seconds on the scorecard, with a value recorded there.
    tui::press(&mut e, &mut s, "m");
    tick(&mut e, &mut s, 0, 7);
    tui::press(&mut e, &mut s, r#"j j j j e "97" enter"#);
    assert_eq!(status(&s), "✓ Saved New MRR for 2026-W48");

    // Two Tabs on to Dependencies: five seconds there and a status changed.
    tui::press(&mut e, &mut s, "tab tab");
    assert_eq!(s.section, Section::Dependencies);
    tick(&mut e, &mut s, 7, 5);
    tui::press(&mut e, &mut s, "s o enter");
    assert_eq!(
        status(&s),
        "✓ Dependency #3 Review of the new reseller terms: blocked → on track"
    );
    assert_eq!(s.clock.seconds, [7, 0, 5, 0, 0]);
    assert_eq!(s.clock.unsaved, 0, "five seconds are written down");

    // The terminal closes: no quit, no goodbye.
    drop((e, s));

    let (store, team) = open(&path);
    let m = this_weeks_meeting(&store, &team);
    assert!(m.is_open());
    assert_eq!(m.current_section, 2);
    let mut e = Engine::new(
        store,
        &path,
        team,
        rhythm::domain::Origin::new("facilitator", rhythm::domain::OpSource::Tui),
    );
    // Two minutes later: the screen that drove it is long silent, so this
    // one takes the meeting without asking, and says how long it was away.
    let later = rhythm::clock::Clock {
        now: tui::clock().now + Duration::minutes(2),
        ..tui::clock()
    };
    let mut s = e.start(&later).unwrap();
    assert_eq!(s.screen, Screen::Home);
    e.send(&mut s, Msg::Act(rhythm::app::Action::StartMeeting), &later);
    assert_eq!(s.screen, Screen::Meeting);
    assert!(!s.following);
    assert_eq!(s.section, Section::Dependencies);
    assert_eq!(s.clock.seconds, [7, 0, 5, 0, 0]);
    assert_eq!(
        status(&s),
        "Resumed this week's review after 2 min away (since 10:00); that time was not counted"
    );
    assert_eq!(s.board.scorecard.measures[4].value, Some(97.0));
    let dep = s
        .board
        .deps
        .iter()
        .find(|d| d.id == DependencyId(3))
        .unwrap();
    assert_eq!(dep.status, DepStatus::OnTrack);

    // The clock runs on from there.
    tick(&mut e, &mut s, 200, 2);
    assert_eq!(s.clock.seconds, [7, 0, 7, 0, 0]);
}

#[test]
fn leaving_with_q_saves_the_clock_and_goes_back_home() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, "m tab");
    tick(&mut e, &mut s, 0, 3);
    assert!(!tui::press(&mut e, &mut s, "q n"), "n stays");
    assert_eq!(s.screen, Screen::Meeting);
    // Entered from home, the meeting is left for home.
    assert!(!tui::press(&mut e, &mut s, "q y"), "y leaves the meeting");
    assert_eq!(s.screen, Screen::Home);
    assert!(tui::press(&mut e, &mut s, "q"), "home's q quits");
    drop((e, s));

    let (store, team) = open(&path);
    let m = this_weeks_meeting(&store, &team);
    assert!(m.is_open());
    assert_eq!(m.current_section, 1);
    let spent: Vec<u32> = m.sections.iter().map(|x| x.seconds_spent).collect();
    assert_eq!(spent, [0, 3, 0, 0, 0]);
}

#[test]
fn a_bad_value_is_refused_in_the_form_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, r#"m j j j j e "lots" enter"#);
    let form = s.form().expect("the form stays open");
    assert_eq!(form.error.as_deref(), Some("Value: 'lots' is not a number"));
    assert_eq!(form.value("Value"), "lots");
    // Fixing it saves it.
    tui::press(&mut e, &mut s, r#"bs bs bs bs "120" enter"#);
    assert_eq!(s.form(), None);
    assert_eq!(status(&s), "✓ Saved New MRR for 2026-W48");
    drop(e);
    let (store, _) = open(&path);
    assert_eq!(
        store
            .reading(MeasureId(5), week())
            .unwrap()
            .map(|r| r.value),
        Some(120.0)
    );
}

#[test]
fn a_save_the_store_refuses_keeps_the_form_and_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let (mut e, mut s) = tui::demo(dir.path());
    let long = "x".repeat(201);
    let keys = format!(r#"m tab tab tab d "Ship" space "it" tab tab tab "now" tab "{long}" enter"#);
    tui::press(&mut e, &mut s, &keys);
    let form = s.form().expect("the form stays open");
    assert!(!form.saving);
    assert_eq!(
        form.error.as_deref(),
        Some(
            "Not saved: owner 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is too long (201 characters; at most 200)"
        )
    );
    assert_eq!(form.value("Decision"), "Ship it");
    assert_eq!(form.value("Chosen approach"), "now");
    assert_eq!(form.value("Decision owner"), long);
    assert_eq!(s.board.recap.decisions_made, []);

    // Shortened, it saves.
    let fix = format!("{} enter", vec!["bs"; 200].join(" "));
    tui::press(&mut e, &mut s, &fix);
    assert_eq!(s.form(), None);
    assert_eq!(status(&s), "✓ Recorded decision: Ship it");
    drop(e);
    let (store, team) = open(&path);
    let made: Vec<_> = store
        .decisions(team.id, &DecisionFilter::default())
        .unwrap()
        .into_iter()
        .filter(|d| d.title == "Ship it")
        .collect();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].owner.as_deref(), Some("x"));
}

#[test]
fn a_second_screen_that_starts_the_review_late_joins_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let (mut a, mut sa) = tui::demo(dir.path());
    // A colleague's screen, opened on the same file before the review began.
    let (store, team) = open(&path);
    let mut b = Engine::new(
        store,
        &path,
        team,
        rhythm::domain::Origin::new("facilitator", rhythm::domain::OpSource::Tui),
    );
    let mut sb = b.start(&tui::clock()).unwrap();

    tui::press(&mut a, &mut sa, "m tab");
    assert_eq!(status(&sa), "✓ Meeting started");
    tui::press(&mut b, &mut sb, "m");
    assert_eq!(sb.screen, Screen::Meeting, "{:?}", sb.status);
    assert_eq!(sb.section, Section::OffTrack);
    // One driver per meeting: the late screen follows the first.
    assert!(sb.following);
    assert_eq!(
        status(&sb),
        "facilitator drives this meeting; this screen follows it"
    );
    assert_eq!(sb.board.meeting, sa.board.meeting);
}
