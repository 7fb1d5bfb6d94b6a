//! The public confirmation page's server functions. They need no session:
//! the link's token is the key, and the code and resend limits protect it.

use leptos::prelude::*;

use super::AppError;
use super::types::VerifyView;

#[server(endpoint = "verify/open")]
pub async fn open_verification(token: String) -> Result<VerifyView, AppError> {
    use crate::server::{context, verification};
    let state = context::state()?;
    verification::open(&state, &token).await.map_err(context::db_error("verify open"))
}

#[server(endpoint = "verify/code")]
pub async fn confirm_code(token: String, code: String) -> Result<VerifyView, AppError> {
    use crate::server::{context, verification};
    let state = context::state()?;
    let ip = context::client_ip().await;
    verification::confirm_code(&state, &token, &code, &ip).await.map_err(context::db_error("verify code"))
}

#[server(endpoint = "verify/resend")]
pub async fn resend_code(token: String) -> Result<VerifyView, AppError> {
    use crate::server::{context, verification};
    let state = context::state()?;
    let ip = context::client_ip().await;
    verification::resend_code(&state, &token, &ip).await.map_err(context::db_error("verify resend"))
}
