//! Form fields, and errors that name the field they belong to.

use serde::{Deserialize, Serialize};

/// Every input of the product's forms. `id()` is the HTML id of the input,
/// `label()` the text of its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Login,
    Email,
    Password,
    PasswordRepeat,
    Roles,
    Surname,
    Name,
    Patronymic,
    BirthDate,
    PassportNumber,
    PassportIssuer,
    PassportIssued,
    Scan,
    Position,
    Phone,
    OrgFullName,
    OrgShortName,
    OrgInn,
    OrgKpp,
    OrgOgrn,
    OrgAddress,
    OrgTimeZone,
    ContactSurname,
    ContactName,
    ContactPatronymic,
    ContactEmail,
    ContactPhone,
    CurrentPassword,
    Code,
}

impl Field {
    pub fn id(self) -> &'static str {
        match self {
            Field::Login => "login",
            Field::Email => "email",
            Field::Password => "password",
            Field::PasswordRepeat => "password_repeat",
            Field::Roles => "roles",
            Field::Surname => "surname",
            Field::Name => "name",
            Field::Patronymic => "patronymic",
            Field::BirthDate => "birth_date",
            Field::PassportNumber => "passport_number",
            Field::PassportIssuer => "passport_issuer",
            Field::PassportIssued => "passport_issued",
            Field::Scan => "scan",
            Field::Position => "position",
            Field::Phone => "phone",
            Field::OrgFullName => "org_full_name",
            Field::OrgShortName => "org_short_name",
            Field::OrgInn => "org_inn",
            Field::OrgKpp => "org_kpp",
            Field::OrgOgrn => "org_ogrn",
            Field::OrgAddress => "org_address",
            Field::OrgTimeZone => "org_time_zone",
            Field::ContactSurname => "contact_surname",
            Field::ContactName => "contact_name",
            Field::ContactPatronymic => "contact_patronymic",
            Field::ContactEmail => "contact_email",
            Field::ContactPhone => "contact_phone",
            Field::CurrentPassword => "current_password",
            Field::Code => "code",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Login => "Логин",
            Field::Email => "Адрес электронной почты",
            Field::Password => "Пароль",
            Field::PasswordRepeat => "Повтор пароля",
            Field::Roles => "Роли",
            Field::Surname => "Фамилия",
            Field::Name => "Имя",
            Field::Patronymic => "Отчество",
            Field::BirthDate => "Дата рождения",
            Field::PassportNumber => "Серия и номер документа, удостоверяющего личность",
            Field::PassportIssuer => "Кем выдан",
            Field::PassportIssued => "Дата выдачи",
            Field::Scan => "Документ, удостоверяющий личность",
            Field::Position => "Должность",
            Field::Phone => "Номер мобильного телефона",
            Field::OrgFullName => "Полное наименование",
            Field::OrgShortName => "Краткое наименование",
            Field::OrgInn => "ИНН",
            Field::OrgKpp => "КПП",
            Field::OrgOgrn => "ОГРН",
            Field::OrgAddress => "Адрес",
            Field::OrgTimeZone => "Часовой пояс",
            Field::ContactSurname => "Фамилия ответственного лица",
            Field::ContactName => "Имя ответственного лица",
            Field::ContactPatronymic => "Отчество ответственного лица",
            Field::ContactEmail => "Адрес электронной почты ответственного лица",
            Field::ContactPhone => "Мобильный телефон ответственного лица",
            Field::CurrentPassword => "Текущий пароль",
            Field::Code => "Код из СМС",
        }
    }

    /// The key used for this field in the connection questionnaire (TOML).
    pub fn questionnaire_key(self) -> &'static str {
        match self {
            Field::OrgFullName => "organisation.full_name",
            Field::OrgShortName => "organisation.short_name",
            Field::OrgInn => "organisation.inn",
            Field::OrgKpp => "organisation.kpp",
            Field::OrgOgrn => "organisation.ogrn",
            Field::OrgAddress => "organisation.address",
            Field::OrgTimeZone => "organisation.time_zone",
            Field::ContactSurname => "organisation.responsible.surname",
            Field::ContactName => "organisation.responsible.name",
            Field::ContactPatronymic => "organisation.responsible.patronymic",
            Field::ContactEmail => "organisation.responsible.email",
            Field::ContactPhone => "organisation.responsible.phone",
            Field::Login => "administrator.login",
            Field::Email => "administrator.email",
            Field::Password | Field::PasswordRepeat | Field::CurrentPassword => "administrator.password",
            Field::Roles => "administrator.roles",
            Field::Surname => "administrator.surname",
            Field::Name => "administrator.name",
            Field::Patronymic => "administrator.patronymic",
            Field::BirthDate => "administrator.birth_date",
            Field::PassportNumber => "administrator.passport_number",
            Field::PassportIssuer => "administrator.passport_issuer",
            Field::PassportIssued => "administrator.passport_issued",
            Field::Scan => "administrator.passport_scan",
            Field::Position => "administrator.position",
            Field::Phone => "administrator.phone",
            Field::Code => "code",
        }
    }
}

/// One refusal: which field, and what is wrong with it (in Russian).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// All refusals of one form submission, in form order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: Field, message: impl Into<String>) {
        self.0.push(FieldError { field, message: message.into() });
    }

    /// Keeps the value when `result` is Ok, records the error otherwise.
    pub fn check<T, E: std::fmt::Display>(&mut self, field: Field, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.add(field, e.to_string());
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: Field) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {}", e.field.label(), e.message)?;
        }
        Ok(())
    }
}
