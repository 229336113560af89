DROP TABLE audit_events;
DROP TABLE signing_keys;
DROP TABLE api_clients;
ALTER TABLE licenses DROP COLUMN suspended_until;
