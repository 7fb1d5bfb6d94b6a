//! Signing in and changing the password.
//!
//! One generic refusal whatever the cause; unknown logins cost the same
//! Argon2 work as known ones; per account, growing delays after 5 failures
//! in a row and a 15-minute lock after 10; per client address, a rate limit.
//! Every attempt is logged (without the typed password or login).

use std::time::Duration;

use chrono::Utc;
use surrealdb::types::RecordId;

use super::accounts::{self, AccountRow};
use super::audit::{self, Action, Event};
use super::db::DbError;
use super::passwords::{self, HashError};
use super::rate_limit::{self, Limit};
use super::sessions;
use super::state::AppState;
use crate::domain::password::PasswordError;
use crate::domain::{Field, FieldErrors, Login, Password};

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("bad credentials")]
    BadCredentials,
    #[error("rate limited")]
    RateLimited,
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Hash(#[from] HashError),
}

/// Failures in a row after which every attempt waits.
pub const DELAY_AFTER: i64 = 5;

/// The wait before checking the password of an account with `failures`
/// failed attempts in a row: none up to 5, then 1, 2, 4, 8, 16 s.
pub fn delay_for(failures: i64) -> Duration {
    if failures < DELAY_AFTER {
        Duration::ZERO
    } else {
        let exp = u32::try_from((failures - DELAY_AFTER).min(4)).unwrap_or(4);
        Duration::from_secs(1u64 << exp)
    }
}

/// Checks the login and password; on success starts a session and returns
/// its token and the account.
pub async fn login(
    state: &AppState,
    login: &str,
    password: &str,
    ip: &str,
) -> Result<(String, AccountRow), LoginError> {
    let db = &state.db;
    if !rate_limit::hit(db, Limit::Login, ip).await? {
        audit::log(
            db,
            Action::LoginFailed,
            Event { ip: Some(ip.into()), detail: Some("rate limited".into()), ..Default::default() },
        )
        .await;
        return Err(LoginError::RateLimited);
    }
    let parsed = Login::parse(login);
    let account = match &parsed {
        Ok(l) => accounts::by_login(db, &l.normalised()).await?,
        Err(_) => None,
    };
    // The key failed attempts at a login that has no account are counted
    // under, so that such a login slows down exactly like a real one.
    let unknown_key = match &parsed {
        Ok(l) => l.normalised(),
        Err(_) => login.trim().to_lowercase().chars().take(64).collect(),
    };
    let event = |account: &AccountRow, detail: &str| Event {
        actor: Some(account.id.clone()),
        org: Some(account.org.clone()),
        ip: Some(ip.into()),
        detail: Some(detail.into()),
        ..Default::default()
    };
    let Some(account) = account else {
        tokio::time::sleep(delay_for(unknown_failures(db, &unknown_key).await?)).await;
        passwords::verify_dummy(password.to_string()).await?;
        record_unknown_failure(db, &unknown_key).await?;
        audit::log(
            db,
            Action::LoginFailed,
            Event { ip: Some(ip.into()), detail: Some("unknown login".into()), ..Default::default() },
        )
        .await;
        return Err(LoginError::BadCredentials);
    };
    tokio::time::sleep(delay_for(account.failed_logins)).await;
    if account.is_locked(Utc::now()) {
        passwords::verify_dummy(password.to_string()).await?;
        audit::log(db, Action::LoginLocked, event(&account, "locked")).await;
        return Err(LoginError::BadCredentials);
    }
    let ok = passwords::verify(password.to_string(), account.password_hash.clone()).await?;
    if !ok {
        let after = accounts::record_failed_login(db, &account.id).await?;
        let action = if after.is_locked(Utc::now()) { Action::LoginLocked } else { Action::LoginFailed };
        audit::log(db, action, event(&account, "wrong password")).await;
        return Err(LoginError::BadCredentials);
    }
    if account.status() == crate::api::types::AccountStatus::Archived {
        audit::log(db, Action::LoginFailed, event(&account, "archived")).await;
        return Err(LoginError::BadCredentials);
    }
    accounts::record_successful_login(db, &account.id).await?;
    let token = sessions::create(db, &account.id).await?;
    audit::log(db, Action::LoginOk, event(&account, "ok")).await;
    Ok((token, account))
}

fn failure_id(key: &str) -> surrealdb::types::RecordId {
    surrealdb::types::RecordId::new("login_failure", key.to_string())
}

/// Failed attempts in a row at a login without an account (forgotten after
/// an hour of quiet).
async fn unknown_failures(db: &super::db::Db, key: &str) -> Result<i64, DbError> {
    let mut res = db
        .query("SELECT VALUE failures FROM ONLY $id WHERE last_failed_at > time::now() - 1h")
        .bind(("id", failure_id(key)))
        .await?
        .check()?;
    let n: Option<i64> = res.take(0)?;
    Ok(n.unwrap_or(0))
}

async fn record_unknown_failure(db: &super::db::Db, key: &str) -> Result<(), DbError> {
    let failures = unknown_failures(db, key).await? + 1;
    db.query("UPSERT $id SET failures = $n, last_failed_at = time::now()")
        .bind(("id", failure_id(key)))
        .bind(("n", failures))
        .await?
        .check()?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum ChangePasswordError {
    #[error("invalid")]
    Invalid(FieldErrors),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Hash(#[from] HashError),
}

/// The user's own password change (the first login's one included). The new
/// password obeys the same rules as the form's, and differs from the current
/// one and from the person's other accounts.
pub async fn change_password(
    state: &AppState,
    account: &AccountRow,
    session: &RecordId,
    current: &str,
    new: &str,
    repeat: &str,
) -> Result<(), ChangePasswordError> {
    let mut errors = FieldErrors::new();
    if !passwords::verify(current.to_string(), account.password_hash.clone()).await? {
        errors.add(Field::CurrentPassword, "Текущий пароль введён неверно");
    }
    let inputs = [account.surname.as_str(), account.name.as_str(), account.email.as_str()];
    match Password::parse(new, repeat, &account.login, &inputs) {
        Err(PasswordError::Mismatch) => errors.add(Field::PasswordRepeat, PasswordError::Mismatch.to_string()),
        Err(e) => errors.add(Field::Password, e.to_string()),
        Ok(_) if new == current => errors.add(Field::Password, "Новый пароль должен отличаться от текущего"),
        Ok(_) => {
            let siblings = accounts::sibling_hashes(
                &state.db,
                &account.org,
                &account.email_norm,
                &account.phone,
                Some(&account.id),
            )
            .await?;
            if passwords::matches_any(new, siblings).await? {
                errors.add(Field::Password, PasswordError::SameAsOtherAccount.to_string());
            }
        }
    }
    if !errors.is_empty() {
        return Err(ChangePasswordError::Invalid(errors));
    }
    let hash = passwords::hash(new.to_string()).await?;
    accounts::set_password(&state.db, &account.id, &hash, false).await?;
    sessions::end_others(&state.db, &account.id, session).await?;
    audit::log(
        &state.db,
        Action::PasswordChanged,
        Event { actor: Some(account.id.clone()), org: Some(account.org.clone()), ..Default::default() },
    )
    .await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_after_five_failures() {
        assert_eq!(delay_for(0), Duration::ZERO);
        assert_eq!(delay_for(4), Duration::ZERO);
        assert_eq!(delay_for(5), Duration::from_secs(1));
        assert_eq!(delay_for(6), Duration::from_secs(2));
        assert_eq!(delay_for(9), Duration::from_secs(16));
        assert_eq!(delay_for(30), Duration::from_secs(16));
    }
}
