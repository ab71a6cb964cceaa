//! Sync over HTTPS goes through the operating system's TLS stack and trust store
//! (journeylog-core `sync::http::os_tls`: native-tls, which is OpenSSL on Linux).
//!
//! A TLS stand-in on loopback presents a certificate from a private test CA
//! (tests/fixtures/tls) and answers every request with an enrollment problem. The
//! real `jlog connect` gets that answer when the CA is in the trust store OpenSSL reads
//! (here through `SSL_CERT_FILE`, as an employer's IT would install a private CA), and
//! refuses the server, saying why, when it is not: then no request is sent at all.
//!
//! Linux only: elsewhere native-tls uses the OS's own store, which `SSL_CERT_FILE`
//! does not reach.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // Test helpers panic on failure by design.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use journeylog_proto::{Problem, codes};
use journeylog_tests::jlog;

/// What the stand-in says to every request: only a client that completed the TLS
/// handshake and sent its request can have read it.
const DETAIL: &str = "the TLS stand-in read this enrollment request";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/tls").join(name)
}

/// A TLS server on 127.0.0.1 that answers each request with a 401 problem and
/// records the request line. It lives as long as the test process.
fn tls_stand_in() -> (SocketAddr, Arc<Mutex<Vec<String>>>) {
    let cert = std::fs::read(fixture("server.pem")).unwrap();
    let key = std::fs::read(fixture("server.key")).unwrap();
    let identity = native_tls::Identity::from_pkcs8(&cert, &key).unwrap();
    let acceptor = native_tls::TlsAcceptor::new(identity).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            // A client that does not trust the certificate aborts the handshake.
            let Ok(tls) = acceptor.accept(stream) else { continue };
            let mut reader = BufReader::new(tls);
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_err() {
                continue;
            }
            seen.lock().unwrap().push(request_line.trim_end().to_owned());
            let problem = Problem::new(401, codes::ENROLLMENT_CODE_INVALID, "Enrollment code not accepted", DETAIL);
            let body = serde_json::to_vec(&problem).unwrap();
            let head = format!(
                "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n",
                body.len()
            );
            let mut tls = reader.into_inner();
            let _ = tls.write_all(head.as_bytes()).and_then(|()| tls.write_all(&body)).and_then(|()| tls.flush());
            let _ = tls.shutdown();
        }
    });
    (addr, requests)
}

/// `jlog connect` to the stand-in, with OpenSSL's CA file set to `ca_file` (or left to
/// the system's when `None`).
fn connect(db: &Path, server: &str, ca_file: Option<&Path>) -> jlog::Run {
    let mut command = Command::new(jlog::jlog_binary());
    command.arg("--db").arg(db).args(["connect", "--server", server, "--code", "TLS-TEST-CODE"]);
    command.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR");
    if let Some(ca_file) = ca_file {
        command.env("SSL_CERT_FILE", ca_file);
    }
    let out = command.stdin(Stdio::null()).output().expect("run jlog");
    jlog::Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn https_reaches_a_server_whose_ca_is_in_the_os_trust_store_and_refuses_one_whose_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journeylog.sqlite3");
    let init =
        jlog::run(Some(&db), &["init", "--name", "Ana Diaz", "--program", "mra-phase-1", "--start", "2026-01-05"]);
    assert_eq!(init.code, Some(0), "{}", init.text());
    let (addr, requests) = tls_stand_in();

    // Trusted, by host name and by address: the request crosses TLS and the server's
    // answer comes back as the enrollment code's error.
    for server in [format!("https://localhost:{}", addr.port()), format!("https://{addr}")] {
        let run = connect(&db, &server, Some(&fixture("ca.pem")));
        assert_eq!(run.code, Some(1), "{}", run.text());
        assert!(run.stderr.contains(DETAIL), "the stand-in's answer should arrive: {}", run.text());
    }
    assert_eq!(*requests.lock().unwrap(), ["POST /v1/enroll HTTP/1.1"; 2]);

    // Not trusted (only the system's CAs): the handshake fails, nothing is sent, and
    // the error says it was the certificate.
    let run = connect(&db, &format!("https://localhost:{}", addr.port()), None);
    assert_eq!(run.code, Some(1), "{}", run.text());
    assert!(!run.stderr.contains(DETAIL), "{}", run.text());
    assert!(run.stderr.contains("certificate"), "the error should name the certificate: {}", run.text());
    assert_eq!(requests.lock().unwrap().len(), 2, "no request may reach an untrusted server");
}
