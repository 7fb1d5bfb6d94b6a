//! Scans of identity documents: uploaded before the form is saved (so the
//! upload can show progress and survive a refused form), attached to the
//! account when it is saved. Stored in the database only.

use chrono::{DateTime, Utc};
use surrealdb::types::{Bytes, RecordId, SurrealValue};

use super::db::{Db, DbError};
use super::secrets::new_id;
use crate::domain::pdf_scan::PdfScan;

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct NewScan {
    data: Bytes,
    size: i64,
    pages: i64,
    uploaded_by: Option<RecordId>,
    attached: bool,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct ScanMeta {
    pub id: RecordId,
    pub size: i64,
    pub pages: i64,
    pub uploaded_by: Option<RecordId>,
    pub attached: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct ScanData {
    pub data: Bytes,
}

/// Stores a checked scan, not yet attached to an account.
pub async fn store(db: &Db, scan: &PdfScan, uploaded_by: Option<&RecordId>) -> Result<RecordId, DbError> {
    let id = RecordId::new("scan", new_id());
    let row = NewScan {
        data: Bytes::from(scan.bytes().to_vec()),
        size: scan.bytes().len() as i64,
        pages: scan.pages() as i64,
        uploaded_by: uploaded_by.cloned(),
        attached: false,
        created_at: Utc::now(),
    };
    db.query("CREATE $id CONTENT $row").bind(("id", id.clone())).bind(("row", row)).await?.check()?;
    Ok(id)
}

pub async fn meta(db: &Db, id: &RecordId) -> Result<Option<ScanMeta>, DbError> {
    let mut res = db
        .query("SELECT id, size, pages, uploaded_by, attached, created_at FROM ONLY $id")
        .bind(("id", id.clone()))
        .await?
        .check()?;
    Ok(res.take(0)?)
}

pub async fn data(db: &Db, id: &RecordId) -> Result<Option<Vec<u8>>, DbError> {
    let mut res = db.query("SELECT data FROM ONLY $id").bind(("id", id.clone())).await?.check()?;
    let row: Option<ScanData> = res.take(0)?;
    Ok(row.map(|r| r.data.into_inner().to_vec()))
}

/// An upload that `uploader` may attach: theirs and not attached yet.
pub async fn pending_upload(db: &Db, key: &str, uploader: Option<&RecordId>) -> Result<Option<RecordId>, DbError> {
    if !super::secrets::is_id(key) {
        return Ok(None);
    }
    let id = RecordId::new("scan", key);
    Ok(meta(db, &id).await?.filter(|m| !m.attached && m.uploaded_by.as_ref() == uploader).map(|m| m.id))
}

/// Removes uploads never attached to an account after a day.
pub async fn purge_stale(db: &Db) -> Result<(), DbError> {
    db.query("DELETE scan WHERE attached = false AND created_at < time::now() - 1d").await?.check()?;
    Ok(())
}
