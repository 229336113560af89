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

#[cfg(test)]
mod tests {
    use super::alpha2;

    #[test]
    fn assigned_codes_only() {
        assert_eq!(alpha2("kr").as_deref(), Some("KR"));
        assert_eq!(alpha2("UZ").as_deref(), Some("UZ"));
        for bad in ["XX", "K", "KOR", "1R", "", "ÜZ"] {
            assert_eq!(alpha2(bad), None, "{bad}");
        }
    }
}
