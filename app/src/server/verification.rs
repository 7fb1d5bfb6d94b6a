//! Contact verification (SPEC §5): an e-mail with a link (random token,
//! stored hashed, valid 24 h) and an SMS with a 6-digit code (stored hashed,
//! valid 10 min, 5 wrong entries). The link opens a public page that confirms
//! the e-mail and asks for the code; a new code can be asked for at most once
//! a minute and 5 times per request. A new request invalidates the previous
//! link and code.

use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::accounts::{self, AccountRow};
use super::audit::{self, Action, Event};
use super::db::{Db, DbError};
use super::messages;
use super::outbox::{self, Channel, OutboxRow, Outgoing};
use super::rate_limit::{self, Limit};
use super::secrets::{hash_code, hash_token, new_code, new_id, new_token, same_hash};
use super::state::AppState;
use super::{format_datetime, key_of};
use crate::api::types::{AccountStatus, Delivery, DeliveryState, VerificationState, VerifyView};
use crate::domain::phone::display_e164;

pub const LINK_TTL: Duration = Duration::hours(24);
pub const CODE_TTL: Duration = Duration::minutes(10);
pub const MAX_CODE_ATTEMPTS: i64 = 5;
/// New codes per request, besides the first one.
pub const MAX_RESENDS: i64 = 5;
pub const RESEND_INTERVAL: Duration = Duration::seconds(60);

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct VerificationRow {
    pub id: RecordId,
    pub account: RecordId,
    pub email: String,
    pub phone: String,
    pub token_hash: String,
    pub code_hash: String,
    pub created_at: DateTime<Utc>,
    pub link_expires_at: DateTime<Utc>,
    pub code_expires_at: DateTime<Utc>,
    pub code_attempts: i64,
    pub codes_sent: i64,
    pub last_code_at: DateTime<Utc>,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub phone_confirmed_at: Option<DateTime<Utc>>,
    pub superseded_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub email_message: Option<RecordId>,
    pub sms_message: Option<RecordId>,
    pub requested_by: Option<RecordId>,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct NewVerification {
    account: RecordId,
    email: String,
    phone: String,
    token_hash: String,
    code_hash: String,
    created_at: DateTime<Utc>,
    link_expires_at: DateTime<Utc>,
    code_expires_at: DateTime<Utc>,
    code_attempts: i64,
    codes_sent: i64,
    last_code_at: DateTime<Utc>,
    requested_by: Option<RecordId>,
}

fn code_sms(code: &str) -> String {
    format!("ИЗКТ: код подтверждения {code}. Действует 10 минут. Никому не сообщайте его.")
}

/// `+79123456789` → `+7-9**-***-**89`: enough to recognise one's number.
pub fn mask_phone(e164: &str) -> String {
    let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits.chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect();
    let first = digits.chars().nth(1).unwrap_or('9');
    format!("+7-{first}**-***-**{tail}")
}

/// Seconds to wait before another request to the same account (one a
/// minute, so that the person is not flooded with messages).
pub fn wait_before_new_request(last_sent: DateTime<Utc>) -> Option<i64> {
    let wait = (last_sent + RESEND_INTERVAL - Utc::now()).num_seconds();
    (wait > 0).then_some(wait)
}

/// Invalidates the requests of an account that are still open.
pub async fn supersede_open(db: &Db, account: &RecordId) -> Result<(), DbError> {
    db.query("UPDATE verification SET superseded_at = time::now() WHERE account = $account AND completed_at = NONE AND superseded_at = NONE")
        .bind(("account", account.clone()))
        .await?
        .check()?;
    Ok(())
}

/// Sends a new verification request to the account's contacts.
pub async fn request(
    state: &AppState,
    account: &AccountRow,
    requested_by: Option<&RecordId>,
    time_zone: &str,
) -> Result<RecordId, DbError> {
    let db = &state.db;
    supersede_open(db, &account.id).await?;
    let key = new_id();
    let id = RecordId::new("verification", key.clone());
    let token = new_token();
    let code = new_code();
    let now = Utc::now();
    let row = NewVerification {
        account: account.id.clone(),
        email: account.email.clone(),
        phone: account.phone.clone(),
        token_hash: hash_token(&token),
        code_hash: hash_code(&key, &code),
        created_at: now,
        link_expires_at: now + LINK_TTL,
        code_expires_at: now + CODE_TTL,
        code_attempts: 0,
        codes_sent: 1,
        last_code_at: now,
        requested_by: requested_by.cloned(),
    };
    db.query("CREATE $id CONTENT $row").bind(("id", id.clone())).bind(("row", row)).await?.check()?;

    let link = format!("{}/verify/{token}", state.config.public_url);
    let text = format!(
        "Здравствуйте, {name}!\n\n\
         Для вас создана учётная запись «{login}» в ИЗКТ — Интерфейсе заказов карт тахографа.\n\
         Чтобы подтвердить адрес электронной почты и номер телефона, откройте ссылку:\n\n{link}\n\n\
         Ссылка действует до {until}. На странице введите код из СМС, отправленного на номер {phone}.\n\n\
         Если вы не ждали этого письма, просто не открывайте ссылку.",
        name = account.name,
        login = account.login,
        until = format_datetime(now + LINK_TTL, time_zone),
        phone = display_e164(&account.phone),
    );
    let email = outbox::send(
        state,
        Outgoing {
            channel: Channel::Email,
            to: account.email.clone(),
            subject: Some("ИЗКТ: подтвердите контактные данные".into()),
            text,
        },
    )
    .await?;
    let sms = outbox::send(
        state,
        Outgoing { channel: Channel::Sms, to: account.phone.clone(), subject: None, text: code_sms(&code) },
    )
    .await?;
    db.query("UPDATE $id SET email_message = $email, sms_message = $sms")
        .bind(("id", id.clone()))
        .bind(("email", email))
        .bind(("sms", sms))
        .await?
        .check()?;
    audit::log(
        db,
        Action::VerificationRequested,
        Event {
            actor: requested_by.cloned(),
            org: Some(account.org.clone()),
            target: Some(key_of(&account.id)),
            ..Default::default()
        },
    )
    .await;
    Ok(id)
}

pub async fn latest_for(db: &Db, account: &RecordId) -> Result<Option<VerificationRow>, DbError> {
    let mut res = db
        .query("SELECT * FROM verification WHERE account = $account ORDER BY created_at DESC LIMIT 1")
        .bind(("account", account.clone()))
        .await?
        .check()?;
    let rows: Vec<VerificationRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

async fn by_token(db: &Db, token: &str) -> Result<Option<VerificationRow>, DbError> {
    if token.len() > 100 {
        return Ok(None);
    }
    let mut res = db
        .query("SELECT * FROM verification WHERE token_hash = $hash LIMIT 1")
        .bind(("hash", hash_token(token)))
        .await?
        .check()?;
    let rows: Vec<VerificationRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// The request behind a link, or the page to show instead.
async fn usable(db: &Db, token: &str) -> Result<Result<(VerificationRow, AccountRow), VerifyView>, DbError> {
    let Some(row) = by_token(db, token).await? else {
        return Ok(Err(VerifyView::NotFound));
    };
    let Some(account) = accounts::get(db, &row.account).await? else {
        return Ok(Err(VerifyView::NotFound));
    };
    if row.completed_at.is_some() {
        return Ok(Err(VerifyView::AlreadyUsed));
    }
    if row.superseded_at.is_some() || account.status() == AccountStatus::Archived {
        return Ok(Err(VerifyView::Superseded));
    }
    if Utc::now() > row.link_expires_at {
        return Ok(Err(VerifyView::Expired));
    }
    Ok(Ok((row, account)))
}

async fn time_zone_of(db: &Db, account: &AccountRow) -> Result<String, DbError> {
    Ok(super::orgs::get(db, &account.org).await?.map(|o| o.time_zone).unwrap_or_else(|| "Europe/Moscow".into()))
}

async fn ask_code(
    db: &Db,
    row: &VerificationRow,
    account: &AccountRow,
    notice: Option<String>,
    error: Option<String>,
) -> Result<VerifyView, DbError> {
    let now = Utc::now();
    let tz = time_zone_of(db, account).await?;
    let wait = (row.last_code_at + RESEND_INTERVAL - now).num_seconds().max(0);
    Ok(VerifyView::AskCode {
        masked_phone: mask_phone(&row.phone),
        code_valid_until: format_datetime(row.code_expires_at, &tz),
        code_expired: now > row.code_expires_at || row.code_attempts >= MAX_CODE_ATTEMPTS,
        attempts_left: u32::try_from((MAX_CODE_ATTEMPTS - row.code_attempts).max(0)).unwrap_or(0),
        resends_left: u32::try_from((MAX_RESENDS + 1 - row.codes_sent).max(0)).unwrap_or(0),
        resend_wait: u32::try_from(wait).unwrap_or(0),
        notice,
        error,
    })
}

/// Opening the link confirms the e-mail address.
pub async fn open(state: &AppState, token: &str) -> Result<VerifyView, DbError> {
    let db = &state.db;
    let (row, account) = match usable(db, token).await? {
        Ok(found) => found,
        Err(view) => return Ok(view),
    };
    let row = if row.email_confirmed_at.is_none() {
        let mut res = db
            .query("UPDATE ONLY $id SET email_confirmed_at = time::now() RETURN AFTER")
            .bind(("id", row.id.clone()))
            .await?
            .check()?;
        audit::log(
            db,
            Action::EmailConfirmed,
            Event { actor: Some(account.id.clone()), org: Some(account.org.clone()), ..Default::default() },
        )
        .await;
        let updated: Option<VerificationRow> = res.take(0)?;
        updated.unwrap_or(row)
    } else {
        row
    };
    ask_code(db, &row, &account, None, None).await
}

/// Checks the code from the SMS; when right, the account becomes
/// «Проверена».
pub async fn confirm_code(state: &AppState, token: &str, code: &str, ip: &str) -> Result<VerifyView, DbError> {
    let db = &state.db;
    let (row, account) = match usable(db, token).await? {
        Ok(found) => found,
        Err(view) => return Ok(view),
    };
    if !rate_limit::hit(db, Limit::CodeEntry, ip).await? {
        return ask_code(
            db,
            &row,
            &account,
            None,
            Some("Слишком много попыток с этого адреса. Подождите минуту".into()),
        )
        .await;
    }
    let now = Utc::now();
    if row.code_attempts >= MAX_CODE_ATTEMPTS {
        return ask_code(
            db,
            &row,
            &account,
            None,
            Some("Код введён неверно 5 раз и больше не действует. Получите новый код".into()),
        )
        .await;
    }
    if now > row.code_expires_at {
        return ask_code(db, &row, &account, None, Some("Срок действия кода истёк. Получите новый код".into())).await;
    }
    let code = code.trim();
    if !(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())) {
        return ask_code(db, &row, &account, None, Some("Код — это 6 цифр из СМС".into())).await;
    }
    if !same_hash(&hash_code(&key_of(&row.id), code), &row.code_hash) {
        let mut res = db
            .query("UPDATE ONLY $id SET code_attempts += 1 RETURN AFTER")
            .bind(("id", row.id.clone()))
            .await?
            .check()?;
        let updated: Option<VerificationRow> = res.take(0)?;
        let updated = updated.unwrap_or(row);
        audit::log(db, Action::CodeRejected, account_event(&account, ip)).await;
        let left = MAX_CODE_ATTEMPTS - updated.code_attempts;
        let error = if left > 0 {
            "Неверный код: проверьте цифры из СМС".to_string()
        } else {
            "Код введён неверно 5 раз и больше не действует. Получите новый код".to_string()
        };
        return ask_code(db, &updated, &account, None, Some(error)).await;
    }
    db.query(
        "BEGIN TRANSACTION; \
         UPDATE $id SET phone_confirmed_at = time::now(), email_confirmed_at = email_confirmed_at ?? time::now(), completed_at = time::now(); \
         UPDATE $account SET status = 'verified', updated_at = time::now(); \
         COMMIT TRANSACTION;",
    )
    .bind(("id", row.id.clone()))
    .bind(("account", account.id.clone()))
    .await?
    .check()?;
    audit::log(db, Action::PhoneConfirmed, account_event(&account, ip)).await;
    audit::log(db, Action::AccountVerified, account_event(&account, ip)).await;
    messages::publish(
        db,
        Some(&account.org),
        messages::Kind::Event,
        &format!("Пользователь {} ({}) подтвердил контактные данные", account.login, account.full_name()),
    )
    .await?;
    Ok(VerifyView::Done { login: account.login.clone() })
}

/// Sends a new code (at most once a minute, 5 times per request).
pub async fn resend_code(state: &AppState, token: &str, ip: &str) -> Result<VerifyView, DbError> {
    let db = &state.db;
    let (row, account) = match usable(db, token).await? {
        Ok(found) => found,
        Err(view) => return Ok(view),
    };
    if !rate_limit::hit(db, Limit::CodeSend, ip).await? {
        return ask_code(
            db,
            &row,
            &account,
            None,
            Some("Слишком много запросов с этого адреса. Подождите минуту".into()),
        )
        .await;
    }
    let now = Utc::now();
    if row.codes_sent > MAX_RESENDS {
        return ask_code(
            db,
            &row,
            &account,
            None,
            Some("Новый код можно получить не больше 5 раз. Попросите администратора отправить новый запрос".into()),
        )
        .await;
    }
    let wait = (row.last_code_at + RESEND_INTERVAL - now).num_seconds();
    if wait > 0 {
        return ask_code(db, &row, &account, None, Some(format!("Новый код можно запросить через {wait} с"))).await;
    }
    let code = new_code();
    let sms = outbox::send(
        state,
        Outgoing { channel: Channel::Sms, to: row.phone.clone(), subject: None, text: code_sms(&code) },
    )
    .await?;
    let mut res = db
        .query(
            "UPDATE ONLY $id SET code_hash = $hash, code_expires_at = time::now() + 10m, code_attempts = 0, \
             codes_sent += 1, last_code_at = time::now(), sms_message = $sms RETURN AFTER",
        )
        .bind(("id", row.id.clone()))
        .bind(("hash", hash_code(&key_of(&row.id), &code)))
        .bind(("sms", sms))
        .await?
        .check()?;
    let updated: Option<VerificationRow> = res.take(0)?;
    audit::log(db, Action::CodeResent, account_event(&account, ip)).await;
    let notice = format!("Новый код отправлен на номер {}. Прежний код больше не действует", mask_phone(&row.phone));
    ask_code(db, &updated.unwrap_or(row), &account, Some(notice), None).await
}

/// An audit event about an account, from a client address.
fn account_event(account: &AccountRow, ip: &str) -> Event {
    Event { actor: Some(account.id.clone()), org: Some(account.org.clone()), ip: Some(ip.into()), ..Default::default() }
}

fn delivery(row: Option<OutboxRow>) -> Option<Delivery> {
    row.map(|r| Delivery {
        message_id: key_of(&r.id),
        state: match r.status.as_str() {
            "sent" => DeliveryState::Sent,
            "failed" => DeliveryState::Failed { error: r.last_error.unwrap_or_default() },
            _ => DeliveryState::Stored,
        },
    })
}

/// The state of the latest request, for the account's view page.
pub async fn state_for(
    state: &AppState,
    account: &AccountRow,
    time_zone: &str,
) -> Result<Option<VerificationState>, DbError> {
    let Some(row) = latest_for(&state.db, &account.id).await? else {
        return Ok(None);
    };
    // A request for contacts the account no longer has says nothing now.
    if row.superseded_at.is_some() || row.email != account.email || row.phone != account.phone {
        return Ok(None);
    }
    let email = match &row.email_message {
        Some(id) => outbox::get(state, id).await?,
        None => None,
    };
    let sms = match &row.sms_message {
        Some(id) => outbox::get(state, id).await?,
        None => None,
    };
    let fmt = |t: Option<DateTime<Utc>>| t.map(|t| format_datetime(t, time_zone));
    let Some(email) = delivery(email) else {
        return Ok(None);
    };
    Ok(Some(VerificationState {
        sent_at: format_datetime(row.created_at, time_zone),
        link_valid_until: format_datetime(row.link_expires_at, time_zone),
        link_expired: Utc::now() > row.link_expires_at && row.completed_at.is_none(),
        email_confirmed_at: fmt(row.email_confirmed_at),
        phone_confirmed_at: fmt(row.phone_confirmed_at),
        completed: row.completed_at.is_some(),
        email,
        sms: delivery(sms),
    }))
}

/// Is this outbox message one of the verification messages of `account`?
pub async fn message_belongs_to(db: &Db, message: &RecordId, account: &RecordId) -> Result<bool, DbError> {
    let mut res = db
        .query("SELECT count() AS n FROM verification WHERE account = $account AND (email_message = $m OR sms_message = $m) GROUP ALL")
        .bind(("account", account.clone()))
        .bind(("m", message.clone()))
        .await?
        .check()?;
    let n: Option<i64> = res.take((0, "n"))?;
    Ok(n.unwrap_or(0) > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_mask_shows_only_the_end() {
        assert_eq!(mask_phone("+79123456789"), "+7-9**-***-**89");
    }
}
