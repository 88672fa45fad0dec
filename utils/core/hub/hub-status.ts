/**
 * What the status page says about delivery to the school's hub, as green/amber/red lines like the
 * self-check. Pure: the page renders these and decides nothing.
 */
import type { CheckState } from '../self-check';
import type { PolicyProblem } from '../policy';

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
  lastError: { at: number; message: string } | null;
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
}

export interface HubStatusView {
  configured: boolean;
  lines: HubLine[];
  /** Facts shown under the lines, label → text. */
  facts: [string, string][];
}

/** Waiting this long with no delivery turns amber into red. */
export const STALE_MS = 60 * 60_000;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function ago(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

const when = (t: number, tz: string) => new Date(t).toLocaleString('en-GB', { timeZone: tz });

export function hubStatus(i: HubStatusInput): HubStatusView {
  const hubProblems = i.problems.filter((p) => p.key === 'hub' || p.key.startsWith('hub.'));
  if (!i.hub) {
    if (hubProblems.length === 0) {
      return { configured: false, lines: [], facts: [['School hub', 'None in the policy: the log stays on this device.']] };
    }
    return {
      configured: false,
      lines: [
        {
          id: 'hub',
          label: 'School hub',
          state: 'bad',
          detail: `The hub setting is wrong (${hubProblems.map((p) => `${p.key}: ${p.problem}`).join('; ')}). Nothing is sent; the log is kept on this device and nothing it holds for the hub is purged.`,
        },
      ],
      facts: [],
    };
  }
  const o = i.outbox && i.outbox.url === i.hub.url ? i.outbox : null;
  const facts: [string, string][] = [['Hub address', i.hub.url]];
  if (o?.deviceId) facts.push(['Device id', o.deviceId]);
  if (o?.fingerprint) facts.push(['Device key', o.fingerprint]);
  facts.push(['Last delivery', o?.lastDeliveryAt ? `${when(o.lastDeliveryAt, i.timezone)} (${ago(o.lastDeliveryAt, i.now)})` : 'never']);
  facts.push(['Acknowledged up to', o && o.cursor > 0 ? `entry ${o.cursor.toLocaleString('en-GB')}` : 'nothing yet']);
  facts.push(['Last error', o?.lastError ? `${o.lastError.message} (${when(o.lastError.at, i.timezone)})` : 'none']);
  if (o?.nextAttemptAt && o.lastError) facts.push(['Next try', when(o.nextAttemptAt, i.timezone)]);

  const lines: HubLine[] = [];
  const waiting = o?.waiting ?? null;
  if (!o || o.lastContactAt === null) {
    lines.push({
      id: 'delivery',
      label: 'Delivery to the hub',
      state: o?.lastError ? 'bad' : 'warn',
      detail: o?.lastError ? `Not delivered yet: ${o.lastError.message}.` : 'Not in contact with the hub yet.',
    });
  } else if (o.lastError) {
    const stale = i.now - (o.lastContactAt ?? 0) >= STALE_MS;
    lines.push({
      id: 'delivery',
      label: 'Delivery to the hub',
      state: stale ? 'bad' : 'warn',
      detail: `Failing since the last contact ${ago(o.lastContactAt, i.now)}: ${o.lastError.message}. Entries are kept and sent when it works again.`,
    });
  } else {
    lines.push({ id: 'delivery', label: 'Delivery to the hub', state: 'ok', detail: `In contact (${ago(o.lastContactAt, i.now)}).` });
  }
  if (waiting !== null) {
    lines.push({
      id: 'waiting',
      label: 'Entries waiting',
      state: waiting === 0 ? 'ok' : o?.lastError ? 'warn' : 'ok',
      detail: waiting === 0 ? 'None: the hub has every entry.' : `${plural(waiting, 'entry', 'entries')} not yet acknowledged by the hub.`,
    });
  }
  if (i.held && i.held.count > 0) {
    lines.push({
      id: 'retention',
      label: 'Kept past retention',
      state: 'warn',
      detail: `${plural(i.held.count, 'entry is', 'entries are')} older than log.retentionDays${i.held.oldestAt ? ` (the oldest from ${i.held.oldestAt.slice(0, 10)})` : ''}, kept because the hub has not acknowledged ${i.held.count === 1 ? 'it' : 'them'}. ${i.held.count === 1 ? 'It goes' : 'They go'} at the first purge after delivery.`,
    });
  }
  return { configured: true, lines, facts };
}
