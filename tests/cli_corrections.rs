//! Correcting records from the command line, run in-process through
//! `cli::main_with`, with the database checked through the library after
//! each command, and unchanged after each refusal.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::ffi::OsString;
use std::process::ExitCode;

use common::{Sandbox, TODAY, digest, json, shell_words};
use rhythm::clock::Clock;
use rhythm::domain::{
    ActionState, Change, DecisionState, DepStatus, ItemState, Lane, MeasureId, MeetingKind, Week,
};
use rhythm::storage::{ActionFilter, DecisionFilter, Store};

/// A sandbox with Growth and its three measures, driven in-process.
struct Cli {
    sandbox: Sandbox,
}

impl Cli {
    fn new() -> Cli {
        let cli = Cli {
            sandbox: Sandbox::new(),
        };
        cli.ok("init --team Growth");
        cli.ok("measure add 'Net revenue retention' --owner Ana --unit % --target 110");
        cli.ok("measure add 'Pipeline coverage' --owner Cy --unit x --range 3..5");
        cli
    }

    /// `rhythm --db team.db LINE`: (exit code, stdout, stderr).
    fn run(&self, line: &str) -> (u8, String, String) {
        let mut args: Vec<OsString> = vec!["rhythm".into(), "--db".into()];
        args.push(self.sandbox.db().into_os_string());
        args.extend(shell_words(line).into_iter().map(OsString::from));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut ctx = rhythm::cli::Ctx {
            env_user: Some("ana".into()),
            ..rhythm::cli::Ctx::new(&mut out, &mut err, Clock::pinned(TODAY).unwrap())
        };
        let code = rhythm::cli::main_with(args, &mut ctx);
        let code = (0..=2u8)
            .find(|c| ExitCode::from(*c) == code)
            .expect("exit code 0, 1 or 2");
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    fn ok(&self, line: &str) -> String {
        let (code, out, err) = self.run(line);
        assert_eq!(
            (code, err.as_str()),
            (0, ""),
            "rhythm {line}; stdout:\n{out}"
        );
        out
    }

    /// Expects exit `code`, nothing on stdout, one line on stderr, and
    /// nothing written; returns the line.
    fn fails(&self, code: u8, line: &str) -> String {
        let before = self.digest();
        let (got, out, err) = self.run(line);
        assert_eq!(got, code, "exit code of rhythm {line}: {err}");
        assert_eq!(out, "", "stdout of failing rhythm {line}");
        assert!(
            err.ends_with('\n') && err.lines().count() == 1,
            "stderr of rhythm {line} is not one line: {err:?}"
        );
        assert_eq!(self.digest(), before, "rhythm {line} wrote before failing");
        err.trim_end().to_string()
    }

    fn digest(&self) -> String {
        digest(&self.sandbox.db())
    }

    fn store(&self) -> Store {
        self.sandbox.store()
    }

    fn growth(&self) -> rhythm::domain::TeamId {
        self.sandbox.team("Growth").id
    }
}

fn week(s: &str) -> Week {
    s.parse().unwrap()
}

// ---------------------------------------------------------------------------
// Readings

#[test]
fn record_keeps_the_note_unless_given_and_clear_makes_the_week_missing() {
    let t = Cli::new();
    let nrr = MeasureId(1);
    let reading = |t: &Cli| t.store().reading(nrr, week("2026-W48")).unwrap();
    t.ok("record 'Net revenue retention' 104 --note 'two churned accounts'");
    assert_eq!(
        t.ok("record 'net revenue retention' 105"),
        "Replaced Net revenue retention for 2026-W48: 104 % → 105 % (▲ at risk)\n"
    );
    let r = reading(&t).unwrap();
    assert_eq!(
        (r.value, r.note.as_deref()),
        (105.0, Some("two churned accounts"))
    );
    t.ok("record 'Net revenue retention' 106 --note 'one came back'");
    assert_eq!(reading(&t).unwrap().note.as_deref(), Some("one came back"));
    t.ok("record 'Net revenue retention' 107 --note ''");
    let r = reading(&t).unwrap();
    assert_eq!((r.value, r.note), (107.0, None));

    t.ok("record 'Net revenue retention' 99 --week 2026-W47");
    assert_eq!(
        t.ok("record 'Net revenue retention' --clear"),
        "Cleared Net revenue retention for 2026-W48 (was 107 %): the week is missing again\n"
    );
    assert_eq!(reading(&t), None);
    assert!(t.store().reading(nrr, week("2026-W47")).unwrap().is_some());

    assert_eq!(
        t.fails(1, "record 'Net revenue retention' --clear"),
        "error: Net revenue retention has no value for 2026-W48 to clear"
    );
    assert!(
        t.fails(2, "record 'Net revenue retention' 5 --clear")
            .contains("cannot be used with '--clear'")
    );
    assert!(
        t.fails(2, "record 'Net revenue retention' --clear --note x")
            .contains("cannot be used with")
    );
    assert!(
        t.fails(2, "record 'Net revenue retention'")
            .contains("<VALUE>")
    );
    assert!(t.fails(1, "record Nope --clear").contains("'Nope'"));
}

// ---------------------------------------------------------------------------
// Action and off-track items

#[test]
fn actions_are_edited_and_reopened() {
    let t = Cli::new();
    t.ok("action add 'Call the renewals' --owner Ana --due 2026-11-30");
    assert_eq!(
        t.ok("action edit 1 --title 'Call every renewal' --owner bo --due 2026-12-04"),
        "Updated action #1: Call every renewal (bo, due 2026-12-04)\n"
    );
    t.ok("action edit #1 --owner Ana");
    let a = t
        .store()
        .action(rhythm::domain::ActionId(1))
        .unwrap()
        .unwrap();
    assert_eq!(a.title, "Call every renewal");
    assert_eq!(a.owner.as_deref(), Some("Ana"));
    assert_eq!(a.due.unwrap().to_string(), "2026-12-04");

    t.ok("action done 1");
    assert_eq!(
        t.ok("action reopen 1"),
        "Reopened action #1: Call every renewal\n"
    );
    let a = t
        .store()
        .action(rhythm::domain::ActionId(1))
        .unwrap()
        .unwrap();
    assert_eq!((a.state, a.closed_at), (ActionState::Open, None));

    assert_eq!(
        t.fails(1, "action reopen 1"),
        "error: action item #1 is already open"
    );
    assert_eq!(
        t.fails(1, "action edit 99 --title x"),
        "error: there is no action item #99 in Growth"
    );
    assert_eq!(
        t.fails(1, "action reopen 99"),
        "error: there is no action item #99 in Growth"
    );
    assert!(
        t.fails(2, "action edit 1")
            .starts_with("error: nothing to change")
    );
    assert!(
        t.fails(2, "action edit 1 --due 2026-13-01")
            .contains("'2026-13-01'")
    );
    assert!(t.fails(2, "action edit one --title x").contains("'one'"));
    assert_eq!(
        t.fails(1, "action edit 1 --title ' '"),
        "error: action title cannot be empty"
    );
}

#[test]
fn offtrack_items_are_edited_without_touching_action_items_and_reopened() {
    let t = Cli::new();
    t.ok("offtrack add 'NRR low' --owner Ana --why churn --change 'call accounts'");
    assert_eq!(
        t.ok("offtrack edit 1 --title 'NRR below plan' --owner Bo --why 'two churned' --change 'call all'"),
        "Updated off-track item #1: NRR below plan\n"
    );
    let item = t
        .store()
        .offtrack_item(rhythm::domain::OffTrackId(1))
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            item.title.as_str(),
            item.owner.as_deref(),
            item.why.as_str(),
            item.change.as_str()
        ),
        ("NRR below plan", Some("Bo"), "two churned", "call all")
    );
    let actions = t
        .store()
        .actions(t.growth(), &ActionFilter::default())
        .unwrap();
    assert_eq!(actions, vec![], "editing an item creates no action item");

    t.ok("offtrack resolve 1");
    assert_eq!(
        t.ok("offtrack reopen 1"),
        "Reopened off-track item #1: NRR below plan\n"
    );
    assert_eq!(
        t.store()
            .offtrack_items(t.growth(), &[ItemState::Open])
            .unwrap()
            .len(),
        1
    );

    assert_eq!(
        t.fails(1, "offtrack reopen 1"),
        "error: off-track item #1 is already open"
    );
    assert_eq!(
        t.fails(1, "offtrack edit 7 --why x"),
        "error: there is no off-track item #7 in Growth"
    );
    assert!(
        t.fails(2, "offtrack edit 1")
            .starts_with("error: nothing to change")
    );
}

// ---------------------------------------------------------------------------
// Dependencies

#[test]
fn dependencies_are_edited_and_deleted_from_both_teams() {
    let t = Cli::new();
    t.ok("team add Platform");
    t.ok(
        "--team Growth dep add SSO --to Platform --owner Bo --needed-by 2026-12-10 --note waiting",
    );
    assert_eq!(
        t.ok("dep edit 1 --what 'SSO for trials' --to Legal --owner Cy --clear-needed-by --clear-note"),
        "Updated dependency #1: Growth needs SSO for trials from Legal\n"
    );
    let d = t
        .store()
        .dependency(rhythm::domain::DependencyId(1))
        .unwrap()
        .unwrap();
    assert_eq!(d.what, "SSO for trials");
    assert_eq!((d.providing.id, d.providing.name.as_str()), (None, "Legal"));
    assert_eq!(d.owner.as_deref(), Some("Cy"));
    assert_eq!((d.needed_by, d.note), (None, None));
    assert_eq!(d.status, DepStatus::OnTrack);

    t.ok("dep edit 1 --from Platform --to Growth --needed-by 2026-12-20 --note 'on the plan'");
    let d = t
        .store()
        .dependency(rhythm::domain::DependencyId(1))
        .unwrap()
        .unwrap();
    assert_eq!(d.needing.name, "Platform");
    assert_eq!(d.providing.name, "Growth");
    assert_eq!(d.needed_by.unwrap().to_string(), "2026-12-20");
    assert_eq!(d.note.as_deref(), Some("on the plan"));

    assert_eq!(
        t.fails(1, "dep edit 1 --from Finance --to Legal"),
        "error: neither 'Finance' nor 'Legal' is a team in this database: one side of a dependency must be"
    );
    assert!(
        t.fails(2, "dep edit 1 --note x --clear-note")
            .contains("cannot be used with")
    );
    assert!(
        t.fails(2, "dep edit 1")
            .starts_with("error: nothing to change")
    );
    assert_eq!(
        t.fails(1, "dep edit 9 --what x"),
        "error: there is no dependency #9"
    );

    let platform = t.sandbox.team("Platform").id;
    assert_eq!(t.store().dependencies(platform, true).unwrap().len(), 1);
    assert_eq!(
        t.ok("dep delete 1"),
        "Deleted dependency #1: Platform needs SSO for trials from Growth\n"
    );
    assert_eq!(t.store().dependencies(platform, true).unwrap(), vec![]);
    assert_eq!(t.store().dependencies(t.growth(), true).unwrap(), vec![]);
    assert_eq!(
        t.fails(1, "dep delete 1"),
        "error: there is no dependency #1"
    );
}

// ---------------------------------------------------------------------------
// Decisions

#[test]
fn decisions_are_edited_assigned_and_withdrawn() {
    let t = Cli::new();
    t.ok("decision add 'Pricing' --needed --context 'churn is rising'");
    t.ok("decision add 'Rota' --chosen weekly --option weekly --option daily");
    t.ok(
        "decision edit 1 --title 'SMB pricing' --lane commitment --due 2026-12-04 --option raise --option hold",
    );
    assert_eq!(
        t.ok("decision edit 2 --chosen 'weekly rotation' --context 'tier-2 load'"),
        "Updated decision #2 (made): Rota\n"
    );
    assert_eq!(
        t.ok("decision assign 1 ana"),
        "Decision #1 (SMB pricing) is owned by Ana\n"
    );
    let get = |id| {
        t.store()
            .decision(rhythm::domain::DecisionId(id))
            .unwrap()
            .unwrap()
    };
    let d = get(1);
    assert_eq!(
        (
            d.title.as_str(),
            d.lane,
            d.owner.as_deref(),
            d.options.clone()
        ),
        (
            "SMB pricing",
            Lane::Commitment,
            Some("Ana"),
            vec!["raise".to_string(), "hold".into()]
        )
    );
    assert_eq!(d.due.unwrap().to_string(), "2026-12-04");
    let d = get(2);
    assert_eq!(
        (d.chosen.as_str(), d.context.as_str()),
        ("weekly rotation", "tier-2 load")
    );

    assert_eq!(
        t.fails(1, "decision edit 2 --due 2026-12-04"),
        "error: decision #2 is made: only a needed decision has a due date"
    );
    assert_eq!(
        t.fails(1, "decision edit 1 --chosen go"),
        "error: decision #1 is needed: only a decision made has a chosen approach"
    );
    assert!(
        t.fails(2, "decision edit 1")
            .starts_with("error: nothing to change")
    );
    assert!(
        t.fails(2, "decision edit 1 --lane sideways")
            .contains("'sideways'")
    );
    assert_eq!(
        t.fails(1, "decision assign 9 Ana"),
        "error: there is no decision #9 in Growth"
    );
    assert_eq!(
        t.fails(1, "decision withdraw 2"),
        "error: decision #2 is made: only a needed decision can be withdrawn"
    );

    assert_eq!(
        t.ok("decision withdraw 1 --why 'the market moved'"),
        "Withdrew decision #1: SMB pricing\n"
    );
    let d = get(1);
    assert_eq!(d.state, DecisionState::Withdrawn);
    assert_eq!(d.context, "churn is rising\nWithdrawn: the market moved");
    assert_eq!(
        t.fails(1, "decision withdraw 1"),
        "error: decision #1 is withdrawn: only a needed decision can be withdrawn"
    );

    // Listed only when asked for, in JSON too.
    assert!(!t.ok("decision list").contains("SMB pricing"));
    let listed = json(&t.ok("decision list --state withdrawn --json"));
    assert_eq!(listed[0]["state"], "withdrawn");
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(
        t.fails(2, "decision list --state gone")
            .contains("withdrawn")
    );
}

#[test]
fn a_withdrawn_decision_survives_export_import_and_shows_in_its_record() {
    let t = Cli::new();
    t.ok("decision add 'Pricing' --needed");
    t.ok("decision withdraw 1");
    let export = t.sandbox.path("all.json");
    t.ok(&format!("export --out {}", export.display()));
    let copy = Sandbox::new();
    let out = copy.raw(&format!("--db copy.db import {}", export.display()));
    assert_eq!(out.code, 0, "{out:?}");
    let store = copy.path("copy.db");
    let store = Store::open(&store, rhythm::storage::OpenMode::MustExist).unwrap();
    let team = common::team(&store, "Growth").id;
    let decisions = store.decisions(team, &DecisionFilter::default()).unwrap();
    assert_eq!(decisions[0].state, DecisionState::Withdrawn);

    let dir = t.sandbox.path("adr");
    std::fs::create_dir(&dir).unwrap();
    t.ok(&format!("decision export --adr {}", dir.display()));
    let record = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(record).unwrap();
    assert!(text.contains("## Status\n\nWithdrawn"), "{text}");
}

// ---------------------------------------------------------------------------
// People and teams

#[test]
fn people_are_listed_by_what_they_own_renamed_and_merged() {
    let t = Cli::new();
    t.ok("action add Call --owner Bo");
    // Dee only attended a meeting, with Bo.
    let mut s = t.store();
    let team = t.growth();
    s.apply(
        &[Change::AddMeeting(rhythm::domain::change::NewMeeting {
            team,
            kind: MeetingKind::Monthly,
            week: week("2026-W48"),
            started_at: Clock::pinned(TODAY).unwrap().now,
            ended_at: None,
            current_section: 0,
            sections: Vec::new(),
            attendees: vec!["Dee".into(), "Bo".into()],
            rating: None,
            snapshot: None,
            health: Default::default(),
        })],
        &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
        Clock::pinned(TODAY).unwrap().now,
    )
    .unwrap();
    drop(s);

    assert_eq!(t.ok("person list"), "Ana\nBo\nCy\n");
    assert_eq!(t.ok("person list --all"), "Ana\nBo\nCy\nDee\n");
    let listed = json(&t.ok("person list --json"));
    assert_eq!(listed.as_array().unwrap().len(), 3);

    assert_eq!(
        t.ok("person rename cy 'Cy Okafor'"),
        "Renamed Cy to Cy Okafor\n"
    );
    assert_eq!(
        t.ok("person rename Bo dee"),
        "Merged Bo into Dee: everything Bo owned or attended is now Dee's\n"
    );
    assert_eq!(t.ok("person list --all"), "Ana\nCy Okafor\nDee\n");
    let actions = t
        .store()
        .actions(t.growth(), &ActionFilter::default())
        .unwrap();
    assert_eq!(actions[0].owner.as_deref(), Some("Dee"));
    let measures = t.store().measures(t.growth(), false).unwrap();
    assert_eq!(measures[1].owner.as_deref(), Some("Cy Okafor"));
    let meetings = t.store().meetings(t.growth()).unwrap();
    let monthly = meetings
        .iter()
        .find(|m| m.kind == MeetingKind::Monthly)
        .unwrap();
    assert_eq!(monthly.attendees, vec!["Dee".to_string()]);

    assert!(
        t.fails(1, "person rename Zed Ana")
            .starts_with("error: unknown person 'Zed'")
    );
    assert_eq!(
        t.fails(1, "person rename Ana ' '"),
        "error: person name cannot be empty"
    );
}

#[test]
fn a_team_is_deleted_only_with_yes_and_takes_everything_of_it() {
    let t = Cli::new();
    t.ok("team add Platform");
    t.ok("--team Platform measure add Uptime --owner Ana --target 99.9");
    t.ok("--team Platform record Uptime 99.95");
    t.ok("--team Growth record 'Net revenue retention' 104");
    t.ok("--team Growth action add Call --owner Bo");
    t.ok("--team Growth decision add Pricing --needed");
    t.ok("--team Growth offtrack add 'NRR low' --owner Ana");
    t.ok("--team Growth dep add SSO --to Platform --owner Bo");
    t.ok("--team Platform dep add DPA --to Legal --owner Ana");

    assert_eq!(
        t.fails(1, "team delete growth"),
        "error: deleting the team Growth would also delete 2 measures, 1 reading, 1 off-track item, 1 action item, 1 dependency, 1 decision; add --yes to delete it"
    );
    assert_eq!(
        t.fails(1, "team delete Sales --yes"),
        "error: unknown team 'Sales' in this database: the teams are 'Growth', 'Platform'"
    );
    assert_eq!(
        t.ok("team delete growth --yes"),
        "Deleted the team Growth and 2 measures, 1 reading, 1 off-track item, 1 action item, 1 dependency, 1 decision\n"
    );
    let store = t.store();
    let teams: Vec<String> = store.teams().unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(teams, vec!["Platform"]);
    let platform = t.sandbox.team("Platform").id;
    let deps = store.dependencies(platform, true).unwrap();
    assert_eq!(deps.len(), 1);
    assert_eq!(deps[0].what, "DPA");
    assert_eq!(store.measures(platform, false).unwrap().len(), 1);
    let f = store.team_footprint(platform).unwrap();
    assert_eq!((f.measures, f.readings, f.dependencies), (1, 1, 1));
    assert!(
        t.ok("check").contains("ok"),
        "the links between records hold"
    );
}

// ---------------------------------------------------------------------------
// Meetings

fn start(t: &Cli, w: &str) -> i64 {
    let mut s = t.store();
    s.apply(
        &[Change::StartMeeting {
            team: t.growth(),
            kind: MeetingKind::Weekly,
            week: week(w),
        }],
        &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
        Clock::pinned(&week(w).monday().to_string()).unwrap().now,
    )
    .unwrap()
    .id
}

#[test]
fn a_meeting_left_open_is_ended_with_its_weeks_scorecard_and_minutes() {
    let t = Cli::new();
    assert_eq!(
        t.fails(1, "meeting end"),
        "error: Growth has no open meeting"
    );
    t.ok("record 'Net revenue retention' 98 --week 2026-W47");
    t.ok("record 'Net revenue retention' 120");
    let old = start(&t, "2026-W47");
    let current = start(&t, "2026-W48");

    let out = t.ok("meeting end");
    let uid = t
        .store()
        .meeting_uid(rhythm::domain::MeetingId(old))
        .unwrap()
        .unwrap();
    let file = t
        .sandbox
        .path("minutes")
        .join(format!("growth-2026-W47-{}.md", &uid[..8]));
    assert_eq!(
        out,
        format!(
            "Ended meeting #{old} (weekly review 2026-W47); minutes written to {}\n",
            file.display()
        )
    );
    let m = t
        .store()
        .meeting(rhythm::domain::MeetingId(old))
        .unwrap()
        .unwrap();
    assert!(!m.is_open());
    let snapshot = m.snapshot.unwrap();
    assert_eq!(snapshot.week, week("2026-W47"));
    assert_eq!(
        snapshot.measures[0].value,
        Some(98.0),
        "the value of its week"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with(m.minutes.as_deref().unwrap().trim_end()));
    assert!(
        text.starts_with("# Growth — weekly review 2026-W47\n"),
        "{text}"
    );

    // Then only this week's is open: it is the default.
    assert_eq!(
        t.fails(1, &format!("meeting end --meeting {old}")),
        format!("error: meeting #{old} has already ended")
    );
    assert_eq!(
        t.fails(1, "meeting end --meeting 99"),
        "error: there is no meeting #99"
    );
    assert!(
        t.ok("meeting end")
            .contains(&format!("#{current} (weekly review 2026-W48)"))
    );
    assert_eq!(
        t.fails(1, "meeting end"),
        "error: Growth has no open meeting"
    );
}

#[test]
fn two_meetings_left_open_earlier_must_be_chosen() {
    let t = Cli::new();
    let a = start(&t, "2026-W46");
    let b = start(&t, "2026-W47");
    assert_eq!(
        t.fails(1, "meeting end"),
        format!(
            "error: Growth has 2 meetings left open from earlier weeks (#{b} (2026-W47), #{a} (2026-W46)): choose one with --meeting"
        )
    );
    t.ok(&format!("meeting end --meeting {a}"));
    assert!(t.ok("meeting end").contains(&format!("#{b} ")));
}

#[test]
fn a_meeting_named_by_its_number_needs_no_team() {
    let t = Cli::new();
    let id = start(&t, "2026-W47");
    t.ok("team add Platform");
    // Two teams: a bare `meeting end` must be told which; a number is enough.
    assert!(t.fails(1, "meeting end").contains("--team"));
    assert!(
        t.ok(&format!("meeting end --meeting {id}"))
            .starts_with(&format!("Ended meeting #{id}"))
    );
    t.ok(&format!("meeting rate {id} 8"));
    assert_eq!(
        t.fails(1, &format!("--team Platform meeting rate {id} 8")),
        format!("error: there is no meeting #{id} in Platform")
    );
}

#[test]
fn a_meeting_is_rated_open_or_ended() {
    let t = Cli::new();
    let id = start(&t, "2026-W47");
    assert_eq!(
        t.ok(&format!("meeting rate {id} 7")),
        format!("Rated meeting #{id} (weekly review 2026-W47) 7/10\n")
    );
    t.ok("meeting end");
    t.ok(&format!("meeting rate {id} 9"));
    let m = t
        .store()
        .meeting(rhythm::domain::MeetingId(id))
        .unwrap()
        .unwrap();
    assert_eq!(m.rating, Some(9));

    assert!(
        t.fails(2, &format!("meeting rate {id} 11"))
            .contains("'11'")
    );
    assert!(t.fails(2, &format!("meeting rate {id} 0")).contains("'0'"));
    assert_eq!(
        t.fails(1, "meeting rate 42 5"),
        "error: there is no meeting #42"
    );
    assert_eq!(
        t.fails(1, "--team Growth meeting rate 42 5"),
        "error: there is no meeting #42 in Growth"
    );
    assert!(t.fails(2, "meeting frobnicate").contains("'frobnicate'"));
}
