/** What the DSL's pages read. Every function takes a scoped transaction (scoped.ts): row-level security decides what it can see. */
import type { LogEntry } from '../../../utils/core/log/types.ts';
import { perDay } from '../../../utils/core/log/summary.ts';
import type { Queryable } from '../db/types.ts';
import { deviceColumns, deviceFromRow, type DeviceRecord } from '../devices.ts';
import { ATTEMPT_EVENTS, whereSql, type HubFilters } from './filters.ts';

export interface HubEntry extends LogEntry {
  deviceId: string;
  school: string;
  link: string;
  conflict: boolean;
}

interface EntryRow {
  device_id: string;
  school: string;
  body: string;
  hash: string;
  prev_hash: string;
  link: string;
  conflict: boolean;
}

/** The body is the authority (what the device hashed); columns are only for filtering. */
export function toHubEntry(r: EntryRow): HubEntry {
  const data = JSON.parse(r.body) as LogEntry;
  return { ...data, prevHash: r.prev_hash, hash: r.hash, deviceId: r.device_id, school: r.school, link: r.link, conflict: r.conflict };
}

const ENTRY_COLS = 'e.device_id, s.name as school, e.body, e.hash, e.prev_hash, e.link, e.conflict';

export const PAGE_SIZE = 50;

export async function entriesPage(tx: Queryable, f: HubFilters, page: number): Promise<{ entries: HubEntry[]; more: boolean }> {
  const w = whereSql(f);
  const { rows } = await tx.query<EntryRow>(
    `select ${ENTRY_COLS} from entries e join schools s on s.id = e.school_id
      where ${w.sql} order by e.at desc, e.device_id, e.seq desc limit ${PAGE_SIZE + 1} offset ${page * PAGE_SIZE}`,
    w.params,
  );
  return { entries: rows.slice(0, PAGE_SIZE).map(toHubEntry), more: rows.length > PAGE_SIZE };
}

export interface ReportRow {
  entry: HubEntry;
  deviceLabel: string | null;
  state: 'new' | 'seen' | 'handled';
  note: string;
  setBy: string | null;
  setAt: Date | null;
}

export async function reports(tx: Queryable, f: HubFilters, limit = 200): Promise<ReportRow[]> {
  const w = whereSql({ ...f, event: 'report' });
  const { rows } = await tx.query<EntryRow & { label: string | null; state: string | null; note: string | null; set_by: string | null; set_at: Date | null }>(
    `select ${ENTRY_COLS}, d.label, r.state, r.note, r.set_by, r.set_at
       from entries e join schools s on s.id = e.school_id join devices d on d.id = e.device_id
       left join report_states r on r.device_id = e.device_id and r.seq = e.seq
      where ${w.sql} order by e.at desc, e.device_id, e.seq desc limit ${limit}`,
    w.params,
  );
  return rows.map((r) => ({
    entry: toHubEntry(r),
    deviceLabel: r.label,
    state: (r.state ?? 'new') as ReportRow['state'],
    note: r.note ?? '',
    setBy: r.set_by,
    setAt: r.set_at,
  }));
}

/** Sets a report's state; false when the viewer cannot see that report (row security) or it is not a report. */
export async function setReportState(
  tx: Queryable,
  deviceId: string,
  seq: number,
  state: 'new' | 'seen' | 'handled',
  note: string,
  by: string,
): Promise<boolean> {
  const { rows } = await tx.query<{ school_id: number }>(
    `insert into report_states (device_id, seq, school_id, state, note, set_by, set_at)
     select e.device_id, e.seq, e.school_id, $3, $4, $5, now() from entries e where e.device_id = $1::uuid and e.seq = $2 and e.event = 'report'
     on conflict (device_id, seq) do update set state = excluded.state, note = excluded.note, set_by = excluded.set_by, set_at = now()
     returning school_id`,
    [deviceId, seq, state, note, by],
  );
  const row = rows[0];
  if (!row) return false;
  await tx.query('insert into report_history (device_id, seq, school_id, state, note, set_by) values ($1::uuid, $2, $3, $4, $5, $6)', [
    deviceId,
    seq,
    row.school_id,
    state,
    note,
    by,
  ]);
  return true;
}

export interface Flagged {
  key: string;
  label: string;
  school: string;
  date: string;
  count: number;
  devices: number;
}

/** Users (where the browser knows them) and devices over the threshold of attempts in a day, across devices. */
export async function repeatedAttempts(tx: Queryable, f: HubFilters, threshold: number): Promise<{ users: Flagged[]; devices: Flagged[] }> {
  const w = whereSql(f, 2);
  const base = `from entries e join schools s on s.id = e.school_id where e.event = any($1::text[]) and ${w.sql}`;
  const users = await tx.query<{ user: string; school: string; day: string; n: number; devices: number }>(
    `select e."user", min(s.name) as school, to_char(e.local_time, 'YYYY-MM-DD') as day, count(*)::int as n, count(distinct e.device_id)::int as devices
       ${base} and e."user" <> 'unknown'
      group by e."user", day having count(*) >= $2 order by day desc, n desc, e."user" limit 500`,
    [ATTEMPT_EVENTS, threshold, ...w.params],
  );
  const devices = await tx.query<{ device_id: string; label: string | null; school: string; day: string; n: number }>(
    `select e.device_id, min(d.label) as label, min(s.name) as school, to_char(e.local_time, 'YYYY-MM-DD') as day, count(*)::int as n
       from entries e join schools s on s.id = e.school_id join devices d on d.id = e.device_id
      where e.event = any($1::text[]) and ${w.sql}
      group by e.device_id, day having count(*) >= $2 order by day desc, n desc limit 500`,
    [ATTEMPT_EVENTS, threshold, ...w.params],
  );
  return {
    users: users.rows.map((r) => ({ key: r.user, label: r.user, school: r.school, date: r.day, count: r.n, devices: r.devices })),
    devices: devices.rows.map((r) => ({ key: r.device_id, label: r.label ?? r.device_id, school: r.school, date: r.day, count: r.n, devices: 1 })),
  };
}

export interface Charts {
  perDay: { date: string; count: number }[];
  perNetwork: { network: string; count: number }[];
  total: number;
}

/** Attempts per local day (every day from the first to the last, zeros filled in) and per network. */
export async function charts(tx: Queryable, f: HubFilters): Promise<Charts> {
  const w = whereSql(f, 1);
  const days = await tx.query<{ day: string; n: number }>(
    `select to_char(e.local_time, 'YYYY-MM-DD') as day, count(*)::int as n from entries e where e.event = any($1::text[]) and ${w.sql} group by day`,
    [ATTEMPT_EVENTS, ...w.params],
  );
  const nets = await tx.query<{ network: string; n: number }>(
    `select coalesce(min(e.network_name), e.network_id, '(no network)') as network, count(*)::int as n from entries e
      where e.event = any($1::text[]) and ${w.sql} group by e.network_id order by n desc, network limit 30`,
    [ATTEMPT_EVENTS, ...w.params],
  );
  const counts = new Map(days.rows.map((r) => [r.day, r.n] as const));
  return { perDay: perDay(counts), perNetwork: nets.rows.map((r) => ({ network: r.network, count: r.n })), total: days.rows.reduce((s, r) => s + r.n, 0) };
}

/** A device as the pages read it: the same record the CLI lists (devices.ts). */
export type DeviceRow = DeviceRecord;

export const needsAttention = (d: DeviceRow): boolean => d.chainState === 'broken' || d.keyMismatches > 0 || d.silentDays !== null;

/** Every device the viewer may see; broken, key-mismatched or silent ones first. */
export async function devices(tx: Queryable, f: Pick<HubFilters, 'school' | 'device'>, silentHours: number): Promise<DeviceRow[]> {
  const { rows } = await tx.query<Record<string, unknown>>(
    `select ${deviceColumns('$3')}
       from devices d join schools s on s.id = d.school_id
      where ($1::bigint is null or d.school_id = $1) and ($2::uuid is null or d.id = $2::uuid)
      order by s.name, d.label nulls last, d.id`,
    [f.school ?? null, f.device ?? null, silentHours],
  );
  const list = rows.map(deviceFromRow);
  // Stable: within each group the order above stays.
  return [...list.filter(needsAttention), ...list.filter((d) => !needsAttention(d))];
}

export async function schools(tx: Queryable): Promise<{ id: number; name: string }[]> {
  return (await tx.query<{ id: number; name: string }>('select id, name from schools order by name')).rows;
}

export interface Summary {
  total: number;
  perEvent: { event: string; count: number }[];
  perSchool: { school: string; count: number }[];
  reports: { state: string; count: number }[];
  charts: Charts;
  flaggedUsers: Flagged[];
  devices: { total: number; broken: number; keyMismatch: number; silent: number };
}

/**
 * The printable summary's (and the bench's "summary page") queries, for the filter in force.
 * One pass over the matching entries (a materialised CTE of the few columns needed) serves every
 * count, since a school's entries are spread over the whole table (devices of every school write
 * at the same time) and each further scan would read it again.
 */
export async function summary(tx: Queryable, f: HubFilters, threshold: number, silentHours: number): Promise<Summary> {
  const w = whereSql(f, 2);
  const { rows } = await tx.query<{ k: string; a: string | null; b: string | null; n: number; d: number | null }>(
    `with m as materialized (
       select e.event, e.school_id, e.network_id, e.network_name, to_char(e.local_time, 'YYYY-MM-DD') as day, e."user", e.device_id
         from entries e where ${w.sql})
     select 'event' as k, event as a, null as b, count(*)::int as n, null::int as d from m group by event
     union all select 'school', school_id::text, null, count(*)::int, null from m group by school_id
     union all select 'day', day, null, count(*)::int, null from m where event = any($1::text[]) group by day
     union all select 'network', network_id, min(network_name), count(*)::int, null from m where event = any($1::text[]) group by network_id
     union all select 'flag', "user", day, count(*)::int, count(distinct device_id)::int from m where event = any($1::text[]) and "user" <> 'unknown'
       group by "user", day having count(*) >= $2`,
    [ATTEMPT_EVENTS, threshold, ...w.params],
  );
  const rw = whereSql(f, 0);
  const rep = await tx.query<{ state: string; n: number }>(
    `select coalesce(r.state, 'new') as state, count(*)::int as n from entries e left join report_states r on r.device_id = e.device_id and r.seq = e.seq
      where e.event = 'report' and ${rw.sql} group by 1 order by 1`,
    rw.params,
  );
  const dev = await tx.query<{ total: number; broken: number; mismatch: number; silent: number }>(
    `select count(*)::int as total, count(*) filter (where chain_state = 'broken')::int as broken, count(*) filter (where key_mismatches > 0)::int as mismatch,
            count(*) filter (where silent_since is not null or last_seen < now() - make_interval(secs => $2::float8 * 3600))::int as silent
       from devices d where ($1::bigint is null or d.school_id = $1)`,
    [f.school ?? null, silentHours],
  );
  // School names apart: joining them onto every entry made the planner loop over schools per row.
  const names = new Map((await schools(tx)).map((x) => [String(x.id), x.name] as const));
  const of = (k: string) => rows.filter((r) => r.k === k);
  const perEvent = of('event')
    .map((r) => ({ event: r.a ?? '', count: r.n }))
    .sort((a, b) => b.count - a.count || (a.event < b.event ? -1 : 1));
  const networks = of('network')
    .map((r) => ({ network: r.b ?? r.a ?? '(no network)', count: r.n }))
    .sort((a, b) => b.count - a.count || (a.network < b.network ? -1 : a.network > b.network ? 1 : 0))
    .slice(0, 30);
  const days = new Map(of('day').map((r) => [r.a ?? '', r.n] as const));
  const d = dev.rows[0]!;
  return {
    total: perEvent.reduce((s2, r) => s2 + r.count, 0),
    perEvent,
    perSchool: of('school')
      .map((r) => ({ school: names.get(r.a ?? '') ?? `school ${r.a}`, count: r.n }))
      .sort((a, b) => (a.school < b.school ? -1 : 1)),
    reports: rep.rows.map((r) => ({ state: r.state, count: r.n })),
    charts: { perDay: perDay(days), perNetwork: networks, total: [...days.values()].reduce((s2, n) => s2 + n, 0) },
    flaggedUsers: of('flag')
      .map((r) => ({ key: r.a ?? '', label: r.a ?? '', school: '', date: r.b ?? '', count: r.n, devices: r.d ?? 0 }))
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.count - a.count || (a.label < b.label ? -1 : 1)))
      .slice(0, 500),
    devices: { total: d.total, broken: d.broken, keyMismatch: d.mismatch, silent: d.silent },
  };
}

/**
 * Where the hub's copy of each device's chain starts, when not at entry 1: right after the
 * retention purge's horizon (the seq and hash of the last entry it deleted), else at the first
 * entry the hub holds (a device that had purged older entries before it first delivered).
 */
export async function exportStarts(tx: Queryable, f: Pick<HubFilters, 'school' | 'device'>): Promise<Map<string, { seq: number; prevHash: string }>> {
  const { rows } = await tx.query<{ id: string; seq: number; prev_hash: string }>(
    `select d.id, coalesce(d.purged_seq + 1, f.seq) as seq, coalesce(d.purged_hash, f.prev_hash) as prev_hash
       from devices d left join lateral (select seq, prev_hash from entries where device_id = d.id order by seq limit 1) f on true
      where ($1::bigint is null or d.school_id = $1) and ($2::uuid is null or d.id = $2::uuid) and (d.purged_seq is not null or f.seq > 1)`,
    [f.school ?? null, f.device ?? null],
  );
  return new Map(rows.map((r) => [r.id, { seq: r.seq, prevHash: r.prev_hash }]));
}

/**
 * Entries for an export, a page at a time (keyset, never OFFSET). order 'chain' (JSON): one device
 * after another in sequence order, as a verifier reads them. order 'time' (CSV): by time, which a
 * date range's index serves directly instead of walking every device's whole chain.
 */
export async function* exportPages(
  run: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>,
  f: HubFilters,
  pageSize = 5000,
  order: 'chain' | 'time' = 'chain',
): AsyncGenerator<HubEntry[]> {
  let after: { device: string; seq: number; at: Date } | null = null;
  let names: Map<number, string> | null = null;
  const byTime = order === 'time';
  for (;;) {
    const w = whereSql(f, 3);
    const cursor: { device: string; seq: number; at: Date } | null = after;
    const keyset = byTime
      ? '($1::uuid is null or (e.at, e.device_id, e.seq) > ($3::timestamptz, $1::uuid, $2::bigint))'
      : '($1::uuid is null or (e.device_id, e.seq) > ($1::uuid, $2::bigint)) and ($3::timestamptz is null or true)';
    // School names apart, not joined onto every row (see summary()).
    const rows: { rows: (EntryRow & { at: Date; school_id: number })[] } = await run(async (tx) => {
      if (!names) names = new Map((await schools(tx)).map((x) => [x.id, x.name] as const));
      return tx.query<EntryRow & { at: Date; school_id: number }>(
        `select e.device_id, e.school_id, '' as school, e.body, e.hash, e.prev_hash, e.link, e.conflict, e.at from entries e
          where ${keyset} and ${w.sql}
          order by ${byTime ? 'e.at, e.device_id, e.seq' : 'e.device_id, e.seq'} limit ${pageSize}`,
        [cursor?.device ?? null, cursor?.seq ?? 0, cursor?.at ?? null, ...w.params],
      );
    });
    if (!rows.rows.length) return;
    const page: HubEntry[] = rows.rows.map((r) => toHubEntry({ ...r, school: names?.get(r.school_id) ?? `school ${r.school_id}` }));
    yield page;
    const lastRow = rows.rows[rows.rows.length - 1]!;
    after = { device: lastRow.device_id, seq: page[page.length - 1]!.seq, at: lastRow.at };
    if (rows.rows.length < pageSize) return;
  }
}
