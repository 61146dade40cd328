//! Decisions as architecture decision records: one CommonMark file per
//! decision in the shape adr-tools and its readers know (a numbered title on
//! the first line, then Status, Context, Options considered, Decision and
//! Consequences), named `0001-slugified-title.md` by the decision's number so
//! that exporting again lands on the same files. Also the plan that turns
//! what a folder holds into what to write, keep and rename. Pure: no files,
//! no clock; the CLI does the reading and writing.

use crate::domain::{Decision, DecisionId, DecisionState, Lane};

use super::markdown::escape as md;

/// The file a decision is written to: its number, four digits at least,
/// then its title as a slug.
pub fn file_name(d: &Decision) -> String {
    format!("{:04}-{}.md", d.id.0, slug(&d.title))
}

/// A decision title as a file-name word (see [`super::slug::file_slug`]).
pub fn slug(title: &str) -> String {
    super::slug::file_slug(title, "decision")
}

/// The decision number a file name starts with: `0007-anything.md` → 7.
pub fn number_of(file_name: &str) -> Option<i64> {
    let stem = file_name.strip_suffix(".md")?;
    let (number, rest) = stem.split_once('-')?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || rest.is_empty() {
        return None;
    }
    number.parse().ok()
}

/// The last line of every record: an HTML comment (invisible once rendered)
/// by which a later export knows the file is its own to replace or rename.
fn marker(id: DecisionId) -> String {
    format!(
        "<!-- rhythm decision #{id}: written by `rhythm decision export`; exporting again replaces this file -->"
    )
}

/// Whether `text` is a record this export wrote for decision `id`.
pub fn is_record_of(text: &str, id: DecisionId) -> bool {
    let prefix = format!("<!-- rhythm decision #{id}:");
    text.lines().any(|l| l.starts_with(&prefix))
}

/// One decision as a record. `related` holds the decisions it may supersede
/// or be superseded by (the team's decisions), for their titles and files.
/// Nothing here depends on the day it runs, so an export of unchanged
/// decisions writes the same bytes.
pub fn render(team: &str, d: &Decision, related: &[Decision]) -> String {
    let find = |id: DecisionId| related.iter().find(|r| r.id == id);
    let link = |id: DecisionId| match find(id) {
        Some(r) => format!("[{}. {}]({})", r.id, md(&r.title), file_name(r)),
        None => format!("decision #{id}"),
    };
    let mut out = format!("# {}. {}\n\n", d.id, md(&d.title));

    let date = match d.state {
        DecisionState::Needed | DecisionState::Withdrawn => d.created_at,
        DecisionState::Made | DecisionState::Superseded => d.made_at.unwrap_or(d.created_at),
    };
    out.push_str(&format!("- Date: {}\n", date.date_naive()));
    out.push_str(&format!("- Team: {}\n", md(team)));
    let owner = d.owner.as_deref().map_or("no owner yet".to_string(), md);
    out.push_str(&format!("- Owner: {owner}\n"));
    out.push_str(&format!("- Lane: {}\n", d.lane));
    if let (DecisionState::Needed, Some(due)) = (d.state, d.due) {
        out.push_str(&format!("- Due: {due}\n"));
    }

    out.push_str("\n## Status\n\n");
    out.push_str(match d.state {
        DecisionState::Needed => "Proposed\n",
        DecisionState::Made => "Accepted\n",
        DecisionState::Superseded => "Superseded\n",
        DecisionState::Withdrawn => "Withdrawn: it is no longer needed\n",
    });
    if let Some(by) = d.superseded_by {
        out.push_str(&format!("\nSuperseded by {}\n", link(by)));
    }
    if let Some(old) = d.supersedes {
        out.push_str(&format!("\nSupersedes {}\n", link(old)));
    }

    out.push_str("\n## Context\n\n");
    out.push_str(&block(&d.context, "Not recorded."));

    out.push_str("\n## Options considered\n\n");
    let options: Vec<String> = d.options.iter().map(|o| md(o)).collect();
    if options.iter().all(String::is_empty) {
        out.push_str("None recorded.\n");
    }
    for o in options.iter().filter(|o| !o.is_empty()) {
        out.push_str(&format!("- {o}\n"));
    }

    out.push_str("\n## Decision\n\n");
    if d.state == DecisionState::Needed {
        let who = d
            .owner
            .as_deref()
            .map_or("It has no decision owner yet".to_string(), |o| {
                format!("{} is to make it", md(o))
            });
        let due = d.due.map(|x| format!(", by {x}")).unwrap_or_default();
        out.push_str(&format!("Not made yet. {who}{due}.\n"));
    } else if d.state == DecisionState::Withdrawn {
        out.push_str("Not made: it was withdrawn.\n");
    } else {
        out.push_str(&block(&d.chosen, "Not recorded."));
    }

    out.push_str("\n## Consequences\n\n");
    if let Some(by) = d.superseded_by {
        out.push_str(&format!(
            "It no longer applies: {} replaced it.\n\n",
            link(by)
        ));
    }
    if d.state == DecisionState::Needed {
        out.push_str("Nothing changes until it is made.\n\n");
    }
    if d.state == DecisionState::Withdrawn {
        out.push_str("Nothing changes: it was withdrawn without being made.\n\n");
    }
    out.push_str(lane_meaning(d.lane));
    out.push('\n');
    if let Some(old) = d.supersedes {
        out.push_str(&format!(
            "\nIt replaces {}, which no longer applies.\n",
            link(old)
        ));
    }
    out.push('\n');
    out.push_str(&marker(d.id));
    out.push('\n');
    out
}

/// What the lane means for changing the decision later.
fn lane_meaning(lane: Lane) -> &'static str {
    match lane {
        Lane::Commitment => {
            "Lane: commitment. It is tied to a target or a promise to customers, so changing it needs approval and leaves a change log: a new decision that supersedes this one."
        }
        Lane::Guardrail => {
            "Lane: guardrail. It is a risk limit the team owns: the team may change it by logging a new decision that supersedes this one, saying which risk it accepts instead."
        }
        Lane::Autonomy => {
            "Lane: autonomy. It is the team's own call: the team may change it as it learns, by logging a new decision that supersedes this one."
        }
    }
}

/// Free text as paragraphs: each line escaped as a line of its own, blank
/// lines kept as paragraph breaks, `empty` when there is no text.
fn block(text: &str, empty: &str) -> String {
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.lines().map(md) {
        match paragraphs.last_mut() {
            Some(p) if !line.is_empty() => p.push(line),
            Some(p) if !p.is_empty() => paragraphs.push(Vec::new()),
            _ => {}
        }
    }
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\n"))
        .collect();
    if paragraphs.is_empty() {
        format!("{empty}\n")
    } else {
        format!("{}\n", paragraphs.join("\n\n"))
    }
}

/// One decision's record, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: DecisionId,
    pub name: String,
    pub text: String,
}

/// What exporting a record does to the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// No file for it yet: write `name`.
    Create(String),
    /// Its file is there with other text: write it again.
    Update(String),
    /// Its file is there with this very text.
    Keep(String),
    /// Its title changed since the last export: write `to`, remove `from`
    /// (the files this export wrote for it under earlier titles).
    Rename { from: Vec<String>, to: String },
}

/// The steps that bring a folder holding `existing` (file name and text of
/// each file whose name starts with a number) up to date with `records`,
/// one step per record, in order. Files this export did not write are never
/// touched: one in the way of a record is an error naming it.
pub fn plan(records: &[Record], existing: &[(String, String)]) -> Result<Vec<Step>, String> {
    let mut steps = Vec::with_capacity(records.len());
    for r in records {
        let same_number = existing
            .iter()
            .filter(|(name, _)| number_of(name) == Some(r.id.0));
        let mut at_target = None;
        let mut stale = Vec::new();
        for (name, text) in same_number {
            if *name == r.name {
                if !is_record_of(text, r.id) {
                    return Err(name.clone());
                }
                at_target = Some(text);
            } else if is_record_of(text, r.id) {
                stale.push(name.clone());
            }
        }
        stale.sort();
        steps.push(match at_target {
            _ if !stale.is_empty() => Step::Rename {
                from: stale,
                to: r.name.clone(),
            },
            None => Step::Create(r.name.clone()),
            Some(text) if *text == r.text => Step::Keep(r.name.clone()),
            Some(_) => Step::Update(r.name.clone()),
        });
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
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
        assert_eq!(slug("日本語 only"), "only");
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
        assert_eq!(
            text,
            "\
# 1. Cut the annual plan discount from 20% to 15%

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

<!-- rhythm decision #1: written by `rhythm decision export`; exporting again replaces this file -->
"
        );
        assert!(is_record_of(&text, DecisionId(1)));
        assert!(!is_record_of(&text, DecisionId(11)));
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
        assert!(text.contains(
            "Accepted\n\nSupersedes [4. No deploys after 16:00](0004-no-deploys-after-16-00.md)\n"
        ), "{text}");
        assert!(text.contains("It replaces [4. "), "{text}");
        // A related decision not in the export is named, not linked.
        assert!(render("Platform", &new, &[]).contains("Supersedes decision #4\n"));

        let mut needed = decision(7, "Choose a vendor", DecisionState::Needed);
        needed.due = Some(NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
        let text = render("Platform", &needed, &all);
        assert!(text.contains("- Date: 2026-10-01\n- Team: Platform\n- Owner: no owner yet\n- Lane: autonomy\n- Due: 2026-12-04\n"), "{text}");
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
        format!("{body}\n{}\n", marker(DecisionId(id)))
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
            plan(&records, &existing),
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
        assert_eq!(plan(&records, &existing), Err("0001-a.md".to_string()));
        // Nor one written for another decision.
        let existing = vec![("0001-a.md".to_string(), ours(2, "B"))];
        assert_eq!(plan(&records, &existing), Err("0001-a.md".to_string()));
    }
}
