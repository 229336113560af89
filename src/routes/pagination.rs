//! The one paginator of every list: a page size checked one way, and opaque
//! keyset cursors encoded one way (base64url of the position's JSON).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ApiError;

/// The largest page any list answers.
pub const MAX_PAGE: u8 = 100;

/// The page size asked for (`limit`), or `default`: 400 outside 1 to 100.
pub fn page_size(limit: Option<u8>, default: u8) -> Result<u8, ApiError> {
    let limit = limit.unwrap_or(default);
    if (1..=MAX_PAGE).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::invalid_parameter(
            "limit",
            crate::msg!("reason-number-between", min = 1, max = MAX_PAGE),
        ))
    }
}

/// How many rows to fetch for a page of `size`: one more, to know whether
/// another page follows.
pub fn fetch_size(size: u8) -> i64 {
    i64::from(size) + 1
}

/// Cuts `rows` (fetched with [`fetch_size`]) to a page of `size`, with the
/// cursor of its last row when more follow.
pub fn into_page<T, P: Serialize>(mut rows: Vec<T>, size: u8, position: impl Fn(&T) -> P) -> (Vec<T>, Option<String>) {
    if rows.len() <= usize::from(size) {
        return (rows, None);
    }
    rows.truncate(usize::from(size));
    let cursor = rows.last().map(|row| encode_position(&position(row)));
    (rows, cursor)
}

/// Encodes a keyset position as an opaque cursor.
pub fn encode_position<T: Serialize>(position: &T) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(position).unwrap_or_default())
}

/// What a cursor is: base64url, at most [`MAX_CURSOR`] characters.
pub const CURSOR_PATTERN: &str = "^[A-Za-z0-9_-]+=*$";

/// The longest cursor a page hands out is far shorter.
pub const MAX_CURSOR: usize = 2000;

/// The `cursor` of a listing: the `next_cursor` of the page before, as it
/// was given (opaque; its schema says its alphabet, [`decode_position`]
/// reads it).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(transparent)]
pub struct Cursor(String);

impl utoipa::PartialSchema for Cursor {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(CURSOR_PATTERN))
            .max_length(Some(MAX_CURSOR))
            .description(Some("The `next_cursor` of the page before."))
            .into()
    }
}

impl utoipa::ToSchema for Cursor {}

/// Reads a cursor made by [`encode_position`]: 400 for anything else.
pub fn decode_position<T: DeserializeOwned>(cursor: &Cursor) -> Result<T, ApiError> {
    let cursor = cursor.0.as_str();
    if cursor.len() > MAX_CURSOR {
        return Err(invalid_cursor());
    }
    URL_SAFE_NO_PAD
        .decode(cursor.trim_end_matches('='))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(invalid_cursor)
}

/// The answer to a cursor this API did not issue (or that decodes to a
/// position no page could end at).
pub fn invalid_cursor() -> ApiError {
    ApiError::BadRequest(crate::msg!("detail-invalid-cursor"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::models::SearchPosition;

    #[test]
    fn cursors_round_trip_exactly() {
        let p = SearchPosition {
            rank: 0.615_384_6,
            legal_name: "Истиқбол \"MChJ\"".into(),
            id: uuid::Uuid::new_v4(),
        };
        let cursor = |s: String| Cursor(s);
        assert_eq!(
            decode_position::<SearchPosition>(&cursor(encode_position(&p))).unwrap(),
            p
        );
        let id = uuid::Uuid::new_v4();
        assert_eq!(
            decode_position::<uuid::Uuid>(&cursor(encode_position(&id))).unwrap(),
            id
        );
        assert_eq!(decode_position::<i64>(&cursor(encode_position(&42_i64))).unwrap(), 42);
        // The longest name a position can hold still makes a cursor the document allows.
        let longest = SearchPosition {
            legal_name: "\"".repeat(300),
            ..p.clone()
        };
        let longest = encode_position(&longest);
        assert!(longest.len() <= MAX_CURSOR, "{}", longest.len());
        let widest = SearchPosition {
            legal_name: "\u{1F600}".repeat(300),
            ..p
        };
        assert!(encode_position(&widest).len() <= MAX_CURSOR);
    }

    #[test]
    fn garbage_is_a_bad_request() {
        for bad in ["", "%%%", "eyJ4IjoxfQ", "AAAA"] {
            assert!(
                matches!(
                    decode_position::<SearchPosition>(&Cursor(bad.into())),
                    Err(ApiError::BadRequest(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn pages_are_cut_with_a_cursor_only_when_more_follow() {
        let (rows, cursor) = into_page(vec![1, 2, 3], 2, |n| *n);
        assert_eq!(rows, vec![1, 2]);
        assert_eq!(decode_position::<i32>(&Cursor(cursor.unwrap())).unwrap(), 2);
        let (rows, cursor) = into_page(vec![1, 2], 2, |n| *n);
        assert_eq!((rows, cursor), (vec![1, 2], None));
        assert!(page_size(Some(0), 20).is_err() && page_size(Some(101), 20).is_err());
        assert_eq!(page_size(None, 20).unwrap(), 20);
    }
}
