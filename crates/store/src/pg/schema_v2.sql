-- Schema version 2 of the sitrep store in PostgreSQL: documents that change under one id (an
-- edited message). `revision` is when the stored version was written (RFC 3339); a later
-- revision of the same `doc` replaces it.
ALTER TABLE documents ADD COLUMN revision text;
CREATE INDEX documents_doc ON documents (doc);
