//! Domain types as SQL values, so queries bind and read weeks, ids and the
//! text enums directly and the domain never sees rusqlite.

use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::{
    ActionId, ActionSource, ActionState, DecisionId, DecisionState, DepStatus, DependencyId,
    Direction, ItemState, Kind, Lane, MeasureId, MeetingId, MeetingKind, OffTrackId, PersonId,
    ReviewWeek, TeamId, Week,
};

fn parse_text<T: FromStr>(value: ValueRef<'_>) -> FromSqlResult<T>
where
    T::Err: std::fmt::Display,
{
    let s = value.as_str()?;
    s.parse::<T>()
        .map_err(|e| FromSqlError::Other(e.to_string().into()))
}

macro_rules! text_sql {
    ($($t:ty),+) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }
        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                parse_text(value)
            }
        }
    )+};
}
text_sql!(
    ActionSource,
    ActionState,
    DecisionState,
    DepStatus,
    Direction,
    ItemState,
    Kind,
    Lane,
    MeetingKind,
    ReviewWeek
);

macro_rules! id_sql {
    ($($t:ident),+) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }
        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($t)
            }
        }
    )+};
}
id_sql!(
    TeamId,
    PersonId,
    MeasureId,
    OffTrackId,
    ActionId,
    DependencyId,
    DecisionId,
    MeetingId
);

impl ToSql for Week {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Week {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_text(value)
    }
}
