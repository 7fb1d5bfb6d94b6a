//! Values the server functions send to the browser.

use serde::{Deserialize, Serialize};

use crate::domain::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountStatus {
    New,
    Verified,
    Archived,
}

impl AccountStatus {
    pub fn key(self) -> &'static str {
        match self {
            AccountStatus::New => "new",
            AccountStatus::Verified => "verified",
            AccountStatus::Archived => "archived",
        }
    }

    pub fn from_key(key: &str) -> Self {
        match key {
            "verified" => AccountStatus::Verified,
            "archived" => AccountStatus::Archived,
            _ => AccountStatus::New,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccountStatus::New => "Новая",
            AccountStatus::Verified => "Проверена",
            AccountStatus::Archived => "Архивная",
        }
    }
}

/// Which part of the system a user works in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Admin,
    Ops,
}

impl Part {
    pub fn home(self) -> &'static str {
        match self {
            Part::Admin => "/admin",
            Part::Ops => "/ops",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Part::Admin => "Административная часть",
            Part::Ops => "Операционная часть",
        }
    }
}

/// The signed-in user, as the pages need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub login: String,
    pub full_name: String,
    pub roles: Vec<Role>,
    pub org_name: String,
    pub status: AccountStatus,
    pub must_change_password: bool,
}

impl Me {
    pub fn part(&self) -> Part {
        if self.roles.contains(&Role::Admin) { Part::Admin } else { Part::Ops }
    }

    /// Where this user belongs right now.
    pub fn landing(&self) -> &'static str {
        if self.status != AccountStatus::Verified {
            "/pending"
        } else if self.must_change_password {
            "/change-password"
        } else {
            self.part().home()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: String,
    pub full_name: String,
    pub login: String,
    pub roles: Vec<Role>,
    pub status: AccountStatus,
    pub created_at: String,
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryState {
    /// Kept in the outbox (no transport configured).
    Stored,
    Sent,
    Failed {
        error: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub message_id: String,
    pub state: DeliveryState,
}

/// The state of the latest verification request of an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationState {
    pub sent_at: String,
    pub link_valid_until: String,
    pub link_expired: bool,
    pub email_confirmed_at: Option<String>,
    pub phone_confirmed_at: Option<String>,
    pub completed: bool,
    pub email: Delivery,
    pub sms: Option<Delivery>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDetails {
    pub id: String,
    pub org_name: String,
    pub login: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub surname: String,
    pub name: String,
    pub patronymic: String,
    pub full_name: String,
    pub birth_date: String,
    pub passport_number: String,
    pub passport_issuer: String,
    pub passport_issued: String,
    pub position: String,
    /// `+7-912-3456789`
    pub phone: String,
    pub status: AccountStatus,
    pub created_at: String,
    pub locked_until: Option<String>,
    pub must_change_password: bool,
    pub scan: Option<ScanInfo>,
    pub verification: Option<VerificationState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanInfo {
    pub id: String,
    pub size: u64,
    pub pages: u32,
}

/// What the user form needs from the server before it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormContext {
    pub org_name: String,
    /// Today in the organisation's time zone, as YYYY-MM-DD.
    pub today: String,
}

/// The answer of the scan upload endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UploadResult {
    Ok(ScanInfo),
    Refused(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRow {
    pub created_at: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub org_name: String,
    pub new: i64,
    pub verified: i64,
    pub archived: i64,
    pub messages: Vec<MessageRow>,
}

/// What the public confirmation page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerifyView {
    /// The link is valid: the e-mail is confirmed; the code is asked for.
    AskCode {
        masked_phone: String,
        code_valid_until: String,
        code_expired: bool,
        attempts_left: u32,
        resends_left: u32,
        /// Seconds until a new code may be asked for.
        resend_wait: u32,
        notice: Option<String>,
        error: Option<String>,
    },
    /// Both contacts are confirmed.
    Done {
        login: String,
    },
    Expired,
    Superseded,
    AlreadyUsed,
    NotFound,
}
