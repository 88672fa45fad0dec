/** Test policies written relative to now, in UTC, so they hold whenever CI runs. */
import { DAY } from '../../helpers/time';

const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const SCHOOL = { name: 'Ash Grove Academy', policyUrl: 'https://school.test/policy' };
export const DSL = { name: 'Gemma Williams', contact: 'safeguarding@school.test' };

export function schoolTimeAllDay() {
  return { timezone: 'UTC', schoolHours: [{ days: ALL_DAYS, start: '00:00', end: '24:00' }], closedDates: [] };
}

/** School time now, ending at the next UTC midnight (tomorrow is a closed day). */
export function schoolTimeUntilMidnight() {
  const now = Date.now();
  return {
    timezone: 'UTC',
    schoolHours: [{ days: ALL_DAYS, start: '00:00', end: '24:00' }],
    closedDates: [{ from: isoDay(now + DAY), to: isoDay(now + DAY), label: 'Tomorrow off' }],
  };
}

export function holidayNow() {
  const now = Date.now();
  return {
    timezone: 'UTC',
    schoolHours: [{ days: ALL_DAYS, start: '00:00', end: '24:00' }],
    closedDates: [{ from: isoDay(now - DAY), to: isoDay(now + DAY), label: 'Test holiday' }],
  };
}

/** School time begins `seconds` from now (and not before, today). */
export function schoolStartsIn(seconds: number) {
  // Whole seconds: the policy's clock has no finer grain.
  const at = new Date(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000);
  const hh = String(at.getUTCHours()).padStart(2, '0');
  const mm = String(at.getUTCMinutes()).padStart(2, '0');
  const ss = String(at.getUTCSeconds()).padStart(2, '0');
  const calendar = {
    timezone: 'UTC',
    schoolHours: [{ days: [WEEKDAY[at.getUTCDay()]], start: `${hh}:${mm}:${ss}`, end: '24:00' }],
    closedDates: [],
  };
  return { calendar, startsAt: at.getTime() };
}

export function basePolicy(extra: Record<string, unknown> = {}) {
  return { school: SCHOOL, dsl: DSL, device: { label: 'ICT suite PC 12' }, extraSites: ['social.test'], ...extra };
}
