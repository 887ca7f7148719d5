-- migrate:up
CREATE TABLE tenants (
    slug text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE tenants;
