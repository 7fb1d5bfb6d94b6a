//! Organisation data of the connection questionnaire: names, ИНН (10 digits,
//! checksum), КПП (9), ОГРН (13, checksum), address, time zone.

use serde::{Deserialize, Serialize};

use super::text::{FreeTextError, free_text};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberCodeError {
    #[error("Заполните поле")]
    Empty,
    #[error("Только цифры")]
    NotDigits,
    #[error("Нужно {expected} цифр (введено {got})")]
    WrongLength { expected: usize, got: usize },
    #[error("Неверное контрольное число: проверьте цифры")]
    Checksum,
    #[error("Неверный формат КПП: 4 цифры, 2 цифры или латинские заглавные буквы, 3 цифры")]
    KppFormat,
}

fn digits_of(raw: &str, expected: usize) -> Result<Vec<u32>, NumberCodeError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(NumberCodeError::Empty);
    }
    if !value.chars().all(|c| c.is_ascii_digit()) {
        return Err(NumberCodeError::NotDigits);
    }
    if value.len() != expected {
        return Err(NumberCodeError::WrongLength { expected, got: value.chars().count() });
    }
    Ok(value.chars().filter_map(|c| c.to_digit(10)).collect())
}

/// ИНН of an organisation (юридическое лицо): 10 digits, the last a checksum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inn(String);

impl Inn {
    pub fn parse(raw: &str) -> Result<Self, NumberCodeError> {
        let d = digits_of(raw, 10)?;
        const W: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        let sum: u32 = W.iter().zip(&d).map(|(w, x)| w * x).sum();
        if d.get(9) != Some(&(sum % 11 % 10)) {
            return Err(NumberCodeError::Checksum);
        }
        Ok(Self(raw.trim().to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// КПП: 9 characters, the 5th and 6th may be capital Latin letters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kpp(String);

impl Kpp {
    pub fn parse(raw: &str) -> Result<Self, NumberCodeError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(NumberCodeError::Empty);
        }
        let chars: Vec<char> = value.chars().collect();
        if chars.len() != 9 {
            return Err(NumberCodeError::WrongLength { expected: 9, got: chars.len() });
        }
        let ok = chars.iter().enumerate().all(|(i, c)| match i {
            4 | 5 => c.is_ascii_digit() || c.is_ascii_uppercase(),
            _ => c.is_ascii_digit(),
        });
        if !ok {
            return Err(NumberCodeError::KppFormat);
        }
        Ok(Self(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// ОГРН: 13 digits; the last is (the first twelve as a number mod 11) mod 10.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ogrn(String);

impl Ogrn {
    pub fn parse(raw: &str) -> Result<Self, NumberCodeError> {
        let d = digits_of(raw, 13)?;
        let number = d.iter().take(12).fold(0u64, |acc, x| acc * 10 + u64::from(*x));
        if d.get(12).map(|x| u64::from(*x)) != Some(number % 11 % 10) {
            return Err(NumberCodeError::Checksum);
        }
        Ok(Self(raw.trim().to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgName(String);

impl OrgName {
    pub fn parse_full(raw: &str) -> Result<Self, FreeTextError> {
        free_text(raw, 3, 500).map(Self)
    }

    pub fn parse_short(raw: &str) -> Result<Self, FreeTextError> {
        free_text(raw, 2, 200).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address(String);

impl Address {
    pub fn parse(raw: &str) -> Result<Self, FreeTextError> {
        free_text(raw, 10, 500).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Russian time zones (IANA names) with their UTC offsets in hours; Russia
/// has kept no daylight saving time since 2014.
pub const TIME_ZONES: &[(&str, &str, i32)] = &[
    ("Europe/Kaliningrad", "Калининград (МСК−1)", 2),
    ("Europe/Moscow", "Москва (МСК)", 3),
    ("Europe/Volgograd", "Волгоград (МСК)", 3),
    ("Europe/Kirov", "Киров (МСК)", 3),
    ("Europe/Simferopol", "Симферополь (МСК)", 3),
    ("Europe/Samara", "Самара (МСК+1)", 4),
    ("Europe/Astrakhan", "Астрахань (МСК+1)", 4),
    ("Europe/Saratov", "Саратов (МСК+1)", 4),
    ("Europe/Ulyanovsk", "Ульяновск (МСК+1)", 4),
    ("Asia/Yekaterinburg", "Екатеринбург (МСК+2)", 5),
    ("Asia/Omsk", "Омск (МСК+3)", 6),
    ("Asia/Novosibirsk", "Новосибирск (МСК+4)", 7),
    ("Asia/Barnaul", "Барнаул (МСК+4)", 7),
    ("Asia/Tomsk", "Томск (МСК+4)", 7),
    ("Asia/Novokuznetsk", "Новокузнецк (МСК+4)", 7),
    ("Asia/Krasnoyarsk", "Красноярск (МСК+4)", 7),
    ("Asia/Irkutsk", "Иркутск (МСК+5)", 8),
    ("Asia/Chita", "Чита (МСК+6)", 9),
    ("Asia/Yakutsk", "Якутск (МСК+6)", 9),
    ("Asia/Vladivostok", "Владивосток (МСК+7)", 10),
    ("Asia/Sakhalin", "Сахалин (МСК+8)", 11),
    ("Asia/Magadan", "Магадан (МСК+8)", 11),
    ("Asia/Srednekolymsk", "Среднеколымск (МСК+8)", 11),
    ("Asia/Kamchatka", "Камчатка (МСК+9)", 12),
    ("Asia/Anadyr", "Анадырь (МСК+9)", 12),
];

pub const DEFAULT_TIME_ZONE: &str = "Europe/Moscow";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeZone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Выберите часовой пояс из списка (например, Europe/Moscow)")]
pub struct TimeZoneError;

impl TimeZone {
    pub fn parse(raw: &str) -> Result<Self, TimeZoneError> {
        let value = raw.trim();
        let value = if value.is_empty() { DEFAULT_TIME_ZONE } else { value };
        TIME_ZONES
            .iter()
            .find(|(name, _, _)| *name == value)
            .map(|(name, _, _)| Self((*name).to_string()))
            .ok_or(TimeZoneError)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn utc_offset_hours(&self) -> i32 {
        offset_hours(&self.0)
    }
}

/// UTC offset of a zone name; Moscow's for an unknown name.
pub fn offset_hours(zone: &str) -> i32 {
    TIME_ZONES.iter().find(|(n, _, _)| *n == zone).map(|(_, _, h)| *h).unwrap_or(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inn_checksum() {
        // ИНН of ПАО Сбербанк and of the Federal Tax Service.
        assert!(Inn::parse("7707083893").is_ok());
        assert!(Inn::parse("7707329152").is_ok());
        assert_eq!(Inn::parse("7707083894"), Err(NumberCodeError::Checksum));
        assert_eq!(Inn::parse("770708389"), Err(NumberCodeError::WrongLength { expected: 10, got: 9 }));
        assert_eq!(Inn::parse("77070838930"), Err(NumberCodeError::WrongLength { expected: 10, got: 11 }));
        assert_eq!(Inn::parse("77070838a3"), Err(NumberCodeError::NotDigits));
        assert_eq!(Inn::parse(""), Err(NumberCodeError::Empty));
    }

    #[test]
    fn ogrn_checksum() {
        assert!(Ogrn::parse("1027700132195").is_ok());
        assert!(Ogrn::parse("1047707030513").is_ok());
        assert_eq!(Ogrn::parse("1027700132196"), Err(NumberCodeError::Checksum));
        assert_eq!(Ogrn::parse("102770013219"), Err(NumberCodeError::WrongLength { expected: 13, got: 12 }));
    }

    #[test]
    fn kpp_format() {
        assert!(Kpp::parse("773601001").is_ok());
        assert!(Kpp::parse("7736AB001").is_ok());
        assert_eq!(Kpp::parse("7736ab001"), Err(NumberCodeError::KppFormat));
        assert_eq!(Kpp::parse("77360100"), Err(NumberCodeError::WrongLength { expected: 9, got: 8 }));
        assert_eq!(Kpp::parse("A73601001"), Err(NumberCodeError::KppFormat));
    }

    #[test]
    fn time_zone() {
        assert_eq!(TimeZone::parse("").map(|t| t.utc_offset_hours()), Ok(3));
        assert_eq!(TimeZone::parse("Asia/Yekaterinburg").map(|t| t.utc_offset_hours()), Ok(5));
        assert_eq!(TimeZone::parse("Mars/Olympus"), Err(TimeZoneError));
    }
}
