//! «Фамилия», «Имя», «Отчество»: 1–60 characters; letters and the separators
//! hyphen, apostrophe, space and dot; starts and ends with a letter; no two
//! separators in a row; one name never mixes Cyrillic and Latin letters.

use serde::{Deserialize, Serialize};

use super::text::{char_count, is_cyrillic_letter, is_latin_letter};

pub const NAME_MAX: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("Заполните поле")]
    Empty,
    #[error("Не более 60 символов")]
    TooLong,
    #[error("Недопустимый символ «{0}»: можно буквы, дефис, апостроф, пробел и точку")]
    BadChar(char),
    #[error("Должно начинаться с буквы")]
    MustStartWithLetter,
    #[error("Должно заканчиваться буквой")]
    MustEndWithLetter,
    #[error("Два разделителя подряд («{0}»)")]
    DoubleSeparator(String),
    #[error("Латинская буква «{0}» среди русских: проверьте раскладку клавиатуры")]
    LatinInCyrillic(char),
    #[error("Русская буква «{0}» среди латинских: проверьте раскладку клавиатуры")]
    CyrillicInLatin(char),
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | ' ' | '.')
}

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, PersonNameError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if let Some(c) = value.chars().find(|c| !(is_cyrillic_letter(*c) || is_latin_letter(*c) || is_separator(*c))) {
            return Err(PersonNameError::BadChar(c));
        }
        if char_count(value) > NAME_MAX {
            return Err(PersonNameError::TooLong);
        }
        if value.starts_with(is_separator) {
            return Err(PersonNameError::MustStartWithLetter);
        }
        if value.ends_with(is_separator) {
            return Err(PersonNameError::MustEndWithLetter);
        }
        let chars: Vec<char> = value.chars().collect();
        if let Some(pair) = chars.windows(2).find(|w| w.iter().all(|c| is_separator(*c))) {
            return Err(PersonNameError::DoubleSeparator(pair.iter().collect()));
        }
        check_single_script(&chars)?;
        Ok(Self(value.to_string()))
    }

    /// Optional name («Отчество»): empty means "the person has none".
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, PersonNameError> {
        if raw.trim().is_empty() { Ok(None) } else { Self::parse(raw).map(Some) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The script with more letters wins; the first letter of the other script
/// is the one named in the error (it is usually a look-alike typed in the
/// wrong keyboard layout).
fn check_single_script(chars: &[char]) -> Result<(), PersonNameError> {
    let cyrillic = chars.iter().filter(|c| is_cyrillic_letter(**c)).count();
    let latin = chars.iter().filter(|c| is_latin_letter(**c)).count();
    if cyrillic == 0 || latin == 0 {
        return Ok(());
    }
    if cyrillic >= latin {
        let c = chars.iter().copied().find(|c| is_latin_letter(*c)).unwrap_or('?');
        Err(PersonNameError::LatinInCyrillic(c))
    } else {
        let c = chars.iter().copied().find(|c| is_cyrillic_letter(*c)).unwrap_or('?');
        Err(PersonNameError::CyrillicInLatin(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        PersonName::parse(s).map(|n| n.as_str().to_string()).unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn accepts_real_names() {
        for name in [
            "Иванов",
            "Ёлкин",
            "Салтыков-Щедрин",
            "Римский-Корсаков",
            "Д'Артаньян",
            "О’Коннор",
            "Анна Мария",
            "Жан-Поль",
            "Smith",
            "O'Brien",
            "Ли",
            "Я",
            "Фёдор",
            "Оглы",
        ] {
            assert_eq!(ok(name), name);
        }
        assert_eq!(ok("  Иванов "), "Иванов");
    }

    #[test]
    fn refuses_with_reasons() {
        assert_eq!(PersonName::parse(""), Err(PersonNameError::Empty));
        assert_eq!(PersonName::parse("   "), Err(PersonNameError::Empty));
        assert_eq!(PersonName::parse(&"я".repeat(61)), Err(PersonNameError::TooLong));
        assert!(PersonName::parse(&"я".repeat(60)).is_ok());
        assert_eq!(PersonName::parse("Иванов2"), Err(PersonNameError::BadChar('2')));
        assert_eq!(PersonName::parse("-Иванов"), Err(PersonNameError::MustStartWithLetter));
        assert_eq!(PersonName::parse("Иванов-"), Err(PersonNameError::MustEndWithLetter));
        assert_eq!(PersonName::parse("Иван."), Err(PersonNameError::MustEndWithLetter));
        assert_eq!(PersonName::parse("Салтыков--Щедрин"), Err(PersonNameError::DoubleSeparator("--".into())));
        assert_eq!(PersonName::parse("Анна  Мария"), Err(PersonNameError::DoubleSeparator("  ".into())));
        assert_eq!(PersonName::parse("Иван\tов"), Err(PersonNameError::BadChar('\t')));
    }

    #[test]
    fn latin_look_alikes_in_cyrillic_names_have_their_own_message() {
        // Latin «o» (U+006F) inside «Иванов».
        assert_eq!(PersonName::parse("Ивaнов"), Err(PersonNameError::LatinInCyrillic('a')));
        assert_eq!(PersonName::parse("Ивано\u{0076}"), Err(PersonNameError::LatinInCyrillic('v')));
        assert_eq!(PersonName::parse("Petrоv"), Err(PersonNameError::CyrillicInLatin('о')));
        assert_eq!(PersonName::parse("Иванов-Smith"), Err(PersonNameError::LatinInCyrillic('S')));
    }

    #[test]
    fn optional_name() {
        assert_eq!(PersonName::parse_optional(""), Ok(None));
        assert_eq!(PersonName::parse_optional("  "), Ok(None));
        assert!(matches!(PersonName::parse_optional("Иванович"), Ok(Some(_))));
        assert!(PersonName::parse_optional("Иванович1").is_err());
    }
}
