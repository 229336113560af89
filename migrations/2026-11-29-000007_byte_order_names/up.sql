-- Agencies are listed by legal name in code-point order, whatever the
-- database's locale: the in-memory read model of every instance sorts names
-- by their bytes (UTF-8, so code points), and a cursor minted by an instance
-- answering from memory must keep its place on one answering from Postgres.
ALTER TABLE agencies ALTER COLUMN legal_name TYPE text COLLATE "C";
