import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { parsePolicy } from '../utils/core/policy';
import { resolveRole } from '../utils/core/role';
import { STATUS_KEY, type StatusSnapshot } from '../utils/status';

/**
 * What the background last worked out. Until it has (the first moments after start) pages show
 * the fail-closed defaults, which is also what the rules enforce then.
 */
export function defaultSnapshot(now: number): StatusSnapshot {
  const parsed = parsePolicy(undefined);
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

/** A value the background keeps in storage.local, kept live while the page is open. */
export function useStored<T>(key: string): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
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

export function useStatus(): { status: StatusSnapshot; loaded: boolean } {
  const status = useStored<StatusSnapshot>(STATUS_KEY);
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
