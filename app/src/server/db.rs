//! The SurrealDB connection and the versioned schema.

use surrealdb::Surreal;
use surrealdb::engine::any::{self, Any};
use surrealdb::opt::auth::Root;

use super::config::{Config, durable_url};

pub type Db = Surreal<Any>;

pub const NAMESPACE: &str = "izkt";
pub const DATABASE: &str = "izkt";

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database: {0}")]
    Surreal(#[from] surrealdb::Error),
    #[error("database: schema version {found} is newer than this program knows ({known}); update the program")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("database: {0}")]
    Unexpected(String),
}

impl DbError {
    /// A unique index refused the write (SurrealDB says the index "already
    /// contains" the value). `index` is the index name.
    pub fn is_unique_violation(&self, index: &str) -> bool {
        match self {
            DbError::Surreal(e) => {
                let m = e.to_string();
                m.contains(index) && m.contains("already contains")
            }
            _ => false,
        }
    }
}

/// Opens the database named by the configuration and brings its schema up
/// to date.
pub async fn connect(config: &Config) -> Result<Db, DbError> {
    let url = durable_url(&config.db_url);
    let db = any::connect(url).await?;
    if let (Some(username), Some(password)) = (&config.db_user, &config.db_pass) {
        db.signin(Root { username: username.clone(), password: password.clone() }).await?;
    }
    db.use_ns(NAMESPACE).use_db(DATABASE).await?;
    migrate(&db).await?;
    Ok(db)
}

/// Schema migrations, in order. Version N is `MIGRATIONS[N - 1]`; a database
/// at version K gets every migration after K, each in its own transaction.
/// Never edit a released migration: add the next one.
pub const MIGRATIONS: &[&str] = &[include_str!("schema/v1.surql")];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub async fn schema_version(db: &Db) -> Result<i64, DbError> {
    let mut res = db
        .query("DEFINE TABLE IF NOT EXISTS meta SCHEMALESS; SELECT VALUE version FROM ONLY meta:schema;")
        .await?
        .check()?;
    let version: Option<i64> = res.take(1)?;
    Ok(version.unwrap_or(0))
}

pub async fn migrate(db: &Db) -> Result<(), DbError> {
    migrate_with(db, MIGRATIONS).await
}

/// Applies the migrations after the database's version (each in its own
/// transaction, with the version bump).
pub async fn migrate_with(db: &Db, migrations: &[&str]) -> Result<(), DbError> {
    let current = schema_version(db).await?;
    let known = migrations.len() as i64;
    if current > known {
        return Err(DbError::SchemaTooNew { found: current, known });
    }
    for (i, sql) in migrations.iter().enumerate().skip(usize::try_from(current).unwrap_or(0)) {
        let version = i as i64 + 1;
        let script =
            format!("BEGIN TRANSACTION;\n{sql}\nUPSERT meta:schema SET version = {version};\nCOMMIT TRANSACTION;");
        db.query(script).await?.check()?;
        tracing::info!(version, "database schema migrated");
    }
    Ok(())
}
