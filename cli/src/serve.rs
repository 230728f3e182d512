//! `serve`: the scoring API over HTTP/JSON and the form page, for portals in any language.
//!
//! Every route answers JSON; an error is `{"error": {"kind", "exit", "message", "issues":
//! [{"path", "message"}]}}` with 400 (usage), 404 (unknown set or schema), 413 (too large),
//! 408 (too slow), 422 (input rejected) or 500 (a bug; no panic reaches a client).

mod api;
mod openapi;
mod page;
mod sets;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::args::ServeArgs;
use crate::fail::Failure;

pub(crate) use sets::Sets;

/// Starts the service and runs it until Ctrl-C or SIGTERM.
pub(crate) fn run(args: &ServeArgs) -> Result<(), Failure> {
    let sets = Arc::new(Sets::load(args.sets.as_deref())?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::io("tokio runtime", &e))?;
    runtime.block_on(serve(args, sets))
}

async fn serve(args: &ServeArgs, sets: Arc<Sets>) -> Result<(), Failure> {
    let listener = tokio::net::TcpListener::bind(&args.bind)
        .await
        .map_err(|e| Failure::usage(format!("cannot listen on `{}`: {e}", args.bind)))?;
    let addr: SocketAddr = listener
        .local_addr()
        .map_err(|e| Failure::io(&args.bind, &e))?;
    println!("par-index serving on http://{addr}/");
    let app = router(sets, Duration::from_secs(args.timeout), args.max_body);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| Failure::io("server", &e))
}

/// The routes, with the size and time limits and the panic guard.
pub(crate) fn router(sets: Arc<Sets>, timeout: Duration, max_body: usize) -> Router {
    guarded(routes().with_state(sets), timeout, max_body)
}

/// The routes, before their state.
fn routes() -> Router<Arc<Sets>> {
    Router::new()
        .route("/", get(page::index))
        .route("/page.js", get(page::script))
        .route("/page.css", get(page::style))
        .route("/openapi.json", get(openapi::document))
        .route("/sets", get(api::sets))
        .route("/sets/{id}", get(api::set))
        .route("/schemas/{name}", get(api::schema))
        .route("/score", post(api::score))
        .route("/points", post(api::points))
        .route("/check", post(api::check))
        .route("/appraise", post(api::appraise))
        .route("/rank", post(api::rank))
        .route("/audit", post(api::audit))
        .route("/gaps", post(api::gaps))
        .route("/whatif", post(api::whatif))
        .fallback(api::not_found)
}

/// The size and time limits and the panic guard around a router.
fn guarded(app: Router, timeout: Duration, max_body: usize) -> Router {
    app.layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(CatchPanicLayer::custom(api::panicked))
        .layer(axum::middleware::map_response(api::json_errors))
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt as _;

    async fn boom() -> &'static str {
        panic!("a bug")
    }

    async fn slow() -> &'static str {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    }

    async fn status_of(path: &str) -> (StatusCode, String) {
        let app = axum::Router::new()
            .route("/boom", get(boom))
            .route("/slow", get(slow));
        let app = super::guarded(app, Duration::from_millis(100), 1000);
        let request = Request::get(path).body(Body::empty()).unwrap_or_default();
        let response = app.oneshot(request).await.unwrap_or_else(|e| match e {});
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 10_000)
            .await
            .unwrap_or_default();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    #[tokio::test]
    async fn a_panic_answers_a_json_500() {
        let (status, body) = status_of("/boom").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(body.contains(r#""kind":"internal""#), "{body}");
    }

    #[tokio::test]
    async fn a_slow_request_answers_408() {
        let (status, body) = status_of("/slow").await;
        assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
        assert!(body.contains(r#""kind":"timeout""#), "{body}");
    }
}
