//! PostgreSQL backend: a pool of connections, each with its own prepared statements.
//!
//! Writes run at READ COMMITTED; the protocol takes row locks (device, then employer)
//! before it reads anything it will write, so concurrent pushes queue instead of
//! overwriting each other. Reads run at REPEATABLE READ, READ ONLY, so a pull page and
//! the counter it reports come from one snapshot.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::str::FromStr;

use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, IsolationLevel, NoTls, Statement};

use super::{Backend, PoolOptions, Row, Slots, Tx, Value, migrate};
use crate::error::{Result, ServerError};

#[derive(Clone)]
pub struct PgDb {
    pool: r2d2::Pool<Manager>,
    /// One per pooled connection.
    slots: std::sync::Arc<Slots>,
}

impl std::fmt::Debug for PgDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may carry a password: never print it.
        f.debug_struct("PgDb").field("state", &self.pool.state()).finish()
    }
}

impl PgDb {
    pub fn open(url: &str, options: PoolOptions) -> Result<PgDb> {
        let config = postgres::Config::from_str(url)
            .map_err(|e| ServerError::Invalid(format!("the database URL is not a PostgreSQL URL: {e}")))?;
        let mut first = config.connect(NoTls)?;
        migrate::postgres(&mut first)?;
        drop(first);
        let size = options.max_connections.max(1);
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .min_idle(Some(1))
            .connection_timeout(options.acquire_timeout)
            .build(Manager { config })?;
        Ok(PgDb { pool, slots: std::sync::Arc::new(Slots::new(size, options.acquire_timeout)) })
    }

    pub(super) fn slots(&self) -> &Slots {
        &self.slots
    }

    pub fn write<T>(&self, work: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        let mut conn = self.pool.get()?;
        let Conn { client, statements } = &mut *conn;
        let tx = client.transaction()?;
        let mut handle = PgTx { tx, statements };
        let out = work(&mut handle)?;
        handle.tx.commit()?;
        Ok(out)
    }

    pub fn read<T>(&self, work: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        let mut conn = self.pool.get()?;
        let Conn { client, statements } = &mut *conn;
        let tx = client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?;
        let mut handle = PgTx { tx, statements };
        let out = work(&mut handle)?;
        handle.tx.commit()?;
        Ok(out)
    }
}

pub struct Conn {
    client: Client,
    /// Statements prepared on this connection, by SQL text: each query is parsed and
    /// planned once per connection instead of once per call.
    statements: HashMap<String, Statement>,
}

struct Manager {
    config: postgres::Config,
}

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = postgres::Error;

    fn connect(&self) -> Result<Conn, postgres::Error> {
        Ok(Conn { client: self.config.connect(NoTls)?, statements: HashMap::new() })
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<(), postgres::Error> {
        conn.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        conn.client.is_closed()
    }
}

struct PgTx<'a> {
    tx: postgres::Transaction<'a>,
    statements: &'a mut HashMap<String, Statement>,
}

impl PgTx<'_> {
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(stmt) = self.statements.get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.tx.prepare(sql)?;
        self.statements.insert(sql.to_owned(), stmt.clone());
        Ok(stmt)
    }
}

fn as_params(params: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

impl Tx for PgTx<'_> {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        Ok(self.tx.execute(&stmt, &as_params(params))?)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let stmt = self.statement(sql)?;
        let rows = self.tx.query(&stmt, &as_params(params))?;
        rows.iter().map(convert_row).collect()
    }

    fn batch(&mut self, sql: &str) -> Result<()> {
        Ok(self.tx.batch_execute(sql)?)
    }

    fn backend(&self) -> Backend {
        Backend::Postgres
    }
}

fn convert_row(row: &postgres::Row) -> Result<Row> {
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let ty = column.type_();
        let value = if *ty == Type::INT8 {
            row.try_get::<_, Option<i64>>(i)?.map_or(Value::Null, Value::Int)
        } else if *ty == Type::INT4 {
            row.try_get::<_, Option<i32>>(i)?.map_or(Value::Null, |v| Value::Int(i64::from(v)))
        } else if *ty == Type::BOOL {
            row.try_get::<_, Option<bool>>(i)?.map_or(Value::Null, Value::Bool)
        } else if *ty == Type::TEXT || *ty == Type::VARCHAR || *ty == Type::NAME {
            row.try_get::<_, Option<String>>(i)?.map_or(Value::Null, Value::Text)
        } else {
            return Err(ServerError::corrupt(format!("column {} has type {ty}, which this server never reads", i)));
        };
        values.push(value);
    }
    Ok(Row(values))
}

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(v) if *ty == Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
            Value::Int(v) => v.to_sql(ty, out),
            Value::Text(s) => s.as_str().to_sql(ty, out),
            Value::Bool(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        [Type::INT8, Type::INT4, Type::TEXT, Type::VARCHAR, Type::NAME, Type::BOOL].contains(ty)
    }

    to_sql_checked!();
}
