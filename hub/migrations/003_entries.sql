-- 003: the log entries as devices delivered them, and the conflicting re-sends.
--
-- entries: one row per (device_id, seq), never updated except for the conflict flag.
--   body is the canonical JSON exactly as the device hashed it (the authority: anyone can recompute
--   hash = SHA-256 hex(prev_hash || "\n" || body)); the hub recomputed it before storing.
--   The other columns are parsed from body for the DSL's filters: at (UTC), local_time (wall clock
--   in the device's timezone), user, role, event, network_id, network_name, host, path,
--   school_time, text, person; device_label is the entry's own `device` field.
--   school_id is copied from the device so per-school queries (and row-level security) need no join.
--   link says how the entry joined the chain when it arrived:
--     'ok'        prev_hash is the hash of the stored entry seq-1
--     'start'     the first entry the hub holds for this device (seq 1 from genesis, or where a
--                 device that had purged old entries began delivering)
--     'gap'       entries between the device's head and this one never arrived
--     'rewritten' seq-1 is stored but prev_hash does not match it: history before it was changed
--     'backwards' arrived after a higher seq (filling in behind the head)
--   conflict is set when the device later sent different content for this seq (see conflicts).
--
-- Large volumes: plain table + B-tree indexes, not time partitioning. A trust with 5,000 devices
-- and ~100 entries a device a day writes ~180 M rows a year, well within what B-trees on
-- (school_id, at) serve for the DSL's "this school, this date range, maybe this user/network"
-- queries. Partitioning by time would force the partition key into every unique constraint, so
-- (device_id, seq) could no longer be enforced as unique across partitions, and that uniqueness is
-- what makes re-sends harmless. Retention deletes by (school_id, at) in batches through the same
-- index. A BRIN index on received_at stays tiny and serves "what arrived lately".
create table entries (
  device_id uuid not null references devices (id),
  seq bigint not null check (seq >= 1),
  school_id bigint not null references schools (id),
  received_at timestamptz not null default now(),
  body text not null,
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  at timestamptz not null,
  local_time timestamp not null,
  timezone text not null,
  "user" text not null,
  role text not null,
  event text not null,
  network_id text,
  network_name text,
  host text,
  path text,
  school_time boolean not null,
  text text,
  person text,
  device_label text,
  link text not null check (link in ('ok', 'start', 'gap', 'rewritten', 'backwards')),
  conflict boolean not null default false,
  primary key (device_id, seq)
);
create index entries_school_at on entries (school_id, at);
create index entries_school_user_at on entries (school_id, "user", at);
create index entries_school_network_at on entries (school_id, network_id, at);
create index entries_school_event_at on entries (school_id, event, at);
create index entries_received_brin on entries using brin (received_at);

-- conflicts: a re-send whose content differs from what the hub already holds for (device_id, seq).
-- The stored entry is never replaced; the new content is kept here beside the hash it contradicts.
create table conflicts (
  id bigint generated always as identity primary key,
  device_id uuid not null references devices (id),
  seq bigint not null,
  received_at timestamptz not null default now(),
  body text not null,
  hash text not null,
  prev_hash text not null,
  stored_hash text not null
);
create index conflicts_device on conflicts (device_id, seq);
