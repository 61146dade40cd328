//! What a review keeps on record: overdue commitments stay until done or
//! dropped. Driven by keys on the demo's SQLite file, the file read back
//! after.

#![allow(clippy::unwrap_used)]

mod tui;

use chrono::{DateTime, NaiveDate, Utc};
use rhythm::app::Section;
use rhythm::domain::change::NewAction;
use rhythm::domain::{ActionSource, ActionState, Change, OpSource, Origin};
use rhythm::ui::Theme;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
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
        "✓ Done: Call the three churned accounts"
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
