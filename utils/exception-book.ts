/**
 * Where granted exceptions live between wakes and restarts (storage.local), with the latest time
 * the extension has seen, so moving the device clock back never extends one.
 */
import { isActive } from './core/exceptions';
import type { GrantedException } from './core/types';
import type { KvPort } from './ports';
import { readStored, STORED, writeStored } from './stored-state';

export class ExceptionBook {
  constructor(private readonly store: KvPort) {}

  async all(): Promise<GrantedException[]> {
    return readStored(this.store, STORED.exceptions);
  }

  /** Splits what is stored into still active and ended, keeping only the active ones. */
  async settle(now: number): Promise<{ active: GrantedException[]; ended: GrantedException[] }> {
    const highWater = Math.max(now, await readStored(this.store, STORED.clockHighWater));
    await writeStored(this.store, STORED.clockHighWater, highWater);
    const all = await this.all();
    const active = all.filter((e) => isActive(e, now, highWater));
    const ended = all.filter((e) => !active.includes(e));
    if (ended.length > 0) await writeStored(this.store, STORED.exceptions, active);
    return { active, ended };
  }

  async add(exception: GrantedException): Promise<void> {
    await writeStored(this.store, STORED.exceptions, [...(await this.all()), exception]);
  }

  /** Removes one; returns it, or null when there was none by that id. */
  async remove(id: string): Promise<GrantedException | null> {
    const all = await this.all();
    const found = all.find((e) => e.id === id) ?? null;
    if (found)
      await writeStored(
        this.store,
        STORED.exceptions,
        all.filter((e) => e.id !== id),
      );
    return found;
  }
}
