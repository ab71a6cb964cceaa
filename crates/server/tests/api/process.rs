//! The real binary: logs keep secrets out, SIGTERM is clean, SIGKILL loses nothing
//! that was acknowledged.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::PathBuf;

use journeylog_tests::server::{Database, ServerProcess};
use serde_json::{Value, json};

use crate::common::{days_from_today, new_entry};

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_journeylog-server"))
}

/// A minimal HTTP/1.1 exchange over loopback: (status, JSON body).
fn http(server: &ServerProcess, method: &str, path: &str, token: Option<&str>, body: Option<&Value>) -> (u16, Value) {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\nJourneylog-Protocol: 1\r\n{auth}\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, if body.is_empty() { Value::Null } else { serde_json::from_str(body).unwrap() })
}

fn enroll(server: &ServerProcess, code: &str) -> (String, String) {
    let (status, body) = http(server, "POST", "/v1/enroll", None, Some(&json!({"code": code, "device_name": "pc"})));
    assert_eq!(status, 200, "{body}");
    (body["token"].as_str().unwrap().to_owned(), body["client_id"].as_str().unwrap().to_owned())
}

fn push(server: &ServerProcess, token: &str, client_id: &str, mutations: Vec<Value>) -> (u16, Value) {
    http(server, "POST", "/v1/sync/push", Some(token), Some(&json!({"client_id": client_id, "mutations": mutations})))
}

#[test]
fn logs_name_requests_but_never_tokens_or_codes() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(binary(), Database::Sqlite(dir.path().join("s.sqlite3")));
    let fx = server.fixture();
    let (token, client_id) = enroll(&server, &fx.apprentice1_code);
    let (status, _) = push(&server, &token, &client_id, vec![new_entry(1, "e", &days_from_today(-1), 60)]);
    assert_eq!(status, 200);
    let (status, _) = http(&server, "GET", "/v1/sync/pull", Some(&token), None);
    assert_eq!(status, 200);
    // A failed enrollment and a bad token are logged too, without their secrets.
    let (status, _) =
        http(&server, "POST", "/v1/enroll", None, Some(&json!({"code": "ZZZZ-9999-QQQQ", "device_name": "x"})));
    assert_eq!(status, 400);
    let (status, _) = http(&server, "GET", "/v1/sync/pull", Some("jl_wrong_token_value"), None);
    assert_eq!(status, 401);
    server.stop();
    let logs = server.logs();
    assert!(logs.contains("/v1/sync/push") && logs.contains(&client_id), "requests are logged:\n{logs}");
    assert!(logs.contains("status=200") && logs.contains("latency_ms"), "{logs}");
    let code_bare = fx.apprentice1_code.replace('-', "");
    for secret in
        [token.as_str(), &token[3..], &fx.apprentice1_code, &code_bare, "ZZZZ-9999-QQQQ", "jl_wrong_token_value"]
    {
        assert!(!logs.contains(secret), "a secret reached the logs: {secret}\n{logs}");
    }
}

#[test]
fn sigkill_after_an_acknowledged_push_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(binary(), Database::Sqlite(dir.path().join("s.sqlite3")));
    let fx = server.fixture();
    let (token, client_id) = enroll(&server, &fx.apprentice1_code);
    let day = days_from_today(-1);
    let (status, body) =
        push(&server, &token, &client_id, vec![new_entry(1, "a", &day, 60), new_entry(2, "b", &day, 60)]);
    assert_eq!(status, 200, "{body}");
    server.kill_9();
    server.restart();
    let (status, body) = push(&server, &token, &client_id, vec![new_entry(2, "b", &day, 60)]);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["results"][0]["status"], "duplicate");
    assert_eq!(body["last_seq"], 2);
    let (_, page) = http(&server, "GET", "/v1/sync/pull", Some(&token), None);
    let ids: Vec<_> = page["changes"].as_array().unwrap().iter().map(|c| c["record_id"].clone()).collect();
    assert!(ids.contains(&json!("a")) && ids.contains(&json!("b")), "{ids:?}");
    server.stop();
}

#[test]
fn admin_cli_reports_errors_and_the_server_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(binary(), Database::Sqlite(dir.path().join("s.sqlite3")));
    let err = server.try_admin(&["add-user", "--employer", "nope", "--name", "X", "--role", "mentor"]).unwrap_err();
    assert!(err.contains("no employer nope"), "{err}");
    let (status, body) = http(&server, "GET", "/v1/health", None, None);
    assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
    server.stop();
}

#[test]
fn the_server_on_postgres_stops_cleanly_on_sigterm_after_serving() {
    let pg = journeylog_tests::pg::fresh_database();
    let mut server = ServerProcess::start(binary(), Database::Postgres(pg.url().to_owned()));
    // A request that takes a pooled connection, so there is one to close at the end.
    let (status, body) = http(&server, "GET", "/v1/health", None, None);
    assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
    // stop() sends SIGTERM and fails unless the process exits with success.
    server.stop();
    assert!(server.logs().contains("stopped: in-flight requests finished"), "{}", server.logs());
}
