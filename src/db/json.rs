//! A `jsonb` column read into its type and written from it: a stored value
//! that no longer fits the type is an error, never a silent `None`.

use std::io::Write;

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Jsonb as JsonbColumn;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// `T` as JSON in a `jsonb` column.
#[derive(Debug, Clone, PartialEq, Eq, AsExpression, FromSqlRow)]
#[diesel(sql_type = JsonbColumn)]
pub struct Jsonb<T>(pub T);

/// The only version of the binary `jsonb` format.
const JSONB_VERSION: u8 = 1;

impl<T: DeserializeOwned> FromSql<JsonbColumn, Pg> for Jsonb<T> {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        let bytes = value.as_bytes();
        let (version, json) = bytes.split_first().ok_or("an empty jsonb value")?;
        if *version != JSONB_VERSION {
            return Err(format!("jsonb version {version} is not known").into());
        }
        // The error names the shape that failed, never the stored text.
        serde_json::from_slice(json).map(Jsonb).map_err(|e| {
            format!(
                "a stored {} does not fit: {}",
                std::any::type_name::<T>(),
                e.classify_name()
            )
            .into()
        })
    }
}

impl<T: Serialize + std::fmt::Debug> ToSql<JsonbColumn, Pg> for Jsonb<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        out.write_all(&[JSONB_VERSION])?;
        serde_json::to_writer(out, &self.0)?;
        Ok(IsNull::No)
    }
}

trait Classify {
    fn classify_name(&self) -> &'static str;
}

impl Classify for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "input",
            serde_json::error::Category::Syntax => "syntax",
            serde_json::error::Category::Data => "fields",
            serde_json::error::Category::Eof => "end",
        }
    }
}
