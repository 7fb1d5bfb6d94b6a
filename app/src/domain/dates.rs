//! Dates as Russian offices write them: ДД.ММ.ГГГГ.
//!
//! «Дата рождения»: a real calendar date, age 18 to 100 today.
//! Date of issue of the identity document: not before the 14th birthday, not
//! in the future.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MIN_AGE: i32 = 18;
pub const MAX_AGE: i32 = 100;
/// The Russian passport is issued from the age of 14.
pub const DOCUMENT_AGE: i32 = 14;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("Введите дату")]
    Empty,
    #[error("Дата — в виде ДД.ММ.ГГГГ, например 10.11.1980")]
    Format,
    #[error("Такой даты нет в календаре")]
    NoSuchDate,
}

/// Parses ДД.ММ.ГГГГ strictly (two digits, dot, two digits, dot, four digits).
pub fn parse_date(raw: &str) -> Result<NaiveDate, DateError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(DateError::Empty);
    }
    let parts: Vec<&str> = value.split('.').collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(DateError::Format);
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(d, 2) && digits(m, 2) && digits(y, 4)) {
        return Err(DateError::Format);
    }
    let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>()) else {
        return Err(DateError::Format);
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::NoSuchDate)
}

pub fn format_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Full years between `birth` and `today`. A person born on 29 February
/// becomes a year older on 28 February of a common year (the last day of the
/// month, as the Civil Code counts terms).
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut years = today.year() - birth.year();
    let birthday_this_year = anniversary(birth, today.year());
    if today < birthday_this_year {
        years -= 1;
    }
    years
}

/// The date `birth` + whole years, in `year`.
fn anniversary(birth: NaiveDate, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, birth.month(), birth.day() - 1))
        .unwrap_or(birth)
}

/// The day a person born on `birth` reaches `age` years.
pub fn birthday_at(birth: NaiveDate, age: i32) -> NaiveDate {
    anniversary(birth, birth.year() + age)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BirthDate(NaiveDate);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BirthDateError {
    #[error(transparent)]
    Date(#[from] DateError),
    #[error("Дата рождения ещё не наступила")]
    InFuture,
    #[error("Пользователю должно быть не меньше 18 лет")]
    TooYoung,
    #[error("Возраст больше 100 лет: проверьте год")]
    TooOld,
}

impl BirthDate {
    pub fn parse(raw: &str, today: NaiveDate) -> Result<Self, BirthDateError> {
        let date = parse_date(raw)?;
        if date > today {
            return Err(BirthDateError::InFuture);
        }
        let age = age_on(date, today);
        if age < MIN_AGE {
            return Err(BirthDateError::TooYoung);
        }
        if age > MAX_AGE {
            return Err(BirthDateError::TooOld);
        }
        Ok(Self(date))
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueDate(NaiveDate);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IssueDateError {
    #[error(transparent)]
    Date(#[from] DateError),
    #[error("Дата выдачи ещё не наступила")]
    InFuture,
    #[error("Документ не может быть выдан раньше 14-летия ({0})")]
    BeforeFourteen(String),
}

impl IssueDate {
    /// `birth` is the already checked birth date, when there is one.
    pub fn parse(raw: &str, birth: Option<NaiveDate>, today: NaiveDate) -> Result<Self, IssueDateError> {
        let date = parse_date(raw)?;
        if date > today {
            return Err(IssueDateError::InFuture);
        }
        if let Some(birth) = birth {
            let fourteen = birthday_at(birth, DOCUMENT_AGE);
            if date < fourteen {
                return Err(IssueDateError::BeforeFourteen(format_date(fourteen)));
            }
        }
        Ok(Self(date))
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

/// The input mask of a date field: keeps digits, inserts the dots.
pub fn mask_date(raw: &str) -> String {
    let digits: String = raw.chars().filter(char::is_ascii_digit).take(8).collect();
    let mut out = String::with_capacity(10);
    for (i, c) in digits.chars().enumerate() {
        if i == 2 || i == 4 {
            out.push('.');
        }
        out.push(c);
    }
    if raw.ends_with('.') && matches!(digits.len(), 2 | 4) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    #[test]
    fn parses_only_the_russian_format() {
        assert_eq!(parse_date("10.11.1980"), Ok(d(1980, 11, 10)));
        assert_eq!(parse_date(" 10.11.1980 "), Ok(d(1980, 11, 10)));
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert_eq!(parse_date("1980-11-10"), Err(DateError::Format));
        assert_eq!(parse_date("10.11.80"), Err(DateError::Format));
        assert_eq!(parse_date("1.11.1980"), Err(DateError::Format));
        assert_eq!(parse_date("10.11.1980."), Err(DateError::Format));
        assert_eq!(parse_date("１０.11.1980"), Err(DateError::Format));
        assert_eq!(parse_date("31.04.1980"), Err(DateError::NoSuchDate));
        assert_eq!(parse_date("00.01.1980"), Err(DateError::NoSuchDate));
        assert_eq!(parse_date("01.13.1980"), Err(DateError::NoSuchDate));
    }

    #[test]
    fn february_29_exists_only_in_leap_years() {
        assert_eq!(parse_date("29.02.2000"), Ok(d(2000, 2, 29)));
        assert_eq!(parse_date("29.02.1996"), Ok(d(1996, 2, 29)));
        assert_eq!(parse_date("29.02.1900"), Err(DateError::NoSuchDate));
        assert_eq!(parse_date("29.02.2001"), Err(DateError::NoSuchDate));
    }

    #[test]
    fn age_boundaries() {
        let today = d(2026, 12, 3);
        assert_eq!(BirthDate::parse("03.12.2008", today).map(|b| b.date()), Ok(d(2008, 12, 3)));
        assert_eq!(BirthDate::parse("04.12.2008", today), Err(BirthDateError::TooYoung));
        assert_eq!(BirthDate::parse("04.12.1925", today).map(|b| b.date()), Ok(d(1925, 12, 4)));
        assert_eq!(BirthDate::parse("03.12.1925", today), Err(BirthDateError::TooOld));
        assert_eq!(BirthDate::parse("04.12.2026", today), Err(BirthDateError::InFuture));
        assert_eq!(BirthDate::parse("31.02.1980", today), Err(BirthDateError::Date(DateError::NoSuchDate)));
    }

    #[test]
    fn leap_day_birthdays() {
        let born = d(2008, 2, 29);
        // In a common year the birthday falls on 28 February.
        assert_eq!(age_on(born, d(2026, 2, 27)), 17);
        assert_eq!(age_on(born, d(2026, 2, 28)), 18);
        assert_eq!(age_on(born, d(2028, 2, 28)), 19);
        assert_eq!(age_on(born, d(2028, 2, 29)), 20);
        assert_eq!(BirthDate::parse("29.02.2008", d(2026, 2, 27)), Err(BirthDateError::TooYoung));
        assert!(BirthDate::parse("29.02.2008", d(2026, 2, 28)).is_ok());
    }

    #[test]
    fn issue_date_rules() {
        let today = d(2026, 12, 3);
        let birth = Some(d(1980, 11, 10));
        assert!(IssueDate::parse("10.11.1994", birth, today).is_ok());
        assert_eq!(
            IssueDate::parse("09.11.1994", birth, today),
            Err(IssueDateError::BeforeFourteen("10.11.1994".into()))
        );
        assert_eq!(IssueDate::parse("04.12.2026", birth, today), Err(IssueDateError::InFuture));
        assert!(IssueDate::parse("03.12.2026", birth, today).is_ok());
        // Without a valid birth date only the calendar and the future are checked.
        assert!(IssueDate::parse("01.01.1950", None, today).is_ok());
    }

    #[test]
    fn date_mask_inserts_dots() {
        assert_eq!(mask_date("10111980"), "10.11.1980");
        assert_eq!(mask_date("1011"), "10.11");
        assert_eq!(mask_date("10.11.19"), "10.11.19");
        assert_eq!(mask_date("101119801234"), "10.11.1980");
        assert_eq!(mask_date("ab"), "");
        assert_eq!(mask_date("10."), "10.");
        assert_eq!(mask_date("10.11."), "10.11.");
        assert_eq!(mask_date("1."), "1");
    }
}
