//! Connecting an organisation: the organisation and its first administrator
//! from the connection questionnaire, with the same rules as the forms, and
//! the administrator's verification request. Used by `izkt org create` and by
//! the first-run setup page.

use chrono::Utc;
use surrealdb::types::RecordId;

use super::db::DbError;
use super::orgs::{self, Contact, INN_INDEX, NewOrg};
use super::passwords::HashError;
use super::state::AppState;
use super::users::{self, SaveUserError, ScanSource};
use super::{audit, setup, today_in, verification};
use crate::domain::user_form::{OrgInput, UserInput};
use crate::domain::{Field, FieldErrors, Role};

#[derive(Debug, thiserror::Error)]
pub enum OnboardingError {
    #[error("the questionnaire has errors")]
    Invalid(FieldErrors),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Hash(#[from] HashError),
}

pub const INN_TAKEN: &str = "Организация с таким ИНН уже подключена";

pub struct Onboarded {
    pub org: RecordId,
    pub admin: RecordId,
}

/// Creates the organisation and its first administrator (whatever roles the
/// input names, the first account is an administrator) and sends the
/// administrator's verification request.
pub async fn connect_organisation(
    state: &AppState,
    org_input: &OrgInput,
    admin_input: &UserInput,
    scan: ScanSource<'_>,
) -> Result<Onboarded, OnboardingError> {
    let db = &state.db;
    let mut errors = FieldErrors::new();
    let org = match org_input.validate() {
        Ok(org) => Some(org),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    let time_zone = org.as_ref().map(|o| o.time_zone.as_str().to_string()).unwrap_or_else(|| "Europe/Moscow".into());
    let admin_input = UserInput { roles: vec![Role::Admin], ..admin_input.clone() };
    // Check the administrator's part now too, so that every error is
    // reported at once; it is checked again when the account is created.
    if let Err(e) = admin_input.validate(crate::domain::user_form::FormMode::Create, today_in(&time_zone)) {
        errors.0.extend(e.0);
    }
    if let Some(org) = &org
        && orgs::by_inn(db, org.inn.as_str()).await?.is_some()
    {
        errors.add(Field::OrgInn, INN_TAKEN);
    }
    let Some(org) = org.filter(|_| errors.is_empty()) else {
        return Err(OnboardingError::Invalid(errors));
    };

    let org_id = orgs::new_org_id();
    let row = NewOrg {
        full_name: org.full_name.as_str().into(),
        short_name: org.short_name.as_str().into(),
        inn: org.inn.as_str().into(),
        kpp: org.kpp.as_str().into(),
        ogrn: org.ogrn.as_str().into(),
        address: org.address.as_str().into(),
        time_zone: time_zone.clone(),
        parent: None,
        contact: Contact {
            surname: org.contact_surname.as_str().into(),
            name: org.contact_name.as_str().into(),
            patronymic: org.contact_patronymic.as_ref().map(|p| p.as_str().into()),
            email: org.contact_email.as_str().into(),
            phone: org.contact_phone.e164().into(),
        },
        status: "active".into(),
        created_at: Utc::now(),
    };
    let created = db.query("CREATE $id CONTENT $row").bind(("id", org_id.clone())).bind(("row", row)).await;
    match created.map_err(DbError::from).and_then(|r| r.check().map_err(DbError::from)) {
        Ok(_) => {}
        Err(e) if e.is_unique_violation(INN_INDEX) => {
            let mut errors = FieldErrors::new();
            errors.add(Field::OrgInn, INN_TAKEN);
            return Err(OnboardingError::Invalid(errors));
        }
        Err(e) => return Err(e.into()),
    }

    let admin = match users::create(state, &org_id, None, &admin_input, scan, today_in(&time_zone)).await {
        Ok(id) => id,
        Err(e) => {
            // Undo: an organisation without its administrator is of no use.
            db.query("DELETE $id").bind(("id", org_id.clone())).await.map_err(DbError::from)?;
            return Err(match e {
                SaveUserError::Invalid(errors) => OnboardingError::Invalid(errors),
                SaveUserError::NotFound => OnboardingError::Db(DbError::Unexpected("organisation vanished".into())),
                SaveUserError::Db(e) => OnboardingError::Db(e),
                SaveUserError::Hash(e) => OnboardingError::Hash(e),
            });
        }
    };
    setup::clear(db).await?;
    audit::log(
        db,
        audit::Action::OrgCreated,
        audit::Event { org: Some(org_id.clone()), target: Some(super::key_of(&org_id)), ..Default::default() },
    )
    .await;
    if let Some(account) = super::accounts::get(db, &admin).await? {
        verification::request(state, &account, None, &time_zone).await?;
    }
    Ok(Onboarded { org: org_id, admin })
}
