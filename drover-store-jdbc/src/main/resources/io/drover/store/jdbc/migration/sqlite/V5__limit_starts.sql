-- A limit's recent starts: the PostgreSQL migration of the same version says how they are kept.
CREATE TABLE limit_starts (
  limit_name TEXT    NOT NULL,
  bucket     INTEGER NOT NULL,
  starts     INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (limit_name, bucket)
) STRICT, WITHOUT ROWID;

CREATE INDEX limit_starts_expires_at ON limit_starts (expires_at);
