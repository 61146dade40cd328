//! Names are compared as people read them on every command: a team,
//! measure or person typed in another case or Unicode form (a Mac keyboard
//! sends "é" decomposed) is the one already there, never a second one, and
//! the suggestions for a name that matches nothing fold the same way.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::Sandbox;

fn team_names(t: &Sandbox) -> Vec<String> {
    t.store()
        .teams()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect()
}

#[test]
fn a_team_typed_in_another_case_or_form_is_the_same_team() {
    let t = Sandbox::new();
    t.ok("init --team Équipe");
    let before = t.digest();
    let err = t.fails(1, "team add équipe");
    assert!(err.contains("'Équipe'"), "{err}");
    t.fails(1, "team add E\u{301}QUIPE");
    assert_eq!(t.digest(), before, "a refused name wrote something");

    // Stored composed, whatever form it was typed in.
    t.ok("team add Cafe\u{301}");
    assert_eq!(team_names(&t), ["Café", "Équipe"]);
    assert_eq!(team_names(&t)[0].chars().count(), 4);
    t.fails(1, "team add CAFÉ");

    // Every --team lookup lands on the one team.
    t.ok("--team CAFE\u{301} measure add Straße --owner Ölaf --target 1");
    t.ok("--team café record STRASSE 3");
    t.ok("--team cafe\u{301} action add 'Call the roasters' --owner ÖLAF");
    t.ok("--team Café action add 'Price list' --owner o\u{308}laf");
    let people = t.store().people().unwrap();
    assert_eq!(people.len(), 1, "{people:?}");
    let err = t.fails(1, "--team CAFÉ action list --owner OLAF");
    assert!(err.contains("did you mean 'Ölaf'?"), "{err}");
    let list = t.ok("--team CAFÉ action list --owner O\u{308}LAF");
    assert!(
        list.contains("Call the roasters") && list.contains("Price list"),
        "{list}"
    );
    let card = t.ok("--team équipe scorecard");
    assert!(
        !card.contains("Straße"),
        "the scorecard of the other team: {card}"
    );
}

#[test]
fn suggestions_compare_names_as_people_read_them() {
    let t = Sandbox::new();
    t.ok("init --team Straße");
    t.ok("team add Équipe");
    let err = t.fails(1, "--team STRASE scorecard");
    assert!(err.contains("did you mean 'Straße'?"), "{err}");
    let err = t.fails(1, "--team EQUIPES scorecard");
    assert!(err.contains("did you mean 'Équipe'?"), "{err}");
    // A ligature folds to its letters: "ﬁ" is "fi".
    t.ok("team add ﬁnance");
    let err = t.fails(1, "--team FINANCES scorecard");
    assert!(err.contains("did you mean 'ﬁnance'?"), "{err}");
}

#[test]
fn check_names_the_names_an_older_build_kept_apart() {
    let t = Sandbox::new();
    t.ok("init --team Équipe");
    t.ok("--team Équipe measure add Straße --owner Ana --target 1");
    // What builds that compared names by ASCII letters only could store.
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.execute_batch(
        "INSERT INTO team (name, created_at) VALUES ('équipe', '2026-01-01T00:00:00Z');
         INSERT INTO measure (team_id, name, unit, kind, direction, target, tolerance,
                              position, created_at, updated_at)
             SELECT team_id, 'STRASSE', unit, kind, direction, target, tolerance, 2,
                    created_at, updated_at FROM measure;",
    )
    .unwrap();
    drop(conn);
    let run = t.run("check");
    let (code, out) = (run.code, run.stdout.clone());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("same name: team #2 'équipe' reads as team #1 'Équipe'"),
        "{out}"
    );
    assert!(
        out.contains("same name: measure #2 'STRASSE' reads as measure #1 'Straße'"),
        "{out}"
    );
}

#[test]
fn characters_that_show_nothing_do_not_make_a_new_name() {
    let t = Sandbox::new();
    t.ok("init --team ab");
    let before = t.digest();
    for hidden in ["a\u{200b}b", "ab\u{200d}", "a\u{ad}b", "\u{feff}ab"] {
        let line = t
            .exec(&[], &["--db", "team.db", "team", "add", hidden])
            .fails(1);
        assert!(
            line.contains("already exists (as 'ab')"),
            "{hidden:?}: {line}"
        );
    }
    let line = t
        .exec(&[], &["--db", "team.db", "team", "add", "\u{200b}"])
        .fails(1);
    assert_eq!(line, "error: team name cannot be empty");
    assert_eq!(t.digest(), before);
}
