//! `rhythm import-readings` and `rhythm export-readings`: readings as CSV.
//! `formats::csv` reads and writes the text; here its measure names meet the
//! team's measures. A file with any problem is refused whole, and an import
//! writes every reading in one transaction.

use std::collections::HashMap;
use std::path::Path;

use super::args::{CsvForm, ExportReadingsArgs, ImportReadingsArgs, out_file};
use super::progress::Progress;
use super::table::Table;
use super::{Ctx, Session, fail, resolve, usage};
use crate::domain::names;
use crate::domain::{Change, Measure, MeasureId, OpSource, Origin, Reading, TeamId, Week};
use crate::files::{self, Guard, Replace};
use crate::formats::csv::{self, LongWriter, Name, Problem, Row, WideWriter, format_value, shown};

/// Problems listed before the rest are summed up as "and N more".
const SHOWN_PROBLEMS: usize = 20;

pub fn import(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    a: &ImportReadingsArgs,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    let (source, bytes) = read_input(&a.file)?;
    let parsed = csv::parse_with(&bytes, &a.csv.options());
    let measures = s.store.measures(team.id, true)?;
    let mut problems = parsed.problems;
    let ids = resolve_names(&parsed.names, &measures, &team.name, &mut problems);
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.at);
        for p in problems.iter().take(SHOWN_PROBLEMS) {
            writeln!(ctx.err, "{p}")?;
        }
        let n = problems.len();
        if n > SHOWN_PROBLEMS {
            let more = n - SHOWN_PROBLEMS;
            writeln!(ctx.err, "and {more} more {}", plural(more, "problem"))?;
        }
        return Err(fail(format!(
            "{source} refused: {n} {}; nothing was imported",
            plural(n, "problem")
        )));
    }
    let steps = plan(s, team.id, &parsed.rows, &ids, &measures)?;
    let count = |effect: Effect| steps.iter().filter(|st| st.effect == effect).count();
    let (added, changed, same) = (
        count(Effect::Add),
        count(Effect::Change),
        count(Effect::Same),
    );
    if a.dry_run {
        writeln!(
            ctx.out,
            "Dry run of {source} into {}: {added} to add, {changed} to change, {same} unchanged; nothing was written",
            team.name
        )?;
        write!(ctx.out, "{}", steps_table(&steps, |k| k != Effect::Same))?;
        return Ok(());
    }
    let writes: Vec<Change> = steps
        .iter()
        .filter(|st| st.effect != Effect::Same)
        .map(|st| Change::RecordReading {
            measure: st.measure.id,
            week: st.row.week,
            value: st.row.value,
            note: st.note.clone(),
        })
        .collect();
    if writes.is_empty() {
        writeln!(
            ctx.out,
            "Nothing to import into {}: all {same} {} in {source} are already recorded",
            team.name,
            plural(same, "reading")
        )?;
        return Ok(());
    }
    let mut progress = Progress::new("Importing readings", writes.len());
    let origin = Origin::new(s.origin.author.clone(), OpSource::Import);
    s.store
        .apply_batch(&origin, s.clock.now, crate::storage::Images::Full, |w| {
            for change in &writes {
                w.apply(change)?;
                progress.add(1);
            }
            w.set_summary(format!(
                "Imported readings from {source} into {}: {added} added, {changed} changed",
                team.name
            ));
            Ok(())
        })?;
    progress.finish();
    writeln!(
        ctx.out,
        "Imported {source} into {}: {added} added, {changed} changed, {same} unchanged",
        team.name
    )?;
    if changed > 0 {
        write!(ctx.out, "{}", steps_table(&steps, |k| k == Effect::Change))?;
    }
    Ok(())
}

pub fn export(
    ctx: &mut Ctx<'_>,
    s: &Session,
    team: Option<&str>,
    a: &ExportReadingsArgs,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    let measures = s.store.measures(team.id, false)?;
    let to = a.to.unwrap_or_else(|| s.this_week());
    let (first, last) = (
        Week::new(1, 1).ok_or_else(|| fail("no first week"))?,
        Week::new(9999, 52).ok_or_else(|| fail("no last week"))?,
    );
    let mut readings: Vec<Reading> = s
        .store
        .readings(team.id, first, last)?
        .into_iter()
        .filter(|r| measures.iter().any(|m| m.id == r.measure_id))
        .collect();
    // Without --from, the earliest reading; never past the end of the range.
    let from = a.from.unwrap_or_else(|| {
        readings
            .iter()
            .map(|r| r.week)
            .min()
            .map_or(to, |w| w.min(to))
    });
    if from > to {
        let default = if a.to.is_none() { " (this week)" } else { "" };
        return Err(usage(format!("--from {from} is after --to {to}{default}")));
    }
    let later = readings.iter().filter(|r| r.week > to).count();
    if a.to.is_none() && later > 0 {
        writeln!(
            ctx.err,
            "warning: {later} {} after this week ({to}) left out; add --to to include them",
            plural(later, "reading")
        )?;
    }
    readings.retain(|r| (from..=to).contains(&r.week));
    let text = match a.form {
        CsvForm::Wide => wide(&measures, &readings, from, to)?,
        CsvForm::Long => long(&measures, &readings)?,
    };
    match out_file(&a.out) {
        Some(path) => {
            write_file(path, &text, &s.store.guard())?;
            writeln!(
                ctx.out,
                "Wrote {} {} of {} ({from} to {to}, {} form) to {}",
                readings.len(),
                plural(readings.len(), "reading"),
                team.name,
                match a.form {
                    CsvForm::Wide => "wide",
                    CsvForm::Long => "long",
                },
                path.display()
            )?;
        }
        None => ctx.write_data(&text)?,
    }
    Ok(())
}

/// Each name in the file as one of the team's active measures, or a
/// problem at the name. Archived measures are refused as `record` refuses
/// them: an import should not fill in a measure the team took off the
/// scorecard without someone deciding to bring it back.
fn resolve_names(
    names: &[Name],
    measures: &[Measure],
    team: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Option<MeasureId>> {
    let active: Vec<Measure> = measures.iter().filter(|m| !m.archived).cloned().collect();
    let mut known: HashMap<String, Result<MeasureId, String>> = HashMap::new();
    names
        .iter()
        .map(|name| {
            // Cached by spelling, so each message quotes the name as written.
            let found = known
                .entry(name.text.clone())
                .or_insert_with(|| {
                    let key = names::key(&name.text);
                    let same = |m: &&Measure| names::key(&m.name) == key;
                    if let Some(m) = measures.iter().filter(|m| !m.archived).find(same) {
                        return Ok(m.id);
                    }
                    if let Some(m) = measures.iter().find(same) {
                        return Err(format!(
                            "the measure '{}' is archived: restore it with `rhythm measure archive \"{}\" --restore`, or leave it out of the file",
                            m.name, m.name
                        ));
                    }
                    let wanted = shown(&name.text);
                    Err(resolve::measure(&active, team, &wanted)
                        .err()
                        .unwrap_or_else(|| format!("unknown measure '{wanted}' in {team}")))
                })
                .clone();
            found
                .map_err(|message| problems.push(Problem::new(name.at, message)))
                .ok()
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    Add,
    Change,
    Same,
}

/// What importing one row would do.
struct Step<'a> {
    row: &'a Row,
    measure: &'a Measure,
    effect: Effect,
    old: Option<Reading>,
    /// The note to store: the file's, else the one already kept (an import
    /// never erases a note, and the wide form has none).
    note: Option<String>,
}

fn plan<'a>(
    s: &Session,
    team: TeamId,
    rows: &'a [Row],
    ids: &[Option<MeasureId>],
    measures: &'a [Measure],
) -> anyhow::Result<Vec<Step<'a>>> {
    let (Some(from), Some(to)) = (
        rows.iter().map(|r| r.week).min(),
        rows.iter().map(|r| r.week).max(),
    ) else {
        return Ok(Vec::new());
    };
    let mut existing: HashMap<(MeasureId, Week), Reading> = s
        .store
        .readings(team, from, to)?
        .into_iter()
        .map(|r| ((r.measure_id, r.week), r))
        .collect();
    rows.iter()
        .map(|row| {
            let id = ids
                .get(row.name)
                .copied()
                .flatten()
                .ok_or_else(|| fail("a measure name was not resolved"))?;
            let measure = measures
                .iter()
                .find(|m| m.id == id)
                .ok_or_else(|| fail("a measure vanished during the import"))?;
            let old = existing.remove(&(id, row.week));
            let note = row
                .note
                .clone()
                .or_else(|| old.as_ref().and_then(|o| o.note.clone()));
            let effect = match &old {
                None => Effect::Add,
                Some(o) if o.value == row.value && o.note == note => Effect::Same,
                Some(_) => Effect::Change,
            };
            Ok(Step {
                row,
                measure,
                effect,
                old,
                note,
            })
        })
        .collect()
}

/// The steps of the kinds `show` picks, as a table in file order.
fn steps_table(steps: &[Step<'_>], show: impl Fn(Effect) -> bool) -> String {
    let mut t = Table::new(&["", "Week", "Measure", "Value", "Note"]);
    for st in steps.iter().filter(|st| show(st.effect)) {
        let new = format_value(st.row.value);
        let note = st.note.clone().unwrap_or_default();
        let (label, value, note) = match &st.old {
            None => ("add", new, note),
            Some(old) => {
                let value = if old.value == st.row.value {
                    new
                } else {
                    format!("{} → {new}", format_value(old.value))
                };
                let note = if old.note == st.note {
                    note
                } else {
                    format!("{} → {note}", old.note.as_deref().unwrap_or("(none)"))
                };
                ("change", value, note)
            }
        };
        t.row(vec![
            label.to_string(),
            st.row.week.to_string(),
            st.measure.name.clone(),
            value,
            note,
        ]);
    }
    if t.is_empty() {
        String::new()
    } else {
        t.render()
    }
}

fn wide(
    measures: &[Measure],
    readings: &[Reading],
    from: Week,
    to: Week,
) -> anyhow::Result<Vec<u8>> {
    let names: Vec<&str> = measures.iter().map(|m| m.name.as_str()).collect();
    let values: HashMap<(MeasureId, Week), f64> = readings
        .iter()
        .map(|r| ((r.measure_id, r.week), r.value))
        .collect();
    let weeks = usize::try_from(from.weeks_until(to) + 1).unwrap_or(0);
    let mut progress = Progress::new("Exporting weeks", weeks);
    let mut out = WideWriter::new(Vec::new(), &names)?;
    let mut week = from;
    while week <= to {
        let row: Vec<Option<f64>> = measures
            .iter()
            .map(|m| values.get(&(m.id, week)).copied())
            .collect();
        out.row(week, &row)?;
        progress.add(1);
        week = week.next();
    }
    progress.finish();
    Ok(out.finish()?)
}

/// Measures in scorecard order, each one's readings oldest first.
fn long(measures: &[Measure], readings: &[Reading]) -> anyhow::Result<Vec<u8>> {
    let mut progress = Progress::new("Exporting readings", readings.len());
    let mut out = LongWriter::new(Vec::new())?;
    for m in measures {
        let mut own: Vec<&Reading> = readings.iter().filter(|r| r.measure_id == m.id).collect();
        own.sort_by_key(|r| r.week);
        for r in own {
            out.row(&m.name, r.week, r.value, r.note.as_deref())?;
            progress.add(1);
        }
    }
    progress.finish();
    Ok(out.finish()?)
}

/// The largest readings file `import-readings` reads: far more than ten
/// years of weekly values for every measure, and a stream with no end is
/// refused before memory runs out.
const READINGS_MAX: u64 = 64 << 20;

/// The file's bytes and how messages name it; `-` is standard input. At
/// most `READINGS_MAX` bytes: more is refused at once, never read whole.
fn read_input(path: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let bytes = super::transfer::read_capped(std::io::stdin(), READINGS_MAX)
            .map_err(|e| fail(format!("cannot read standard input: {e}")))?;
        ("standard input".to_string(), bytes)
    } else {
        let bytes = std::fs::File::open(path)
            .and_then(|f| super::transfer::read_capped(f, READINGS_MAX))
            .map_err(|e| fail(format!("cannot read {}: {}", path.display(), io_reason(&e))))?;
        (path.display().to_string(), bytes)
    };
    let bytes = bytes.ok_or_else(|| {
        fail(format!(
            "{name} is larger than a readings file can be ({} MiB): nothing was imported",
            READINGS_MAX >> 20
        ))
    })?;
    Ok((name, bytes))
}

/// Writes the whole file or nothing (see `files`), so a failed export
/// never leaves a half-written file where a good one was.
fn write_file(path: &Path, bytes: &[u8], guard: &Guard) -> anyhow::Result<()> {
    files::write_private(path, bytes, Replace::Yes, guard).map_err(|e| {
        fail(format!(
            "cannot write '{}': {}",
            path.display(),
            io_reason(&e)
        ))
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a folder".to_string(),
        _ => e.to_string(),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
