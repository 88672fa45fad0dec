-- 004: the hub's own record of what it did and refused (the DSL's warnings come from here).
--
-- kind:
--   'refused'       a request was refused (status and reason say why: unknown key, bad signature, ...)
--   'key-mismatch'  a request for a known device signed by another key than the pinned one
--   'new-device'    a device reached the hub for the first time (unconfirmed until an admin confirms)
--   'chain-broken'  a device's chain stopped continuing (gap, rewrite, backwards, conflict)
--   'cli'           an admin action through the CLI (school created, key created or revoked, device confirmed)
-- device_id is text, not a reference: refusals may name devices the hub has never stored.
-- detail holds the specifics as JSON (field names, seq numbers); never a secret, never a key.
create table audit (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  kind text not null check (kind ~ '^[a-z][a-z-]{0,39}$'),
  school_id bigint references schools (id),
  device_id text,
  key_id text,
  status integer,
  reason text not null,
  remote_addr text,
  detail jsonb
);
create index audit_at on audit (at);
create index audit_school_at on audit (school_id, at);
create index audit_device on audit (device_id, at);
