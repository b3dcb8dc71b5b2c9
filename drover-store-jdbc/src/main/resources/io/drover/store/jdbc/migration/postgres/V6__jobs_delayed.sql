-- An idle worker sleeps until the next delayed job of its queues is due (JobStore.nextDue), since
-- nothing announces a time coming. This index finds that job in each queue without reading the
-- jobs already due; it holds only jobs waiting for a time, so jobs enqueued to run at once cost it
-- nothing. Building it reads the table once: on a large one, expect this migration to take a while.
CREATE INDEX jobs_delayed ON jobs (queue, run_at) WHERE state IN ('scheduled', 'retrying');
