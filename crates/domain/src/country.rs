//! ISO 3166-1 alpha-2 country codes, for licence destinations.

/// The upper-case code if `code` is an assigned ISO 3166-1 alpha-2 code
/// (case is forgiven), else `None`.
pub fn alpha2(code: &str) -> Option<String> {
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    isocountry::CountryCode::for_alpha2(&upper).ok().map(|_| upper)
}

/// A pattern matching exactly the codes [`alpha2`] accepts, in any case,
/// so that the API document says what the server checks.
pub fn alpha2_pattern() -> String {
    let mut by_first: std::collections::BTreeMap<char, String> = Default::default();
    for code in isocountry::CountryCode::iter() {
        let mut letters = code.alpha2().chars();
        if let (Some(first), Some(second)) = (letters.next(), letters.next()) {
            by_first.entry(first).or_default().push(second);
        }
    }
    let branches: Vec<String> = by_first
        .iter()
        .map(|(first, seconds)| {
            let lower = seconds.to_ascii_lowercase();
            format!("[{first}{}][{seconds}{lower}]", first.to_ascii_lowercase())
        })
        .collect();
    format!("^(?:{})$", branches.join("|"))
}

#[cfg(test)]
mod tests {
    use super::{alpha2, alpha2_pattern};

    #[test]
    fn the_pattern_is_the_rule() {
        let pattern = regex::Regex::new(&alpha2_pattern()).unwrap();
        for a in 'A'..='z' {
            for b in ['a', 'z', 'R', 'Z', 'k', 'G', 'O', 'Q'] {
                let code = format!("{a}{b}");
                assert_eq!(pattern.is_match(&code), alpha2(&code).is_some(), "{code}");
            }
        }
        for code in isocountry::CountryCode::iter() {
            assert!(pattern.is_match(&code.alpha2().to_ascii_lowercase()));
        }
    }

    #[test]
    fn assigned_codes_only() {
        assert_eq!(alpha2("kr").as_deref(), Some("KR"));
        assert_eq!(alpha2("UZ").as_deref(), Some("UZ"));
        for bad in ["XX", "K", "KOR", "1R", "", "ÜZ"] {
            assert_eq!(alpha2(bad), None, "{bad}");
        }
    }
}
