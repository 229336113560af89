-- Run once by the postgres image when the database is created: the role the
-- service connects as. The migrations grant agency_registry_runtime what the
-- service needs (and nothing that rewrites the audit trail).
CREATE ROLE agency_registry_runtime NOLOGIN;
CREATE ROLE registry_app LOGIN PASSWORD 'registry_app' IN ROLE agency_registry_runtime;
