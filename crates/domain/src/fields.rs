//! Request fields whose type carries both what the API document says of
//! them (its JSON Schema) and the check the server makes, so the two are
//! written once and cannot drift: a generated client refuses exactly what
//! the server would.
//!
//! Each type reads any JSON string: a body with several misfits is answered
//! with all of them at once (a strict `Deserialize` would stop at the first),
//! and [`Checked::check`] makes the check its schema states.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

use crate::text::{self, TextError};

/// Why a field's value is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// A character text may not hold.
    Text(TextError),
    /// Nothing but white space where something must be said.
    Blank,
    /// More characters than the field takes.
    TooLong {
        /// The most it takes.
        max: usize,
    },
    /// Not an e-mail address.
    Email,
    /// Not a web site address.
    Website,
    /// Not a taxpayer id.
    TaxpayerId,
    /// Not an assigned ISO 3166-1 alpha-2 code.
    Country,
    /// Not a phone number.
    Phone,
    /// Not a link to a handle on a platform the registry knows.
    HandleLink,
    /// Not a licence number.
    LicenseNumber(crate::license_number::LicenseNumberError),
    /// A date outside the years the registry takes.
    Date(crate::dates::OutOfRange),
    /// Not an ISO 4217 currency code.
    Currency,
}

/// A field's value made ready to store, or why it is refused.
pub trait Checked {
    /// The value as stored.
    type Clean;
    /// The check the field's schema states.
    fn check(&self) -> Result<Self::Clean, FieldError>;
}

/// Reads any string: the check is [`Checked::check`]'s.
fn any_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    String::deserialize(deserializer)
}

fn string_schema() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

fn too_long(raw: &str, max: usize) -> Result<(), FieldError> {
    // JSON Schema's maxLength counts code points, as `chars` does.
    if raw.chars().count() > max {
        return Err(FieldError::TooLong { max });
    }
    Ok(())
}

macro_rules! string_field {
    ($name:ident $(<const $max:ident: usize>)?) => {
        impl<'de $(, const $max: usize)?> Deserialize<'de> for $name$(<$max>)? {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                any_string(deserializer).map(Self)
            }
        }

        impl$(<const $max: usize>)? Serialize for $name$(<$max>)? {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl$(<const $max: usize>)? $name$(<$max>)? {
            /// A value as given (checked by [`Checked::check`]) or as stored.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The text as it is.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

/// Text a person wrote that may be left empty (an address, an optional
/// reason): at most `MAX` characters, none that can deceive (see
/// [`text::clean`]). Checks to `None` when nothing is left once trimmed.
#[derive(Clone, PartialEq, Eq)]
pub struct Text<const MAX: usize>(String);
string_field!(Text<const MAX: usize>);

impl<const MAX: usize> Checked for Text<MAX> {
    type Clean = Option<String>;
    fn check(&self) -> Result<Option<String>, FieldError> {
        too_long(&self.0, MAX)?;
        let clean = text::clean(&self.0).map_err(FieldError::Text)?;
        Ok(Some(clean).filter(|c| !c.is_empty()))
    }
}

impl<const MAX: usize> PartialSchema for Text<MAX> {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .max_length(Some(MAX))
            .pattern(Some(text::TEXT_PATTERN))
            .into()
    }
}

/// Text that must say something (a name, a public reason, a note): 1 to
/// `MAX` characters, not only white space, none that can deceive.
#[derive(Clone, PartialEq, Eq)]
pub struct Said<const MAX: usize>(String);
string_field!(Said<const MAX: usize>);

impl<const MAX: usize> Checked for Said<MAX> {
    type Clean = String;
    fn check(&self) -> Result<String, FieldError> {
        too_long(&self.0, MAX)?;
        let clean = text::clean(&self.0).map_err(FieldError::Text)?;
        if clean.is_empty() {
            return Err(FieldError::Blank);
        }
        Ok(clean)
    }
}

impl<const MAX: usize> PartialSchema for Said<MAX> {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .min_length(Some(1))
            .max_length(Some(MAX))
            .pattern(Some(text::NON_BLANK_TEXT_PATTERN))
            .into()
    }
}

/// An e-mail address ([`text::EMAIL_PATTERN`], at most 254 characters).
#[derive(Clone, PartialEq, Eq)]
pub struct Email(String);
string_field!(Email);

impl Checked for Email {
    type Clean = String;
    fn check(&self) -> Result<String, FieldError> {
        too_long(&self.0, 254)?;
        if !text::is_email(&self.0) {
            return Err(FieldError::Email);
        }
        text::clean(&self.0).map_err(FieldError::Text)
    }
}

impl PartialSchema for Email {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .max_length(Some(254))
            .pattern(Some(text::EMAIL_PATTERN))
            .examples(["info@istiqbol.uz"])
            .into()
    }
}

/// A web site address ([`text::WEBSITE_PATTERN`], at most 500 characters).
#[derive(Clone, PartialEq, Eq)]
pub struct Website(String);
string_field!(Website);

impl Checked for Website {
    type Clean = String;
    fn check(&self) -> Result<String, FieldError> {
        too_long(&self.0, 500)?;
        if !text::is_website(&self.0) {
            return Err(FieldError::Website);
        }
        text::clean(&self.0).map_err(FieldError::Text)
    }
}

impl PartialSchema for Website {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .max_length(Some(500))
            .pattern(Some(text::WEBSITE_PATTERN))
            .examples(["https://istiqbol.uz"])
            .into()
    }
}

/// What a taxpayer id (STIR) is: nine digits.
pub const TAXPAYER_ID_PATTERN: &str = "^[0-9]{9}$";

/// A taxpayer id (STIR): nine digits.
#[derive(Clone, PartialEq, Eq)]
pub struct TaxpayerId(String);
string_field!(TaxpayerId);

impl Checked for TaxpayerId {
    type Clean = String;
    fn check(&self) -> Result<String, FieldError> {
        if !text::is_taxpayer_id(&self.0) {
            return Err(FieldError::TaxpayerId);
        }
        Ok(self.0.clone())
    }
}

impl PartialSchema for TaxpayerId {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .pattern(Some(TAXPAYER_ID_PATTERN))
            .examples(["301234567"])
            .into()
    }
}

/// A country as ISO 3166-1 alpha-2, in either case; checks to upper case.
#[derive(Clone, PartialEq, Eq)]
pub struct Country(String);
string_field!(Country);

impl Checked for Country {
    type Clean = String;
    fn check(&self) -> Result<String, FieldError> {
        crate::country::alpha2(&self.0).ok_or(FieldError::Country)
    }
}

impl PartialSchema for Country {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .pattern(Some(crate::country::alpha2_pattern()))
            .examples(["KR"])
            .into()
    }
}

/// A currency as ISO 4217 names it (`USD`, `KRW`); its schema lists
/// every code, so a client refuses what the server would.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyCode(String);
string_field!(CurrencyCode);

impl Checked for CurrencyCode {
    type Clean = String;
    fn check(&self) -> Result<String, FieldError> {
        iso_currency::Currency::from_code(&self.0)
            .map(|c| c.code().to_owned())
            .ok_or(FieldError::Currency)
    }
}

impl PartialSchema for CurrencyCode {
    fn schema() -> RefOr<Schema> {
        use iso_currency::IntoEnumIterator;
        let mut codes: Vec<&'static str> = iso_currency::Currency::iter().map(|c| c.code()).collect();
        codes.sort_unstable();
        string_schema().enum_values(Some(codes)).examples(["USD"]).into()
    }
}

/// A phone number as people write it ([`crate::contact::PHONE_PATTERN`]);
/// checks to E.164 (`+998901234567`).
#[derive(Clone, PartialEq, Eq)]
pub struct Phone(String);
string_field!(Phone);

impl Checked for Phone {
    type Clean = String;
    fn check(&self) -> Result<String, FieldError> {
        crate::contact::normalise_phone(&self.0).ok_or(FieldError::Phone)
    }
}

impl PartialSchema for Phone {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .pattern(Some(crate::contact::PHONE_PATTERN))
            .examples(["+998 90 123-45-67"])
            .into()
    }
}

/// A handle as a link to its platform
/// ([`crate::contact_check::HANDLE_LINK_PATTERN`]).
#[derive(Clone, PartialEq, Eq)]
pub struct HandleLink(String);
string_field!(HandleLink);

impl Checked for HandleLink {
    type Clean = crate::contact_check::Handle;
    fn check(&self) -> Result<Self::Clean, FieldError> {
        crate::contact_check::handle_link(&self.0).ok_or(FieldError::HandleLink)
    }
}

impl PartialSchema for HandleLink {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .max_length(Some(crate::contact_check::MAX_CONTACT_CHARS))
            .pattern(Some(crate::contact_check::HANDLE_LINK_PATTERN))
            .examples(["https://t.me/istiqbol_jobs"])
            .into()
    }
}

/// A web site as an agency registers it
/// ([`crate::contact_check::WEBSITE_INPUT_PATTERN`]); checks to its domain.
/// The one thing the pattern cannot say: a social platform's address is a
/// handle, and refused here.
#[derive(Clone, PartialEq, Eq)]
pub struct WebAddress(String);
string_field!(WebAddress);

impl Checked for WebAddress {
    type Clean = String;
    fn check(&self) -> Result<String, FieldError> {
        crate::contact_check::website(&self.0).ok_or(FieldError::Website)
    }
}

impl PartialSchema for WebAddress {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .max_length(Some(crate::contact_check::MAX_CONTACT_CHARS))
            .pattern(Some(crate::contact_check::WEBSITE_INPUT_PATTERN))
            .examples(["https://istiqbol.uz"])
            .into()
    }
}

/// A licence number as a person types it: in any spelling the public check
/// reads as the same ([`crate::license_number::INPUT_PATTERN`], at most 64
/// characters).
#[derive(Clone, PartialEq, Eq)]
pub struct LicenseNumberText(String);
string_field!(LicenseNumberText);

impl Checked for LicenseNumberText {
    type Clean = crate::license_number::LicenseNumber;
    fn check(&self) -> Result<Self::Clean, FieldError> {
        crate::license_number::LicenseNumber::parse(&self.0).map_err(FieldError::LicenseNumber)
    }
}

impl PartialSchema for LicenseNumberText {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .min_length(Some(1))
            .max_length(Some(crate::license_number::MAX_INPUT_CHARS))
            .pattern(Some(crate::license_number::INPUT_PATTERN))
            .examples(["UZ-TK-0123"])
            .into()
    }
}

/// A card number as typed (`K-1234-5678`, any case, spaces or dashes
/// anywhere, Cyrillic К): its schema says [`crate::card::CARD_INPUT_PATTERN`];
/// [`crate::card::CardNumber::parse`] reads it, telling a mistyped digit
/// from what is no card at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardNumberText(String);
string_field!(CardNumberText);

impl PartialSchema for CardNumberText {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .min_length(Some(9))
            .max_length(Some(crate::card::MAX_INPUT_CHARS))
            .pattern(Some(crate::card::CARD_INPUT_PATTERN))
            .examples(["K-1234-5671"])
            .into()
    }
}

/// A job order's reference as typed (`J-1000-0012`, any case, spaces or
/// dashes anywhere, Cyrillic Ж): its schema says
/// [`crate::job_order::REFERENCE_INPUT_PATTERN`];
/// [`crate::job_order::JobOrderReference::parse`] reads it, telling a
/// mistyped digit from what is no reference at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobOrderReferenceText(String);
string_field!(JobOrderReferenceText);

impl PartialSchema for JobOrderReferenceText {
    fn schema() -> RefOr<Schema> {
        string_schema()
            .min_length(Some(9))
            .max_length(Some(crate::check_digit::MAX_INPUT_CHARS))
            .pattern(Some(crate::job_order::REFERENCE_INPUT_PATTERN))
            .examples(["J-1000-0012"])
            .into()
    }
}

macro_rules! date_field {
    ($(#[$doc:meta])* $name:ident, $pattern:expr) => {
        $(#[$doc])*
        /// Read strictly, unlike the text fields: what is not a date
        /// (`2026-11-29`) is refused as one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name(NaiveDate);

        impl $name {
            /// A date, for a request built in code.
            pub fn new(date: NaiveDate) -> Self {
                Self(date)
            }

            /// The date as given (before its range is checked).
            pub fn given(&self) -> NaiveDate {
                self.0
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                NaiveDate::deserialize(deserializer).map(Self)
            }
        }

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                string_schema()
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
                    .pattern(Some($pattern))
                    .examples(["2026-11-29"])
                    .into()
            }
        }

        impl ToSchema for $name {}
    };
}

date_field!(
    /// A day of a licence's validity (or the end of a suspension): 1900 to 2199.
    ValidityDate,
    crate::dates::VALIDITY_DATE_PATTERN
);

date_field!(
    /// A day something happened: from 1900 to a year after today (the
    /// pattern says up to 2099; the day decides the rest).
    EventDate,
    crate::dates::EVENT_DATE_PATTERN
);

impl Checked for ValidityDate {
    type Clean = NaiveDate;
    fn check(&self) -> Result<NaiveDate, FieldError> {
        crate::dates::check_validity_date(self.0).map_err(FieldError::Date)?;
        Ok(self.0)
    }
}

impl EventDate {
    /// The date, if it is from 1900 to a year after `today`.
    pub fn check_on(&self, today: NaiveDate) -> Result<NaiveDate, FieldError> {
        crate::dates::check_event_date(self.0, today).map_err(FieldError::Date)?;
        Ok(self.0)
    }
}

macro_rules! named {
    ($($ty:ty => $name:expr),* $(,)?) => {$(
        impl ToSchema for $ty {
            fn name() -> Cow<'static, str> {
                Cow::Owned($name)
            }
        }
    )*};
}

named!(Email => "Email".into(), Website => "Website".into(), TaxpayerId => "TaxpayerId".into(),
    Country => "Country".into(), Phone => "Phone".into(), HandleLink => "HandleLink".into(),
    WebAddress => "WebAddress".into(), LicenseNumberText => "LicenseNumberInput".into(),
    CardNumberText => "CardNumberInput".into(), CurrencyCode => "CurrencyCode".into(),
    JobOrderReferenceText => "JobOrderReferenceInput".into());

impl<const MAX: usize> ToSchema for Text<MAX> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("Text{MAX}"))
    }
}

impl<const MAX: usize> ToSchema for Said<MAX> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("NonBlankText{MAX}"))
    }
}

/// What the text fields hold can be personal data (a complainant's name):
/// their `Debug` says how long it is, never what it says.
macro_rules! quiet_debug {
    ($($name:ident $(<const $max:ident: usize>)?),*) => {$(
        impl$(<const $max: usize>)? std::fmt::Debug for $name$(<$max>)? {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "({} chars)"), self.0.chars().count())
            }
        }
    )*};
}

quiet_debug!(Text<const MAX: usize>, Said<const MAX: usize>, Email, Website, TaxpayerId, Country, Phone, HandleLink, WebAddress, LicenseNumberText);

#[cfg(test)]
mod tests {
    use super::*;

    /// The document's pattern and lengths, read as a client would.
    fn schema_allows<T: PartialSchema>(value: &str) -> bool {
        let schema = serde_json::to_value(T::schema()).unwrap();
        let pattern = regex::Regex::new(schema["pattern"].as_str().unwrap()).unwrap();
        let chars = value.chars().count() as u64;
        pattern.is_match(value)
            && schema["maxLength"].as_u64().is_none_or(|max| chars <= max)
            && schema["minLength"].as_u64().is_none_or(|min| chars >= min)
    }

    fn agree<T: PartialSchema + Checked + for<'de> Deserialize<'de>>(value: &str) -> bool {
        let typed: T = serde_json::from_value(serde_json::json!(value)).unwrap();
        let server = typed.check().is_ok();
        assert_eq!(
            schema_allows::<T>(value),
            server,
            "document and server disagree on {value:?}"
        );
        server
    }

    #[test]
    fn each_field_refuses_what_its_schema_forbids_and_nothing_else() {
        let long = "я".repeat(300);
        for (value, said, text) in [
            ("Istiqbol", true, true),
            ("", false, true),
            ("   ", false, true),
            ("\u{a0}", false, true),
            ("Ist\u{200b}iqbol", false, false),
            ("Istiqbol\u{202e}", false, false),
            ("line\nbreak", true, true),
            ("nul\u{0}", false, false),
            ("nel\u{85}", false, false),
            (long.as_str(), true, true),
            (&format!("{long}я"), false, false),
        ] {
            assert_eq!(agree::<Said<300>>(value), said, "said {value:?}");
            assert_eq!(agree::<Text<300>>(value), text, "text {value:?}");
        }
        for (value, ok) in [
            ("info@istiqbol.uz", true),
            ("info@", false),
            ("a b@c.uz", false),
            ("", false),
        ] {
            assert_eq!(agree::<Email>(value), ok, "{value:?}");
        }
        for (value, ok) in [
            ("https://istiqbol.uz/x", true),
            ("istiqbol.uz", false),
            ("http://x", false),
        ] {
            assert_eq!(agree::<Website>(value), ok, "{value:?}");
        }
        for (value, ok) in [("301234567", true), ("30123456", false), ("３01234567", false)] {
            assert_eq!(agree::<TaxpayerId>(value), ok, "{value:?}");
        }
        for (value, ok) in [("KR", true), ("kr", true), ("XX", false), ("KOR", false)] {
            assert_eq!(agree::<Country>(value), ok, "{value:?}");
        }
        for (value, ok) in [
            ("+998 90 123-45-67", true),
            ("90 123 45 67", true),
            ("call 901234567", false),
        ] {
            assert_eq!(agree::<Phone>(value), ok, "{value:?}");
        }
        for (value, ok) in [("UZ-TK-0123", true), ("уз тк 0123", false), ("-", false), ("", false)] {
            assert_eq!(agree::<LicenseNumberText>(value), ok, "{value:?}");
        }
    }

    #[test]
    fn text_is_stored_clean_and_debug_tells_nothing() {
        let name: Said<300> = serde_json::from_value(serde_json::json!("  Madina   Yusupova ")).unwrap();
        assert_eq!(name.check().unwrap(), "Madina Yusupova");
        assert!(!format!("{name:?}").contains("Madina"));
        let empty: Text<300> = serde_json::from_value(serde_json::json!("  ")).unwrap();
        assert_eq!(empty.check().unwrap(), None);
    }

    #[test]
    fn dates_keep_to_their_range() {
        let read = |s: &str| serde_json::from_value::<EventDate>(serde_json::json!(s));
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert!(read("2026-11-29").unwrap().check_on(today).is_ok());
        assert!(read("2028-11-29").unwrap().check_on(today).is_err());
        assert!(read("29.11.2026").is_err());
        let validity: ValidityDate = serde_json::from_value(serde_json::json!("2126-11-29")).unwrap();
        assert!(validity.check().is_ok());
    }
}
