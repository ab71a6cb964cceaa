//! A fault-injecting HTTP proxy on loopback, for sync tests against a real server.
//!
//! The client under test talks to the proxy as if it were the employer server. For
//! each request the proxy draws a fault from a seeded generator, so a failing run is
//! replayed exactly by its seed. The faults are the ones a laptop on shop-floor Wi-Fi
//! meets: the request never arrives, the server commits but the answer is lost, the
//! request arrives twice, answers come late, the server or a load balancer answers
//! 500/503/429, or the answer is cut off halfway.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::net::TcpListener;

/// What the proxy does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Forward untouched.
    None,
    /// Close the connection without forwarding: the server never sees the request.
    DropBeforeServer,
    /// Forward, let the server commit, then close without answering.
    DropAfterCommit,
    /// Forward twice; the client sees the second answer.
    Duplicate,
    /// Wait this long before forwarding.
    Delay(Duration),
    /// Answer with this status without forwarding (500, 503 or 429).
    Status(u16),
    /// Forward, then send only the first half of the answer's body.
    Truncate,
}

/// Counts of what was injected, for the test's report.
#[derive(Debug, Default)]
pub struct FaultCounts {
    pub requests: AtomicU64,
    pub injected: AtomicU64,
}

type ProxyBody = BoxBody<Bytes, std::io::Error>;

struct Shared {
    upstream: Mutex<String>,
    /// When set, the next push is forwarded and its answer withheld forever.
    hold_next_push: AtomicBool,
    held: AtomicU64,
    rng: Mutex<StdRng>,
    /// Probability (0..=1) that a request gets a fault.
    rate: Mutex<f64>,
    enabled: AtomicBool,
    counts: FaultCounts,
    client: Client<HttpConnector, Full<Bytes>>,
}

/// A running proxy. Dropping it stops it.
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl std::fmt::Debug for FaultProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultProxy").field("addr", &self.addr).finish()
    }
}

impl FaultProxy {
    /// Starts a proxy to `upstream` (e.g. `http://127.0.0.1:4000`), faults off.
    pub fn start(upstream: &str, seed: u64, rate: f64) -> FaultProxy {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("proxy runtime");
        let shared = Arc::new(Shared {
            upstream: Mutex::new(upstream.trim_end_matches('/').to_owned()),
            hold_next_push: AtomicBool::new(false),
            held: AtomicU64::new(0),
            rng: Mutex::new(StdRng::seed_from_u64(seed)),
            rate: Mutex::new(rate),
            enabled: AtomicBool::new(false),
            counts: FaultCounts::default(),
            client: Client::builder(TokioExecutor::new()).build_http(),
        });
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).expect("bind proxy");
        let addr = listener.local_addr().expect("proxy address");
        let accept_shared = Arc::clone(&shared);
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let shared = Arc::clone(&accept_shared);
                tokio::spawn(async move {
                    let service = service_fn(move |req| handle(Arc::clone(&shared), req));
                    // Errors are the faults we inject; nothing to report.
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        FaultProxy { addr, shared, runtime: Some(runtime) }
    }

    /// The URL clients should use instead of the server's.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn set_faults(&self, enabled: bool) {
        self.shared.enabled.store(enabled, Ordering::SeqCst);
    }

    pub fn set_rate(&self, rate: f64) {
        *self.shared.rate.lock().expect("rate lock") = rate;
    }

    /// Points the proxy at a server that came back on another port.
    pub fn set_upstream(&self, upstream: &str) {
        *self.shared.upstream.lock().expect("upstream lock") = upstream.trim_end_matches('/').to_owned();
    }

    /// The next push reaches the server (which commits it) but its answer never
    /// reaches the client: the window in which a client crash must lose nothing.
    pub fn hold_next_push(&self) {
        self.shared.hold_next_push.store(true, Ordering::SeqCst);
    }

    /// How many pushes have been committed by the server and withheld.
    pub fn held(&self) -> u64 {
        self.shared.held.load(Ordering::SeqCst)
    }

    /// (requests seen, faults injected).
    pub fn counts(&self) -> (u64, u64) {
        (self.shared.counts.requests.load(Ordering::SeqCst), self.shared.counts.injected.load(Ordering::SeqCst))
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

fn draw(shared: &Shared) -> Fault {
    if !shared.enabled.load(Ordering::SeqCst) {
        return Fault::None;
    }
    let rate = *shared.rate.lock().expect("rate lock");
    let mut rng = shared.rng.lock().expect("rng lock");
    if !rng.random_bool(rate.clamp(0.0, 1.0)) {
        return Fault::None;
    }
    match rng.random_range(0..8) {
        0 => Fault::DropBeforeServer,
        1 => Fault::DropAfterCommit,
        2 => Fault::Duplicate,
        3 => Fault::Delay(Duration::from_millis(rng.random_range(5..60))),
        4 => Fault::Status(500),
        5 => Fault::Status(503),
        6 => Fault::Status(429),
        _ => Fault::Truncate,
    }
}

async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Response<ProxyBody>, std::io::Error> {
    shared.counts.requests.fetch_add(1, Ordering::SeqCst);
    let fault = draw(&shared);
    if fault != Fault::None {
        shared.counts.injected.fetch_add(1, Ordering::SeqCst);
    }
    let (parts, body) = req.into_parts();
    let body = body.collect().await.map_err(std::io::Error::other)?.to_bytes();
    let forward = || forward(&shared, &parts, body.clone());
    if parts.uri.path() == "/v1/sync/push" && shared.hold_next_push.swap(false, Ordering::SeqCst) {
        forward().await?;
        shared.held.fetch_add(1, Ordering::SeqCst);
        std::future::pending::<()>().await;
    }
    match fault {
        Fault::None => forward().await,
        Fault::DropBeforeServer => Err(std::io::Error::other("injected: dropped before the server")),
        Fault::DropAfterCommit => {
            forward().await?;
            Err(std::io::Error::other("injected: dropped after the server answered"))
        }
        Fault::Duplicate => {
            let _first = forward().await?;
            forward().await
        }
        Fault::Delay(wait) => {
            tokio::time::sleep(wait).await;
            forward().await
        }
        Fault::Status(code) => Ok(injected_status(code)),
        Fault::Truncate => {
            let response = forward().await?;
            let (parts, body) = response.into_parts();
            let bytes = body.collect().await?.to_bytes();
            let half = bytes.slice(..bytes.len() / 2);
            let frames: Vec<Result<Frame<Bytes>, std::io::Error>> =
                vec![Ok(Frame::data(half)), Err(std::io::Error::other("injected: answer cut off"))];
            let stream = futures_util::stream::iter(frames);
            let mut truncated = Response::from_parts(parts, StreamBody::new(stream).boxed());
            truncated
                .headers_mut()
                .insert(hyper::header::CONTENT_LENGTH, hyper::header::HeaderValue::from(bytes.len()));
            Ok(truncated)
        }
    }
}

async fn forward(
    shared: &Shared,
    parts: &hyper::http::request::Parts,
    body: Bytes,
) -> Result<Response<ProxyBody>, std::io::Error> {
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let upstream = shared.upstream.lock().map_err(|_| std::io::Error::other("upstream lock"))?.clone();
    let uri: hyper::Uri = format!("{upstream}{path}").parse().map_err(std::io::Error::other)?;
    let mut builder = Request::builder().method(parts.method.clone()).uri(uri);
    for (name, value) in &parts.headers {
        if name != hyper::header::HOST {
            builder = builder.header(name, value);
        }
    }
    let request = builder.body(Full::new(body)).map_err(std::io::Error::other)?;
    let response = shared.client.request(request).await.map_err(std::io::Error::other)?;
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.map_err(std::io::Error::other)?.to_bytes();
    Ok(Response::from_parts(parts, Full::new(bytes).map_err(|never: Infallible| match never {}).boxed()))
}

fn injected_status(code: u16) -> Response<ProxyBody> {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    // Load balancers answer with their own HTML, not problem+json.
    let body = Bytes::from(format!("<html><body>{status} (injected by the fault proxy)</body></html>"));
    let mut response = Response::new(Full::new(body).map_err(|never: Infallible| match never {}).boxed());
    *response.status_mut() = status;
    response.headers_mut().insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static("text/html"));
    response
}
