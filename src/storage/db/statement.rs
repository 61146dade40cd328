//! Prepared statements and the rows they return, on either database.

use super::{Error, FromSql, Params, Result, ValueRef, counted, pg, sqlite};

/// A prepared statement.
pub struct Statement<'db> {
    pub(super) inner: StatementInner<'db>,
}

pub(super) enum StatementInner<'db> {
    Plain(rusqlite::Statement<'db>),
    Cached(rusqlite::CachedStatement<'db>),
    Pg(&'db pg::Conn, pg::Prepared),
}

impl<'db> Statement<'db> {
    /// Runs a statement that returns no rows; gives the rows it changed.
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        counted();
        let stmt = match &mut self.inner {
            StatementInner::Plain(s) => s,
            StatementInner::Cached(s) => &mut **s,
            StatementInner::Pg(c, s) => return c.execute(&s.stmt, &params),
        };
        sqlite::bind(stmt, &params)?;
        Ok(stmt.raw_execute()?)
    }

    pub fn query(&mut self, params: impl Params) -> Result<Rows<'_>> {
        counted();
        let stmt = match &mut self.inner {
            StatementInner::Plain(s) => s,
            StatementInner::Cached(s) => &mut **s,
            StatementInner::Pg(c, s) => {
                return Ok(Rows {
                    inner: RowsInner::Pg(s.query(c, &params)?.into_iter()),
                    current: None,
                });
            }
        };
        sqlite::bind(stmt, &params)?;
        Ok(Rows {
            inner: RowsInner::Sqlite(stmt.raw_query()),
            current: None,
        })
    }

    /// The rows, each read by `f`, as they are stepped through.
    pub fn query_map<T, F: FnMut(&Row<'_>) -> Result<T>>(
        &mut self,
        params: impl Params,
        f: F,
    ) -> Result<MappedRows<'_, F>> {
        Ok(MappedRows {
            rows: self.query(params)?,
            f,
        })
    }

    /// The first row read by `f`; `Error::NoRows` when there is none.
    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        match self.query(params)?.next()? {
            Some(row) => f(&row),
            None => Err(Error::NoRows),
        }
    }

    #[cfg(test)]
    pub fn column_count(&mut self) -> usize {
        match &self.inner {
            StatementInner::Plain(s) => s.column_count(),
            StatementInner::Cached(s) => s.column_count(),
            StatementInner::Pg(_, s) => s.stmt.columns().len(),
        }
    }
}

/// The rows of a query, stepped through one at a time. PostgreSQL's are
/// all fetched when the query runs.
pub struct Rows<'stmt> {
    inner: RowsInner<'stmt>,
    current: Option<postgres::Row>,
}

enum RowsInner<'stmt> {
    Sqlite(rusqlite::Rows<'stmt>),
    Pg(std::vec::IntoIter<postgres::Row>),
}

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)] // a row borrows the cursor, as rusqlite's does
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match &mut self.inner {
            RowsInner::Sqlite(rows) => Ok(rows.next()?.map(|r| Row {
                inner: RowInner::Sqlite(r),
            })),
            RowsInner::Pg(rows) => {
                self.current = rows.next();
                Ok(self.current.as_ref().map(|r| Row {
                    inner: RowInner::Pg(r),
                }))
            }
        }
    }
}

/// The rows of `Statement::query_map`.
pub struct MappedRows<'stmt, F> {
    rows: Rows<'stmt>,
    f: F,
}

impl<T, F: FnMut(&Row<'_>) -> Result<T>> Iterator for MappedRows<'_, F> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(row)) => Some((self.f)(&row)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// One row of a query's result.
pub struct Row<'a> {
    inner: RowInner<'a>,
}

enum RowInner<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Pg(&'a postgres::Row),
}

/// How a column is named in `Row::get`: by its position.
pub trait ColumnIndex {
    fn position(&self) -> usize;
}

impl ColumnIndex for usize {
    fn position(&self) -> usize {
        *self
    }
}

impl Row<'_> {
    /// The column at `idx` read as `T`.
    pub fn get<I: ColumnIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let i = idx.position();
        let value = self.get_ref(i)?;
        T::from_sql(value).map_err(|error| Error::Conversion {
            column: i,
            name: match self.inner {
                RowInner::Sqlite(r) => sqlite::column_name(r, i),
                RowInner::Pg(r) => r
                    .columns()
                    .get(i)
                    .map(|c| c.name().to_string())
                    .unwrap_or_default(),
            },
            error,
        })
    }

    /// The column at `idx` as stored.
    pub fn get_ref(&self, idx: usize) -> Result<ValueRef<'_>> {
        match self.inner {
            RowInner::Sqlite(r) => Ok(sqlite::value_ref(r.get_ref(idx)?)),
            RowInner::Pg(r) => pg::value_ref(r, idx),
        }
    }
}
