/** In-memory token buckets, one per key id and one per device id (a hub is one process). */
import type { RateLimit } from './config.ts';

interface Bucket {
  tokens: number;
  at: number;
  /** When a refusal from this bucket was last written to audit (one a minute is enough). */
  auditedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one token. Refused: the whole seconds until one is there (Retry-After), and whether to audit it. */
  take(id: string): { ok: true } | { ok: false; retryAfter: number; audit: boolean } {
    const t = this.now();
    let b = this.buckets.get(id);
    if (!b) {
      if (this.buckets.size >= 100_000) this.prune(t);
      b = { tokens: this.limit.burst, at: t, auditedAt: Number.NEGATIVE_INFINITY };
      this.buckets.set(id, b);
    }
    b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / this.limit.perSecond));
    const audit = t - b.auditedAt >= 60_000;
    if (audit) b.auditedAt = t;
    return { ok: false, retryAfter, audit };
  }

  private prune(t: number): void {
    for (const [id, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * this.limit.perSecond >= this.limit.burst) this.buckets.delete(id);
    }
  }
}
