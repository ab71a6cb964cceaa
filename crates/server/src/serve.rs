//! Running the HTTP server until SIGTERM or Ctrl-C.
//!
//! On a signal the listener closes and the requests already in flight run to the end
//! (their transactions commit and their responses go out) before the process exits,
//! so a rolling restart never drops an acknowledged push.

use std::io::Write as _;
use std::net::SocketAddr;

use tokio::net::TcpListener;

use crate::db::Db;
use crate::error::{Result, ServerError};
use crate::http;

/// Binds `listen`, prints `listening on http://ADDR` on stdout, serves until a signal.
pub async fn serve(db: Db, listen: SocketAddr) -> Result<()> {
    let listener = TcpListener::bind(listen).await.map_err(|e| ServerError::io(format!("listening on {listen}"), e))?;
    let addr = listener.local_addr().map_err(|e| ServerError::io("reading the bound address", e))?;
    // Scripts and tests read the port from this line (useful with --listen 127.0.0.1:0).
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on http://{addr}")
        .and_then(|()| stdout.flush())
        .map_err(|e| ServerError::io("stdout", e))?;
    drop(stdout);
    tracing::info!(%addr, backend = ?db.backend(), "serving journeylog-sync v1");
    axum::serve(listener, http::router(db))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| ServerError::io("serving HTTP", e))?;
    tracing::info!("stopped: in-flight requests finished");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutdown signal received; finishing in-flight requests");
}
