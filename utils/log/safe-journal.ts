/**
 * Wraps the journal so a full or failing IndexedDB neither loses an entry nor goes unnoticed:
 * an event that cannot be written is parked in extension storage, retried (in order, before newer
 * events) at the next append or maintenance, and the failure is shown on the status page.
 */
import type { NewLogEvent } from '../core/log/types';
import { serialQueue } from '../core/serial-queue';
import type { JournalPort, KvPort } from '../ports';

export const PARKED_KEY = 'logParked';
export const LOG_HEALTH_KEY = 'logHealth';

export interface LogHealth {
  ok: boolean;
  /** The browser's own words for the last failure. */
  error: string | null;
  since: number | null;
  parked: number;
}

interface Parked {
  event: NewLogEvent;
  recordFullUrl: boolean;
}

export class SafeJournal implements JournalPort {
  private readonly serial = serialQueue();

  constructor(
    private readonly inner: JournalPort,
    private readonly store: KvPort,
    private readonly now: () => number = Date.now,
  ) {}

  append(event: NewLogEvent, recordFullUrl: boolean): Promise<void> {
    return this.serial(async () => {
      const parked = (await this.store.get<Parked[]>(PARKED_KEY)) ?? [];
      const pending = [...parked, { event, recordFullUrl }];
      await this.writeInOrder(pending);
    });
  }

  /** Retries what was parked; for start-up and maintenance. */
  retry(): Promise<void> {
    return this.serial(async () => {
      const parked = (await this.store.get<Parked[]>(PARKED_KEY)) ?? [];
      if (parked.length > 0) await this.writeInOrder(parked);
    });
  }

  private async writeInOrder(pending: Parked[]): Promise<void> {
    let written = 0;
    let failure: unknown = null;
    for (const p of pending) {
      try {
        await this.inner.append(p.event, p.recordFullUrl);
        written += 1;
      } catch (e) {
        failure = e;
        break;
      }
    }
    const left = pending.slice(written);
    await this.store.set(PARKED_KEY, left);
    const before = await this.store.get<LogHealth>(LOG_HEALTH_KEY);
    const health: LogHealth =
      failure === null
        ? { ok: true, error: null, since: null, parked: 0 }
        : { ok: false, error: String(failure), since: before?.since ?? this.now(), parked: left.length };
    if (JSON.stringify(before) !== JSON.stringify(health)) await this.store.set(LOG_HEALTH_KEY, health);
  }
}
