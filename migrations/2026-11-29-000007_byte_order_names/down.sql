ALTER TABLE agencies ALTER COLUMN legal_name TYPE text COLLATE "default";
