/** The browsers every shared flow runs in, and the per-test setup they share. */
import { test } from '@playwright/test';
import { chromiumUnderTest } from './chromium-driver';
import { firefoxUnderTest } from './firefox-driver';
import { waitForSessionStatus, type BrowserUnderTest, type LaunchOptions, type Session, type Status } from './driver';
import type { HostMap } from './chromium';

export const BROWSERS: BrowserUnderTest[] = [chromiumUnderTest, firefoxUnderTest];

/**
 * Registers afterEach clean-up and returns `start`: write the policy, launch, wait until the
 * extension has applied it. One session at a time (the policy location is global).
 */
export function useBrowser<S extends Session>(b: BrowserUnderTest<S>) {
  let session: S | undefined;
  test.afterEach(async () => {
    await session?.close();
    session = undefined;
    await b.removePolicy();
  });
  const api = {
    /** Writes the policy and launches, without waiting for the extension to apply it. */
    async launch(policy: Record<string, unknown> | null, hosts: HostMap, opts: LaunchOptions = {}) {
      await session?.close();
      await b.writePolicy(policy);
      session = await b.launch(hosts, opts);
      return session;
    },
    async start(policy: Record<string, unknown> | null, hosts: HostMap, ready: (s: Status) => boolean, opts: LaunchOptions = {}) {
      const s = await api.launch(policy, hosts, opts);
      await waitForSessionStatus(s, ready);
      return s;
    },
  };
  return {
    ...api,
    /** Closes the session now (the afterEach hook would otherwise). */
    async close() {
      await session?.close();
      session = undefined;
    },
  };
}
