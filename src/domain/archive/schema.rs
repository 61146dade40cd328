//! The JSON Schema of the export, generated from the record types (their
//! serde attributes are the format's definition), and shipped as
//! `assets/export.schema.json` so tools outside rhythm can check a file
//! without running it. It describes what this build writes: version 4.
//! Rules no schema states (references resolve, names are unique, a range
//! has both ends, a week exists) are `Archive::validate`'s.
//!
//! Records keep times, dates and weeks as text; the types below only name
//! the shape of that text in the schema.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::Archive;

/// The schema as `assets/export.schema.json` holds it.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Archive);
    // A `Schema` is a JSON value with string keys: it always serialises.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A moment as the export writes it: RFC 3339 in UTC, with `Z`.
pub struct Time;

impl JsonSchema for Time {
    fn schema_name() -> Cow<'static, str> {
        "Time".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A moment in UTC, in RFC 3339 with `Z`, such as 2026-11-25T09:00:00Z.",
            "type": "string",
            "format": "date-time",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$",
        })
    }
}

/// A day, as YYYY-MM-DD.
pub struct Date;

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A day, such as 2026-11-25.",
            "type": "string",
            "format": "date",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
        })
    }
}

/// An ISO week, as `Week` writes it.
pub struct WeekText;

impl JsonSchema for WeekText {
    fn schema_name() -> Cow<'static, str> {
        "Week".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An ISO 8601 week, such as 2026-W48.",
            "type": "string",
            "pattern": r"^\d{4}-W\d{2}$",
        })
    }
}

/// A trigger rule's comparison, as the store keeps it.
pub struct ConditionWord;

impl JsonSchema for ConditionWord {
    fn schema_name() -> Cow<'static, str> {
        "Condition".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "What a value is compared with: below, at_most, above or at_least `low`; outside or within `low`..`high`.",
            "type": "string",
            "enum": ["below", "at_most", "above", "at_least", "outside", "within"],
        })
    }
}

/// The periods a trigger rule counts.
pub struct PeriodWord;

impl JsonSchema for PeriodWord {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Weeks, or calendar months (each week in its Thursday's month).",
            "type": "string",
            "enum": ["weeks", "months"],
        })
    }
}

/// A calendar quarter, as `Quarter` writes it.
pub struct QuarterText;

impl JsonSchema for QuarterText {
    fn schema_name() -> Cow<'static, str> {
        "Quarter".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar quarter, such as 2026-Q4 (October to December 2026).",
            "type": "string",
            "pattern": r"^\d{4}-Q[1-4]$",
        })
    }
}

/// A calendar month, as `Month` writes it.
pub struct MonthText;

impl JsonSchema for MonthText {
    fn schema_name() -> Cow<'static, str> {
        "Month".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar month, such as 2026-12.",
            "type": "string",
            "pattern": r"^\d{4}-\d{2}$",
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/export.schema.json");

    #[test]
    fn export_schema_file_is_up_to_date() {
        let fresh = super::schema();
        // `RHYTHM_BLESS_SCHEMA=1 cargo test --lib export_schema` writes it.
        if std::env::var_os("RHYTHM_BLESS_SCHEMA").is_some() {
            std::fs::write(PATH, &fresh).unwrap();
            return;
        }
        let shipped = std::fs::read_to_string(PATH).unwrap_or_default();
        assert!(
            shipped == fresh,
            "assets/export.schema.json is stale: RHYTHM_BLESS_SCHEMA=1 cargo test --lib export_schema"
        );
    }
}
