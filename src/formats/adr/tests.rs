//! Unit tests for decision records and the export plan.

use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::domain::TeamId;
use crate::formats::slug::SLUG_MAX;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn decision(id: i64, title: &str, state: DecisionState) -> Decision {
    Decision {
        id: DecisionId(id),
        team_id: TeamId(1),
        title: title.into(),
        context: String::new(),
        options: Vec::new(),
        chosen: String::new(),
        owner: None,
        lane: Lane::Autonomy,
        state,
        due: None,
        made_at: None,
        meeting_id: None,
        supersedes: None,
        superseded_by: None,
        created_at: at("2026-10-01T09:00:00Z"),
    }
}

#[test]
fn titles_become_ascii_slugs() {
    assert_eq!(
        slug("Cut the annual plan discount from 20% to 15%"),
        "cut-the-annual-plan-discount-from-20-to-15"
    );
    assert_eq!(
        slug("  No deploys after 16:00 on Fridays! "),
        "no-deploys-after-16-00-on-fridays"
    );
    assert_eq!(
        slug("Café für Übersee — Straße"),
        "cafe-fur-ubersee-strasse"
    );
    // Every script has a name: the record is not `0003-decision.md`.
    assert_eq!(slug("Τιμές για το 2027"), "times-gia-to-2027");
    assert_eq!(slug("日本語 only"), "ri-ben-yu-only");
    assert_eq!(slug("Выбор поставщика"), "vybor-postavshchika");
    assert_eq!(slug("??"), "decision");
    assert_eq!(slug(""), "decision");
    let long = slug(&"word ".repeat(30));
    assert!(long.len() <= SLUG_MAX && long.ends_with("word"), "{long}");
    assert_eq!(slug(&"x".repeat(80)).len(), SLUG_MAX);
}

#[test]
fn file_names_carry_the_decision_number() {
    let d = decision(1, "Cut the annual plan discount", DecisionState::Made);
    assert_eq!(file_name(&d), "0001-cut-the-annual-plan-discount.md");
    let d = decision(12345, "Big", DecisionState::Made);
    assert_eq!(file_name(&d), "12345-big.md");
    assert_eq!(number_of("0001-cut-the-annual-plan-discount.md"), Some(1));
    assert_eq!(number_of("12345-big.md"), Some(12345));
    for other in [
        "README.md",
        "0001.md",
        "0001-.md",
        "-x.md",
        "0001-x.txt",
        "1a-x.md",
    ] {
        assert_eq!(number_of(other), None, "{other}");
    }
}

#[test]
fn a_made_decision_reads_as_an_accepted_record() {
    let mut d = decision(
        1,
        "Cut the annual plan discount from 20% to 15%",
        DecisionState::Made,
    );
    d.context = "Annual plans convert well.\n\nThe discount costs more\nthan the churn.".into();
    d.options = vec!["Keep 20%".into(), "Move to 15%".into()];
    d.chosen = "Move to 15% for new customers.".into();
    d.owner = Some("Ana".into());
    d.lane = Lane::Commitment;
    d.made_at = Some(at("2026-11-03T10:45:00Z"));
    let text = render("Growth", &d, &[]);
    assert!(text.starts_with(
            "\
# 1. Cut the annual plan discount from 20% to 15%

- Status: accepted
- Date: 2026-11-03
- Team: Growth
- Owner: Ana
- Lane: commitment

## Status

Accepted

## Context

Annual plans convert well.

The discount costs more
than the churn.

## Options considered

- Keep 20%
- Move to 15%

## Decision

Move to 15% for new customers.

## Consequences

Lane: commitment. It is tied to a target or a promise to customers, so changing it needs approval and leaves a change log: a new decision that supersedes this one.

<!-- rhythm decision #1: sha256 "
        ));
    assert!(text.ends_with("; written by `rhythm decision export`, which replaces this file on the next export unless it was edited since -->\n"), "{text}");
    assert_eq!(origin(&text, DecisionId(1)), Origin::Ours { edited: false });
    assert_eq!(origin(&text, DecisionId(11)), Origin::Foreign);
}

#[test]
fn needed_and_superseded_decisions_say_so_and_link_each_other() {
    let mut old = decision(4, "No deploys after 16:00", DecisionState::Superseded);
    old.made_at = Some(at("2026-10-27T10:45:00Z"));
    old.chosen = "No deploys after 16:00 on Fridays.".into();
    old.lane = Lane::Guardrail;
    old.superseded_by = Some(DecisionId(5));
    let mut new = decision(5, "Friday freeze for billing only", DecisionState::Made);
    new.made_at = Some(at("2026-11-17T10:45:00Z"));
    new.supersedes = Some(DecisionId(4));
    let all = [old.clone(), new.clone()];

    let text = render("Platform", &old, &all);
    assert!(text.contains("- Date: 2026-10-27\n"), "{text}");
    assert!(text.contains(
            "## Status\n\nSuperseded\n\nSuperseded by [5. Friday freeze for billing only](0005-friday-freeze-for-billing-only.md)\n"
        ), "{text}");
    assert!(text.contains("It no longer applies: [5. "), "{text}");
    assert!(text.contains("Lane: guardrail."), "{text}");

    let text = render("Platform", &new, &all);
    assert!(
        text.contains(
            "Accepted\n\nSupersedes [4. No deploys after 16:00](0004-no-deploys-after-16-00.md)\n"
        ),
        "{text}"
    );
    assert!(text.contains("It replaces [4. "), "{text}");
    // A related decision not in the export is named, not linked.
    assert!(render("Platform", &new, &[]).contains("Supersedes decision #4\n"));

    let mut needed = decision(7, "Choose a vendor", DecisionState::Needed);
    needed.due = Some(NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
    let text = render("Platform", &needed, &all);
    assert!(text.contains("- Status: proposed\n- Date: 2026-10-01\n- Team: Platform\n- Owner: no owner yet\n- Lane: autonomy\n- Due: 2026-12-04\n"), "{text}");
    assert!(text.contains("## Status\n\nProposed\n"), "{text}");
    assert!(text.contains("## Context\n\nNot recorded.\n"), "{text}");
    assert!(
        text.contains("## Options considered\n\nNone recorded.\n"),
        "{text}"
    );
    assert!(
        text.contains("Not made yet. It has no decision owner yet, by 2026-12-04.\n"),
        "{text}"
    );
    assert!(text.contains("Nothing changes until it is made."), "{text}");
}

#[test]
fn typed_text_cannot_become_markup() {
    let mut d = decision(3, "# Not a heading <b>", DecisionState::Made);
    d.context = "- not a list\n1. nor this\n---\n<!-- rhythm decision #3: fake -->".into();
    d.chosen = "Use `x` & *y*".into();
    d.owner = Some("[Ana](http://x)".into());
    let text = render("A|B", &d, &[]);
    assert!(
        text.starts_with("# 3. \\# Not a heading \\<b\\>\n"),
        "{text}"
    );
    assert!(
        text.contains("\\- not a list\n1\\. nor this\n\\---\n\\<!-- rhythm"),
        "{text}"
    );
    assert!(text.contains("Use \\`x\\` & \\*y\\*"), "{text}");
    assert!(
        text.contains("- Owner: \\[Ana\\](http://x)\n- Lane"),
        "{text}"
    );
    assert!(text.contains("- Team: A\\|B\n"), "{text}");
    // Only the real marker counts: the typed one was escaped.
    assert_eq!(text.matches("\n<!-- rhythm decision #3:").count(), 1);
}

fn record(id: i64, name: &str, text: &str) -> Record {
    Record {
        id: DecisionId(id),
        name: name.into(),
        text: text.into(),
    }
}

fn ours(id: i64, body: &str) -> String {
    plan::seal(DecisionId(id), body)
}

#[test]
fn the_plan_creates_keeps_updates_and_renames() {
    let records = [
        record(1, "0001-a.md", &ours(1, "A")),
        record(2, "0002-b.md", &ours(2, "B")),
        record(3, "0003-c-renamed.md", &ours(3, "C")),
        record(4, "0004-d.md", &ours(4, "D")),
    ];
    let existing = vec![
        ("0001-a.md".to_string(), ours(1, "A")),
        ("0002-b.md".to_string(), ours(2, "B before")),
        ("0003-c.md".to_string(), ours(3, "C")),
        // Someone else's record 4 under another title is left alone.
        ("0004-theirs.md".to_string(), "# 4. Theirs\n".to_string()),
        ("0009-other-team.md".to_string(), ours(9, "I")),
        ("README.md".to_string(), String::new()),
    ];
    assert_eq!(
        plan(&records, &existing, false),
        Ok(vec![
            Step::Keep("0001-a.md".into()),
            Step::Update("0002-b.md".into()),
            Step::Rename {
                from: vec!["0003-c.md".into()],
                to: "0003-c-renamed.md".into()
            },
            Step::Create("0004-d.md".into()),
        ])
    );
}

#[test]
fn the_plan_refuses_to_overwrite_a_file_it_did_not_write() {
    let records = [record(1, "0001-a.md", &ours(1, "A"))];
    let existing = vec![("0001-a.md".to_string(), "# 1. Hand written\n".to_string())];
    assert_eq!(
        plan(&records, &existing, false),
        Err("0001-a.md".to_string())
    );
    // Nor one written for another decision.
    let existing = vec![("0001-a.md".to_string(), ours(2, "B"))];
    assert_eq!(
        plan(&records, &existing, false),
        Err("0001-a.md".to_string())
    );
}

#[test]
fn the_status_line_uses_the_words_adr_tools_know() {
    for (state, word) in [
        (DecisionState::Needed, "proposed"),
        (DecisionState::Made, "accepted"),
        (DecisionState::Superseded, "superseded"),
        (DecisionState::Withdrawn, "rejected"),
    ] {
        let text = render("Growth", &decision(2, "Price", state), &[]);
        assert!(
            text.starts_with(&format!("# 2. Price\n\n- Status: {word}\n- Date: ")),
            "{text}"
        );
    }
}

#[test]
fn a_record_edited_by_hand_is_known_by_its_digest() {
    let id = DecisionId(2);
    let text = plan::seal(id, "# 2. Price\n\n- Status: accepted\n");
    assert_eq!(origin(&text, id), Origin::Ours { edited: false });
    // Line endings a checkout changed are not an edit.
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(origin(&crlf, id), Origin::Ours { edited: false });
    let edited = text.replace("accepted", "deprecated");
    assert_eq!(origin(&edited, id), Origin::Ours { edited: true });
    let appended = format!("{text}\nA note below.\n");
    assert_eq!(origin(&appended, id), Origin::Ours { edited: true });
    // A record written before markers carried a digest was promised to be
    // replaced, and is.
    let legacy = "# 2. Price\n\n<!-- rhythm decision #2: written by `rhythm decision export`; exporting again replaces this file -->\n";
    assert_eq!(origin(legacy, id), Origin::Ours { edited: false });
    assert_eq!(origin("# 2. Price\n", id), Origin::Foreign);
}

#[test]
fn the_plan_skips_records_edited_by_hand_unless_forced() {
    let records = [
        record(1, "0001-a.md", &ours(1, "A")),
        record(2, "0002-b-renamed.md", &ours(2, "B")),
        record(3, "0003-c.md", &ours(3, "C")),
    ];
    let edit = |text: String| text.replacen("before", "edited", 1);
    let existing = vec![
        ("0001-a.md".to_string(), edit(ours(1, "A before"))),
        ("0002-b.md".to_string(), edit(ours(2, "B before"))),
        ("0003-c.md".to_string(), ours(3, "C before")),
    ];
    assert_eq!(
        plan(&records, &existing, false),
        Ok(vec![
            Step::Skip(vec!["0001-a.md".into()]),
            Step::Skip(vec!["0002-b.md".into()]),
            Step::Update("0003-c.md".into()),
        ])
    );
    assert_eq!(
        plan(&records, &existing, true),
        Ok(vec![
            Step::Update("0001-a.md".into()),
            Step::Rename {
                from: vec!["0002-b.md".into()],
                to: "0002-b-renamed.md".into()
            },
            Step::Update("0003-c.md".into()),
        ])
    );
    // Forced, a file rhythm did not write is overwritten too.
    let theirs = vec![("0001-a.md".to_string(), "# 1. Hand written\n".to_string())];
    assert_eq!(
        plan(&records[..1], &theirs, true),
        Ok(vec![Step::Update("0001-a.md".into())])
    );
}
