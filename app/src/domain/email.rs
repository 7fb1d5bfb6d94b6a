//! «Адрес электронной почты»: the "valid e-mail address" of the HTML living
//! standard, at most 254 characters. Addresses may repeat between accounts.

use serde::{Deserialize, Serialize};

use super::text::is_cyrillic_letter;

pub const EMAIL_MAX: usize = 254;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Введите адрес электронной почты")]
    Empty,
    #[error("Адрес — не более 254 символов")]
    TooLong,
    #[error("В адресе нет знака «@»")]
    NoAt,
    #[error("В адресе больше одного знака «@»")]
    SeveralAt,
    #[error("Не указано имя до знака «@»")]
    EmptyLocal,
    #[error("Не указан домен после знака «@»")]
    EmptyDomain,
    #[error("Пробелы в адресе не допускаются")]
    Space,
    #[error("Кириллическая буква «{0}»: адрес набирается латиницей")]
    Cyrillic(char),
    #[error("Недопустимый символ «{0}» в адресе")]
    BadLocalChar(char),
    #[error("Домен указан неверно: {0}")]
    BadDomain(&'static str),
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(EmailError::Empty);
        }
        if value.chars().count() > EMAIL_MAX {
            return Err(EmailError::TooLong);
        }
        if let Some(c) = value.chars().find(|c| is_cyrillic_letter(*c)) {
            return Err(EmailError::Cyrillic(c));
        }
        if value.chars().any(char::is_whitespace) {
            return Err(EmailError::Space);
        }
        let mut parts = value.split('@');
        let (Some(local), Some(domain)) = (parts.next(), parts.next()) else {
            return Err(EmailError::NoAt);
        };
        if parts.next().is_some() {
            return Err(EmailError::SeveralAt);
        }
        if local.is_empty() {
            return Err(EmailError::EmptyLocal);
        }
        if let Some(c) = local.chars().find(|c| !is_local_char(*c)) {
            return Err(EmailError::BadLocalChar(c));
        }
        if domain.is_empty() {
            return Err(EmailError::EmptyDomain);
        }
        for label in domain.split('.') {
            check_label(label)?;
        }
        Ok(Self(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Lower-cased form, used to find accounts that share the address.
    pub fn normalised(&self) -> String {
        self.0.to_lowercase()
    }
}

/// atext of RFC 5322 plus the dot, as the HTML standard allows.
fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)
}

fn check_label(label: &str) -> Result<(), EmailError> {
    if label.is_empty() {
        return Err(EmailError::BadDomain("пустая часть между точками"));
    }
    if label.len() > 63 {
        return Err(EmailError::BadDomain("часть домена длиннее 63 символов"));
    }
    if !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(EmailError::BadDomain("допустимы латинские буквы, цифры, дефис и точка"));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(EmailError::BadDomain("часть домена не может начинаться или кончаться дефисом"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_addresses() {
        for ok in [
            "ivanov@example.ru",
            "i.ivanov+izkt@mail.example.com",
            "a@b",
            "o'brien@example.org",
            "x@xn--80ak6aa92e.com",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(Email::parse("  a@b.ru ").map(|e| e.as_str().to_string()), Ok("a@b.ru".into()));
    }

    #[test]
    fn refuses_invalid_addresses() {
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
        assert_eq!(Email::parse("ivanov.example.ru"), Err(EmailError::NoAt));
        assert_eq!(Email::parse("a@b@c"), Err(EmailError::SeveralAt));
        assert_eq!(Email::parse("@b.ru"), Err(EmailError::EmptyLocal));
        assert_eq!(Email::parse("a@"), Err(EmailError::EmptyDomain));
        assert_eq!(Email::parse("iv anov@b.ru"), Err(EmailError::Space));
        assert_eq!(Email::parse("ivanov@пример.рф"), Err(EmailError::Cyrillic('п')));
        assert_eq!(Email::parse("ivanоv@b.ru"), Err(EmailError::Cyrillic('о')));
        assert!(matches!(Email::parse("a@b..ru"), Err(EmailError::BadDomain(_))));
        assert!(matches!(Email::parse("a@-b.ru"), Err(EmailError::BadDomain(_))));
        assert!(matches!(Email::parse("a(b)@c.ru"), Err(EmailError::BadLocalChar('('))));
        let long = format!("{}@example.ru", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }
}
