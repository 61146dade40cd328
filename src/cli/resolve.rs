//! Finding teams, measures and people by the names people type: any case,
//! any Unicode form (`domain::names`), and when nothing matches, the
//! closest names are offered.

use crate::domain::names;
use crate::domain::{Measure, Team};

/// The items whose name matches `wanted` ignoring case; when none does, an
/// error naming `what` and `scope` that offers the closest names.
pub fn pick<'a, T>(
    what: &str,
    scope: &str,
    wanted: &str,
    items: &'a [T],
    name: impl Fn(&T) -> &str,
) -> Result<&'a T, String> {
    let key = names::key(wanted);
    if let Some(found) = items.iter().find(|i| names::key(name(i)) == key) {
        return Ok(found);
    }
    let names: Vec<&str> = items.iter().map(&name).collect();
    let close = closest(wanted, &names);
    let hint = if !close.is_empty() {
        format!("did you mean {}?", quoted(&close, " or "))
    } else if names.is_empty() {
        format!("{scope} has no {} yet", plural(what))
    } else {
        format!("the {} are {}", plural(what), quoted(&names, ", "))
    };
    Err(format!("unknown {what} '{wanted}' in {scope}: {hint}"))
}

/// Up to three names that look like `wanted`: a shared prefix or
/// substring, or a small edit distance relative to the length, all compared
/// as the names' keys.
pub fn closest<'a>(wanted: &str, names: &[&'a str]) -> Vec<&'a str> {
    let key = &names::key(wanted);
    let mut scored: Vec<(f64, &str)> = names
        .iter()
        .map(|n| {
            let lower = names::key(n);
            let mut score = strsim::jaro_winkler(key, &lower);
            if !key.is_empty() && (lower.contains(key) || key.contains(&lower)) {
                score = score.max(0.9);
            }
            (score, *n)
        })
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

fn plural(what: &str) -> String {
    match what {
        "person" => "people".to_string(),
        "choice or objective" => "choices and objectives".to_string(),
        _ => format!("{what}s"),
    }
}

fn quoted(names: &[&str], sep: &str) -> String {
    names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The team to act on: the named one, or the only one.
pub fn team<'a>(teams: &'a [Team], wanted: Option<&str>) -> Result<&'a Team, String> {
    match (wanted, teams) {
        (Some(w), _) => pick("team", "this database", w, teams, |t| &t.name),
        (None, [only]) => Ok(only),
        (None, []) => {
            Err("this database has no teams yet: add one with `rhythm team add NAME`".into())
        }
        (None, many) => Err(format!(
            "this database has {} teams ({}): choose one with --team",
            many.len(),
            many.iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

pub fn measure<'a>(
    measures: &'a [Measure],
    team: &str,
    wanted: &str,
) -> Result<&'a Measure, String> {
    pick("measure", team, wanted, measures, |m| &m.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TeamId;

    fn teams(names: &[&str]) -> Vec<Team> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| Team {
                id: TeamId(i as i64 + 1),
                name: n.to_string(),
                review: crate::domain::ReviewWeek::Current,
            })
            .collect()
    }

    #[test]
    fn names_match_in_any_case_and_offer_the_closest() {
        let ts = teams(&["Growth", "Platform", "Customer Success"]);
        assert_eq!(team(&ts, Some("growth")).unwrap().name, "Growth");
        assert_eq!(
            team(&ts, Some("Platfrom")).unwrap_err(),
            "unknown team 'Platfrom' in this database: did you mean 'Platform'?"
        );
        assert_eq!(
            team(&ts, Some("Finance")).unwrap_err(),
            "unknown team 'Finance' in this database: the teams are 'Growth', 'Platform', 'Customer Success'"
        );
        assert_eq!(
            team(&ts, None).unwrap_err(),
            "this database has 3 teams (Growth, Platform, Customer Success): choose one with --team"
        );
        assert_eq!(team(&ts[..1], None).unwrap().name, "Growth");
        assert!(team(&[], None).unwrap_err().contains("no teams yet"));
    }

    #[test]
    fn substrings_count_as_close() {
        let names = [
            "Net revenue retention",
            "Tier-2 response time",
            "Pipeline coverage",
        ];
        assert_eq!(closest("net revenue", &names), ["Net revenue retention"]);
        assert_eq!(closest("pipeline", &names), ["Pipeline coverage"]);
        assert!(closest("zzz", &names).is_empty());
    }

    #[test]
    fn suggestions_fold_names_as_lookups_do() {
        // Lowercasing leaves the ligature alone, so only folding sees how
        // close these are.
        let names = ["O\u{fb03}ce supplies", "Growth"];
        assert_eq!(closest("OFFICE SUPPLY", &names), ["O\u{fb03}ce supplies"]);
        assert_eq!(closest("  growht ", &names), ["Growth"]);
    }
}
