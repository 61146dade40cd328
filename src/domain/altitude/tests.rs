use super::*;
use crate::domain::brief::test_item;

fn brief() -> Brief {
    let mut objective = test_item(2, BriefKind::Objective, "Ten healthcare logos", "");
    objective.integrator = Some("Ana".into());
    let mut shows = test_item(4, BriefKind::Measure, "", "");
    shows.measure = Some("New MRR".into());
    shows.measure_id = Some(MeasureId(7));
    shows.objective = Some(BriefItemId(2));
    Brief {
        team: Some("Growth".into()),
        quarter: "2026-Q4".parse().unwrap(),
        items: vec![
            test_item(1, BriefKind::Choice, "Mid-market healthcare", ""),
            test_item(3, BriefKind::Choice, "Annual contracts", ""),
            objective,
            shows,
        ],
    }
}

fn work(kind: WorkKind, id: i64, owner: &str, serves: Option<i64>, now: bool) -> Work {
    Work {
        kind,
        id,
        title: format!("{} {id}", kind.word()),
        owner: (!owner.is_empty()).then(|| owner.to_string()),
        serves: serves.map(BriefItemId),
        now,
    }
}

#[test]
fn the_check_answers_the_readiness_test_from_the_links() {
    let b = brief();
    let all = vec![
        work(WorkKind::Initiative, 1, "Ana", Some(1), false),
        work(WorkKind::Milestone, 5, "Ben", Some(1), true),
        work(WorkKind::Measure, 7, "Eli", None, false),
        work(WorkKind::Measure, 8, "Eli", None, false),
        work(WorkKind::Initiative, 2, "Cy", None, false),
        work(WorkKind::Action, 9, "Cy", None, true),
        work(WorkKind::Decision, 3, "Ana", Some(2), true),
        // A decision under the second choice does not bring it down.
        work(WorkKind::Decision, 4, "Ana", Some(3), false),
    ];
    let check = check(&[&b], &all, |m| {
        if m == MeasureId(7) {
            Status::OffTrack
        } else {
            Status::OnTrack
        }
    });
    let ids = |lines: &[Line]| lines.iter().map(|l| l.id.0).collect::<Vec<_>>();
    assert_eq!(
        ids(&check.at_altitude),
        [3],
        "annual contracts has nothing under it"
    );
    assert_eq!(check.off_track.len(), 1);
    assert_eq!(check.off_track[0].measures, ["New MRR"]);
    // Measure 7 shows an objective in the brief: it is anchored unlinked.
    let loose: Vec<(WorkKind, i64)> = check.unanchored.iter().map(|w| (w.kind, w.id)).collect();
    assert_eq!(loose, [(WorkKind::Measure, 8), (WorkKind::Initiative, 2)]);
    let people: Vec<(&str, usize)> = check
        .people
        .iter()
        .map(|p| (p.person.as_str(), p.work.len()))
        .collect();
    assert_eq!(people, [("Ana", 1), ("Ben", 1)]);
    assert_eq!(check.people_without, ["Cy"]);
    let text = crate::formats::altitude::text(&check);
    assert!(
        text.contains("2 of 3 people with open work this week"),
        "{text}"
    );
    assert!(text.contains("  #3 Annual contracts"), "{text}");
    assert!(
        text.contains("milestone #5 milestone 5 → choice #1"),
        "{text}"
    );
}
