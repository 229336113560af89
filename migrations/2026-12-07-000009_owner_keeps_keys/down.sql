DROP FUNCTION correct_public_reason(bigint, text);
DROP TRIGGER license_events_append_only ON license_events;
CREATE TRIGGER license_events_append_only BEFORE UPDATE OR DELETE ON license_events
    FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
DROP FUNCTION guard_license_events();
DROP TABLE audit_checkpoints;
ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_purpose_check;
DELETE FROM signing_keys WHERE purpose = 'checkpoint';
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_purpose_check CHECK (purpose IN ('token', 'statement'));
DROP FUNCTION upgrade_legacy_secret(text, text);
GRANT INSERT, UPDATE ON signing_keys, api_clients TO agency_registry_runtime;
