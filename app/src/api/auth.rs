//! Signing in and out, the current user, the password change and the live
//! password and login checks of the forms.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::AppError;
use super::types::Me;
use crate::domain::password::PasswordChecklist;

/// Signs in; answers with the page the user belongs on (and redirects a
/// form posted without JavaScript there).
#[server(endpoint = "login")]
pub async fn login(login: String, password: String) -> Result<String, AppError> {
    use crate::server::auth::{self, LoginError};
    use crate::server::{context, sessions};
    let state = context::state()?;
    let ip = context::client_ip().await;
    if let Some(old) = sessions::token_from_headers(&context::headers().await?) {
        sessions::end_by_token(&state.db, &old).await.map_err(context::db_error("login: old session"))?;
    }
    match auth::login(&state, &login, &password, &ip).await {
        Ok((token, account)) => {
            context::set_cookie(&sessions::cookie(&token, state.config.secure_cookies));
            let me = Me {
                login: account.login.clone(),
                full_name: account.full_name(),
                roles: account.roles(),
                org_name: String::new(),
                status: account.status(),
                must_change_password: account.must_change_password,
            };
            let landing = me.landing().to_string();
            leptos_axum::redirect(&landing);
            Ok(landing)
        }
        Err(LoginError::BadCredentials) => Err(AppError::BadCredentials),
        Err(LoginError::RateLimited) => Err(AppError::RateLimited),
        Err(e) => Err(AppError::internal("login", e)),
    }
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::audit::{self, Action, Event};
    use crate::server::{context, sessions};
    let state = context::state()?;
    if let Some(caller) = context::caller().await? {
        sessions::delete(&state.db, &caller.session).await.map_err(context::db_error("logout"))?;
        audit::log(
            &state.db,
            Action::Logout,
            Event {
                actor: Some(caller.account.id.clone()),
                org: Some(caller.account.org.clone()),
                ..Default::default()
            },
        )
        .await;
    }
    context::set_cookie(&sessions::clear_cookie(state.config.secure_cookies));
    leptos_axum::redirect("/login");
    Ok(())
}

/// The signed-in user, or `None`.
#[server(endpoint = "me")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    Ok(crate::server::context::caller().await?.map(|c| c.me()))
}

/// The user's own password change (required at the first login).
#[server(endpoint = "change_password", input = Json)]
pub async fn change_password(current: String, password: String, password_repeat: String) -> Result<String, AppError> {
    use crate::server::auth::{self, ChangePasswordError};
    use crate::server::context;
    let state = context::state()?;
    let caller = context::signed_in().await?;
    // A «Новая» account sees only the page that says its contacts are not
    // confirmed; the password is changed after the confirmation.
    if caller.account.status() != crate::api::types::AccountStatus::Verified {
        return Err(AppError::Forbidden);
    }
    match auth::change_password(&state, &caller.account, &caller.session, &current, &password, &password_repeat).await {
        Ok(()) => {
            let mut me = caller.me();
            me.must_change_password = false;
            Ok(me.landing().to_string())
        }
        Err(ChangePasswordError::Invalid(errors)) => Err(AppError::Invalid(errors)),
        Err(e) => Err(AppError::internal("change password", e)),
    }
}

/// May this request use the live checks of the forms? The first-run setup
/// page with its token, an administrator, or (when `any_user`) any signed-in
/// user.
#[cfg(feature = "ssr")]
async fn may_check(setup_token: Option<String>, any_user: bool) -> Result<(), AppError> {
    use crate::server::{context, setup};
    if let Some(token) = setup_token {
        let state = context::state()?;
        return match setup::is_valid(&state.db, &token).await.map_err(context::db_error("setup token"))? {
            true => Ok(()),
            false => Err(AppError::Forbidden),
        };
    }
    if any_user { context::signed_in().await.map(|_| ()) } else { context::require_admin().await.map(|_| ()) }
}

/// The server half of the password checklist: the list of common passwords
/// and the strength score (the dictionaries stay on the server).
#[server(endpoint = "password_check", input = Json)]
pub async fn password_check(
    password: String,
    login: String,
    hints: Vec<String>,
    setup_token: Option<String>,
) -> Result<PasswordChecklist, AppError> {
    may_check(setup_token, true).await?;
    let hints: Vec<&str> = hints.iter().map(String::as_str).take(8).collect();
    let password: String = password.chars().take(crate::domain::password::PASSWORD_MAX + 1).collect();
    Ok(crate::domain::password::strength::check(&password, &login, &hints))
}

/// Is the login free? `except` is the account being edited.
#[server(endpoint = "login_available", input = Json)]
pub async fn login_available(
    login: String,
    except: Option<String>,
    setup_token: Option<String>,
) -> Result<bool, AppError> {
    use crate::server::{accounts, context};
    use surrealdb::types::RecordId;
    may_check(setup_token, false).await?;
    let Ok(login) = crate::domain::Login::parse(&login) else {
        return Ok(true);
    };
    let state = context::state()?;
    let except = except.filter(|k| crate::server::secrets::is_id(k)).map(|k| RecordId::new("account", k));
    let taken = accounts::login_taken(&state.db, &login.normalised(), except.as_ref())
        .await
        .map_err(context::db_error("login available"))?;
    Ok(!taken)
}
