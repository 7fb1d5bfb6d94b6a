//! Outgoing messages. Every message is first written to the outbox in the
//! database (so nothing is ever lost); then, when a transport is configured,
//! it is delivered: e-mail over SMTP, SMS as an HTTP POST to a gateway. A
//! failed delivery stays in the outbox with its error and can be retried.

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Serialize;
use surrealdb::types::{RecordId, SurrealValue};

use super::db::DbError;
use super::secrets::new_id;
use super::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn key(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Outgoing {
    pub channel: Channel,
    pub to: String,
    pub subject: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct OutboxRow {
    pub id: RecordId,
    pub channel: String,
    pub to: String,
    pub subject: Option<String>,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct NewOutboxRow {
    channel: String,
    to: String,
    subject: Option<String>,
    text: String,
    created_at: DateTime<Utc>,
    status: String,
    attempts: i64,
}

/// One line of `izkt outbox --json`.
#[derive(Debug, Clone, Serialize)]
pub struct OutboxJson {
    pub id: String,
    pub channel: String,
    pub to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub text: String,
    pub created_at: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl From<&OutboxRow> for OutboxJson {
    fn from(row: &OutboxRow) -> Self {
        Self {
            id: super::key_of(&row.id),
            channel: row.channel.clone(),
            to: row.to.clone(),
            subject: row.subject.clone(),
            text: row.text.clone(),
            created_at: row.created_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            status: row.status.clone(),
            error: row.last_error.clone(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error("SMTP: {0}")]
    Smtp(String),
    #[error("SMS gateway: {0}")]
    Sms(String),
    #[error("bad address: {0}")]
    Address(String),
}

/// Writes the message to the outbox and delivers it when a transport is
/// configured. The outbox write is what must succeed; a delivery failure is
/// recorded on the row.
pub async fn send(state: &AppState, msg: Outgoing) -> Result<RecordId, DbError> {
    let id = RecordId::new("outbox", new_id());
    let row = NewOutboxRow {
        channel: msg.channel.key().to_string(),
        to: msg.to.clone(),
        subject: msg.subject.clone(),
        text: msg.text.clone(),
        created_at: Utc::now(),
        status: "stored".into(),
        attempts: 0,
    };
    state.db.query("CREATE $id CONTENT $row").bind(("id", id.clone())).bind(("row", row)).await?.check()?;
    deliver_and_record(state, &id, &msg).await?;
    Ok(id)
}

/// Delivers again a message that failed.
pub async fn retry(state: &AppState, id: &RecordId) -> Result<Option<OutboxRow>, DbError> {
    let Some(row) = get(state, id).await? else {
        return Ok(None);
    };
    let channel = if row.channel == "sms" { Channel::Sms } else { Channel::Email };
    let msg = Outgoing { channel, to: row.to, subject: row.subject, text: row.text };
    deliver_and_record(state, id, &msg).await?;
    get(state, id).await
}

pub async fn get(state: &AppState, id: &RecordId) -> Result<Option<OutboxRow>, DbError> {
    let mut res = state.db.query("SELECT * FROM ONLY $id").bind(("id", id.clone())).await?.check()?;
    Ok(res.take(0)?)
}

async fn deliver_and_record(state: &AppState, id: &RecordId, msg: &Outgoing) -> Result<(), DbError> {
    let outcome = match msg.channel {
        Channel::Email => match &state.config.smtp_url {
            Some(url) => Some(send_email(url, &state.config.mail_from, msg).await),
            None => None,
        },
        Channel::Sms => match &state.config.sms_url {
            Some(url) => Some(send_sms(state, url, msg).await),
            None => None,
        },
    };
    let Some(outcome) = outcome else {
        return Ok(());
    };
    let (status, error) = match outcome {
        Ok(()) => ("sent", None),
        Err(e) => {
            // The error text may name the recipient: it goes to the outbox
            // row (shown to the administrator), not to the log.
            tracing::warn!(channel = msg.channel.key(), "delivery failed; kept in the outbox for a retry");
            ("failed", Some(e.to_string()))
        }
    };
    state
        .db
        .query("UPDATE $id SET status = $status, attempts += 1, last_error = $error, sent_at = IF $status = 'sent' THEN time::now() ELSE sent_at END")
        .bind(("id", id.clone()))
        .bind(("status", status))
        .bind(("error", error))
        .await?
        .check()?;
    Ok(())
}

async fn send_email(url: &str, from: &str, msg: &Outgoing) -> Result<(), DeliveryError> {
    let email = Message::builder()
        .from(from.parse().map_err(|e| DeliveryError::Address(format!("from: {e}")))?)
        .to(msg.to.parse().map_err(|e| DeliveryError::Address(format!("to: {e}")))?)
        .subject(msg.subject.clone().unwrap_or_default())
        .header(ContentType::TEXT_PLAIN)
        .body(msg.text.clone())
        .map_err(|e| DeliveryError::Smtp(e.to_string()))?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map_err(|e| DeliveryError::Smtp(e.to_string()))?
        .timeout(Some(std::time::Duration::from_secs(10)))
        .build();
    transport.send(email).await.map(|_| ()).map_err(|e| DeliveryError::Smtp(e.to_string()))
}

async fn send_sms(state: &AppState, url: &str, msg: &Outgoing) -> Result<(), DeliveryError> {
    let mut req = state.http.post(url).json(&serde_json::json!({ "to": msg.to, "text": msg.text }));
    if let Some(token) = &state.config.sms_token {
        req = req.bearer_auth(token);
    }
    let resp = req.send().await.map_err(|e| DeliveryError::Sms(e.without_url().to_string()))?;
    if resp.status().is_success() {
        Ok(())
    } else {
        Err(DeliveryError::Sms(format!("HTTP {}", resp.status().as_u16())))
    }
}

/// The outbox, oldest first.
pub async fn list(state: &AppState) -> Result<Vec<OutboxRow>, DbError> {
    let mut res = state.db.query("SELECT * FROM outbox ORDER BY created_at ASC").await?.check()?;
    Ok(res.take(0)?)
}
