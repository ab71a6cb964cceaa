//! Schema migrations, embedded in the binary and applied at startup.
//!
//! Each backend has its own append-only set under `migrations/` (the SQL differs in
//! types only). refinery records what it applied; a database that holds a migration
//! this binary does not know (written by a newer server) is refused before anything
//! changes. All pending migrations apply in one transaction.

use std::collections::BTreeMap;

use super::{Backend, Db};
use crate::error::Result;

mod sqlite_set {
    refinery::embed_migrations!("migrations/sqlite");
}

mod postgres_set {
    refinery::embed_migrations!("migrations/postgres");
}

pub(super) fn sqlite(conn: &mut rusqlite::Connection) -> Result<()> {
    sqlite_set::migrations::runner().set_grouped(true).run(conn)?;
    Ok(())
}

pub(super) fn postgres(client: &mut postgres::Client) -> Result<()> {
    postgres_set::migrations::runner().set_grouped(true).run(client)?;
    Ok(())
}

/// The versions of the migrations applied to `db`, oldest first.
pub fn applied_migrations(db: &Db) -> Result<Vec<i64>> {
    db.read(|tx| {
        let rows = tx.query("SELECT version FROM refinery_schema_history ORDER BY version", &[])?;
        rows.iter().map(|r| r.int(0)).collect()
    })
}

/// Every table of the schema with its column names, sorted: used by the test that
/// keeps the SQLite and PostgreSQL sets in step.
pub fn schema_columns(db: &Db) -> Result<BTreeMap<String, Vec<String>>> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
        }
        Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
             WHERE table_schema = current_schema()"
        }
    };
    db.read(|tx| {
        let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for row in tx.query(sql, &[])? {
            tables.entry(row.text(0)?).or_default().push(row.text(1)?);
        }
        for columns in tables.values_mut() {
            columns.sort();
        }
        Ok(tables)
    })
}
