/** Daily (and on-demand) care of the log: write what waited, chain the inbox, purge by retention. */
import { purgeLimit } from '../core/hub/outbox-plan';
import { readOutbox } from '../hub/outbox';
import type { KvPort } from '../ports';
import { readStored, STORED, writeStored } from '../stored-state';
import type { Journal } from './journal';
import type { SafeJournal } from './safe-journal';

/** Entries past retention kept because the school's hub has not acknowledged them (status page). */
/** Kept for the status page, which reads storage.local itself (declared in stored-state.ts). */
export const HELD_FOR_HUB_KEY = STORED.logHeldForHub.key;

export interface HeldForHub {
  count: number;
  /** `at` of the oldest entry held. */
  oldestAt: string | null;
  checkedAt: number;
}

export async function maintainLog(safe: SafeJournal, journal: Journal, local: KvPort, now = Date.now()): Promise<void> {
  await safe.retry();
  await journal.drain();
  // Retention comes from the last policy the background applied.
  const parsed = (await readStored(local, STORED.status))?.parsed;
  const days = parsed?.policy.log.retentionDays;
  if (!days) return;
  // A hub in the policy, even a mistyped one, means entries are meant to leave the device: keep
  // every entry it has not acknowledged rather than purge it unseen.
  const hubWanted = parsed.policy.hub !== null || parsed.problems.some((p) => p.key === 'hub' || p.key.startsWith('hub.'));
  const outbox = await readOutbox(local);
  // The cursor belongs to the hub it was acknowledged by; a new hub has acknowledged nothing yet.
  const hub = parsed.policy.hub;
  const cursor = hub && outbox.url !== hub.url ? 0 : outbox.cursor;
  const limit = purgeLimit(hubWanted, cursor);
  await journal.purge(now, days, limit);
  const held = Number.isFinite(limit) ? await journal.heldPastRetention(now, days, limit) : { count: 0, oldestAt: null };
  await writeStored(local, STORED.logHeldForHub, { ...held, checkedAt: now });
}
