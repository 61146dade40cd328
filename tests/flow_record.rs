//! What a review keeps on record: overdue commitments stay until done or
//! dropped, and the recap says what the meeting did. Driven by keys on the
//! demo's SQLite file, the file read back after.

#![allow(clippy::unwrap_used)]

mod tui;

use chrono::{DateTime, NaiveDate, Utc};
use rhythm::app::Section;
use rhythm::domain::change::NewAction;
use rhythm::domain::{ActionSource, ActionState, Change, ItemState, OffTrackId, OpSource, Origin};
use rhythm::ui::Theme;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The screen at the three sizes a room meets: a laptop, a monitor, a
/// projector (snapshots in `tests/snapshots/flow_record__*`).
fn snap(name: &str, state: &rhythm::app::State) {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        insta::assert_snapshot!(
            format!("{name}_{w}x{h}"),
            tui::screen(state, w, h, Theme::COLOR)
        );
    }
}

#[test]
fn an_overdue_commitment_stays_in_the_review_until_done_and_says_how_often_it_was_carried() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    // Promised at the review of 2026-W44, due the Monday after, never done.
    let mut other = tui::other_process(dir.path());
    let team = s.board.team.id;
    other
        .apply(
            &[Change::AddAction(NewAction {
                team,
                title: "Call the three churned accounts".into(),
                owner: Some("Ana".into()),
                due: Some(date("2026-11-02")),
                source: ActionSource::Meeting,
                source_id: None,
            })],
            &Origin::new("ana", OpSource::Cli),
            at("2026-10-27T11:00:00Z"),
        )
        .unwrap();

    tui::press(&mut e, &mut s, "m tab");
    assert_eq!(s.section, Section::OffTrack);
    let first = &s.board.commitments[0];
    assert_eq!(first.title, "Call the three churned accounts");
    assert_eq!(first.state, ActionState::Open);
    // Open ones first, oldest due first.
    let dues: Vec<_> = s
        .board
        .commitments
        .iter()
        .map(|a| (a.state != ActionState::Open, a.due))
        .collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    // Reviewed and left open at the reviews of W45, W46 and W47.
    assert_eq!(s.board.carried(first), 3);
    snap("offtrack_overdue", &s);
    // Left open, this review carries it a fourth time.
    let (heading, actions) = s.board.changes_made().pop().unwrap();
    assert_eq!(heading, "Action items");
    assert!(
        actions.contains(&format!(
            "#{} Call the three churned accounts: carried to the next review, 4× now",
            first.id
        )),
        "{actions:?}"
    );
    let (done, all) = s.board.completion();
    let screen = tui::screen(&s, 120, 40, Theme::from_env(Some("1")));
    assert!(
        screen.contains("Call the three churned accounts  — Ana  due 2026-11-02  carried 3×"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("{done} of {all} done")),
        "{screen}"
    );

    // Done in this review: it counts as done, and leaves the list of the next.
    // The top row, whatever row the section opened on.
    tui::press(&mut e, &mut s, "k k k k x");
    assert_eq!(
        s.status.as_ref().unwrap().text,
        "✓ Action #14 done: Call the three churned accounts"
    );
    assert_eq!(s.board.completion(), (done + 1, all));
    let store = tui::other_process(dir.path());
    let found = store
        .commitments(
            team,
            date("2026-12-01"),
            date("2026-11-24"),
            at("2026-11-24T11:00:00Z"),
        )
        .unwrap();
    assert!(
        found
            .iter()
            .all(|a| a.title != "Call the three churned accounts")
    );
}

#[test]
fn the_recap_and_the_minutes_say_what_the_meeting_did_and_leave_out_what_it_undid() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, r#"m j j j j e "112" enter"#);
    tui::press(&mut e, &mut s, "tab k k k k x");
    assert_eq!(
        s.status.as_ref().unwrap().text,
        "✓ Action #2 done: Ship the in-app onboarding checklist"
    );
    // The last row is off-track #2: dropped, then taken back with u.
    tui::press(&mut e, &mut s, "j j j j j j D");
    assert_eq!(
        s.status.as_ref().unwrap().text,
        "✓ Dropped off-track #2: Net revenue retention is below target"
    );
    tui::press(&mut e, &mut s, "u");
    assert!(s.status.as_ref().unwrap().text.starts_with("↶ Undid"));
    // Someone at the CLI resolves an item while the meeting runs.
    tui::other_process(dir.path())
        .apply(
            &[Change::SetOffTrackState {
                item: OffTrackId(2),
                state: ItemState::Resolved,
            }],
            &Origin::new("cy", OpSource::Cli),
            at(tui::NOW),
        )
        .unwrap();
    tui::press(&mut e, &mut s, "tab k k k s o enter tab tab");
    assert_eq!(s.section, Section::WrapUp);

    let said = |l: &[&str]| l.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let changes = vec![
        ("Values recorded", said(&["New MRR 2026-W48: 112 k€"])),
        (
            "Off-track items",
            said(&["#2 Net revenue retention is below target: resolved"]),
        ),
        (
            "Dependencies",
            said(&["#3 Review of the new reseller terms: blocked → on track"]),
        ),
        (
            "Action items",
            said(&["#2 Ship the in-app onboarding checklist: done"]),
        ),
    ];
    assert_eq!(s.board.changes_made(), changes);
    let screen = tui::screen(&s, 120, 40, Theme::from_env(Some("1")));
    for line in [
        "Decisions still needed (2)",
        "? Which segment gets the Q1 outbound budget — Cy, due 2026-11-27 (carried)",
        "Values recorded (1)",
        "• New MRR 2026-W48: 112 k€",
        "• #3 Review of the new reseller terms: blocked → on track",
    ] {
        assert!(screen.contains(line), "{line:?} is not on\n{screen}");
    }

    snap("wrapup_recap", &s);

    tui::press(&mut e, &mut s, "8 E y");
    let written = s.minutes_path.clone().expect("the minutes file is named");
    let minutes = std::fs::read_to_string(&written).unwrap();
    // The last line names the meeting by its random id.
    let (kept, _) = minutes.trim_end().rsplit_once('\n').unwrap();
    insta::assert_snapshot!("minutes_recap", kept);
    assert!(
        minutes.contains(
            "## Changes made\n\n### Values recorded\n\n- New MRR 2026-W48: 112 k€\n\n\
             ### Off-track items\n\n- \\#2 Net revenue retention is below target: resolved\n\n\
             ### Dependencies\n\n- \\#3 Review of the new reseller terms: blocked → on track\n\n\
             ### Action items\n\n- \\#2 Ship the in-app onboarding checklist: done\n\n"
        ),
        "{minutes}"
    );
    assert!(
        minutes.contains(
            "- Which segment gets the Q1 outbound budget (carried, owner Cy, due 2026-11-27)\n"
        ),
        "{minutes}"
    );
    assert!(!minutes.contains("dropped"), "{minutes}");
}

#[test]
fn a_long_recap_keeps_the_rating_and_the_end_on_a_small_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, "m");
    // A busy meeting: every other measure's value corrected from the CLI,
    // New MRR on screen.
    let mut other = tui::other_process(dir.path());
    for m in s
        .board
        .measures
        .clone()
        .iter()
        .filter(|m| m.name != "New MRR")
    {
        other
            .apply(
                &[Change::RecordReading {
                    measure: m.id,
                    week: "2026-W48".parse().unwrap(),
                    value: 1.0,
                    note: Some("checked at source".into()),
                }],
                &Origin::new("cy", OpSource::Cli),
                at(tui::NOW),
            )
            .unwrap();
    }
    tui::press(&mut e, &mut s, r#"j j j j e "112" enter tab tab tab tab"#);
    assert_eq!(s.section, Section::WrapUp);
    let values = &s.board.changes_made()[0];
    assert_eq!((values.0, values.1.len()), ("Values recorded", 8));
    let screen = tui::screen(&s, 80, 24, Theme::from_env(Some("1")));
    assert!(
        screen.contains("more lines: the minutes have them all"),
        "{screen}"
    );
    assert!(screen.contains("Press E to end the meeting"), "{screen}");
    snap("wrapup_long", &s);
}

#[test]
fn a_review_ended_late_says_only_what_its_own_week_did() {
    use rhythm::domain::change::NewMeasure;
    use rhythm::domain::{Direction, Goal, Kind, MeetingKind};
    use rhythm::storage::Store;

    let mut store = Store::open_in_memory().unwrap();
    let origin = Origin::new("ana", OpSource::Cli);
    let apply = |store: &mut Store, change: Change, when: &str| {
        store.apply(&[change], &origin, at(when)).unwrap().id
    };
    apply(
        &mut store,
        Change::AddTeam {
            name: "Growth".into(),
        },
        "2026-11-01T09:00:00Z",
    );
    let team = store.teams().unwrap().remove(0);
    let measure = rhythm::domain::MeasureId(apply(
        &mut store,
        Change::AddMeasure(NewMeasure {
            rollup: None,
            team: team.id,
            name: "Churn".into(),
            owner: None,
            unit: "%".into(),
            kind: Kind::Lagging,
            goal: Goal::new(Direction::Lower, Some(2.0), None, 0.1).unwrap(),
        }),
        "2026-11-01T09:00:00Z",
    ));
    let reading = |week: &str, value: f64| Change::RecordReading {
        measure,
        week: week.parse().unwrap(),
        value,
        note: None,
    };
    apply(
        &mut store,
        Change::StartMeeting {
            team: team.id,
            kind: MeetingKind::Weekly,
            week: "2026-W47".parse().unwrap(),
        },
        "2026-11-17T10:00:00Z",
    );
    apply(&mut store, reading("2026-W47", 2.5), "2026-11-17T10:10:00Z");
    // The review was never ended; next week's values are not its doing.
    apply(&mut store, reading("2026-W48", 3.5), "2026-11-25T09:00:00Z");

    let meeting = store
        .meeting_in(team.id, MeetingKind::Weekly, "2026-W47".parse().unwrap())
        .unwrap()
        .unwrap();
    let clock = rhythm::clock::Clock::pinned("2026-11-25T10:00:00Z").unwrap();
    let (_, minutes) = rhythm::tui::ending(&store, &team, &meeting, &clock).unwrap();
    assert!(
        minutes.contains("### Values recorded\n\n- Churn 2026-W47: 2.5 %\n\n"),
        "{minutes}"
    );
    assert!(!minutes.contains("2026-W48: 3.5"), "{minutes}");
    // Ended eight days after it began: the end says which day.
    assert!(
        minutes.contains("Held 2026-11-17 10:00, ended Wed 2026-11-25 10:00 ("),
        "{minutes}"
    );
}
