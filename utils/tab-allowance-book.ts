/**
 * A warning's "Continue": one network, in one tab, for the policy's warnMinutes. Kept in
 * storage.session, so it ends with the browser's session, as the tabs and session rules do.
 */
import type { TabAllowance } from './core/types';
import type { KvPort } from './ports';
import { readStored, STORED, writeStored } from './stored-state';

export class TabAllowanceBook {
  constructor(private readonly session: KvPort) {}

  all(): Promise<TabAllowance[]> {
    return readStored(this.session, STORED.tabAllowances);
  }

  /** The ones still running in this tab at `now`. */
  async forTab(tabId: number, now: number): Promise<TabAllowance[]> {
    return (await this.all()).filter((a) => a.tabId === tabId && a.until > now);
  }

  /** Adds one, replacing an earlier one for the same network in the same tab. */
  async grant(allowance: TabAllowance): Promise<void> {
    const kept = (await this.all()).filter((a) => !(a.tabId === allowance.tabId && a.networkId === allowance.networkId));
    await writeStored(this.session, STORED.tabAllowances, [...kept, allowance]);
  }

  /** Keeps only those `keep` accepts; returns them. */
  async keepOnly(keep: (a: TabAllowance) => boolean): Promise<TabAllowance[]> {
    const kept = (await this.all()).filter(keep);
    await writeStored(this.session, STORED.tabAllowances, kept);
    return kept;
  }
}
