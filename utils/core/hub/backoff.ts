/**
 * When to try the hub again. Pure: the caller supplies the randomness and the clock.
 * Exponential back-off from 5 s doubling to 30 min, with "equal jitter" (half fixed, half random)
 * so hundreds of devices that lost the hub together do not come back in step; a Retry-After from
 * the hub wins when it asks for longer.
 */
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 30 * 60_000;
/** A Retry-After beyond this is read as this: a broken header must not silence a device for days. */
export const RETRY_AFTER_MAX_MS = 6 * 60 * 60_000;

/** The delay before attempt `failures + 1`, after `failures` failures in a row (>= 1). `random` in [0, 1). */
export function backoffDelay(failures: number, random: number, retryAfterMs: number | null = null): number {
  const n = Math.max(1, Math.floor(failures));
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30));
  const r = Math.min(Math.max(random, 0), 1);
  const jittered = Math.round(ceiling / 2 + (ceiling / 2) * r);
  if (retryAfterMs === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, RETRY_AFTER_MAX_MS));
}

/**
 * A Retry-After header in milliseconds from `now`: delta-seconds or an HTTP date. Null when absent
 * or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  if (!/[a-z]/i.test(t) || Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
