//! Domain types as SQL values, so queries bind and read weeks, ids and the
//! text enums directly and the domain never sees the database's types.

use std::str::FromStr;

use super::db::{FromSql, FromSqlError, FromSqlResult, ToSql, Value, ValueRef};

use crate::domain::{
    ActionId, ActionSource, ActionState, BriefItemId, BriefKind, DecisionId, DecisionState,
    DepStatus, DependencyId, Direction, ItemState, Kind, Lane, MeasureId, MeetingId, MeetingKind,
    OffTrackId, PersonId, Quarter, ReviewWeek, Rollup, TeamId, TriggerId, Week,
};
use crate::domain::{
    FlexDrawId, InitiativeId, MilestoneId, Month, Phase, PlanState, SectionKind, Serving,
};

fn parse_text<T: FromStr>(value: ValueRef<'_>) -> FromSqlResult<T>
where
    T::Err: std::fmt::Display,
{
    let s = value.as_str()?;
    s.parse::<T>().map_err(FromSqlError::other)
}

macro_rules! text_sql {
    ($($t:ty),+) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> Value<'_> {
                Value::Text(self.as_str().into())
            }
        }
        impl FromSql for $t {
            fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
                parse_text(value)
            }
        }
    )+};
}
text_sql!(
    ActionSource,
    Rollup,
    BriefKind,
    ActionState,
    DecisionState,
    DepStatus,
    Direction,
    ItemState,
    Kind,
    Lane,
    MeetingKind,
    Phase,
    PlanState,
    ReviewWeek,
    SectionKind,
    Serving
);

macro_rules! id_sql {
    ($($t:ident),+) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> Value<'_> {
                Value::Int(self.0)
            }
        }
        impl FromSql for $t {
            fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::from_sql(value).map($t)
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
    MeetingId,
    BriefItemId,
    InitiativeId,
    MilestoneId,
    FlexDrawId,
    TriggerId
);

impl ToSql for Month {
    fn to_sql(&self) -> Value<'_> {
        Value::Text(self.to_string().into())
    }
}

impl FromSql for Month {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_text(value)
    }
}

impl ToSql for Quarter {
    fn to_sql(&self) -> Value<'_> {
        Value::Text(self.to_string().into())
    }
}

impl FromSql for Quarter {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_text(value)
    }
}

impl ToSql for Week {
    fn to_sql(&self) -> Value<'_> {
        Value::Text(self.to_string().into())
    }
}

impl FromSql for Week {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_text(value)
    }
}
