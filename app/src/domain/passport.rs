//! «Серия и номер документа, удостоверяющего личность» (`NNNN NNNNNN`) and
//! «Кем выдан» (5–250 characters). The date of issue is in `dates`.

use serde::{Deserialize, Serialize};

use super::text::{FreeTextError, free_text};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassportNumberError {
    #[error("Введите серию и номер документа")]
    Empty,
    #[error("Только цифры: 4 цифры серии, пробел, 6 цифр номера")]
    NotDigits,
    #[error("Нужно 10 цифр: 4 цифры серии и 6 цифр номера (введено {0})")]
    WrongLength(usize),
}

impl PassportNumber {
    /// Accepts the series and number with or without spaces; stores them as
    /// `NNNN NNNNNN`.
    pub fn parse(raw: &str) -> Result<Self, PassportNumberError> {
        let compact: String = raw.chars().filter(|c| *c != ' ').collect();
        if compact.is_empty() {
            return Err(PassportNumberError::Empty);
        }
        if !compact.chars().all(|c| c.is_ascii_digit()) {
            return Err(PassportNumberError::NotDigits);
        }
        if compact.len() != 10 {
            return Err(PassportNumberError::WrongLength(compact.len()));
        }
        let (series, number) = compact.split_at(4);
        Ok(Self(format!("{series} {number}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The input mask: keeps up to ten digits and inserts the space after the
/// series.
pub fn mask_passport_number(raw: &str) -> String {
    let digits: String = raw.chars().filter(char::is_ascii_digit).take(10).collect();
    if digits.len() > 4 {
        let (series, number) = digits.split_at(4);
        format!("{series} {number}")
    } else if digits.len() == 4 && raw.ends_with(' ') {
        format!("{digits} ")
    } else {
        digits
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportIssuer(String);

pub const ISSUER_MIN: usize = 5;
pub const ISSUER_MAX: usize = 250;

impl PassportIssuer {
    pub fn parse(raw: &str) -> Result<Self, FreeTextError> {
        free_text(raw, ISSUER_MIN, ISSUER_MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_accepts_spaces_anywhere_and_stores_canonical_form() {
        for raw in ["4510 123456", "4510123456", "45 10 123456", " 4510 123456 "] {
            assert_eq!(PassportNumber::parse(raw).map(|p| p.as_str().to_string()), Ok("4510 123456".into()), "{raw}");
        }
    }

    #[test]
    fn number_refusals() {
        assert_eq!(PassportNumber::parse(""), Err(PassportNumberError::Empty));
        assert_eq!(PassportNumber::parse("   "), Err(PassportNumberError::Empty));
        assert_eq!(PassportNumber::parse("4510-123456"), Err(PassportNumberError::NotDigits));
        assert_eq!(PassportNumber::parse("45１0 123456"), Err(PassportNumberError::NotDigits));
        assert_eq!(PassportNumber::parse("4510 12345"), Err(PassportNumberError::WrongLength(9)));
        assert_eq!(PassportNumber::parse("4510 1234567"), Err(PassportNumberError::WrongLength(11)));
    }

    #[test]
    fn number_mask() {
        assert_eq!(mask_passport_number("4510123456"), "4510 123456");
        assert_eq!(mask_passport_number("45101"), "4510 1");
        assert_eq!(mask_passport_number("4510"), "4510");
        assert_eq!(mask_passport_number("4510 "), "4510 ");
        assert_eq!(mask_passport_number("4510 1234567890"), "4510 123456");
        assert_eq!(mask_passport_number("45a"), "45");
    }

    #[test]
    fn issuer() {
        assert!(PassportIssuer::parse("ГУ МВД России по Краснодарскому краю").is_ok());
        assert_eq!(PassportIssuer::parse("ОВД"), Err(FreeTextError::TooShort(5)));
        assert_eq!(PassportIssuer::parse(""), Err(FreeTextError::Empty));
        assert_eq!(PassportIssuer::parse(&"я".repeat(251)), Err(FreeTextError::TooLong(250)));
        assert_eq!(PassportIssuer::parse("123-456"), Err(FreeTextError::NoLetters));
    }
}
