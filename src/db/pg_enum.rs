//! Text columns read into the domain's enums.
//!
//! The enums live in the domain crate, which knows no diesel, so their
//! column mappings are here, through [`Stored`]: `ToSql`/`FromSql` go
//! through each enum's `as_str`/`parse`. An unknown value in the database
//! is an error, never a silent default.

use std::io::Write;

use diesel::deserialize::FromSqlRow;
use diesel::deserialize::{self, FromSql};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Nullable, Text};

use crate::domain::access::{KeyPurpose, Role};
use crate::domain::employer::EmployerStatus;
use crate::domain::job_order::{JobOrderStatus, WagePeriod};
use crate::domain::license_status::{LicenseAction, LicenseStatus};
use crate::domain::representative::RepresentativeStatus;
use crate::domain::triage::{ComplaintCategory, ComplaintEventKind, ComplaintStatus};

/// An enum of the domain kept in a text column.
pub trait StoredAsText: Sized + Copy + std::fmt::Debug + 'static {
    /// The name of the kind, for the error a stray value makes.
    const KIND: &'static str;
    /// The text stored.
    fn stored(self) -> &'static str;
    /// The enum a stored text names, if any.
    fn read(text: &str) -> Option<Self>;
}

macro_rules! text_enum {
    ($($ty:ty),* $(,)?) => {$(
        impl StoredAsText for $ty {
            const KIND: &'static str = stringify!($ty);
            fn stored(self) -> &'static str {
                self.as_str()
            }
            fn read(text: &str) -> Option<Self> {
                <$ty>::parse(text)
            }
        }
        impl From<Stored<$ty>> for $ty {
            fn from(stored: Stored<$ty>) -> Self {
                stored.0
            }
        }
        impl From<$ty> for Stored<$ty> {
            fn from(value: $ty) -> Self {
                Stored(value)
            }
        }
        impl From<Stored<Option<$ty>>> for Option<$ty> {
            fn from(stored: Stored<Option<$ty>>) -> Self {
                stored.0
            }
        }
        impl From<Option<$ty>> for Stored<Option<$ty>> {
            fn from(value: Option<$ty>) -> Self {
                Stored(value)
            }
        }
    )*};
}

text_enum! {
    LicenseStatus,
    LicenseAction,
    ComplaintStatus,
    ComplaintCategory,
    ComplaintEventKind,
    Role,
    KeyPurpose,
    RepresentativeStatus,
    EmployerStatus,
    JobOrderStatus,
    WagePeriod,
}

/// A domain enum on its way to or from a text column: the orphan rule
/// keeps diesel's traits off the domain crate's types, so the models name
/// this as their fields' `serialize_as` / `deserialize_as`. `Stored<Option<_>>`
/// is a nullable column.
#[derive(Debug, Clone, Copy, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct Stored<T>(pub T);

impl<T: StoredAsText> ToSql<Text, Pg> for Stored<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        out.write_all(self.0.stored().as_bytes())?;
        Ok(IsNull::No)
    }
}

impl<T: StoredAsText> ToSql<Text, Pg> for Stored<Option<T>> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        match self.0 {
            Some(value) => {
                out.write_all(value.stored().as_bytes())?;
                Ok(IsNull::No)
            }
            None => Ok(IsNull::Yes),
        }
    }
}

impl<T: StoredAsText> FromSql<Text, Pg> for Stored<T> {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        let text = std::str::from_utf8(value.as_bytes())?;
        T::read(text).map(Stored).ok_or_else(|| unknown(T::KIND, text))
    }
}

impl<T: StoredAsText> FromSql<Nullable<Text>, Pg> for Stored<Option<T>> {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        Stored::<T>::from_sql(value).map(|Stored(v)| Stored(Some(v)))
    }

    fn from_nullable_sql(value: Option<PgValue<'_>>) -> deserialize::Result<Self> {
        match value {
            Some(value) => Self::from_sql(value),
            None => Ok(Stored(None)),
        }
    }
}

fn unknown(kind: &str, text: &str) -> Box<dyn std::error::Error + Send + Sync> {
    format!("the database holds `{text:.40}`, which is no {kind}: a migration is missing").into()
}
