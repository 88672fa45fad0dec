/**
 * A warning's "Continue": one network, in one tab, for the policy's warnMinutes. Kept in
 * storage.session, so it ends with the browser's session, as the tabs and session rules do.
 */
import type { TabAllowance } from './core/types';
import type { KvPort } from './ports';
import { readStored, STORED, writeStored } from './stored-state';

export class TabAllowanceBook {
  /**
   * What storage holds, once read or written here: the background's one book is their only
   * writer, so a blocked attempt (which asks for this tab's allowances) reads storage only once
   * per background.
   */
  private cached: Promise<TabAllowance[]> | null = null;

  constructor(private readonly session: KvPort) {}

  all(): Promise<TabAllowance[]> {
    this.cached ??= readStored(this.session, STORED.tabAllowances).catch((e: unknown) => {
      this.cached = null;
      throw e;
    });
    return this.cached.then((list) => [...list]);
  }

  /** The ones still running in this tab at `now`. */
  async forTab(tabId: number, now: number): Promise<TabAllowance[]> {
    return (await this.all()).filter((a) => a.tabId === tabId && a.until > now);
  }

  /** Adds one, replacing an earlier one for the same network in the same tab. */
  async grant(allowance: TabAllowance): Promise<void> {
    const kept = (await this.all()).filter((a) => !(a.tabId === allowance.tabId && a.networkId === allowance.networkId));
    await this.write([...kept, allowance]);
  }

  /** Keeps only those `keep` accepts; returns them. */
  async keepOnly(keep: (a: TabAllowance) => boolean): Promise<TabAllowance[]> {
    const kept = (await this.all()).filter(keep);
    await this.write(kept);
    return kept;
  }

  private async write(list: TabAllowance[]): Promise<void> {
    // Forgotten first: if the write fails, the next read asks storage again.
    this.cached = null;
    await writeStored(this.session, STORED.tabAllowances, list);
    this.cached = Promise.resolve([...list]);
  }
}
