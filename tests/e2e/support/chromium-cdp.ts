/**
 * Chromium only, through the Chrome DevTools Protocol: what no shared driver method can do, because
 * only Chromium's service worker can be stopped and watched from outside. Everything else a
 * Chromium spec does goes through the driver's Session and Tab.
 */
import type { BrowserContext } from '@playwright/test';
import { EXTENSION_BASE } from './chromium';
import type { ChromiumSession } from './chromium-driver';

type WorkerVersions = { versions: { versionId: string; scriptURL: string; runningStatus: string }[] };
const isOurs = (scriptURL: string) => scriptURL.startsWith(EXTENSION_BASE);

/**
 * Stops the extension's service worker as Chromium does when it idles. Playwright's handle to it
 * goes stale (the driver fetches a fresh one); the worker starts again on its next event.
 */
export async function stopServiceWorker(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: WorkerVersions) => {
      if (versions.some((v) => isOurs(v.scriptURL) && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

/** Counts the times the extension's service worker starts from now on: read the count with the function returned. */
export async function countWorkerStarts(session: ChromiumSession): Promise<() => number> {
  const page = session.context.pages()[0] ?? (await session.context.newPage());
  const cdp = await session.context.newCDPSession(page);
  let starts = 0;
  const last = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: WorkerVersions) => {
    for (const v of versions) {
      if (!isOurs(v.scriptURL)) continue;
      if (v.runningStatus === 'starting' && last.get(v.versionId) !== 'starting') starts += 1;
      last.set(v.versionId, v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return () => starts;
}
