//! A small Learning Record Store on loopback, for the xAPI export tests.
//!
//! It is strict where a real LRS is strict and the export could go wrong: the
//! version header, Basic credentials, the shape of a statement's id, actor, verb,
//! object, timestamp and version (xAPI 2.0, IEEE 9274.1.1, part 2 §2.2 and part 3
//! §2.1), unknown properties, and ids. A statement id it already holds is accepted
//! again only with the same content (409 otherwise), and a batch is stored whole or
//! not at all. It keeps every request's outcome so a test can see exactly what was
//! sent, not only what ended up stored.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// What the stand-in saw.
#[derive(Debug, Default, Clone)]
pub struct LrsLog {
    /// `(method, status)` of every request to the statements resource.
    pub requests: Vec<(String, u16)>,
    /// Statements received, counting each time one arrives.
    pub received: usize,
    /// Statements received under an id already stored (with the same content).
    pub repeats: usize,
    /// Why requests were refused (400, 401, 409), in order.
    pub refusals: Vec<String>,
}

#[derive(Default)]
struct State {
    /// Stored statements by id, as received.
    stored: BTreeMap<String, Value>,
    log: LrsLog,
}

struct Shared {
    authorization: String,
    state: Mutex<State>,
}

/// A running stand-in. Dropping it stops it.
pub struct LrsStandIn {
    addr: SocketAddr,
    shared: Arc<Shared>,
    _runtime: tokio::runtime::Runtime,
}

impl std::fmt::Debug for LrsStandIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LrsStandIn").field("addr", &self.addr).finish()
    }
}

impl LrsStandIn {
    /// Starts an LRS that accepts `user`/`password`.
    pub fn start(user: &str, password: &str) -> LrsStandIn {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("LRS runtime");
        let credentials = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        let shared = Arc::new(Shared { authorization: format!("Basic {credentials}"), state: Mutex::default() });
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).expect("bind LRS");
        let addr = listener.local_addr().expect("LRS address");
        let accept = Arc::clone(&shared);
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let shared = Arc::clone(&accept);
                tokio::spawn(async move {
                    let service = service_fn(move |req| handle(Arc::clone(&shared), req));
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        LrsStandIn { addr, shared, _runtime: runtime }
    }

    /// The xAPI endpoint (statements live at `{endpoint}/statements`).
    pub fn endpoint(&self) -> String {
        format!("http://{}/xapi", self.addr)
    }

    pub fn stored(&self) -> BTreeMap<String, Value> {
        self.shared.state.lock().expect("LRS state").stored.clone()
    }

    pub fn log(&self) -> LrsLog {
        self.shared.state.lock().expect("LRS state").log.clone()
    }
}

fn answer(status: StatusCode, body: Value) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = status;
    response.headers_mut().insert("X-Experience-API-Version", hyper::header::HeaderValue::from_static("2.0.0"));
    response.headers_mut().insert("Content-Type", hyper::header::HeaderValue::from_static("application/json"));
    response
}

async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let query = req.uri().query().unwrap_or_default().to_owned();
    let version = req.headers().get("X-Experience-API-Version").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let auth = req.headers().get("Authorization").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body = req.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();

    if path == "/xapi/about" && method == Method::GET {
        return Ok(answer(StatusCode::OK, json!({ "version": ["2.0.0"] })));
    }
    if path != "/xapi/statements" {
        return Ok(answer(StatusCode::NOT_FOUND, json!({ "error": "no such resource" })));
    }
    let mut state = shared.state.lock().expect("LRS state");
    let outcome = serve(&mut state, &shared.authorization, &method, &query, version, auth, &body);
    let (status, value) = match outcome {
        Ok((status, value)) => (status, value),
        Err((status, reason)) => {
            state.log.refusals.push(format!("{status}: {reason}"));
            (status, json!({ "error": reason }))
        }
    };
    state.log.requests.push((method.to_string(), status.as_u16()));
    Ok(answer(status, value))
}

type Outcome = Result<(StatusCode, Value), (StatusCode, String)>;

fn serve(
    state: &mut State,
    authorization: &str,
    method: &Method,
    query: &str,
    version: Option<String>,
    auth: Option<String>,
    body: &[u8],
) -> Outcome {
    let bad = |reason: String| (StatusCode::BAD_REQUEST, reason);
    match version.as_deref() {
        Some(v) if v.starts_with("2.0") => {}
        Some(v) => return Err(bad(format!("X-Experience-API-Version {v} is not 2.0.x"))),
        None => return Err(bad("the X-Experience-API-Version header is missing".into())),
    }
    if auth.as_deref() != Some(authorization) {
        return Err((StatusCode::UNAUTHORIZED, "wrong or missing Basic credentials".into()));
    }
    if *method == Method::GET {
        let statements: Vec<&Value> = state.stored.values().collect();
        return Ok((StatusCode::OK, json!({ "statements": statements, "more": "" })));
    }
    let parsed: Value = serde_json::from_slice(body).map_err(|e| bad(format!("the body is not JSON: {e}")))?;
    let statements: Vec<Value> = match (method, parsed) {
        (&Method::POST, Value::Array(list)) => list,
        (&Method::POST, one @ Value::Object(_)) => vec![one],
        (&Method::PUT, one @ Value::Object(_)) => {
            let wanted = query.strip_prefix("statementId=").unwrap_or_default();
            if wanted.is_empty() || one.get("id").and_then(Value::as_str).is_some_and(|id| id != wanted) {
                return Err(bad("PUT needs ?statementId= equal to the statement's id".into()));
            }
            vec![one]
        }
        _ => return Err(bad("expected a statement or an array of statements".into())),
    };
    state.log.received += statements.len();
    let mut ids: Vec<String> = Vec::with_capacity(statements.len());
    for s in &statements {
        check_statement(s).map_err(|reason| bad(format!("statement {}: {reason}", s["id"])))?;
        let id = s["id"].as_str().ok_or_else(|| bad("this stand-in needs every statement to carry an id".into()))?;
        if ids.iter().any(|seen| seen == id) {
            return Err(bad(format!("statement id {id} appears twice in one request")));
        }
        ids.push(id.to_owned());
    }
    // All or nothing: a conflict anywhere stores nothing.
    for s in &statements {
        let id = s["id"].as_str().unwrap_or_default();
        if state.stored.get(id).is_some_and(|held| held != s) {
            return Err((StatusCode::CONFLICT, format!("statement {id} is already stored with other content")));
        }
    }
    for s in statements {
        let id = s["id"].as_str().unwrap_or_default().to_owned();
        match state.stored.entry(id) {
            std::collections::btree_map::Entry::Occupied(_) => state.log.repeats += 1,
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(s);
            }
        }
    }
    if *method == Method::PUT { Ok((StatusCode::NO_CONTENT, Value::Null)) } else { Ok((StatusCode::OK, json!(ids))) }
}

const STATEMENT_KEYS: &[&str] = &[
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
];

/// The statement rules this stand-in enforces.
pub fn check_statement(s: &Value) -> Result<(), String> {
    let map = s.as_object().ok_or("a statement is a JSON object")?;
    if let Some(key) = map.keys().find(|k| !STATEMENT_KEYS.contains(&k.as_str())) {
        return Err(format!("unknown property \"{key}\""));
    }
    if let Some(id) = map.get("id") {
        uuid(id).map_err(|e| format!("id: {e}"))?;
    }
    agent(map.get("actor").ok_or("actor is required")?).map_err(|e| format!("actor: {e}"))?;
    let verb = map.get("verb").and_then(Value::as_object).ok_or("verb is required and is an object")?;
    let verb_id = verb.get("id").ok_or("verb.id is required")?;
    iri(verb_id).map_err(|e| format!("verb.id: {e}"))?;
    if let Some(display) = verb.get("display") {
        language_map(display).map_err(|e| format!("verb.display: {e}"))?;
    }
    let object = map.get("object").ok_or("object is required")?;
    let voiding = verb_id.as_str() == Some("http://adlnet.gov/expapi/verbs/voided");
    statement_object(object, voiding).map_err(|e| format!("object: {e}"))?;
    if let Some(t) = map.get("timestamp") {
        let t = t.as_str().ok_or("timestamp is a string")?;
        chrono::DateTime::parse_from_rfc3339(t)
            .map_err(|_| format!("timestamp \"{t}\" is not an ISO 8601 time with a zone"))?;
    }
    if let Some(v) = map.get("version") {
        let v = v.as_str().ok_or("version is a string")?;
        let ok =
            v.strip_prefix("2.0.").is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return Err(format!("version \"{v}\" is not 2.0.x"));
        }
    }
    if let Some(duration) = map.get("result").and_then(|r| r.get("duration")) {
        let d = duration.as_str().unwrap_or_default();
        if !d.starts_with('P') || d.len() < 3 {
            return Err(format!("result.duration \"{d}\" is not an ISO 8601 duration"));
        }
    }
    if let Some(registration) = map.get("context").and_then(|c| c.get("registration")) {
        uuid(registration).map_err(|e| format!("context.registration: {e}"))?;
    }
    Ok(())
}

fn uuid(value: &Value) -> Result<(), String> {
    let s = value.as_str().ok_or("a UUID is a string")?;
    let groups: Vec<&str> = s.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let hex = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()));
    if lengths != [8, 4, 4, 4, 12] || !hex {
        return Err(format!("\"{s}\" is not a UUID"));
    }
    Ok(())
}

fn iri(value: &Value) -> Result<(), String> {
    let s = value.as_str().ok_or("an IRI is a string")?;
    let scheme = s.split_once(':').map(|(scheme, _)| scheme).unwrap_or_default();
    let scheme_ok = !scheme.is_empty()
        && scheme.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !scheme_ok || s.contains(char::is_whitespace) {
        return Err(format!("\"{s}\" is not an absolute IRI"));
    }
    Ok(())
}

fn language_map(value: &Value) -> Result<(), String> {
    let map = value.as_object().ok_or("a language map is an object")?;
    if map.is_empty() || map.values().any(|v| !v.is_string()) {
        return Err("a language map has tags mapped to strings".into());
    }
    Ok(())
}

fn agent(value: &Value) -> Result<(), String> {
    let map = value.as_object().ok_or("an agent is an object")?;
    match map.get("objectType").and_then(Value::as_str) {
        None | Some("Agent") | Some("Group") => {}
        Some(other) => return Err(format!("objectType \"{other}\" is not an Agent or Group")),
    }
    let ifis: Vec<&str> =
        ["mbox", "mbox_sha1sum", "openid", "account"].into_iter().filter(|k| map.contains_key(*k)).collect();
    if ifis.len() != 1 {
        return Err(format!("an agent has exactly one identifier, not {ifis:?}"));
    }
    if let Some(account) = map.get("account") {
        iri(account.get("homePage").ok_or("account.homePage is required")?)
            .map_err(|e| format!("account.homePage: {e}"))?;
        if account.get("name").and_then(Value::as_str).is_none_or(str::is_empty) {
            return Err("account.name is required".into());
        }
    }
    if let Some(mbox) = map.get("mbox").and_then(Value::as_str)
        && !mbox.starts_with("mailto:")
    {
        return Err("mbox is a mailto: IRI".into());
    }
    Ok(())
}

fn statement_object(value: &Value, voiding: bool) -> Result<(), String> {
    let map = value.as_object().ok_or("an object is an object")?;
    let kind = map.get("objectType").and_then(Value::as_str).unwrap_or("Activity");
    if voiding && kind != "StatementRef" {
        return Err("a voiding statement's object is a StatementRef".into());
    }
    match kind {
        "Activity" => {
            iri(map.get("id").ok_or("an activity has an id")?)?;
            if let Some(definition) = map.get("definition") {
                if let Some(t) = definition.get("type") {
                    iri(t).map_err(|e| format!("definition.type: {e}"))?;
                }
                if let Some(name) = definition.get("name") {
                    language_map(name).map_err(|e| format!("definition.name: {e}"))?;
                }
            }
            Ok(())
        }
        "StatementRef" => uuid(map.get("id").ok_or("a StatementRef has an id")?),
        "Agent" | "Group" => agent(value),
        other => Err(format!("objectType \"{other}\" is not one this stand-in accepts")),
    }
}
