/**
 * Wraps the journal so a full or failing IndexedDB neither loses an entry nor goes unnoticed:
 * an event that cannot be written is parked in extension storage, retried (in order, before newer
 * events) at the next append or maintenance, and the failure is shown on the status page.
 */
import type { NewLogEvent } from '../core/log/types';
import { serialQueue } from '../core/serial-queue';
import { readStored, STORED, writeStored } from '../stored-state';
import type { JournalPort, KvPort } from '../ports';

/** Kept for the status page, which reads storage.local itself (declared in stored-state.ts). */
export const LOG_HEALTH_KEY = STORED.logHealth.key;

export interface LogHealth {
  ok: boolean;
  /** The browser's own words for the last failure. */
  error: string | null;
  since: number | null;
  parked: number;
}

export interface Parked {
  event: NewLogEvent;
  recordFullUrl: boolean;
}

/**
 * This wrapper is the only writer of the parked events and the log's health (one per background),
 * so after its first read it keeps both in memory: an attempt written while all is well costs no
 * storage read or write besides the journal's own (in Firefox each one is a round trip to the
 * browser's main process, on the thread the block page loads on).
 */
export class SafeJournal implements JournalPort {
  private readonly serial = serialQueue();
  /** What storage holds, once read or written by this wrapper. */
  private parked: Parked[] | null = null;
  private health: LogHealth | undefined | null = null;

  constructor(
    private readonly inner: JournalPort,
    private readonly store: KvPort,
    private readonly now: () => number = Date.now,
  ) {}

  append(event: NewLogEvent, recordFullUrl: boolean): Promise<void> {
    return this.serial(async () => {
      const parked = await this.storedParked();
      const pending = [...parked, { event, recordFullUrl }];
      await this.writeInOrder(pending);
    });
  }

  /** Retries what was parked; for start-up and maintenance. */
  retry(): Promise<void> {
    return this.serial(async () => {
      // Read again (once a day): storage, not this copy's memory, is what outlives the background.
      this.parked = null;
      const parked = await this.storedParked();
      if (parked.length > 0) await this.writeInOrder(parked);
    });
  }

  private async storedParked(): Promise<Parked[]> {
    this.parked ??= await readStored(this.store, STORED.logParked);
    return this.parked;
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
    if (left.length > 0 || this.parked === null || this.parked.length > 0) await writeStored(this.store, STORED.logParked, left);
    this.parked = left;
    if (this.health === null) this.health = await readStored(this.store, STORED.logHealth);
    const before = this.health;
    const health: LogHealth =
      failure === null
        ? { ok: true, error: null, since: null, parked: 0 }
        : { ok: false, error: String(failure), since: before?.since ?? this.now(), parked: left.length };
    if (JSON.stringify(before) !== JSON.stringify(health)) await writeStored(this.store, STORED.logHealth, health);
    this.health = health;
  }
}
