//! What a meeting did, read back from the log: its team's changes made in
//! its time and still in effect; what was undone is left out, and a change
//! undone then redone is said once.

use super::*;
use crate::domain::activity::{Event, Step};
use crate::domain::{OpSource, Origin};

both! {
fn a_meetings_activity_is_its_teams_changes_in_its_time_less_what_was_undone() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let churn = add_measure(&mut s, team, "Churn");
    let uptime = add_measure(&mut s, other, "Uptime");
    let start = later();
    let at = |minutes: i64| start + Duration::minutes(minutes);
    let reading = |measure, value: f64, note: Option<&str>| Change::RecordReading {
        measure,
        week: week("2026-W48"),
        value,
        note: note.map(str::to_string),
    };
    let origin = Origin::new("ana", OpSource::Tui);

    // Before the meeting, then corrected in it: one value, with the first.
    apply_at(&mut s, reading(churn, 5.0, None), at(-60));
    apply_at(&mut s, reading(churn, 6.0, Some("one lost")), at(5));
    apply_at(&mut s, reading(churn, 6.5, Some("two lost")), at(6));
    // Another team's change at the same time is not this meeting's.
    apply_at(&mut s, reading(uptime, 99.0, None), at(7));
    let action = |title: &str| {
        Change::AddAction(NewAction {
            team,
            title: title.into(),
            owner: None,
            due: None,
            source: ActionSource::Meeting,
            source_id: None,
        })
    };
    let call = ActionId(apply_at(&mut s, action("Call Acme"), at(10)));
    let mail = ActionId(apply_at(&mut s, action("Mail Bo"), at(10)));
    let done = Change::SetActionState {
        action: call,
        state: ActionState::Done,
    };
    apply_at(&mut s, done, at(11));
    s.undo(None, false, &origin, at(12)).unwrap();
    s.redo(&origin, at(13)).unwrap();
    let dropped = Change::SetActionState {
        action: mail,
        state: ActionState::Dropped,
    };
    apply_at(&mut s, dropped, at(14));
    s.undo(None, false, &origin, at(15)).unwrap();
    // After the meeting ended.
    apply_at(&mut s, reading(churn, 9.0, None), at(70));

    let activity = s.activity(team, start, at(60)).unwrap();
    assert_eq!(
        activity.events,
        [
            Event::Recorded {
                measure: "Churn".into(),
                unit: "%".into(),
                week: week("2026-W48"),
                value: 6.5,
                before: Some(5.0),
                note: Some("two lost".into()),
            },
            Event::Action {
                id: call.0,
                title: "Call Acme".into(),
                step: Step::Added(ActionState::Open),
            },
            Event::Action {
                id: mail.0,
                title: "Mail Bo".into(),
                step: Step::Added(ActionState::Open),
            },
            Event::Action {
                id: call.0,
                title: "Call Acme".into(),
                step: Step::Moved {
                    from: ActionState::Open,
                    to: ActionState::Done,
                },
            },
        ]
    );
    assert_eq!(
        activity.events[0].line(),
        "Churn 2026-W48: 6.5 % (was 5 %) — note: two lost"
    );
}
}
