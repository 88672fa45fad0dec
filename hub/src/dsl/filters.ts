/** The DSL's filters as they arrive in a URL's query, checked; and the SQL they become. */
import { ROLES } from '../../../utils/core/types.ts';

export interface HubFilters {
  school?: number;
  device?: string;
  user?: string;
  role?: string;
  network?: string;
  event?: string;
  /** Inclusive local dates YYYY-MM-DD (the device's own wall clock). */
  from?: string;
  to?: string;
  schoolTime?: boolean;
}

export class BadFilter extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const realDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Empty values are "any"; anything malformed is refused with the field's name (never guessed). */
export function parseFilters(q: Record<string, unknown>): HubFilters {
  const get = (k: string): string | undefined => {
    const v = q[k];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') throw new BadFilter(`${k}: give it once`);
    if (v.length > 200) throw new BadFilter(`${k}: too long`);
    return v;
  };
  const f: HubFilters = {};
  const school = get('school');
  if (school !== undefined) {
    if (!/^\d{1,15}$/.test(school)) throw new BadFilter('school: not a school number');
    f.school = Number(school);
  }
  const device = get('device');
  if (device !== undefined) {
    if (!UUID.test(device)) throw new BadFilter('device: not a device id');
    f.device = device.toLowerCase();
  }
  const user = get('user');
  if (user !== undefined) f.user = user;
  const role = get('role');
  if (role !== undefined) {
    if (!(ROLES as readonly string[]).includes(role)) throw new BadFilter(`role: one of ${ROLES.join(', ')}`);
    f.role = role;
  }
  const network = get('network');
  if (network !== undefined) f.network = network;
  const event = get('event');
  if (event !== undefined) {
    if (!/^[a-z][a-z-]{0,39}$/.test(event)) throw new BadFilter('event: not a kind of event');
    f.event = event;
  }
  for (const k of ['from', 'to'] as const) {
    const v = get(k);
    if (v === undefined) continue;
    if (!realDate(v)) throw new BadFilter(`${k}: a date as YYYY-MM-DD`);
    f[k] = v;
  }
  const st = get('schoolTime');
  if (st !== undefined) {
    if (st !== 'yes' && st !== 'no') throw new BadFilter('schoolTime: yes or no');
    f.schoolTime = st === 'yes';
  }
  return f;
}

/** The query string for these filters (links keep the filter in force). */
export function filterQuery(f: HubFilters, extra: Record<string, string | number> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    p.set(k, typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const ATTEMPT_EVENTS = ['blocked', 'warned', 'continued'];

/**
 * WHERE conditions over entries aliased `e`, parameters from $start+1. The date range uses the
 * entry's own local date, and also a UTC window one day wider so the (…, at) indexes serve it.
 */
export function whereSql(f: HubFilters, start = 0): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conds: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${start + params.length}`;
  };
  if (f.school !== undefined) conds.push(`e.school_id = ${p(f.school)}`);
  if (f.device !== undefined) conds.push(`e.device_id = ${p(f.device)}::uuid`);
  if (f.user !== undefined) conds.push(`e."user" = ${p(f.user)}`);
  if (f.role !== undefined) conds.push(`e.role = ${p(f.role)}`);
  if (f.network !== undefined) conds.push(`e.network_id = ${p(f.network)}`);
  if (f.event !== undefined) conds.push(`e.event = ${p(f.event)}`);
  // Bounds computed here, compared as timestamp with timestamp and timestamptz with timestamptz:
  // those operators are leakproof, so PostgreSQL may use them in an index scan ahead of the
  // row-security policy (a date compared with a timestamp is not, and forces reading every row).
  const day = (d: string, plus: number) => new Date(Date.parse(`${d}T00:00:00Z`) + plus * 86_400_000).toISOString();
  if (f.from !== undefined) conds.push(`e.local_time >= ${p(`${f.from} 00:00:00`)}::timestamp`, `e.at >= ${p(day(f.from, -1))}::timestamptz`);
  if (f.to !== undefined) conds.push(`e.local_time < ${p(day(f.to, 1).slice(0, 10) + ' 00:00:00')}::timestamp`, `e.at < ${p(day(f.to, 2))}::timestamptz`);
  if (f.schoolTime !== undefined) conds.push(`e.school_time = ${p(f.schoolTime)}`);
  return { sql: conds.length ? conds.join(' and ') : 'true', params };
}
