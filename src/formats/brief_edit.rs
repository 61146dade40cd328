//! The strategy brief as a file to edit (`rhythm brief edit`): Markdown in
//! a fixed shape that reads back into a `Draft`. Each line of the brief is
//! an item `- [#N] text` under its kind's heading, its parts on indented
//! `name: value` lines below; `[#N]` says which line it was, and a new
//! line has none. Pure: text in, text out.

use crate::domain::brief::Brief;
use crate::domain::{BriefItemId, BriefKind};

const HEADINGS: [(BriefKind, &str); 4] = [
    (BriefKind::Choice, "Choices"),
    (BriefKind::Objective, "Objectives"),
    (BriefKind::Exclusion, "We will not"),
    (BriefKind::Measure, "The measures that matter"),
];

/// The brief as read back from the file: its lines, each with the line
/// of the file it starts on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    pub lines: Vec<DraftLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftLine {
    /// Where it starts in the file, from 1.
    pub at: usize,
    pub id: Option<BriefItemId>,
    pub kind: BriefKind,
    /// The choice, objective or exclusion; a measure that matters' name.
    pub text: String,
    /// A choice's consequence or an exclusion's condition.
    pub detail: String,
    pub integrator: Option<String>,
    /// An objective's measures, each with its line in the file.
    pub measures: Vec<(usize, String)>,
}

/// A line of the file that does not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub problem: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// The file for `brief`, with a comment saying how it reads back.
pub fn render(brief: &Brief) -> String {
    let whose = match &brief.team {
        Some(t) => format!("{t}'s"),
        None => "The whole database's".into(),
    };
    let mut out = format!(
        "# {whose} strategy brief, {}\n\
         #\n\
         # Edit the lines and save; close without saving to change nothing.\n\
         # Each line is \"- text\" under its heading, its parts indented below it\n\
         # (consequence:, integrator:, measure: one per line, unless:). Keep the\n\
         # [#N] marks: they say which line is which; a new line has none, and a\n\
         # line taken out is dropped. Lines keep their order in the brief; a new\n\
         # one goes last under its heading. Lines starting with # are comments.\n",
        brief.quarter
    );
    for (kind, heading) in HEADINGS {
        out.push_str(&format!("\n## {heading}\n\n"));
        let lines: Vec<_> = match kind {
            BriefKind::Measure => brief.key_measures().collect(),
            _ => brief.of(kind).collect(),
        };
        for line in lines {
            let text = match kind {
                BriefKind::Measure => line.measure.clone().unwrap_or_default(),
                _ => line.text.clone(),
            };
            out.push_str(&format!("- [#{}] {}\n", line.id, flat(&text)));
            match kind {
                BriefKind::Choice => {
                    out.push_str(&format!("  consequence: {}\n", flat(&line.detail)))
                }
                BriefKind::Exclusion => {
                    out.push_str(&format!("  unless: {}\n", flat(&line.detail)))
                }
                BriefKind::Objective => {
                    if let Some(who) = &line.integrator {
                        out.push_str(&format!("  integrator: {}\n", flat(who)));
                    }
                    for m in brief.measures_of(line.id) {
                        out.push_str(&format!(
                            "  measure: {}\n",
                            flat(m.measure.as_deref().unwrap_or_default())
                        ));
                    }
                }
                BriefKind::Measure => {}
            }
        }
    }
    out
}

/// One line of the file: a line break in what was stored would make two.
fn flat(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// The file read back, or every line that does not read.
pub fn parse(text: &str) -> Result<Draft, Vec<ParseError>> {
    let (draft, errors) = parse_all(text);
    if errors.is_empty() {
        Ok(draft)
    } else {
        Err(errors)
    }
}

/// The lines that read, and every line that does not: what follows from
/// the lines that read can be checked too, so all is said at once.
pub fn parse_all(text: &str) -> (Draft, Vec<ParseError>) {
    let mut draft = Draft::default();
    let mut errors = Vec::new();
    let mut kind: Option<BriefKind> = None;
    let mut said = std::collections::HashSet::new();
    for (i, raw) in text.lines().enumerate() {
        let at = i + 1;
        let mut fail = |problem: String| errors.push(ParseError { line: at, problem });
        let line = raw.trim_end();
        if line.trim().is_empty() || (line.starts_with('#') && !line.starts_with("##")) {
            continue;
        }
        if let Some(heading) = line.strip_prefix("##") {
            let heading = heading.trim();
            kind = HEADINGS
                .iter()
                .find(|(_, h)| h.eq_ignore_ascii_case(heading))
                .map(|(k, _)| *k);
            if kind.is_none() {
                let known: Vec<_> = HEADINGS.iter().map(|(_, h)| format!("'{h}'")).collect();
                fail(format!(
                    "'{heading}' is not a heading of the brief: {}",
                    known.join(", ")
                ));
            }
            continue;
        }
        if let Some(item) = line.strip_prefix("- ") {
            let Some(k) = kind else {
                fail("a line before any heading: put it under one".into());
                continue;
            };
            let (id, text) = match mark(item) {
                Ok(parts) => parts,
                Err(problem) => {
                    fail(problem);
                    continue;
                }
            };
            if text.is_empty() {
                fail("an empty line of the brief: write it, or take it out".into());
                continue;
            }
            draft.lines.push(DraftLine {
                at,
                id,
                kind: k,
                text: text.to_string(),
                detail: String::new(),
                integrator: None,
                measures: Vec::new(),
            });
            continue;
        }
        if let Some(part) = line.strip_prefix("  ").or_else(|| line.strip_prefix('\t')) {
            let index = draft.lines.len();
            let Some(current) = draft.lines.last_mut() else {
                fail("an indented part under no line of the brief".into());
                continue;
            };
            let Some((name, value)) = part.trim().split_once(':') else {
                fail(format!("'{}' is not 'name: value'", part.trim()));
                continue;
            };
            let value = value.trim().to_string();
            let name = name.trim().to_ascii_lowercase();
            // A part said twice would lose one of them without a word.
            let once = name != "measure";
            if once && !said.insert((index, name.clone())) {
                fail(format!("a second '{name}:' for one line: keep one"));
                continue;
            }
            match (current.kind, name.as_str()) {
                (BriefKind::Choice, "consequence") | (BriefKind::Exclusion, "unless") => {
                    current.detail = value;
                }
                (BriefKind::Objective, "integrator") => {
                    current.integrator = Some(value).filter(|v| !v.is_empty());
                }
                (BriefKind::Objective, "measure") if !value.is_empty() => {
                    current.measures.push((at, value));
                }
                (k, name) => fail(format!(
                    "{} has no part '{name}': {}",
                    article_kind(k),
                    parts_of(k)
                )),
            }
            continue;
        }
        fail(format!(
            "'{}' is not a line of the brief: start it with '- ' under a heading",
            line.trim()
        ));
    }
    (draft, errors)
}

/// `[#N] text` or `text`.
fn mark(item: &str) -> Result<(Option<BriefItemId>, &str), String> {
    let item = item.trim();
    let Some(rest) = item.strip_prefix("[#") else {
        return Ok((None, item));
    };
    let Some((n, text)) = rest.split_once(']') else {
        return Err(format!("'{item}' opens a [#N] mark it does not close"));
    };
    match n.trim().parse::<i64>() {
        Ok(n) if n > 0 => Ok((Some(BriefItemId(n)), text.trim())),
        _ => Err(format!("'[#{n}]' is not a line's mark such as [#12]")),
    }
}

fn article_kind(kind: BriefKind) -> &'static str {
    match kind {
        BriefKind::Choice => "a choice",
        BriefKind::Objective => "an objective",
        BriefKind::Exclusion => "an exclusion",
        BriefKind::Measure => "a measure that matters",
    }
}

fn parts_of(kind: BriefKind) -> &'static str {
    match kind {
        BriefKind::Choice => "it takes consequence:",
        BriefKind::Objective => "it takes integrator: and measure:",
        BriefKind::Exclusion => "it takes unless:",
        BriefKind::Measure => "it takes none",
    }
}

/// The file again, with `errors` said at its top (earlier ones removed),
/// so the editor opens on them; each names its line as the new file
/// numbers it.
pub fn with_errors(text: &str, errors: &[ParseError]) -> String {
    let said = |l: &&str| {
        l.starts_with("# This did not read")
            || l.starts_with("# error: ")
            || l.starts_with("# Correct it and save")
    };
    let old_header = text.lines().take_while(said).count();
    let new_header = errors.len() + 2;
    let mut out = String::from("# This did not read, and nothing was saved yet:\n");
    for e in errors {
        let line = (e.line + new_header).saturating_sub(old_header);
        out.push_str(&format!("# error: line {line}: {}\n", e.problem));
    }
    out.push_str("# Correct it and save, or save it unchanged to give up.\n");
    for line in text.lines().skip(old_header) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::brief::test_item as item;

    fn brief() -> Brief {
        let mut objective = item(2, BriefKind::Objective, "Ten logos", "");
        objective.integrator = Some("Ana".into());
        let mut shows = item(4, BriefKind::Measure, "", "");
        shows.measure = Some("NRR".into());
        shows.objective = Some(BriefItemId(2));
        let mut key = item(5, BriefKind::Measure, "", "");
        key.measure = Some("Pipeline coverage".into());
        Brief {
            team: Some("Growth".into()),
            quarter: "2026-Q4".parse().unwrap(),
            items: vec![
                item(1, BriefKind::Choice, "Healthcare", "longer cycles"),
                objective,
                item(3, BriefKind::Exclusion, "No Germany", ""),
                shows,
                key,
            ],
        }
    }

    #[test]
    fn a_brief_reads_back_from_its_own_file() {
        let file = render(&brief());
        assert!(
            file.contains("## Choices\n\n- [#1] Healthcare\n  consequence: longer cycles\n"),
            "{file}"
        );
        let draft = parse(&file).unwrap();
        let shape: Vec<_> = draft
            .lines
            .iter()
            .map(|l| {
                (
                    l.id.map(|i| i.0),
                    l.kind,
                    l.text.as_str(),
                    l.detail.as_str(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (Some(1), BriefKind::Choice, "Healthcare", "longer cycles"),
                (Some(2), BriefKind::Objective, "Ten logos", ""),
                (Some(3), BriefKind::Exclusion, "No Germany", ""),
                (Some(5), BriefKind::Measure, "Pipeline coverage", ""),
            ]
        );
        assert_eq!(draft.lines[1].integrator.as_deref(), Some("Ana"));
        assert_eq!(
            draft.lines[1]
                .measures
                .iter()
                .map(|m| m.1.as_str())
                .collect::<Vec<_>>(),
            vec!["NRR"]
        );
    }

    #[test]
    fn every_line_that_does_not_read_is_named_by_its_number() {
        let text = "- early\n## Choices\n- [#x] bad mark\n- ok\n  integrator: Ana\n## Plans\nstray words\n";
        let errors = parse(text).unwrap_err();
        let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            vec![
                "line 1: a line before any heading: put it under one",
                "line 3: '[#x]' is not a line's mark such as [#12]",
                "line 5: a choice has no part 'integrator': it takes consequence:",
                "line 6: 'Plans' is not a heading of the brief: 'Choices', 'Objectives', 'We will not', 'The measures that matter'",
                "line 7: 'stray words' is not a line of the brief: start it with '- ' under a heading",
            ]
        );
        let again = with_errors(text, &errors);
        assert!(again.starts_with("# This did not read"), "{again}");
        // Reopened, each error names its line as the new file numbers it,
        // and the errors are said once however often it is reopened.
        let reread = parse(&again).unwrap_err();
        assert_eq!(reread[0].line, 1 + errors.len() + 2);
        assert!(
            again.contains(&format!("# error: line {}: a line before", reread[0].line)),
            "{again}"
        );
        assert_eq!(with_errors(&again, &reread), again);
    }
}
