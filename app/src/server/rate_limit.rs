//! Per-client-address rate limits (login, code entry, sending of codes),
//! kept in the database so that every app server sees the same counts.

use surrealdb::types::RecordId;

use super::db::{Db, DbError};

#[derive(Debug, Clone, Copy)]
pub enum Limit {
    /// Login attempts per address per minute.
    Login,
    /// SMS code entries per address per minute.
    CodeEntry,
    /// Requests for a new SMS code per address per minute.
    CodeSend,
    /// Scan uploads per address per minute.
    Upload,
    /// Saves of the account form per administrator per minute.
    Save,
}

impl Limit {
    fn key(self) -> &'static str {
        match self {
            Limit::Login => "login",
            Limit::CodeEntry => "code",
            Limit::CodeSend => "send",
            Limit::Upload => "upload",
            Limit::Save => "save",
        }
    }

    pub fn per_minute(self) -> i64 {
        match self {
            Limit::Login => 20,
            Limit::CodeEntry => 20,
            Limit::CodeSend => 10,
            Limit::Upload => 30,
            Limit::Save => 20,
        }
    }
}

/// Counts one request; `false` when the client (an address, or for `Save`
/// an account) is over its limit for the current minute.
pub async fn hit(db: &Db, limit: Limit, client: &str) -> Result<bool, DbError> {
    let id = RecordId::new("rate", format!("{}|{client}", limit.key()));
    let mut res = db
        .query(
            "LET $now = time::now(); \
             LET $prev = (SELECT window_start, hits FROM $id)[0]; \
             LET $fresh = $prev = NONE OR $prev.window_start < $now - 1m; \
             UPSERT ONLY $id SET \
               window_start = IF $fresh THEN $now ELSE $prev.window_start END, \
               hits = IF $fresh THEN 1 ELSE $prev.hits + 1 END \
             RETURN VALUE hits;",
        )
        .bind(("id", id))
        .await?
        .check()?;
    let hits: Option<i64> = res.take(3)?;
    Ok(hits.unwrap_or(0) <= limit.per_minute())
}
