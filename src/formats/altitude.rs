//! The brief's altitude check as text: for `rhythm brief check` and the
//! panel under the brief on screen. Pure.

use crate::domain::altitude::Check;

use super::terminal::one_line;

/// The check as text, for `rhythm brief check` and the brief screen.
pub fn text(check: &Check) -> String {
    let mut out = String::from("Altitude check: does this week's work flow from the brief?\n");
    let total = check.people.len() + check.people_without.len();
    out.push_str(&format!(
        "\n{} of {total} people with open work this week can point to work that flows from a choice or objective.\n",
        check.people.len()
    ));
    section(
        &mut out,
        "Still at altitude (no initiative, measure or open action under them)",
        check
            .at_altitude
            .iter()
            .map(|l| format!("#{} {}", l.id, one_line(&l.text))),
    );
    section(
        &mut out,
        "Objectives with measures off track",
        check.off_track.iter().map(|o| {
            format!(
                "#{} {}: {}",
                o.objective.id,
                one_line(&o.objective.text),
                one_line(&o.measures.join(", "))
            )
        }),
    );
    section(
        &mut out,
        "Serving no choice or objective",
        check
            .unanchored
            .iter()
            .map(|w| format!("{} #{} {}", w.kind.word(), w.id, one_line(&w.title))),
    );
    if !check.people.is_empty() {
        out.push_str("\nThis week, from the brief\n");
        for p in &check.people {
            out.push_str(&format!("  {}\n", one_line(&p.person)));
            for (w, line) in &p.work {
                out.push_str(&format!(
                    "    {} #{} {} → {} #{}\n",
                    w.kind.word(),
                    w.id,
                    one_line(&w.title),
                    line.kind,
                    line.id
                ));
            }
        }
    }
    if !check.people_without.is_empty() {
        out.push_str(&format!(
            "\nOpen work this week, none from the brief: {}\n",
            one_line(&check.people_without.join(", "))
        ));
    }
    out
}

fn section(out: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    out.push_str(&format!("\n{title}\n"));
    for l in lines {
        out.push_str(&format!("  {l}\n"));
    }
}
