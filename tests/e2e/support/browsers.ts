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
export function useBrowser(b: BrowserUnderTest) {
  let session: Session | undefined;
  test.afterEach(async () => {
    await session?.close();
    session = undefined;
    await b.removePolicy();
  });
  return {
    async start(policy: Record<string, unknown> | null, hosts: HostMap, ready: (s: Status) => boolean, opts: LaunchOptions = {}) {
      await b.writePolicy(policy);
      session = await b.launch(hosts, opts);
      await waitForSessionStatus(session, ready);
      return session;
    },
  };
}
