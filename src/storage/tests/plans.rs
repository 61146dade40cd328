//! No screen and none of the scorecard, action-list, minutes and team-list
//! commands reads a whole large table. The statements checked are the ones the store
//! prepared while they ran (`Store::cached` records them in tests), each
//! planned with EXPLAIN QUERY PLAN on a database with a history in it; a
//! SCAN of a large table, even along an index, fails with the query and
//! its plan.

use super::*;
use crate::clock::Clock;
use crate::demo::large::{self, Size};
use crate::tui::load_board;

/// The tables that grow with the history.
const LARGE: [&str; 9] = [
    "reading",
    "action_item",
    "decision",
    "dependency",
    "meeting",
    "meeting_section",
    "meeting_attendee",
    "offtrack",
    "measure",
];

/// Each step of the plan, as `EXPLAIN QUERY PLAN` words it.
fn plan(s: &Store, sql: &str) -> Vec<String> {
    let mut stmt = s
        .conn
        .sqlite()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
    // Parameters only steer the plan through the SQL around them: all NULL.
    let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
    stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The tables a statement names, by name and by alias: plans name a table
/// by its alias when it has one (`SCAN a`).
fn tables(sql: &str) -> Vec<(String, String)> {
    const NOT_ALIAS: [&str; 10] = [
        "on", "where", "left", "join", "inner", "cross", "order", "group", "limit", "using",
    ];
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || "(),".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !(w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("join")) {
            continue;
        }
        let Some(table) = words.get(i + 1) else {
            continue;
        };
        found.push((table.to_string(), table.to_string()));
        let alias = match words.get(i + 2) {
            Some(a) if a.eq_ignore_ascii_case("as") => words.get(i + 3),
            other => other,
        };
        if let Some(a) = alias.filter(|a| !NOT_ALIAS.contains(&a.to_ascii_lowercase().as_str())) {
            found.push((a.to_string(), table.to_string()));
        }
    }
    found
}

/// The plan's steps that read every row of a large table.
fn full_scans(sql: &str, steps: &[String]) -> Vec<String> {
    let names = tables(sql);
    steps
        .iter()
        .filter(|step| {
            let mut words = step.split_whitespace();
            if words.next() != Some("SCAN") {
                return false;
            }
            let name = words.next().unwrap_or_default();
            let table = names
                .iter()
                .find(|(n, _)| n == name)
                .map_or(name, |(_, t)| t.as_str());
            LARGE.contains(&table)
        })
        .cloned()
        .collect()
}

/// A history to plan against: three teams of the large demo (each with
/// this week's meeting open), and a new team with no meeting yet and an
/// open off-track item on its one measure.
fn history() -> (Store, Clock) {
    let clock = Clock::pinned("2026-11-25T14:00:00Z").unwrap();
    let mut s = store();
    let size = Size {
        teams: 3,
        weeks: 30,
    };
    large::fill(
        &mut s,
        &crate::domain::Origin::new("test", crate::domain::OpSource::Demo),
        size,
        clock.today,
        &mut |_| {},
    )
    .unwrap();
    let team = add_team(&mut s, "Newcomers");
    let measure = add_measure(&mut s, team, "NRR");
    let item = new_offtrack(team, Some(measure), "NRR low");
    apply(&mut s, Change::AddOffTrack(item));
    (s, clock)
}

/// What the screens and the two commands run, in the order they ran it.
fn statements(s: &Store, clock: &Clock) -> Vec<String> {
    s.prepared.borrow_mut().clear();
    let week = Week::containing(clock.today);
    for team in s.teams().unwrap() {
        // The home and meeting screens (and the follower) load the board.
        load_board(s, &team, clock).unwrap();
        // `rhythm scorecard`.
        s.measures(team.id, false).unwrap();
        s.readings(team.id, week.offset(-12), week).unwrap();
        // `rhythm action list`, open (the default), `--all` and `--owner`.
        let open = ActionFilter {
            states: vec![ActionState::Open],
            ..ActionFilter::default()
        };
        s.actions(team.id, &open).unwrap();
        s.actions(team.id, &ActionFilter::default()).unwrap();
        let owner = s.people().unwrap().into_iter().next().map(|p| p.name);
        s.actions(team.id, &ActionFilter { owner, ..open }).unwrap();
        // `rhythm minutes --list`, and one meeting's minutes.
        s.meeting_list(team.id).unwrap();
        if let Some(m) = s.past_meetings(team.id, 1).unwrap().first() {
            s.decisions_of_meeting(m).unwrap();
        }
    }
    // `rhythm team list`.
    s.teams_with_measures().unwrap();
    let mut seen = Vec::new();
    for sql in s.prepared.borrow().iter() {
        if !seen.contains(sql) {
            seen.push(sql.clone());
        }
    }
    seen
}

#[test]
fn no_screen_query_scans_a_large_table() {
    let (s, clock) = history();
    let statements = statements(&s, &clock);
    // The Off-track section's values, read with its items.
    let reading = "LEFT JOIN reading raised";
    assert!(statements.iter().any(|sql| sql.contains(reading)));
    for table in LARGE {
        assert!(
            statements
                .iter()
                .any(|sql| tables(sql).iter().any(|(_, t)| t == table)),
            "no statement read {table}: is the recorder still in Store::cached?"
        );
    }
    let mut failures = String::new();
    for sql in &statements {
        let steps = plan(&s, sql);
        let scans = full_scans(sql, &steps);
        if !scans.is_empty() {
            failures.push_str(&format!(
                "\n{}\n  scans: {}\n  plan:\n    {}\n",
                sql.split_whitespace().collect::<Vec<_>>().join(" "),
                scans.join("; "),
                steps.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "queries that read a whole large table:{failures}"
    );
}

#[test]
fn the_check_catches_a_scan_by_name_alias_or_index() {
    let (s, _) = history();
    for sql in [
        "SELECT id FROM action_item WHERE title = ?1",
        "SELECT a.id FROM action_item a JOIN team t ON t.id = a.team_id WHERE a.title = ?1",
        "SELECT d.id FROM decision AS d ORDER BY d.team_id, d.state",
    ] {
        let steps = plan(&s, sql);
        assert!(!full_scans(sql, &steps).is_empty(), "{sql}: {steps:?}");
    }
    let sql = "SELECT value FROM reading WHERE measure_id = ?1 AND week = ?2";
    assert_eq!(full_scans(sql, &plan(&s, sql)), Vec::<String>::new());
}
