//! Storage: one small interface over SQLite and PostgreSQL.
//!
//! The protocol code is written once against [`Tx`]: run a statement, get rows back.
//! Every query is one SQL text with PostgreSQL-style `$1..$n` placeholders that both
//! backends accept (the SQLite side rewrites them to `?1..?n`, which bind by number).
//! Values cross the boundary as [`Value`], a deliberately tiny set of types: integers,
//! text, booleans and NULL. Anything richer (JSON, timestamps) is stored as text.
//!
//! Transactions are closures: [`Db::write`] and [`Db::read`] begin, run the closure and
//! commit, or roll back when it returns an error. The async variants move that work
//! off the runtime threads (to Tokio's blocking pool, or SQLite's group-commit writer
//! thread), so a slow disk or a long lock wait never blocks accepting connections.
//! Only as many of them go to the blocking pool at once as there are connections to
//! run them ([`Slots`]): the rest wait as cheap async tasks, instead of as hundreds of
//! pool threads contending for a handful of connections.

mod checkpoint;
mod group_commit;
mod migrate;
mod pg;
mod sqlite;
mod value;

use std::path::PathBuf;
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};

pub use migrate::{applied_migrations, schema_columns};
pub use value::{Row, Value};

use crate::error::{Result, ServerError};

/// The primitive operations the protocol needs, inside one open transaction.
pub trait Tx {
    /// Runs a statement; returns the number of rows it changed.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64>;

    /// Runs a query and collects its rows.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>>;

    /// Runs parameterless statements in one round trip (savepoints).
    fn batch(&mut self, sql: &str) -> Result<()>;

    fn backend(&self) -> Backend;

    /// The first row, if any.
    fn query_opt(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// Exactly one row; anything else means the database is not what we wrote.
    fn query_one(&mut self, sql: &str, params: &[Value]) -> Result<Row> {
        self.query_opt(sql, params)?
            .ok_or_else(|| ServerError::corrupt(format!("expected a row from: {}", first_line(sql))))
    }
}

fn first_line(sql: &str) -> &str {
    sql.trim().lines().next().unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the data lives, as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    Sqlite(PathBuf),
    Postgres(String),
}

/// Connection pool sizes and wait limits.
#[derive(Debug, Clone, Copy)]
pub struct PoolOptions {
    /// PostgreSQL connections (SQLite: read-only connections; it has one writer).
    pub max_connections: u32,
    /// How long a request waits for a connection before it is answered with 503.
    pub acquire_timeout: std::time::Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        PoolOptions { max_connections: 16, acquire_timeout: std::time::Duration::from_secs(10) }
    }
}

/// A handle to the database; cheap to clone and share across requests.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(sqlite::SqliteDb),
    Postgres(pg::PgDb),
}

impl Db {
    /// Opens (creating a SQLite file if needed) and brings the schema up to date.
    /// A database migrated by a newer server is refused, not touched.
    pub fn open(target: &DbTarget, options: PoolOptions) -> Result<Db> {
        match target {
            DbTarget::Sqlite(path) => Ok(Db::Sqlite(sqlite::SqliteDb::open(path, options)?)),
            DbTarget::Postgres(url) => Ok(Db::Postgres(pg::PgDb::open(url, options)?)),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Runs `work` in a read-write transaction and commits it durably before returning.
    pub fn write<T>(&self, work: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        match self {
            Db::Sqlite(db) => db.write(work),
            Db::Postgres(db) => db.write(work),
        }
    }

    /// Runs `work` in a read-only transaction that sees one consistent snapshot.
    pub fn read<T>(&self, work: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        match self {
            Db::Sqlite(db) => db.read(work),
            Db::Postgres(db) => db.read(work),
        }
    }

    /// [`Db::write`] off the async runtime: on SQLite through the group-commit writer
    /// thread, on PostgreSQL on the blocking pool. Either way it returns after the
    /// commit.
    pub async fn write_async<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Tx) -> Result<T> + Send + 'static,
    {
        match self {
            Db::Sqlite(db) => db.write_grouped(work).await,
            Db::Postgres(db) => {
                let _slot = db.slots().take().await?;
                let db = self.clone();
                blocking(move || db.write(work)).await
            }
        }
    }

    /// [`Db::read`] on the blocking pool.
    pub async fn read_async<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Tx) -> Result<T> + Send + 'static,
    {
        let _slot = self.slots().take().await?;
        let db = self.clone();
        blocking(move || db.read(work)).await
    }

    fn slots(&self) -> &Slots {
        match self {
            Db::Sqlite(db) => db.slots(),
            Db::Postgres(db) => db.slots(),
        }
    }
}

/// Admission to the blocking pool: one permit per connection that can serve the work
/// (SQLite's readers; PostgreSQL's pool).
#[derive(Debug)]
pub(crate) struct Slots {
    permits: Semaphore,
    wait: Duration,
}

impl Slots {
    pub(crate) fn new(connections: u32, wait: Duration) -> Slots {
        Slots { permits: Semaphore::new(connections.max(1) as usize), wait }
    }

    /// Waits up to the pool's acquire timeout, like the pool itself would.
    async fn take(&self) -> Result<SemaphorePermit<'_>> {
        match tokio::time::timeout(self.wait, self.permits.acquire()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(closed)) => Err(ServerError::Task(closed.to_string())),
            Err(_) => Err(ServerError::Pool(format!("no connection came free within {:?}", self.wait))),
        }
    }
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work).await.map_err(|e| ServerError::Task(e.to_string()))?
}
