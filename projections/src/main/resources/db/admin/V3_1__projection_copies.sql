-- Blue/green projection rebuilds (admin/rebuild).
-- A job can be cancelled.
ALTER TABLE admin_job DROP CONSTRAINT IF EXISTS admin_job_state;
ALTER TABLE admin_job ADD CONSTRAINT admin_job_state
    CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled'));
CREATE INDEX IF NOT EXISTS admin_job_by_start ON admin_job (started_at DESC, id DESC);

-- Which copy of a processor's views is live ('' = the original one); changed by the switch of a rebuild.
CREATE TABLE IF NOT EXISTS projection_copy (
    processor   VARCHAR(255) NOT NULL PRIMARY KEY,
    copy        VARCHAR(64)  NOT NULL,
    switched_at TIMESTAMPTZ  NOT NULL
);

-- Mongo collections by the name the code uses -> the collection that holds the live copy. Readers
-- (projections, query-side) consult it; a name without a row is its own collection.
CREATE TABLE IF NOT EXISTS collection_alias (
    name       VARCHAR(255) NOT NULL PRIMARY KEY,
    target     VARCHAR(255) NOT NULL,
    processor  VARCHAR(255) NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
