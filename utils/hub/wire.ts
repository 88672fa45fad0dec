/**
 * The hub outbox in the background, on the real browser: alarms, timers, fetch and storage.
 * background.ts calls startHubOutbox once, synchronously, and routes the outbox alarm here.
 */
import { browser } from 'wxt/browser';
import type { KvPort, JournalPort } from '../ports';
import type { HallPassDb } from '../journal/db';
import type { Journal } from '../journal/journal';
import { readStored, STORED } from '../stored-state';
import { identitySource } from './identity';
import { fetchTransport, notifyingJournal, Outbox, OUTBOX_ALARM } from './outbox';

/** Chromium will not fire an alarm sooner than 30 s after it is set; a timer covers shorter waits. */
const ALARM_MIN_MS = 30_000;
/** When a flush fails outright (IndexedDB trouble), look again after this. */
const AFTER_ERROR_MS = 60_000;

export interface HubOutboxHandle {
  /** The journal the enforcer should write to: it tells the outbox after each entry. */
  journal(inner: JournalPort): JournalPort;
  /** Send what is waiting (worker start, policy change, the outbox alarm). */
  flush(reason: string): void;
  readonly alarmName: string;
}

export function startHubOutbox(deps: { db: HallPassDb; journal: Journal; local: KvPort }): HubOutboxHandle {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const log = (level: 'info' | 'warn', message: string) => console[level](`[Hall Pass] ${message}`);
  const wakeAt = async (when: number) => {
    clearTimeout(timer);
    const delay = when - Date.now();
    if (delay < ALARM_MIN_MS) timer = setTimeout(() => flush('timer'), Math.max(delay, 0));
    const existing = await browser.alarms.get(OUTBOX_ALARM);
    if (!existing || Math.abs(existing.scheduledTime - when) > 1000) await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(when, Date.now() + 1000) });
  };
  const outbox = new Outbox({
    journal: deps.journal,
    identity: identitySource(deps.db),
    local: deps.local,
    transport: fetchTransport(),
    policy: async () => (await readStored(deps.local, STORED.status))?.parsed ?? null,
    version: browser.runtime.getManifest().version,
    browser: import.meta.env.FIREFOX ? 'firefox' : 'chrome',
    wakeAt,
    log,
  });
  function flush(reason: string): void {
    outbox.flush().catch((e: unknown) => {
      log('warn', `hub delivery (${reason}) failed: ${String(e)}`);
      void wakeAt(Date.now() + AFTER_ERROR_MS).catch(() => undefined);
    });
  }
  return {
    journal: (inner) => notifyingJournal(inner, () => outbox.kick()),
    flush,
    alarmName: OUTBOX_ALARM,
  };
}
