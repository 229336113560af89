//! Opaque cursors for keyset pagination.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::db::models::SearchPosition;
use crate::error::ApiError;

#[derive(Serialize, Deserialize)]
struct CursorBody {
    s: f32,
    n: String,
    i: uuid::Uuid,
}

/// Encodes where the next page starts.
pub fn encode_cursor(position: &SearchPosition) -> String {
    let body = CursorBody {
        s: position.rank,
        n: position.legal_name.clone(),
        i: position.id,
    };
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&body).unwrap_or_default())
}

/// Reads a cursor given back by a client.
pub fn decode_cursor(cursor: &str) -> Result<SearchPosition, ApiError> {
    let invalid = || ApiError::BadRequest("`cursor` is not a cursor this API issued; start again without it".into());
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor.trim_end_matches('='))
        .map_err(|_| invalid())?;
    let body: CursorBody = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    if !body.s.is_finite() || body.n.contains('\0') {
        return Err(invalid());
    }
    Ok(SearchPosition {
        rank: body.s,
        legal_name: body.n,
        id: body.i,
    })
}

/// Encodes any keyset position as an opaque cursor (base64url of JSON).
pub fn encode_position<T: Serialize>(position: &T) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(position).unwrap_or_default())
}

/// Reads a cursor made by [`encode_position`]: 400 for anything else.
pub fn decode_position<T: serde::de::DeserializeOwned>(cursor: &str) -> Result<T, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor.trim_end_matches('='))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| ApiError::BadRequest("`cursor` is not a cursor this API issued; start again without it".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_exactly() {
        let p = SearchPosition {
            rank: 0.615_384_6,
            legal_name: "Истиқбол \"MChJ\"".into(),
            id: uuid::Uuid::new_v4(),
        };
        assert_eq!(decode_cursor(&encode_cursor(&p)).unwrap(), p);
    }

    #[test]
    fn garbage_is_a_bad_request() {
        for bad in ["", "%%%", "eyJ4IjoxfQ", "AAAA"] {
            assert!(matches!(decode_cursor(bad), Err(ApiError::BadRequest(_))), "{bad}");
        }
    }
}
