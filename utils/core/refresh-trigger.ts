/**
 * Why the status was last worked out, as a code the status page says in its language
 * (`status.triggers` in the adults' catalogues). Stored as a string in the snapshot: a snapshot
 * written before these codes holds free English text, which the page still shows, marked English.
 * Pure.
 */
import { LOG_EVENTS, type LogEvent } from './log/types';

/** The reasons with no parameter. */
export const TRIGGERS = [
  'installed',
  'browser-start',
  'worker-start',
  'policy-changed',
  'policy-late',
  'policy-check',
  'school-time',
  'allowance-ended',
  'safety',
  'device-woke',
  'site-access',
  'status-page',
  'first-attempt',
  'warning-continued',
  'exception-granted',
  'exception-ended',
  'page-moved',
  'not-yet',
] as const;
export type TriggerCode = (typeof TRIGGERS)[number];

/** What the background passes to a refresh: a code, a timer by its name, or the log entry that needed a status. */
export type RefreshTrigger = TriggerCode | `alarm:${string}` | `entry:${LogEvent}`;

export type TriggerView = { code: TriggerCode } | { code: 'alarm'; name: string } | { code: 'entry'; event: LogEvent } | { code: 'text'; text: string };

/** The words for each reason, in one language. */
export type TriggerWords = Record<TriggerCode, string> & {
  /** A timer by its name (shown as written). */
  alarm: (name: string) => string;
  /** A log entry that needed the status, by the log's word for its event. */
  entry: (event: string) => string;
};

export const triggerWords = (w: TriggerWords): TriggerWords => w;

const isCode = (s: string): s is TriggerCode => (TRIGGERS as readonly string[]).includes(s);
const isEvent = (s: string): s is LogEvent => (LOG_EVENTS as readonly string[]).includes(s);

/** A stored trigger read back: a known code, or free text from an older version (shown as written). */
export function readTrigger(stored: string): TriggerView {
  if (isCode(stored)) return { code: stored };
  if (stored.startsWith('alarm:') && stored.length > 6) return { code: 'alarm', name: stored.slice(6) };
  if (stored.startsWith('entry:') && isEvent(stored.slice(6))) return { code: 'entry', event: stored.slice(6) as LogEvent };
  return { code: 'text', text: stored };
}

/** The reason in the words given; null for free text, which the page shows as written (in English). */
export function triggerText(w: TriggerWords, t: TriggerView, events: Record<LogEvent, string>): string | null {
  if (t.code === 'text') return null;
  if (t.code === 'alarm') return w.alarm(t.name);
  if (t.code === 'entry') return w.entry(events[t.event]);
  return w[t.code];
}
