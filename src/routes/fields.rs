//! Request fields whose type carries both what the OpenAPI document says of
//! them and the check the server makes, so that the two cannot drift: a
//! generated client refuses exactly what the server would.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Error as _, Expected, Unexpected};
use serde::{Deserialize, Deserializer};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

/// What a control character (C0, DEL, C1: `char::is_control`) is not.
pub const NO_CONTROL_PATTERN: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";

/// Text of a query parameter: at most `MAX` characters (code points, as
/// JSON Schema counts them), none of them a control character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryText<const MAX: usize>(String);

impl<const MAX: usize> QueryText<MAX> {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, owned.
    pub fn into_inner(self) -> String {
        self.0
    }
}

struct Printable(usize);

impl Expected for Printable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "text without control characters, at most {} characters", self.0)
    }
}

impl<'de, const MAX: usize> Deserialize<'de> for QueryText<MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.chars().count() > MAX || text.chars().any(char::is_control) {
            // Never the value itself: it is the caller's, and may be anything.
            return Err(D::Error::invalid_value(Unexpected::Other("text"), &Printable(MAX)));
        }
        Ok(Self(text))
    }
}

impl<const MAX: usize> PartialSchema for QueryText<MAX> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(MAX))
            .pattern(Some(NO_CONTROL_PATTERN))
            .into()
    }
}

impl<const MAX: usize> ToSchema for QueryText<MAX> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("QueryText{MAX}"))
    }
}

/// A credential sent to the token endpoint (a client id, a secret): 1 to
/// `MAX` characters, none of them a control character. Read as any string,
/// so the endpoint answers a misfit in OAuth's words (`invalid_request`),
/// with [`Credential::readable`] making the check its schema states.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential<const MAX: usize>(String);

impl<const MAX: usize> Credential<MAX> {
    /// The credential, if it is what the document says it is.
    pub fn readable(self) -> Option<String> {
        let count = self.0.chars().count();
        ((1..=MAX).contains(&count) && !self.0.chars().any(char::is_control)).then_some(self.0)
    }
}

/// Never shows a secret, not even in a debug log.
impl<const MAX: usize> fmt::Debug for Credential<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Credential(..)")
    }
}

impl<'de, const MAX: usize> Deserialize<'de> for Credential<MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

impl<const MAX: usize> PartialSchema for Credential<MAX> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(MAX))
            .pattern(Some(NO_CONTROL_PATTERN))
            .into()
    }
}

impl<const MAX: usize> ToSchema for Credential<MAX> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("Credential{MAX}"))
    }
}

/// A messenger or social-media handle as a complaint gives it (`@name`,
/// `t.me/name`): `domain::contact::HANDLE_PATTERN`, in the document and in
/// the check alike. Holds the handle normalised (lower case, bare).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handle(String);

impl Handle {
    /// A handle as stored (normalised when it was filed).
    pub fn stored(handle: String) -> Self {
        Self(handle)
    }

    /// The normalised handle.
    pub fn into_inner(self) -> String {
        self.0
    }
}

struct AHandle;

impl Expected for AHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a handle (`@name` or a link to it: letters, digits, `_`, `.`, `-`)")
    }
}

impl<'de> Deserialize<'de> for Handle {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        crate::domain::contact::normalise_handle(&text)
            .map(Self)
            .ok_or_else(|| D::Error::invalid_value(Unexpected::Other("text"), &AHandle))
    }
}

impl serde::Serialize for Handle {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl PartialSchema for Handle {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .pattern(Some(crate::domain::contact::HANDLE_PATTERN))
            .examples(["@ishchi_kerak", "https://t.me/ishchi_kerak"])
            .into()
    }
}

impl ToSchema for Handle {}

/// What a request type's schema says beyond what the derive can (a choice
/// of fields, `additionalProperties` of an enum's variants), said by the
/// type itself beside the check it states.
pub trait Refine: ToSchema {
    /// The derived schema, as JSON, refined.
    fn refine(derived: serde_json::Value) -> serde_json::Value;
}

/// `T`'s derived schema as [`Refine`] refines it.
pub fn refined_schema<T: Refine>() -> RefOr<Schema> {
    let derived = T::schema();
    let refined = serde_json::to_value(&derived)
        .map(T::refine)
        .and_then(serde_json::from_value);
    match refined {
        Ok(refined) => refined,
        // A refinement utoipa's model cannot hold is a programming error
        // (`refinements_survive_the_document_model` shows it); the derived
        // schema is kept rather than no document at all.
        Err(e) => {
            tracing::error!(schema = %T::name(), error = %e, "a refinement is not a schema");
            derived
        }
    }
}

/// Declares the request body an operation documents for a [`Refine`] type:
/// `refined!(Body = T)` makes `Body`, whose schema is `T`'s refined, under
/// `T`'s name; the operation names `request_body = Body` and reads `T`.
#[macro_export]
macro_rules! refined {
    ($(#[$doc:meta])* $body:ident = $ty:ty) => {
        $(#[$doc])*
        pub struct $body;

        impl utoipa::PartialSchema for $body {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::routes::fields::refined_schema::<$ty>()
            }
        }

        impl utoipa::ToSchema for $body {
            fn name() -> std::borrow::Cow<'static, str> {
                <$ty as utoipa::ToSchema>::name()
            }

            fn schemas(
                schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>,
            ) {
                <$ty as utoipa::ToSchema>::schemas(schemas);
            }
        }
    };
}

/// For a JSON merge patch (RFC 7396): tells a field sent as `null`
/// (`Some(None)`) from one not sent (`None`). Use with `#[serde(default,
/// deserialize_with = "present")]`.
pub fn present<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document's pattern, read as a client would, agrees with the check.
    fn document_allows(pattern: &str, value: &str) -> bool {
        regex::Regex::new(pattern).unwrap().is_match(value)
    }

    /// What `Refine` says reaches the document: a refinement that utoipa's
    /// model cannot hold would silently leave the derived schema.
    #[test]
    fn refinements_survive_the_document_model() {
        fn survives<T: Refine>() {
            let derived = serde_json::to_value(T::schema()).unwrap();
            let wanted = T::refine(derived.clone());
            assert_ne!(wanted, derived, "{} refines nothing", T::name());
            let got = serde_json::to_value(refined_schema::<T>()).unwrap();
            assert_eq!(got, serde_json::to_value(wanted).unwrap(), "{}", T::name());
        }
        survives::<crate::routes::complaints::create_complaint::CreateComplaintRequest>();
        survives::<crate::routes::licenses::create_license_event::LicenseEventRequest>();
    }

    #[test]
    fn query_text_refuses_what_its_schema_forbids_and_nothing_else() {
        for (text, ok) in [
            ("Istiqbol", true),
            ("", true),
            ("Истиқбол рекрутмент", true),
            ("a\u{85}b", false),
            ("a\u{9f}", false),
            ("tab\there", false),
            ("x\u{7f}", false),
            (&"я".repeat(50), true),
            (&"я".repeat(51), false),
        ] {
            let parsed = serde_json::from_value::<QueryText<50>>(serde_json::json!(text));
            assert_eq!(parsed.is_ok(), ok, "{text:?}");
            let by_schema = document_allows(NO_CONTROL_PATTERN, text) && text.chars().count() <= 50;
            assert_eq!(by_schema, ok, "the document agrees on {text:?}");
        }
        let refused = serde_json::from_value::<QueryText<5>>(serde_json::json!("secret\u{85}")).unwrap_err();
        assert!(!refused.to_string().contains("secret"), "{refused}");
    }

    #[test]
    fn a_credential_is_what_its_schema_says() {
        for (text, ok) in [
            ("ngo-1", true),
            ("", false),
            ("a\u{85}", false),
            (&"x".repeat(100), true),
            (&"я".repeat(101), false),
        ] {
            let parsed: Credential<100> = serde_json::from_value(serde_json::json!(text)).unwrap();
            assert_eq!(parsed.readable().is_some(), ok, "{text:?}");
            let by_schema = document_allows(NO_CONTROL_PATTERN, text) && (1..=100).contains(&text.chars().count());
            assert_eq!(by_schema, ok, "the document agrees on {text:?}");
        }
    }

    #[test]
    fn a_handle_is_what_its_pattern_says() {
        for (text, ok) in [
            ("@Ishchi_Kerak", true),
            ("https://t.me/ishchi_kerak", true),
            ("https://instagram.com/ish.chi/", true),
            ("ishchi-kerak", true),
            ("", false),
            ("@", false),
            ("https://t.me/", false),
            ("ish chi", false),
            ("ишчи", false),
        ] {
            let parsed = serde_json::from_value::<Handle>(serde_json::json!(text));
            assert_eq!(parsed.is_ok(), ok, "{text:?}");
            assert_eq!(
                document_allows(crate::domain::contact::HANDLE_PATTERN, text),
                ok,
                "the document agrees on {text:?}"
            );
        }
        let handle: Handle = serde_json::from_value(serde_json::json!("https://t.me/Ishchi_Kerak")).unwrap();
        assert_eq!(handle.into_inner(), "ishchi_kerak");
    }
}
