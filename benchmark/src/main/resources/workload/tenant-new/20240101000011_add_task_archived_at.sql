-- migrate:up
ALTER TABLE tasks ADD COLUMN archived_at timestamptz;
CREATE INDEX tasks_archived ON tasks (archived_at) WHERE archived_at IS NOT NULL;

-- migrate:down
DROP INDEX tasks_archived;
ALTER TABLE tasks DROP COLUMN archived_at;
