-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_created_at ON notes (created_at);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS notes_created_at;
