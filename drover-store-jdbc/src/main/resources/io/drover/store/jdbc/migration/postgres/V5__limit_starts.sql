-- A limit's recent starts, for its status: per bucket of its window (StartWindow), the governed
-- jobs claims started in it. A claim adds its own once per limit; cleanup drops buckets past
-- expires_at (epoch milliseconds), when no count reads them any more. A limit saved anew or deleted
-- loses its rows, as it does its rates.
CREATE TABLE limit_starts (
  limit_name TEXT COLLATE "C" NOT NULL,
  bucket     BIGINT NOT NULL,
  starts     BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (limit_name, bucket)
);

CREATE INDEX limit_starts_expires_at ON limit_starts (expires_at);
