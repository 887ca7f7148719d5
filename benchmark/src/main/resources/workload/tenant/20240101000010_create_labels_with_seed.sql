-- migrate:up
CREATE TABLE labels (
    id smallserial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    color text NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$')
);

CREATE TABLE task_labels (
    task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    label_id smallint NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, label_id)
);

INSERT INTO labels (name, color) VALUES
    ('bug', '#d73a4a'),
    ('feature', '#a2eeef'),
    ('chore', '#cfd3d7');

-- migrate:down
DROP TABLE task_labels;
DROP TABLE labels;
