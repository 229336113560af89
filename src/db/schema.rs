// @generated-style diesel schema, kept by hand in step with migrations/.

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

diesel::joinable!(licenses -> agencies (agency_id));
diesel::joinable!(license_events -> licenses (license_id));

diesel::allow_tables_to_appear_in_same_query!(agencies, licenses, license_events);
