//! The form page at `/`: plain HTML, CSS and JavaScript embedded in the binary.

use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

/// GET /.
pub(crate) async fn index() -> Html<&'static str> {
    Html(include_str!("page.html"))
}

/// GET /page.js.
pub(crate) async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("page.js"),
    )
        .into_response()
}

/// GET /page.css.
pub(crate) async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("page.css"),
    )
        .into_response()
}
