//! The employer API over HTTPS, as a blocking client.
//!
//! The core is synchronous (SQLite calls block anyway), so a blocking client keeps
//! one style end to end; the desktop shell runs sync on its own thread. Every
//! failure is sorted into what the user can do about it: *offline* (nothing reached
//! the server, or its answer never arrived whole: try again later, nothing is lost)
//! or a *problem* the server explained with a stable code.

use std::time::Duration;

use journeylog_proto::{
    EnrollRequest, EnrollResponse, PROTOCOL_HEADER, PROTOCOL_VERSION, Problem, PullResponse, PushRequest, PushResponse,
};
use serde::de::DeserializeOwned;

use super::vault::DeviceToken;

/// How a request failed.
#[derive(Debug)]
pub enum HttpError {
    /// The request may or may not have reached the server; its answer did not arrive.
    Offline(String),
    /// The server answered with an `application/problem+json` error.
    Problem(Problem),
    /// The server answered, but not in journeylog-sync v1.
    Protocol(String),
    /// The TLS handshake failed on the server's certificate: not a passing outage, so
    /// it is reported as what it is, not as "offline".
    Untrusted(String),
}

/// A validated server base URL: https, or plain http to this machine only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl(String);

impl ServerUrl {
    /// Accepts `https://host[:port][/path]`, and `http://` only for loopback hosts
    /// (a token sent in clear text over a network can be stolen and replayed).
    pub fn parse(raw: &str) -> Result<ServerUrl, String> {
        let trimmed = raw.trim().trim_end_matches('/');
        let uri: ureq::http::Uri = trimmed
            .parse()
            .map_err(|_| format!("server URL {raw:?} is not a valid URL, e.g. https://journeylog.example.com"))?;
        let host = uri.host().ok_or_else(|| format!("server URL {raw:?} has no host name"))?;
        match uri.scheme_str() {
            Some("https") => {}
            Some("http") if is_loopback(host) => {}
            Some("http") => {
                return Err(format!(
                    "server URL {raw:?} uses plain http to {host}; only https is allowed, except to this \
                     machine (127.0.0.1, ::1 or localhost)"
                ));
            }
            _ => return Err(format!("server URL {raw:?} must start with https://")),
        }
        if uri.query().is_some() {
            return Err(format!("server URL {raw:?} must not have a query string"));
        }
        Ok(ServerUrl(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<std::net::IpAddr>().map(|ip| ip.is_loopback()).unwrap_or(false)
}

/// TLS through the operating system's own stack and trust store: OpenSSL with the
/// system's CA certificates on Linux, Secure Transport on macOS, SChannel on Windows.
///
/// An employer's server is often reached through a private CA or a TLS-inspecting
/// proxy that IT installs into the OS trust store; the OS stack honours that (bundled
/// Mozilla roots would refuse it), follows the OS's TLS policy and gets its security
/// updates. The app then carries no TLS or crypto code for HTTPS (rustls, ring and the
/// bundled roots were about 1 MB of the desktop binary). The LRS client uses it too.
pub(crate) fn os_tls() -> ureq::tls::TlsConfig {
    ureq::tls::TlsConfig::builder()
        .provider(ureq::tls::TlsProvider::NativeTls)
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build()
}

/// A client for one server. Cheap to clone; connections are pooled.
#[derive(Debug, Clone)]
pub struct HttpClient {
    agent: ureq::Agent,
    server: ServerUrl,
}

impl HttpClient {
    pub fn new(server: ServerUrl) -> HttpClient {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(60)))
            .user_agent(concat!("journeylog/", env!("CARGO_PKG_VERSION")))
            .tls_config(os_tls())
            .build();
        HttpClient { agent: config.into(), server }
    }

    pub fn enroll(&self, request: &EnrollRequest) -> Result<EnrollResponse, HttpError> {
        let response = self
            .agent
            .post(self.server.endpoint("/v1/enroll"))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .header("Content-Type", "application/json")
            .send(&compact_json(request)?[..]);
        read(response)
    }

    pub fn push(&self, token: &DeviceToken, request: &PushRequest) -> Result<PushResponse, HttpError> {
        let response = self
            .agent
            .post(self.server.endpoint("/v1/sync/push"))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .header("Authorization", token.bearer())
            .header("Content-Type", "application/json")
            .send(&compact_json(request)?[..]);
        read(response)
    }

    pub fn register_key(
        &self,
        token: &DeviceToken,
        request: &journeylog_proto::RegisterKeyRequest,
    ) -> Result<journeylog_proto::MentorKeyRecord, HttpError> {
        let response = self
            .agent
            .post(self.server.endpoint("/v1/keys"))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .header("Authorization", token.bearer())
            .header("Content-Type", "application/json")
            .send(&compact_json(request)?[..]);
        read(response)
    }

    /// The employer's signed statement of the keys that vouch for the caller's sign-offs.
    pub fn key_statement(&self, token: &DeviceToken) -> Result<journeylog_proto::SignedKeyStatement, HttpError> {
        let response = self
            .agent
            .get(self.server.endpoint("/v1/keys/statement"))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .header("Authorization", token.bearer())
            .call();
        read(response)
    }

    pub fn pull(&self, token: &DeviceToken, cursor: Option<&str>, limit: u32) -> Result<PullResponse, HttpError> {
        let mut request = self
            .agent
            .get(self.server.endpoint("/v1/sync/pull"))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .header("Authorization", token.bearer())
            .query("limit", limit.to_string());
        if let Some(cursor) = cursor {
            request = request.query("cursor", cursor);
        }
        read(request.call())
    }
}

/// A request that got no answer: offline, unless the server's certificate was refused.
/// The OS TLS stack reports that only as text ("certificate verify failed" from
/// OpenSSL), so the text decides; any other TLS failure (a reset mid-handshake, say)
/// stays a passing one.
fn transport_error(error: ureq::Error) -> HttpError {
    let text = error.to_string();
    match error {
        ureq::Error::NativeTls(_) | ureq::Error::Tls(_) if text.contains("certificate") => HttpError::Untrusted(text),
        _ => HttpError::Offline(text),
    }
}

/// The request body as compact JSON. (ureq's `send_json` pretty-prints, which adds a
/// third to a push of nested records and pushed full batches past the server's 1 MiB
/// limit, which the batcher sizes by compact bytes.)
fn compact_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, HttpError> {
    serde_json::to_vec(value).map_err(|e| HttpError::Protocol(format!("could not encode the request: {e}")))
}

fn read<T: DeserializeOwned>(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Result<T, HttpError> {
    let mut response = response.map_err(transport_error)?;
    let status = response.status();
    // A body cut short is a transport failure, not a server statement.
    let body = response.body_mut().read_to_string().map_err(|e| HttpError::Offline(e.to_string()))?;
    if status.is_success() {
        return serde_json::from_str(&body)
            .map_err(|e| HttpError::Protocol(format!("the server's {status} answer is not journeylog-sync v1: {e}")));
    }
    match serde_json::from_str::<Problem>(&body) {
        Ok(problem) => Err(HttpError::Problem(problem)),
        // Proxies and load balancers answer 502/503/504 with their own pages.
        Err(_) if status.is_server_error() || status.as_u16() == 429 => {
            Err(HttpError::Offline(format!("the server answered {status}")))
        }
        Err(_) => Err(HttpError::Protocol(format!("the server answered {status} without a problem body"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_to_loopback() {
        assert!(ServerUrl::parse("https://jl.example.com").is_ok());
        assert!(ServerUrl::parse("https://jl.example.com:8443/api/").is_ok());
        assert!(ServerUrl::parse("http://127.0.0.1:8080").is_ok());
        assert!(ServerUrl::parse("http://localhost:8080").is_ok());
        assert!(ServerUrl::parse("http://[::1]:8080").is_ok());
        let err = ServerUrl::parse("http://jl.example.com").unwrap_err();
        assert!(err.contains("only https is allowed"), "{err}");
        assert!(ServerUrl::parse("http://10.0.0.5").is_err());
        assert!(ServerUrl::parse("ftp://jl.example.com").is_err());
        assert!(ServerUrl::parse("not a url").is_err());
    }

    /// The client sizes batches by compact JSON bytes, so the body must be exactly
    /// that: a pretty-printed body once pushed a full batch of sign-offs past 1 MiB.
    #[test]
    fn request_bodies_are_compact_json() {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let answer = r#"{"results":[],"last_seq":0}"#;
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{answer}",
                answer.len()
            )
            .unwrap();
            body
        });
        let client = HttpClient::new(ServerUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap());
        let request = PushRequest {
            client_id: "c".into(),
            mutations: vec![journeylog_proto::Mutation {
                seq: 1,
                mutation_id: "m".into(),
                kind: journeylog_proto::MutationKind::SignoffCreate,
                record_id: "s".into(),
                base_version: 0,
                payload: serde_json::json!({"statement": {"records": [{"id": "a", "version": 1}]}}),
            }],
        };
        client.push(&DeviceToken::new("jl_t".into()), &request).unwrap();
        let body = server.join().unwrap();
        assert_eq!(body, serde_json::to_vec(&request).unwrap());
    }

    #[test]
    fn trailing_slashes_are_dropped() {
        assert_eq!(ServerUrl::parse("https://jl.example.com/").unwrap().as_str(), "https://jl.example.com");
    }
}
