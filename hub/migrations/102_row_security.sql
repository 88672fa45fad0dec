-- 102: row-level security for the DSL's pages.
--
-- Page queries never run as the hub's own (owning) database user: each runs in a transaction that
-- does `set local role hallpass_pages` and sets two settings for that transaction only:
--   hallpass.scope      'school' (a school DSL), 'trust' (the trust DSL) or 'it' (an IT admin)
--   hallpass.school_id  the school of a school DSL
-- hallpass_pages is not the tables' owner, so these policies bind it whatever the SQL asks for:
-- a school DSL's query for another school's rows returns nothing, a query with no settings
-- returns nothing, and an IT admin reads devices and schools but never entries or reports.
-- The owner (ingest, CLI, sign-in) is not subject to them (row security is not forced).
do $$
begin
  if not exists (select from pg_roles where rolname = 'hallpass_pages') then
    create role hallpass_pages nologin;
  end if;
end
$$;
-- The hub's user must be able to switch to it (a superuser can anyway).
do $$
begin
  if not (select rolsuper from pg_roles where rolname = current_user)
     and not pg_has_role(current_user, 'hallpass_pages', 'member') then
    execute format('grant hallpass_pages to %I', current_user);
  end if;
end
$$;

create function hallpass_scope() returns text language sql stable as
  $$ select coalesce(nullif(current_setting('hallpass.scope', true), ''), 'none') $$;
create function hallpass_school() returns bigint language sql stable as
  $$ select nullif(current_setting('hallpass.school_id', true), '')::bigint $$;
grant execute on function hallpass_scope(), hallpass_school() to hallpass_pages;

grant select on schools, devices, entries, conflicts, audit to hallpass_pages;
grant select, insert, update on report_states to hallpass_pages;
grant select, insert on report_history to hallpass_pages;
grant select on access_trail to hallpass_pages;
grant usage on all sequences in schema public to hallpass_pages;

alter table schools enable row level security;
alter table devices enable row level security;
alter table entries enable row level security;
alter table conflicts enable row level security;
alter table audit enable row level security;
alter table report_states enable row level security;
alter table report_history enable row level security;
alter table access_trail enable row level security;

-- Device health (schools, devices, the hub's own audit): every signed-in role, a school DSL only its school.
create policy pages_schools on schools for select to hallpass_pages
  using (hallpass_scope() in ('trust', 'it') or (hallpass_scope() = 'school' and id = hallpass_school()));
create policy pages_devices on devices for select to hallpass_pages
  using (hallpass_scope() in ('trust', 'it') or (hallpass_scope() = 'school' and school_id = hallpass_school()));
create policy pages_audit on audit for select to hallpass_pages
  using (hallpass_scope() in ('trust', 'it') or (hallpass_scope() = 'school' and school_id = hallpass_school()));

-- Log contents and reports: the DSLs only, a school DSL only its school. Never the IT admin.
create policy pages_entries on entries for select to hallpass_pages
  using (hallpass_scope() = 'trust' or (hallpass_scope() = 'school' and school_id = hallpass_school()));
create policy pages_conflicts on conflicts for select to hallpass_pages
  using (hallpass_scope() = 'trust' or (hallpass_scope() = 'school' and exists (select 1 from devices d where d.id = device_id and d.school_id = hallpass_school())));
create policy pages_reports on report_states for all to hallpass_pages
  using (hallpass_scope() = 'trust' or (hallpass_scope() = 'school' and school_id = hallpass_school()))
  with check (hallpass_scope() = 'trust' or (hallpass_scope() = 'school' and school_id = hallpass_school()));
create policy pages_report_history on report_history for all to hallpass_pages
  using (hallpass_scope() = 'trust' or (hallpass_scope() = 'school' and school_id = hallpass_school()))
  with check (hallpass_scope() = 'trust' or (hallpass_scope() = 'school' and school_id = hallpass_school()));

-- The access trail: the trust DSL only.
create policy pages_trail on access_trail for select to hallpass_pages using (hallpass_scope() = 'trust');
