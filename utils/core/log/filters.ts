/** What the Designated Safeguarding Lead can narrow the log to. Pure. */
import type { LogEntryData, LogFilters } from './types';

/**
 * The filters that actually narrow anything: an empty string (a form's "any") counts as unset,
 * so the database query and matchesFilters always agree on what is being asked.
 */
export function activeFilters(f: LogFilters): LogFilters {
  const out: LogFilters = {};
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.user) out.user = f.user;
  if (f.role) out.role = f.role;
  if (f.networkId) out.networkId = f.networkId;
  if (f.event) out.event = f.event;
  if (typeof f.schoolTime === 'boolean') out.schoolTime = f.schoolTime;
  return out;
}

/** from/to are inclusive local dates, compared with the date part of the entry's own localTime. */
export function matchesFilters(entry: LogEntryData, filters: LogFilters): boolean {
  const f = activeFilters(filters);
  const date = entry.localTime.slice(0, 10);
  if (f.from !== undefined && date < f.from) return false;
  if (f.to !== undefined && date > f.to) return false;
  if (f.user !== undefined && entry.user !== f.user) return false;
  if (f.role !== undefined && entry.role !== f.role) return false;
  if (f.networkId !== undefined && entry.networkId !== f.networkId) return false;
  if (f.event !== undefined && entry.event !== f.event) return false;
  if (f.schoolTime !== undefined && entry.schoolTime !== f.schoolTime) return false;
  return true;
}
