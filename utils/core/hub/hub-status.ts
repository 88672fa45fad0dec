/**
 * What the status page says about delivery to the school's hub, as green/amber/red lines like the
 * self-check. Pure: the page renders these and decides nothing.
 */
import type { CheckState } from '../self-check';
import type { PolicyProblem } from '../policy';
import { enAdmin } from '../i18n/admin-en';
import { hubFactText, hubText } from '../i18n/check-text';
import { hubErrorOf, type HubError } from './hub-error';

/** What the status page shows, and what the outbox needs to carry on after a restart. */
export interface OutboxState {
  /** The hub the cursor belongs to; a different hub starts again from the first entry. */
  url: string | null;
  cursor: number;
  failures: number;
  nextAttemptAt: number | null;
  lastDeliveryAt: number | null;
  /** Last 2xx, heartbeats included. */
  lastContactAt: number | null;
  /** `message` is English (the console's); `error` the same as a code (absent in a state from an older version). */
  lastError: { at: number; message: string; error?: HubError } | null;
  /** Entries after the cursor, as of the last attempt. */
  waiting: number;
  deviceId: string | null;
  fingerprint: string | null;
}

export interface HubStatusInput {
  hub: { url: string } | null;
  problems: readonly PolicyProblem[];
  outbox: OutboxState | null;
  held: { count: number; oldestAt: string | null } | null;
  now: number;
  timezone: string;
}

export interface HubLine {
  id: 'hub' | 'delivery' | 'waiting' | 'retention';
  label: string;
  state: CheckState;
  detail: string;
  msg: HubMsg;
}

export interface HubStatusView {
  configured: boolean;
  lines: HubLine[];
  /** Facts shown under the lines, label → text. */
  facts: [string, string][];
}

/** Waiting this long with no delivery turns amber into red. */
export const STALE_MS = 60 * 60_000;

/** How long ago, in whole units: the catalogue says it in each language. */
export interface Ago {
  unit: 'now' | 'min' | 'h' | 'days';
  n: number;
}

/** What one hub line says, as a code with parameters (words in `checks.hub` of the catalogues). */
export type HubMsg =
  /** `keys`: the policy keys at fault (their problems are in the status page's Policy problems, in its language). */
  | { code: 'hub-wrong'; keys: string }
  | { code: 'delivery-error'; error: HubError }
  | { code: 'delivery-none' }
  | { code: 'delivery-failing'; ago: Ago; error: HubError }
  | { code: 'delivery-ok'; ago: Ago }
  | { code: 'waiting-none' }
  | { code: 'waiting'; count: number }
  | { code: 'retention'; count: number; oldest: string | null };

/** One fact under the lines, as a code with parameters (words in `checks.hubFacts`). */
export type HubFact =
  | { id: 'none' }
  | { id: 'address'; url: string }
  | { id: 'deviceId'; value: string }
  | { id: 'deviceKey'; value: string }
  | { id: 'lastDelivery'; at: number | null; ago: Ago | null; timezone: string }
  | { id: 'acked'; cursor: number }
  | { id: 'lastError'; error: { error: HubError; at: number } | null; timezone: string }
  | { id: 'nextTry'; at: number; timezone: string };

export function ago(then: number, now: number): Ago {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 60) return { unit: 'now', n: 0 };
  const m = Math.round(s / 60);
  if (m < 60) return { unit: 'min', n: m };
  const h = Math.round(m / 60);
  if (h < 48) return { unit: 'h', n: h };
  return { unit: 'days', n: Math.round(h / 24) };
}

/** The lines and facts as codes; `hubStatus` adds the English words. */
export function hubStatusCodes(i: HubStatusInput): { configured: boolean; lines: { id: HubLine['id']; state: CheckState; msg: HubMsg }[]; facts: HubFact[] } {
  const hubProblems = i.problems.filter((p) => p.key === 'hub' || p.key.startsWith('hub.'));
  if (!i.hub) {
    if (hubProblems.length === 0) return { configured: false, lines: [], facts: [{ id: 'none' }] };
    const keys = [...new Set(hubProblems.map((p) => p.key))].join(', ');
    return { configured: false, lines: [{ id: 'hub', state: 'bad', msg: { code: 'hub-wrong', keys } }], facts: [] };
  }
  const tz = i.timezone;
  const o = i.outbox && i.outbox.url === i.hub.url ? i.outbox : null;
  const facts: HubFact[] = [{ id: 'address', url: i.hub.url }];
  if (o?.deviceId) facts.push({ id: 'deviceId', value: o.deviceId });
  if (o?.fingerprint) facts.push({ id: 'deviceKey', value: o.fingerprint });
  const delivered = o?.lastDeliveryAt ?? null;
  facts.push({ id: 'lastDelivery', at: delivered, ago: delivered ? ago(delivered, i.now) : null, timezone: tz });
  facts.push({ id: 'acked', cursor: o?.cursor ?? 0 });
  facts.push({ id: 'lastError', error: o?.lastError ? { error: hubErrorOf(o.lastError), at: o.lastError.at } : null, timezone: tz });
  if (o?.nextAttemptAt && o.lastError) facts.push({ id: 'nextTry', at: o.nextAttemptAt, timezone: tz });

  const lines: { id: HubLine['id']; state: CheckState; msg: HubMsg }[] = [];
  const waiting = o?.waiting ?? null;
  if (!o || o.lastContactAt === null) {
    lines.push({
      id: 'delivery',
      state: o?.lastError ? 'bad' : 'warn',
      msg: o?.lastError ? { code: 'delivery-error', error: hubErrorOf(o.lastError) } : { code: 'delivery-none' },
    });
  } else if (o.lastError) {
    const stale = i.now - (o.lastContactAt ?? 0) >= STALE_MS;
    lines.push({
      id: 'delivery',
      state: stale ? 'bad' : 'warn',
      msg: { code: 'delivery-failing', ago: ago(o.lastContactAt, i.now), error: hubErrorOf(o.lastError) },
    });
  } else {
    lines.push({ id: 'delivery', state: 'ok', msg: { code: 'delivery-ok', ago: ago(o.lastContactAt, i.now) } });
  }
  if (waiting !== null) {
    lines.push({
      id: 'waiting',
      state: waiting === 0 ? 'ok' : o?.lastError ? 'warn' : 'ok',
      msg: waiting === 0 ? { code: 'waiting-none' } : { code: 'waiting', count: waiting },
    });
  }
  if (i.held && i.held.count > 0) {
    lines.push({
      id: 'retention',
      state: 'warn',
      msg: { code: 'retention', count: i.held.count, oldest: i.held.oldestAt ? i.held.oldestAt.slice(0, 10) : null },
    });
  }
  return { configured: true, lines, facts };
}

/** The hub's lines and facts in English (the tests and anything printed read these). */
export function hubStatus(i: HubStatusInput): HubStatusView {
  const c = hubStatusCodes(i);
  return {
    configured: c.configured,
    lines: c.lines.map((l) => ({ ...l, ...hubText(enAdmin.checks, l.msg) })),
    facts: c.facts.map((f) => hubFactText(enAdmin.checks, f)),
  };
}
