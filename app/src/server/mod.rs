//! Everything that runs on the server only: the database, sessions, delivery,
//! the use cases behind the server functions, and the support commands.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod config;
pub mod context;
pub mod db;
pub mod http;
pub mod messages;
pub mod onboarding;
pub mod orgs;
pub mod outbox;
pub mod passwords;
pub mod rate_limit;
pub mod scans;
pub mod secrets;
pub mod sessions;
pub mod setup;
pub mod state;
pub mod support;
pub mod users;
pub mod verification;

use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::{RecordId, RecordIdKey};

/// The string key of a record id made by this program (`account:abc…` →
/// `abc…`).
pub fn key_of(id: &RecordId) -> String {
    match &id.key {
        RecordIdKey::String(s) => s.clone(),
        RecordIdKey::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    }
}

/// Today's date in a time zone of the organisation.
pub fn today_in(zone: &str) -> NaiveDate {
    local_time(Utc::now(), zone).date()
}

/// A UTC instant as wall-clock time in the organisation's time zone.
pub fn local_time(at: DateTime<Utc>, zone: &str) -> chrono::NaiveDateTime {
    (at + chrono::Duration::hours(i64::from(crate::domain::org::offset_hours(zone)))).naive_utc()
}

/// ДД.ММ.ГГГГ ЧЧ:ММ in the organisation's time zone.
pub fn format_datetime(at: DateTime<Utc>, zone: &str) -> String {
    local_time(at, zone).format("%d.%m.%Y %H:%M").to_string()
}
