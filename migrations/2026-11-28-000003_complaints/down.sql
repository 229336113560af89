ALTER TABLE agencies DROP COLUMN complaint_counts;
DROP TABLE idempotency_keys;
DROP TABLE complaint_events;
DROP TABLE complaints;
DROP SEQUENCE complaint_reference_seq;
