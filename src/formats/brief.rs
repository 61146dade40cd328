//! The strategy brief as text for the terminal and as Markdown on one
//! page. Pure: a `Brief` in, text out. Every line's number is shown in the
//! text form, as the commands that correct or drop a line take it.

use crate::domain::BriefKind;
use crate::domain::brief::Brief;

use super::markdown::escape;
use super::terminal::one_line;

/// Whose brief, in words: "Growth's" or "The whole database's".
fn whose(brief: &Brief) -> String {
    match &brief.team {
        Some(team) => format!("{}'s", one_line(team)),
        None => "The whole database's".to_string(),
    }
}

/// The names of the measures that show `objective`, joined; with their
/// numbers for the terminal, where `brief measure drop N` takes them.
fn shown_by(
    brief: &Brief,
    objective: crate::domain::BriefItemId,
    numbered: bool,
    each: impl Fn(&str) -> String,
) -> String {
    brief
        .measures_of(objective)
        .map(|m| {
            let name = each(m.measure.as_deref().unwrap_or_default());
            if numbered {
                format!("#{} {name}", m.id)
            } else {
                name
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// For the terminal: a heading, then each kind's lines with their numbers,
/// a choice's consequence and an exclusion's condition on the line below.
pub fn text(brief: &Brief) -> String {
    format!(
        "{} strategy brief, {}\n\n{}",
        whose(brief),
        brief.quarter,
        body(brief)
    )
}

/// `text` without its heading, for a screen whose title says whose it is.
pub fn body(brief: &Brief) -> String {
    let mut out = String::new();
    let clean = |s: &str| one_line(s).into_owned();
    let sections = [
        (BriefKind::Choice, "Choices"),
        (BriefKind::Objective, "Objectives"),
        (BriefKind::Exclusion, "We will not"),
    ];
    for (kind, heading) in sections {
        let lines: Vec<_> = brief.of(kind).collect();
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{heading}\n"));
        for line in lines {
            let mut head = format!("  #{} {}", line.id, clean(&line.text));
            if let Some(who) = &line.integrator {
                head.push_str(&format!(" (integrator: {})", clean(who)));
            }
            out.push_str(&head);
            out.push('\n');
            let below = match kind {
                BriefKind::Choice if !line.detail.is_empty() => {
                    Some(format!("→ {}", clean(&line.detail)))
                }
                BriefKind::Exclusion if !line.detail.is_empty() => {
                    Some(format!("unless {}", clean(&line.detail)))
                }
                BriefKind::Objective => {
                    let measures = shown_by(brief, line.id, true, |m| clean(m));
                    (!measures.is_empty()).then(|| format!("shown by {measures}"))
                }
                _ => None,
            };
            if let Some(below) = below {
                // Under the line's words, past its number.
                let pad = " ".repeat(3 + line.id.to_string().len() + 1);
                out.push_str(&format!("{pad}{below}\n"));
            }
        }
    }
    let key: Vec<_> = brief.key_measures().collect();
    if !key.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("The measures that matter\n");
        for m in key {
            out.push_str(&format!(
                "  #{} {}\n",
                m.id,
                clean(m.measure.as_deref().unwrap_or_default())
            ));
        }
    }
    out
}

/// Markdown on one page: a heading per kind, a choice's consequence and an
/// exclusion's condition beside it, an objective's integrator and measures.
pub fn markdown(brief: &Brief) -> String {
    let mut out = format!(
        "# {} strategy brief, {}\n",
        escape(&whose(brief)),
        brief.quarter
    );
    let choices: Vec<_> = brief.of(BriefKind::Choice).collect();
    if !choices.is_empty() {
        out.push_str("\n## Choices\n\n");
        for (n, c) in choices.iter().enumerate() {
            out.push_str(&format!("{}. **{}**", n + 1, escape(&c.text)));
            if !c.detail.is_empty() {
                out.push_str(&format!(" — consequence: {}", escape(&c.detail)));
            }
            out.push('\n');
        }
    }
    let objectives: Vec<_> = brief.of(BriefKind::Objective).collect();
    if !objectives.is_empty() {
        out.push_str("\n## Objectives\n\n");
        for o in objectives {
            out.push_str(&format!("- **{}**", escape(&o.text)));
            if let Some(who) = &o.integrator {
                out.push_str(&format!(" — integrator: {}", escape(who)));
            }
            let measures = shown_by(brief, o.id, false, escape);
            if !measures.is_empty() {
                out.push_str(&format!(" — shown by: {measures}"));
            }
            out.push('\n');
        }
    }
    let exclusions: Vec<_> = brief.of(BriefKind::Exclusion).collect();
    if !exclusions.is_empty() {
        out.push_str("\n## We will not\n\n");
        for e in exclusions {
            out.push_str(&format!("- **{}**", escape(&e.text)));
            if !e.detail.is_empty() {
                out.push_str(&format!(" — unless {}", escape(&e.detail)));
            }
            out.push('\n');
        }
    }
    let key: Vec<_> = brief.key_measures().collect();
    if !key.is_empty() {
        out.push_str("\n## The measures that matter\n\n");
        for m in key {
            out.push_str(&format!(
                "- {}\n",
                escape(m.measure.as_deref().unwrap_or_default())
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::BriefItemId;

    use crate::domain::brief::test_item as item;

    fn brief() -> Brief {
        let mut objective = item(2, BriefKind::Objective, "Ten healthcare logos", "");
        objective.integrator = Some("Ana".into());
        let mut shows = item(4, BriefKind::Measure, "", "");
        shows.measure = Some("NRR".into());
        shows.objective = Some(BriefItemId(2));
        let mut key = item(5, BriefKind::Measure, "", "");
        key.measure = Some("Pipeline | coverage".into());
        Brief {
            team: Some("Growth".into()),
            quarter: "2026-Q4".parse().unwrap(),
            items: vec![
                item(
                    1,
                    BriefKind::Choice,
                    "Healthcare *first*",
                    "longer\u{1b}[31m cycles",
                ),
                objective,
                item(3, BriefKind::Exclusion, "No Germany", "churn < 8 %"),
                shows,
                key,
            ],
        }
    }

    #[test]
    fn the_text_numbers_each_line_and_shows_no_control_character() {
        let text = text(&brief());
        assert_eq!(
            text,
            "Growth's strategy brief, 2026-Q4

Choices
  #1 Healthcare *first*
     → longer\\u001b[31m cycles

Objectives
  #2 Ten healthcare logos (integrator: Ana)
     shown by #4 NRR

We will not
  #3 No Germany
     unless churn < 8 %

The measures that matter
  #5 Pipeline | coverage
"
        );
    }

    #[test]
    fn the_markdown_escapes_what_was_typed() {
        let md = markdown(&brief());
        assert!(
            md.starts_with("# Growth's strategy brief, 2026-Q4\n"),
            "{md}"
        );
        assert!(
            md.contains("1. **Healthcare \\*first\\*** — consequence: longer"),
            "{md}"
        );
        assert!(
            md.contains("- **Ten healthcare logos** — integrator: Ana — shown by: NRR"),
            "{md}"
        );
        assert!(
            md.contains("- **No Germany** — unless churn \\< 8 %"),
            "{md}"
        );
        assert!(md.contains("- Pipeline \\| coverage\n"), "{md}");
    }
}
