/** Daily (and on-demand) care of the log: write what waited, chain the inbox, purge by retention. */
import type { KvPort } from '../ports';
import { STATUS_KEY, type StatusSnapshot } from '../status';
import type { Journal } from './journal';
import type { SafeJournal } from './safe-journal';

export async function maintainLog(safe: SafeJournal, journal: Journal, local: KvPort, now = Date.now()): Promise<void> {
  await safe.retry();
  await journal.drain();
  // Retention comes from the last policy the background applied.
  const days = (await local.get<StatusSnapshot>(STATUS_KEY))?.parsed.policy.log.retentionDays;
  if (days) await journal.purge(now, days);
}
