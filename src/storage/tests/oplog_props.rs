//! A random sequence of changes from the command line's vocabulary, then
//! undo until nothing is left: the data equal the start; then redo until
//! nothing is left: they equal the end.

use proptest::prelude::*;

use super::oplog::dump;
use super::*;
use crate::domain::change::{DecisionEdit, DependencyEdit, FieldEdit};
use crate::domain::{OpSource, Origin};

/// One step: a kind of change, and numbers that pick its targets and values
/// among what exists when it runs.
#[derive(Debug, Clone)]
struct Step {
    kind: u8,
    a: usize,
    b: usize,
    value: f64,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(
        (0u8..20, 0usize..8, 0usize..8, -1e6f64..1e6).prop_map(|(kind, a, b, value)| Step {
            kind,
            a,
            b,
            value,
        }),
        1..40,
    )
}

const PEOPLE: [&str; 4] = ["Ana", "Bo", "Cy", "Dee"];

fn pick<T: Copy>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()])
}

fn ids(s: &Store, sql: &str) -> Vec<i64> {
    let mut stmt = s.conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The change a step stands for, given what the store holds; None when it
/// has nothing to act on.
fn change(s: &Store, step: &Step) -> Option<Change> {
    let teams: Vec<TeamId> = ids(s, "SELECT id FROM team")
        .into_iter()
        .map(TeamId)
        .collect();
    let measures: Vec<MeasureId> = ids(s, "SELECT id FROM measure")
        .into_iter()
        .map(MeasureId)
        .collect();
    let actions: Vec<ActionId> = ids(s, "SELECT id FROM action_item")
        .into_iter()
        .map(ActionId)
        .collect();
    let deps: Vec<DependencyId> = ids(s, "SELECT id FROM dependency")
        .into_iter()
        .map(DependencyId)
        .collect();
    let decisions: Vec<DecisionId> = ids(s, "SELECT id FROM decision")
        .into_iter()
        .map(DecisionId)
        .collect();
    let items: Vec<OffTrackId> = ids(s, "SELECT id FROM offtrack")
        .into_iter()
        .map(OffTrackId)
        .collect();
    let person = PEOPLE[step.b % PEOPLE.len()];
    let w = week("2026-W40").offset((step.b % 8) as i64);
    Some(match step.kind {
        0 => Change::AddTeam {
            name: format!("Team {}", step.a),
        },
        1 => {
            let mut m = new_measure(pick(&teams, step.a)?, &format!("M{}", step.b));
            m.owner = Some(person.into());
            Change::AddMeasure(m)
        }
        2 | 3 => Change::RecordReading {
            measure: pick(&measures, step.a)?,
            week: w,
            value: step.value,
            note: (step.kind == 3).then(|| format!("note {}", step.b)),
        },
        4 => Change::ClearReading {
            measure: pick(&measures, step.a)?,
            week: w,
        },
        5 => Change::AddAction(new_action(
            pick(&teams, step.a)?,
            "Do it",
            Some(person),
            Some("2026-12-01"),
        )),
        6 => Change::SetActionState {
            action: pick(&actions, step.a)?,
            state: [ActionState::Open, ActionState::Done, ActionState::Dropped][step.b % 3],
        },
        7 => Change::EditAction {
            action: pick(&actions, step.a)?,
            title: Some(format!("Do it {}", step.b)),
            owner: Some(person.into()),
            due: None,
        },
        8 => {
            let mut o = new_offtrack(pick(&teams, step.a)?, pick(&measures, step.b), "Low");
            o.owner = Some(person.into());
            Change::AddOffTrack(o)
        }
        9 => Change::EditOffTrack {
            item: pick(&items, step.a)?,
            title: None,
            owner: Some(person.into()),
            why: Some(format!("why {}", step.b)),
            change: None,
        },
        10 => Change::AddDependency(new_dependency(
            home(pick(&teams, step.a)?),
            outside("Legal"),
            "Review",
            DepStatus::OnTrack,
            None,
        )),
        11 => Change::EditDependency {
            dependency: pick(&deps, step.a)?,
            edit: DependencyEdit {
                owner: Some(person.into()),
                note: if step.b.is_multiple_of(2) {
                    FieldEdit::Set("soon".into())
                } else {
                    FieldEdit::Clear
                },
                ..Default::default()
            },
        },
        12 => Change::DeleteDependency {
            dependency: pick(&deps, step.a)?,
        },
        13 => Change::AddDecision(new_decision(
            pick(&teams, step.a)?,
            "Choose",
            step.b.is_multiple_of(2),
        )),
        14 => Change::EditDecision {
            decision: pick(&decisions, step.a)?,
            edit: DecisionEdit {
                owner: Some(person.into()),
                context: Some(format!("context {}", step.b)),
                ..Default::default()
            },
        },
        15 => Change::WithdrawDecision {
            decision: pick(&decisions, step.a)?,
        },
        16 => Change::RenamePerson {
            from: person.into(),
            to: PEOPLE[step.a % PEOPLE.len()].into(),
        },
        17 => Change::DeleteTeam {
            team: pick(&teams, step.a)?,
        },
        18 => Change::StartMeeting {
            team: pick(&teams, step.a)?,
            kind: MeetingKind::Weekly,
            week: w,
        },
        _ => Change::Decide {
            decision: pick(&decisions, step.a)?,
            chosen: "this".into(),
            owner: Some(person.into()),
            context: None,
            options: None,
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn undoing_everything_restores_the_start_and_redoing_restores_the_end(steps in steps()) {
        let origin = Origin::new("ana", OpSource::Cli);
        let mut s = store();
        add_team(&mut s, "Growth");
        let start = dump(&s);
        let mut applied = 0;
        for step in &steps {
            let Some(change) = change(&s, step) else { continue };
            if s.apply(std::slice::from_ref(&change), &origin, now()).is_ok() {
                applied += 1;
            }
        }
        let end = dump(&s);
        for _ in 0..applied {
            s.undo(None, false, &origin, later()).unwrap();
        }
        prop_assert_eq!(dump(&s), start);
        for _ in 0..applied {
            s.redo(&origin, later()).unwrap();
        }
        prop_assert_eq!(dump(&s), end);
    }
}

/// 48 sequences by default (each undoes and redoes everything, a few
/// seconds in all); `PROPTEST_CASES` asks for more.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}
