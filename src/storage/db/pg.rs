//! The PostgreSQL side of `Db`: rewriting `?N` placeholders, binding our
//! values by the type the server inferred for each parameter, and reading
//! columns by their type into the same `ValueRef`s SQLite gives. Connecting
//! lives in `pg_connect`.

use std::cell::{Cell, RefCell, RefMut};
use std::collections::HashMap;
use std::error::Error as StdError;
use std::rc::Rc;

use bytes::BytesMut;

use postgres::types::{FromSql, IsNull, ToSql as PgToSql, Type, to_sql_checked};
use postgres::{Client, Row, Statement};

use super::{Begin, Error, Params, Result, Value, ValueRef};
use crate::pg_url::PgUrl;
use crate::pg_url::password::Credentials;

/// rhythm's writer lock's first key ("RHYT"); the second is the schema's.
const LOCK: &str = "SELECT pg_advisory_xact_lock(1380473172, hashtext(current_schema()))";

pub(super) use super::pg_connect::connect;

/// A connection and its prepared statements, by their SQL as the store
/// wrote it.
pub(super) struct Conn {
    pub(super) client: RefCell<Client>,
    /// Each with the text it was prepared from, by the SQL as written.
    cache: RefCell<HashMap<String, (Statement, Rc<str>)>>,
    /// The channel every write of this schema notifies (see `listen`).
    channel: RefCell<String>,
    /// This connection's server process, whose own notices are not news.
    pid: Cell<i32>,
    /// Commits seen from other connections: SQLite's `data_version`.
    seen: Cell<i64>,
    /// How to connect again once the server has dropped the connection (a
    /// restart, a network that blinked): screens stay open for an hour.
    again: RefCell<Option<(PgUrl, Credentials)>>,
    /// A transaction is open. A connection lost then lost the transaction
    /// with it: that is said, never carried on over a new connection.
    in_tx: Cell<bool>,
    /// The session's settings (see `set`), made again on a new connection.
    settings: RefCell<Vec<String>>,
    /// A call failed because the server ended the session: the client may
    /// not know its socket is dead yet, so the next call connects again.
    broken: Cell<bool>,
}

impl Conn {
    pub(super) fn new(client: Client) -> Conn {
        Conn {
            client: RefCell::new(client),
            cache: RefCell::new(HashMap::new()),
            channel: RefCell::new(String::new()),
            pid: Cell::new(0),
            seen: Cell::new(0),
            again: RefCell::new(None),
            in_tx: Cell::new(false),
            settings: RefCell::new(Vec::new()),
            broken: Cell::new(false),
        }
    }

    /// Notes a failure that ended the session (see `broken`).
    fn check<T>(&self, result: std::result::Result<T, postgres::Error>) -> Result<T> {
        if let Err(e) = &result
            && kind(e) == super::ErrorKind::Lost
        {
            self.broken.set(true);
        }
        Ok(result?)
    }

    /// Keeps what connecting again needs.
    pub(super) fn remember(&self, url: &PgUrl, credentials: &Credentials) {
        *self.again.borrow_mut() = Some((url.clone(), credentials.clone()));
    }

    /// The client, connected again first if the server dropped it while no
    /// transaction was open. The new connection listens again and counts
    /// as news, so an open screen reloads what it may have missed.
    fn client(&self) -> Result<RefMut<'_, Client>> {
        if self.broken.get() || self.client.borrow().is_closed() {
            if self.in_tx.get() {
                return Err(Error::LostMidWrite);
            }
            let Some((url, credentials)) = self.again.borrow().clone() else {
                return Err(Error::Message(
                    "the connection to the PostgreSQL server was lost".into(),
                ));
            };
            let fresh = super::pg_connect::connect(&url, &credentials)?;
            *self.client.borrow_mut() = fresh.client.into_inner();
            self.broken.set(false);
            self.cache.borrow_mut().clear();
            self.listen()?;
            let settings = self.settings.borrow().join("; ");
            if !settings.is_empty() {
                self.client.borrow_mut().batch_execute(&settings)?;
            }
            self.seen.set(self.seen.get() + 1);
        }
        Ok(self.client.borrow_mut())
    }

    /// Listens on the schema's channel, which every writer's commit
    /// notifies in the same transaction (`commit`): how open screens on
    /// other machines learn of a change without reading any table.
    pub(super) fn listen(&self) -> Result<()> {
        let row = self.check(self.client()?.query_one(
            "SELECT pg_backend_pid(), 'rhythm:' || current_schema()",
            &[],
        ))?;
        let pid: i32 = row.get(0);
        // No schema of the search path exists: every table would be made in
        // (or looked for in) nowhere.
        let Some(channel) = row.try_get::<_, Option<String>>(1).ok().flatten() else {
            return Err(Error::Message(
                "no schema of the search path exists in this database: create it (CREATE SCHEMA NAME) or correct options=-csearch_path in the URL".into(),
            ));
        };
        let channel = format!("\"{}\"", channel.replace('"', "\"\""));
        self.batch(&format!("LISTEN {channel}"))?;
        self.pid.set(pid);
        *self.channel.borrow_mut() = channel;
        Ok(())
    }

    /// Commits, telling every listener in the same step. A connection lost
    /// now may have lost the COMMIT or only its answer: that is said, and
    /// is not taken for a write to run again.
    pub(super) fn commit(&self, wrote: bool) -> Result<()> {
        let result = if wrote {
            let channel = self.channel.borrow().clone();
            self.batch(&format!("NOTIFY {channel}; COMMIT"))
        } else {
            self.batch("COMMIT")
        };
        self.in_tx.set(false);
        match result {
            Err(e) if e.kind() == super::ErrorKind::Lost => Err(Error::Message(
                "the connection to the PostgreSQL server was lost as the write was being saved: `rhythm log` shows whether it was".into(),
            )),
            other => other,
        }
    }

    /// How many commits of other connections have been announced so far.
    /// Reads what has arrived, waiting at most a millisecond: the driver's
    /// non-blocking `iter` looks only at what an earlier call already read
    /// off the socket, so a screen polling it alone would never hear news.
    pub(super) fn changes_seen(&self) -> Result<i64> {
        let mut client = self.client()?;
        let mut notifications = client.notifications();
        let mut pending = notifications.timeout_iter(std::time::Duration::from_millis(1));
        while let Some(n) = self.check(postgres::fallible_iterator::FallibleIterator::next(
            &mut pending,
        ))? {
            if n.process_id() != self.pid.get() {
                self.seen.set(self.seen.get() + 1);
            }
        }
        Ok(self.seen.get())
    }

    /// The statement for `sql` and the text it was prepared from, prepared
    /// once per connection when `cached`. Preparing changes nothing, so a
    /// connection found lost while no transaction is open is made again
    /// and the statement prepared there.
    pub(super) fn prepare(&self, sql: &str, cached: bool) -> Result<(Statement, Rc<str>)> {
        if let Some((stmt, text)) = self.cache.borrow().get(sql) {
            return Ok((stmt.clone(), text.clone()));
        }
        let text: Rc<str> = placeholders(sql).into();
        let stmt = self.prepare_text(&text)?;
        if cached {
            self.cache
                .borrow_mut()
                .insert(sql.to_string(), (stmt.clone(), text.clone()));
        }
        Ok((stmt, text))
    }

    /// Prepares `text` (placeholders already rewritten), connecting again
    /// first when the connection was found lost outside a transaction.
    fn prepare_text(&self, text: &str) -> Result<Statement> {
        let first = self.check(self.client()?.prepare(text));
        match first {
            Err(e) if self.again_after(&e) => self.check(self.client()?.prepare(text)),
            other => other,
        }
    }

    /// Whether a call that failed with `e` may be made once more over a
    /// new connection: the connection went while no transaction was open,
    /// so nothing is carried over (a read, a prepare, a BEGIN).
    fn again_after(&self, e: &Error) -> bool {
        e.kind() == super::ErrorKind::Lost && !self.in_tx.get()
    }

    pub(super) fn execute(&self, stmt: &Statement, params: &impl Params) -> Result<usize> {
        let values = values(stmt, params)?;
        let refs = refs(&values);
        let n = self.check(self.client()?.execute(stmt, &refs))?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    pub(super) fn query(&self, stmt: &Statement, params: &impl Params) -> Result<Vec<Row>> {
        let values = values(stmt, params)?;
        let refs = refs(&values);
        self.check(self.client()?.query(stmt, &refs))
    }

    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        self.check(self.client()?.batch_execute(sql))
    }

    /// Sets `name` to `value` for the session, and again on every new
    /// connection (see `client`).
    pub(super) fn set(&self, name: &str, value: &str) -> Result<()> {
        let sql = format!("SET {name} = {value}");
        self.batch(&sql)?;
        let mut settings = self.settings.borrow_mut();
        let prefix = format!("SET {name} =");
        match settings.iter_mut().find(|s| s.starts_with(&prefix)) {
            Some(old) => *old = sql,
            None => settings.push(sql),
        }
        Ok(())
    }

    /// Ends the open transaction without keeping it; on a lost connection
    /// it is gone already.
    pub(super) fn rollback(&self) -> Result<()> {
        let open = self.in_tx.replace(false);
        if open && !self.client.borrow().is_closed() {
            self.client.borrow_mut().batch_execute("ROLLBACK")?;
        }
        Ok(())
    }

    /// Begins a transaction in one round trip; a writer's waits for the
    /// writer lock (as long as `lock_timeout`), a reader's sees one moment.
    pub(super) fn begin(&self, begin: Begin) -> Result<()> {
        let sql = match begin {
            Begin::Immediate => format!("BEGIN; {LOCK}"),
            Begin::Deferred => "BEGIN ISOLATION LEVEL REPEATABLE READ".to_string(),
        };
        let result = match self.batch(&sql) {
            // Found lost before anything began: once more, connected again.
            Err(e) if self.again_after(&e) => self.batch(&sql),
            other => other,
        };
        self.in_tx.set(true);
        if result.is_err() {
            // The lock's wait failed inside the transaction it began.
            let _ = self.rollback();
        }
        result
    }
}

/// A statement and the text it was prepared from (shared with the cache,
/// not copied), which a read outside a transaction prepares again on a new
/// connection when the server dropped the old one: the first read after a
/// restart reads, instead of failing.
pub(crate) struct Prepared {
    pub(super) stmt: Statement,
    text: Rc<str>,
}

impl Prepared {
    pub(super) fn new(conn: &Conn, sql: &str, cached: bool) -> Result<Prepared> {
        let (stmt, text) = conn.prepare(sql, cached)?;
        Ok(Prepared { stmt, text })
    }

    pub(super) fn query(&mut self, conn: &Conn, params: &impl Params) -> Result<Vec<Row>> {
        match conn.query(&self.stmt, params) {
            Err(e) if conn.again_after(&e) => {
                self.stmt = conn.prepare_text(&self.text)?;
                conn.query(&self.stmt, params)
            }
            other => other,
        }
    }
}

/// `?N` becomes `$N` outside quoted text, identifiers and comments: the
/// store writes SQLite's numbered placeholders, which mean the same.
pub(super) fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '?' if chars.peek().is_some_and(char::is_ascii_digit) => out.push('$'),
            c => out.push(c),
        }
    }
    out
}

fn values<'p>(stmt: &Statement, params: &'p impl Params) -> Result<Vec<Bind<'p>>> {
    let types = stmt.params();
    if types.len() != params.count() {
        return Err(Error::ParameterCount {
            expected: types.len(),
            given: params.count(),
        });
    }
    Ok((0..params.count())
        .map(|i| Bind(super::ToSql::to_sql(params.at(i))))
        .collect())
}

fn refs<'a>(values: &'a [Bind<'_>]) -> Vec<&'a (dyn PgToSql + Sync)> {
    values.iter().map(|v| v as &(dyn PgToSql + Sync)).collect()
}

/// A value bound as the type the server inferred for its parameter, the
/// way SQLite would have taken it: integers into any integer or boolean,
/// numbers into floats, text into text or JSON.
#[derive(Debug)]
struct Bind<'a>(Value<'a>);

type BoxError = Box<dyn StdError + Sync + Send>;

impl PgToSql for Bind<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        match (&self.0, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Int(i), &Type::INT8) => i.to_sql(ty, out),
            (Value::Int(i), &Type::INT4) => i32::try_from(*i)?.to_sql(ty, out),
            (Value::Int(i), &Type::INT2) => i16::try_from(*i)?.to_sql(ty, out),
            (Value::Int(i), &Type::FLOAT8) => (*i as f64).to_sql(ty, out),
            (Value::Int(i), &Type::BOOL) => (*i != 0).to_sql(ty, out),
            (Value::Int(i), &Type::TEXT | &Type::VARCHAR) => i.to_string().to_sql(ty, out),
            (Value::Real(f), &Type::FLOAT8) => f.to_sql(ty, out),
            (Value::Real(f), &Type::FLOAT4) => (*f as f32).to_sql(ty, out),
            (Value::Text(s), &Type::JSON) => s.as_ref().to_sql(&Type::TEXT, out),
            (Value::Text(s), _) if <&str as PgToSql>::accepts(ty) => s.as_ref().to_sql(ty, out),
            (v, ty) => Err(format!("cannot bind {v:?} as a parameter of type {ty}").into()),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// A column's bytes as the server sent them, whatever its type.
struct Raw<'a>(&'a [u8]);

impl<'a> FromSql<'a> for Raw<'a> {
    fn from_sql(_: &Type, raw: &'a [u8]) -> std::result::Result<Raw<'a>, BoxError> {
        Ok(Raw(raw))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// Column `i` of `row` as SQLite would have given it.
pub(super) fn value_ref(row: &Row, i: usize) -> Result<ValueRef<'_>> {
    let Some(column) = row.columns().get(i) else {
        return Err(Error::Message(format!("no column {i} in the row")));
    };
    let Some(Raw(raw)) = row.try_get::<_, Option<Raw<'_>>>(i)? else {
        return Ok(ValueRef::Null);
    };
    let ty = column.type_();
    let bad = || {
        Error::Message(format!(
            "column {} of type {ty} could not be read",
            column.name()
        ))
    };
    Ok(match *ty {
        Type::INT8 => ValueRef::Int(i64::from_be_bytes(raw.try_into().map_err(|_| bad())?)),
        Type::INT4 => ValueRef::Int(i32::from_be_bytes(raw.try_into().map_err(|_| bad())?).into()),
        Type::INT2 => ValueRef::Int(i16::from_be_bytes(raw.try_into().map_err(|_| bad())?).into()),
        Type::FLOAT8 => ValueRef::Real(f64::from_be_bytes(raw.try_into().map_err(|_| bad())?)),
        Type::FLOAT4 => {
            ValueRef::Real(f32::from_be_bytes(raw.try_into().map_err(|_| bad())?).into())
        }
        Type::BOOL => ValueRef::Int(i64::from(raw.first().is_some_and(|b| *b != 0))),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::JSON => {
            ValueRef::Text(raw)
        }
        _ => {
            return Err(Error::Message(format!(
                "column {} has the type {ty}, which rhythm does not read",
                column.name()
            )));
        }
    })
}

/// What the server said, in the kinds the store words for people.
pub(super) fn kind(e: &postgres::Error) -> super::ErrorKind {
    use super::ErrorKind as K;
    use postgres::error::SqlState;
    let Some(code) = e.code() else {
        return if e.is_closed() { K::Lost } else { K::Other };
    };
    match *code {
        SqlState::LOCK_NOT_AVAILABLE => K::Busy,
        SqlState::T_R_SERIALIZATION_FAILURE | SqlState::T_R_DEADLOCK_DETECTED => K::Retry,
        SqlState::DISK_FULL => K::DiskFull,
        SqlState::READ_ONLY_SQL_TRANSACTION => K::ReadOnly,
        SqlState::DATA_CORRUPTED | SqlState::INDEX_CORRUPTED => K::Corrupt,
        // The server ended the session (a restart, an administrator) or the
        // link failed: the next call connects again.
        SqlState::ADMIN_SHUTDOWN | SqlState::CRASH_SHUTDOWN | SqlState::CANNOT_CONNECT_NOW => {
            K::Lost
        }
        _ if code.code().starts_with("08") => K::Lost,
        _ => K::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn numbered_placeholders_become_dollars_outside_quotes_and_comments() {
        assert_eq!(
            placeholders(
                "SELECT a FROM t WHERE a = ?1 AND b = ?12 -- ?3\n AND c = '?4' AND \"?5\" = ?2"
            ),
            "SELECT a FROM t WHERE a = $1 AND b = $12 -- ?3\n AND c = '?4' AND \"?5\" = $2"
        );
        assert_eq!(
            placeholders("SELECT 'it''s ?1', ?1"),
            "SELECT 'it''s ?1', $1"
        );
    }
}
