//! What a server function learns about its request: the shared state, the
//! client address, and the signed-in caller with the checks of role and
//! organisation every server function starts with.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use surrealdb::types::RecordId;

use super::accounts::AccountRow;
use super::db::DbError;
use super::orgs;
use super::sessions;
use super::state::AppState;
use crate::api::AppError;
use crate::api::types::{AccountStatus, Me, Part};

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("context", "AppState is not provided"))
}

pub async fn headers() -> Result<http::HeaderMap, AppError> {
    let parts: http::request::Parts =
        leptos_axum::extract().await.map_err(|e| AppError::internal("request parts", e))?;
    Ok(parts.headers)
}

/// The client's address (see `Config::client_ip`).
pub async fn client_ip() -> String {
    let (Ok(state), Ok(ConnectInfo(addr)), Ok(headers)) =
        (state(), leptos_axum::extract::<ConnectInfo<SocketAddr>>().await, headers().await)
    else {
        return "unknown".to_string();
    };
    state.config.client_ip(addr.ip(), &headers).to_string()
}

pub fn set_cookie(value: &str) {
    if let Some(resp) = use_context::<ResponseOptions>()
        && let Ok(v) = http::HeaderValue::from_str(value)
    {
        resp.append_header(http::header::SET_COOKIE, v);
    }
}

/// The signed-in user of this request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub session: RecordId,
    pub account: AccountRow,
    pub org_name: String,
    pub time_zone: String,
}

impl Caller {
    pub fn id(&self) -> &RecordId {
        &self.account.id
    }

    pub fn org(&self) -> &RecordId {
        &self.account.org
    }

    pub fn me(&self) -> Me {
        Me {
            login: self.account.login.clone(),
            full_name: self.account.full_name(),
            roles: self.account.roles(),
            org_name: self.org_name.clone(),
            status: self.account.status(),
            must_change_password: self.account.must_change_password,
        }
    }

    /// Signed in, contacts confirmed, temporary password changed, holding a
    /// role of `part`.
    pub fn may_work_in(&self, part: Part) -> bool {
        self.account.status() == AccountStatus::Verified
            && !self.account.must_change_password
            && self.me().part() == part
    }
}

/// The caller of a request with these headers, if signed in.
pub async fn caller_from(state: &AppState, headers: &http::HeaderMap) -> Result<Option<Caller>, DbError> {
    let Some(token) = sessions::token_from_headers(headers) else {
        return Ok(None);
    };
    let Some((session, account)) = sessions::resolve(&state.db, &token).await? else {
        return Ok(None);
    };
    let Some(org) = orgs::get(&state.db, &account.org).await? else {
        return Err(DbError::Unexpected("organisation of the account is missing".into()));
    };
    Ok(Some(Caller { session: session.id, account, org_name: org.short_name, time_zone: org.time_zone }))
}

/// The caller of this server function, if signed in.
pub async fn caller() -> Result<Option<Caller>, AppError> {
    let state = state()?;
    caller_from(&state, &headers().await?).await.map_err(|e| AppError::internal("session", e))
}

/// A signed-in caller (any status), or `Unauthorized`.
pub async fn signed_in() -> Result<Caller, AppError> {
    caller().await?.ok_or(AppError::Unauthorized)
}

/// A caller who may work in `part`: signed in, contacts confirmed, temporary
/// password changed, holding a role of that part.
pub async fn require(part: Part) -> Result<Caller, AppError> {
    let caller = signed_in().await?;
    if caller.may_work_in(part) { Ok(caller) } else { Err(AppError::Forbidden) }
}

pub async fn require_admin() -> Result<Caller, AppError> {
    require(Part::Admin).await
}

/// Shortcut for server functions.
pub fn db_error(context: &'static str) -> impl Fn(super::db::DbError) -> AppError {
    move |e| AppError::internal(context, e)
}
