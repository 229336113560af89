DROP TABLE license_events;
DROP FUNCTION refuse_history_rewrite();
DROP TABLE licenses;
DROP TABLE agencies;
