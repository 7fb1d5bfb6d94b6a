//! The state of the account form in the browser: what is typed, which
//! fields were touched, what the server said. Validity of each field is
//! derived from these with the shared rules of `domain`.

use leptos::prelude::*;

use super::field::Validity;
use crate::api::types::{ScanInfo, UserDetails};
use crate::domain::password::PasswordChecklist;
use crate::domain::user_form::{FormMode, USER_FIELDS, UserInput};
use crate::domain::{Field, FieldErrors, Role};

/// What the server said about the login while typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginCheck {
    Unknown,
    Checking(String),
    Free(String),
    Taken(String),
}

/// The state of the file field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanState {
    Empty,
    /// Uploading: percent done.
    Uploading(u32),
    Uploaded(ScanInfo),
    Refused(String),
}

#[derive(Clone, Copy)]
pub struct UserFormState {
    pub mode: FormMode,
    pub today: chrono::NaiveDate,
    pub login: RwSignal<String>,
    pub email: RwSignal<String>,
    pub password: RwSignal<String>,
    pub password_repeat: RwSignal<String>,
    pub roles: RwSignal<Vec<Role>>,
    pub surname: RwSignal<String>,
    pub name: RwSignal<String>,
    pub patronymic: RwSignal<String>,
    pub birth_date: RwSignal<String>,
    pub passport_number: RwSignal<String>,
    pub passport_issuer: RwSignal<String>,
    pub passport_issued: RwSignal<String>,
    pub position: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub scan: RwSignal<ScanState>,
    pub remove_scan: RwSignal<bool>,
    pub touched: RwSignal<Vec<Field>>,
    pub server_errors: RwSignal<FieldErrors>,
    pub login_check: RwSignal<LoginCheck>,
    pub password_report: RwSignal<Option<PasswordChecklist>>,
}

impl UserFormState {
    pub fn new(mode: FormMode, today: chrono::NaiveDate) -> Self {
        let s = || RwSignal::new(String::new());
        Self {
            mode,
            today,
            login: s(),
            email: s(),
            password: s(),
            password_repeat: s(),
            roles: RwSignal::new(Vec::new()),
            surname: s(),
            name: s(),
            patronymic: s(),
            birth_date: s(),
            passport_number: s(),
            passport_issuer: s(),
            passport_issued: s(),
            position: s(),
            phone: s(),
            scan: RwSignal::new(ScanState::Empty),
            remove_scan: RwSignal::new(false),
            touched: RwSignal::new(Vec::new()),
            server_errors: RwSignal::new(FieldErrors::new()),
            login_check: RwSignal::new(LoginCheck::Unknown),
            password_report: RwSignal::new(None),
        }
    }

    /// The edit form starts with the account's current values.
    pub fn from_details(d: &UserDetails, today: chrono::NaiveDate) -> Self {
        let state = Self::new(FormMode::Edit { has_scan: d.scan.is_some() }, today);
        state.login.set(d.login.clone());
        state.email.set(d.email.clone());
        state.roles.set(d.roles.clone());
        state.surname.set(d.surname.clone());
        state.name.set(d.name.clone());
        state.patronymic.set(d.patronymic.clone());
        state.birth_date.set(d.birth_date.clone());
        state.passport_number.set(d.passport_number.clone());
        state.passport_issuer.set(d.passport_issuer.clone());
        state.passport_issued.set(d.passport_issued.clone());
        state.position.set(d.position.clone());
        state.phone.set(crate::domain::phone::mask_phone(&d.phone));
        state.login_check.set(LoginCheck::Free(String::new()));
        state
    }

    /// The form as typed (tracked: reading it subscribes to every field).
    pub fn input(&self) -> UserInput {
        UserInput {
            login: self.login.get(),
            email: self.email.get(),
            password: self.password.get(),
            password_repeat: self.password_repeat.get(),
            roles: self.roles.get(),
            surname: self.surname.get(),
            name: self.name.get(),
            patronymic: self.patronymic.get(),
            birth_date: self.birth_date.get(),
            passport_number: self.passport_number.get(),
            passport_issuer: self.passport_issuer.get(),
            passport_issued: self.passport_issued.get(),
            position: self.position.get(),
            phone: self.phone.get(),
            scan_upload: match self.scan.get() {
                ScanState::Uploaded(info) => Some(info.id),
                _ => None,
            },
            remove_scan: self.remove_scan.get(),
        }
    }

    pub fn touch(&self, field: Field) {
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| t.push(field));
        }
    }

    pub fn touch_all(&self) {
        self.touched.set(USER_FIELDS.to_vec());
    }

    /// The user changed the field: what the server said about it is stale.
    pub fn edited(&self, field: Field) {
        if self.server_errors.with_untracked(|e| e.for_field(field).is_some()) {
            self.server_errors.update(|e| e.0.retain(|x| x.field != field));
        }
    }

    fn password_given(&self) -> bool {
        self.mode == FormMode::Create || !self.password.get().is_empty() || !self.password_repeat.get().is_empty()
    }

    /// The highlighting of one field.
    pub fn validity(&self, field: Field) -> Validity {
        if let Some(message) = self.server_errors.with(|e| e.for_field(field).map(str::to_string)) {
            return Validity::Invalid(message);
        }
        if field == Field::Scan {
            return self.scan_validity();
        }
        if !self.touched.with(|t| t.contains(&field)) {
            return Validity::Neutral;
        }
        let local = self.input().check_field(field, self.mode, self.today);
        match (field, local) {
            (_, Err(e)) => Validity::Invalid(e),
            (Field::Login, Ok(())) => match self.login_check.get() {
                LoginCheck::Unknown | LoginCheck::Checking(_) => {
                    Validity::Checking("Проверяем, свободен ли логин…".into())
                }
                LoginCheck::Free(_) => Validity::Valid(Some("Логин свободен".into())),
                LoginCheck::Taken(_) => Validity::Invalid("Логин занят".into()),
            },
            (Field::Password, Ok(())) if self.password_given() => match self.password_report.get() {
                None => Validity::Checking("Проверяем надёжность…".into()),
                Some(r) if r.not_common == Some(false) => {
                    Validity::Invalid("Этот пароль есть в списке распространённых паролей".into())
                }
                Some(r) if r.strong() == Some(false) => {
                    Validity::Invalid("Пароль слишком простой: добавьте слова, цифры или знаки".into())
                }
                Some(_) if self.password.get() != self.password_repeat.get() => {
                    Validity::Invalid("Пароли не совпадают".into())
                }
                Some(_) => Validity::Valid(Some("Пароль подходит".into())),
            },
            (Field::Password | Field::PasswordRepeat, Ok(())) if !self.password_given() => {
                Validity::Valid(Some("Пароль не меняется".into()))
            }
            (Field::PasswordRepeat, Ok(())) => Validity::Valid(Some("Пароли совпадают".into())),
            (Field::Patronymic, Ok(())) if self.patronymic.get().trim().is_empty() => {
                Validity::Valid(Some("Отчества нет".into()))
            }
            (_, Ok(())) => Validity::Valid(None),
        }
    }

    fn scan_validity(&self) -> Validity {
        match self.scan.get() {
            ScanState::Uploading(p) => Validity::Checking(format!("Загрузка: {p}%")),
            ScanState::Refused(e) => Validity::Invalid(e),
            ScanState::Uploaded(info) => Validity::Valid(Some(format!(
                "Файл загружен и проверен: {}, страниц: {}",
                crate::domain::pdf_scan::human_size(info.size),
                info.pages
            ))),
            ScanState::Empty => {
                if !self.touched.with(|t| t.contains(&Field::Scan)) {
                    Validity::Neutral
                } else {
                    Validity::from_check(self.input().check_field(Field::Scan, self.mode, self.today))
                }
            }
        }
    }

    /// Every error the form would be refused with, from the browser's view.
    pub fn local_errors(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        for field in USER_FIELDS {
            if let Validity::Invalid(message) = self.validity(field) {
                errors.add(field, message);
            }
        }
        errors
    }

    /// Can the form be sent now (no upload or check in flight)?
    pub fn busy(&self) -> bool {
        matches!(self.scan.get(), ScanState::Uploading(_))
    }
}
