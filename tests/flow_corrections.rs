//! Corrections by keys: `u` after each key that changes or removes a record
//! brings the record back, `Ctrl-r` makes the change again, each checked
//! in the file through a second connection, as another process sees it.

#![allow(clippy::unwrap_used)]

mod tui;

use std::path::Path;

use rhythm::app::{Screen, Section, State};
use rhythm::domain::{
    ActionId, ActionState, DecisionId, DecisionState, DependencyId, ItemState, OffTrackId,
};
use rhythm::storage::Store;
use rhythm::tui::Engine;

fn said(state: &State) -> (&str, bool) {
    state
        .status
        .as_ref()
        .map_or(("", false), |s| (s.text.as_str(), s.error))
}

/// Presses `keys`; the status line then says `text`, not as an error.
fn step(e: &mut Engine, s: &mut State, keys: &str, text: &str) {
    assert!(!tui::press(e, s, keys), "{keys:?} quit the app");
    assert_eq!(
        s.status.as_ref().map(|s| (s.text.as_str(), s.error)),
        Some((text, false)),
        "after {keys:?}"
    );
    assert_eq!(s.overlay, None, "after {keys:?}");
}

fn db(dir: &Path) -> Store {
    tui::other_process(dir)
}

fn action_state(dir: &Path, id: i64) -> ActionState {
    db(dir).action(ActionId(id)).unwrap().unwrap().state
}

fn item_state(dir: &Path, id: i64) -> ItemState {
    db(dir)
        .offtrack_item(OffTrackId(id))
        .unwrap()
        .unwrap()
        .state
}

fn decision_state(dir: &Path, id: i64) -> DecisionState {
    db(dir).decision(DecisionId(id)).unwrap().unwrap().state
}

#[test]
fn u_brings_back_what_each_key_took_and_ctrl_r_takes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (mut e, mut s) = tui::demo(d);
    step(&mut e, &mut s, "m tab", "✓ Meeting started");
    assert_eq!(s.section, Section::OffTrack);

    // Done on last week's open commitment (#2), undone, redone, undone.
    step(
        &mut e,
        &mut s,
        "x",
        "✓ Action #2 done: Ship the in-app onboarding checklist",
    );
    assert_eq!(action_state(d, 2), ActionState::Done);
    step(&mut e, &mut s, "u", "↶ Undid: Marked action #2 done");
    assert_eq!(action_state(d, 2), ActionState::Open);
    assert_eq!(s.board.commitments[0].state, ActionState::Open, "reloaded");
    step(&mut e, &mut s, "ctrl-r", "↷ Redid: Marked action #2 done");
    assert_eq!(action_state(d, 2), ActionState::Done);
    step(&mut e, &mut s, "u", "↶ Undid: Marked action #2 done");
    assert_eq!(action_state(d, 2), ActionState::Open);

    // Dropping the commitment.
    step(
        &mut e,
        &mut s,
        "D",
        "✓ Dropped action #2: Ship the in-app onboarding checklist",
    );
    assert_eq!(action_state(d, 2), ActionState::Dropped);
    step(&mut e, &mut s, "u", "↶ Undid: Dropped action #2");
    assert_eq!(action_state(d, 2), ActionState::Open);

    // Dropping and resolving the first off-track item (#1), below the
    // three commitments.
    step(
        &mut e,
        &mut s,
        "j j j D",
        "✓ Dropped off-track #1: Activation in first 30 days is off track",
    );
    assert_eq!(item_state(d, 1), ItemState::Dropped);
    step(&mut e, &mut s, "u", "↶ Undid: Dropped off-track #1");
    assert_eq!(item_state(d, 1), ItemState::Open);
    step(
        &mut e,
        &mut s,
        "x",
        "✓ Resolved off-track #1: Activation in first 30 days is off track",
    );
    assert_eq!(item_state(d, 1), ItemState::Resolved);
    step(&mut e, &mut s, "u", "↶ Undid: Resolved off-track #1");
    assert_eq!(item_state(d, 1), ItemState::Open);
    step(&mut e, &mut s, "ctrl-r", "↷ Redid: Resolved off-track #1");
    assert_eq!(item_state(d, 1), ItemState::Resolved);

    // Deleting the blocked dependency (#3) acts at once and names it.
    assert!(db(d).dependency(DependencyId(3)).unwrap().is_some());
    step(
        &mut e,
        &mut s,
        "tab D",
        "✓ Deleted dependency #3: Review of the new reseller terms",
    );
    assert!(db(d).dependency(DependencyId(3)).unwrap().is_none());
    assert!(s.board.deps.iter().all(|x| x.id != DependencyId(3)));
    step(
        &mut e,
        &mut s,
        "u",
        "↶ Undid: Deleted dependency #3: Review of the new reseller terms",
    );
    let back = db(d).dependency(DependencyId(3)).unwrap().unwrap();
    assert_eq!(back.what, "Review of the new reseller terms");

    // Deciding the first needed decision (#3), then withdrawing the other.
    step(
        &mut e,
        &mut s,
        // Past the plan's milestone stuck in decide, which comes first.
        r#"tab j e "Enterprise" enter"#,
        "✓ Decided #3: Which segment gets the Q1 outbound budget",
    );
    assert_eq!(decision_state(d, 3), DecisionState::Made);
    step(&mut e, &mut s, "u", "↶ Undid: Decided #3: Enterprise");
    assert_eq!(decision_state(d, 3), DecisionState::Needed);
    step(&mut e, &mut s, "ctrl-r", "↷ Redid: Decided #3: Enterprise");
    assert_eq!(decision_state(d, 3), DecisionState::Made);
    step(&mut e, &mut s, "u", "↶ Undid: Decided #3: Enterprise");
    step(
        &mut e,
        &mut s,
        "j W",
        "✓ Withdrew decision #2: Whether to sunset the free tier",
    );
    assert_eq!(decision_state(d, 2), DecisionState::Withdrawn);
    step(&mut e, &mut s, "u", "↶ Undid: Withdrew decision #2");
    assert_eq!(decision_state(d, 2), DecisionState::Needed);
}

#[test]
fn with_nothing_done_here_u_and_ctrl_r_say_so_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    let ops = db(dir.path()).operations(None, 10_000).unwrap().len();
    step(
        &mut e,
        &mut s,
        "u",
        "Nothing to undo: no change was made from this screen",
    );
    step(
        &mut e,
        &mut s,
        "ctrl-r",
        "Nothing to redo: no undo since this screen's last change",
    );
    assert_eq!(db(dir.path()).operations(None, 10_000).unwrap().len(), ops);

    // A new change after an undo leaves nothing to redo.
    tui::press(&mut e, &mut s, "m tab x u x");
    step(
        &mut e,
        &mut s,
        "ctrl-r",
        "Nothing to redo: no undo since this screen's last change",
    );
}

#[test]
fn a_change_made_elsewhere_on_top_is_named_and_nothing_is_undone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (mut e, mut s) = tui::demo(d);
    tui::press(&mut e, &mut s, "m tab x");
    assert_eq!(action_state(d, 2), ActionState::Done);
    // Someone reopens it from the command line.
    let mut other = db(d);
    other
        .apply(
            &[rhythm::domain::Change::SetActionState {
                action: ActionId(2),
                state: ActionState::Open,
            }],
            &rhythm::domain::Origin::new("cli", rhythm::domain::OpSource::Cli),
            tui::clock().now,
        )
        .unwrap();
    tui::press(&mut e, &mut s, "u");
    let (text, error) = said(&s);
    assert!(error, "{text}");
    assert!(text.starts_with("Not undone: "), "{text}");
    assert_eq!(action_state(d, 2), ActionState::Open);
}

#[test]
fn undoing_the_start_of_the_review_goes_home_and_u_in_a_form_is_typing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, r#"m tab a "u" bs "up""#);
    assert_eq!(s.form().unwrap().value("Title"), "up");
    tui::press(&mut e, &mut s, "esc");
    step(
        &mut e,
        &mut s,
        "u",
        "↶ Undid: Started the weekly review of 2026-W48",
    );
    assert_eq!(s.screen, Screen::Home);
    assert!(s.board.meeting.is_none());
    assert!(
        db(dir.path())
            .meeting_in(
                s.board.team.id,
                rhythm::domain::MeetingKind::Weekly,
                s.board.week
            )
            .unwrap()
            .is_none()
    );
}

#[test]
fn records_corrected_in_the_meeting_are_corrected_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (mut e, mut s) = tui::demo(d);
    tui::press(&mut e, &mut s, "m");

    // A plain action item from the scorecard, owner completed by Tab; a
    // bad date first is refused in the form and writes nothing.
    tui::press(
        &mut e,
        &mut s,
        r#"a "Call" space "Acme" tab "F" tab tab bs bs "xx" enter"#,
    );
    let error = s.form().unwrap().error.clone().unwrap();
    assert!(
        error.starts_with("Due: '2026-12-xx' is not a date"),
        "{error}"
    );
    let team = s.board.team.id;
    let count = |d: &Path| {
        db(d)
            .actions(team, &rhythm::storage::ActionFilter::default())
            .unwrap()
            .len()
    };
    let before = count(d);
    step(
        &mut e,
        &mut s,
        r#"bs bs "08" enter"#,
        "✓ Added action: Call Acme",
    );
    assert_eq!(count(d), before + 1);
    let added = s.board.recap.new_actions[0].clone();
    assert_eq!(added.title, "Call Acme");
    assert_eq!(added.owner.as_deref(), Some("Fay"));
    assert_eq!(added.due.unwrap().to_string(), "2026-12-08");

    // Edited in the wrap-up, where it is listed.
    step(
        &mut e,
        &mut s,
        r#"tab tab tab tab e space "today" enter"#,
        &format!("✓ Saved action #{}", added.id),
    );
    let stored = db(d).action(added.id).unwrap().unwrap();
    assert_eq!(stored.title, "Call Acme today");

    // Last week's commitment, edited from the off-track section.
    step(
        &mut e,
        &mut s,
        r#"p p p e tab bs bs bs "Ana" enter"#,
        "✓ Saved action #2",
    );
    assert_eq!(
        db(d).action(ActionId(2)).unwrap().unwrap().owner.as_deref(),
        Some("Ana")
    );

    // A dependency: its note added to, its date cleared.
    step(
        &mut e,
        &mut s,
        r#"tab e tab tab bs bs bs bs bs bs bs bs bs bs tab "." space "Chased" space "Legal" enter"#,
        "✓ Saved dependency #3",
    );
    let dep = db(d).dependency(DependencyId(3)).unwrap().unwrap();
    assert_eq!(
        dep.note.as_deref(),
        Some("Waiting for Legal's new counsel to start. Chased Legal")
    );
    assert_eq!(dep.needed_by, None);

    // The owner of the unowned needed decision (#2).
    step(
        &mut e,
        &mut s,
        r#"tab j j o "Ana" enter"#,
        "✓ Decision #2 is owned by Ana",
    );
    assert_eq!(
        db(d)
            .decision(DecisionId(2))
            .unwrap()
            .unwrap()
            .owner
            .as_deref(),
        Some("Ana")
    );

    // A made decision of the commitment lane needs approval: the form asks
    // who approved, refuses to save without, and the log keeps the name.
    tui::press(&mut e, &mut s, r#"j e space "(draft)" enter"#);
    let form = s.form().expect("the form stays open");
    assert!(form.error.is_some(), "{form:?}");
    // The focus is on the field in error: the approver is typed at once.
    assert_eq!(form.fields[form.focus].label, "Approved by");
    assert_eq!(
        db(d).decision(DecisionId(1)).unwrap().unwrap().title,
        "Cut the annual plan discount from 20% to 15%"
    );
    step(
        &mut e,
        &mut s,
        r#""Dee" enter"#,
        "✓ Saved decision #1, approved by Dee",
    );
    assert_eq!(
        db(d).decision(DecisionId(1)).unwrap().unwrap().title,
        "Cut the annual plan discount from 20% to 15% (draft)"
    );
    let history = db(d)
        .record_history(rhythm::domain::RecordRef {
            kind: "decision",
            id: 1,
        })
        .unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.op.approved_by.as_deref(), Some("Dee"));
    assert_eq!(last.op.author, "facilitator");
    assert_eq!(s.board.changes_of(DecisionId(1)).len(), 1, "shown under it");

    // A week's value emptied: asked, then cleared; u puts it back.
    tui::press(&mut e, &mut s, "p p p e bs enter");
    assert!(s.overlay.is_some(), "asks first");
    let measure = s.board.measures[0].id;
    let week = s.board.week;
    step(
        &mut e,
        &mut s,
        "y",
        "✓ Cleared Net revenue retention for 2026-W48",
    );
    assert_eq!(db(d).reading(measure, week).unwrap(), None);
    tui::press(&mut e, &mut s, "u");
    assert_eq!(
        db(d).reading(measure, week).unwrap().map(|r| r.value),
        Some(107.2)
    );
}

/// The cursor stays on the record a key acted on, though the list reorders:
/// `x` twice on a commitment marks it done and opens it again, never
/// touching its neighbour that moved under the cursor.
#[test]
fn the_cursor_follows_the_record_when_the_list_reorders() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (mut e, mut s) = tui::demo(d);
    tui::press(&mut e, &mut s, "m tab");
    let first = s.board.commitments[0].clone();
    assert_eq!(first.state, ActionState::Open);
    tui::press(&mut e, &mut s, "x");
    assert_eq!(action_state(d, first.id.0), ActionState::Done);
    let at = s.selected[rhythm::app::Section::OffTrack.slot()];
    assert_eq!(
        s.board.commitments[at].id, first.id,
        "the cursor moved with it"
    );
    let others: Vec<_> = s
        .board
        .commitments
        .iter()
        .filter(|c| c.id != first.id)
        .map(|c| (c.id, c.state))
        .collect();
    tui::press(&mut e, &mut s, "x");
    assert_eq!(action_state(d, first.id.0), ActionState::Open);
    for (id, state) in others {
        assert_eq!(action_state(d, id.0), state, "action #{id} was left alone");
    }
}

/// `rhythm undo` in a shell takes back this screen's last change: `u` then
/// says so and undoes nothing, instead of reaching back to the change
/// before it (here the start of the review, which would end the meeting);
/// a second `u` goes on to that one, as asked twice.
#[test]
fn a_change_undone_from_a_shell_is_said_and_u_takes_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (mut e, mut s) = tui::demo(d);
    tui::press(&mut e, &mut s, "m tab x");
    assert_eq!(action_state(d, 2), ActionState::Done);
    let mut other = db(d);
    let origin = rhythm::domain::Origin::new("cli", rhythm::domain::OpSource::Cli);
    let undone = other.undo(None, false, &origin, tui::clock().now).unwrap();
    assert_eq!(action_state(d, 2), ActionState::Open);
    tui::press(&mut e, &mut s, "u");
    let (text, error) = said(&s);
    assert!(error, "{text}");
    assert!(
        text.contains("was already undone elsewhere, by #")
            && text.contains(&format!("#{}", undone.op)),
        "{text}"
    );
    assert!(s.board.meeting.is_some(), "the review goes on");
    assert_eq!(s.screen, Screen::Meeting);
    step(
        &mut e,
        &mut s,
        "u",
        "↶ Undid: Started the weekly review of 2026-W48",
    );
}
