/**
 * The status the pages can have synchronously, with no browser API and no Preact: the one the
 * last extension page saw (this origin's localStorage), and the fail-closed defaults. Shared by
 * the pages' first-paint script (entrypoints/first-paint.ts), which must stay small, and the pages.
 */
import { DEFAULT_POLICY } from '../utils/core/policy-defaults';
import { resolveRole } from '../utils/core/role';
import type { StatusSnapshot } from '../utils/status';

/**
 * What the background last worked out. Until it has (the first moments after start) pages show
 * the fail-closed defaults, which is also what the rules enforce then.
 */
export function defaultSnapshot(now: number): StatusSnapshot {
  // What parsePolicy(undefined) gives, without loading the parser on every page.
  const parsed = { policy: structuredClone(DEFAULT_POLICY), problems: [], present: false };
  return {
    computedAt: now,
    trigger: 'not-yet',
    parsed,
    email: null,
    role: resolveRole(parsed.policy, null),
    schoolTime: false,
    nextChange: null,
    action: 'block',
    rules: { total: 0, regex: 0, unsafe: 0 },
    ruleErrors: [],
    predictionOff: null,
    siteAccess: true,
    exceptions: [],
  };
}

const CACHE_KEY = 'hall-pass:status';

/**
 * The status the last extension page saw, from this origin's localStorage: read synchronously,
 * so the block and warning pages draw before any storage call could answer. Pages then read the
 * real one (readStatus, useStatus) and redraw if it changed. Null when there is none or it is not
 * a status.
 */
export function cachedStatus(): StatusSnapshot | null {
  try {
    const raw = globalThis.localStorage?.getItem(CACHE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<StatusSnapshot> | null;
    return s && typeof s.role?.role === 'string' && typeof s.parsed?.policy === 'object' && s.parsed.policy !== null ? (s as StatusSnapshot) : null;
  } catch {
    return null;
  }
}

export function rememberStatus(status: StatusSnapshot): void {
  try {
    globalThis.localStorage?.setItem(CACHE_KEY, JSON.stringify(status));
  } catch {
    // Full or unavailable: pages then wait for storage, as before.
  }
}
