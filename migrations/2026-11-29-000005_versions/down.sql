DROP TRIGGER licenses_version ON licenses;
DROP TRIGGER agencies_version ON agencies;
DROP FUNCTION bump_version();
ALTER TABLE licenses DROP COLUMN version;
ALTER TABLE agencies DROP COLUMN version;
