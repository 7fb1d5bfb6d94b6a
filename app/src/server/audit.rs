//! The audit log: who did what and when. Personal data never goes here —
//! accounts are named by their record, not by name, phone or passport.

use chrono::Utc;
use surrealdb::types::{RecordId, SurrealValue};

use super::db::{Db, DbError};

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct AuditEntry {
    at: chrono::DateTime<Utc>,
    actor: Option<RecordId>,
    org: Option<RecordId>,
    action: String,
    target: Option<String>,
    detail: Option<String>,
    ip: Option<String>,
}

/// What happened, in the log's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    LoginOk,
    LoginFailed,
    LoginLocked,
    Logout,
    PasswordChanged,
    PasswordReuseRefused,
    OrgCreated,
    AccountCreated,
    AccountUpdated,
    VerificationRequested,
    EmailConfirmed,
    PhoneConfirmed,
    CodeRejected,
    CodeResent,
    AccountVerified,
    DeliveryRetried,
    ScanOpened,
    MessagePublished,
}

impl Action {
    pub fn key(self) -> &'static str {
        match self {
            Action::LoginOk => "login.ok",
            Action::LoginFailed => "login.failed",
            Action::LoginLocked => "login.locked",
            Action::Logout => "logout",
            Action::PasswordChanged => "password.changed",
            Action::PasswordReuseRefused => "password.reuse_refused",
            Action::OrgCreated => "org.created",
            Action::AccountCreated => "account.created",
            Action::AccountUpdated => "account.updated",
            Action::VerificationRequested => "verification.requested",
            Action::EmailConfirmed => "verification.email_confirmed",
            Action::PhoneConfirmed => "verification.phone_confirmed",
            Action::CodeRejected => "verification.code_rejected",
            Action::CodeResent => "verification.code_resent",
            Action::AccountVerified => "account.verified",
            Action::DeliveryRetried => "delivery.retried",
            Action::ScanOpened => "scan.opened",
            Action::MessagePublished => "message.published",
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Event {
    pub actor: Option<RecordId>,
    pub org: Option<RecordId>,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub ip: Option<String>,
}

/// Writes one entry. A failure to log is reported to the server log but
/// does not undo what was done.
pub async fn log(db: &Db, action: Action, event: Event) {
    let entry = AuditEntry {
        at: Utc::now(),
        actor: event.actor,
        org: event.org,
        action: action.key().to_string(),
        target: event.target,
        detail: event.detail,
        ip: event.ip,
    };
    let res = db.query("CREATE audit CONTENT $entry").bind(("entry", entry)).await.and_then(|r| r.check());
    if let Err(e) = res {
        tracing::error!(action = action.key(), error = %e, "audit log write failed");
    }
    tracing::info!(action = action.key(), "audit");
}

/// Entries of one action, newest first (for tests and support).
pub async fn count(db: &Db, action: Action) -> Result<i64, DbError> {
    let mut res = db
        .query("SELECT count() AS n FROM audit WHERE action = $action GROUP ALL")
        .bind(("action", action.key()))
        .await?
        .check()?;
    let n: Option<i64> = res.take((0, "n"))?;
    Ok(n.unwrap_or(0))
}
