ALTER TABLE signing_keys DROP COLUMN purpose;
DROP TABLE license_clock;
DROP TRIGGER licenses_in_feed ON licenses;
DROP TRIGGER agencies_in_feed ON agencies;
DROP FUNCTION require_change_entry();
DROP TABLE changes;
DROP FUNCTION notify_changes();
