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
  };
}

export function useStatus(): { status: StatusSnapshot; loaded: boolean } {
  const [status, setStatus] = useState<StatusSnapshot | null>(null);
  useEffect(() => {
    let live = true;
    void browser.storage.local.get(STATUS_KEY).then((r) => {
      if (live && r[STATUS_KEY]) setStatus(r[STATUS_KEY] as StatusSnapshot);
    });
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const next = changes[STATUS_KEY]?.newValue;
      if (area === 'local' && next) setStatus(next as StatusSnapshot);
    };
    browser.storage.onChanged.addListener(onChange);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChange);
    };
  }, []);
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
