//! The languages the registry speaks, and how a request chooses one.

use serde::{Deserialize, Serialize};

/// A language of the registry's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Lang {
    /// Uzbek in the Latin script: the official one, and the default.
    #[default]
    #[serde(rename = "uz-Latn")]
    UzLatn,
    /// Uzbek in the Cyrillic script, still read by many older people.
    #[serde(rename = "uz-Cyrl")]
    UzCyrl,
    /// Russian.
    #[serde(rename = "ru")]
    Ru,
    /// English, for partner NGOs and destination-country staff.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 4] = [Self::UzLatn, Self::UzCyrl, Self::Ru, Self::En];

    /// The BCP 47 tag (`Content-Language`, `?lang=`).
    pub fn tag(self) -> &'static str {
        match self {
            Self::UzLatn => "uz-Latn",
            Self::UzCyrl => "uz-Cyrl",
            Self::Ru => "ru",
            Self::En => "en",
        }
    }

    /// The language's own name, for a language switcher.
    pub fn own_name(self) -> &'static str {
        match self {
            Self::UzLatn => "O‘zbekcha",
            Self::UzCyrl => "Ўзбекча",
            Self::Ru => "Русский",
            Self::En => "English",
        }
    }

    /// Whether the language is written in Cyrillic.
    pub fn is_cyrillic(self) -> bool {
        matches!(self, Self::UzCyrl | Self::Ru)
    }

    /// The language a BCP 47 tag asks for, if any: `uz` is `uz-Latn`,
    /// regions and other subtags are ignored (`ru-RU` is `ru`), case too.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let tag = tag.trim().to_ascii_lowercase();
        let mut parts = tag.split(['-', '_']);
        match parts.next()? {
            "uz" => Some(if parts.any(|p| p == "cyrl") {
                Self::UzCyrl
            } else {
                Self::UzLatn
            }),
            "ru" => Some(Self::Ru),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The best language of an `Accept-Language` header (RFC 9110 section
    /// 12.5.4): the highest quality value wins, the earlier on a tie; `q=0`
    /// refuses; `*` means the default; nothing acceptable means the default.
    pub fn from_accept_language(header: &str) -> Self {
        let mut best: Option<(u16, Self)> = None;
        for range in header.split(',') {
            let mut fields = range.split(';');
            let tag = fields.next().unwrap_or_default().trim();
            let quality = fields
                .filter_map(|f| f.trim().strip_prefix("q=").or_else(|| f.trim().strip_prefix("Q=")))
                .next()
                .map_or(Some(1000), parse_quality);
            let (Some(quality), Some(lang)) = (quality, Self::from_tag(tag).or((tag == "*").then_some(Self::UzLatn)))
            else {
                continue;
            };
            if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, lang)| lang).unwrap_or_default()
    }
}

/// The entity tag of a representation in `lang`: every language is a
/// representation of its own, so each has its own tag (`"abc"` becomes
/// `"abc-ru"`); [`version_of`] reads the version back.
pub fn tag_in(tag: &str, lang: Lang) -> String {
    match tag.strip_suffix('"') {
        Some(open) => format!("{open}-{}\"", lang.tag()),
        None => tag.to_owned(),
    }
}

/// The tag of the version a (possibly language-specific) entity tag names.
pub fn version_of(tag: &str) -> String {
    Lang::ALL
        .iter()
        .find_map(|lang| {
            tag.strip_suffix(&format!("-{}\"", lang.tag()))
                .map(|t| format!("{t}\""))
        })
        .unwrap_or_else(|| tag.to_owned())
}

/// A quality value in thousandths (`0.8` is 800); `None` when malformed.
fn parse_quality(q: &str) -> Option<u16> {
    let q = q.trim();
    let (whole, fraction) = q.split_once('.').unwrap_or((q, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_name_the_same_version() {
        for lang in Lang::ALL {
            assert_eq!(version_of(&tag_in("\"abc\"", lang)), "\"abc\"");
        }
        assert_eq!(version_of("\"abc-de\""), "\"abc-de\"");
    }

    #[test]
    fn tags_are_read_loosely() {
        assert_eq!(Lang::from_tag("uz"), Some(Lang::UzLatn));
        assert_eq!(Lang::from_tag("UZ-cyrl"), Some(Lang::UzCyrl));
        assert_eq!(Lang::from_tag("uz-Cyrl-UZ"), Some(Lang::UzCyrl));
        assert_eq!(Lang::from_tag("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn accept_language_picks_the_highest_quality() {
        assert_eq!(Lang::from_accept_language("ru-RU,ru;q=0.9,en;q=0.8"), Lang::Ru);
        assert_eq!(Lang::from_accept_language("de-DE, en;q=0.5, ru;q=0.7"), Lang::Ru);
        assert_eq!(Lang::from_accept_language("en;q=0.3, uz-Cyrl"), Lang::UzCyrl);
        assert_eq!(Lang::from_accept_language("en, ru"), Lang::En, "the earlier on a tie");
        assert_eq!(Lang::from_accept_language("ru;q=0, en;q=0.1"), Lang::En, "q=0 refuses");
        assert_eq!(Lang::from_accept_language("de, fr"), Lang::UzLatn);
        assert_eq!(Lang::from_accept_language("*"), Lang::UzLatn);
        assert_eq!(Lang::from_accept_language(""), Lang::UzLatn);
        assert_eq!(
            Lang::from_accept_language("ru;q=2, en;q=0.5"),
            Lang::En,
            "malformed q is skipped"
        );
        assert_eq!(Lang::from_accept_language("ru;q=0.9999, en;q=0.5"), Lang::En);
    }
}
