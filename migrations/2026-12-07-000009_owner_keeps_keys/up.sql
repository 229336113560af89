-- Keys and clients are the owner's: the runtime role reads them and may do
-- no more than replace a client's legacy Argon2 hash with the SHA-256 form
-- of the secret that client just proved. A key row written with the
-- runtime role's password would otherwise be trusted by every instance and
-- could sign a ministry token without any audit record.
REVOKE INSERT, UPDATE, DELETE ON signing_keys, api_clients FROM agency_registry_runtime;

CREATE FUNCTION upgrade_legacy_secret(client text, new_hash text) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE api_clients SET secret_hash = new_hash
    WHERE client_id = client AND secret_hash LIKE '$argon2%' AND new_hash LIKE 'sha256:%'
    RETURNING true
$$;
REVOKE ALL ON FUNCTION upgrade_legacy_secret(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION upgrade_legacy_secret(text, text) TO agency_registry_runtime;

-- A third purpose: the audit trail's public checkpoints.
ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_purpose_check;
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_purpose_check
    CHECK (purpose IN ('token', 'statement', 'checkpoint'));

-- The audit trail's public head: one signed checkpoint per hour (the newest
-- record written before the hour began), so that the public can keep heads
-- without learning when each complaint was filed. Append-only, written by
-- whichever instance signs the hour first.
CREATE TABLE audit_checkpoints (
    hour timestamptz PRIMARY KEY,
    seq bigint NOT NULL,
    hash text NOT NULL,
    jws text NOT NULL,
    signed_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON audit_checkpoints TO agency_registry_runtime;

-- A public reason (of a suspension, a revocation) written with a person's
-- data in it can be corrected, and only that: the history stays
-- append-only otherwise, and the runtime role still cannot update it.
-- correct_public_reason() replaces one history entry's reason, and the same
-- text in the change feed's entries of the licence's agency (an app replaying
-- the feed must not find it there); the use case that calls it records the
-- correction in the audit trail and announces the licence to the feed.
CREATE FUNCTION guard_license_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('registry.correcting_reason', true) = 'on'
       AND NEW.id = OLD.id AND NEW.license_id = OLD.license_id AND NEW.action = OLD.action
       AND NEW.effective_at = OLD.effective_at AND NEW.recorded_at = OLD.recorded_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'license_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
DROP TRIGGER license_events_append_only ON license_events;
CREATE TRIGGER license_events_append_only
    BEFORE UPDATE OR DELETE ON license_events
    FOR EACH ROW EXECUTE FUNCTION guard_license_events();

CREATE FUNCTION correct_public_reason(event bigint, corrected text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    previous text;
    agency uuid;
BEGIN
    SELECT e.reason, l.agency_id INTO previous, agency
        FROM license_events e JOIN licenses l ON l.id = e.license_id
        WHERE e.id = event;
    IF previous IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('registry.correcting_reason', 'on', true);
    UPDATE license_events SET reason = corrected WHERE id = event;
    PERFORM set_config('registry.correcting_reason', 'off', true);
    UPDATE changes
        SET body = replace(body::text, to_jsonb(previous)::text, to_jsonb(corrected)::text)::jsonb
        WHERE agency_id = agency AND strpos(body::text, to_jsonb(previous)::text) > 0;
    RETURN previous;
END;
$$;
REVOKE ALL ON FUNCTION correct_public_reason(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION correct_public_reason(bigint, text) TO agency_registry_runtime;
