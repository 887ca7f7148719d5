-- migrate:up
-- IF NOT EXISTS: the benchmark creates and fills this table before any runner starts, since the
-- runners read their tenant list from it.
CREATE TABLE IF NOT EXISTS tenants (
    slug text PRIMARY KEY
);

-- migrate:down
DROP TABLE tenants;
