//! The operation log: every change is an operation that undo reverses to
//! the exact earlier state and redo makes again; undo refuses to take back
//! what a later operation built on, unless it cascades.

use crate::storage::db::Owned;

use super::*;
use crate::domain::change::RowRef;
use crate::domain::{OpId, OpKind, OpSource, Origin, RecordRef};
use crate::storage::oplog::schema;

pub(super) fn origin() -> Origin {
    Origin::new("ana", OpSource::Cli)
}

/// Every row of every logged table, exactly (floats by their bits), sorted.
pub(super) fn dump(s: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for t in schema::tables(&s.conn).unwrap() {
        let mut stmt = s
            .conn
            .prepare(&format!("SELECT * FROM \"{}\"", t.name))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get::<_, Owned>(i).unwrap() {
                        Owned::Real(f) => format!("real:{:x}", f.to_bits()),
                        other => format!("{other:?}"),
                    })
                    .collect();
                Ok(format!("{}: {}", t.name, cells.join(" | ")))
            })
            .unwrap();
        let mut rows: Vec<String> = rows.map(Result::unwrap).collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

pub(super) fn undo(s: &mut Store) -> crate::storage::Reversed {
    s.undo(None, false, &origin(), later()).unwrap()
}

both! {
fn the_meeting_clock_is_not_an_operation_and_never_blocks_an_undo() {
    let mut s = store();
    let team = seed(&mut s);
    let before = dump(&s);
    let live = start(&mut s, team, "2026-W49");
    let ops = s.operations(None, 100).unwrap().len();
    let saved = s
        .apply(&[clock(live, 2, &[60, 120, 30, 0, 0])], &origin(), later())
        .unwrap();
    assert_eq!(saved.op, None);
    assert_eq!(s.operations(None, 100).unwrap().len(), ops);
    let undone = undo(&mut s);
    assert!(undone.summary.starts_with("Undid #"), "{}", undone.summary);
    assert_eq!(dump(&s), before);
}
}

both! {
fn undo_names_the_later_operation_that_built_on_it_and_cascade_takes_back_both() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let before = dump(&s);
    let added = s
        .apply(
            &[Change::AddAction(new_action(
                team,
                "Call Bo",
                Some("Cy"),
                None,
            ))],
            &origin(),
            now(),
        )
        .unwrap();
    let action = ActionId(added.id);
    let done = s
        .apply(
            &[Change::SetActionState {
                action,
                state: ActionState::Done,
            }],
            &origin(),
            now(),
        )
        .unwrap();
    let (added, done) = (added.op.unwrap(), done.op.unwrap());
    let err = s.undo(Some(added), false, &origin(), now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "operation #{done} (Marked action #{action} done) changed what #{added} wrote: undo #{done} first, or add --cascade to undo both"
        )
    );
    let undone = s.undo(Some(added), true, &origin(), now()).unwrap();
    assert_eq!(
        undone.reversed.iter().map(|r| r.0).collect::<Vec<_>>(),
        vec![done, added]
    );
    assert!(
        undone.summary.ends_with("(and 1 later)"),
        "{}",
        undone.summary
    );
    assert_eq!(dump(&s), before);
    // Undone twice is refused with the undo's number.
    let again = s.undo(Some(added), false, &origin(), now()).unwrap_err();
    assert!(
        again.to_string().contains("was already undone by #"),
        "{again}"
    );
}
}

both! {
fn a_row_that_refers_to_a_created_one_blocks_its_undo() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let team_op = s.operations(None, 1).unwrap()[0].id;
    add_measure(&mut s, team, "NRR");
    let err = s.undo(Some(team_op), false, &origin(), now()).unwrap_err();
    assert!(
        err.to_string().contains("(Added measure NRR (#1))"),
        "{err}"
    );
}
}

both! {
fn a_person_made_on_first_use_stays_while_someone_else_uses_them() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let first = add_action(&mut s, team, "One", Some("Zed"), None);
    let first_op = s.operations(None, 1).unwrap()[0].id;
    add_action(&mut s, team, "Two", Some("Zed"), None);
    s.undo(Some(first_op), false, &origin(), now()).unwrap();
    assert_eq!(s.action(first).unwrap(), None);
    assert_eq!(s.people().unwrap().len(), 1, "Zed still owns action two");
    // Undoing the rest leaves nobody.
    undo(&mut s);
    assert!(s.people().unwrap().is_empty());
}
}

both! {
fn redo_follows_undos_in_turn_and_stops_at_a_new_change() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let m = add_measure(&mut s, team, "NRR");
    record(&mut s, m, "2026-W47", 1.0);
    record(&mut s, m, "2026-W48", 2.0);
    let full = dump(&s);
    undo(&mut s);
    undo(&mut s);
    assert!(
        s.readings(team, week("2026-W40"), week("2026-W49"))
            .unwrap()
            .is_empty()
    );
    s.redo(&origin(), now()).unwrap();
    s.redo(&origin(), now()).unwrap();
    assert_eq!(dump(&s), full);
    let none = s.redo(&origin(), now()).unwrap_err();
    assert_eq!(
        none.to_string(),
        "there is nothing to redo: no undo since the last change"
    );
    undo(&mut s);
    record(&mut s, m, "2026-W49", 3.0);
    assert!(
        s.redo(&origin(), now()).is_err(),
        "a new change ends the redo chain"
    );
}
}

both! {
fn undoing_a_redo_takes_the_change_back_again() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let before = dump(&s);
    add_action(&mut s, team, "One", None, None);
    let after = dump(&s);
    undo(&mut s);
    s.redo(&origin(), now()).unwrap();
    assert_eq!(dump(&s), after);
    let again = undo(&mut s);
    assert!(again.summary.starts_with("Undid #"), "{}", again.summary);
    assert_eq!(dump(&s), before);
    let kinds: Vec<OpKind> = s
        .operations(None, 10)
        .unwrap()
        .iter()
        .map(|o| o.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            OpKind::Undo,
            OpKind::Redo,
            OpKind::Undo,
            OpKind::Change,
            OpKind::Change
        ]
    );
}
}

both! {
fn the_log_reads_like_what_happened() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let mut m = new_measure(team, "Net revenue retention");
    m.owner = Some("Ana".into());
    let m = MeasureId(apply(&mut s, Change::AddMeasure(m)));
    record(&mut s, m, "2026-W48", 104.5);
    record(&mut s, m, "2026-W48", 103.0);
    let d = add_decision(&mut s, team, "Hold prices", true);
    s.apply(
        &[Change::EditMeasure {
            measure: m,
            edit: crate::domain::change::MeasureEdit {
                owner: Some("Bo".into()),
                ..Default::default()
            },
        }],
        &Origin::new("cy", OpSource::Tui),
        later(),
    )
    .unwrap();
    let lines: Vec<String> = s
        .operations(Some(team), 10)
        .unwrap()
        .iter()
        .map(|o| format!("{} {} {}", o.author, o.source, o.summary))
        .collect();
    assert_eq!(
        lines,
        [
            "cy tui Edited measure Net revenue retention: owner Ana → Bo",
            "test cli Logged decision #1: Hold prices",
            "test cli Recorded Net revenue retention = 103 % for 2026-W48 (was 104.5)",
            "test cli Recorded Net revenue retention = 104.5 % for 2026-W48",
            "test cli Added measure Net revenue retention (#1)",
            "test cli Added team Growth",
        ]
    );
    let history = s
        .record_history(RecordRef {
            kind: "measure",
            id: m.0,
        })
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].fields.len(), 1);
    assert_eq!(history[1].fields[0].field, "owner");
    assert_eq!(
        (
            history[1].fields[0].before.as_deref(),
            history[1].fields[0].after.as_deref()
        ),
        (Some("Ana"), Some("Bo"))
    );
    let _ = d;
}
}

both! {
fn a_made_commitment_changes_only_with_an_approval_which_the_log_keeps() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let mut old = new_decision(team, "Ship SSO by Q1", true);
    old.lane = Lane::Commitment;
    let old = DecisionId(apply(&mut s, Change::AddDecision(old)));
    let new = add_decision(&mut s, team, "Ship SSO by Q2", true);
    let change = Change::Supersede { old, new };
    let err = s
        .apply(std::slice::from_ref(&change), &origin(), now())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "decision #1 is a made commitment: changing it needs --approved-by NAME"
    );
    let approved = origin().approved_by(Some("Dee".into()));
    let op = s.apply(&[change], &approved, now()).unwrap().op.unwrap();
    let logged = s.operation(op).unwrap().unwrap();
    assert_eq!(logged.approved_by.as_deref(), Some("Dee"));
    let history = s
        .record_history(RecordRef {
            kind: "decision",
            id: old.0,
        })
        .unwrap();
    assert_eq!(
        history.last().unwrap().op.approved_by.as_deref(),
        Some("Dee")
    );
}
}

both! {
fn raising_with_a_promise_is_two_changes_in_one_operation() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let mut item = new_offtrack(team, None, "NRR low");
    item.owner = Some("Ana".into());
    let promise = NewAction {
        source: ActionSource::OffTrack,
        source_id: Some(RowRef::Earlier(0)),
        ..new_action(
            team,
            "call the top ten accounts",
            Some("Ana"),
            Some("2026-12-01"),
        )
    };
    let before = dump(&s);
    let applied = s
        .apply(
            &[Change::AddOffTrack(item), Change::AddAction(promise)],
            &origin(),
            now(),
        )
        .unwrap();
    let actions = all_actions(&s, team);
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].source_id, Some(applied.ids[0]));
    let op = s.operation(applied.op.unwrap()).unwrap().unwrap();
    assert_eq!(
        op.summary,
        "Raised off-track #1: NRR low; Added action #1: call the top ten accounts"
    );
    undo(&mut s);
    assert_eq!(dump(&s), before);
}
}

both! {
fn compaction_keeps_the_lines_but_ends_undo() {
    let mut s = store();
    add_team(&mut s, "Growth");
    let n = s.compact_log(later()).unwrap();
    assert_eq!(n, 1);
    let ops = s.operations(None, 10).unwrap();
    assert_eq!(ops[0].summary, "Added team Growth");
    assert!(!ops[0].undoable);
    let err = s.undo(None, false, &origin(), later()).unwrap_err();
    assert!(err.to_string().contains("cannot be undone"), "{err}");
}
}

#[test]
fn the_triggers_log_every_column_of_every_table() {
    let s = store();
    // Their own once the connection writes; the file keeps none.
    s.ready_to_write().unwrap();
    let stored: i64 = s
        .conn
        .query_row(
            "SELECT count(*) FROM main.sqlite_schema WHERE type = 'trigger' AND name LIKE 'oplog_%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 0, "the file keeps none of the log's triggers");

    let tables = schema::tables(&s.conn).unwrap();
    assert!(tables.len() >= 13, "{} tables", tables.len());
    for t in tables {
        assert!(!t.key.is_empty(), "{} has no primary key", t.name);
        for kind in ["insert", "update", "delete"] {
            let sql: String = s
                .conn
                .query_row(
                    "SELECT sql FROM temp.sqlite_schema WHERE type = 'trigger' AND name = ?1",
                    [format!("oplog_{}_{kind}", t.name)],
                    |r| r.get(0),
                )
                .unwrap_or_else(|_| panic!("no {kind} trigger on {}", t.name));
            // Every column of the row, old or new (and the key of each).
            for c in &t.columns {
                assert!(
                    sql.contains(&format!("\"{c}\"")),
                    "{kind} on {} misses {c}",
                    t.name
                );
            }
        }
    }
}

both! {
/// Every migration step ends by dropping the triggers that files of schema
/// versions 5 and 6 kept, which would log each row twice beside the
/// connection's own.
fn the_triggers_a_file_kept_are_dropped() {
    let conn = crate::storage::db::Db::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT);
         CREATE TRIGGER oplog_team_insert AFTER INSERT ON team BEGIN SELECT 1; END;
         CREATE TRIGGER theirs AFTER INSERT ON team BEGIN SELECT 1; END;",
    )
    .unwrap();
    schema::drop_stored(&conn).unwrap();
    let left: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(left, ["theirs"]);
}
}

both! {
fn nothing_to_undo_is_said_plainly() {
    let mut s = store();
    let err = s.undo(None, false, &origin(), now()).unwrap_err();
    assert_eq!(err.to_string(), "there is nothing to undo");
    let op = s.undo(Some(OpId(42)), false, &origin(), now()).unwrap_err();
    assert_eq!(op.to_string(), "there is no operation #42");
}
}

both! {
/// A row id freed by a delete is given to the next new row: undo must tell
/// the person it made from a later one who got the same id.
fn a_reused_row_id_is_not_mistaken_for_the_row_an_operation_made() {
    use crate::domain::change::{DependencyEdit, FieldEdit};
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let start = dump(&s);
    let o = origin();
    let dep = add_dependency(&mut s, team, "Review", DepStatus::OnTrack, None);
    add_action(&mut s, team, "Do it", Some("Ana"), Some("2026-12-01"));
    let owner = DependencyEdit {
        owner: Some("Cy".into()),
        note: FieldEdit::Set("soon".into()),
        ..Default::default()
    };
    for change in [
        Change::EditDependency {
            dependency: dep,
            edit: owner,
        },
        Change::DeleteDependency { dependency: dep },
        // Cy (person #2) is merged away; Bo then gets the id #2.
        Change::RenamePerson {
            from: "Cy".into(),
            to: "Ana".into(),
        },
    ] {
        s.apply(&[change], &o, now()).unwrap();
    }
    let mut m = new_measure(team, "M1");
    m.owner = Some("Bo".into());
    apply(&mut s, Change::AddMeasure(m));
    let end = dump(&s);
    for _ in 0..6 {
        undo(&mut s);
    }
    assert_eq!(dump(&s), start);
    for _ in 0..6 {
        s.redo(&o, later()).unwrap();
    }
    assert_eq!(dump(&s), end);
}
}

both! {
/// Ending a meeting saves its clock in the same operation; the log's line
/// names only the end.
fn a_clock_saved_with_a_change_is_left_out_of_its_line() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let live = start(&mut s, team, "2026-W49");
    let card = snapshot(&mut s, team, "2026-W49");
    let applied = s
        .apply(
            &[
                clock(live, 4, &[60, 60, 60, 60, 60]),
                end(live, &card, "# Minutes"),
            ],
            &origin(),
            later(),
        )
        .unwrap();
    let op = s.operation(applied.op.unwrap()).unwrap().unwrap();
    assert_eq!(op.summary, format!("Ended meeting #{live}"));
}
}
