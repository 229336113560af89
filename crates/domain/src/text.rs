//! Rules for the free text the ministry enters: names, addresses, reasons.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// Why a text is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// Bidirectional overrides or isolates can make a name read differently
    /// from what is stored (e.g. to pass off one agency as another).
    BidiControl,
    /// Zero-width characters make two names that look the same differ.
    ZeroWidth,
    /// Control characters (including NUL) have no place in a record.
    Control,
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::BidiControl => "must not contain bidirectional override or isolate characters",
            Self::ZeroWidth => "must not contain zero-width characters",
            Self::Control => "must not contain control characters",
        })
    }
}

/// What [`clean`] refuses, as a JSON Schema pattern for the documents:
/// controls but tab and line breaks, bidirectional and zero-width characters.
pub const TEXT_PATTERN: &str = "^[^\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*$";

/// [`TEXT_PATTERN`] for text that must say something: at least one
/// character that is not white space (which [`clean`] trims away).
pub const NON_BLANK_TEXT_PATTERN: &str = "^[^\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*[^\\u0000-\\u0020\\u007F-\\u00A0\\u061C\\u1680\\u180E\\u2000-\\u200F\\u2028-\\u202F\\u205F-\\u2060\\u2066-\\u2069\\u3000\\uFEFF][^\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*$";

/// The text as stored: trimmed, in Unicode NFC, with runs of white space
/// folded to one space; or why it is refused.
pub fn clean(text: &str) -> Result<String, TextError> {
    for c in text.chars() {
        match c {
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => {
                return Err(TextError::BidiControl)
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' => return Err(TextError::ZeroWidth),
            // Of the control characters only tab and line breaks are text (not
            // NEL, U+0085: JSON Schema's `\s` does not know it, so a pattern could not say so).
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\u{B}' | '\u{C}' | '\r') => {
                return Err(TextError::Control)
            }
            _ => {}
        }
    }
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(folded.nfc().collect())
}

/// An e-mail address as the registry takes it: a local part of visible
/// characters, `@`, and a domain name with at least one dot.
pub const EMAIL_PATTERN: &str = r"^[^\s@\u0000-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$";

/// A web site as the registry takes it: an `http` or `https` URL of a
/// domain name (ASCII: internationalised names in their `xn--` form).
pub const WEBSITE_PATTERN: &str = r"^https?://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?:[/?#][^\s\u0000-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]*)?$";

static EMAIL: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(EMAIL_PATTERN).ok());
static WEBSITE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(WEBSITE_PATTERN).ok());

/// Whether `s` is an e-mail address ([`EMAIL_PATTERN`], the rule the API
/// document states).
pub fn is_email(s: &str) -> bool {
    EMAIL.as_ref().is_some_and(|re| re.is_match(s))
}

/// Whether `s` is a web site address ([`WEBSITE_PATTERN`]).
pub fn is_website(s: &str) -> bool {
    WEBSITE.as_ref().is_some_and(|re| re.is_match(s))
}

/// Whether `id` is a taxpayer id (STIR): nine digits.
pub fn is_taxpayer_id(id: &str) -> bool {
    id.len() == 9 && id.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_folded_and_composed() {
        // "Yangi" with a combining acute on the i, and stray spaces.
        assert_eq!(clean("  Yangi\u{301}   Ufq \n").unwrap(), "Yang\u{ed} Ufq");
    }

    #[test]
    fn deceptive_characters_are_refused() {
        assert_eq!(clean("Istiqbol\u{202E}lobqitsI"), Err(TextError::BidiControl));
        assert_eq!(clean("Ist\u{2067}iqbol"), Err(TextError::BidiControl));
        assert_eq!(clean("Isti\u{200B}qbol"), Err(TextError::ZeroWidth));
        assert_eq!(clean("Isti\u{FEFF}qbol"), Err(TextError::ZeroWidth));
        assert_eq!(clean("Isti\0qbol"), Err(TextError::Control));
    }

    #[test]
    fn the_documented_pattern_refuses_exactly_what_clean_refuses() {
        let non_blank = regex::Regex::new(NON_BLANK_TEXT_PATTERN).unwrap();
        for code in (0..0x3100).chain([0xFEFF, 0xFFFD]) {
            let Some(c) = char::from_u32(code) else { continue };
            for text in [format!("{c}"), format!(" {c}\t"), format!("a{c}")] {
                let kept = clean(&text).is_ok_and(|t| !t.is_empty());
                assert_eq!(non_blank.is_match(&text), kept, "U+{code:04X} in {text:?}");
            }
        }
        let pattern = regex::Regex::new(TEXT_PATTERN).unwrap();
        for code in (0..0x3100).chain([0xFEFF, 0xFFFD]) {
            let Some(c) = char::from_u32(code) else { continue };
            let text = format!("a{c}b");
            assert_eq!(pattern.is_match(&text), clean(&text).is_ok(), "U+{code:04X}");
        }
    }

    #[test]
    fn addresses_follow_their_patterns() {
        for good in ["info@istiqbol.uz", "a.b+c@mail.example.com", "xodim@xn--80ak6aa92e.uz"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "info",
            "info@uz",
            "a b@c.uz",
            "a@b..uz",
            "a@-b.uz",
            "a\u{202E}@b.uz",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        for good in [
            "https://istiqbol.uz",
            "http://a.b.uz/path?q=1#x",
            "https://xn--80ak6aa92e.uz/",
        ] {
            assert!(is_website(good), "{good}");
        }
        for bad in [
            "",
            "istiqbol.uz",
            "ftp://a.uz",
            "https://uz",
            "https://a.uz/ b",
            "javascript:alert(1)",
        ] {
            assert!(!is_website(bad), "{bad}");
        }
    }

    #[test]
    fn taxpayer_ids_are_nine_digits() {
        assert!(is_taxpayer_id("301234567"));
        for bad in ["30123456", "3012345678", "30123456a", "３０１２３４５６７"] {
            assert!(!is_taxpayer_id(bad), "{bad}");
        }
    }
}
