//! The test harness: a database per test, the router over it, a fixture employer.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt as _;
use journeylog_proto::{PROTOCOL_HEADER, Role};
use journeylog_server::admin;
use journeylog_server::db::{Db, DbTarget, PoolOptions};
use serde_json::{Value, json};
use tower::ServiceExt as _;

/// Runs each listed `async fn(Env)` as two tests: `sqlite::NAME` and `postgres::NAME`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    $crate::common::run(super::$name, $crate::common::Backend::Sqlite);
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    $crate::common::run(super::$name, $crate::common::Backend::Postgres);
                }
            )*
        }
    };
}

/// Sets up an [`Env`] and runs `test` on it in a runtime of its own. The synchronous
/// PostgreSQL client refuses to run on a runtime thread, so the database is made and
/// dropped outside the runtime, as in the server, where it is used only from the
/// blocking pool.
pub fn run(test: impl AsyncFnOnce(&Env), backend: Backend) {
    let env = Env::new(backend);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(test(&env));
    drop(runtime);
    drop(env);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Keeps the database alive for the test; only its `Drop` matters.
#[derive(Debug)]
#[allow(dead_code, reason = "held for its Drop")]
pub enum Guard {
    Sqlite(tempfile::TempDir),
    Postgres(journeylog_tests::pg::TestDatabase),
}

impl Guard {
    pub fn new(backend: Backend) -> (Guard, DbTarget) {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let target = DbTarget::Sqlite(dir.path().join("server.sqlite3"));
                (Guard::Sqlite(dir), target)
            }
            Backend::Postgres => {
                let db = journeylog_tests::pg::fresh_database();
                let target = DbTarget::Postgres(db.url().to_owned());
                (Guard::Postgres(db), target)
            }
        }
    }
}

/// The ids of the fixture: an employer with a program, a mentor assigned to apprentice
/// 1, apprentice 2 unassigned, an admin; another employer with one apprentice.
#[derive(Debug, Clone)]
pub struct Ids {
    pub employer: String,
    pub admin: String,
    pub mentor: String,
    pub apprentice1: String,
    pub apprentice2: String,
    pub other_apprentice: String,
}

pub const PROGRAM: &str = "mra-phase-1";

pub struct Env {
    pub db: Db,
    pub app: Router,
    pub ids: Ids,
    _guard: Guard,
}

/// An enrolled device.
#[derive(Debug, Clone)]
pub struct Device {
    pub token: String,
    pub client_id: String,
}

/// A response, decoded.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Asserts a problem document with this status and code.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "{:#}", self.body);
        assert_eq!(self.headers[header::CONTENT_TYPE], "application/problem+json");
        assert_eq!(self.body["code"], code, "{:#}", self.body);
        assert_eq!(self.body["status"], status);
        assert!(self.body["detail"].as_str().is_some_and(|d| !d.is_empty()));
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Value {
        assert_eq!(self.status, StatusCode::OK, "{:#}", self.body);
        &self.body
    }
}

impl Env {
    pub fn new(backend: Backend) -> Env {
        let (guard, target) = Guard::new(backend);
        let db = Db::open(&target, PoolOptions::default()).unwrap();
        let ids = fixture(&db);
        Env { app: journeylog_server::http::router(db.clone()), db, ids, _guard: guard }
    }

    /// Sends a request with the protocol header, and a JSON body when given.
    pub async fn call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Reply {
        let mut request = Request::builder().method(method).uri(path).header(PROTOCOL_HEADER, "1");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap() };
        assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "a 500: {body:#}");
        Reply { status, headers, body }
    }

    /// Runs synchronous database work (admin operations) on the blocking pool.
    pub async fn blocking<T: Send + 'static>(&self, work: impl FnOnce(&Db) -> T + Send + 'static) -> T {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || work(&db)).await.unwrap()
    }

    /// Issues a code for `user` and enrolls a device with it.
    pub async fn enroll(&self, user: &str) -> Device {
        let user = user.to_owned();
        let code = self.blocking(move |db| admin::enroll_code(db, &user, 7).unwrap().code).await;
        let reply = self
            .call(Method::POST, "/v1/enroll", None, Some(json!({"code": code, "device_name": "test laptop"})))
            .await;
        let body = reply.assert_ok();
        Device { token: body["token"].as_str().unwrap().into(), client_id: body["client_id"].as_str().unwrap().into() }
    }

    pub async fn push(&self, device: &Device, mutations: Vec<Value>) -> Reply {
        let body = json!({"client_id": device.client_id, "mutations": mutations});
        self.call(Method::POST, "/v1/sync/push", Some(&device.token), Some(body)).await
    }

    /// Pushes and returns the results array, asserting a 200.
    pub async fn push_ok(&self, device: &Device, mutations: Vec<Value>) -> Vec<Value> {
        let reply = self.push(device, mutations).await;
        reply.assert_ok()["results"].as_array().unwrap().clone()
    }

    pub async fn pull(&self, device: &Device, query: &str) -> Reply {
        self.call(Method::GET, &format!("/v1/sync/pull{query}"), Some(&device.token), None).await
    }

    /// Pulls every page from the start; returns the changes and the final cursor.
    pub async fn pull_all(&self, device: &Device) -> (Vec<Value>, String) {
        let mut changes = Vec::new();
        let mut query = String::new();
        loop {
            let reply = self.pull(device, &query).await;
            let body = reply.assert_ok();
            changes.extend(body["changes"].as_array().unwrap().iter().cloned());
            let cursor = body["cursor"].as_str().unwrap().to_owned();
            if !body["has_more"].as_bool().unwrap() {
                return (changes, cursor);
            }
            query = format!("?cursor={cursor}");
        }
    }
}

fn fixture(db: &Db) -> Ids {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("program.toml");
    let program = journeylog_core::programs::template(PROGRAM).unwrap();
    journeylog_core::programs::write_program_file(&program, &file).unwrap();
    let employer = admin::create_employer(db, "Acme Robotics").unwrap().employer_id;
    admin::import_program(db, &employer, &file).unwrap();
    let user = |employer: &str, name: &str, role: Role| {
        let program = (role == Role::Apprentice).then_some(PROGRAM);
        admin::add_user(db, employer, name, role, program).unwrap().user_id
    };
    let ids = Ids {
        admin: user(&employer, "Alex Admin", Role::Admin),
        mentor: user(&employer, "Morgan Mentor", Role::Mentor),
        apprentice1: user(&employer, "Ada Apprentice", Role::Apprentice),
        apprentice2: user(&employer, "Ben Apprentice", Role::Apprentice),
        other_apprentice: String::new(),
        employer,
    };
    admin::assign_mentor(db, &ids.mentor, &ids.apprentice1).unwrap();
    let other_employer = admin::create_employer(db, "Other Corp").unwrap().employer_id;
    admin::import_program(db, &other_employer, &file).unwrap();
    let other_apprentice = user(&other_employer, "Cy Elsewhere", Role::Apprentice);
    Ids { other_apprentice, ..ids }
}

/// Today's date on the server, as the payloads carry it.
pub fn today() -> String {
    chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string()
}

pub fn days_from_today(days: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(days)).format("%Y-%m-%d").to_string()
}

/// An OJL entry payload at `version`.
pub fn ojl(id: &str, date: &str, minutes: u32, work_process: &str, version: u32) -> Value {
    json!({
        "id": id, "date": date, "minutes": minutes, "work_process": work_process, "note": "", "site": "",
        "supervisor": "", "prior_credit": false, "status": "draft", "version": version,
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
    })
}

pub fn tombstone(id: &str, version: u32) -> Value {
    json!({"id": id, "version": version, "deleted_at": "2026-01-01T00:00:00Z"})
}

pub fn mutation(seq: u64, kind: &str, record_id: &str, base_version: u32, payload: Value) -> Value {
    json!({
        "seq": seq, "mutation_id": format!("m-{seq}-{record_id}"), "kind": kind, "record_id": record_id,
        "base_version": base_version, "payload": payload,
    })
}

/// A new OJL entry (base 0, version 1) at `seq`, on `date`.
pub fn new_entry(seq: u64, id: &str, date: &str, minutes: u32) -> Value {
    mutation(seq, "ojl_entry.upsert", id, 0, ojl(id, date, minutes, "WP1", 1))
}

/// The record ids among `changes`, optionally of one kind.
pub fn record_ids(changes: &[Value], kind: Option<&str>) -> Vec<String> {
    changes
        .iter()
        .filter(|c| kind.is_none_or(|k| c["kind"] == k))
        .map(|c| c["record_id"].as_str().unwrap().to_owned())
        .collect()
}
