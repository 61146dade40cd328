//! Values as rhythm's SQL sees them, the same on every database it speaks:
//! what a parameter binds (`ToSql`) and what a column reads as (`FromSql`).
//! Times and dates are text, written exactly as the store has always
//! written them, so a file's bytes do not depend on the driver.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone as _, Utc};

/// A parameter's value. Booleans bind as 0 and 1, as SQLite keeps them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
}

/// A column's value as read, borrowed from the row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    Null,
    Int(i64),
    Real(f64),
    /// Text as stored: a damaged file may hold bytes that are not UTF-8.
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

/// The kinds of stored value, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Null,
    Integer,
    Real,
    Text,
    Blob,
}

impl<'a> ValueRef<'a> {
    pub fn data_type(&self) -> Type {
        match self {
            ValueRef::Null => Type::Null,
            ValueRef::Int(_) => Type::Integer,
            ValueRef::Real(_) => Type::Real,
            ValueRef::Text(_) => Type::Text,
            ValueRef::Blob(_) => Type::Blob,
        }
    }

    pub fn as_str(&self) -> Result<&'a str, FromSqlError> {
        match self {
            ValueRef::Text(t) => std::str::from_utf8(t).map_err(FromSqlError::other),
            other => Err(FromSqlError::InvalidType(other.data_type())),
        }
    }

    pub fn as_i64(&self) -> Result<i64, FromSqlError> {
        match self {
            ValueRef::Int(i) => Ok(*i),
            other => Err(FromSqlError::InvalidType(other.data_type())),
        }
    }

    /// The bytes of a text or blob value.
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        match self {
            ValueRef::Text(b) | ValueRef::Blob(b) => Some(b),
            _ => None,
        }
    }
}

/// Why a stored value could not be read as the type asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum FromSqlError {
    /// The value is stored as this kind, which the type cannot hold.
    InvalidType(Type),
    OutOfRange(i64),
    Other(String),
}

impl FromSqlError {
    pub fn other(e: impl std::fmt::Display) -> FromSqlError {
        FromSqlError::Other(e.to_string())
    }
}

impl std::fmt::Display for FromSqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FromSqlError::InvalidType(t) => write!(f, "a {t:?} value is not of the type read"),
            FromSqlError::OutOfRange(i) => write!(f, "{i} is out of range"),
            FromSqlError::Other(s) => f.write_str(s),
        }
    }
}

pub type FromSqlResult<T> = Result<T, FromSqlError>;

pub trait ToSql {
    fn to_sql(&self) -> Value<'_>;
}

pub trait FromSql: Sized {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self>;
}

impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_sql(&self) -> Value<'_> {
        (**self).to_sql()
    }
}

impl<T: ToSql> ToSql for Option<T> {
    fn to_sql(&self) -> Value<'_> {
        match self {
            Some(v) => v.to_sql(),
            None => Value::Null,
        }
    }
}

impl<T: FromSql> FromSql for Option<T> {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Null => Ok(None),
            v => T::from_sql(v).map(Some),
        }
    }
}

impl ToSql for str {
    fn to_sql(&self) -> Value<'_> {
        Value::Text(Cow::Borrowed(self))
    }
}

impl ToSql for String {
    fn to_sql(&self) -> Value<'_> {
        Value::Text(Cow::Borrowed(self))
    }
}

impl FromSql for String {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value.as_str().map(str::to_string)
    }
}

impl ToSql for bool {
    fn to_sql(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}

impl FromSql for bool {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value.as_i64().map(|i| i != 0)
    }
}

impl ToSql for f64 {
    fn to_sql(&self) -> Value<'_> {
        Value::Real(*self)
    }
}

impl FromSql for f64 {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Int(i) => Ok(i as f64),
            ValueRef::Real(f) => Ok(f),
            other => Err(FromSqlError::InvalidType(other.data_type())),
        }
    }
}

impl ToSql for i64 {
    fn to_sql(&self) -> Value<'_> {
        Value::Int(*self)
    }
}

impl FromSql for i64 {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value.as_i64()
    }
}

macro_rules! int_sql {
    ($($t:ty),+) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> Value<'_> {
                // Every count rhythm keeps fits; one that did not would be
                // a bug, and storing the largest value says so loudly.
                Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
        impl FromSql for $t {
            fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let i = value.as_i64()?;
                <$t>::try_from(i).map_err(|_| FromSqlError::OutOfRange(i))
            }
        }
    )+};
}
int_sql!(i32, u8, u16, u32, u64, usize);

impl ToSql for NaiveDate {
    fn to_sql(&self) -> Value<'_> {
        Value::Text(Cow::Owned(self.format("%F").to_string()))
    }
}

impl FromSql for NaiveDate {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s, "%F").map_err(FromSqlError::other))
    }
}

/// A moment in UTC is written `2026-06-08 08:00:00+00:00` (with a fraction
/// when it has one).
impl ToSql for DateTime<Utc> {
    fn to_sql(&self) -> Value<'_> {
        Value::Text(Cow::Owned(self.format("%F %T%.f%:z").to_string()))
    }
}

/// Read as SQLite's driver always read it: seconds since 1970, text with a
/// space or a `T` and an offset, or text with no offset taken as UTC.
impl FromSql for DateTime<Utc> {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        if let ValueRef::Int(i) = value {
            return DateTime::from_timestamp_secs(i).ok_or(FromSqlError::OutOfRange(i));
        }
        let s = value.as_str()?;
        let t = s.len() >= 11 && s.as_bytes()[10] == b'T';
        let (with_zone, without) = if t {
            ("%FT%T%.f%#z", "%FT%T%.f")
        } else {
            ("%F %T%.f%#z", "%F %T%.f")
        };
        if let Ok(dt) = DateTime::parse_from_str(s, with_zone) {
            return Ok(dt.with_timezone(&Utc));
        }
        NaiveDateTime::parse_from_str(s, without)
            .map(|dt| Utc.from_utc_datetime(&dt))
            .map_err(FromSqlError::other)
    }
}

/// What a row holds, owned: for tests that compare whole rows.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq)]
pub enum Owned {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

#[cfg(test)]
impl FromSql for Owned {
    fn from_sql(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Ok(match value {
            ValueRef::Null => Owned::Null,
            ValueRef::Int(i) => Owned::Int(i),
            ValueRef::Real(f) => Owned::Real(f),
            ValueRef::Text(t) => Owned::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Owned::Blob(b.to_vec()),
        })
    }
}

#[cfg(test)]
impl ToSql for Owned {
    fn to_sql(&self) -> Value<'_> {
        match self {
            Owned::Null => Value::Null,
            Owned::Int(i) => Value::Int(*i),
            Owned::Real(f) => Value::Real(*f),
            Owned::Text(s) => Value::Text(Cow::Borrowed(s)),
            // rhythm stores no blobs; one read from a damaged file is
            // written back as its text.
            Owned::Blob(b) => Value::Text(Cow::Owned(String::from_utf8_lossy(b).into_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::{FromSql as _, ToSqlOutput, ValueRef as SqlRef};

    /// The times every file holds were written and read by rusqlite's own
    /// conversions: ours must write the same text and read the same moment
    /// (or fail) from every shape of stored value.
    #[test]
    fn times_and_dates_read_and_write_as_rusqlite_did() {
        let texts = [
            "2026-06-08 08:00:00+00:00",
            "2026-06-08 08:00:00.123456+00:00",
            "2026-06-08T08:00:00Z",
            "2026-06-08T08:00:00+02:00",
            "2026-06-08 08:00:00",
            "2026-06-08T08:00:00.5",
            "2026-06-08 08:00:00 +0100",
            "2026-06-08",
            "9999-12-31 23:59:59+00:00",
            "not a time",
            "",
        ];
        for text in texts {
            let ours = DateTime::<Utc>::from_sql(ValueRef::Text(text.as_bytes())).ok();
            let theirs = DateTime::<Utc>::column_result(SqlRef::Text(text.as_bytes())).ok();
            assert_eq!(ours, theirs, "{text}");
            let ours = NaiveDate::from_sql(ValueRef::Text(text.as_bytes())).ok();
            let theirs = NaiveDate::column_result(SqlRef::Text(text.as_bytes())).ok();
            assert_eq!(ours, theirs, "{text}");
        }
        for secs in [0, 1_780_000_000, -1, i64::MAX] {
            let ours = DateTime::<Utc>::from_sql(ValueRef::Int(secs)).ok();
            let theirs = DateTime::<Utc>::column_result(SqlRef::Integer(secs)).ok();
            assert_eq!(ours, theirs, "{secs}");
        }
        let moments = [
            "2026-06-08T08:00:00Z",
            "2026-06-08T08:00:00.25Z",
            "1900-01-01T00:00:00.000000001Z",
        ];
        for moment in moments {
            let t: DateTime<Utc> = moment.parse().unwrap();
            let Value::Text(ours) = ToSql::to_sql(&t) else {
                panic!("{moment} is not text")
            };
            let Ok(ToSqlOutput::Owned(rusqlite::types::Value::Text(theirs))) =
                rusqlite::types::ToSql::to_sql(&t)
            else {
                panic!("{moment}")
            };
            assert_eq!(ours, theirs);
            let day = t.date_naive();
            let Value::Text(ours) = ToSql::to_sql(&day) else {
                panic!()
            };
            assert_eq!(ours, day.format("%F").to_string());
        }
    }

    #[test]
    fn numbers_out_of_a_type_range_are_refused_not_wrapped() {
        assert_eq!(
            u8::from_sql(ValueRef::Int(256)),
            Err(FromSqlError::OutOfRange(256))
        );
        assert_eq!(
            u32::from_sql(ValueRef::Int(-1)),
            Err(FromSqlError::OutOfRange(-1))
        );
        assert_eq!(f64::from_sql(ValueRef::Int(3)), Ok(3.0));
        assert!(i64::from_sql(ValueRef::Real(3.0)).is_err());
        assert!(String::from_sql(ValueRef::Text(b"\xff")).is_err());
        assert_eq!(Option::<i64>::from_sql(ValueRef::Null), Ok(None));
    }
}
