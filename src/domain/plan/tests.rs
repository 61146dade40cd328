use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::*;

fn at(date: &str) -> DateTime<Utc> {
    let d: NaiveDate = date.parse().unwrap();
    d.and_hms_opt(9, 0, 0).unwrap().and_utc()
}

fn month(m: &str) -> Month {
    m.parse().unwrap()
}

fn milestone(id: i64, phase: Phase, since: DateTime<Utc>) -> Milestone {
    Milestone {
        id: MilestoneId(id),
        title: format!("milestone {id}"),
        owner: None,
        month: month("2026-12"),
        phase,
        phase_since: since,
        state: PlanState::Open,
        note: None,
        decision: None,
        decision_owner: None,
    }
}

fn initiative(id: i64, start: &str, end: Option<&str>, people: &[(&str, u8)]) -> Initiative {
    Initiative {
        id: InitiativeId(id),
        title: format!("initiative {id}"),
        owner: None,
        serves: None,
        start: month(start),
        end: end.map(month),
        state: PlanState::Open,
        note: None,
        people: people
            .iter()
            .map(|(p, s)| Share {
                person: p.to_string(),
                share: *s,
            })
            .collect(),
        milestones: Vec::new(),
    }
}

fn plan(initiatives: Vec<Initiative>) -> Plan {
    Plan {
        team: "Growth".into(),
        flex: 10,
        initiatives,
        draws: Vec::new(),
    }
}

#[test]
fn a_milestone_in_decide_past_seven_days_without_a_decision_owner_is_flagged() {
    let now = at("2026-12-02");
    let mut i = initiative(1, "2026-11", Some("2027-01"), &[]);
    i.milestones = vec![
        milestone(1, Phase::Decide, now - Duration::days(12)),
        // Seven days exactly is not yet "more than seven".
        milestone(2, Phase::Decide, now - Duration::days(7)),
        milestone(3, Phase::Build, now - Duration::days(30)),
        {
            let mut named = milestone(4, Phase::Decide, now - Duration::days(20));
            named.decision_owner = Some("Ana".into());
            named
        },
        {
            let mut done = milestone(5, Phase::Decide, now - Duration::days(20));
            done.state = PlanState::Done;
            done
        },
    ];
    let flags = plan(vec![i]).flags(now);
    assert_eq!(
        flags,
        vec![Flag::StuckInDecide {
            milestone: MilestoneId(1),
            title: "milestone 1".into(),
            initiative: "initiative 1".into(),
            days: 12,
        }]
    );
    assert_eq!(
        flags[0].line(),
        "#1 milestone 1 (initiative 1): in decide 12 days, no decision owner"
    );
}

#[test]
fn shares_add_up_per_month_against_what_the_flexible_pool_leaves() {
    let now = at("2026-12-02");
    // Ana: 60 + 40 = 100 in January, over the 90 a 10 % pool leaves; in
    // December only the first runs. Ben: 50 + 40 but never in one month.
    let p = plan(vec![
        initiative(1, "2026-12", Some("2027-02"), &[("Ana", 60), ("Ben", 50)]),
        initiative(2, "2027-01", Some("2027-03"), &[("Ana", 40)]),
        initiative(3, "2027-03", Some("2027-03"), &[("Ben", 40)]),
    ]);
    assert_eq!(p.load("Ana", month("2026-12")), 60);
    assert_eq!(p.load("Ana", month("2027-01")), 100);
    assert_eq!(
        p.flags(now),
        vec![Flag::OverAllocated {
            person: "Ana".into(),
            month: month("2027-01"),
            total: 100,
            limit: 90,
        }]
    );
    // A closed initiative holds nobody's time.
    let mut closed = p.clone();
    closed.initiatives[1].state = PlanState::Closed;
    assert!(closed.flags(now).is_empty());
}

#[test]
fn an_initiative_without_an_end_or_past_it_is_flagged_and_so_is_an_unwritten_post_mortem() {
    let now = at("2026-12-02");
    let mut p = plan(vec![
        initiative(1, "2026-10", None, &[]),
        initiative(2, "2026-09", Some("2026-11"), &[]),
        initiative(3, "2026-09", Some("2026-12"), &[]),
    ]);
    p.draws = vec![
        FlexDraw {
            id: FlexDrawId(1),
            why: "outage".into(),
            on: "2026-11-20".parse().unwrap(),
            post_mortem: None,
        },
        FlexDraw {
            id: FlexDrawId(2),
            why: "audit".into(),
            on: "2026-11-10".parse().unwrap(),
            post_mortem: Some(PostMortem {
                what: "w".into(),
                factors: "f".into(),
                change: "c".into(),
            }),
        },
    ];
    let lines: Vec<String> = p.flags(now).iter().map(Flag::line).collect();
    assert_eq!(
        lines,
        [
            "#1 initiative 1: no end month",
            "#2 initiative 2: past its end (2026-11) and still open",
            "flex draw #1 on 2026-11-20 (outage): post-mortem not written",
        ]
    );
}

#[test]
fn spans_shares_and_pools_are_checked() {
    assert!(check_span(month("2026-12"), Some(month("2026-11"))).is_err());
    assert!(check_span(month("2026-12"), Some(month("2026-12"))).is_ok());
    assert!(check_share(100).is_ok());
    assert_eq!(
        check_share(120).unwrap_err().to_string(),
        "'120 %' is not a share of someone's time: use 0 to 100 (0 takes them off)"
    );
    assert!(check_flex(15).is_ok());
    assert!(check_flex(51).is_err());
}
