//! The reads behind the lists and the review's Off-track section run as
//! many statements on a large history as on a small one: no statement per
//! meeting, team or item. Counted with `db::statements_run`, never timed.

use super::*;
use crate::clock::Clock;
use crate::demo::large::{self, Size};
use crate::domain::ItemState;
use crate::storage::statements_run;

/// The statements `read` ran.
fn counted<T>(read: impl FnOnce() -> T) -> (u64, T) {
    let before = statements_run();
    let found = read();
    (statements_run() - before, found)
}

/// How many statements each read ran on a demo history of `size`, and how
/// many rows it gave, for the first team.
fn counts(size: Size) -> Vec<(&'static str, u64, usize)> {
    let clock = Clock::pinned("2026-11-25T14:00:00Z").unwrap();
    let mut s = store();
    let origin = crate::domain::Origin::new("test", crate::domain::OpSource::Demo);
    large::fill(&mut s, &origin, size, clock.today, &mut |_| {}).unwrap();
    let team = s.teams().unwrap().into_iter().next().unwrap();
    let week = Week::containing(clock.today);
    let mut found = Vec::new();
    let (n, list) = counted(|| s.meeting_list(team.id).unwrap());
    found.push(("minutes --list", n, list.len()));
    let (n, teams) = counted(|| s.teams_with_measures().unwrap());
    found.push(("team list", n, teams.len()));
    let listed = DecisionFilter {
        states: vec![DecisionState::Needed, DecisionState::Made],
    };
    let (n, decisions) = counted(|| s.decisions(team.id, &listed).unwrap());
    found.push(("decision list", n, decisions.len()));
    let (n, items) = counted(|| s.offtrack_items(team.id, &[ItemState::Open]).unwrap());
    found.push(("offtrack list", n, items.len()));
    let (n, items) = counted(|| s.open_offtrack_with_values(team.id, week).unwrap());
    found.push(("off-track section", n, items.len()));
    let (n, past) = counted(|| s.past_meetings(team.id, 26).unwrap());
    found.push(("past meetings", n, past.len()));
    let last = past.first().expect("an ended meeting");
    let (n, made) = counted(|| s.decisions_of_meeting(last).unwrap());
    found.push(("minutes", n, made.len()));
    found
}

both! {
    fn the_lists_run_as_many_statements_on_a_large_history_as_on_a_small_one() {
        let small = counts(Size { teams: 1, weeks: 5 });
        let large = counts(Size { teams: 5, weeks: 40 });
        let statements = |c: &[(&str, u64, usize)]| -> Vec<(String, u64)> {
            c.iter().map(|(what, n, _)| (what.to_string(), *n)).collect()
        };
        // One statement each; the past meetings three (the meetings, all
        // their sections, all their attendees).
        let expected: Vec<(String, u64)> = [
            ("minutes --list", 1),
            ("team list", 1),
            ("decision list", 1),
            ("offtrack list", 1),
            ("off-track section", 1),
            ("past meetings", 3),
            ("minutes", 1),
        ]
        .iter()
        .map(|(what, n)| (what.to_string(), *n))
        .collect();
        assert_eq!(statements(&small), expected);
        assert_eq!(statements(&large), expected);
        // The large history gives more rows all the same.
        let rows = |c: &[(&str, u64, usize)], what: &str| {
            c.iter().find(|(w, ..)| *w == what).map(|(.., rows)| *rows)
        };
        for what in ["minutes --list", "team list", "decision list", "past meetings"] {
            assert!(rows(&large, what) > rows(&small, what), "{what}: {small:?} {large:?}");
        }
    }
}
