/** A real hub on a throwaway PostgreSQL cluster, seeded with two schools, and Chromium to read its pages. */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { startHub, startPgCluster, type Hub, type PgCluster } from '../../../hub/tests/support/index';
import { PASSWORD, seedTrust, type Seeded } from '../../../hub/tests/support/dsl-seed';

export interface HubPages {
  hub: Hub;
  seed: Seeded;
  browser: Browser;
  /** Stops the hub and starts it again on the same database (a new port: cookies do not depend on it). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * For a spec file whose tests share one hub: runs them in order, starts the hub before the first
 * and stops it after the last. The returned function gives the hub once it has started.
 */
export function useHubPages(): () => HubPages {
  let hp: HubPages | undefined;
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    hp = await startHubPages();
  });
  test.afterAll(async () => {
    await hp?.close();
  });
  return () => hp!;
}

export async function startHubPages(): Promise<HubPages> {
  const cluster: PgCluster = await startPgCluster();
  let hub: Hub | null = null;
  try {
    const databaseUrl = await cluster.createDatabase('hub_pages');
    const open = () => startHub({ databaseUrl, port: 0, host: '127.0.0.1' });
    hub = await open();
    const seed = await seedTrust(hub);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
    const hp: HubPages = {
      hub,
      seed,
      browser,
      async restart() {
        await hp.hub.close();
        hp.hub = await open();
      },
      async close() {
        await browser.close();
        await hp.hub.close();
        cluster.destroy();
      },
    };
    return hp;
  } catch (e) {
    await hub?.close();
    cluster.destroy();
    throw e;
  }
}

/** Signs in through the form; waits out a wait left by an earlier test's wrong password. */
export async function signIn(page: Page, base: string, email: string, password = PASSWORD): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    const err = page.getByTestId('login-error');
    if (!(await err.count())) break;
    const wait = /Wait (\d+) seconds?/.exec((await err.textContent()) ?? '');
    if (!wait) throw new Error(`sign-in failed: ${await err.textContent()}`);
    await page.waitForTimeout(Number(wait[1]) * 1000 + 300);
  }
  await expect(page.getByTestId('who')).toContainText(email);
}
