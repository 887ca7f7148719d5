-- migrate:up
CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL);

-- migrate:down
DROP TABLE notes;
