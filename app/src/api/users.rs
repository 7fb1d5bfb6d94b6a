//! The administrative part: dashboard, the list of accounts, one account,
//! the account form, the verification request. Every function starts by
//! checking that the caller is an administrator and works only within the
//! caller's organisation.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::AppError;
use super::types::{Dashboard, FormContext, UserDetails, UserRow};
use crate::domain::user_form::UserInput;

#[cfg(feature = "ssr")]
mod ssr {
    use surrealdb::types::RecordId;

    use crate::api::AppError;
    use crate::api::types::{MessageRow, ScanInfo, UserDetails, UserRow};
    use crate::domain::dates::format_date;
    use crate::domain::phone::display_e164;
    use crate::server::accounts::{self, AccountRow};
    use crate::server::context::{self, Caller};
    use crate::server::users::SaveUserError;
    use crate::server::{format_datetime, key_of, messages, scans, verification};

    /// The account `key` of the caller's organisation, or `NotFound` (also
    /// for accounts of other organisations: nothing is revealed).
    pub async fn own_account(caller: &Caller, key: &str) -> Result<AccountRow, AppError> {
        if !crate::server::secrets::is_id(key) {
            return Err(AppError::NotFound);
        }
        let state = context::state()?;
        let row =
            accounts::get(&state.db, &RecordId::new("account", key)).await.map_err(context::db_error("account"))?;
        row.filter(|a| &a.org == caller.org()).ok_or(AppError::NotFound)
    }

    pub fn row(a: &AccountRow, tz: &str) -> UserRow {
        UserRow {
            id: key_of(&a.id),
            full_name: a.full_name(),
            login: a.login.clone(),
            roles: a.roles(),
            status: a.status(),
            created_at: format_datetime(a.created_at, tz),
            locked: a.is_locked(chrono::Utc::now()),
        }
    }

    pub async fn details(caller: &Caller, a: &AccountRow) -> Result<UserDetails, AppError> {
        let state = context::state()?;
        let tz = &caller.time_zone;
        let scan = match &a.scan {
            Some(id) => scans::meta(&state.db, id).await.map_err(context::db_error("scan meta"))?.map(|m| ScanInfo {
                id: key_of(&m.id),
                size: u64::try_from(m.size).unwrap_or(0),
                pages: u32::try_from(m.pages).unwrap_or(0),
            }),
            None => None,
        };
        let verification =
            verification::state_for(&state, a, tz).await.map_err(context::db_error("verification state"))?;
        let now = chrono::Utc::now();
        Ok(UserDetails {
            id: key_of(&a.id),
            org_name: caller.org_name.clone(),
            login: a.login.clone(),
            email: a.email.clone(),
            roles: a.roles(),
            surname: a.surname.clone(),
            name: a.name.clone(),
            patronymic: a.patronymic.clone().unwrap_or_default(),
            full_name: a.full_name(),
            birth_date: format_date(a.birth_date),
            passport_number: a.passport_number.clone(),
            passport_issuer: a.passport_issuer.clone(),
            passport_issued: format_date(a.passport_issued),
            position: a.position.clone(),
            phone: display_e164(&a.phone),
            status: a.status(),
            created_at: format_datetime(a.created_at, tz),
            locked_until: a.locked_until.filter(|t| *t > now).map(|t| format_datetime(t, tz)),
            must_change_password: a.must_change_password,
            scan,
            verification,
        })
    }

    pub fn message_row(m: &messages::MessageRow, tz: &str) -> MessageRow {
        MessageRow { created_at: format_datetime(m.created_at, tz), text: m.text.clone() }
    }

    /// An administrator saves the form at most 20 times a minute (each save
    /// may run several password checks).
    pub async fn save_allowed(caller: &Caller) -> Result<(), AppError> {
        use crate::server::rate_limit::{self, Limit};
        let state = context::state()?;
        match rate_limit::hit(&state.db, Limit::Save, &key_of(caller.id())).await {
            Ok(true) => Ok(()),
            Ok(false) => Err(AppError::RateLimited),
            Err(e) => Err(AppError::internal("save limit", e)),
        }
    }

    pub fn save_error(e: SaveUserError) -> AppError {
        match e {
            SaveUserError::Invalid(errors) => AppError::Invalid(errors),
            SaveUserError::NotFound => AppError::NotFound,
            other => AppError::internal("save user", other),
        }
    }
}

#[server(endpoint = "admin/dashboard")]
pub async fn admin_dashboard() -> Result<Dashboard, AppError> {
    use crate::server::{accounts, context, messages};
    let caller = context::require_admin().await?;
    let state = context::state()?;
    let counts =
        accounts::count_by_status(&state.db, caller.org()).await.map_err(context::db_error("dashboard counts"))?;
    let count = |key: &str| counts.iter().find(|(k, _)| k == key).map(|(_, n)| *n).unwrap_or(0);
    let latest =
        messages::latest_for(&state.db, caller.org(), 5).await.map_err(context::db_error("dashboard messages"))?;
    Ok(Dashboard {
        org_name: caller.org_name.clone(),
        new: count("new"),
        verified: count("verified"),
        archived: count("archived"),
        messages: latest.iter().map(|m| ssr::message_row(m, &caller.time_zone)).collect(),
    })
}

#[server(endpoint = "admin/users")]
pub async fn list_users() -> Result<Vec<UserRow>, AppError> {
    use crate::server::{accounts, context};
    let caller = context::require_admin().await?;
    let state = context::state()?;
    let rows = accounts::list_for_org(&state.db, caller.org()).await.map_err(context::db_error("list users"))?;
    Ok(rows.iter().map(|a| ssr::row(a, &caller.time_zone)).collect())
}

#[server(endpoint = "admin/user")]
pub async fn get_user(id: String) -> Result<UserDetails, AppError> {
    use crate::server::context;
    let caller = context::require_admin().await?;
    let account = ssr::own_account(&caller, &id).await?;
    ssr::details(&caller, &account).await
}

/// What the new-account form needs: the organisation and today's date.
#[server(endpoint = "admin/form_context")]
pub async fn user_form_context() -> Result<FormContext, AppError> {
    use crate::server::{context, today_in};
    let caller = context::require_admin().await?;
    Ok(FormContext { org_name: caller.org_name.clone(), today: today_in(&caller.time_zone).to_string() })
}

/// Creates an account in the caller's organisation; answers with its id.
#[server(endpoint = "admin/users/create", input = Json)]
pub async fn create_user(input: UserInput) -> Result<String, AppError> {
    use crate::server::users::{self, ScanSource};
    use crate::server::{context, key_of, today_in};
    let caller = context::require_admin().await?;
    let state = context::state()?;
    ssr::save_allowed(&caller).await?;
    let id = users::create(
        &state,
        caller.org(),
        Some(caller.id()),
        &input,
        ScanSource::Upload { uploader: Some(caller.id()) },
        today_in(&caller.time_zone),
    )
    .await
    .map_err(ssr::save_error)?;
    Ok(key_of(&id))
}

#[server(endpoint = "admin/users/update", input = Json)]
pub async fn update_user(id: String, input: UserInput) -> Result<(), AppError> {
    use crate::server::{context, today_in, users};
    let caller = context::require_admin().await?;
    let state = context::state()?;
    ssr::save_allowed(&caller).await?;
    let account = ssr::own_account(&caller, &id).await?;
    users::update(&state, caller.org(), caller.id(), &account, &input, caller.id(), today_in(&caller.time_zone))
        .await
        .map_err(ssr::save_error)
}

/// Sends a new verification request (invalidating the previous one).
#[server(endpoint = "admin/users/verify")]
pub async fn send_verification(id: String) -> Result<UserDetails, AppError> {
    use crate::api::types::AccountStatus;
    use crate::server::{context, verification};
    let caller = context::require_admin().await?;
    let state = context::state()?;
    let account = ssr::own_account(&caller, &id).await?;
    if account.status() == AccountStatus::Archived {
        return Err(AppError::Refused("Учётная запись в архиве: сначала восстановите её".into()));
    }
    if account.status() == AccountStatus::Verified {
        return Err(AppError::Refused("Контактные данные уже подтверждены".into()));
    }
    let last = verification::latest_for(&state.db, &account.id).await.map_err(context::db_error("last request"))?;
    if let Some(wait) = last.and_then(|r| verification::wait_before_new_request(r.created_at)) {
        return Err(AppError::Refused(format!("Запрос только что отправлен. Новый можно отправить через {wait} с")));
    }
    verification::request(&state, &account, Some(caller.id()), &caller.time_zone)
        .await
        .map_err(context::db_error("send verification"))?;
    ssr::details(&caller, &account).await
}

/// Delivers again a verification message whose delivery failed.
#[server(endpoint = "admin/users/retry_delivery")]
pub async fn retry_delivery(id: String, message: String) -> Result<UserDetails, AppError> {
    use crate::server::audit::{self, Action, Event};
    use crate::server::{context, outbox, verification};
    use surrealdb::types::RecordId;
    let caller = context::require_admin().await?;
    let state = context::state()?;
    let account = ssr::own_account(&caller, &id).await?;
    if !crate::server::secrets::is_id(&message) {
        return Err(AppError::NotFound);
    }
    let message = RecordId::new("outbox", message);
    if !verification::message_belongs_to(&state.db, &message, &account.id)
        .await
        .map_err(context::db_error("retry check"))?
    {
        return Err(AppError::NotFound);
    }
    outbox::retry(&state, &message).await.map_err(context::db_error("retry delivery"))?;
    audit::log(
        &state.db,
        Action::DeliveryRetried,
        Event {
            actor: Some(caller.id().clone()),
            org: Some(caller.org().clone()),
            target: Some(id),
            ..Default::default()
        },
    )
    .await;
    ssr::details(&caller, &account).await
}

/// Lifts the temporary lock after failed logins.
#[server(endpoint = "admin/users/unlock")]
pub async fn unlock_user(id: String) -> Result<UserDetails, AppError> {
    use crate::server::{accounts, context};
    let caller = context::require_admin().await?;
    let state = context::state()?;
    let account = ssr::own_account(&caller, &id).await?;
    accounts::unlock(&state.db, &account.id).await.map_err(context::db_error("unlock"))?;
    let account = ssr::own_account(&caller, &id).await?;
    ssr::details(&caller, &account).await
}
