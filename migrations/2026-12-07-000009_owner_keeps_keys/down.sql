DROP TABLE audit_checkpoints;
ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_purpose_check;
DELETE FROM signing_keys WHERE purpose = 'checkpoint';
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_purpose_check CHECK (purpose IN ('token', 'statement'));
DROP FUNCTION upgrade_legacy_secret(text, text);
GRANT INSERT, UPDATE ON signing_keys, api_clients TO agency_registry_runtime;
