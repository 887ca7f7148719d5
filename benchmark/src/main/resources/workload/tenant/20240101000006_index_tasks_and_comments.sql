-- migrate:up
CREATE INDEX tasks_project_status ON tasks (project_id, status);
CREATE INDEX tasks_assignee ON tasks (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX comments_task_created ON comments (task_id, created_at);

-- migrate:down
DROP INDEX comments_task_created;
DROP INDEX tasks_assignee;
DROP INDEX tasks_project_status;
