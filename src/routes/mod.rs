//! HTTP handlers, one file per operation. Handlers stay thin: they read the
//! request, call `domain` and `db`, and shape the answer.

pub mod agencies;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod changes;
pub mod check;
pub mod complaints;
pub mod contacts;
pub mod cors;
pub mod employers;
pub mod etag;
pub mod fallback;
pub mod fields;
pub mod health;
pub mod job_orders;
pub mod language;
pub mod licenses;
pub mod now;
pub mod observe;
pub mod pagination;
pub mod recruiters;
pub mod registry;
pub mod representatives;
pub mod validation;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every API operation, so that the served routes and the OpenAPI
/// document come from one list. The router tries them in this order, a
/// pattern match each: the two checks that carry the public load come first
/// (the contact check spent a twentieth of its time being routed past the
/// forty before it).
pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(licenses::find_license::find_license)
        .service(contacts::check_contact::check_contact)
        .service(licenses::find_license_statement::find_license_statement)
        .service(licenses::find_license_qr_svg::find_license_qr_svg)
        .service(licenses::find_license_qr_png::find_license_qr_png)
        .service(licenses::list_license_events::list_license_events)
        .service(licenses::create_license_event::create_license_event)
        .service(licenses::update_license_event_reason::update_license_event_reason)
        .service(agencies::list_agencies::list_agencies)
        .service(agencies::create_agency::create_agency)
        .service(agencies::find_agency::find_agency)
        .service(agencies::update_agency::update_agency)
        .service(agencies::replace_agency_channels::replace_agency_channels)
        .service(agencies::issue_license::issue_license)
        .service(agencies::create_representative::create_representative)
        .service(representatives::find_representative::find_representative)
        .service(representatives::find_representative_statement::find_representative_statement)
        .service(representatives::find_representative_qr_svg::find_representative_qr_svg)
        .service(representatives::find_representative_qr_png::find_representative_qr_png)
        .service(representatives::update_representative::update_representative)
        .service(representatives::create_representative_withdrawal::create_representative_withdrawal)
        .service(job_orders::list_job_orders::list_job_orders)
        .service(job_orders::find_job_order::find_job_order)
        .service(job_orders::find_job_order_statement::find_job_order_statement)
        .service(job_orders::find_job_order_qr_svg::find_job_order_qr_svg)
        .service(job_orders::find_job_order_qr_png::find_job_order_qr_png)
        .service(licenses::create_job_order::create_job_order)
        .service(job_orders::update_job_order::update_job_order)
        .service(job_orders::create_job_order_event::create_job_order_event)
        .service(employers::find_employer::find_employer)
        .service(employers::create_employer::create_employer)
        .service(employers::update_employer::update_employer)
        .service(employers::create_employer_event::create_employer_event)
        .service(auth::token::issue_token)
        .service(auth::jwks::jwks)
        .service(audit::list_audit_events::list_audit_events)
        .service(audit::find_audit_head::find_audit_head)
        .service(audit::verify_audit_chain::verify_audit_chain)
        .service(audit::check_audit_checkpoint::check_audit_checkpoint)
        .service(complaints::create_complaint::create_complaint)
        .service(complaints::list_complaints::list_complaints)
        .service(complaints::find_complaint::find_complaint)
        .service(complaints::create_complaint_event::create_complaint_event)
        .service(complaints::list_complaint_events::list_complaint_events)
        .service(complaints::add_complaint_note::add_complaint_note)
        .service(complaints::publish_recruiter::publish_recruiter)
        .service(complaints::withdraw_recruiter::withdraw_recruiter)
        .service(recruiters::list_reported_recruiters::list_reported_recruiters)
        .service(changes::list_changes::list_changes)
        .service(registry::find_snapshot::find_snapshot)
        .service(check::show_check::show_check)
        // Before `/check/{number}`, which would take `share` for a number.
        .service(check::show_share::show_share)
        .service(check::find_check_job_order::find_check_job_order)
        .service(check::find_check::find_check)
        .service(check::find_check_representative::find_check_representative)
        .service(health::live)
        .service(health::ready);
}
