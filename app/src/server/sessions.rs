//! Sessions live in the database, so any number of app servers can serve
//! them. The browser holds a random token in an `HttpOnly`, `Secure`,
//! `SameSite=Strict` cookie; the database holds only its hash.

use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::accounts::{self, AccountRow};
use super::db::{Db, DbError};
use super::secrets::{hash_token, new_id, new_token};
use crate::api::types::AccountStatus;

pub const COOKIE: &str = "izkt_session";
pub const IDLE: Duration = Duration::minutes(30);
pub const ABSOLUTE: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often.
const TOUCH_EVERY: Duration = Duration::seconds(60);

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct SessionRow {
    pub id: RecordId,
    pub token_hash: String,
    pub account: RecordId,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct NewSession {
    token_hash: String,
    account: RecordId,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
}

/// Starts a session; returns the token for the cookie.
pub async fn create(db: &Db, account: &RecordId) -> Result<String, DbError> {
    let token = new_token();
    let now = Utc::now();
    db.query("CREATE $id CONTENT $row")
        .bind(("id", RecordId::new("session", new_id())))
        .bind((
            "row",
            NewSession { token_hash: hash_token(&token), account: account.clone(), created_at: now, last_seen_at: now },
        ))
        .await?
        .check()?;
    Ok(token)
}

/// Is the session still alive at `now`?
pub fn alive(session: &SessionRow, now: DateTime<Utc>) -> bool {
    now - session.last_seen_at < IDLE && now - session.created_at < ABSOLUTE
}

/// The live session of a token and its account. Ends sessions that timed
/// out or whose account was archived.
pub async fn resolve(db: &Db, token: &str) -> Result<Option<(SessionRow, AccountRow)>, DbError> {
    let mut res = db
        .query("SELECT * FROM session WHERE token_hash = $hash LIMIT 1")
        .bind(("hash", hash_token(token)))
        .await?
        .check()?;
    let rows: Vec<SessionRow> = res.take(0)?;
    let Some(session) = rows.into_iter().next() else {
        return Ok(None);
    };
    let now = Utc::now();
    let account = accounts::get(db, &session.account).await?;
    let account = match account {
        Some(a) if alive(&session, now) && a.status() != AccountStatus::Archived => a,
        _ => {
            delete(db, &session.id).await?;
            return Ok(None);
        }
    };
    if now - session.last_seen_at > TOUCH_EVERY {
        db.query("UPDATE $id SET last_seen_at = time::now()").bind(("id", session.id.clone())).await?.check()?;
    }
    Ok(Some((session, account)))
}

pub async fn delete(db: &Db, id: &RecordId) -> Result<(), DbError> {
    db.query("DELETE $id").bind(("id", id.clone())).await?.check()?;
    Ok(())
}

pub async fn end_by_token(db: &Db, token: &str) -> Result<(), DbError> {
    db.query("DELETE session WHERE token_hash = $hash").bind(("hash", hash_token(token))).await?.check()?;
    Ok(())
}

/// Ends every session of an account (archiving, role or password change).
pub async fn end_all(db: &Db, account: &RecordId) -> Result<(), DbError> {
    db.query("DELETE session WHERE account = $account").bind(("account", account.clone())).await?.check()?;
    Ok(())
}

/// Ends every session of an account but one (after a password change the
/// user stays signed in where they changed it).
pub async fn end_others(db: &Db, account: &RecordId, keep: &RecordId) -> Result<(), DbError> {
    db.query("DELETE session WHERE account = $account AND id != $keep")
        .bind(("account", account.clone()))
        .bind(("keep", keep.clone()))
        .await?
        .check()?;
    Ok(())
}

/// The `Set-Cookie` value that stores the token.
pub fn cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}")
}

/// The `Set-Cookie` value that removes it.
pub fn clear_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
}

/// The token from a `Cookie` header, if any.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_attributes() {
        let c = cookie("abc", true);
        assert!(c.contains("HttpOnly") && c.contains("Secure") && c.contains("SameSite=Strict"));
        assert!(clear_cookie(true).contains("Max-Age=0"));
    }

    #[test]
    fn token_is_read_from_the_cookie_header() {
        let mut h = http::HeaderMap::new();
        h.insert(http::header::COOKIE, http::HeaderValue::from_static("a=1; izkt_session=tok; b=2"));
        assert_eq!(token_from_headers(&h), Some("tok".into()));
        assert_eq!(token_from_headers(&http::HeaderMap::new()), None);
    }

    #[test]
    fn timeouts() {
        let now = Utc::now();
        let row = |created: i64, seen: i64| SessionRow {
            id: RecordId::new("session", "x"),
            token_hash: String::new(),
            account: RecordId::new("account", "y"),
            created_at: now - Duration::minutes(created),
            last_seen_at: now - Duration::minutes(seen),
        };
        assert!(alive(&row(10, 1), now));
        assert!(!alive(&row(40, 31), now));
        assert!(!alive(&row(12 * 60 + 1, 1), now));
    }
}
