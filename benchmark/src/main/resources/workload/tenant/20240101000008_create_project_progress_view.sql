-- migrate:up
CREATE VIEW project_progress AS
SELECT p.id AS project_id,
       p.name,
       count(t.id) AS tasks,
       count(t.id) FILTER (WHERE t.status = 'done') AS done,
       min(t.due_on) FILTER (WHERE t.status <> 'done') AS next_due_on
FROM projects p
LEFT JOIN tasks t ON t.project_id = p.id
GROUP BY p.id, p.name;

-- migrate:down
DROP VIEW project_progress;
