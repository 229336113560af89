//! The moment a request is answered for: the service's clock (a test's
//! clock in tests), read once per request, so that every reader of a
//! licence's standing asks it about the same day.

use std::convert::Infallible;
use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::registry_today;
use crate::usecases::clock::Clock;

/// Now, by the service's clock.
#[derive(Debug, Clone, Copy)]
pub struct Now(pub DateTime<Utc>);

impl Now {
    /// The registry's day (Tashkent's).
    pub fn today(&self) -> NaiveDate {
        registry_today(self.0)
    }
}

impl FromRequest for Now {
    type Error = Infallible;
    type Future = Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let now = req
            .app_data::<web::Data<Clock>>()
            .map_or_else(Utc::now, |clock| clock.now());
        ready(Ok(Self(now)))
    }
}
