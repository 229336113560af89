//! Text columns read into the domain's enums.
//!
//! The enums live in `domain/`, which knows no diesel, so their column
//! mappings are here: diesel's `foreign_derive` gives the expression and row
//! impls, and `ToSql`/`FromSql` go through each enum's `as_str`/`parse`. An
//! unknown value in the database is an error, never a silent default.

use std::io::Write;

use diesel::deserialize::FromSqlRow;
use diesel::deserialize::{self, FromSql};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;

use crate::auth::{KeyPurpose, Role};
use crate::domain::license_status::{LicenseAction, LicenseStatus};
use crate::domain::triage::{ComplaintCategory, ComplaintEventKind, ComplaintStatus};

macro_rules! text_enum {
    ($($proxy:ident => $ty:ty),* $(,)?) => {$(
        #[derive(AsExpression, FromSqlRow)]
        #[diesel(foreign_derive, sql_type = Text)]
        #[allow(dead_code)]
        struct $proxy($ty);

        impl ToSql<Text, Pg> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                out.write_all(self.as_str().as_bytes())?;
                Ok(IsNull::No)
            }
        }

        impl FromSql<Text, Pg> for $ty {
            fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                let text = std::str::from_utf8(value.as_bytes())?;
                <$ty>::parse(text).ok_or_else(|| unknown(stringify!($ty), text))
            }
        }
    )*};
}

text_enum! {
    LicenseStatusColumn => LicenseStatus,
    LicenseActionColumn => LicenseAction,
    ComplaintStatusColumn => ComplaintStatus,
    ComplaintCategoryColumn => ComplaintCategory,
    ComplaintEventKindColumn => ComplaintEventKind,
    RoleColumn => Role,
    KeyPurposeColumn => KeyPurpose,
}

fn unknown(kind: &str, text: &str) -> Box<dyn std::error::Error + Send + Sync> {
    format!("the database holds `{text:.40}`, which is no {kind}: a migration is missing").into()
}
