//! Folding agency names from any of the scripts people use in Uzbekistan into
//! one Latin search form, so that spellings of the same name meet.
//!
//! Uzbek is written in Latin ("Istiqbolli Avlod") and in Cyrillic ("Истиқболли
//! Авлод"), and Russian renders the same name without the Uzbek letters
//! ("Истикболли Авлод"). Each is transliterated to Latin, then reduced to a
//! skeleton where letters the scripts spell differently coincide: `q`/`k`,
//! `x`/`h`/`kh`, `o'`/`o`, `g'`/`g`, `zh`/`j`, `ts`/`c`/`s`, `w`/`v`. Trigram
//! similarity in the database then tolerates the remaining typos.

use unicode_normalization::UnicodeNormalization;

/// Folds `text` to its search form: lower-case ASCII letters and digits,
/// words separated by single spaces.
pub fn search_form(text: &str) -> String {
    let mut latin = String::with_capacity(text.len());
    // Cyrillic letters are mapped whole (NFC): decomposing first would turn
    // Ў, Й and Ё into У, И and Е plus a mark.
    for c in text.nfc() {
        if is_apostrophe(c) {
            // The Uzbek modifier apostrophe (o', g') only marks a variant of
            // the letter before it.
            continue;
        }
        match cyrillic_to_latin(c) {
            Some(s) => latin.push_str(s),
            None => std::iter::once(c)
                .nfd()
                .filter(|d| !is_combining_mark(*d))
                .for_each(|d| latin.extend(d.to_lowercase())),
        }
    }
    let skeleton = reduce(&latin);
    let mut out = String::with_capacity(skeleton.len());
    for word in skeleton
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{02BB}' | '\u{02BC}' | '\u{00B4}'
    )
}

/// Merges the Latin spellings that differ between Uzbek and Russian usage.
fn reduce(latin: &str) -> String {
    let chars: Vec<char> = latin.chars().collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (folded, width) = match (c, next) {
            ('k', Some('h')) => ('h', 2),
            ('z', Some('h')) => ('j', 2),
            ('t', Some('s')) => ('s', 2),
            ('c', Some('h')) => {
                out.push_str("ch");
                i += 2;
                continue;
            }
            ('c', _) => ('s', 1),
            ('q', _) => ('k', 1),
            ('x', _) => ('h', 1),
            ('w', _) => ('v', 1),
            ('ı', _) => ('i', 1),
            ('ß', _) => {
                out.push_str("ss");
                i += 1;
                continue;
            }
            _ => (c, 1),
        };
        out.push(folded);
        i += width;
    }
    out
}

/// Latin for one Cyrillic letter (Uzbek and Russian alphabets), lower-case.
fn cyrillic_to_latin(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let latin = match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'э' | 'є' => "e",
        'ё' => "yo",
        'ж' => "j",
        'з' => "z",
        'и' | 'і' | 'ы' => "i",
        'й' => "y",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' | 'ў' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' | 'ҳ' => "h",
        'ц' => "s",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    };
    Some(latin)
}

#[cfg(test)]
mod tests {
    use super::search_form;

    #[test]
    fn uzbek_latin_cyrillic_and_russian_spellings_meet() {
        let latin = search_form("Istiqbolli Avlod");
        assert_eq!(latin, "istikbolli avlod");
        assert_eq!(search_form("Истиқболли Авлод"), latin);
        assert_eq!(search_form("Истикболли Авлод"), latin);
        assert_eq!(search_form("ISTIQBOLLI  AVLOD"), latin);
    }

    #[test]
    fn uzbek_modifier_letters_fold() {
        assert_eq!(search_form("O‘zbekiston"), search_form("Ўзбекистон"));
        assert_eq!(search_form("G'alaba"), search_form("Ғалаба"));
        assert_eq!(search_form("Xalqaro"), search_form("Халқаро"));
        assert_eq!(search_form("Xalqaro"), search_form("Khalkaro"));
        assert_eq!(search_form("Shijoat"), search_form("Шижоат"));
        assert_eq!(search_form("Chorraha"), search_form("Чорраҳа"));
        assert_eq!(search_form("Yoshlar"), search_form("Ёшлар"));
        assert_eq!(search_form("Bunyodkor"), search_form("Бунёдкор"));
    }

    #[test]
    fn punctuation_becomes_single_spaces() {
        assert_eq!(search_form("  \"Yangi  Ufq\"  MChJ. "), "yangi ufk mchj");
        assert_eq!(search_form("100% _ok_"), "100 ok");
        assert_eq!(search_form("\0;DROP TABLE--"), "drop table");
    }

    #[test]
    fn diacritics_are_dropped() {
        assert_eq!(search_form("Çağrı Élan"), "sagri elan");
    }
}
