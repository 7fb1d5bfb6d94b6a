//! Small helpers shared by the text rules.

/// Number of user-perceived characters (Unicode scalar values; combining
/// marks are rare in names and addresses and are counted as typed).
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Is this a Cyrillic letter (Russian and the other Cyrillic alphabets)?
pub fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}') && c.is_alphabetic()
}

/// Is this a Latin letter (ASCII and Latin-1 / Latin Extended-A/B letters)?
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (matches!(c, '\u{00C0}'..='\u{024F}') && c.is_alphabetic() && c != '×' && c != '÷')
}

/// Characters that never belong in a single-line text field: control
/// characters, line breaks, and invisible format characters.
pub fn is_forbidden_in_text(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Trims the value and refuses control and invisible characters; shared by
/// the free-text rules (issuer, position, organisation names, address).
pub fn free_text(raw: &str, min: usize, max: usize) -> Result<String, FreeTextError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(FreeTextError::Empty);
    }
    if let Some(c) = value.chars().find(|c| is_forbidden_in_text(*c)) {
        return Err(FreeTextError::Forbidden(c.escape_unicode().to_string()));
    }
    let n = char_count(value);
    if n < min {
        return Err(FreeTextError::TooShort(min));
    }
    if n > max {
        return Err(FreeTextError::TooLong(max));
    }
    if !value.chars().any(char::is_alphabetic) {
        return Err(FreeTextError::NoLetters);
    }
    Ok(value.to_string())
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FreeTextError {
    #[error("Заполните поле")]
    Empty,
    #[error("Не менее {0} символов")]
    TooShort(usize),
    #[error("Не более {0} символов")]
    TooLong(usize),
    #[error("Недопустимый невидимый или управляющий символ ({0})")]
    Forbidden(String),
    #[error("Должно содержать буквы")]
    NoLetters,
}

/// Russian plural form: 1 символ, 2 символа, 5 символов.
pub fn plural<'a>(n: usize, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n100 = n % 100;
    let n10 = n % 10;
    if (11..=14).contains(&n100) {
        many
    } else if n10 == 1 {
        one
    } else if (2..=4).contains(&n10) {
        few
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_trims_and_counts_characters_not_bytes() {
        assert_eq!(free_text("  ГУ МВД  ", 5, 10), Ok("ГУ МВД".into()));
        assert_eq!(free_text("ёёёёё", 5, 5), Ok("ёёёёё".into()));
        assert_eq!(free_text("ёёёёёё", 5, 5), Err(FreeTextError::TooLong(5)));
    }

    #[test]
    fn free_text_refuses_empty_invisible_and_letterless() {
        assert_eq!(free_text("   ", 1, 5), Err(FreeTextError::Empty));
        assert!(matches!(free_text("аб\u{200B}вгд", 1, 50), Err(FreeTextError::Forbidden(_))));
        assert!(matches!(free_text("абв\nгде", 1, 50), Err(FreeTextError::Forbidden(_))));
        assert_eq!(free_text("12345", 1, 50), Err(FreeTextError::NoLetters));
    }

    #[test]
    fn plural_forms() {
        assert_eq!(plural(1, "символ", "символа", "символов"), "символ");
        assert_eq!(plural(3, "символ", "символа", "символов"), "символа");
        assert_eq!(plural(12, "символ", "символа", "символов"), "символов");
        assert_eq!(plural(21, "символ", "символа", "символов"), "символ");
    }

    #[test]
    fn scripts() {
        assert!(is_cyrillic_letter('ё'));
        assert!(is_cyrillic_letter('Ё'));
        assert!(!is_cyrillic_letter('o'));
        assert!(is_latin_letter('o'));
        assert!(is_latin_letter('é'));
        assert!(!is_latin_letter('о'));
    }
}
