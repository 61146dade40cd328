//! The home screen by keys: a review left open in an earlier week is
//! listed first and ended from there; open action items are edited there.

#![allow(clippy::unwrap_used)]

mod tui;

use rhythm::app::{Confirm, Overlay, Screen, State};
use rhythm::clock::Clock;
use rhythm::domain::{Change, MeetingKind, OpSource, Origin, Week};
use rhythm::tui::Engine;

fn w44() -> Week {
    "2026-W44".parse().unwrap()
}

/// The demo with Growth's review of 2026-W44 left open, on the home screen.
fn with_earlier_open(dir: &std::path::Path) -> (Engine, State) {
    let (mut e, _) = tui::demo(dir);
    let team = e.team.id;
    e.store
        .apply(
            &[Change::StartMeeting {
                team,
                kind: MeetingKind::Weekly,
                week: w44(),
            }],
            &Origin::new("test", OpSource::Cli),
            Clock::pinned(&w44().monday().to_string()).unwrap().now,
        )
        .unwrap();
    let s = e.start(&tui::clock()).unwrap();
    (e, s)
}

fn status(s: &State) -> &str {
    s.status.as_ref().map_or("", |x| x.text.as_str())
}

#[test]
fn enter_on_a_review_left_open_earlier_ends_it_with_its_minutes_and_u_reopens_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = with_earlier_open(dir.path());
    let id = s.board.earlier[0].id;
    assert_eq!(s.board.earlier[0].week, w44());

    tui::press(&mut e, &mut s, "enter");
    assert_eq!(s.overlay, Some(Overlay::Confirm(Confirm::EndEarlier(id))));
    tui::press(&mut e, &mut s, "n");
    assert!(
        tui::other_process(dir.path())
            .meeting(id)
            .unwrap()
            .unwrap()
            .is_open()
    );

    tui::press(&mut e, &mut s, "enter y");
    assert_eq!(s.screen, Screen::Home);
    let written = s.minutes_path.clone().expect("the minutes file is named");
    assert_eq!(
        status(&s),
        format!("Meeting ended. Minutes written to {written}")
    );
    let uid = tui::other_process(dir.path())
        .meeting_uid(id)
        .unwrap()
        .unwrap();
    assert!(
        written.ends_with(&format!("growth-2026-W44-{}.md", &uid[..8])),
        "{written}"
    );
    let ended = tui::other_process(dir.path()).meeting(id).unwrap().unwrap();
    assert!(ended.ended_at.is_some());
    let minutes = ended.minutes.unwrap();
    assert!(minutes.contains("weekly review 2026-W44"), "{minutes}");
    assert_eq!(
        std::fs::read_to_string(&written).unwrap(),
        format!(
            "{}\n\n<!-- rhythm: the minutes of meeting {uid} in demo.db -->\n",
            minutes.trim_end()
        )
    );
    assert!(s.board.earlier.is_empty(), "no longer listed");

    tui::press(&mut e, &mut s, "u");
    assert_eq!(status(&s), format!("↶ Undid: Ended meeting #{id}"));
    assert!(
        tui::other_process(dir.path())
            .meeting(id)
            .unwrap()
            .unwrap()
            .is_open()
    );
    assert_eq!(s.board.earlier.len(), 1, "listed again");
}

#[test]
fn e_on_an_open_action_item_at_home_edits_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    let second = s.board.open_actions[1].clone();
    tui::press(&mut e, &mut s, r#"j e tab bs bs bs bs "Fay" enter"#);
    assert_eq!(status(&s), format!("✓ Saved action #{}", second.id));
    let stored = tui::other_process(dir.path())
        .action(second.id)
        .unwrap()
        .unwrap();
    assert_eq!(stored.owner.as_deref(), Some("Fay"));
    assert_eq!(stored.title, second.title);

    // Enter on the first past meeting still reads its minutes.
    let rows = s.board.open_actions.len();
    let keys = vec!["j"; rows - 1].join(" ");
    tui::press(&mut e, &mut s, &format!("{keys} enter"));
    assert!(matches!(s.screen, Screen::Minutes { .. }), "{:?}", s.screen);
}

#[test]
fn r_on_a_review_left_open_earlier_resumes_it_as_of_its_week_and_ending_it_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = with_earlier_open(dir.path());
    let id = s.board.earlier[0].id;
    let this_week = s.board.week;

    tui::press(&mut e, &mut s, "enter r");
    assert_eq!(s.screen, Screen::Meeting);
    assert_eq!(s.overlay, None);
    assert_eq!(s.board.week, w44(), "the board is as of the meeting's week");
    assert_eq!(s.board.open_meeting().map(|m| m.id), Some(id));
    assert_eq!(status(&s), "✓ Resumed the review of 2026-W44");

    // Ending it writes that week's minutes and brings this week back.
    tui::press(&mut e, &mut s, "tab tab tab tab E y");
    let other = tui::other_process(dir.path());
    let ended = other.meeting(id).unwrap().unwrap();
    assert!(!ended.is_open());
    assert_eq!(ended.week, w44());
    assert_eq!(s.board.week, this_week);
    assert!(s.board.earlier.is_empty());
}

/// A meeting entered from the home screen is left for the home screen:
/// it stays open with its clock and section saved, `m` goes back in where
/// it was, and `Ctrl-c` asks as `q` does.
#[test]
fn q_in_a_meeting_entered_from_home_comes_back_home_and_ctrl_c_asks_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    assert!(!tui::press(&mut e, &mut s, "m tab"));
    s.clock.seconds[1] = 95;
    assert!(!tui::press(&mut e, &mut s, "ctrl-c"));
    assert_eq!(s.overlay, Some(Overlay::Confirm(Confirm::Leave)));
    assert!(!tui::press(&mut e, &mut s, "n"));
    assert_eq!(s.overlay, None);
    assert_eq!(s.screen, Screen::Meeting);

    let quit = tui::press(&mut e, &mut s, "q y");
    assert!(!quit, "the program goes on, at home");
    assert_eq!(s.screen, Screen::Home);
    assert_eq!(status(&s), "Left the review of 2026-W48; it stays open");
    let m = tui::other_process(dir.path())
        .meeting_in(e.team.id, MeetingKind::Weekly, s.board.week)
        .unwrap()
        .unwrap();
    assert!(m.is_open());
    assert_eq!(m.current_section, 1);
    assert_eq!(m.sections[1].seconds_spent, 95);

    tui::press(&mut e, &mut s, "m");
    assert_eq!(s.screen, Screen::Meeting);
    assert_eq!(s.section, rhythm::app::Section::OffTrack);
    assert_eq!(s.clock.seconds[1], 95);
    // Home's own q (or Ctrl-c) quits at once.
    assert!(tui::press(&mut e, &mut s, "q y q"));
}

/// Leaving a review resumed from an earlier week comes back to this week.
#[test]
fn leaving_an_earlier_review_comes_back_home_to_this_week() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = with_earlier_open(dir.path());
    let this_week = s.board.week;
    tui::press(&mut e, &mut s, "enter r");
    assert_eq!(s.board.week, w44());
    assert!(!tui::press(&mut e, &mut s, "q y"));
    assert_eq!(s.screen, Screen::Home);
    assert_eq!(s.board.week, this_week);
    assert_eq!(s.board.earlier.len(), 1, "still open, still listed");
}

/// `b` reads this quarter's brief; a team without one is told how to start
/// it, and Esc goes back home.
#[test]
fn b_reads_the_brief_or_says_how_to_start_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, "b");
    let Screen::Minutes { title, text, .. } = &s.screen else {
        panic!("{:?}", s.screen);
    };
    assert_eq!(title, "Growth · strategy brief 2026-Q4");
    assert!(
        text.contains("#1 Mid-market healthcare rather than all SMBs"),
        "{text}"
    );
    tui::press(&mut e, &mut s, "esc");
    assert_eq!(s.screen, Screen::Home);

    let quarter = "2026-Q4".parse().unwrap();
    let lines = e.store.brief(Some(e.team.id), quarter).unwrap().items;
    let drops: Vec<Change> = lines
        .iter()
        .filter(|l| l.objective.is_none())
        .map(|l| Change::DropBriefItem { item: l.id })
        .collect();
    e.store
        .apply(
            &drops,
            &Origin::new("test", OpSource::Cli),
            tui::clock().now,
        )
        .unwrap();
    tui::press(&mut e, &mut s, "b");
    let Screen::Minutes { text, .. } = &s.screen else {
        panic!("{:?}", s.screen);
    };
    assert!(
        text.starts_with("Growth has no brief for 2026-Q4 yet."),
        "{text}"
    );
    assert!(text.contains("rhythm brief choice add"), "{text}");
    assert!(!text.contains("brief new"), "no earlier quarter: {text}");
}
