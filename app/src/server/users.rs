//! The use cases of the account form: create and edit an account, with the
//! server-only rules on top of the shared ones.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue, Value};

use super::accounts::{self, AccountData, AccountRow, LOGIN_INDEX};
use super::audit::{self, Action, Event};
use super::db::{Db, DbError};
use super::passwords::{self, HashError};
use super::scans;
use super::secrets::new_id;
use super::sessions;
use super::state::AppState;
use crate::api::types::AccountStatus;
use crate::domain::login::LoginError;
use crate::domain::password::PasswordError;
use crate::domain::pdf_scan::ScanError;
use crate::domain::user_form::{FormMode, ScanChoice, UserInput, ValidUser};
use crate::domain::{Field, FieldErrors, Password};

#[derive(Debug, thiserror::Error)]
pub enum SaveUserError {
    #[error("the form has errors")]
    Invalid(FieldErrors),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Hash(#[from] HashError),
}

/// Where the scan of a new account comes from.
pub enum ScanSource<'a> {
    /// An upload of the acting administrator (or of the setup page, `None`).
    Upload { uploader: Option<&'a RecordId> },
    /// A scan already stored (the CLI stores the questionnaire's file first).
    Stored(RecordId),
}

/// Whose form it is: the organisation, the administrator saving it (none for
/// the questionnaire), and the account being edited (none for a new one).
struct Saving<'a> {
    org: &'a RecordId,
    actor: Option<&'a RecordId>,
    except: Option<&'a RecordId>,
}

/// The server-only rules: password strength and the common list, the login
/// being free, the person's other accounts having other passwords, and the
/// uploaded file.
async fn server_rules(
    db: &Db,
    saving: &Saving<'_>,
    input: &UserInput,
    user: &ValidUser,
    scan: &ScanSource<'_>,
    errors: &mut FieldErrors,
) -> Result<Option<RecordId>, SaveUserError> {
    let Saving { org, actor, except } = *saving;
    if let Some(password) = &user.password {
        let inputs = [input.surname.as_str(), input.name.as_str(), input.email.as_str()];
        match Password::parse(password, &input.password_repeat, user.login.as_str(), &inputs) {
            Err(e) => errors.add(Field::Password, e.to_string()),
            Ok(_) => {
                let siblings =
                    accounts::sibling_hashes(db, org, &user.email.normalised(), user.phone.e164(), except).await?;
                if passwords::matches_any(password, siblings).await? {
                    errors.add(Field::Password, PasswordError::SameAsOtherAccount.to_string());
                    // Each such refusal tells the administrator a password:
                    // it is logged.
                    audit::log(
                        db,
                        Action::PasswordReuseRefused,
                        Event {
                            actor: actor.cloned(),
                            org: Some(org.clone()),
                            target: except.map(super::key_of),
                            ..Default::default()
                        },
                    )
                    .await;
                }
            }
        }
    }
    if accounts::login_taken(db, &user.login.normalised(), except).await? {
        errors.add(Field::Login, LoginError::Taken.to_string());
    }
    let scan_id = match (&user.scan, scan) {
        (ScanChoice::Keep, _) => None,
        (ScanChoice::Replace(_), ScanSource::Stored(id)) => Some(id.clone()),
        (ScanChoice::Replace(key), ScanSource::Upload { uploader }) => {
            let found = scans::pending_upload(db, key, *uploader).await?;
            if found.is_none() {
                errors.add(Field::Scan, ScanError::UploadLost.to_string());
            }
            found
        }
    };
    Ok(scan_id)
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct NewAccount {
    #[surreal(flatten)]
    data: AccountData,
    password_hash: String,
    must_change_password: bool,
    scan: Option<RecordId>,
    status: String,
    failed_logins: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    created_by: Option<RecordId>,
}

fn data_of(user: &ValidUser, org: &RecordId) -> AccountData {
    AccountData {
        org: org.clone(),
        login: user.login.as_str().to_string(),
        login_norm: user.login.normalised(),
        email: user.email.as_str().to_string(),
        email_norm: user.email.normalised(),
        roles: user.roles.keys(),
        surname: user.surname.as_str().to_string(),
        name: user.name.as_str().to_string(),
        patronymic: user.patronymic.as_ref().map(|p| p.as_str().to_string()),
        birth_date: user.birth_date.date(),
        passport_number: user.passport_number.as_str().to_string(),
        passport_issuer: user.passport_issuer.as_str().to_string(),
        passport_issued: user.passport_issued.date(),
        position: user.position.as_str().to_string(),
        phone: user.phone.e164().to_string(),
    }
}

/// A unique-index refusal of the login becomes the field error «Логин занят»
/// (two administrators saving the same login at once: exactly one wins).
fn login_taken_or(e: DbError) -> SaveUserError {
    if e.is_unique_violation(LOGIN_INDEX) {
        let mut errors = FieldErrors::new();
        errors.add(Field::Login, LoginError::Taken.to_string());
        SaveUserError::Invalid(errors)
    } else {
        SaveUserError::Db(e)
    }
}

/// Creates an account with status «Новая» in `org`. The password is
/// temporary: it must be changed at the first login.
pub async fn create(
    state: &AppState,
    org: &RecordId,
    created_by: Option<&RecordId>,
    input: &UserInput,
    scan: ScanSource<'_>,
    today: chrono::NaiveDate,
) -> Result<RecordId, SaveUserError> {
    let db = &state.db;
    let (user, mut errors) = match input.validate(FormMode::Create, today) {
        Ok(user) => (Some(user), FieldErrors::new()),
        Err(errors) => (None, errors),
    };
    let Some(user) = user else {
        return Err(SaveUserError::Invalid(errors));
    };
    let saving = Saving { org, actor: created_by, except: None };
    let scan_id = server_rules(db, &saving, input, &user, &scan, &mut errors).await?;
    if !errors.is_empty() {
        return Err(SaveUserError::Invalid(errors));
    }
    let password = user.password.clone().unwrap_or_default();
    let hash = passwords::hash(password).await?;
    let id = RecordId::new("account", new_id());
    let now = Utc::now();
    let row = NewAccount {
        data: data_of(&user, org),
        password_hash: hash,
        must_change_password: true,
        scan: scan_id.clone(),
        status: AccountStatus::New.key().to_string(),
        failed_logins: 0,
        created_at: now,
        updated_at: now,
        created_by: created_by.cloned(),
    };
    db.query(
        "BEGIN TRANSACTION; \
         CREATE $id CONTENT $row; \
         IF $scan != NONE { UPDATE $scan SET attached = true; }; \
         COMMIT TRANSACTION;",
    )
    .bind(("id", id.clone()))
    .bind(("row", row))
    .bind(("scan", scan_id))
    .await
    .map_err(DbError::from)
    .and_then(|r| r.check().map_err(DbError::from))
    .map_err(login_taken_or)?;
    audit::log(
        db,
        Action::AccountCreated,
        Event {
            actor: created_by.cloned(),
            org: Some(org.clone()),
            target: Some(super::key_of(&id)),
            ..Default::default()
        },
    )
    .await;
    Ok(id)
}

/// Edits an account of `org`. An empty password keeps the current one; a
/// new password is temporary again. Changing the e-mail or phone of a
/// «Проверена» account returns it to «Новая»; changing roles or the password
/// ends the account's sessions.
pub async fn update(
    state: &AppState,
    org: &RecordId,
    actor: &RecordId,
    account: &AccountRow,
    input: &UserInput,
    uploader: &RecordId,
    today: chrono::NaiveDate,
) -> Result<(), SaveUserError> {
    let db = &state.db;
    if &account.org != org {
        return Err(SaveUserError::NotFound);
    }
    let mode = FormMode::Edit { has_scan: account.scan.is_some() };
    let user = input.validate(mode, today).map_err(SaveUserError::Invalid)?;
    let mut errors = FieldErrors::new();
    let saving = Saving { org, actor: Some(actor), except: Some(&account.id) };
    let scan_id =
        server_rules(db, &saving, input, &user, &ScanSource::Upload { uploader: Some(uploader) }, &mut errors).await?;
    if !errors.is_empty() {
        return Err(SaveUserError::Invalid(errors));
    }
    let data = data_of(&user, org);
    let contacts_changed = data.email_norm != account.email_norm || data.phone != account.phone;
    let roles_changed = data.roles != account.roles;
    let status = if contacts_changed && account.status() == AccountStatus::Verified {
        AccountStatus::New
    } else {
        account.status()
    };
    let hash = match &user.password {
        Some(p) => Some(passwords::hash(p.clone()).await?),
        None => None,
    };
    db.query(
        "BEGIN TRANSACTION; \
         UPDATE $id MERGE $data; \
         UPDATE $id SET status = $status, updated_at = time::now(); \
         IF $hash != NONE { UPDATE $id SET password_hash = $hash, must_change_password = true; }; \
         IF $scan != NONE { UPDATE $id SET scan = $scan; UPDATE $scan SET attached = true; IF $old_scan != NONE { DELETE $old_scan; }; }; \
         COMMIT TRANSACTION;",
    )
    .bind(("id", account.id.clone()))
    .bind(("data", data))
    .bind(("status", status.key()))
    .bind(("hash", hash.clone()))
    .bind(("scan", scan_id))
    .bind(("old_scan", account.scan.clone()))
    .await
    .map_err(DbError::from)
    .and_then(|r| r.check().map_err(DbError::from))
    .map_err(login_taken_or)?;
    if roles_changed || hash.is_some() || status != account.status() {
        sessions::end_all(db, &account.id).await?;
    }
    if contacts_changed {
        // A link sent to the old contacts must not confirm the new ones.
        super::verification::supersede_open(db, &account.id).await?;
    }
    let mut detail = Vec::new();
    if roles_changed {
        detail.push("roles");
    }
    if contacts_changed {
        detail.push("contacts");
    }
    if hash.is_some() {
        detail.push("password");
    }
    audit::log(
        db,
        Action::AccountUpdated,
        Event {
            actor: Some(actor.clone()),
            org: Some(org.clone()),
            target: Some(super::key_of(&account.id)),
            detail: Some(detail.join(",")),
            ..Default::default()
        },
    )
    .await;
    Ok(())
}
