//! «Номер мобильного телефона»: a Russian mobile number, typed in any common
//! notation, stored as E.164 (`+79123456789`), shown as `+7-912-3456789`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MobilePhone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("Введите номер мобильного телефона")]
    Empty,
    #[error("Недопустимый символ «{0}»: можно цифры, +, пробел, дефис и скобки")]
    BadChar(char),
    #[error("Номер должен начинаться с +7 или 8")]
    NotRussian,
    #[error("В номере должно быть 10 цифр после +7 (введено {0})")]
    WrongLength(usize),
    #[error("Это не мобильный номер: после +7 должна идти цифра 9")]
    NotMobile,
}

impl MobilePhone {
    pub fn parse(raw: &str) -> Result<Self, PhoneError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(PhoneError::Empty);
        }
        let mut digits = String::new();
        for (i, c) in value.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => {}
                ' ' | '-' | '(' | ')' | '.' | '\u{00A0}' => {}
                _ => return Err(PhoneError::BadChar(c)),
            }
        }
        let national = if value.starts_with('+') {
            digits.strip_prefix('7').ok_or(PhoneError::NotRussian)?
        } else if digits.len() == 11 {
            digits.strip_prefix('8').or_else(|| digits.strip_prefix('7')).ok_or(PhoneError::NotRussian)?
        } else {
            digits.as_str()
        };
        if national.len() != 10 {
            return Err(PhoneError::WrongLength(national.len()));
        }
        if !national.starts_with('9') {
            return Err(PhoneError::NotMobile);
        }
        Ok(Self(format!("+7{national}")))
    }

    /// E.164: `+79123456789`.
    pub fn e164(&self) -> &str {
        &self.0
    }

    /// As shown to users: `+7-912-3456789`.
    pub fn display(&self) -> String {
        display_e164(&self.0)
    }
}

/// `+79123456789` → `+7-912-3456789` (any other text is returned as is).
pub fn display_e164(e164: &str) -> String {
    match (e164.get(..2), e164.get(2..5), e164.get(5..)) {
        (Some("+7"), Some(code), Some(rest)) if e164.len() == 12 => format!("+7-{code}-{rest}"),
        _ => e164.to_string(),
    }
}

/// The input mask: `+7 (912) 345-67-89` as the digits are typed. A leading 8
/// or 7 is read as the country code.
pub fn mask_phone(raw: &str) -> String {
    let mut digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return if raw.trim_start().starts_with('+') { "+".into() } else { String::new() };
    }
    if digits.starts_with('8') || digits.starts_with('7') {
        digits.remove(0);
    }
    let national: String = digits.chars().take(10).collect();
    let mut out = String::from("+7");
    for (i, c) in national.chars().enumerate() {
        match i {
            0 => out.push_str(" ("),
            3 => out.push_str(") "),
            6 | 8 => out.push('-'),
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_common_notation() {
        for raw in [
            "+7 912 345-67-89",
            "8 (912) 345 67 89",
            "+79123456789",
            "89123456789",
            "79123456789",
            "9123456789",
            "+7(912)345-67-89",
            "8-912-345-67-89",
            "+7-912-3456789",
            "8.912.345.67.89",
            " +7 912 345 67 89 ",
            "+7\u{00A0}912\u{00A0}345-67-89",
        ] {
            assert_eq!(MobilePhone::parse(raw).map(|p| p.e164().to_string()), Ok("+79123456789".into()), "{raw}");
        }
    }

    #[test]
    fn refusals() {
        assert_eq!(MobilePhone::parse(""), Err(PhoneError::Empty));
        assert_eq!(MobilePhone::parse("+7 912 345-67-8"), Err(PhoneError::WrongLength(9)));
        assert_eq!(MobilePhone::parse("+7 912 345-67-890"), Err(PhoneError::WrongLength(11)));
        assert_eq!(MobilePhone::parse("+7 495 123-45-67"), Err(PhoneError::NotMobile));
        assert_eq!(MobilePhone::parse("8 (495) 123-45-67"), Err(PhoneError::NotMobile));
        assert_eq!(MobilePhone::parse("+380 50 123 4567"), Err(PhoneError::NotRussian));
        assert_eq!(MobilePhone::parse("69123456789"), Err(PhoneError::NotRussian));
        assert_eq!(MobilePhone::parse("+7 912 345-67-89 доб. 1"), Err(PhoneError::BadChar('д')));
        assert_eq!(MobilePhone::parse("+7 9l2 345-67-89"), Err(PhoneError::BadChar('l')));
        assert_eq!(MobilePhone::parse("7+9123456789"), Err(PhoneError::BadChar('+')));
    }

    #[test]
    fn display_form() {
        let p = MobilePhone::parse("8 (912) 345 67 89").expect("valid");
        assert_eq!(p.display(), "+7-912-3456789");
        assert_eq!(display_e164("+1234"), "+1234");
    }

    #[test]
    fn mask() {
        assert_eq!(mask_phone("8"), "+7");
        assert_eq!(mask_phone("89"), "+7 (9");
        assert_eq!(mask_phone("8912"), "+7 (912");
        assert_eq!(mask_phone("89123"), "+7 (912) 3");
        assert_eq!(mask_phone("89123456789"), "+7 (912) 345-67-89");
        assert_eq!(mask_phone("+7 (912) 345-67-89"), "+7 (912) 345-67-89");
        assert_eq!(mask_phone("9123456789"), "+7 (912) 345-67-89");
        assert_eq!(mask_phone("+"), "+");
        assert_eq!(mask_phone(""), "");
        assert_eq!(
            MobilePhone::parse(&mask_phone("89123456789")).map(|p| p.e164().to_string()),
            Ok("+79123456789".into())
        );
    }
}
