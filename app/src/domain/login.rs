//! «Логин»: 3–32 Latin letters, digits, `.`, `_`, `-`, starting with a letter;
//! unique in the whole system case-insensitively (the uniqueness is checked by
//! the database on the normalised form).

use serde::{Deserialize, Serialize};

use super::text::is_cyrillic_letter;

pub const LOGIN_MIN: usize = 3;
pub const LOGIN_MAX: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Login(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
    #[error("Введите логин")]
    Empty,
    #[error("Логин — не менее 3 символов")]
    TooShort,
    #[error("Логин — не более 32 символов")]
    TooLong,
    #[error("Буква «{0}» — кириллическая: логин набирается латинскими буквами")]
    Cyrillic(char),
    #[error("Пробелы в логине не допускаются")]
    Space,
    #[error("Недопустимый символ «{0}»: можно латинские буквы, цифры, точку, подчёркивание и дефис")]
    BadChar(char),
    #[error("Логин должен начинаться с латинской буквы")]
    MustStartWithLetter,
    #[error("Логин занят")]
    Taken,
}

impl Login {
    pub fn parse(raw: &str) -> Result<Self, LoginError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(LoginError::Empty);
        }
        for c in value.chars() {
            if is_cyrillic_letter(c) {
                return Err(LoginError::Cyrillic(c));
            }
            if c.is_whitespace() {
                return Err(LoginError::Space);
            }
            if !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
                return Err(LoginError::BadChar(c));
            }
        }
        if !value.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Err(LoginError::MustStartWithLetter);
        }
        // Only ASCII is left, so bytes are characters.
        if value.len() < LOGIN_MIN {
            return Err(LoginError::TooShort);
        }
        if value.len() > LOGIN_MAX {
            return Err(LoginError::TooLong);
        }
        Ok(Self(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form the uniqueness index works on: logins differ only when they
    /// differ case-insensitively.
    pub fn normalised(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl AsRef<str> for Login {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_logins() {
        for ok in ["ivanov", "i.ivanov", "Petrov_2", "a-b", "abc", "x".repeat(32).as_str()] {
            assert!(Login::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn trims_surrounding_spaces_and_normalises_case() {
        let login = Login::parse("  I.Ivanov ").expect("valid");
        assert_eq!(login.as_str(), "I.Ivanov");
        assert_eq!(login.normalised(), "i.ivanov");
    }

    #[test]
    fn refuses_bad_logins_with_reasons() {
        assert_eq!(Login::parse(""), Err(LoginError::Empty));
        assert_eq!(Login::parse("   "), Err(LoginError::Empty));
        assert_eq!(Login::parse("ab"), Err(LoginError::TooShort));
        assert_eq!(Login::parse(&"a".repeat(33)), Err(LoginError::TooLong));
        assert_eq!(Login::parse("1abc"), Err(LoginError::MustStartWithLetter));
        assert_eq!(Login::parse(".abc"), Err(LoginError::MustStartWithLetter));
        assert_eq!(Login::parse("iv anov"), Err(LoginError::Space));
        assert_eq!(Login::parse("ivan@ov"), Err(LoginError::BadChar('@')));
        assert_eq!(Login::parse("ivanöv"), Err(LoginError::BadChar('ö')));
    }

    #[test]
    fn cyrillic_look_alikes_are_named() {
        // Cyrillic «о» and «а» look like Latin o and a.
        assert_eq!(Login::parse("ivanоv"), Err(LoginError::Cyrillic('о')));
        assert_eq!(Login::parse("иванов"), Err(LoginError::Cyrillic('и')));
        assert_eq!(Login::parse("ёжик"), Err(LoginError::Cyrillic('ё')));
    }
}
