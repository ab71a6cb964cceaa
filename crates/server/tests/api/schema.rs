//! Migrations: both sets apply, agree with each other, and a newer schema is refused.

use journeylog_server::db::{self, Db, DbTarget, PoolOptions};

use crate::common::{Backend, Guard};

fn open(backend: Backend) -> (Guard, DbTarget, Db) {
    let (guard, target) = Guard::new(backend);
    let db = Db::open(&target, PoolOptions::default()).unwrap();
    (guard, target, db)
}

#[test]
fn both_migration_sets_apply_and_define_the_same_columns() {
    let (_g1, sqlite_target, sqlite) = open(Backend::Sqlite);
    let (_g2, pg_target, postgres) = open(Backend::Postgres);
    assert_eq!(db::applied_migrations(&sqlite).unwrap(), vec![1, 2, 3, 4]);
    assert_eq!(db::applied_migrations(&postgres).unwrap(), vec![1, 2, 3, 4]);
    let sqlite_schema = db::schema_columns(&sqlite).unwrap();
    assert!(sqlite_schema.contains_key("record"), "{sqlite_schema:?}");
    assert_eq!(sqlite_schema, db::schema_columns(&postgres).unwrap());
    // Opening again applies nothing and changes nothing.
    drop((sqlite, postgres));
    for target in [sqlite_target, pg_target] {
        let again = Db::open(&target, PoolOptions::default()).unwrap();
        assert_eq!(db::applied_migrations(&again).unwrap(), vec![1, 2, 3, 4]);
    }
}

fn refuses_a_newer_schema(backend: Backend) {
    let (_guard, target, db) = open(backend);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) \
             VALUES (999, 'from_the_future', '2030-01-01T00:00:00Z', '1')",
            &[],
        )
    })
    .unwrap();
    drop(db);
    let err = Db::open(&target, PoolOptions::default()).unwrap_err();
    assert!(err.to_string().contains("migration"), "{err}");
}

#[test]
fn sqlite_refuses_a_database_from_a_newer_server() {
    refuses_a_newer_schema(Backend::Sqlite);
}

#[test]
fn postgres_refuses_a_database_from_a_newer_server() {
    refuses_a_newer_schema(Backend::Postgres);
}

/// docs/openapi.json is the committed copy of the generated document.
#[test]
fn committed_openapi_document_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    let generated = journeylog_server::http::openapi::json();
    if std::env::var_os("JOURNEYLOG_UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/openapi.json is out of date with the code. Regenerate it with\n  \
         JOURNEYLOG_UPDATE_OPENAPI=1 cargo test -p journeylog-server --test api committed_openapi\nand commit it."
    );
}
