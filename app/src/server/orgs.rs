//! Organisations, and the creation of an organisation with its first
//! administrator (from the connection questionnaire: CLI or setup page).

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::db::{Db, DbError};
use super::secrets::new_id;

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct Contact {
    pub surname: String,
    pub name: String,
    pub patronymic: Option<String>,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct OrgRow {
    pub id: RecordId,
    pub full_name: String,
    pub short_name: String,
    pub inn: String,
    pub kpp: String,
    pub ogrn: String,
    pub address: String,
    pub time_zone: String,
    pub parent: Option<RecordId>,
    pub contact: Contact,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct NewOrg {
    pub full_name: String,
    pub short_name: String,
    pub inn: String,
    pub kpp: String,
    pub ogrn: String,
    pub address: String,
    pub time_zone: String,
    pub parent: Option<RecordId>,
    pub contact: Contact,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

pub const INN_INDEX: &str = "organisation_inn";

pub async fn get(db: &Db, id: &RecordId) -> Result<Option<OrgRow>, DbError> {
    let mut res = db.query("SELECT * FROM ONLY $id").bind(("id", id.clone())).await?.check()?;
    Ok(res.take(0)?)
}

pub async fn by_inn(db: &Db, inn: &str) -> Result<Option<OrgRow>, DbError> {
    let mut res = db
        .query("SELECT * FROM organisation WHERE inn = $inn LIMIT 1")
        .bind(("inn", inn.to_string()))
        .await?
        .check()?;
    let rows: Vec<OrgRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

pub async fn count(db: &Db) -> Result<i64, DbError> {
    let mut res = db.query("SELECT count() AS n FROM organisation GROUP ALL").await?.check()?;
    let n: Option<i64> = res.take((0, "n"))?;
    Ok(n.unwrap_or(0))
}

pub fn new_org_id() -> RecordId {
    RecordId::new("organisation", new_id())
}
