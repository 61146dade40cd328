//! `rhythm brief edit`: the whole brief in the user's editor, as Markdown
//! in a fixed shape (see `formats::brief_edit`). What reads back is saved
//! in one operation; what does not is reopened with the errors at its top,
//! and nothing is saved until it reads. Saved unchanged, nothing changes.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{Ctx, Session, fail};
use crate::domain::brief::{Brief, BriefEdit, NewBriefItem};
use crate::domain::{BriefItemId, BriefKind, Change, MeasureId, Quarter, Team};
use crate::formats::brief_edit::{Draft, ParseError, parse_all, render, with_errors};
use crate::storage::Images;

pub fn edit(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&Team>,
    quarter: Quarter,
) -> anyhow::Result<()> {
    let brief = s.store.brief(team.map(|t| t.id), quarter)?;
    let first = render(&brief);
    let file = tempfile::Builder::new()
        .prefix("rhythm-brief-")
        .suffix(".md")
        .tempfile()?;
    let mut given = first.clone();
    // A person corrects a file in a few rounds; an "editor" that is a
    // script appending to it each time would go round for ever.
    for _ in 0..ROUNDS {
        std::fs::write(file.path(), &given)?;
        run_editor(file.path())?;
        let bytes = std::fs::read(file.path())
            .map_err(|e| fail(format!("cannot read back '{}': {e}", file.path().display())))?;
        let (text, not_utf8) = utf8(&bytes);
        if text == given {
            if given == first {
                writeln!(
                    ctx.out,
                    "No changes: the {quarter} brief was left as it was"
                )?;
                return Ok(());
            }
            return Err(fail(format!(
                "the brief still did not read, and nothing was saved: {}",
                first_error(&text)
            )));
        }
        // What does not read, and what the lines that read cannot be
        // saved as, said together.
        let (draft, mut errors) = parse_all(&text);
        errors.extend(not_utf8);
        if draft.lines.is_empty() && !brief.is_empty() {
            // An emptied file reads as "drop it all": more likely a slip.
            errors.push(ParseError {
                line: 1,
                problem:
                    "the file holds no line of the brief: to drop lines, take them out one by one"
                        .into(),
            });
        }
        let steps = match plan(s, team, &brief, &draft) {
            Err(more) => {
                errors.extend(more);
                errors.sort_by_key(|e| e.line);
                Err(errors)
            }
            Ok(_) if !errors.is_empty() => Err(errors),
            Ok(steps) => Ok(steps),
        };
        match steps {
            Err(errors) => given = with_errors(&text, &errors),
            Ok(steps) if steps.is_empty() => {
                writeln!(
                    ctx.out,
                    "No changes: the {quarter} brief was left as it was"
                )?;
                return Ok(());
            }
            Ok(steps) => {
                // Another hand changed the brief since the file was made:
                // saving over it would undo their change without a word.
                let now = s.store.brief(team.map(|t| t.id), quarter)?;
                let saved = if now == brief {
                    save(s, team, quarter, &steps)
                } else {
                    Err(fail("the brief was changed elsewhere while you edited it"))
                };
                return match saved {
                    Ok(said) => {
                        writeln!(ctx.out, "Saved the {quarter} brief: {said}")?;
                        Ok(())
                    }
                    Err(e) => {
                        // Nothing typed is lost: the file stays where it is.
                        let kept = file.into_temp_path().keep()?;
                        Err(fail(format!(
                            "{e}: nothing was saved; what you wrote is kept in '{}' (run `rhythm brief edit` again and bring it over)",
                            kept.display()
                        )))
                    }
                };
            }
        }
    }
    Err(fail(format!(
        "the brief did not read after {ROUNDS} rounds in the editor, and nothing was saved"
    )))
}

/// How many times the editor is opened on a file that does not read.
const ROUNDS: usize = 50;

/// The file as text, and where it is not UTF-8 (shown as U+FFFD).
fn utf8(bytes: &[u8]) -> (String, Option<ParseError>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            let error = ParseError {
                line,
                problem: "this line is not UTF-8 text (shown as �): write it again".into(),
            };
            (String::from_utf8_lossy(bytes).into_owned(), Some(error))
        }
    }
}

/// The first error said at the top of a file given back unchanged.
fn first_error(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("# error: "))
        .unwrap_or("it was given back unchanged")
        .to_string()
}

/// Runs `$VISUAL`, else `$EDITOR`, else `vi` on `path`, through the shell
/// as git does, so an editor named with its flags (`code --wait`) works.
fn run_editor(path: &Path) -> anyhow::Result<()> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".into());
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|e| fail(format!("cannot run the editor '{editor}': {e}")))?;
    if !status.success() {
        return Err(fail(format!(
            "the editor '{editor}' ended with {status}: nothing was saved"
        )));
    }
    Ok(())
}

/// One write of the plan.
#[derive(Debug)]
enum Step {
    /// A new line; a new objective with the measures that show it.
    Add(NewBriefItem, Vec<MeasureId>),
    Edit(BriefItemId, BriefEdit),
    Drop(BriefItemId),
    /// A measure to show an objective that was there.
    Show(BriefItemId, MeasureId),
}

/// What the draft changes in `brief`, or every line it cannot be saved
/// from (named by its line in the file).
fn plan(
    s: &Session,
    team: Option<&Team>,
    brief: &Brief,
    draft: &Draft,
) -> Result<Vec<Step>, Vec<ParseError>> {
    let mut errors = Vec::new();
    let mut steps = Vec::new();
    let mut seen = HashSet::new();
    let by_id: HashMap<BriefItemId, _> = brief.items.iter().map(|i| (i.id, i)).collect();
    let names = match super::brief::MeasureNames::of(s, team) {
        Ok(names) => names,
        Err(e) => {
            return Err(vec![ParseError {
                line: 1,
                problem: e.to_string(),
            }]);
        }
    };
    let measure = |at: usize, name: &str, errors: &mut Vec<ParseError>| {
        names
            .id(name)
            .map_err(|problem| errors.push(ParseError { line: at, problem }))
            .ok()
    };
    let team_id = team.map(|t| t.id);
    for line in &draft.lines {
        let Some(id) = line.id else {
            let (measure_id, measures) = match line.kind {
                BriefKind::Measure => (measure(line.at, &line.text, &mut errors), Vec::new()),
                _ => (
                    None,
                    line.measures
                        .iter()
                        .filter_map(|(at, m)| measure(*at, m, &mut errors))
                        .collect(),
                ),
            };
            let text = if line.kind == BriefKind::Measure {
                ""
            } else {
                &line.text
            };
            let item = NewBriefItem {
                integrator: line.integrator.clone(),
                measure: measure_id,
                ..NewBriefItem::line(team_id, brief.quarter, line.kind, text, &line.detail)
            };
            // Each line is held to the rules a change is (lengths, one
            // line, the parts its kind takes) here, where its line is
            // known, so the file is reopened rather than refused.
            let checked = match (line.kind, measure_id) {
                (BriefKind::Measure, None) => Ok(()),
                _ => Change::AddBriefItem(item.clone()).validate(),
            };
            match checked {
                Ok(()) => steps.push(Step::Add(item, measures)),
                Err(e) => errors.push(ParseError {
                    line: line.at,
                    problem: e.to_string(),
                }),
            }
            continue;
        };
        let at = line.at;
        let Some(old) = by_id.get(&id) else {
            errors.push(ParseError {
                line: at,
                problem: format!(
                    "[#{id}] is no line of this brief: take the mark out to add it as new"
                ),
            });
            continue;
        };
        if !seen.insert(id) {
            errors.push(ParseError {
                line: at,
                problem: format!("[#{id}] is there twice"),
            });
            continue;
        }
        if old.kind != line.kind || (old.kind == BriefKind::Measure && old.objective.is_some()) {
            errors.push(ParseError { line: at, problem: format!("[#{id}] is {} {}: a line keeps its kind; take the mark out to add it under this heading", article(old.kind), old.kind) });
            continue;
        }
        if line.kind == BriefKind::Measure {
            if old.measure.as_deref() != Some(line.text.as_str()) {
                errors.push(ParseError {
                    line: at,
                    problem: format!(
                        "[#{id}] names its measure '{}': take the mark out to name another",
                        old.measure.as_deref().unwrap_or_default()
                    ),
                });
            }
            continue;
        }
        if old.integrator.is_some() && line.integrator.is_none() {
            errors.push(ParseError {
                line: at,
                problem: "an objective's integrator can be changed, not taken out".into(),
            });
            continue;
        }
        let edit = BriefEdit {
            text: Some(line.text.clone()).filter(|t| *t != old.text),
            detail: Some(line.detail.clone()).filter(|d| *d != old.detail),
            integrator: line
                .integrator
                .clone()
                .filter(|i| Some(i) != old.integrator.as_ref()),
        };
        let checked = crate::domain::brief::check_edit(line.kind, &edit).and_then(|()| {
            Change::EditBriefItem {
                item: id,
                edit: edit.clone(),
            }
            .validate()
        });
        if let Err(e) = checked {
            errors.push(ParseError {
                line: at,
                problem: e.to_string(),
            });
        } else if edit != BriefEdit::default() {
            steps.push(Step::Edit(id, edit));
        }
        if line.kind == BriefKind::Objective {
            let shown: Vec<_> = brief.measures_of(id).collect();
            let wanted: Vec<(usize, MeasureId)> = line
                .measures
                .iter()
                .filter_map(|(at, m)| measure(*at, m, &mut errors).map(|x| (*at, x)))
                .collect();
            let had: HashSet<MeasureId> = shown.iter().filter_map(|m| m.measure_id).collect();
            for (_, m) in &wanted {
                if !had.contains(m) {
                    steps.push(Step::Show(id, *m));
                }
            }
            let keep: HashSet<MeasureId> = wanted.iter().map(|w| w.1).collect();
            for m in shown {
                if m.measure_id.is_some_and(|x| !keep.contains(&x)) {
                    steps.push(Step::Drop(m.id));
                }
            }
        }
    }
    // A measure named twice in one place would be refused by the store.
    let mut named = HashSet::new();
    for line in &draft.lines {
        let places = match line.kind {
            BriefKind::Measure => vec![(line.at, None, line.text.to_lowercase())],
            BriefKind::Objective => line
                .measures
                .iter()
                .map(|(at, m)| (*at, Some(line.at), m.to_lowercase()))
                .collect(),
            _ => Vec::new(),
        };
        for (at, under, name) in places {
            if !named.insert((under, name.clone())) {
                errors.push(ParseError {
                    line: at,
                    problem: format!("the measure '{name}' is there already: name it once"),
                });
            }
        }
    }
    for item in &brief.items {
        let top = !(item.kind == BriefKind::Measure && item.objective.is_some());
        if top && !seen.contains(&item.id) {
            steps.push(Step::Drop(item.id));
        }
    }
    if errors.is_empty() {
        Ok(steps)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

fn article(kind: BriefKind) -> &'static str {
    match kind {
        BriefKind::Objective | BriefKind::Exclusion => "an",
        _ => "a",
    }
}

/// The plan in one operation; says what it did.
fn save(
    s: &mut Session,
    team: Option<&Team>,
    quarter: Quarter,
    steps: &[Step],
) -> anyhow::Result<String> {
    let (mut added, mut corrected, mut dropped) = (0, 0, 0);
    for step in steps {
        match step {
            Step::Add(_, measures) => added += 1 + measures.len(),
            Step::Show(..) => added += 1,
            Step::Edit(..) => corrected += 1,
            Step::Drop(..) => dropped += 1,
        }
    }
    let said = format!("{added} added, {corrected} corrected, {dropped} dropped");
    let (origin, now) = (s.origin.clone(), s.clock.now);
    let team_id = team.map(|t| t.id);
    s.store.apply_batch(&origin, now, Images::Full, |w| {
        for step in steps {
            match step {
                Step::Add(item, measures) => {
                    super::brief::add_with_measures(w, item, measures)?;
                }
                Step::Show(objective, m) => {
                    w.apply(&Change::AddBriefItem(NewBriefItem::measure(
                        team_id,
                        quarter,
                        *m,
                        Some(*objective),
                    )))?;
                }
                Step::Edit(item, edit) => {
                    w.apply(&Change::EditBriefItem {
                        item: *item,
                        edit: edit.clone(),
                    })?;
                }
                Step::Drop(item) => {
                    w.apply(&Change::DropBriefItem { item: *item })?;
                }
            }
        }
        w.set_summary(format!("Edited the {quarter} brief: {said}"));
        Ok(())
    })?;
    Ok(said)
}
