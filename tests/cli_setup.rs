//! The CLI's setup commands against real files: the README's first
//! scorecard, `init`, `where`, teams, people, completions and help.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{Sandbox, json, shell_words};
use rhythm::domain::{DecisionState, DepStatus, Direction, Kind, Target, Week};
use rhythm::storage::{ActionFilter, DecisionFilter, OpenMode, Store};
use serde_json::json;

/// The command lines of the README's "A first scorecard" block.
fn readme_commands() -> Vec<Vec<String>> {
    readme_block("## A first scorecard")
}

/// The command lines of the first sh block under a README heading.
fn readme_block(heading: &str) -> Vec<Vec<String>> {
    let readme = include_str!("../README.md");
    let section = readme
        .split(heading)
        .nth(1)
        .expect("the README has the section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section has a sh block");
    block.lines().map(shell_words).collect()
}

#[test]
fn readme_undo_works_as_written_after_the_first_scorecard() {
    let t = Sandbox::new();
    for words in readme_commands() {
        t.exec(&[], &words[1..]).ok();
    }
    let expected = [
        "Marked action #1 done: Call the five largest renewals\n",
        "Op  When              Who  From  What\n\
         #9  2026-11-25 09:00  Bo   cli   Marked action #1 done\n\
         #8  2026-11-25 09:00  ana  cli   Added dependency #1: SSO for mid-market trials\n\
         #7  2026-11-25 09:00  ana  cli   Logged needed decision #1: Pause expansion to Germany\n",
        "Undid #9: Marked action #1 done (operation #10)\n",
        "#6 2026-11-25 09:00 created by ana (cli): Added action #1: Call the five largest renewals\n\
         #9 2026-11-25 09:00 changed by Bo (cli) [undone by #10]: Marked action #1 done\n    state: open → done\n\
         #10 2026-11-25 09:00 changed by ana (cli): Undid #9: Marked action #1 done\n    state: done → open\n",
        "Redid #9: Marked action #1 done (operation #11)\n",
    ];
    let commands = readme_block("## Undo and the operation log");
    assert_eq!(commands.len(), expected.len(), "README commands changed");
    for (words, want) in commands.iter().zip(expected) {
        assert_eq!(t.exec(&[], &words[1..]).ok(), want, "{words:?}");
    }
    let action = t
        .store()
        .action(rhythm::domain::ActionId(1))
        .unwrap()
        .unwrap();
    assert_eq!(action.state, rhythm::domain::ActionState::Done);
}

#[test]
fn readme_first_scorecard_works_as_written() {
    let t = Sandbox::new();
    let expected: [Option<&str>; 9] = [
        Some(
            "Created the rhythm database team.db\nAdded the team Growth\nNext: rhythm measure add NAME --owner PERSON --target VALUE\n",
        ),
        Some("Added the measure Net revenue retention to Growth (target ≥ 110 %, owner Ana)\n"),
        Some("Added the measure Tier-2 response time to Growth (target ≤ 8 h, owner Bo)\n"),
        Some("Added the measure Pipeline coverage to Growth (target 3–5 x, owner Cy)\n"),
        Some("Recorded Net revenue retention = 104.5 % for 2026-W47 (▲ at risk)\n"),
        None, // the scorecard as JSON, checked below
        Some("Added action #1: Call the five largest renewals (Ana, due 2026-11-30)\n"),
        Some("Logged decision #1 (needed): Pause expansion to Germany — Ana, due 2026-12-04\n"),
        Some(
            "Added dependency #1: Growth needs SSO for mid-market trials from Platform by 2026-12-10\n",
        ),
    ];
    let commands = readme_commands();
    assert_eq!(commands.len(), expected.len(), "README commands changed");
    let mut scorecard = String::new();
    for (words, want) in commands.iter().zip(expected) {
        assert_eq!(words[0], "rhythm");
        let out = t.exec(&[], &words[1..]).ok();
        match want {
            Some(want) => assert_eq!(out, want, "{words:?}"),
            None => scorecard = out,
        }
    }

    let card = json(&scorecard);
    assert_eq!(card["team"], "Growth");
    assert_eq!(card["week"], "2026-W48");
    let rows: Vec<_> = card["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| json!([m["name"], m["owner"], m["target"], m["value"], m["status"]]))
        .collect();
    assert_eq!(
        rows,
        [
            json!(["Net revenue retention", "Ana", 110.0, null, "missing"]),
            json!(["Tier-2 response time", "Bo", 8.0, null, "missing"]),
            json!(["Pipeline coverage", "Cy", {"low": 3.0, "high": 5.0}, null, "missing"]),
        ]
    );

    let store = t.store();
    let growth = t.team("Growth");
    let measures = store.measures(growth.id, true).unwrap();
    let shape: Vec<_> = measures
        .iter()
        .map(|m| {
            (
                m.name.as_str(),
                m.owner.as_deref(),
                m.unit.as_str(),
                m.kind,
                m.goal.direction,
                m.goal.target,
                m.goal.tolerance,
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (
                "Net revenue retention",
                Some("Ana"),
                "%",
                Kind::Lagging,
                Direction::Higher,
                Target::Value(110.0),
                0.05
            ),
            (
                "Tier-2 response time",
                Some("Bo"),
                "h",
                Kind::Leading,
                Direction::Lower,
                Target::Value(8.0),
                0.1
            ),
            (
                "Pipeline coverage",
                Some("Cy"),
                "x",
                Kind::Leading,
                Direction::Range,
                Target::Range {
                    low: 3.0,
                    high: 5.0
                },
                0.1
            ),
        ]
    );
    let w47: Week = "2026-W47".parse().unwrap();
    let readings = store
        .readings(growth.id, w47.offset(-52), w47.offset(52))
        .unwrap();
    assert_eq!(readings.len(), 1);
    assert_eq!(
        (readings[0].measure_id, readings[0].week, readings[0].value),
        (measures[0].id, w47, 104.5)
    );
    assert_eq!(readings[0].note.as_deref(), Some("two churned accounts"));

    let actions = store.actions(growth.id, &ActionFilter::default()).unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].title, "Call the five largest renewals");
    assert_eq!(actions[0].owner.as_deref(), Some("Ana"));
    assert_eq!(actions[0].due.unwrap().to_string(), "2026-11-30");

    let decisions = store
        .decisions(growth.id, &DecisionFilter::default())
        .unwrap();
    assert_eq!(decisions.len(), 1);
    let d = &decisions[0];
    assert_eq!(
        (d.title.as_str(), d.state, d.owner.as_deref()),
        (
            "Pause expansion to Germany",
            DecisionState::Needed,
            Some("Ana")
        )
    );
    assert_eq!(d.due.unwrap().to_string(), "2026-12-04");

    let deps = store.dependencies(growth.id, true).unwrap();
    assert_eq!(deps.len(), 1);
    let dep = &deps[0];
    assert_eq!(dep.what, "SSO for mid-market trials");
    assert_eq!(dep.needing.id, Some(growth.id));
    assert_eq!(
        (dep.providing.id, dep.providing.name.as_str()),
        (None, "Platform")
    );
    assert_eq!(dep.owner.as_deref(), Some("Bo"));
    assert_eq!(dep.status, DepStatus::OnTrack);
    assert_eq!(dep.needed_by.unwrap().to_string(), "2026-12-10");

    let people: Vec<_> = store
        .people()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(people, ["Ana", "Bo", "Cy"]);
}

#[test]
fn init_without_a_team_creates_an_empty_database_once() {
    let t = Sandbox::new();
    assert_eq!(
        t.ok("init"),
        "Created the rhythm database team.db\nNext: rhythm team add NAME\n"
    );
    assert_eq!(t.ok("init"), "The rhythm database team.db is ready\n");
    assert!(t.store().teams().unwrap().is_empty());
    assert_eq!(
        t.ok("team list"),
        "No teams yet: add one with `rhythm team add NAME`\n"
    );
    assert_eq!(
        t.fails(1, "scorecard"),
        "error: this database has no teams yet: add one with `rhythm team add NAME`"
    );
}

#[test]
fn team_add_creates_a_missing_database() {
    let t = Sandbox::new();
    assert_eq!(
        t.ok("team add ' Growth '"),
        "Created the rhythm database team.db\nAdded the team Growth\n"
    );
    assert_eq!(t.team("Growth").name, "Growth");
}

#[cfg(unix)]
#[test]
fn a_new_database_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let t = Sandbox::new();
    t.ok("init --team Growth");
    let mode = std::fs::metadata(t.db()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn an_empty_team_name_creates_no_database_file() {
    let t = Sandbox::new();
    assert_eq!(
        t.fails(1, "init --team '  '"),
        "error: team name cannot be empty"
    );
    assert_eq!(
        t.fails(1, "team add ''"),
        "error: team name cannot be empty"
    );
    assert!(!t.db().exists());
}

#[test]
fn init_without_db_uses_the_data_directory() {
    let t = Sandbox::new();
    let path = t.data_home().join("rhythm").join("rhythm.db");
    let out = t.raw("init --team Growth").ok();
    assert_eq!(
        out.lines().next().unwrap(),
        format!("Created the rhythm database {}", path.display())
    );
    let store = Store::open(&path, OpenMode::MustExist).unwrap();
    assert_eq!(store.teams().unwrap()[0].name, "Growth");
    assert_eq!(t.raw("where").ok(), format!("{}\n", path.display()));
}

#[test]
fn where_honours_db_then_rhythm_db_then_the_data_directory() {
    let t = Sandbox::new();
    let env = [("RHYTHM_DB", "from-env.db")];
    assert_eq!(t.raw_env(&env, "--db flag.db where").ok(), "flag.db\n");
    assert_eq!(t.raw_env(&env, "where").ok(), "from-env.db\n");
    // An empty RHYTHM_DB counts as unset.
    let default = format!(
        "{}\n",
        t.data_home().join("rhythm").join("rhythm.db").display()
    );
    assert_eq!(t.raw_env(&[("RHYTHM_DB", "")], "where").ok(), default);
    assert_eq!(t.raw("where").ok(), default);
    // `where` only prints: it creates nothing.
    assert!(!t.data_home().exists());
    assert!(!t.path("flag.db").exists() && !t.path("from-env.db").exists());
}

#[test]
fn rhythm_db_is_used_by_every_command() {
    let t = Sandbox::new();
    let env = [("RHYTHM_DB", "team.db")];
    t.raw_env(&env, "init --team Growth").ok();
    t.raw_env(&env, "action add 'Ship it' --owner Ana").ok();
    let actions = t
        .store()
        .actions(t.team("Growth").id, &ActionFilter::default())
        .unwrap();
    assert_eq!(actions[0].title, "Ship it");
    assert!(!t.data_home().exists());
}

#[test]
fn teams_are_added_listed_and_renamed_in_any_case() {
    let t = Sandbox::new();
    t.ok("init --team Growth");
    assert_eq!(t.ok("team add Platform"), "Added the team Platform\n");
    t.ok("--team growth measure add NRR --owner Ana --target 110");
    assert_eq!(
        t.ok("team list"),
        "Team      Measures  Reviews\nGrowth    1         current week\nPlatform  0         current week\n"
    );
    assert_eq!(
        json(&t.ok("team list --json")),
        json!([
            {"id": 1, "name": "Growth", "measures": 1, "review": "current"},
            {"id": 2, "name": "Platform", "measures": 0, "review": "current"},
        ])
    );
    assert_eq!(
        t.ok("team rename platform 'Platform Engineering'"),
        "Renamed the team Platform to Platform Engineering\n"
    );
    let names: Vec<_> = t
        .store()
        .teams()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Growth", "Platform Engineering"]);

    let before = t.digest();
    assert_eq!(
        t.fails(1, "team rename 'Platform Engineering' Growth"),
        "error: team 'Growth' already exists"
    );
    assert_eq!(
        t.fails(1, "team rename Growht Sales"),
        "error: unknown team 'Growht' in this database: did you mean 'Growth'?"
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn several_teams_need_team_and_the_error_lists_them() {
    let t = Sandbox::growth();
    t.ok("team add Platform");
    let before = t.digest();
    let many = "error: this database has 2 teams (Growth, Platform): choose one with --team";
    assert_eq!(t.fails(1, "scorecard"), many);
    assert_eq!(t.fails(1, "record 'Pipeline coverage' 4"), many);
    assert_eq!(t.fails(1, "action add Call --owner Ana"), many);
    assert_eq!(t.digest(), before);
    assert_eq!(
        t.fails(1, "--team Finance scorecard"),
        "error: unknown team 'Finance' in this database: the teams are 'Growth', 'Platform'"
    );
    assert_eq!(
        t.ok("--team PLATFORM measure list"),
        "Platform has no measures yet: add one with `rhythm measure add NAME --owner PERSON --target VALUE`\n"
    );
    t.ok("record 'pipeline coverage' 4 --team growth");
    assert_ne!(t.digest(), before);
}

#[test]
fn people_are_the_owners_named_so_far() {
    let t = Sandbox::new();
    t.ok("init --team Growth");
    assert_eq!(
        t.ok("person list"),
        "No people yet: owners are added as you name them\n"
    );
    t.ok("measure add NRR --owner Ana --target 110");
    t.ok("action add Call --owner ana");
    t.ok("action add Write --owner Bo");
    assert_eq!(t.ok("person list"), "Ana\nBo\n");
    assert_eq!(
        json(&t.ok("person list --json")),
        json!([{"id": 1, "name": "Ana"}, {"id": 2, "name": "Bo"}])
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    let t = Sandbox::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = t.raw(&format!("completions {shell}")).ok();
        // The script asks rhythm itself on each TAB (see cli_completions).
        assert!(
            out.contains("RHYTHM_COMPLETE=") && out.contains("rhythm"),
            "{shell}: {out}"
        );
    }
    assert_eq!(
        t.raw("completions powershell").fails(2),
        "error: invalid value 'powershell' for '<SHELL>' [possible values: bash, zsh, fish]"
    );
    assert!(!t.data_home().exists());
}

#[test]
fn help_and_version_exit_zero_on_stdout() {
    let t = Sandbox::new();
    for line in [
        "--help",
        "help",
        "record --help",
        "measure add --help",
        "decision help add",
    ] {
        let out = t.raw(line).ok();
        assert!(out.contains("Usage: rhythm"), "{line}: {out}");
    }
    assert_eq!(
        t.raw("--version").ok(),
        format!("rhythm {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert!(!t.data_home().exists());
}
