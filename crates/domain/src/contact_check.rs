//! What a worker has in hand, read as one of four kinds: a phone number, a
//! messenger or social handle, a web address, or a representative's card.
//!
//! Each kind is brought to the one form the registry stores and compares
//! (E.164, a lower-case handle on its platform, a lower-case domain, a
//! card's canonical spelling), so any spelling a worker types meets the one
//! the ministry registered. What imitates a Latin handle or domain with
//! Cyrillic look-alike or invisible characters is never folded into a
//! match: it is answered as what it is, an impersonation.

use crate::card::{CardError, CardNumber};
use crate::contact::normalise_phone;

/// The platform a handle lives on, when the worker's text says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Platform {
    /// t.me, telegram.me
    Telegram,
    /// instagram.com
    Instagram,
    /// facebook.com, fb.com
    Facebook,
    /// tiktok.com
    TikTok,
    /// youtube.com
    YouTube,
    /// x.com, twitter.com
    X,
}

impl Platform {
    /// Every platform, in the order answers list them.
    pub const ALL: [Platform; 6] = [
        Platform::Telegram,
        Platform::Instagram,
        Platform::Facebook,
        Platform::TikTok,
        Platform::YouTube,
        Platform::X,
    ];

    /// The name stored and answered.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Telegram => "telegram",
            Platform::Instagram => "instagram",
            Platform::Facebook => "facebook",
            Platform::TikTok => "tiktok",
            Platform::YouTube => "youtube",
            Platform::X => "x",
        }
    }

    /// The platform of a stored name.
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == name)
    }

    fn of_host(host: &str) -> Option<Self> {
        Some(match host {
            "t.me" | "telegram.me" | "telegram.dog" => Platform::Telegram,
            "instagram.com" | "instagr.am" => Platform::Instagram,
            "facebook.com" | "fb.com" | "fb.me" => Platform::Facebook,
            "tiktok.com" => Platform::TikTok,
            "youtube.com" => Platform::YouTube,
            "x.com" | "twitter.com" => Platform::X,
            _ => return None,
        })
    }
}

/// A handle as stored: its platform if known, and its name in lower case
/// without `@`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Handle {
    /// Where it lives; `None` when the text did not say (`@name`).
    pub platform: Option<Platform>,
    /// The name: Latin letters, digits, `_`, `.`, `-`, lower case.
    pub name: String,
}

/// What a worker's text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    /// A phone number, in E.164 (`+998901234567`); WhatsApp links too.
    Phone(String),
    /// A messenger or social handle.
    Handle(Handle),
    /// A web address, as its domain (`istiqbol.example`, no `www.`).
    Website(String),
    /// A representative's card.
    Card(CardNumber),
}

/// Why a text is none of the four kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactError {
    /// The shape of a card number with a digit mistyped.
    MistypedCard,
    /// A handle or domain written with Cyrillic look-alike letters or
    /// invisible characters: it imitates `looks_like` and is not it.
    Impersonation {
        /// What it passes itself off as (Latin, lower case).
        looks_like: String,
    },
    /// Not a phone, handle, web address or card.
    Unrecognised,
}

/// A handle as a link to its platform (what an agency registers, so the
/// platform is known): `https://t.me/istiqbol_jobs`, `instagram.com/istiqbol.jobs`.
/// [`handle_link`] reads exactly these.
pub const HANDLE_LINK_PATTERN: &str = concat!(
    r"^[ ]*(?:https?://)?(?:www\.|m\.)?",
    r"(?:t\.me|telegram\.me|telegram\.dog|instagram\.com|instagr\.am|facebook\.com|fb\.com|fb\.me|tiktok\.com|youtube\.com|x\.com|twitter\.com)",
    r"/(?:s/)?@?[A-Za-z0-9_.\-]{1,100}(?:[/?#][^ ]*)?[ ]*$"
);

/// A web site as an agency registers it: a domain name, with or without
/// `http(s)://` and a path. [`website`] reads exactly these.
pub const WEBSITE_INPUT_PATTERN: &str = concat!(
    r"^[ ]*(?:https?://)?",
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?",
    r"(?::[0-9]{1,5})?(?:[/?#][^ ]*)?[ ]*$"
);

static HANDLE_LINK: std::sync::LazyLock<Option<regex::Regex>> =
    std::sync::LazyLock::new(|| regex::Regex::new(HANDLE_LINK_PATTERN).ok());
static WEBSITE_INPUT: std::sync::LazyLock<Option<regex::Regex>> =
    std::sync::LazyLock::new(|| regex::Regex::new(WEBSITE_INPUT_PATTERN).ok());

/// A handle link ([`HANDLE_LINK_PATTERN`]) as its platform and name.
pub fn handle_link(text: &str) -> Option<Handle> {
    if !HANDLE_LINK.as_ref().is_some_and(|re| re.is_match(text)) {
        return None;
    }
    match read(text) {
        Ok(Contact::Handle(handle)) if handle.platform.is_some() => Some(handle),
        _ => None,
    }
}

/// A web site ([`WEBSITE_INPUT_PATTERN`]) as its domain; a social
/// platform's address is a handle, not a web site.
pub fn website(text: &str) -> Option<String> {
    if !WEBSITE_INPUT.as_ref().is_some_and(|re| re.is_match(text)) {
        return None;
    }
    match read(text) {
        Ok(Contact::Website(domain)) => Some(domain),
        _ => None,
    }
}

/// Longest text read as a contact.
pub const MAX_CONTACT_CHARS: usize = 300;

/// Cyrillic (and Greek) letters that read as Latin ones in most fonts.
fn latin_twin(c: char) -> Option<char> {
    Some(match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'в' | 'В' | 'β' | 'Β' => 'b',
        'с' | 'С' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'ё' | 'Ё' | 'ε' | 'Ε' => 'e',
        'һ' | 'Һ' | 'Η' => 'h',
        'і' | 'І' | 'ӏ' | 'ι' | 'Ι' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'м' | 'М' | 'Μ' => 'm',
        'н' | 'Н' | 'Ν' => 'n',
        'о' | 'О' | 'ο' | 'Ο' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'у' | 'У' | 'υ' => 'y',
        'ԝ' => 'w',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'ʏ' => 'y',
        'ᴢ' | 'Ζ' => 'z',
        _ => return None,
    })
}

/// Characters that show nothing (or reorder what is shown).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}' | '\u{061C}')
}

fn is_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// A name made only of handle characters (lower-cased), or the Latin text
/// it imitates when look-alike or invisible characters make it one.
fn latin_name(text: &str, longest: usize, allowed: impl Fn(char) -> bool) -> Result<String, ContactError> {
    let mut imitation = false;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if allowed(c) {
            out.push(c.to_ascii_lowercase());
        } else if is_invisible(c) {
            imitation = true;
        } else if let Some(latin) = latin_twin(c) {
            imitation = true;
            out.push(latin);
        } else {
            return Err(ContactError::Unrecognised);
        }
    }
    if out.is_empty() || out.chars().count() > longest {
        return Err(ContactError::Unrecognised);
    }
    if imitation {
        return Err(ContactError::Impersonation { looks_like: out });
    }
    Ok(out)
}

/// A domain name: labels of letters, digits and `-`, a last label of
/// letters; `www.` and `m.` in front dropped.
fn domain(host: &str) -> Result<String, ContactError> {
    let host = host.split(':').next().unwrap_or(host);
    let host = host.strip_suffix('.').unwrap_or(host);
    let name = latin_name(host, MAX_CONTACT_CHARS, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
    })?;
    let labels: Vec<&str> = name.split('.').collect();
    let well_formed = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if !well_formed {
        return Err(ContactError::Unrecognised);
    }
    let mut name = name.as_str();
    for prefix in ["www.", "m."] {
        if name.matches('.').count() >= 2 {
            name = name.strip_prefix(prefix).unwrap_or(name);
        }
    }
    Ok(name.to_owned())
}

/// Reads what a worker typed or pasted as a phone, handle, web address or
/// card.
pub fn read(text: &str) -> Result<Contact, ContactError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_CONTACT_CHARS {
        return Err(ContactError::Unrecognised);
    }
    match CardNumber::parse(text) {
        Ok(card) => return Ok(Contact::Card(card)),
        Err(CardError::Mistyped) => return Err(ContactError::MistypedCard),
        Err(CardError::Malformed) => {}
    }
    if let Some(phone) = normalise_phone(text) {
        return Ok(Contact::Phone(phone));
    }
    if let Some(name) = text.strip_prefix('@') {
        let name = latin_name(name, 100, is_handle_char)?;
        return Ok(Contact::Handle(Handle { platform: None, name }));
    }
    let (had_scheme, rest) = match text.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => {
            (true, rest)
        }
        Some(_) => return Err(ContactError::Unrecognised),
        None => (false, text),
    };
    let (host, path) = match rest.find(['/', '?', '#']) {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    if had_scheme || host.contains('.') {
        let host = domain(host)?;
        let bare = host
            .strip_prefix("www.")
            .or_else(|| host.strip_prefix("m."))
            .unwrap_or(&host);
        if bare == "wa.me" || bare == "api.whatsapp.com" {
            let digits: String = path.chars().filter(char::is_ascii_digit).collect();
            return normalise_phone(&format!("+{digits}"))
                .map(Contact::Phone)
                .ok_or(ContactError::Unrecognised);
        }
        if let Some(platform) = Platform::of_host(bare) {
            let path = path.split(['?', '#']).next().unwrap_or_default();
            let mut segments = path.split('/').filter(|s| !s.is_empty());
            let mut first = segments.next().ok_or(ContactError::Unrecognised)?;
            if platform == Platform::Telegram && first == "s" {
                // t.me/s/name is the web view of t.me/name.
                first = segments.next().unwrap_or(first);
            }
            let name = latin_name(first.trim_start_matches('@'), 100, is_handle_char)?;
            return Ok(Contact::Handle(Handle {
                platform: Some(platform),
                name,
            }));
        }
        return Ok(Contact::Website(bare.to_owned()));
    }
    // A bare word: a handle typed without its `@`.
    let name = latin_name(text, 100, |c| c.is_ascii_alphanumeric() || c == '_')?;
    if name.chars().any(|c| c.is_ascii_alphabetic()) {
        return Ok(Contact::Handle(Handle { platform: None, name }));
    }
    Err(ContactError::Unrecognised)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handle(platform: Option<Platform>, name: &str) -> Result<Contact, ContactError> {
        Ok(Contact::Handle(Handle {
            platform,
            name: name.into(),
        }))
    }

    #[test]
    fn phones_in_any_formatting() {
        for typed in [
            "+998 90 123-45-67",
            "90 123 45 67",
            "998901234567",
            "https://wa.me/998901234567",
        ] {
            assert_eq!(read(typed), Ok(Contact::Phone("+998901234567".into())), "{typed}");
        }
    }

    #[test]
    fn handles_in_any_spelling() {
        assert_eq!(read("@Istiqbol_Jobs"), handle(None, "istiqbol_jobs"));
        assert_eq!(read("istiqbol_jobs"), handle(None, "istiqbol_jobs"));
        assert_eq!(
            read("t.me/istiqbol_jobs"),
            handle(Some(Platform::Telegram), "istiqbol_jobs")
        );
        assert_eq!(
            read("https://t.me/s/Istiqbol_Jobs"),
            handle(Some(Platform::Telegram), "istiqbol_jobs")
        );
        assert_eq!(
            read("https://instagram.com/istiqbol.jobs/"),
            handle(Some(Platform::Instagram), "istiqbol.jobs")
        );
        assert_eq!(
            read("https://www.facebook.com/istiqbol.jobs?ref=x"),
            handle(Some(Platform::Facebook), "istiqbol.jobs")
        );
    }

    #[test]
    fn web_addresses_as_their_domain() {
        for typed in [
            "istiqbol.example",
            "https://www.istiqbol.example/vacancies?x=1",
            "HTTP://Istiqbol.Example",
            "www.istiqbol.example.",
        ] {
            assert_eq!(read(typed), Ok(Contact::Website("istiqbol.example".into())), "{typed}");
        }
        assert_eq!(
            read("jobs.istiqbol.example"),
            Ok(Contact::Website("jobs.istiqbol.example".into()))
        );
    }

    #[test]
    fn cards_and_mistyped_cards() {
        let card = CardNumber::from_serial(1_234_567).unwrap();
        assert_eq!(read(&card.as_str().to_lowercase()), Ok(Contact::Card(card.clone())));
        let mut typo = card.as_str().to_owned();
        let last = typo.pop().unwrap();
        typo.push(if last == '0' { '1' } else { '0' });
        assert_eq!(read(&typo), Err(ContactError::MistypedCard));
    }

    #[test]
    fn look_alikes_and_invisible_characters_are_impersonations_never_matches() {
        for (typed, looks_like) in [
            ("@istiqbol_jоbs", "istiqbol_jobs"),         // Cyrillic о
            ("@istiqbol\u{200B}_jobs", "istiqbol_jobs"), // zero-width space
            ("t.me/іstiqbol_jobs", "istiqbol_jobs"),     // Cyrillic і
            ("https://istiqbоl.example", "istiqbol.example"),
        ] {
            assert_eq!(
                read(typed),
                Err(ContactError::Impersonation {
                    looks_like: looks_like.into()
                }),
                "{typed}"
            );
        }
    }

    #[test]
    fn registration_patterns_are_the_checks() {
        let link = regex::Regex::new(HANDLE_LINK_PATTERN).unwrap();
        for typed in [
            "https://t.me/istiqbol_jobs",
            "t.me/s/Istiqbol",
            "t.me/s",
            "instagram.com/istiqbol.jobs/",
            "https://www.facebook.com/istiqbol?ref=1",
            "@istiqbol",
            "https://istiqbol.uz",
            "t.me/",
            "t.me/istiqbоl",
            "x.com/@istiqbol",
            "https://t.me/istiqbol/123",
        ] {
            assert_eq!(link.is_match(typed), handle_link(typed).is_some(), "{typed}");
        }
        let site = regex::Regex::new(WEBSITE_INPUT_PATTERN).unwrap();
        for typed in [
            "istiqbol.uz",
            "https://www.istiqbol.uz/vacancies?x=1",
            "http://istiqbol.uz:8080",
            "istiqbol",
            "https://t.me/istiqbol",
            "istiqbol.u",
            "-istiqbol.uz",
            "xn--80ak6aa92e.com",
            "istiqbol.uz.",
            "https://istiqbоl.uz",
            "http://62.a.s.lerpPYr.:874",
            "https://x.5.Q.P.gwhddCTM5guq6cOx.0.3.obmlRL0icL9h8.j.W.4.0QDE5PXjTCNyEl.i.5sibSP.XLK.If7X.I7.9.aNV.ddc.J.z.IL#",
            "istiqbol.uz..",
        ] {
            let agree = site.is_match(typed) == website(typed).is_some();
            // A social platform's address fits the pattern of a site and is refused as one.
            assert!(agree || handle_link(typed).is_some(), "{typed}");
        }
    }

    #[test]
    fn what_is_none_of_the_four_is_said() {
        for typed in [
            "",
            "   ",
            "hello world",
            "12345",
            "ftp://istiqbol.example",
            "@",
            "Истиқбол",
            "a.b",
        ] {
            assert!(
                matches!(read(typed), Err(ContactError::Unrecognised)),
                "{typed}: {:?}",
                read(typed)
            );
        }
    }
}
