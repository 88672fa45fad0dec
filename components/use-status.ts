import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { STATUS_KEY, type StatusSnapshot } from '../utils/status';
import { defaultSnapshot, rememberStatus } from './status-cache';

export { cachedStatus, defaultSnapshot } from './status-cache';

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
    if (status) rememberStatus(status);
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
