/** Counts for the DSL page's charts and "who needs a conversation" list. Pure. */
import type { LogEntryData, LogEvent } from './types';
import { reportMarks, type ReportMark } from './report-status';

export interface LogSummary {
  perDay: { date: string; count: number }[];
  perNetwork: { networkId: string; networkName: string; count: number }[];
  perUser: { user: string; count: number }[];
  flagged: { user: string; date: string; count: number }[];
  reports: LogEntryData[];
  /** The DSL's latest mark on each report (seen or handled, with a note), by the report's seq. */
  marks: Record<number, ReportMark>;
  total: number;
}

/** A chart of more than about a year is unreadable; the most recent days are the ones that matter. */
export const MAX_CHART_DAYS = 400;

/** Trying to reach a site; a report or an exception request is the opposite of a worry. */
const ATTEMPTS: ReadonlySet<LogEvent> = new Set<LogEvent>(['blocked', 'warned', 'continued']);

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(m: RegExpExecArray): boolean {
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === m[0];
}

/** The local date of an entry, or null if localTime is not "YYYY-MM-DD ...". */
function localDate(e: LogEntryData, seen: Map<string, boolean>): string | null {
  if (typeof e.localTime !== 'string') return null;
  const date = e.localTime.slice(0, 10);
  let ok = seen.get(date);
  if (ok === undefined) {
    const m = DATE_RE.exec(date);
    ok = m !== null && isRealDate(m);
    seen.set(date, ok);
  }
  return ok ? date : null;
}

const toDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Every day from the first to the last counted (at most MAX_CHART_DAYS, the newest), zeros filled in. */
export function perDay(counts: Map<string, number>): { date: string; count: number }[] {
  if (counts.size === 0) return [];
  const days = [...counts.keys()].map(toDay);
  const last = Math.max(...days);
  const first = Math.max(Math.min(...days), last - (MAX_CHART_DAYS - 1));
  const out: { date: string; count: number }[] = [];
  for (let d = first; d <= last; d++) {
    const date = fromDay(d);
    out.push({ date, count: counts.get(date) ?? 0 });
  }
  return out;
}

export function summarise(entries: readonly LogEntryData[], flagThreshold: number): LogSummary {
  const days = new Map<string, number>();
  const networks = new Map<string, number>();
  const networkNames = new Map<string, string>();
  const users = new Map<string, number>();
  const attempts = new Map<string, { user: string; date: string; count: number }>();
  const reports: LogEntryData[] = [];
  // Thousands of entries share a date: check each date once.
  const seenDates = new Map<string, boolean>();

  for (const e of entries) {
    const date = localDate(e, seenDates);
    if (date !== null) increment(days, date);
    if (e.networkId !== null) {
      increment(networks, e.networkId);
      if (e.networkName !== null && !networkNames.has(e.networkId)) networkNames.set(e.networkId, e.networkName);
    }
    increment(users, e.user);
    if (e.event === 'report') reports.push(e);
    if (ATTEMPTS.has(e.event) && date !== null) {
      // The date is always 10 characters, so date + user cannot collide.
      const key = date + e.user;
      const a = attempts.get(key);
      if (a) a.count++;
      else attempts.set(key, { user: e.user, date, count: 1 });
    }
  }

  const byCount =
    <T extends { count: number }>(tie: (a: T, b: T) => number) =>
    (a: T, b: T) =>
      b.count - a.count || tie(a, b);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

  return {
    perDay: perDay(days),
    perNetwork: [...networks]
      .map(([networkId, count]) => ({ networkId, networkName: networkNames.get(networkId) ?? networkId, count }))
      .sort(byCount((a, b) => cmp(a.networkName, b.networkName) || cmp(a.networkId, b.networkId))),
    perUser: [...users].map(([user, count]) => ({ user, count })).sort(byCount((a, b) => cmp(a.user, b.user))),
    flagged: [...attempts.values()].filter((a) => a.count >= flagThreshold).sort(byCount((a, b) => cmp(b.date, a.date) || cmp(a.user, b.user))),
    reports: reports.sort((a, b) => cmp(b.at, a.at) || b.seq - a.seq),
    marks: Object.fromEntries(reportMarks(entries)),
    total: entries.length,
  };
}
