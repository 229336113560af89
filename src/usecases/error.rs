//! What a use case can fail with, in the registry's words: no HTTP status,
//! no header, no diesel error. The HTTP edge (`crate::error`) turns each
//! into a problem, in one place.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

use crate::i18n::Message;

/// Why a use case did not happen.
#[derive(Debug, thiserror::Error)]
pub enum UseCaseError {
    /// No licence with this number is registered.
    #[error("licence {0} is not registered")]
    LicenseNotFound(String),
    /// What the change names does not exist.
    #[error("{0}")]
    NotFound(Message),
    /// The change conflicts with the registry's state (a taken number).
    #[error("{0}")]
    Conflict(Message),
    /// A licence transition that is not possible from its status.
    #[error("{detail}")]
    ImpossibleTransition {
        /// What is wrong.
        detail: Message,
        /// The actions possible now.
        possible: Vec<String>,
    },
    /// The version the change was based on is no longer current.
    #[error("stale version")]
    StaleVersion,
    /// The change's content is invalid.
    #[error("{detail}")]
    Invalid {
        /// Summary.
        detail: Message,
        /// The offending fields.
        errors: Vec<FieldReason>,
    },
    /// Text the database cannot store (a NUL) slipped past validation.
    #[error("{0}")]
    Unstorable(Message),
    /// A quota is spent; it allows again after `retry_after` seconds.
    #[error("{detail}")]
    TooMany {
        /// What was limited.
        detail: Message,
        /// Seconds to wait.
        retry_after: u64,
    },
    /// The database cannot be reached, or is overloaded, right now.
    #[error("database unavailable")]
    Unavailable,
    /// A fault of the service; its cause was logged when it was made.
    #[error("internal error")]
    Internal,
}

impl UseCaseError {
    /// An internal error: logs `cause` once; what is said of it carries none of it.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::Internal
    }

    /// The one field `field` refused for `reason`.
    pub fn invalid(field: &str, reason: Message) -> Self {
        Self::Invalid {
            detail: crate::msg!("detail-invalid-fields", fields = field),
            errors: vec![FieldReason::new(field, reason)],
        }
    }
}

/// A field of a request and why it is refused, before it is said in a
/// language.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldReason {
    /// The field (or query parameter) name.
    pub field: String,
    /// What is wrong with it.
    pub reason: Message,
}

impl FieldReason {
    /// `field` refused for `reason`.
    pub fn new(field: impl Into<String>, reason: Message) -> Self {
        Self {
            field: field.into(),
            reason,
        }
    }
}

impl From<DieselError> for UseCaseError {
    fn from(err: DieselError) -> Self {
        match &err {
            DieselError::NotFound => Self::NotFound(Message::new("detail-resource-not-found")),
            DieselError::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                _,
            ) => {
                tracing::warn!(error = %err, "database unreachable");
                Self::Unavailable
            }
            // Input that slipped past validation with a NUL or other text
            // Postgres cannot store is still the client's error, not ours.
            DieselError::DatabaseError(_, info)
                if info.message().starts_with("invalid byte sequence")
                    || info.message().starts_with("unsupported Unicode escape sequence") =>
            {
                Self::Unstorable(Message::new("detail-unstorable-text"))
            }
            DieselError::DatabaseError(_, info) if is_transient(info.message()) => {
                tracing::warn!(error = %err, "database overloaded or restarting");
                Self::Unavailable
            }
            _ => Self::internal(err),
        }
    }
}

impl UseCaseError {
    /// 409 with `detail` for a unique violation; any other error as usual.
    pub fn conflict_on_unique(err: DieselError, detail: Message) -> Self {
        match err {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => Self::Conflict(detail),
            other => other.into(),
        }
    }
}

/// Messages of Postgres errors that pass: a statement timeout, a server
/// shutting down or starting up.
fn is_transient(message: &str) -> bool {
    [
        "canceling statement due to",
        "terminating connection",
        "the database system is",
    ]
    .iter()
    .any(|m| message.starts_with(m))
}

impl From<diesel_async::pooled_connection::deadpool::PoolError> for UseCaseError {
    fn from(err: diesel_async::pooled_connection::deadpool::PoolError) -> Self {
        tracing::warn!(error = %err, "no database connection available");
        Self::Unavailable
    }
}

/// Collects field errors of one request body.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldReason>);

impl FieldErrors {
    /// Starts with the `validator` findings of `body`.
    pub fn of<T: validator::Validate>(body: &T) -> Self {
        let mut errors = Self::default();
        if let Err(found) = body.validate() {
            for (field, errs) in found.field_errors() {
                for err in errs {
                    errors.add(field.as_ref(), describe(err));
                }
            }
        }
        errors
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: &str, reason: Message) {
        self.0.push(FieldReason::new(field, reason));
    }

    /// The value of `field` as stored, or records why it is refused (the
    /// check its type's schema states).
    pub fn check<F: crate::domain::fields::Checked>(&mut self, field: &str, value: &F) -> Option<F::Clean> {
        value
            .check()
            .map_err(|e| self.add(field, crate::i18n::Message::from(&e)))
            .ok()
    }

    /// [`Self::check`] of an optional field: `None` when it is absent or refused.
    pub fn check_optional<F: crate::domain::fields::Checked>(
        &mut self,
        field: &str,
        value: Option<&F>,
    ) -> Option<F::Clean> {
        value.and_then(|v| self.check(field, v))
    }

    /// [`Self::check`] of each item of a list (`field[i]`).
    pub fn check_each<F: crate::domain::fields::Checked>(&mut self, field: &str, values: &[F]) -> Vec<F::Clean> {
        let mut clean = Vec::with_capacity(values.len());
        for (i, value) in values.iter().enumerate() {
            clean.extend(self.check(&format!("{field}[{i}]"), value));
        }
        clean
    }

    /// 422 listing every problem, if there is any.
    pub fn finish(self) -> Result<(), UseCaseError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let fields: Vec<_> = self.0.iter().map(|e| e.field.as_str()).collect();
        Err(UseCaseError::Invalid {
            detail: crate::msg!("detail-invalid-fields", fields = fields.join(", ")),
            errors: self.0,
        })
    }
}

/// The reason of a `validator` finding (the derive's rules are lengths).
fn describe(err: &validator::ValidationError) -> Message {
    let param = |name: &str| err.params.get(name).and_then(serde_json::Value::as_u64);
    match (err.code.as_ref(), param("min"), param("max")) {
        ("length", Some(min), Some(max)) => crate::msg!("reason-length-between", min = min, max = max),
        ("length", None, Some(max)) => crate::msg!("reason-length-at-most", max = max),
        ("length", Some(min), None) => crate::msg!("reason-length-at-least", min = min),
        _ => Message::new("reason-invalid"),
    }
}
