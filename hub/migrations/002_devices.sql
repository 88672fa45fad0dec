-- 002: devices, one row per extension install that has reached the hub.
--
-- id is the device's own random UUID (X-HallPass-Device). public_key is the base64 SPKI DER of
-- the device's ECDSA P-256 key, pinned at the first accepted request: later requests for this id
-- must be signed by it (else 403, recorded in audit, key_mismatches counted here).
-- A new device is unconfirmed until an admin confirms it (`npm run hub -- devices confirm <id>`):
-- a leaked ingest key can add new devices, and they are listed as new until someone looks.
-- label, version, browser, reported_school: as the device last reported them (resource attributes).
-- Chain state (what the DSL reads first):
--   chain_state 'intact' or 'broken'; broken_at_seq is the first sequence number where the chain
--   did not continue (a gap, a rewritten entry, a sequence going backwards, a conflicting re-send),
--   chain_problem says which, in a sentence. key_mismatches/last_key_mismatch_at: requests refused
--   because they were signed by another key (shown as "key mismatch").
-- last_seq/last_hash: the highest sequence number stored for the device and its hash (the head).
-- waiting / policy_problems: the outbox size and policy problems the device last reported.
-- last_seen: the last accepted request (a heartbeat counts), so a silent device can be told
--   from a quiet one (silent = last_seen older than HUB_SILENT_HOURS).
create table devices (
  id uuid primary key,
  school_id bigint not null references schools (id),
  public_key text not null,
  first_seen timestamptz not null default now(),
  last_seen timestamptz not null default now(),
  first_key_id text references ingest_keys (id),
  last_key_id text references ingest_keys (id),
  label text,
  version text,
  browser text,
  reported_school text,
  confirmed boolean not null default false,
  confirmed_at timestamptz,
  chain_state text not null default 'intact' check (chain_state in ('intact', 'broken')),
  broken_at_seq bigint,
  chain_problem text,
  key_mismatches integer not null default 0,
  last_key_mismatch_at timestamptz,
  last_seq bigint,
  last_hash text,
  entries_count bigint not null default 0,
  waiting integer,
  policy_problems jsonb not null default '[]'::jsonb,
  check ((chain_state = 'broken') = (broken_at_seq is not null))
);
create index devices_school on devices (school_id, last_seen);
