import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DEFAULT_POLICY } from '../utils/core/policy-defaults';
import { resolveRole } from '../utils/core/role';
import { STATUS_KEY, type StatusSnapshot } from '../utils/status';

/**
 * What the background last worked out. Until it has (the first moments after start) pages show
 * the fail-closed defaults, which is also what the rules enforce then.
 */
export function defaultSnapshot(now: number): StatusSnapshot {
  // What parsePolicy(undefined) gives, without loading the parser on every page.
  const parsed = { policy: structuredClone(DEFAULT_POLICY), problems: [], present: false };
  return {
    computedAt: now,
    trigger: 'not yet computed',
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
    return s && typeof s.role?.role === 'string' && typeof s.parsed?.policy === 'object' && s.parsed.policy !== null
      ? (s as StatusSnapshot)
      : null;
  } catch {
    return null;
  }
}

function remember(status: StatusSnapshot): void {
  try {
    globalThis.localStorage?.setItem(CACHE_KEY, JSON.stringify(status));
  } catch {
    // Full or unavailable: pages then wait for storage, as before.
  }
}

/** Whether two statuses give a page the same words (the time they were computed aside). */
export function sameForPages(a: StatusSnapshot, b: StatusSnapshot): boolean {
  const words = (s: StatusSnapshot) => JSON.stringify([s.role, s.parsed.policy, s.action, s.schoolTime, s.nextChange, s.siteAccess, s.exceptions]);
  return words(a) === words(b);
}

/** Reads the status straight from storage: no message to the worker, which may be stopped. */
export async function readStatus(): Promise<StatusSnapshot | null> {
  const r = await browser.storage.local.get(STATUS_KEY);
  return (r[STATUS_KEY] as StatusSnapshot | undefined) ?? null;
}

/** A value the background keeps in storage.local, kept live while the page is open. */
export function useStored<T>(key: string, initial: T | null = null): T | null {
  const [value, setValue] = useState<T | null>(initial);
  useEffect(() => {
    let live = true;
    // Read again once listening, also when the page passed a value: a change between its read
    // and this listener would otherwise be missed.
    void browser.storage.local.get(key).then((r) => {
      if (live && r[key] !== undefined) setValue(r[key] as T);
    });
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const next = changes[key]?.newValue;
      if (area === 'local' && next !== undefined) setValue(next as T);
    };
    browser.storage.onChanged.addListener(onChange);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChange);
    };
  }, [key]);
  return value;
}

/** The status, live; `initial` is one the page has already read (see readStatus). */
export function useStatus(initial: StatusSnapshot | null = null): { status: StatusSnapshot; loaded: boolean } {
  const status = useStored<StatusSnapshot>(STATUS_KEY, initial);
  useEffect(() => {
    if (status) remember(status);
  }, [status]);
  return { status: status ?? defaultSnapshot(Date.now()), loaded: status !== null };
}

/** Re-renders every `ms` so "until 15:30" texts stay true while a page is open. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
