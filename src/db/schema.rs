// @generated automatically by Diesel CLI.

pub mod sql_types {
    #[derive(diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "xid8", schema = "pg_catalog"))]
    pub struct Xid8;
}

diesel::table! {
    agencies (id) {
        id -> Uuid,
        legal_name -> Text,
        other_names -> Array<Text>,
        taxpayer_id -> Text,
        region -> Text,
        address -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        website -> Nullable<Text>,
        search_names -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        complaint_counts -> Jsonb,
        version -> Int8,
        channels -> Jsonb,
    }
}

diesel::table! {
    api_clients (client_id) {
        client_id -> Text,
        name -> Text,
        role -> Text,
        organization -> Nullable<Text>,
        secret_hash -> Text,
        created_at -> Timestamptz,
        disabled_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    audit_checkpoints (hour) {
        hour -> Timestamptz,
        seq -> Int8,
        hash -> Text,
        jws -> Text,
        signed_at -> Timestamptz,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Int8,
        occurred_at -> Timestamptz,
        actor -> Text,
        actor_role -> Text,
        resource_type -> Text,
        resource_id -> Text,
        action -> Text,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
        request_id -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Xid8;

    changes (seq) {
        seq -> Int8,
        at -> Timestamptz,
        #[sql_name = "type"]
        type_ -> Text,
        subject -> Text,
        agency_id -> Nullable<Uuid>,
        body -> Jsonb,
        xid -> Xid8,
    }
}

diesel::table! {
    complaint_events (id) {
        id -> Int8,
        complaint_id -> Uuid,
        kind -> Text,
        status -> Text,
        note -> Nullable<Text>,
        actor -> Text,
        actor_role -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    complaints (id) {
        id -> Uuid,
        reference -> Text,
        status -> Text,
        outcome -> Nullable<Text>,
        category -> Text,
        agency_id -> Nullable<Uuid>,
        license_number -> Nullable<Text>,
        recruiter_name -> Nullable<Text>,
        recruiter_phones -> Array<Text>,
        recruiter_handles -> Array<Text>,
        recruiter_place -> Nullable<Text>,
        description -> Text,
        incident_date -> Nullable<Date>,
        destination_country -> Nullable<Text>,
        workers_affected -> Nullable<Int4>,
        complainant -> Nullable<Jsonb>,
        filed_by -> Text,
        organization -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        recruiter_published_at -> Nullable<Timestamptz>,
        recruiter_published_by -> Nullable<Text>,
    }
}

diesel::table! {
    employers (id) {
        id -> Uuid,
        legal_name -> Text,
        other_names -> Array<Text>,
        country -> Text,
        registration_number -> Text,
        sectors -> Array<Text>,
        address -> Nullable<Text>,
        status -> Text,
        status_reason -> Nullable<Text>,
        status_since -> Nullable<Date>,
        history -> Jsonb,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    idempotency_keys (client_id, key) {
        client_id -> Text,
        key -> Text,
        request_hash -> Text,
        response_status -> Nullable<Int4>,
        created_at -> Timestamptz,
        complaint_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    job_orders (id) {
        id -> Uuid,
        reference_serial -> Int4,
        license_id -> Uuid,
        agency_id -> Uuid,
        employer_id -> Uuid,
        destination_country -> Text,
        sector -> Text,
        position -> Text,
        workers_needed -> Int4,
        wage_minor -> Int8,
        wage_currency -> Text,
        wage_period -> Text,
        hours_per_week -> Int2,
        contract_months -> Int2,
        worker_fee_minor -> Int8,
        worker_fee_currency -> Text,
        employer_provides -> Array<Text>,
        approved_on -> Date,
        valid_until -> Date,
        status -> Text,
        history -> Jsonb,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    license_clock (license_id) {
        license_id -> Uuid,
        status -> Text,
        can_recruit -> Bool,
        next_check -> Nullable<Date>,
    }
}

diesel::table! {
    license_events (id) {
        id -> Int8,
        license_id -> Uuid,
        action -> Text,
        reason -> Nullable<Text>,
        effective_at -> Timestamptz,
        recorded_at -> Timestamptz,
    }
}

diesel::table! {
    licenses (id) {
        id -> Uuid,
        license_number -> Text,
        lookup_key -> Text,
        agency_id -> Uuid,
        status -> Text,
        valid_from -> Date,
        valid_until -> Date,
        destination_countries -> Array<Text>,
        sectors -> Array<Text>,
        status_reason -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        suspended_until -> Nullable<Date>,
        version -> Int8,
    }
}

diesel::table! {
    representatives (id) {
        id -> Uuid,
        agency_id -> Uuid,
        card_serial -> Int4,
        full_name -> Text,
        regions -> Array<Text>,
        phones -> Array<Text>,
        handles -> Jsonb,
        valid_from -> Date,
        valid_until -> Nullable<Date>,
        status -> Text,
        withdrawn_on -> Nullable<Date>,
        withdrawal_reason -> Nullable<Text>,
        history -> Jsonb,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    signing_keys (kid) {
        kid -> Text,
        private_key -> Text,
        public_key -> Text,
        created_at -> Timestamptz,
        retired_at -> Nullable<Timestamptz>,
        purpose -> Text,
    }
}

diesel::joinable!(complaint_events -> complaints (complaint_id));
diesel::joinable!(complaints -> agencies (agency_id));
diesel::joinable!(complaints -> api_clients (filed_by));
diesel::joinable!(idempotency_keys -> api_clients (client_id));
diesel::joinable!(idempotency_keys -> complaints (complaint_id));
diesel::joinable!(job_orders -> agencies (agency_id));
diesel::joinable!(job_orders -> employers (employer_id));
diesel::joinable!(job_orders -> licenses (license_id));
diesel::joinable!(license_clock -> licenses (license_id));
diesel::joinable!(license_events -> licenses (license_id));
diesel::joinable!(licenses -> agencies (agency_id));
diesel::joinable!(representatives -> agencies (agency_id));

diesel::allow_tables_to_appear_in_same_query!(
    agencies,
    api_clients,
    audit_checkpoints,
    audit_events,
    changes,
    complaint_events,
    complaints,
    employers,
    idempotency_keys,
    job_orders,
    license_clock,
    license_events,
    licenses,
    representatives,
    signing_keys,
);
