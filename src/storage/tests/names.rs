//! Names as people read them: one team, person or measure whatever the
//! case or Unicode form it is typed in, stored composed.

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::*;

fn team_names(s: &Store) -> Vec<String> {
    s.teams().unwrap().into_iter().map(|t| t.name).collect()
}

both! {
fn teams_named_alike_are_one_team() {
    let mut s = store();
    add_team(&mut s, "Équipe");
    for alike in ["équipe", "E\u{301}QUIPE", " ÉQUIPE "] {
        let err = refuse(&mut s, Change::AddTeam { name: alike.into() }).to_string();
        assert!(err.contains("Équipe"), "{err}");
    }
    let cafe = add_team(&mut s, "Cafe\u{301}");
    assert_eq!(team_names(&s), ["Café", "Équipe"]);
    assert_eq!(team_names(&s)[0], "Caf\u{e9}", "stored composed");
    refuse(
        &mut s,
        Change::AddTeam {
            name: "CAFÉ".into(),
        },
    );
    let straße = add_team(&mut s, "Straße");
    refuse(
        &mut s,
        Change::AddTeam {
            name: "STRASSE".into(),
        },
    );
    refuse(
        &mut s,
        Change::RenameTeam {
            team: straße,
            name: "café".into(),
        },
    );
    // A team may change only the case of its own name.
    apply(
        &mut s,
        Change::RenameTeam {
            team: cafe,
            name: "CAFE\u{301}".into(),
        },
    );
    assert_eq!(team_names(&s), ["CAFÉ", "Straße", "Équipe"]);
}
}

both! {
fn people_named_alike_are_one_person() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    for owner in ["Ölaf", "ÖLAF", "o\u{308}laf", " ölaf"] {
        add_action(&mut s, team, "call", Some(owner), None);
    }
    let people: Vec<String> = s.people().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(people, ["Ölaf"]);
    let filter = ActionFilter {
        owner: Some("O\u{308}LAF".into()),
        ..ActionFilter::default()
    };
    assert_eq!(s.actions(team, &filter).unwrap().len(), 4);
    // Renaming to the same name in another case renames: no merge.
    apply(
        &mut s,
        Change::RenamePerson {
            from: "ölaf".into(),
            to: "O\u{308}LAF".into(),
        },
    );
    let people: Vec<String> = s.people().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(people, ["ÖLAF"]);
}
}

both! {
fn measures_named_alike_in_one_team_are_one_measure() {
    let mut s = store();
    let growth = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Other");
    add_measure(&mut s, growth, "Straße");
    refuse(&mut s, Change::AddMeasure(new_measure(growth, "STRASSE")));
    add_measure(&mut s, other, "STRASSE");
    let kelvin = add_measure(&mut s, growth, "\u{212a}elvin");
    let edit = MeasureEdit {
        name: Some("strasse".into()),
        ..MeasureEdit::default()
    };
    refuse(
        &mut s,
        Change::EditMeasure {
            measure: kelvin,
            edit,
        },
    );
}
}

/// A name of letters whose case and composition people vary.
fn name() -> impl Strategy<Value = String> {
    let letters = prop::sample::select(vec![
        "a", "B", "é", "e\u{301}", "Ö", "ß", "ẞ", "\u{212a}", "ﬁ", "Σ", "ς", "İ", "Å", "ǅ", "日",
        "x",
    ]);
    prop::collection::vec(letters, 1..8).prop_map(|parts| parts.concat())
}

fn variants(name: &str) -> Vec<String> {
    vec![
        name.to_uppercase(),
        name.to_lowercase(),
        name.nfd().collect(),
        name.nfc().collect::<String>().to_uppercase(),
        format!("  {name} "),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_name_in_any_case_or_form_is_the_same_name(name in name()) {
        let mut s = store();
        let team = add_team(&mut s, &name);
        prop_assert_eq!(team_names(&s), vec![name.nfc().collect::<String>()]);
        for alike in variants(&name) {
            let refused = s.apply_one(&Change::AddTeam { name: alike.clone() }, now());
            prop_assert!(refused.is_err(), "{:?} was taken for a new team beside {:?}", alike, name);
            add_action(&mut s, team, "call", Some(&alike), None);
        }
        prop_assert_eq!(s.people().unwrap().len(), 1);
    }
}

both! {
/// What a shell offers on TAB: a team's measures on its scorecard, or
/// every team's when none is named yet.
fn names_lists_for_completion() {
    let mut s = store();
    let growth = add_team(&mut s, "Growth");
    let ops = add_team(&mut s, "Ops");
    add_measure(&mut s, growth, "Pipeline");
    let gone = add_measure(&mut s, growth, "Churn");
    add_measure(&mut s, ops, "Uptime");
    apply(
        &mut s,
        Change::ArchiveMeasure {
            measure: gone,
            archived: true,
        },
    );
    let mut owned = new_measure(ops, "Tickets");
    owned.owner = Some("Bo".into());
    apply(&mut s, Change::AddMeasure(owned));

    assert_eq!(s.names(NameList::Teams, None).unwrap(), ["Growth", "Ops"]);
    assert_eq!(s.names(NameList::People, None).unwrap(), ["Bo"]);
    let measures = |team| s.names(NameList::Measures, team).unwrap();
    assert_eq!(measures(None), ["Pipeline", "Tickets", "Uptime"]);
    assert_eq!(measures(Some(" growth ")), ["Pipeline"]);
    assert!(measures(Some("Nobody")).is_empty());
}
}
