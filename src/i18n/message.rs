//! Something the registry says, before it is said in a language.
//!
//! Errors are made deep in a request (a use case, a validator) and answered
//! at its end; they carry a [`Message`] (an id of the Fluent files and its
//! arguments), and the answer renders it in the request's language. Logs and
//! the command line render it in English.

use std::fmt;

use fluent_templates::fluent_bundle::FluentValue;

use crate::domain::dates::OutOfRange;
use crate::domain::fields::FieldError;
use crate::domain::language::Lang;
use crate::domain::license_number::{LicenseNumberError, MAX_INPUT_CHARS};
use crate::domain::lifecycle::ImpossibleTransition;
use crate::domain::text::TextError;
use crate::domain::triage::ImpossibleTriage;

/// A message id of the Fluent files with its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// An argument of a [`Message`].
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Said as it is (a field name, a licence number, a code).
    Text(String),
    /// A number: it chooses the plural forms around it.
    Number(i64),
    /// Another message, said in the same language (a field's reason inside
    /// a sentence about the field).
    Message(Box<Message>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Self::Text(s.clone())
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Self::Message(Box::new(m))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Self::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i32, i64, u8, u16, u32, u64, usize);

impl Message {
    /// The message `id`, without arguments yet.
    pub const fn new(id: &'static str) -> Self {
        Self { id, args: Vec::new() }
    }

    /// Adds the argument `name`.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        if self.args.is_empty() {
            return super::text(lang, self.id);
        }
        let args: Vec<(&'static str, FluentValue<'static>)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(s) => super::string(s.as_str()),
                    Arg::Number(n) => super::number(*n),
                    Arg::Message(m) => super::string(m.in_lang(lang)),
                };
                (*name, value)
            })
            .collect();
        super::text_with(lang, self.id, &args)
    }

    /// The message in the language of the request being answered.
    pub fn in_current(&self) -> String {
        self.in_lang(super::current())
    }
}

/// English: for logs, the command line and `Display` of errors.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

/// A [`Message`] with its arguments:
/// `msg!("reason-length-at-most", max = 300)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($id)$(.with(stringify!($name), $value))*
    };
}

impl From<&TextError> for Message {
    fn from(e: &TextError) -> Self {
        Message::new(match e {
            TextError::BidiControl => "reason-bidi-control",
            TextError::ZeroWidth => "reason-zero-width",
            TextError::Control => "reason-control",
        })
    }
}

impl From<&FieldError> for Message {
    fn from(e: &FieldError) -> Self {
        match e {
            FieldError::Text(e) => e.into(),
            FieldError::Blank => Message::new("reason-blank"),
            FieldError::TooLong { max } => crate::msg!("reason-length-at-most", max = *max),
            FieldError::Email => Message::new("reason-email"),
            FieldError::Website => Message::new("reason-website"),
            FieldError::TaxpayerId => Message::new("reason-taxpayer-id"),
            FieldError::Country => Message::new("reason-country"),
            FieldError::Phone => Message::new("reason-phone"),
            FieldError::HandleLink => Message::new("reason-handle-link"),
            FieldError::LicenseNumber(e) => e.into(),
            FieldError::Date(e) => e.into(),
            FieldError::Currency => Message::new("reason-currency"),
        }
    }
}

impl From<&OutOfRange> for Message {
    fn from(e: &OutOfRange) -> Self {
        crate::msg!(
            "reason-date-between",
            earliest = e.earliest.to_string(),
            latest = e.latest.to_string()
        )
    }
}

impl From<&LicenseNumberError> for Message {
    fn from(e: &LicenseNumberError) -> Self {
        match e {
            LicenseNumberError::Empty => Message::new("reason-license-number-empty"),
            LicenseNumberError::TooLong => crate::msg!("reason-license-number-too-long", max = MAX_INPUT_CHARS),
            LicenseNumberError::InvalidCharacter(c) => {
                crate::msg!(
                    "reason-license-number-character",
                    found = c.escape_default().to_string()
                )
            }
        }
    }
}

impl From<&ImpossibleTransition> for Message {
    fn from(e: &ImpossibleTransition) -> Self {
        let names: Vec<_> = e.possible.iter().map(|c| c.as_str()).collect();
        let message = if names.is_empty() {
            Message::new("detail-impossible-transition-final")
        } else {
            crate::msg!("detail-impossible-transition", possible = names.join(", "))
        };
        message
            .with("status", e.from.as_str())
            .with("action", e.command.action().as_str())
    }
}

impl From<&ImpossibleTriage> for Message {
    fn from(e: &ImpossibleTriage) -> Self {
        let next: Vec<_> = e.from.next().iter().map(|s| s.as_str()).collect();
        let message = if next.is_empty() {
            Message::new("detail-impossible-triage-final")
        } else {
            crate::msg!("detail-impossible-triage", possible = next.join(", "))
        };
        message.with("status", e.from.as_str()).with("to", e.to.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_said_in_each_language_with_its_arguments() {
        let reason = crate::msg!("reason-length-at-most", max = 300);
        let detail = crate::msg!("detail-body-misfit", field = "legal_name", reason = reason.clone());
        assert_eq!(reason.to_string(), "must be at most 300 characters");
        assert_eq!(
            detail.in_lang(Lang::En),
            "The body does not fit this operation: legal_name must be at most 300 characters."
        );
        for lang in Lang::ALL {
            let said = detail.in_lang(lang);
            assert!(said.contains("legal_name") && said.contains("300"), "{said}");
            assert!(said.contains(&reason.in_lang(lang)), "{said}");
            assert!(!said.contains("detail-") && !said.contains("reason-"), "{said}");
        }
        assert_ne!(detail.in_lang(Lang::Ru), detail.in_lang(Lang::En));
        assert_ne!(detail.in_lang(Lang::UzCyrl), detail.in_lang(Lang::UzLatn));
    }
}
