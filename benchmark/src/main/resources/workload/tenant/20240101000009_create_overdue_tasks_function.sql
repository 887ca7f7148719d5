-- migrate:up
CREATE FUNCTION overdue_tasks(as_of date)
RETURNS TABLE (task_id bigint, title text, days_late integer)
LANGUAGE sql STABLE
AS $$
    SELECT id, title, as_of - due_on
    FROM tasks
    WHERE due_on < as_of AND status <> 'done'
    ORDER BY due_on;
$$;

-- migrate:down
DROP FUNCTION overdue_tasks(date);
