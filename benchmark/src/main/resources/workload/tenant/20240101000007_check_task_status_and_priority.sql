-- migrate:up
ALTER TABLE tasks
    ADD CONSTRAINT tasks_status_known CHECK (status IN ('open', 'in_progress', 'blocked', 'done')),
    ADD CONSTRAINT tasks_priority_range CHECK (priority BETWEEN 1 AND 5);

-- migrate:down
ALTER TABLE tasks
    DROP CONSTRAINT tasks_priority_range,
    DROP CONSTRAINT tasks_status_known;
