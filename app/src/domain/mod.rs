//! Domain types: every validation rule of the product lives here, once.
//!
//! Each type is built only through its `parse` function, which returns an
//! error that says in Russian what is wrong. The same code runs in the browser
//! (live highlighting) and in the server functions (authoritative).

pub mod dates;
pub mod email;
pub mod field;
pub mod login;
pub mod org;
pub mod passport;
pub mod password;
pub mod pdf_scan;
pub mod person_name;
pub mod phone;
pub mod position;
pub mod roles;
pub mod text;
pub mod user_form;

pub use email::Email;
pub use field::{Field, FieldError, FieldErrors};
pub use login::Login;
pub use password::Password;
pub use person_name::PersonName;
pub use phone::MobilePhone;
pub use roles::{Role, RoleSet};

#[cfg(test)]
mod naughty_strings {
    //! Every text rule against the Big List of Naughty Strings: no panic,
    //! and whatever is accepted is accepted again unchanged.

    use super::*;

    fn blns() -> Vec<String> {
        let path = crate::testdata::file("blns.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("blns.json: {e}"))
    }

    #[test]
    fn no_rule_panics_on_naughty_strings() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
        let list = blns();
        assert!(list.len() > 400);
        for s in &list {
            if let Ok(login) = Login::parse(s) {
                assert_eq!(Login::parse(login.as_str()), Ok(login.clone()));
            }
            if let Ok(email) = Email::parse(s) {
                assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
            }
            if let Ok(name) = PersonName::parse(s) {
                assert_eq!(PersonName::parse(name.as_str()), Ok(name.clone()));
            }
            let _ = PersonName::parse_optional(s);
            let _ = Password::check_local(s, "ivanov");
            let _ = Password::check_repeat(s, s);
            let _ = password::PasswordChecklist::local(s, s, s);
            let _ = dates::parse_date(s);
            let _ = dates::BirthDate::parse(s, today);
            let _ = dates::IssueDate::parse(s, None, today);
            let _ = dates::mask_date(s);
            let _ = passport::PassportNumber::parse(s);
            let _ = passport::mask_passport_number(s);
            let _ = passport::PassportIssuer::parse(s);
            let _ = position::Position::parse(s);
            if let Ok(phone) = MobilePhone::parse(s) {
                assert_eq!(MobilePhone::parse(phone.e164()), Ok(phone.clone()));
            }
            let _ = phone::mask_phone(s);
            let _ = org::Inn::parse(s);
            let _ = org::Kpp::parse(s);
            let _ = org::Ogrn::parse(s);
            let _ = org::OrgName::parse_full(s);
            let _ = org::Address::parse(s);
            let _ = org::TimeZone::parse(s);
            let _ = roles::RoleSet::parse_keys(&[s.as_str()]);
            let _ = pdf_scan::check_header(s.len() as u64, s.as_bytes());
            #[cfg(feature = "ssr")]
            {
                let _ = password::strength::check(s, "ivanov", &[s.as_str()]);
                let _ = pdf_scan::PdfScan::parse(s.as_bytes().to_vec());
            }
        }
    }
}
