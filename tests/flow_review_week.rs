//! The week under review by keys: a team that reviews the week just ended
//! starts that week's review with `m`, sees that week's scorecard, makes
//! promises due a week from today, and comes back to it; a week chosen
//! (`rhythm meeting --week`) is reviewed whatever the setting.

#![allow(clippy::unwrap_used)]

mod tui;

use rhythm::app::{Action, Msg, Screen, State};
use rhythm::clock::Clock;
use rhythm::domain::{MeetingKind, Week};
use rhythm::storage::ActionFilter;
use rhythm::ui::Theme;

fn week(s: &str) -> Week {
    s.parse().unwrap()
}

fn monday() -> Clock {
    Clock::pinned(tui::MONDAY).unwrap()
}

fn status(s: &State) -> &str {
    s.status.as_ref().map_or("", |x| x.text.as_str())
}

#[test]
fn m_on_a_team_that_reviews_the_week_just_ended_starts_last_weeks_review_with_its_scorecard() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo_reviewing_previous(dir.path());
    let team = e.team.id;
    assert_eq!(s.board.week, week("2026-W49"), "home shows this week");
    let home = tui::screen(&s, 120, 40, Theme::PLAIN);
    assert!(
        home.contains("Press m to start or resume the review of 2026-W48 (last week)."),
        "{home}"
    );

    tui::press_at(&mut e, &mut s, "m", &monday());
    assert_eq!(s.screen, Screen::Meeting);
    assert_eq!(s.board.week, week("2026-W48"));
    let other = tui::other_process(dir.path());
    let started = other
        .meeting_in(team, MeetingKind::Weekly, week("2026-W48"))
        .unwrap()
        .expect("the review of the week just ended is stored");
    assert!(started.is_open());
    assert_eq!(
        other
            .meeting_in(team, MeetingKind::Weekly, week("2026-W49"))
            .unwrap(),
        None,
        "nothing started for this week"
    );

    // The room sees last week's values: this week has none yet.
    let measures = other.measures(team, false).unwrap();
    let mut shown = 0;
    for (m, row) in measures.iter().zip(&s.board.scorecard.measures) {
        let last_week = other.reading(m.id, week("2026-W48")).unwrap();
        assert_eq!(row.value, last_week.map(|r| r.value), "{}", m.name);
        shown += usize::from(row.value.is_some());
        assert_eq!(other.reading(m.id, week("2026-W49")).unwrap(), None);
    }
    assert!(shown > 0, "last week's values are on screen");
    let screen = tui::screen(&s, 120, 40, Theme::PLAIN);
    assert!(
        screen.contains("reviewing 2026-W48 (last week)"),
        "{screen}"
    );

    // A promise made in it is due a week from today, not from last Sunday.
    tui::press_at(
        &mut e,
        &mut s,
        r#"tab A "Churn" tab "Ana" tab "Pricing" tab "Call" enter"#,
        &monday(),
    );
    let promised: Vec<_> = other
        .actions(team, &ActionFilter::default())
        .unwrap()
        .into_iter()
        .filter(|a| a.title == "Call")
        .collect();
    assert_eq!(promised.len(), 1, "{}", status(&s));
    assert_eq!(promised[0].due, Some("2026-12-07".parse().unwrap()));

    // Home again is this week; `m` goes back into the same review.
    tui::press_at(&mut e, &mut s, "q y", &monday());
    assert_eq!(s.screen, Screen::Home);
    assert_eq!(s.board.week, week("2026-W49"));
    assert_eq!(status(&s), "Left the review of 2026-W48; it stays open");
    assert!(
        s.board.earlier.is_empty(),
        "the review `m` resumes is not listed as one left open"
    );
    tui::press_at(&mut e, &mut s, "m", &monday());
    assert_eq!(s.screen, Screen::Meeting);
    assert_eq!(s.board.open_meeting().map(|m| m.id), Some(started.id));
    assert_eq!(status(&s), "Resumed the review of 2026-W48");
}

#[test]
fn a_chosen_week_is_reviewed_whatever_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo_reviewing_previous(dir.path());
    let team = e.team.id;
    // As `rhythm meeting --week 2026-W49` opens it.
    s.review_week = Some(week("2026-W49"));
    e.send(&mut s, Msg::Act(Action::StartMeeting), &monday());
    assert_eq!(s.screen, Screen::Meeting);
    assert_eq!(s.board.week, week("2026-W49"));
    let other = tui::other_process(dir.path());
    assert!(
        other
            .meeting_in(team, MeetingKind::Weekly, week("2026-W49"))
            .unwrap()
            .is_some()
    );
    assert_eq!(
        other
            .meeting_in(team, MeetingKind::Weekly, week("2026-W48"))
            .unwrap(),
        None
    );
    let screen = tui::screen(&s, 120, 40, Theme::PLAIN);
    assert!(!screen.contains("reviewing"), "{screen}");

    // An older week, as `rhythm meeting --week 2026-W44`.
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo_reviewing_previous(dir.path());
    s.review_week = Some(week("2026-W44"));
    e.send(&mut s, Msg::Act(Action::StartMeeting), &monday());
    assert_eq!(s.board.week, week("2026-W44"));
    assert!(
        s.board
            .open_meeting()
            .is_some_and(|m| m.week == week("2026-W44"))
    );
    let screen = tui::screen(&s, 120, 40, Theme::PLAIN);
    assert!(
        screen.contains("reviewing 2026-W44 (5 weeks ago)"),
        "{screen}"
    );

    // Once it has ended, `m` follows the team's setting again.
    tui::press_at(&mut e, &mut s, "tab tab tab tab E y", &monday());
    assert_eq!(s.screen, Screen::Home);
    assert_eq!(s.board.week, week("2026-W49"));
    tui::press_at(&mut e, &mut s, "m", &monday());
    assert_eq!(s.screen, Screen::Meeting);
    assert_eq!(
        s.board.open_meeting().map(|m| m.week),
        Some(week("2026-W48"))
    );
}

#[test]
fn m_when_last_weeks_review_has_ended_says_so_and_starts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // On the demo's own day the week just ended (2026-W47) had its review.
    let (mut e, mut s) = tui::demo(dir.path());
    let team = e.team.id;
    tui::press(&mut e, &mut s, "q");
    let clock = tui::clock();
    e.store
        .apply(
            &[rhythm::domain::Change::SetReviewWeek {
                team,
                review: rhythm::domain::ReviewWeek::Previous,
            }],
            &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
            clock.now,
        )
        .unwrap();
    e.team.review = rhythm::domain::ReviewWeek::Previous;
    let mut s = e.start(&clock).unwrap();
    let before = tui::other_process(dir.path()).meetings(team).unwrap();
    tui::press(&mut e, &mut s, "m");
    assert_eq!(s.screen, Screen::Home);
    assert_eq!(
        status(&s),
        "The review of 2026-W47 has ended; its minutes are under past meetings (2026-W47)"
    );
    assert_eq!(
        tui::other_process(dir.path()).meetings(team).unwrap(),
        before
    );
}

#[test]
fn a_setting_changed_from_the_command_line_is_followed_by_an_open_home_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, _) = tui::demo(dir.path());
    let team = e.team.id;
    let monday = monday();
    let mut s = e.start(&monday).unwrap();
    assert!(!e.refresh_if_changed(&mut s, &monday), "the first look");
    tui::other_process(dir.path())
        .apply(
            &[rhythm::domain::Change::SetReviewWeek {
                team,
                review: rhythm::domain::ReviewWeek::Previous,
            }],
            &rhythm::domain::Origin::new("ana", rhythm::domain::OpSource::Cli),
            monday.now,
        )
        .unwrap();
    assert!(e.refresh_if_changed(&mut s, &monday));
    let home = tui::screen(&s, 120, 40, Theme::PLAIN);
    assert!(home.contains("review of 2026-W48 (last week)"), "{home}");
    tui::press_at(&mut e, &mut s, "m", &monday);
    assert_eq!(s.board.week, week("2026-W48"));
    assert_eq!(
        s.board.open_meeting().map(|m| m.week),
        Some(week("2026-W48"))
    );
}

/// `rhythm follow` on a team that reviews the week just ended sees that
/// week's meeting, not the home screen of a week with none, and the
/// scorecard's last column says which week it is.
#[test]
fn a_follower_sees_the_review_of_the_week_just_ended() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo_reviewing_previous(dir.path());
    tui::press_at(&mut e, &mut s, "m", &monday());
    assert_eq!(s.board.week, week("2026-W48"));
    let screen = tui::screen(&s, 120, 40, Theme::PLAIN);
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Last 13 weeks") && l.contains("2026-W48")),
        "the last column is titled with the week reviewed:\n{screen}"
    );

    let store = tui::other_process(dir.path());
    let team = e.team.clone();
    let team = store
        .teams()
        .unwrap()
        .into_iter()
        .find(|t| t.id == team.id)
        .unwrap();
    let follower = rhythm::tui::Engine::follower(store, &dir.path().join("demo.db"), team);
    let f = follower.start(&monday()).unwrap();
    assert_eq!(f.board.week, week("2026-W48"));
    assert_eq!(f.screen, Screen::Meeting, "the follower is in the meeting");
}
