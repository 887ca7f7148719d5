-- migrate:up
CREATE TABLE tenants (slug text PRIMARY KEY);

-- migrate:down
DROP TABLE tenants;
