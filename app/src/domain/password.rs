//! «Пароль» and «Повтор пароля».
//!
//! Rules that need only the typed values (length, not containing the login,
//! both entries equal) run everywhere. The rules that need large data — the
//! bundled list of common passwords and the zxcvbn strength dictionaries — run
//! on the server only (`ssr`), so the WASM bundle stays small; the browser asks
//! a debounced server function for them. The rule that a password differs from
//! the other accounts of the same person needs their hashes and lives with the
//! account repository.

use serde::{Deserialize, Serialize};

use super::text::char_count;

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;
/// Minimal zxcvbn score (0–4).
pub const PASSWORD_MIN_SCORE: u8 = 3;

/// A password that met every rule. Never logged, never serialised back to a
/// browser.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Введите пароль")]
    Empty,
    #[error("Пароль — не менее 12 символов")]
    TooShort,
    #[error("Пароль — не более 128 символов")]
    TooLong,
    #[error("Пароль не должен содержать логин")]
    ContainsLogin,
    #[error("Этот пароль есть в списке распространённых паролей")]
    Common,
    #[error("Пароль слишком простой: добавьте слова, цифры или знаки")]
    Weak,
    #[error("Пароли не совпадают")]
    Mismatch,
    #[error("Пароль совпадает с паролем другой учётной записи этого сотрудника")]
    SameAsOtherAccount,
}

/// The live checklist shown under the password fields. `None` means "not
/// known yet" (the server has not answered).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChecklist {
    pub length: bool,
    pub no_login: bool,
    pub matches: bool,
    pub not_common: Option<bool>,
    /// zxcvbn score 0–4.
    pub score: Option<u8>,
}

impl PasswordChecklist {
    /// The rules that need only the typed values.
    pub fn local(password: &str, repeat: &str, login: &str) -> Self {
        let n = char_count(password);
        Self {
            length: (PASSWORD_MIN..=PASSWORD_MAX).contains(&n),
            no_login: !contains_login(password, login),
            matches: !password.is_empty() && password == repeat,
            not_common: None,
            score: None,
        }
    }

    pub fn strong(&self) -> Option<bool> {
        self.score.map(|s| s >= PASSWORD_MIN_SCORE)
    }

    /// Every rule met (the server-side ones included).
    pub fn all_met(&self) -> bool {
        self.length && self.no_login && self.matches && self.not_common == Some(true) && self.strong() == Some(true)
    }
}

fn contains_login(password: &str, login: &str) -> bool {
    let login = login.trim();
    !login.is_empty() && password.to_lowercase().contains(&login.to_lowercase())
}

impl Password {
    /// The rules on the first entry alone that need no server data.
    pub fn check_local(raw: &str, login: &str) -> Result<(), PasswordError> {
        if raw.is_empty() {
            return Err(PasswordError::Empty);
        }
        let n = char_count(raw);
        if n < PASSWORD_MIN {
            return Err(PasswordError::TooShort);
        }
        if n > PASSWORD_MAX {
            return Err(PasswordError::TooLong);
        }
        if contains_login(raw, login) {
            return Err(PasswordError::ContainsLogin);
        }
        Ok(())
    }

    /// The second entry: equal to the first.
    pub fn check_repeat(raw: &str, repeat: &str) -> Result<(), PasswordError> {
        if repeat.is_empty() {
            return Err(PasswordError::Empty);
        }
        if raw != repeat {
            return Err(PasswordError::Mismatch);
        }
        Ok(())
    }

    /// Every rule but the one about the person's other accounts. Passwords are
    /// taken as typed: spaces are characters like any other.
    #[cfg(feature = "ssr")]
    pub fn parse(raw: &str, repeat: &str, login: &str, user_inputs: &[&str]) -> Result<Self, PasswordError> {
        Self::check_local(raw, login)?;
        let report = strength::check(raw, login, user_inputs);
        if report.not_common == Some(false) {
            return Err(PasswordError::Common);
        }
        if report.strong() != Some(true) {
            return Err(PasswordError::Weak);
        }
        Self::check_repeat(raw, repeat)?;
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(feature = "ssr")]
pub mod strength {
    //! The server-only half of the password rules.

    use std::collections::HashSet;
    use std::sync::LazyLock;

    use super::{PasswordChecklist, char_count};

    static COMMON: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| include_str!("../../data/common-passwords.txt").lines().collect());

    /// Size of the bundled list (the spec asks for at least 10 000).
    pub fn common_list_len() -> usize {
        COMMON.len()
    }

    pub fn is_common(password: &str) -> bool {
        COMMON.contains(password) || COMMON.contains(password.to_lowercase().as_str())
    }

    /// zxcvbn looks at no more than this many characters: its matching is
    /// quadratic, and a longer password is strong by length alone.
    const SCORE_PREFIX: usize = 64;

    pub fn score(password: &str, user_inputs: &[&str]) -> u8 {
        if password.is_empty() {
            return 0;
        }
        let prefix: String = password.chars().take(SCORE_PREFIX).collect();
        let inputs: Vec<&str> = user_inputs.iter().copied().filter(|s| !s.trim().is_empty()).collect();
        zxcvbn::zxcvbn(&prefix, &inputs).score() as u8
    }

    /// The full checklist for the first entry (the equality of the two
    /// entries is the browser's business and is checked again on save).
    pub fn check(password: &str, login: &str, user_inputs: &[&str]) -> PasswordChecklist {
        let mut inputs = user_inputs.to_vec();
        inputs.push(login);
        let mut report = PasswordChecklist::local(password, password, login);
        report.not_common = Some(!is_common(password));
        report.score = Some(if char_count(password) == 0 { 0 } else { score(password, &inputs) });
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_rules() {
        assert_eq!(Password::check_local("", "ivanov"), Err(PasswordError::Empty));
        assert_eq!(Password::check_local("короткий1", "ivanov"), Err(PasswordError::TooShort));
        assert_eq!(Password::check_local(&"ё".repeat(129), "ivanov"), Err(PasswordError::TooLong));
        assert_eq!(Password::check_local(&"ё".repeat(128), "ivanov"), Ok(()));
        // 12 characters of Cyrillic are 24 bytes: characters are counted.
        assert_eq!(Password::check_local("ёёёёёёёёёёёё", "ivanov"), Ok(()));
        assert_eq!(Password::check_local("Мой-IVANOV-пароль", "ivanov"), Err(PasswordError::ContainsLogin));
    }

    #[test]
    fn repeat_must_match() {
        assert_eq!(Password::check_repeat("абвгдеёжзийк", ""), Err(PasswordError::Empty));
        assert_eq!(Password::check_repeat("абвгдеёжзийк", "абвгдеёжзийк "), Err(PasswordError::Mismatch));
        assert_eq!(Password::check_repeat("абвгдеёжзийк", "абвгдеёжзийк"), Ok(()));
    }

    #[test]
    fn checklist_reports_each_rule() {
        let c = PasswordChecklist::local("Снег-идёт-2024!", "Снег-идёт-2024!", "ivanov");
        assert!(c.length && c.no_login && c.matches);
        assert_eq!(c.not_common, None);
        assert!(!c.all_met());
        let c = PasswordChecklist::local("", "", "ivanov");
        assert!(!c.length && !c.matches);
    }

    #[test]
    fn debug_does_not_show_the_password() {
        let p = Password("секретный пароль".into());
        assert_eq!(format!("{p:?}"), "Password(***)");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn server_rules() {
        assert!(strength::common_list_len() >= 10_000);
        assert!(strength::is_common("password123"));
        assert!(strength::is_common("Qwertyuiop"));
        assert_eq!(Password::parse("qwertyuiop123", "qwertyuiop123", "ivanov", &[]), Err(PasswordError::Common));
        assert_eq!(Password::parse("aaaaaaaaaaaa", "aaaaaaaaaaaa", "ivanov", &[]), Err(PasswordError::Weak));
        assert!(Password::parse("Снег-идёт-над-Волгой-7", "Снег-идёт-над-Волгой-7", "ivanov", &[]).is_ok());
        assert_eq!(
            Password::parse("Снег-идёт-над-Волгой-7", "Снег-идёт-над-Волгой-8", "ivanov", &[]),
            Err(PasswordError::Mismatch)
        );
        // A repeated pattern is weak however long; a long varied phrase is
        // strong; neither takes long or panics at the length limit.
        assert!(strength::score(&"Ёж-".repeat(42), &["ivanov"]) < 3);
        let phrase =
            "Ёжик в тумане идёт к медвежонку считать звёзды над рекой, а филин ухает из оврага: 1979 год, Норштейн";
        assert!(strength::score(phrase, &["ivanov"]) >= 3);
    }
}
