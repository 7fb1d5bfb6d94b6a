//! «Должность»: required, 2–100 characters.

use serde::{Deserialize, Serialize};

use super::text::{FreeTextError, free_text};

pub const POSITION_MIN: usize = 2;
pub const POSITION_MAX: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position(String);

impl Position {
    pub fn parse(raw: &str) -> Result<Self, FreeTextError> {
        free_text(raw, POSITION_MIN, POSITION_MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_rules() {
        assert!(Position::parse("Оператор").is_ok());
        assert!(Position::parse("ИТ").is_ok());
        assert_eq!(Position::parse("Я"), Err(FreeTextError::TooShort(2)));
        assert_eq!(Position::parse(" "), Err(FreeTextError::Empty));
        assert_eq!(Position::parse(&"ё".repeat(101)), Err(FreeTextError::TooLong(100)));
        assert!(Position::parse(&"ё".repeat(100)).is_ok());
    }
}
