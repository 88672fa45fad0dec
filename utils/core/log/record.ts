/**
 * Turns what the caller knows into what the log keeps: as little as the policy allows.
 * Pure: no browser APIs.
 */
import { isValidTimeZone, localTime } from '../calendar';
import type { LogEntryData, NewLogEvent } from './types';

export interface MinimisedUrl {
  host: string | null;
  path: string | null;
  query: string | null;
  fragment: string | null;
}

export const TEXT_MAX = 2000;
export const PERSON_MAX = 200;
/** Emails are at most 254 characters; anything longer is not one. */
const USER_MAX = 320;
/** Long enough for any real page address, short enough that one entry cannot bloat the log. */
const URL_PART_MAX = 2048;

const NOTHING: MinimisedUrl = { host: null, path: null, query: null, fragment: null };

/**
 * Host (lowercase, no port, never the user:password part), path, and — only when the policy records
 * full addresses — query and fragment. Never throws.
 */
export function minimiseUrl(url: string | null, recordFullUrl: boolean): MinimisedUrl {
  if (typeof url !== 'string') return NOTHING;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return NOTHING;
  }
  const host = u.hostname === '' ? null : u.hostname.toLowerCase();
  // For data:, javascript: and the like the "path" is the content itself, so only web addresses keep one.
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ...NOTHING, host };
  return {
    host,
    path: cap(u.pathname, URL_PART_MAX),
    query: recordFullUrl && u.search !== '' ? cap(u.search, URL_PART_MAX) : null,
    fragment: recordFullUrl && u.hash !== '' ? cap(u.hash, URL_PART_MAX) : null,
  };
}

/**
 * The address rebuilt from what minimiseUrl keeps, so the inbox never holds more than the log will
 * (an event can sit there until the next start if the worker dies). minimiseUrl of the result gives
 * the same parts as minimiseUrl of the original.
 */
export function minimisedHref(url: string | null, recordFullUrl: boolean): string | null {
  const m = minimiseUrl(url, recordFullUrl);
  if (m.host === null) return null;
  if (m.path === null) return `${new URL(url ?? '').protocol}//${m.host}`;
  return `https://${m.host}${m.path}${m.query ?? ''}${m.fragment ?? ''}`;
}

/**
 * The entry as it will be hashed. Throws RangeError if `ev.at` is not a valid instant; an unknown
 * timezone falls back to UTC (and the entry says so) rather than losing the event.
 */
export function buildEntryData(ev: NewLogEvent, seq: number, recordFullUrl: boolean): LogEntryData {
  const at = new Date(ev.at).toISOString();
  const timezone = isValidTimeZone(ev.timezone) ? ev.timezone : 'UTC';
  const url = minimiseUrl(ev.url, recordFullUrl);
  return {
    seq,
    at,
    localTime: formatLocal(ev.at, timezone),
    timezone,
    user: cleanText(ev.user, USER_MAX) ?? 'unknown',
    role: ev.role,
    device: cleanText(ev.device, PERSON_MAX),
    event: ev.event,
    networkId: ev.networkId,
    networkName: ev.networkName,
    host: url.host,
    path: url.path,
    query: url.query,
    fragment: url.fragment,
    schoolTime: ev.schoolTime,
    text: cleanText(ev.text, TEXT_MAX),
    person: cleanText(ev.person, PERSON_MAX),
  };
}

/** "YYYY-MM-DD HH:MM:SS" on the wall clock in `timezone`. */
export function formatLocal(instant: number, timezone: string): string {
  const { date, seconds } = localTime(instant, timezone);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${date} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function cleanText(s: string | null | undefined, max: number): string | null {
  if (typeof s !== 'string') return null;
  const t = cap(s.trim(), max).trimEnd();
  return t === '' ? null : t;
}

/** Cuts to `max` UTF-16 units without leaving half of a surrogate pair (an emoji) at the end. */
function cap(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
