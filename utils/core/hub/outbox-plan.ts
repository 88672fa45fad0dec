/**
 * The outbox's decisions, pure: which entries go next, what an answer from the hub means for the
 * cursor, and how far retention may purge. The journal stays the source of truth; the cursor is the
 * highest seq the hub has acknowledged.
 */
import { hubErrorEn, hubRefusal, type HubError } from './hub-error';
import { hashEntry } from '../log/chain';
import type { LogEntry } from '../log/types';

export const BATCH_MAX = 100;
/** A heartbeat at least this often when there is nothing new, so the hub tells quiet from silent. */
export const HEARTBEAT_MS = 55 * 60_000;

/**
 * The seqs to send next: the consecutive run of stored seqs that starts at the first one after the
 * cursor, at most `max`. A hole (entries purged before the hub was configured, or deleted by hand)
 * ends a batch, so every batch is consecutive; the next batch starts after the hole and the hub
 * marks the gap.
 */
export function nextBatchSeqs(cursor: number, storedAfterCursor: readonly number[], max = BATCH_MAX): number[] {
  const seqs = [...storedAfterCursor].filter((s) => s > cursor).sort((a, b) => a - b);
  const out: number[] = [];
  for (const s of seqs) {
    if (out.length >= max) break;
    if (out.length > 0 && s !== out[out.length - 1]! + 1) break;
    out.push(s);
  }
  return out;
}

export type HubAnswer = { kind: 'delivered' } | { kind: 'refused'; retryable: boolean; error: HubError; message: string; retryAfterMs: number | null };

/**
 * What a response means. Only 2xx delivers. Every other answer keeps the entries; 400/401/403/413
 * will not heal by themselves, but the device still retries (at the slowest pace) because a
 * rotated key, a fixed hub or an admin's confirmation can make the same batch acceptable later.
 */
export function readAnswer(status: number, body: string, retryAfterMs: number | null): HubAnswer {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  let detail = '';
  try {
    const j = JSON.parse(body) as { error?: unknown; field?: unknown };
    if (typeof j.error === 'string') detail = j.error + (typeof j.field === 'string' ? ` (${j.field})` : '');
  } catch {
    detail = body.slice(0, 200);
  }
  const error = hubRefusal(status, detail);
  const retryable = status === 408 || status === 429 || status >= 500;
  return { kind: 'refused', retryable, error, message: hubErrorEn(error), retryAfterMs };
}

/**
 * The highest seq retention may purge. With a hub, nothing the hub has not acknowledged: an entry
 * past `retentionDays` waits for the hub rather than being lost. Without one, no limit.
 */
export function purgeLimit(hubConfigured: boolean, cursor: number): number {
  return hubConfigured ? Math.max(0, cursor) : Number.POSITIVE_INFINITY;
}

/** Whether a heartbeat is due: nothing to send, and nothing sent for HEARTBEAT_MS. */
export function heartbeatDue(lastContact: number | null, now: number): boolean {
  return lastContact === null || now - lastContact >= HEARTBEAT_MS;
}

/**
 * Entries as they are now, each with the hash of what it now says. An entry edited on the device
 * after it was written no longer matches its stored hash; the hub refuses a record whose hash does
 * not match its body, so sending it as it is would block every later entry. Sent with its true
 * hash instead, it reaches the hub as it is, where it breaks the chain (the next entry's previous
 * hash no longer matches) or contradicts the copy the hub already holds: the hub marks the device
 * broken, which is what happened. `rehashed` lists the seqs that did not match.
 */
export async function withTrueHashes(entries: readonly LogEntry[]): Promise<{ entries: LogEntry[]; rehashed: number[] }> {
  const hashes = await Promise.all(entries.map((e) => hashEntry(e.prevHash, e).catch(() => null)));
  const rehashed: number[] = [];
  const out = entries.map((e, i) => {
    const h = hashes[i];
    if (h === null || h === undefined || h === e.hash) return e;
    rehashed.push(e.seq);
    return { ...e, hash: h };
  });
  return { entries: out, rehashed };
}
