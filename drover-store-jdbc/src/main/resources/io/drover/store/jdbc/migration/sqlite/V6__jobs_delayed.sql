-- The next delayed job per queue: the PostgreSQL migration of the same version says why.
CREATE INDEX jobs_delayed ON jobs (queue, run_at) WHERE state IN ('scheduled', 'retrying');
