//! The `account` table: user accounts of all organisations.

use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::db::{Db, DbError};
use crate::api::types::AccountStatus;
use crate::domain::Role;

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct AccountRow {
    pub id: RecordId,
    pub org: RecordId,
    pub login: String,
    pub login_norm: String,
    pub email: String,
    pub email_norm: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub roles: Vec<String>,
    pub surname: String,
    pub name: String,
    pub patronymic: Option<String>,
    pub birth_date: NaiveDate,
    pub passport_number: String,
    pub passport_issuer: String,
    pub passport_issued: NaiveDate,
    pub position: String,
    pub phone: String,
    pub scan: Option<RecordId>,
    pub status: String,
    pub failed_logins: i64,
    pub last_failed_at: Option<DateTime<Utc>>,
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub created_by: Option<RecordId>,
}

impl AccountRow {
    pub fn roles(&self) -> Vec<Role> {
        self.roles.iter().filter_map(|k| Role::from_key(k)).collect()
    }

    pub fn status(&self) -> AccountStatus {
        AccountStatus::from_key(&self.status)
    }

    pub fn full_name(&self) -> String {
        full_name(&self.surname, &self.name, self.patronymic.as_deref())
    }

    pub fn is_admin(&self) -> bool {
        self.roles().contains(&Role::Admin)
    }

    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|t| t > now)
    }
}

pub fn full_name(surname: &str, name: &str, patronymic: Option<&str>) -> String {
    match patronymic {
        Some(p) if !p.is_empty() => format!("{surname} {name} {p}"),
        _ => format!("{surname} {name}"),
    }
}

/// The fields written when an account is created or edited.
#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct AccountData {
    pub org: RecordId,
    pub login: String,
    pub login_norm: String,
    pub email: String,
    pub email_norm: String,
    pub roles: Vec<String>,
    pub surname: String,
    pub name: String,
    pub patronymic: Option<String>,
    pub birth_date: NaiveDate,
    pub passport_number: String,
    pub passport_issuer: String,
    pub passport_issued: NaiveDate,
    pub position: String,
    pub phone: String,
}

pub const LOGIN_INDEX: &str = "account_login";

pub async fn get(db: &Db, id: &RecordId) -> Result<Option<AccountRow>, DbError> {
    let mut res = db.query("SELECT * FROM ONLY $id").bind(("id", id.clone())).await?.check()?;
    Ok(res.take(0)?)
}

pub async fn by_login(db: &Db, login_norm: &str) -> Result<Option<AccountRow>, DbError> {
    let mut res = db
        .query("SELECT * FROM account WHERE login_norm = $login LIMIT 1")
        .bind(("login", login_norm.to_string()))
        .await?
        .check()?;
    let rows: Vec<AccountRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Is the login used by an account other than `except`?
pub async fn login_taken(db: &Db, login_norm: &str, except: Option<&RecordId>) -> Result<bool, DbError> {
    Ok(by_login(db, login_norm).await?.is_some_and(|row| Some(&row.id) != except))
}

pub async fn list_for_org(db: &Db, org: &RecordId) -> Result<Vec<AccountRow>, DbError> {
    let mut res = db
        .query("SELECT * FROM account WHERE org = $org ORDER BY created_at DESC")
        .bind(("org", org.clone()))
        .await?
        .check()?;
    Ok(res.take(0)?)
}

/// Password hashes of the other accounts of the same person: those of the
/// same organisation that share the e-mail address or the phone number.
/// (Within the organisation only: across organisations the rule would let
/// one administrator test another organisation's passwords.)
pub async fn sibling_hashes(
    db: &Db,
    org: &RecordId,
    email_norm: &str,
    phone: &str,
    except: Option<&RecordId>,
) -> Result<Vec<String>, DbError> {
    let mut res = db
        .query("SELECT VALUE password_hash FROM account WHERE org = $org AND (email_norm = $email OR phone = $phone) AND id != $except")
        .bind(("org", org.clone()))
        .bind(("email", email_norm.to_string()))
        .bind(("phone", phone.to_string()))
        .bind(("except", except.cloned()))
        .await?
        .check()?;
    Ok(res.take(0)?)
}

/// Records a failed login: counts it and, from the tenth in a row, locks the
/// account for 15 minutes.
pub async fn record_failed_login(db: &Db, id: &RecordId) -> Result<AccountRow, DbError> {
    let mut res = db
        .query(
            "UPDATE $id SET failed_logins += 1, last_failed_at = time::now(); \
             UPDATE ONLY $id SET locked_until = IF failed_logins >= 10 THEN time::now() + 15m ELSE locked_until END RETURN AFTER;",
        )
        .bind(("id", id.clone()))
        .await?
        .check()?;
    let row: Option<AccountRow> = res.take(1)?;
    row.ok_or_else(|| DbError::Unexpected("account vanished during login".into()))
}

pub async fn record_successful_login(db: &Db, id: &RecordId) -> Result<(), DbError> {
    db.query("UPDATE $id SET failed_logins = 0, locked_until = NONE, last_failed_at = NONE")
        .bind(("id", id.clone()))
        .await?
        .check()?;
    Ok(())
}

/// Lifts a temporary lock (an administrator's action).
pub async fn unlock(db: &Db, id: &RecordId) -> Result<(), DbError> {
    record_successful_login(db, id).await
}

pub async fn set_password(db: &Db, id: &RecordId, hash: &str, must_change: bool) -> Result<(), DbError> {
    db.query("UPDATE $id SET password_hash = $hash, must_change_password = $must, updated_at = time::now()")
        .bind(("id", id.clone()))
        .bind(("hash", hash.to_string()))
        .bind(("must", must_change))
        .await?
        .check()?;
    Ok(())
}

pub async fn set_status(db: &Db, id: &RecordId, status: AccountStatus) -> Result<(), DbError> {
    db.query("UPDATE $id SET status = $status, updated_at = time::now()")
        .bind(("id", id.clone()))
        .bind(("status", status.key()))
        .await?
        .check()?;
    Ok(())
}

/// Counts of accounts of an organisation by status.
pub async fn count_by_status(db: &Db, org: &RecordId) -> Result<Vec<(String, i64)>, DbError> {
    #[derive(SurrealValue)]
    #[surreal(crate = "surrealdb::types")]
    struct Row {
        status: String,
        n: i64,
    }
    let mut res = db
        .query("SELECT status, count() AS n FROM account WHERE org = $org GROUP BY status")
        .bind(("org", org.clone()))
        .await?
        .check()?;
    let rows: Vec<Row> = res.take(0)?;
    Ok(rows.into_iter().map(|r| (r.status, r.n)).collect())
}
