-- Grain state is compressed with lz4 instead of pglz.
--
-- A sampling task's state (up to ~8 kB of JSON with its history) is rewritten on every step of its life, and
-- PostgreSQL compresses each version before storing it: with pglz that was the largest single cost in a profile of
-- the workflow benchmark (8 % of all CPU on the machine). lz4 compresses about as well at a fraction of the cost.
-- Rows already stored keep their pglz values until they are next written; both read back alike.
ALTER TABLE orleansstorage ALTER COLUMN payloadbinary SET COMPRESSION lz4;
