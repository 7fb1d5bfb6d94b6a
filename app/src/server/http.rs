//! The HTTP side: the axum router with the Leptos pages and server
//! functions, the scan upload and download endpoints, the same-origin check
//! for state-changing requests, and the security headers.

use std::net::SocketAddr;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use surrealdb::types::RecordId;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;

use super::audit::{self, Action, Event};
use super::context::{Caller, caller_from};
use super::rate_limit::{self, Limit};
use super::state::AppState;
use super::{scans, setup};
use crate::api::types::{Part, ScanInfo, UploadResult};
use crate::domain::pdf_scan::{PdfScan, SCAN_MAX_BYTES, ScanError, human_size};
use crate::{App, shell};

pub use crate::SETUP_TOKEN_HEADER;

/// The whole application.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let fn_state = state.clone();
    let page_state = state.clone();
    let options = state.leptos_options.clone();
    Router::new()
        .route(
            "/api/{*fn_name}",
            post(move |req: Request| {
                let state = fn_state.clone();
                async move { leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), req).await }
            }),
        )
        .route(
            "/files/scans",
            post(upload_scan).layer(DefaultBodyLimit::max(usize::try_from(SCAN_MAX_BYTES).unwrap_or(1 << 20) + 1)),
        )
        .route("/files/scans/{id}", get(download_scan))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(page_state.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn_with_state(state.clone(), same_origin_only))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .with_state(state)
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Is the request from a page of this application? Browsers say so in
/// `Sec-Fetch-Site` (which pages cannot forge); without it, `Origin` must be
/// the configured public URL or the host the request was sent to.
pub fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin";
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return false;
    };
    if origin == public_url {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://"));
    matches!((origin_host, host), (Some(o), Some(h)) if o == h)
}

async fn same_origin_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if is_safe(req.method()) || same_origin(req.headers(), &state.config.public_url) {
        next.run(req).await
    } else {
        (StatusCode::FORBIDDEN, "Запрос отклонён: он отправлен не со страницы ИЗКТ.").into_response()
    }
}

async fn security_headers(req: Request, next: Next) -> Response {
    let static_asset = req.uri().path().starts_with("/pkg/") || req.uri().path() == "/favicon.ico";
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Same-origin requests keep their Referer (and an honest Origin on form
    // posts); nothing, the confirmation link included, leaks to other sites.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; object-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    if static_asset {
        // Not content-hashed: the browser keeps them but asks if they changed.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    } else {
        // Pages and server functions carry personal data: never cached.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// Server functions answer every error with 500; the status that says what
/// happened is set here from the typed error in the body.
async fn server_fn_status(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let resp = next.run(req).await;
    if resp.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<crate::api::AppError>(&bytes) {
        parts.status = status_of(&error);
    }
    Response::from_parts(parts, Body::from(bytes))
}

pub fn status_of(error: &crate::api::AppError) -> StatusCode {
    use crate::api::AppError as E;
    match error {
        E::Unauthorized | E::BadCredentials => StatusCode::UNAUTHORIZED,
        E::Forbidden => StatusCode::FORBIDDEN,
        E::NotFound => StatusCode::NOT_FOUND,
        E::Invalid(_) | E::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
        E::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        E::BadRequest | E::Transport(_) => StatusCode::BAD_REQUEST,
        E::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Who may upload: an administrator who may work, or the setup page.
async fn uploader(state: &AppState, headers: &HeaderMap) -> Result<Option<Caller>, StatusCode> {
    if let Some(token) = headers.get(SETUP_TOKEN_HEADER).and_then(|v| v.to_str().ok()) {
        return match setup::is_valid(&state.db, token).await {
            Ok(true) => Ok(None),
            Ok(false) => Err(StatusCode::FORBIDDEN),
            Err(e) => {
                tracing::error!(error = %e, "upload: setup check failed");
                Err(StatusCode::INTERNAL_SERVER_ERROR)
            }
        };
    }
    match caller_from(state, headers).await {
        Ok(Some(caller)) if caller.may_work_in(Part::Admin) => Ok(Some(caller)),
        Ok(Some(_)) => Err(StatusCode::FORBIDDEN),
        Ok(None) => Err(StatusCode::UNAUTHORIZED),
        Err(e) => {
            tracing::error!(error = %e, "upload: session check failed");
            Err(StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

/// `POST /files/scans` with the PDF as the body: checks it and stores it as
/// a pending upload; the form then refers to it by id.
async fn upload_scan(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let who = match uploader(&state, &headers).await {
        Ok(who) => who,
        Err(status) => return status.into_response(),
    };
    let ip = state.config.client_ip(addr.ip(), &headers).to_string();
    match rate_limit::hit(&state.db, Limit::Upload, &ip).await {
        Ok(true) => {}
        Ok(false) => {
            return (
                StatusCode::TOO_MANY_REQUESTS,
                Json(UploadResult::Refused("Слишком много загрузок. Подождите минуту".into())),
            )
                .into_response();
        }
        Err(e) => {
            tracing::error!(error = %e, "upload: rate limit failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let bytes = match body {
        Ok(bytes) => bytes,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            let size =
                headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
            let error = match size {
                Some(size) => ScanError::TooLarge(human_size(size)),
                None => ScanError::TooLargeUnknownSize,
            };
            return Json(UploadResult::Refused(error.to_string())).into_response();
        }
        Err(_) => return Json(UploadResult::Refused(ScanError::Unreadable.to_string())).into_response(),
    };
    let scan = match tokio::task::spawn_blocking(move || PdfScan::parse(bytes.to_vec())).await {
        Ok(Ok(scan)) => scan,
        Ok(Err(e)) => return Json(UploadResult::Refused(e.to_string())).into_response(),
        Err(_) => return Json(UploadResult::Refused(ScanError::Unreadable.to_string())).into_response(),
    };
    let uploaded_by = who.as_ref().map(|c| c.account.id.clone());
    match scans::store(&state.db, &scan, uploaded_by.as_ref()).await {
        Ok(id) => Json(UploadResult::Ok(ScanInfo {
            id: super::key_of(&id),
            size: scan.bytes().len() as u64,
            pages: u32::try_from(scan.pages()).unwrap_or(u32::MAX),
        }))
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "upload: store failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /files/scans/{id}`: the scan, to an administrator of the account's
/// organisation (or to the administrator who has just uploaded it). Every
/// opening is logged.
async fn download_scan(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(key): Path<String>,
) -> Response {
    let caller = match caller_from(&state, &headers).await {
        Ok(Some(c)) if c.may_work_in(Part::Admin) => c,
        Ok(Some(_)) => return StatusCode::FORBIDDEN.into_response(),
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "download: session check failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if !super::secrets::is_id(&key) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let id = RecordId::new("scan", key.as_str());
    match may_open(&state, &caller, &id).await {
        Ok(true) => {}
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "download: access check failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let data = match scans::data(&state.db, &id).await {
        Ok(Some(data)) => data,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "download: read failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    audit::log(
        &state.db,
        Action::ScanOpened,
        Event {
            actor: Some(caller.account.id.clone()),
            org: Some(caller.account.org.clone()),
            target: Some(key),
            ip: Some(state.config.client_ip(addr.ip(), &headers).to_string()),
            ..Default::default()
        },
    )
    .await;
    Response::builder()
        .header(header::CONTENT_TYPE, "application/pdf")
        .header(header::CONTENT_DISPOSITION, "inline; filename=\"document.pdf\"")
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(data))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

async fn may_open(state: &AppState, caller: &Caller, scan: &RecordId) -> Result<bool, super::db::DbError> {
    let mut res = state
        .db
        .query("SELECT count() AS n FROM account WHERE scan = $scan AND org = $org GROUP ALL")
        .bind(("scan", scan.clone()))
        .bind(("org", caller.account.org.clone()))
        .await?
        .check()?;
    let n: Option<i64> = res.take((0, "n"))?;
    if n.unwrap_or(0) > 0 {
        return Ok(true);
    }
    let meta = scans::meta(&state.db, scan).await?;
    Ok(meta.is_some_and(|m| !m.attached && m.uploaded_by.as_ref() == Some(&caller.account.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn same_origin_rules() {
        let public = "https://izkt.example.ru";
        let ok = |pairs: &[(&'static str, &'static str)]| same_origin(&headers(pairs), public);
        assert!(ok(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")]));
        assert!(ok(&[("host", "10.0.0.5:3000"), ("origin", "https://izkt.example.ru")]));
        assert!(!ok(&[("host", "127.0.0.1:3000"), ("origin", "http://evil.example")]));
        assert!(!ok(&[("host", "127.0.0.1:3000"), ("origin", "null")]));
        // The browser's own word wins over Origin (a native form post from a
        // page without a referrer sends `Origin: null`).
        assert!(ok(&[("host", "x"), ("origin", "null"), ("sec-fetch-site", "same-origin")]));
        assert!(!ok(&[("host", "x"), ("origin", "http://x"), ("sec-fetch-site", "cross-site")]));
        assert!(!ok(&[("host", "x"), ("sec-fetch-site", "same-site")]));
        assert!(!ok(&[("host", "x")]));
    }
}
