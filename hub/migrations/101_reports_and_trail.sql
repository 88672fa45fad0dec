-- 101: what the DSL decided about pupils' reports, and the access trail of the pages.
--
-- report_states: one row per report entry (device_id, seq of an entry with event 'report') once a
--   DSL has set it: 'seen' or 'handled' (no row = new), a note, who set it and when. school_id is
--   copied from the entry so row-level security needs no join. report_history keeps every change.
-- access_trail: every view of log contents (reports, entries, repeated attempts, charts, summary)
--   and every export: who, when, what, with which filter. Only the trust DSL reads it (page
--   "Access trail"); nothing in the hub updates or deletes it.
create table report_states (
  device_id uuid not null,
  seq bigint not null,
  school_id bigint not null references schools (id),
  state text not null check (state in ('new', 'seen', 'handled')),
  note text not null default '' check (length(note) <= 2000),
  set_by text not null,
  set_at timestamptz not null default now(),
  primary key (device_id, seq),
  foreign key (device_id, seq) references entries (device_id, seq)
);
create index report_states_school on report_states (school_id);

create table report_history (
  id bigint generated always as identity primary key,
  device_id uuid not null,
  seq bigint not null,
  school_id bigint not null references schools (id),
  state text not null,
  note text not null,
  set_by text not null,
  set_at timestamptz not null default now()
);
create index report_history_report on report_history (device_id, seq);

create table access_trail (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  account_id bigint references accounts (id) on delete set null,
  email text not null,
  role text not null,
  school_id bigint references schools (id),
  action text not null check (action ~ '^[a-z][a-z-]{0,39}$'),
  filter jsonb not null default '{}'::jsonb,
  rows integer,
  remote_addr text
);
create index access_trail_at on access_trail (at);

-- The reports page and the trust DSL's unfiltered views read the newest entries of every school.
create index entries_report on entries (at) where event = 'report';
create index entries_at on entries (at);
