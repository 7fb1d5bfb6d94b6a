//! Information messages for administrators: published by support, and
//! events such as «Пользователь … подтвердил контактные данные».

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::db::{Db, DbError};
use super::secrets::new_id;

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct MessageRow {
    pub id: RecordId,
    pub org: Option<RecordId>,
    pub kind: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct NewMessage {
    org: Option<RecordId>,
    kind: String,
    text: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Support,
    Event,
}

/// Publishes a message to one organisation, or to all when `org` is `None`.
pub async fn publish(db: &Db, org: Option<&RecordId>, kind: Kind, text: &str) -> Result<RecordId, DbError> {
    let id = RecordId::new("message", new_id());
    let row = NewMessage {
        org: org.cloned(),
        kind: match kind {
            Kind::Support => "support",
            Kind::Event => "event",
        }
        .into(),
        text: text.to_string(),
        created_at: Utc::now(),
    };
    db.query("CREATE $id CONTENT $row").bind(("id", id.clone())).bind(("row", row)).await?.check()?;
    Ok(id)
}

/// The newest messages an organisation's administrators see.
pub async fn latest_for(db: &Db, org: &RecordId, limit: i64) -> Result<Vec<MessageRow>, DbError> {
    let mut res = db
        .query("SELECT * FROM message WHERE org = NONE OR org = $org ORDER BY created_at DESC LIMIT $limit")
        .bind(("org", org.clone()))
        .bind(("limit", limit))
        .await?
        .check()?;
    Ok(res.take(0)?)
}

pub async fn all(db: &Db) -> Result<Vec<MessageRow>, DbError> {
    let mut res = db.query("SELECT * FROM message ORDER BY created_at ASC").await?.check()?;
    Ok(res.take(0)?)
}
