//! Licence numbers as people type them, and as the registry stores them.
//!
//! A number is stored twice: its canonical spelling (`UZ-TK-0123`, upper-case
//! ASCII, single hyphens between groups), which every answer carries, and its
//! lookup key (`UZTK0123`, letters and digits only), which is unique and is what
//! a lookup compares. Any two spellings with the same key are the same licence.

/// Longest input accepted as a licence number, in characters.
pub const MAX_INPUT_CHARS: usize = 64;

/// What a typed licence number may contain, as an ECMA-262 pattern for the
/// OpenAPI document: letters, digits, Cyrillic look-alikes and separators,
/// with at least one letter or digit. [`LicenseNumber::parse`] accepts exactly
/// these strings (a unit test holds the two together).
pub const INPUT_PATTERN: &str =
    "^[-/._ \u{2010}-\u{2015}\u{2212}0-9A-Za-zАВЕКМНОРСТХавекмнорстх]*[0-9A-Za-zАВЕКМНОРСТХавекмнорстх][-/._ \u{2010}-\u{2015}\u{2212}0-9A-Za-zАВЕКМНОРСТХавекмнорстх]*$";

/// Why a text cannot be a licence number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenseNumberError {
    /// Nothing but separators and spaces.
    Empty,
    /// Longer than [`MAX_INPUT_CHARS`].
    TooLong,
    /// A character that no licence number contains.
    InvalidCharacter(char),
}

impl std::fmt::Display for LicenseNumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => write!(f, "a licence number needs at least one letter or digit"),
            Self::TooLong => write!(f, "a licence number is at most {MAX_INPUT_CHARS} characters"),
            Self::InvalidCharacter(c) => write!(
                f,
                "licence numbers contain only letters, digits and the separators - / . (found {:?})",
                c.escape_default().to_string()
            ),
        }
    }
}

impl std::error::Error for LicenseNumberError {}

/// A licence number in both of its stored forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseNumber {
    canonical: String,
    lookup_key: String,
}

impl LicenseNumber {
    /// Reads a licence number the way a person may have typed it.
    ///
    /// Case, surrounding and inner spaces, the separators `-` `/` `.` (and the
    /// dashes a phone keyboard substitutes for `-`) are forgiven, and Cyrillic
    /// letters that look like Latin ones are read as their Latin twins.
    pub fn parse(input: &str) -> Result<Self, LicenseNumberError> {
        if input.chars().count() > MAX_INPUT_CHARS {
            return Err(LicenseNumberError::TooLong);
        }
        let mut groups: Vec<String> = vec![String::new()];
        for c in input.chars() {
            if is_separator(c) {
                if groups.last().is_some_and(|g| !g.is_empty()) {
                    groups.push(String::new());
                }
                continue;
            }
            let latin = latin_twin(c).ok_or(LicenseNumberError::InvalidCharacter(c))?;
            if let Some(group) = groups.last_mut() {
                group.push(latin);
            }
        }
        groups.retain(|g| !g.is_empty());
        if groups.is_empty() {
            return Err(LicenseNumberError::Empty);
        }
        Ok(Self {
            lookup_key: groups.concat(),
            canonical: groups.join("-"),
        })
    }

    /// The spelling every answer carries, e.g. `UZ-TK-0123`.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// Letters and digits only, e.g. `UZTK0123`: equal keys mean the same licence.
    pub fn lookup_key(&self) -> &str {
        &self.lookup_key
    }
}

/// Spaces, the separators people type, and the dashes phone keyboards
/// substitute for `-`.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '/' | '.' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Upper-case ASCII letter or digit for `c`, reading Cyrillic look-alikes
/// (А В Е К М Н О Р С Т Х, either case) as the Latin letters they resemble.
fn latin_twin(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_uppercase());
    }
    let twin = match c {
        'А' | 'а' => 'A',
        'В' | 'в' => 'B',
        'Е' | 'е' => 'E',
        'К' | 'к' => 'K',
        'М' | 'м' => 'M',
        'Н' | 'н' => 'H',
        'О' | 'о' => 'O',
        'Р' | 'р' => 'P',
        'С' | 'с' => 'C',
        'Т' | 'т' => 'T',
        'Х' | 'х' => 'X',
        _ => return None,
    };
    Some(twin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        LicenseNumber::parse(s).unwrap().lookup_key().to_owned()
    }

    #[test]
    fn forgives_case_spaces_and_separators() {
        for typed in [
            "uz tk 0123",
            " UZ-TK-0123 ",
            "UZ/TK/0123",
            "uz.tk.0123",
            "UZTK0123",
            "UZ – TK – 0123",
        ] {
            assert_eq!(key(typed), "UZTK0123", "{typed}");
        }
    }

    #[test]
    fn reads_cyrillic_look_alikes_as_latin() {
        // Т and К below are Cyrillic.
        let n = LicenseNumber::parse("UZ-ТК-0123").unwrap();
        assert_eq!(n.lookup_key(), "UZTK0123");
        assert_eq!(n.canonical(), "UZ-TK-0123");
        assert_eq!(key("АВЕКМНОРСТХ"), "ABEKMHOPCTX");
        assert_eq!(key("авекмнорстх"), "ABEKMHOPCTX");
    }

    #[test]
    fn canonical_form_uses_single_hyphens() {
        assert_eq!(
            LicenseNumber::parse("--uz  tk//0123.").unwrap().canonical(),
            "UZ-TK-0123"
        );
    }

    #[test]
    fn the_published_pattern_accepts_exactly_what_parse_accepts() {
        let pattern = regex::Regex::new(INPUT_PATTERN).unwrap();
        let chars = (0u32..0x3000).chain(0xFE00..0xFFFF).filter_map(char::from_u32);
        for c in chars {
            for input in [format!("UZ{c}1"), c.to_string()] {
                assert_eq!(
                    LicenseNumber::parse(&input).is_ok(),
                    pattern.is_match(&input),
                    "{input:?}"
                );
            }
        }
    }

    #[test]
    fn refuses_what_no_licence_contains() {
        assert_eq!(LicenseNumber::parse(" - / "), Err(LicenseNumberError::Empty));
        assert_eq!(
            LicenseNumber::parse("UZ\0TK"),
            Err(LicenseNumberError::InvalidCharacter('\0'))
        );
        assert_eq!(
            LicenseNumber::parse("UZ-Ж1"),
            Err(LicenseNumberError::InvalidCharacter('Ж'))
        );
        assert_eq!(
            LicenseNumber::parse("1' OR '1'='1"),
            Err(LicenseNumberError::InvalidCharacter('\''))
        );
        assert_eq!(LicenseNumber::parse(&"1".repeat(65)), Err(LicenseNumberError::TooLong));
    }
}
