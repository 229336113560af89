//! Phone numbers and messenger handles as recruiters give them out, in one
//! comparable form, so that a worker can check the number that called them.

/// What a phone number may be as typed: digits with the separators people
/// write (space, `(`, `)`, `-`, `.`, `/`); either international (`+` or
/// `00`, then 8 to 15 digits), or Uzbek without the country code (9 digits,
/// the first not 0) or with it but without the `+` (`998` and 9 digits).
/// The OpenAPI document states it as written here; the check is the same
/// expression.
pub const PHONE_PATTERN: &str = concat!(
    r"^[ ]*(?:",
    r"(?:\+|00)[ ().\-/]*(?:[0-9][ ().\-/]*){8,15}",
    r"|[ ().\-/]*[1-9][ ().\-/]*(?:[0-9][ ().\-/]*){8}",
    r"|[ ().\-/]*9[ ().\-/]*9[ ().\-/]*8[ ().\-/]*(?:[0-9][ ().\-/]*){9}",
    r")$"
);

static PHONE: std::sync::LazyLock<Option<regex::Regex>> =
    std::sync::LazyLock::new(|| regex::Regex::new(PHONE_PATTERN).ok());

/// A phone number in E.164 form (`+998901234567`), if `input` is one as
/// [`PHONE_PATTERN`] says. Uzbek numbers are recognised with or without the
/// country code (`90 123 45 67`, `998901234567`, `+998 (90) 123-45-67`);
/// other numbers need their `+`.
pub fn normalise_phone(input: &str) -> Option<String> {
    if !PHONE.as_ref().is_some_and(|re| re.is_match(input)) {
        return None;
    }
    let trimmed = input.trim();
    let international = trimmed.starts_with('+') || trimmed.starts_with("00");
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix("00")
        .filter(|_| trimmed.starts_with("00"))
        .unwrap_or(&digits);
    let e164 = match digits.len() {
        9 if !international => format!("+998{digits}"),
        12 if digits.starts_with("998") => format!("+{digits}"),
        8..=15 if international => format!("+{digits}"),
        _ => return None,
    };
    Some(e164)
}

/// What a handle may be as given: a name of letters, digits, `_`, `.` and
/// `-` (Latin: messengers allow no other), with an optional `@` or link
/// before it. The OpenAPI document states it as written here; the check is
/// the same expression.
pub const HANDLE_PATTERN: &str = r"^\s*(?:https?://(?:[^/\s]+/)+)?@?[A-Za-z0-9_.\-]{1,100}/?\s*$";

static HANDLE: std::sync::LazyLock<Option<regex::Regex>> =
    std::sync::LazyLock::new(|| regex::Regex::new(HANDLE_PATTERN).ok());

/// A messenger or social-media handle: lower case, without `@` or a link
/// prefix (`https://t.me/Ishchi_Kerak` and `@ishchi_kerak` are the same).
pub fn normalise_handle(input: &str) -> Option<String> {
    if !HANDLE.as_ref().is_some_and(|re| re.is_match(input)) {
        return None;
    }
    let trimmed = input.trim();
    let without_link = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .map(|rest| rest.rsplit('/').find(|part| !part.is_empty()).unwrap_or(rest))
        .unwrap_or(trimmed);
    let handle = without_link.trim_start_matches('@').to_lowercase();
    let valid = !handle.is_empty()
        && handle.chars().count() <= 100
        && handle
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'));
    valid.then_some(handle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uzbek_numbers_in_any_formatting_meet() {
        for typed in [
            "+998 90 123-45-67",
            "998901234567",
            "90 123 45 67",
            "+998 (90) 123 45 67",
            "00998901234567",
        ] {
            assert_eq!(normalise_phone(typed).as_deref(), Some("+998901234567"), "{typed}");
        }
    }

    #[test]
    fn foreign_numbers_need_their_plus() {
        assert_eq!(normalise_phone("+7 (912) 345-67-89").as_deref(), Some("+79123456789"));
        assert_eq!(normalise_phone("79123456789"), None);
        assert_eq!(normalise_phone("123"), None);
        assert_eq!(normalise_phone("call me"), None);
        assert_eq!(normalise_phone("call me on 901234567"), None);
        assert_eq!(normalise_phone("+998 90 123 45 67 ext. 5"), None);
    }

    #[test]
    fn the_pattern_is_the_check() {
        let pattern = regex::Regex::new(PHONE_PATTERN).unwrap();
        for typed in [
            "+998 90 123-45-67",
            "998901234567",
            "90 123 45 67",
            "(90) 123 45 67",
            "00998901234567",
            "+7 (912) 345-67-89",
            "79123456789",
            "123",
            "001234567",
            "+1234567",
            "+12345678",
            "0901234567",
            "901234567",
            "99890123456",
            "9989012345678",
            "+1234567890123456",
            " 90/123.45.67 ",
        ] {
            assert_eq!(pattern.is_match(typed), normalise_phone(typed).is_some(), "{typed}");
        }
    }

    #[test]
    fn handles_fold_case_at_signs_and_links() {
        for typed in [
            "@Ishchi_Kerak",
            "ishchi_kerak",
            "https://t.me/Ishchi_Kerak",
            " @ISHCHI_KERAK ",
        ] {
            assert_eq!(normalise_handle(typed).as_deref(), Some("ishchi_kerak"), "{typed}");
        }
        assert_eq!(normalise_handle("@"), None);
        assert_eq!(normalise_handle("a b"), None);
    }
}
