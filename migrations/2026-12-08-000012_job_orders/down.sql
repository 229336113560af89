DELETE FROM changes WHERE agency_id IS NULL;
ALTER TABLE changes ALTER COLUMN agency_id SET NOT NULL;
DROP TABLE job_orders;
DROP TABLE employers;
