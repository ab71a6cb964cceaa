//! SQLite backend: one writer connection behind a mutex, a small pool of readers.
//!
//! SQLite allows one writer at a time anyway, so a mutex in front of a single write
//! connection turns lock contention into a fair queue instead of `SQLITE_BUSY` retries.
//! Requests write through [`GroupWriter`], which commits many of them at once.
//! WAL mode lets the readers (pulls) run alongside that writer. `synchronous=FULL` makes
//! a commit durable before the push response leaves the server.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::checkpoint::{self, Checkpointer};
use super::group_commit::GroupWriter;
use super::{Backend, PoolOptions, Row, Slots, Tx, Value, migrate};
use crate::error::{Result, ServerError};

const BUSY_TIMEOUT_MS: u32 = 10_000;
/// The writer's page cache, as SQLite's negative `cache_size`: 64 MiB.
const WRITER_CACHE_KIB: i64 = -65_536;
/// Prepared statements kept per connection. The writer runs about twenty distinct
/// statements (pushes, enrollment, savepoints); rusqlite's default of 16 would make
/// them evict each other and be parsed again.
const STATEMENT_CACHE: usize = 64;

#[derive(Clone)]
pub struct SqliteDb {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Arc<Mutex<Connection>>,
    group: GroupWriter,
    checkpoints: Checkpointer,
    readers: r2d2::Pool<ReaderManager>,
    /// One per reader connection.
    slots: Slots,
}

impl std::fmt::Debug for SqliteDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteDb").field("path", &self.inner.path).finish_non_exhaustive()
    }
}

impl SqliteDb {
    pub fn open(path: &Path, options: PoolOptions) -> Result<SqliteDb> {
        let mut writer = Connection::open(path)?;
        configure(&writer)?;
        // A large batch dirties many pages; keeping them in memory until commit avoids
        // spilling them to the WAL mid-transaction.
        writer.pragma_update(None, "cache_size", WRITER_CACHE_KIB)?;
        migrate::sqlite(&mut writer)?;
        checkpoint::leave_to_checkpointer(&writer)?;
        let checkpoints = Checkpointer::start(checkpoint::connect(path)?)?;
        let reader_count = options.max_connections.clamp(1, 8);
        let readers = r2d2::Pool::builder()
            .max_size(reader_count)
            .min_idle(Some(1))
            .connection_timeout(options.acquire_timeout)
            .build(ReaderManager { path: path.to_owned() })?;
        let writer = Arc::new(Mutex::new(writer));
        let group = GroupWriter::start(writer.clone(), checkpoints.clone())?;
        let slots = Slots::new(reader_count, options.acquire_timeout);
        let inner = Inner { path: path.to_owned(), writer, group, checkpoints, readers, slots };
        Ok(SqliteDb { inner: Arc::new(inner) })
    }

    pub(super) fn slots(&self) -> &Slots {
        &self.inner.slots
    }

    /// A write from a request: joins the next group commit.
    pub async fn write_grouped<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Tx) -> Result<T> + Send + 'static,
    {
        self.inner.group.write(work).await
    }

    pub fn write<T>(&self, work: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        // A panic while holding the lock leaves the connection usable: the open
        // transaction rolls back when it is dropped.
        let mut conn = self.inner.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut handle = SqliteTx { conn: &tx };
        let out = work(&mut handle)?;
        tx.commit()?;
        self.inner.checkpoints.nudge();
        Ok(out)
    }

    pub fn read<T>(&self, work: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        let mut conn = self.inner.readers.get()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let mut handle = SqliteTx { conn: &tx };
        let out = work(&mut handle)?;
        tx.commit()?;
        Ok(out)
    }
}

pub(super) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(u64::from(BUSY_TIMEOUT_MS)))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Statement journals (a statement that fails part-way is undone from one) and the
    // sort of a pull's ORDER BY are temporary files. They never serve crash recovery
    // (the WAL does that), so memory is the right place for them: on disk every page
    // they hold costs write() calls on the writer's critical path.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(statement_reuse(conn)?)
}

/// Makes cached statements reusable as they are. Without the query planner stability
/// guarantee SQLite re-plans a statement whenever a bound value could change its plan:
/// a bound `LIMIT` (every pull) was parsed and planned again on every call.
fn statement_reuse(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

#[derive(Debug)]
struct ReaderManager {
    path: PathBuf,
}

impl r2d2::ManageConnection for ReaderManager {
    type Connection = Connection;
    type Error = rusqlite::Error;

    fn connect(&self) -> Result<Connection, rusqlite::Error> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&self.path, flags)?;
        conn.busy_timeout(std::time::Duration::from_millis(u64::from(BUSY_TIMEOUT_MS)))?;
        conn.pragma_update(None, "query_only", "ON")?;
        statement_reuse(&conn)?;
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut Connection) -> Result<(), rusqlite::Error> {
        conn.execute_batch("")
    }

    fn has_broken(&self, _conn: &mut Connection) -> bool {
        false
    }
}

pub(super) struct SqliteTx<'a> {
    pub(super) conn: &'a Connection,
}

impl Tx for SqliteTx<'_> {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let mut stmt = self.conn.prepare_cached(&numbered_placeholders(sql))?;
        let changed = stmt.execute(rusqlite::params_from_iter(params.iter()))?;
        Ok(changed as u64)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let mut stmt = self.conn.prepare_cached(&numbered_placeholders(sql))?;
        let width = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(match row.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(v) => Value::Int(v),
                    ValueRef::Text(t) => Value::Text(
                        std::str::from_utf8(t)
                            .map_err(|_| ServerError::corrupt(format!("column {i} is not UTF-8")))?
                            .to_owned(),
                    ),
                    ValueRef::Real(_) | ValueRef::Blob(_) => {
                        return Err(ServerError::corrupt(format!("column {i} has a type this server never writes")));
                    }
                });
            }
            out.push(Row(values));
        }
        Ok(out)
    }

    fn batch(&mut self, sql: &str) -> Result<()> {
        // One statement (a savepoint, run for every mutation) is prepared once and
        // reused; several go through SQLite's batch parser.
        if sql.contains(';') {
            return Ok(self.conn.execute_batch(sql)?);
        }
        self.conn.prepare_cached(sql)?.raw_execute()?;
        Ok(())
    }

    fn backend(&self) -> Backend {
        Backend::Sqlite
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(v) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Bool(b) => ToSqlOutput::Borrowed(ValueRef::Integer(i64::from(*b))),
        })
    }
}

/// Rewrites `$1` placeholders to `?1` where it matters. SQLite accepts `$1` too, but as a
/// *named* parameter numbered by first appearance; `?1` binds by its number, like
/// PostgreSQL. The two agree when the placeholders first appear in order (`$1`, then
/// `$2`, ...), as in most statements, which are then passed on as they are; only the
/// others are copied. The queries hold no string literals with `$` in them, so a plain
/// scan is enough. It runs for every statement: swapping `$` for `?` (both one ASCII
/// byte) keeps the text valid UTF-8.
pub(crate) fn numbered_placeholders(sql: &str) -> Cow<'_, str> {
    if placeholders_in_order(sql) {
        return Cow::Borrowed(sql);
    }
    let mut bytes = sql.as_bytes().to_vec();
    for i in 1..bytes.len() {
        if bytes[i - 1] == b'$' && bytes[i].is_ascii_digit() {
            bytes[i - 1] = b'?';
        }
    }
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Does every placeholder first appear in numeric order, with none skipped?
fn placeholders_in_order(sql: &str) -> bool {
    let bytes = sql.as_bytes();
    let mut highest = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' {
            let digits = bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
            let number = sql[i + 1..i + 1 + digits].parse::<u32>().unwrap_or(0);
            if digits > 0 && number > highest {
                if number != highest + 1 {
                    return false;
                }
                highest = number;
            }
            i += 1 + digits;
        } else {
            i += 1;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered_question_marks() {
        assert_eq!(numbered_placeholders("SELECT $2, $1 WHERE a = $10"), "SELECT ?2, ?1 WHERE a = ?10");
        assert_eq!(numbered_placeholders("SELECT $1, $3, $2"), "SELECT ?1, ?3, ?2");
        // In order (repeats allowed): passed on untouched, which binds the same.
        assert!(matches!(numbered_placeholders("SELECT $1, $2, $1, $10"), Cow::Owned(_)), "$10 skips $3..$9");
        assert!(matches!(numbered_placeholders("SELECT $1 WHERE $2 > $1 AND $3"), Cow::Borrowed(_)));
    }

    #[test]
    fn out_of_order_placeholders_bind_by_number() {
        let conn = Connection::open_in_memory().unwrap();
        let mut tx = SqliteTx { conn: &conn };
        let rows = tx.query("SELECT $2, $1", crate::params!["one", 2i64]).unwrap();
        assert_eq!(rows[0].0, vec![Value::Int(2), Value::Text("one".into())]);
        let rows = tx.query("SELECT $1, $2, $1", crate::params!["one", 2i64]).unwrap();
        assert_eq!(rows[0].0, vec![Value::Text("one".into()), Value::Int(2), Value::Text("one".into())]);
    }
}
