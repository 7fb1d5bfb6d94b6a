//! The user account form (SPEC §3) as typed, and its validation into checked
//! values. `check_field` drives the live highlighting of one field in the
//! browser; `validate` checks the whole form (in the browser before sending,
//! and again in the server function).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::{BirthDate, IssueDate};
use super::org::{Address, Inn, Kpp, Ogrn, OrgName, TimeZone};
use super::passport::{PassportIssuer, PassportNumber};
use super::pdf_scan::ScanError;
use super::position::Position;
use super::{Email, Field, FieldErrors, Login, MobilePhone, Password, PersonName, Role, RoleSet};

/// The form as typed. Every value is a string as the browser has it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInput {
    pub login: String,
    pub email: String,
    pub password: String,
    pub password_repeat: String,
    pub roles: Vec<Role>,
    pub surname: String,
    pub name: String,
    pub patronymic: String,
    pub birth_date: String,
    pub passport_number: String,
    pub passport_issuer: String,
    pub passport_issued: String,
    pub position: String,
    pub phone: String,
    /// Id of the uploaded scan (from the upload endpoint), when a new file
    /// was chosen.
    pub scan_upload: Option<String>,
    /// Editing: «Удалить файл» is ticked.
    pub remove_scan: bool,
}

/// Whether the form creates an account or edits one: on edit an empty
/// password keeps the current one, and the current scan stays unless removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormMode {
    Create,
    Edit { has_scan: bool },
}

/// What happens to the scan on save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanChoice {
    Keep,
    Replace(String),
}

/// The checked form.
#[derive(Debug, Clone)]
pub struct ValidUser {
    pub login: Login,
    pub email: Email,
    /// `None` on edit when the password fields were left empty.
    pub password: Option<String>,
    pub roles: RoleSet,
    pub surname: PersonName,
    pub name: PersonName,
    pub patronymic: Option<PersonName>,
    pub birth_date: BirthDate,
    pub passport_number: PassportNumber,
    pub passport_issuer: PassportIssuer,
    pub passport_issued: IssueDate,
    pub position: Position,
    pub phone: MobilePhone,
    pub scan: ScanChoice,
}

pub const USER_FIELDS: [Field; 15] = [
    Field::Login,
    Field::Email,
    Field::Password,
    Field::PasswordRepeat,
    Field::Roles,
    Field::Surname,
    Field::Name,
    Field::Patronymic,
    Field::BirthDate,
    Field::PassportNumber,
    Field::PassportIssuer,
    Field::PassportIssued,
    Field::Scan,
    Field::Position,
    Field::Phone,
];

impl UserInput {
    fn password_given(&self, mode: FormMode) -> bool {
        mode == FormMode::Create || !self.password.is_empty() || !self.password_repeat.is_empty()
    }

    /// The rule of one field, for live highlighting. Ok(()) when valid.
    pub fn check_field(&self, field: Field, mode: FormMode, today: NaiveDate) -> Result<(), String> {
        fn msg<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<(), String> {
            r.map(|_| ()).map_err(|e| e.to_string())
        }
        match field {
            Field::Login => msg(Login::parse(&self.login)),
            Field::Email => msg(Email::parse(&self.email)),
            Field::Password if self.password_given(mode) => msg(Password::check_local(&self.password, &self.login)),
            Field::PasswordRepeat if self.password_given(mode) => {
                msg(Password::check_repeat(&self.password, &self.password_repeat))
            }
            Field::Password | Field::PasswordRepeat => Ok(()),
            Field::Roles => msg(RoleSet::parse(&self.roles)),
            Field::Surname => msg(PersonName::parse(&self.surname)),
            Field::Name => msg(PersonName::parse(&self.name)),
            Field::Patronymic => msg(PersonName::parse_optional(&self.patronymic)),
            Field::BirthDate => msg(BirthDate::parse(&self.birth_date, today)),
            Field::PassportNumber => msg(PassportNumber::parse(&self.passport_number)),
            Field::PassportIssuer => msg(PassportIssuer::parse(&self.passport_issuer)),
            Field::PassportIssued => {
                let birth = BirthDate::parse(&self.birth_date, today).ok().map(BirthDate::date);
                msg(IssueDate::parse(&self.passport_issued, birth, today))
            }
            Field::Scan => msg(self.scan_choice(mode)),
            Field::Position => msg(Position::parse(&self.position)),
            Field::Phone => msg(MobilePhone::parse(&self.phone)),
            _ => Ok(()),
        }
    }

    fn scan_choice(&self, mode: FormMode) -> Result<ScanChoice, ScanError> {
        match (&self.scan_upload, mode) {
            (Some(id), _) if !id.is_empty() => Ok(ScanChoice::Replace(id.clone())),
            (_, FormMode::Edit { has_scan: true }) if !self.remove_scan => Ok(ScanChoice::Keep),
            _ => Err(ScanError::Missing),
        }
    }

    /// Every rule that needs no server data. The server function calls this
    /// and then the server-only rules (password strength, uniqueness, the
    /// person's other accounts, the uploaded file).
    pub fn validate(&self, mode: FormMode, today: NaiveDate) -> Result<ValidUser, FieldErrors> {
        let mut errors = FieldErrors::new();
        let login = errors.check(Field::Login, Login::parse(&self.login));
        let email = errors.check(Field::Email, Email::parse(&self.email));
        let password = if self.password_given(mode) {
            let first = errors.check(Field::Password, Password::check_local(&self.password, &self.login));
            let repeat =
                errors.check(Field::PasswordRepeat, Password::check_repeat(&self.password, &self.password_repeat));
            first.and(repeat).map(|_| Some(self.password.clone()))
        } else {
            Some(None)
        };
        let roles = errors.check(Field::Roles, RoleSet::parse(&self.roles));
        let surname = errors.check(Field::Surname, PersonName::parse(&self.surname));
        let name = errors.check(Field::Name, PersonName::parse(&self.name));
        let patronymic = errors.check(Field::Patronymic, PersonName::parse_optional(&self.patronymic));
        let birth_date = errors.check(Field::BirthDate, BirthDate::parse(&self.birth_date, today));
        let passport_number = errors.check(Field::PassportNumber, PassportNumber::parse(&self.passport_number));
        let passport_issuer = errors.check(Field::PassportIssuer, PassportIssuer::parse(&self.passport_issuer));
        let passport_issued = errors.check(
            Field::PassportIssued,
            IssueDate::parse(&self.passport_issued, birth_date.map(BirthDate::date), today),
        );
        let scan = errors.check(Field::Scan, self.scan_choice(mode));
        let position = errors.check(Field::Position, Position::parse(&self.position));
        let phone = errors.check(Field::Phone, MobilePhone::parse(&self.phone));

        if !errors.is_empty() {
            return Err(errors);
        }
        // Every value is there when nothing was refused.
        let valid = || {
            Some(ValidUser {
                login: login?,
                email: email?,
                password: password?,
                roles: roles?,
                surname: surname?,
                name: name?,
                patronymic: patronymic?,
                birth_date: birth_date?,
                passport_number: passport_number?,
                passport_issuer: passport_issuer?,
                passport_issued: passport_issued?,
                position: position?,
                phone: phone?,
                scan: scan?,
            })
        };
        valid().ok_or(errors)
    }
}

/// The organisation part of the connection questionnaire, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgInput {
    pub full_name: String,
    pub short_name: String,
    pub inn: String,
    pub kpp: String,
    pub ogrn: String,
    pub address: String,
    pub time_zone: String,
    pub contact_surname: String,
    pub contact_name: String,
    pub contact_patronymic: String,
    pub contact_email: String,
    pub contact_phone: String,
}

#[derive(Debug, Clone)]
pub struct ValidOrg {
    pub full_name: OrgName,
    pub short_name: OrgName,
    pub inn: Inn,
    pub kpp: Kpp,
    pub ogrn: Ogrn,
    pub address: Address,
    pub time_zone: TimeZone,
    pub contact_surname: PersonName,
    pub contact_name: PersonName,
    pub contact_patronymic: Option<PersonName>,
    pub contact_email: Email,
    pub contact_phone: MobilePhone,
}

pub const ORG_FIELDS: [Field; 12] = [
    Field::OrgFullName,
    Field::OrgShortName,
    Field::OrgInn,
    Field::OrgKpp,
    Field::OrgOgrn,
    Field::OrgAddress,
    Field::OrgTimeZone,
    Field::ContactSurname,
    Field::ContactName,
    Field::ContactPatronymic,
    Field::ContactEmail,
    Field::ContactPhone,
];

impl OrgInput {
    pub fn check_field(&self, field: Field) -> Result<(), String> {
        fn msg<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<(), String> {
            r.map(|_| ()).map_err(|e| e.to_string())
        }
        match field {
            Field::OrgFullName => msg(OrgName::parse_full(&self.full_name)),
            Field::OrgShortName => msg(OrgName::parse_short(&self.short_name)),
            Field::OrgInn => msg(Inn::parse(&self.inn)),
            Field::OrgKpp => msg(Kpp::parse(&self.kpp)),
            Field::OrgOgrn => msg(Ogrn::parse(&self.ogrn)),
            Field::OrgAddress => msg(Address::parse(&self.address)),
            Field::OrgTimeZone => msg(TimeZone::parse(&self.time_zone)),
            Field::ContactSurname => msg(PersonName::parse(&self.contact_surname)),
            Field::ContactName => msg(PersonName::parse(&self.contact_name)),
            Field::ContactPatronymic => msg(PersonName::parse_optional(&self.contact_patronymic)),
            Field::ContactEmail => msg(Email::parse(&self.contact_email)),
            Field::ContactPhone => msg(MobilePhone::parse(&self.contact_phone)),
            _ => Ok(()),
        }
    }

    pub fn validate(&self) -> Result<ValidOrg, FieldErrors> {
        let mut e = FieldErrors::new();
        let full_name = e.check(Field::OrgFullName, OrgName::parse_full(&self.full_name));
        let short_name = e.check(Field::OrgShortName, OrgName::parse_short(&self.short_name));
        let inn = e.check(Field::OrgInn, Inn::parse(&self.inn));
        let kpp = e.check(Field::OrgKpp, Kpp::parse(&self.kpp));
        let ogrn = e.check(Field::OrgOgrn, Ogrn::parse(&self.ogrn));
        let address = e.check(Field::OrgAddress, Address::parse(&self.address));
        let time_zone = e.check(Field::OrgTimeZone, TimeZone::parse(&self.time_zone));
        let contact_surname = e.check(Field::ContactSurname, PersonName::parse(&self.contact_surname));
        let contact_name = e.check(Field::ContactName, PersonName::parse(&self.contact_name));
        let contact_patronymic =
            e.check(Field::ContactPatronymic, PersonName::parse_optional(&self.contact_patronymic));
        let contact_email = e.check(Field::ContactEmail, Email::parse(&self.contact_email));
        let contact_phone = e.check(Field::ContactPhone, MobilePhone::parse(&self.contact_phone));
        if !e.is_empty() {
            return Err(e);
        }
        let valid = || {
            Some(ValidOrg {
                full_name: full_name?,
                short_name: short_name?,
                inn: inn?,
                kpp: kpp?,
                ogrn: ogrn?,
                address: address?,
                time_zone: time_zone?,
                contact_surname: contact_surname?,
                contact_name: contact_name?,
                contact_patronymic: contact_patronymic?,
                contact_email: contact_email?,
                contact_phone: contact_phone?,
            })
        };
        valid().ok_or(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).expect("date")
    }

    pub fn filled() -> UserInput {
        UserInput {
            login: "i.ivanov".into(),
            email: "ivanov@example.ru".into(),
            password: "Снег-идёт-над-Волгой-7".into(),
            password_repeat: "Снег-идёт-над-Волгой-7".into(),
            roles: vec![Role::Operator],
            surname: "Иванов".into(),
            name: "Иван".into(),
            patronymic: "".into(),
            birth_date: "10.11.1980".into(),
            passport_number: "4510 123456".into(),
            passport_issuer: "ГУ МВД Краснодарского края".into(),
            passport_issued: "15.11.2000".into(),
            position: "Оператор".into(),
            phone: "+7 912 345-67-89".into(),
            scan_upload: Some("upload-1".into()),
            remove_scan: false,
        }
    }

    #[test]
    fn a_filled_form_validates() {
        let user = filled().validate(FormMode::Create, today()).expect("valid");
        assert_eq!(user.phone.e164(), "+79123456789");
        assert!(user.patronymic.is_none());
        assert_eq!(user.scan, ScanChoice::Replace("upload-1".into()));
    }

    #[test]
    fn every_error_is_reported_at_once_in_form_order() {
        let input = UserInput { roles: vec![Role::Admin, Role::Operator], ..UserInput::default() };
        let errors = input.validate(FormMode::Create, today()).expect_err("invalid");
        let fields: Vec<Field> = errors.0.iter().map(|e| e.field).collect();
        let expected: Vec<Field> = USER_FIELDS.into_iter().filter(|f| *f != Field::Patronymic).collect();
        assert_eq!(fields, expected);
    }

    #[test]
    fn edit_keeps_password_and_scan_when_left_alone() {
        let mut input = filled();
        input.password.clear();
        input.password_repeat.clear();
        input.scan_upload = None;
        let user = input.validate(FormMode::Edit { has_scan: true }, today()).expect("valid");
        assert_eq!(user.password, None);
        assert_eq!(user.scan, ScanChoice::Keep);
        input.remove_scan = true;
        let errors = input.validate(FormMode::Edit { has_scan: true }, today()).expect_err("scan removed");
        assert_eq!(errors.for_field(Field::Scan), Some("Выберите файл PDF"));
        assert!(input.validate(FormMode::Create, today()).is_err());
    }

    #[test]
    fn check_field_matches_validate() {
        let mut input = filled();
        input.passport_issued = "01.01.1990".into();
        assert!(input.check_field(Field::PassportIssued, FormMode::Create, today()).is_err());
        input.birth_date = "bad".into();
        // Without a valid birth date the 14th-birthday rule cannot apply.
        assert!(input.check_field(Field::PassportIssued, FormMode::Create, today()).is_ok());
    }

    #[test]
    fn org_questionnaire_validates() {
        let org = OrgInput {
            full_name: "Общество с ограниченной ответственностью «Тахограф-Сервис»".into(),
            short_name: "ООО «Тахограф-Сервис»".into(),
            inn: "7707083893".into(),
            kpp: "773601001".into(),
            ogrn: "1027700132195".into(),
            address: "117997, г. Москва, ул. Вавилова, д. 19".into(),
            time_zone: "".into(),
            contact_surname: "Петрова".into(),
            contact_name: "Анна".into(),
            contact_patronymic: "Сергеевна".into(),
            contact_email: "petrova@example.ru".into(),
            contact_phone: "8 (912) 000-11-22".into(),
        };
        let valid = org.validate().expect("valid");
        assert_eq!(valid.time_zone.as_str(), "Europe/Moscow");
        let bad = OrgInput { inn: "7707083894".into(), ..org };
        assert_eq!(
            bad.validate().expect_err("bad").for_field(Field::OrgInn),
            Some("Неверное контрольное число: проверьте цифры")
        );
    }
}
