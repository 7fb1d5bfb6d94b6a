//! The first-run setup page: the connection questionnaire as a form, usable
//! once, with the token printed by `izkt serve`.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::AppError;
use crate::domain::user_form::{OrgInput, UserInput};

/// Today's date (Moscow) when the token is valid; `Forbidden` otherwise.
#[server(endpoint = "setup/check")]
pub async fn setup_check(token: String) -> Result<String, AppError> {
    use crate::server::{context, setup, today_in};
    let state = context::state()?;
    if setup::is_valid(&state.db, &token).await.map_err(context::db_error("setup check"))? {
        Ok(today_in(crate::domain::org::DEFAULT_TIME_ZONE).to_string())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Connects the organisation; answers with the administrator's login.
#[server(endpoint = "setup/complete", input = Json)]
pub async fn complete_setup(token: String, org: OrgInput, admin: UserInput) -> Result<String, AppError> {
    use crate::server::onboarding::{self, OnboardingError};
    use crate::server::users::ScanSource;
    use crate::server::{context, setup};
    let state = context::state()?;
    if !setup::is_valid(&state.db, &token).await.map_err(context::db_error("setup check"))? {
        return Err(AppError::Forbidden);
    }
    match onboarding::connect_organisation(&state, &org, &admin, ScanSource::Upload { uploader: None }).await {
        Ok(_) => Ok(admin.login.trim().to_string()),
        Err(OnboardingError::Invalid(errors)) => Err(AppError::Invalid(errors)),
        Err(e) => Err(AppError::internal("setup", e)),
    }
}
