/**
 * Where granted exceptions live between wakes and restarts (storage.local), with the latest time
 * the extension has seen, so moving the device clock back never extends one.
 */
import { isActive } from './core/exceptions';
import type { GrantedException } from './core/types';
import type { KvPort } from './ports';

export const EXCEPTIONS_KEY = 'exceptions';
export const HIGH_WATER_KEY = 'clockHighWater';

export class ExceptionBook {
  constructor(private readonly store: KvPort) {}

  async all(): Promise<GrantedException[]> {
    return (await this.store.get<GrantedException[]>(EXCEPTIONS_KEY)) ?? [];
  }

  /** Splits what is stored into still active and ended, keeping only the active ones. */
  async settle(now: number): Promise<{ active: GrantedException[]; ended: GrantedException[] }> {
    const highWater = Math.max(now, (await this.store.get<number>(HIGH_WATER_KEY)) ?? 0);
    await this.store.set(HIGH_WATER_KEY, highWater);
    const all = await this.all();
    const active = all.filter((e) => isActive(e, now, highWater));
    const ended = all.filter((e) => !active.includes(e));
    if (ended.length > 0) await this.store.set(EXCEPTIONS_KEY, active);
    return { active, ended };
  }

  async add(exception: GrantedException): Promise<void> {
    await this.store.set(EXCEPTIONS_KEY, [...(await this.all()), exception]);
  }

  /** Removes one; returns it, or null when there was none by that id. */
  async remove(id: string): Promise<GrantedException | null> {
    const all = await this.all();
    const found = all.find((e) => e.id === id) ?? null;
    if (found) await this.store.set(EXCEPTIONS_KEY, all.filter((e) => e.id !== id));
    return found;
  }
}
