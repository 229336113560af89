//! HTTP handlers, one file per operation. Handlers stay thin: they read the
//! request, call `domain` and `db`, and shape the answer.

pub mod agencies;
pub mod fallback;
pub mod health;
pub mod licenses;
pub mod pagination;
pub mod responses;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every API operation, so that the served routes and the OpenAPI
/// document come from one list.
pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(licenses::find_license::find_license)
        .service(licenses::list_license_events::list_license_events)
        .service(agencies::list_agencies::list_agencies)
        .service(agencies::find_agency::find_agency)
        .service(health::live)
        .service(health::ready);
}
