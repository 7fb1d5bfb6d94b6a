//! First-run setup: while the database holds no organisation, `izkt serve`
//! prints a one-time URL whose page is the connection questionnaire. Using
//! it (or `izkt org create`) makes it disappear.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::db::{Db, DbError};
use super::orgs;
use super::secrets::{hash_token, new_token, same_hash};

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct SetupRow {
    token_hash: String,
    created_at: DateTime<Utc>,
}

fn current() -> RecordId {
    RecordId::new("setup", "current")
}

/// When there is no organisation yet: a fresh setup token (replacing any
/// earlier one). `None` once an organisation exists.
pub async fn issue_token(db: &Db) -> Result<Option<String>, DbError> {
    if orgs::count(db).await? > 0 {
        clear(db).await?;
        return Ok(None);
    }
    let token = new_token();
    db.query("UPSERT $id CONTENT $row")
        .bind(("id", current()))
        .bind(("row", SetupRow { token_hash: hash_token(&token), created_at: Utc::now() }))
        .await?
        .check()?;
    Ok(Some(token))
}

/// Is this the live setup token (and is setup still needed)?
pub async fn is_valid(db: &Db, token: &str) -> Result<bool, DbError> {
    if token.is_empty() || token.len() > 100 {
        return Ok(false);
    }
    let mut res = db.query("SELECT * FROM ONLY $id").bind(("id", current())).await?.check()?;
    let row: Option<SetupRow> = res.take(0)?;
    Ok(row.is_some_and(|r| same_hash(&r.token_hash, &hash_token(token))) && orgs::count(db).await? == 0)
}

pub async fn clear(db: &Db) -> Result<(), DbError> {
    db.query("DELETE setup").await?.check()?;
    Ok(())
}
