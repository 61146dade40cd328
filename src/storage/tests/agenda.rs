//! Agendas on both stores: set through the door for one kind of meeting
//! (the others untouched), copied by a meeting when it starts so a later
//! change leaves it as it began, refused whole when it breaks the rules,
//! and taken back by undo.

use super::*;
use crate::domain::agenda::{default_agenda, parse};
use crate::domain::{OpSource, Origin, SectionKind};

fn origin() -> Origin {
    Origin::new("ana", OpSource::Cli)
}

fn set(kind: MeetingKind, team: TeamId, typed: &str) -> Change {
    Change::SetAgenda {
        team,
        kind,
        sections: parse(kind, typed).unwrap(),
    }
}

both! {
fn an_agenda_is_set_per_kind_copied_by_a_meeting_and_undone() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    apply(&mut s, set(MeetingKind::Weekly, team, "Decisions 20, Scorecard 10, Wrap-up 5"));
    let kinds: Vec<SectionKind> = s
        .agenda(team, MeetingKind::Weekly)
        .unwrap()
        .iter()
        .map(|x| x.kind)
        .collect();
    assert_eq!(kinds, [SectionKind::Decisions, SectionKind::Scorecard, SectionKind::WrapUp]);
    assert_eq!(
        s.agenda(team, MeetingKind::Monthly).unwrap(),
        default_agenda(MeetingKind::Monthly)
    );

    let m = start(&mut s, team, "2026-W48");
    apply(&mut s, set(MeetingKind::Weekly, team, "Scorecard 5, Wrap-up 5"));
    let sections = meeting(&s, m).sections;
    assert_eq!(sections.len(), 3);
    assert_eq!((sections[0].kind, sections[0].minutes), (SectionKind::Decisions, 20));

    // Wrong on its face: refused before anything is written.
    let bad = Change::SetAgenda {
        team,
        kind: MeetingKind::Weekly,
        sections: vec![default_agenda(MeetingKind::Weekly)[4].clone(); 2],
    };
    let e = refuse(&mut s, bad);
    assert!(e.to_string().contains("'Wrap-up' appears twice"), "{e}");

    s.undo(None, false, &origin(), now()).unwrap();
    assert_eq!(s.agenda(team, MeetingKind::Weekly).unwrap().len(), 3);
}
}
