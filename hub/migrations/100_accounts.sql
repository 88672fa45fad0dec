-- 100: who may sign in to the DSL's pages, their sessions, and every sign-in attempt.
--
-- accounts: role 'school-dsl' (one school: school_id required), 'trust-dsl' (every school) or
--   'it-admin' (device health and hub status, never log contents). password_hash is an argon2id
--   PHC string (salt and cost inside it); created and reset only from the hub CLI.
-- sessions: id_hash is SHA-256 hex of the random cookie value (the cookie itself is never stored,
--   so whoever reads this table cannot sign in with it). csrf is the per-session token every form
--   carries. A session ends after idle time (last_seen), at sign-out, or when the password is reset.
-- login_throttle: one row per account ('account:<email>') and per address ('addr:<ip>'); each wrong
--   password doubles the wait before the next try. Kept in the database so a restart does not reset it.
-- login_attempts: every attempt, right or wrong or refused while locked (the trust DSL reads them).
create table accounts (
  id bigint generated always as identity primary key,
  email text not null unique check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
  role text not null check (role in ('school-dsl', 'trust-dsl', 'it-admin')),
  school_id bigint references schools (id),
  password_hash text not null,
  created_at timestamptz not null default now(),
  password_set_at timestamptz not null default now(),
  check ((role = 'school-dsl') = (school_id is not null))
);

create table sessions (
  id_hash text primary key check (id_hash ~ '^[0-9a-f]{64}$'),
  account_id bigint not null references accounts (id) on delete cascade,
  csrf text not null,
  created_at timestamptz not null default now(),
  last_seen timestamptz not null default now(),
  ended_at timestamptz,
  remote_addr text
);
create index sessions_account on sessions (account_id);

create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  locked_until timestamptz not null default now(),
  last_failure timestamptz not null default now()
);

create table login_attempts (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  email text not null,
  account_id bigint references accounts (id) on delete set null,
  remote_addr text,
  ok boolean not null,
  reason text not null
);
create index login_attempts_at on login_attempts (at);
