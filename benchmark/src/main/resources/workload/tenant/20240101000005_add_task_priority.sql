-- migrate:up
ALTER TABLE tasks ADD COLUMN priority smallint NOT NULL DEFAULT 3;

-- migrate:down
ALTER TABLE tasks DROP COLUMN priority;
