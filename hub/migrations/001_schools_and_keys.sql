-- 001: schools and their ingest keys.
--
-- schools: one row per school (a trust has many). The name is what the CLI and the DSL's pages
--   show; devices report the policy's school name too, but the hub trusts the key, not that text.
-- ingest_keys: the bearer keys devices present (policy key `hub.key`). The full key looks like
--   `hp_<key id>_<secret>`; only the key id (not secret: it is a lookup handle) is stored in clear.
--   The secret is stored as a salted scrypt hash (node:crypto, N=16384 r=8 p=1, 32-byte output):
--   whoever reads this table cannot present the key. A key belongs to one school; revoking sets
--   revoked_at and the key is refused from then on. Devices belong to the school, not to the key,
--   so rotating (create a new key, move the policy, revoke the old one) keeps every device's history.
create table schools (
  id bigint generated always as identity primary key,
  name text not null unique check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table ingest_keys (
  id text primary key check (id ~ '^[a-z0-9]{8,32}$'),
  school_id bigint not null references schools (id),
  salt bytea not null,
  hash bytea not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index ingest_keys_school on ingest_keys (school_id);
