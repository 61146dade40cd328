//! Options whose value is one of a closed set. The domain's own parser
//! reads the value (any case, `on track` for `on_track`, and its message
//! quoting a bad value), and the set is declared as the argument's
//! possible values, so `--help`, the man pages and shell completion list
//! them.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};

use super::StateFilter;
use crate::domain::{DecisionState, DepStatus, Direction, Kind, Lane, ReviewWeek, Rollup};

#[derive(Clone)]
pub struct OneOf<T> {
    names: Vec<&'static str>,
    parse: fn(&str) -> Result<T, String>,
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for OneOf<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        // As a plain function parser would, so errors read as before.
        let parse = self.parse;
        StringValueParser::new()
            .try_map(move |s: String| parse(&s))
            .parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.names.iter().map(|n| PossibleValue::new(*n))))
    }
}

fn one_of<T>(names: Vec<&'static str>, parse: fn(&str) -> Result<T, String>) -> OneOf<T> {
    OneOf { names, parse }
}

pub fn kinds() -> OneOf<Kind> {
    one_of(Kind::ALL.iter().map(|k| k.as_str()).collect(), str::parse)
}

pub fn meeting_kinds() -> OneOf<crate::domain::MeetingKind> {
    let all = crate::domain::MeetingKind::ALL;
    one_of(all.iter().map(|k| k.as_str()).collect(), str::parse)
}

pub fn rollups() -> OneOf<Rollup> {
    one_of(Rollup::ALL.iter().map(|r| r.as_str()).collect(), str::parse)
}

pub fn directions() -> OneOf<Direction> {
    let all = [Direction::Higher, Direction::Lower, Direction::Range];
    one_of(all.map(Direction::as_str).to_vec(), str::parse)
}

pub fn lanes() -> OneOf<Lane> {
    one_of(Lane::ALL.iter().map(|l| l.as_str()).collect(), str::parse)
}

pub fn dep_statuses() -> OneOf<DepStatus> {
    one_of(
        DepStatus::ALL.iter().map(|s| s.as_str()).collect(),
        str::parse,
    )
}

pub fn reviews() -> OneOf<ReviewWeek> {
    one_of(
        ReviewWeek::ALL.iter().map(|r| r.as_str()).collect(),
        str::parse,
    )
}

pub fn state_filters() -> OneOf<StateFilter> {
    let mut names: Vec<_> = DecisionState::ALL.iter().map(|s| s.as_str()).collect();
    names.push("all");
    one_of(names, super::follow_ups::parse_state_filter)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::super::Cli;

    fn possible(path: &[&str], arg: &str) -> Vec<String> {
        let mut cmd = Cli::command();
        cmd.build();
        let mut cmd = &cmd;
        for name in path {
            cmd = cmd.find_subcommand(name).expect("a subcommand");
        }
        let arg = cmd
            .get_arguments()
            .find(|a| a.get_id() == arg)
            .expect("an argument");
        arg.get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect()
    }

    /// Help, man pages and every completion script list the choices.
    #[test]
    fn closed_sets_declare_their_values() {
        let cases: &[(&[&str], &str, &[&str])] = &[
            (&["measure", "add"], "kind", &["leading", "lagging"]),
            (&["measure", "edit"], "rollup", &["last", "sum", "average"]),
            (
                &["measure", "edit"],
                "direction",
                &["higher", "lower", "range"],
            ),
            (
                &["dep", "update"],
                "status",
                &["on_track", "at_risk", "blocked", "done"],
            ),
            (
                &["decision", "add"],
                "lane",
                &["commitment", "guardrail", "autonomy"],
            ),
            (
                &["decision", "list"],
                "state",
                &["needed", "made", "superseded", "withdrawn", "all"],
            ),
            (&["team", "edit"], "review", &["current", "previous"]),
            (&["scorecard"], "format", &["table", "md", "json"]),
            (&["minutes"], "format", &["md", "json", "html"]),
        ];
        for (path, arg, expected) in cases {
            assert_eq!(possible(path, arg), *expected, "{path:?} --{arg}");
        }
    }

    /// The domain's parser still reads the value: any case, spaces for
    /// underscores, and its own message for a bad one.
    #[test]
    fn values_are_read_by_the_domain_parser() {
        use clap::Parser;
        let parse = |line: &str| Cli::try_parse_from(line.split(' ')).map(|_| ());
        assert!(parse("rhythm dep update 3 --status AT-RISK").is_ok());
        let e = parse("rhythm measure add N --owner A --kind sideways").unwrap_err();
        assert!(
            e.to_string()
                .contains("'sideways' is not one of: leading, lagging"),
            "{e}"
        );
    }
}
