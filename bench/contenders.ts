/**
 * Real Chromium, one browser, contenders side by side: an ordinary allowed page, Chromium's own
 * URLBlocklist policy (the browser's interstitial), a minimal extension that redirects to a static
 * page with no script (the floor for any extension), and Hall Pass, also with its service worker
 * stopped just before the navigation. Navigations are interleaved (the order rotates each round).
 *
 * Each contender blocks its own host name, all answered by the same local server, so none of them
 * gets in another's way; the blocked server counts every TCP connection (Hall Pass must make 0).
 *
 * A navigation's time is from sending Page.navigate until the landed page's load event (CDP
 * Page.loadEventFired), plus, for Hall Pass, any time its words appeared after that event (the
 * page marks `hall-pass:content` when the network name and reason are on screen).
 *
 * In the same browser: service worker wake-ups and the CPU time of the extension processes across
 * 100 navigations to allowed sites, and the worker's JS heap idle, after 1,000 blocked attempts,
 * and with 10,000 extra sites in the policy.
 */
import fs from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { CDPSession, Page } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import { EXTENSION_ID, launch, waitForStatus, type Launched } from '../tests/e2e/support/chromium';
import { basePolicy } from '../tests/e2e/support/policies';
import { startSite, type SiteServer } from '../tests/e2e/support/servers';
import { extraSites } from './fixtures';
import { writeMinimalExtension } from './minimal-extension';
import { PolicyFileGuard, summary, type Timings } from './browser';

export type ContenderName = 'allowed' | 'urlblocklist' | 'minimal' | 'hallpass' | 'hallpass-stopped';

export interface ContenderTimings extends Timings {
  name: ContenderName;
  label: string;
  /** For Hall Pass: navigations whose words appeared after the load event, and by how much at most. */
  contentAfterLoad: { count: number; maxMs: number };
  /** For Hall Pass: navigations whose first words came from an out-of-date status and were redrawn. */
  staleFirstPaints: number;
}

export interface WakeResult {
  navigations: number;
  wakeUps: number;
  /** utime + stime of the extension renderer processes (Hall Pass's worker runs there), ms. */
  extensionCpuMs: number;
}

export interface HeapResult {
  idleBytes: number | null;
  afterBlockedBytes: number | null;
  blockedAttempts: number;
  withExtraSitesBytes: number | null;
  extraSites: number;
}

export interface ContendersResult {
  iterations: number;
  warmupIterations: number;
  contenders: ContenderTimings[];
  blockedServerConnections: number;
  blockedServerRequests: string[];
  wrongLandings: string[];
  wake: WakeResult;
  heap: HeapResult;
}

const HOSTS = {
  hallpass: 'facebook.com',
  urlblocklist: 'blocklist.test',
  minimal: 'minimal.test',
  allowed: 'school.test',
} as const;

const LABELS: Record<ContenderName, string> = {
  allowed: 'ordinary allowed page',
  urlblocklist: 'Chromium URLBlocklist interstitial',
  minimal: 'minimal extension, static page',
  hallpass: 'Hall Pass block page',
  'hallpass-stopped': 'Hall Pass, worker stopped first',
};

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms))]);
}

/** Page.navigate until the landed document's load event, in ms. */
async function cdpNavigate(cdp: CDPSession, url: string): Promise<number> {
  const loaded = new Promise<void>((resolve) => cdp.once('Page.loadEventFired', () => resolve()));
  const start = performance.now();
  await cdp.send('Page.navigate', { url });
  await withTimeout(loaded, 20_000, `loading ${url}`);
  return performance.now() - start;
}

interface Landing {
  href: string;
  text: string;
  loadEventEnd: number;
  content: number | null;
  corrected: boolean;
}

async function landing(page: Page): Promise<Landing> {
  return withTimeout(
    page.evaluate(() => {
      // The page's own clock, not Node's (this runs in the page).
      const clock = (globalThis as unknown as { performance: Performance }).performance;
      const nav = clock.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const mark = clock.getEntriesByName('hall-pass:content')[0];
      const h1 = document.querySelector('h1')?.textContent ?? '';
      const why = document.querySelector('.why')?.textContent ?? '';
      return {
        href: location.href,
        text: `${document.title}\n${h1}\n${why}\n${document.body?.innerText.slice(0, 400) ?? ''}`,
        loadEventEnd: nav?.loadEventEnd ?? 0,
        content: mark ? mark.startTime : null,
        corrected: clock.getEntriesByName('hall-pass:corrected').length > 0,
      };
    }),
    10_000,
    'reading the landed page',
  );
}

/** Stops every service worker (Hall Pass's is the only one) and waits until it has stopped. */
async function stopWorkers(cdp: CDPSession): Promise<void> {
  const stopped = new Promise<void>((resolve) => {
    const onUpdate = ({ versions }: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      if (versions.some((v) => v.scriptURL.includes(EXTENSION_ID) && v.runningStatus === 'stopped')) {
        cdp.off('ServiceWorker.workerVersionUpdated', onUpdate);
        resolve();
      }
    };
    cdp.on('ServiceWorker.workerVersionUpdated', onUpdate);
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  // Already stopped: no update comes.
  await withTimeout(stopped, 3000, 'stopping the worker').catch(() => undefined);
}

/** CPU ticks (utime + stime, in ms) of this browser's extension renderer processes, by pid. */
async function extensionProcessCpu(userDataDir: string): Promise<Map<number, number>> {
  const procs = new Map<number, { ppid: number; cmd: string; cpuMs: number }>();
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = (await fs.readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      // Fields after the name: state(0) ppid(1) ... utime(11) stime(12), in clock ticks (100 Hz).
      procs.set(Number(entry), { ppid: Number(fields[1]), cmd, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 });
    } catch {
      // The process ended while we looked.
    }
  }
  const root = [...procs].find(([, p]) => p.cmd.includes(`--user-data-dir=${userDataDir}`) && !p.cmd.includes('--type='))?.[0];
  const out = new Map<number, number>();
  if (root === undefined) return out;
  const isOurs = (pid: number): boolean => {
    for (let p = procs.get(pid), guard = 0; p && guard < 10; p = procs.get(p.ppid), guard++) if (p.ppid === root) return true;
    return false;
  };
  for (const [pid, p] of procs) if (p.cmd.includes('--extension-process') && isOurs(pid)) out.set(pid, p.cpuMs);
  return out;
}

/** Samples the extension processes every 100 ms while `during` runs; CPU ms they used meanwhile. */
async function cpuDuring(userDataDir: string, during: () => Promise<void>): Promise<number> {
  const first = await extensionProcessCpu(userDataDir);
  const last = new Map(first);
  let running = true;
  const sampler = (async () => {
    while (running) {
      for (const [pid, ms] of await extensionProcessCpu(userDataDir)) last.set(pid, Math.max(ms, last.get(pid) ?? 0));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    await during();
  } finally {
    running = false;
    await sampler;
  }
  for (const [pid, ms] of await extensionProcessCpu(userDataDir)) last.set(pid, Math.max(ms, last.get(pid) ?? 0));
  let used = 0;
  for (const [pid, ms] of last) used += ms - (first.get(pid) ?? 0);
  return used;
}

/** The worker's JS heap after a garbage collection, through a DevTools connection of its own. */
async function workerHeap(userDataDir: string, wake: () => Promise<void>): Promise<number | null> {
  const port = (await fs.readFile(`${userDataDir}/DevToolsActivePort`, 'utf8')).split('\n')[0];
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
  try {
    await wake();
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(EXTENSION_ID), { timeout: 10_000 });
    const session = await target.createCDPSession();
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    await session.detach();
    return usedSize;
  } catch (e) {
    console.error('reading the worker heap failed:', e);
    return null;
  } finally {
    await browser.disconnect();
  }
}

function landedRight(name: ContenderName, url: string, l: Landing): boolean {
  switch (name) {
    case 'allowed':
      return l.href === url;
    case 'urlblocklist':
      // The interstitial: titled with the site's name, and why.
      return l.href.startsWith('chrome-error://') && /blocklist\.test/.test(l.text) && /organization doesn.t allow/.test(l.text);
    case 'minimal':
      return /^chrome-extension:\/\/[a-p]{32}\/blocked\.html$/.test(l.href) && /closed on school computers/.test(l.text);
    default:
      return /^chrome-extension:\/\/[a-p]{32}\/blocked\.html#/.test(l.href) && l.href.endsWith(`#${url}`) && /Facebook/.test(l.text) && /rule/.test(l.text);
  }
}

export async function benchContenders(iterations = 30, warmup = 3): Promise<ContendersResult> {
  let social: SiteServer | undefined;
  let school: SiteServer | undefined;
  let launched: Launched | undefined;
  const minimalDir = await writeMinimalExtension([HOSTS.minimal], 'chrome');
  const guard = await PolicyFileGuard.whenFree();
  try {
    social = await startSite('SOCIAL');
    school = await startSite('SCHOOL');
    const pupil = basePolicy({ role: 'pupil' });
    const browserPolicy = { URLBlocklist: [HOSTS.urlblocklist] };
    await guard.write(pupil, browserPolicy);
    launched = await launch(
      { [HOSTS.hallpass]: social.port, [HOSTS.urlblocklist]: social.port, [HOSTS.minimal]: social.port, [HOSTS.allowed]: school.port },
      { otherExtensions: [minimalDir], extraArgs: ['--remote-debugging-port=0'] },
    );
    const userDataDir = launched.userDataDir;
    await guard.during('before the policy arrived', () =>
      waitForStatus(launched!.worker, (s) => s.parsed.present && s.role.role === 'pupil' && s.action === 'block'),
    );
    const page = await launched.context.newPage();
    const cdp = await launched.context.newCDPSession(page);
    await cdp.send('Page.enable');
    await cdp.send('ServiceWorker.enable');

    // URLBlocklist arrives with the policy file, seconds after start, like the extension's policy.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await cdpNavigate(cdp, `http://${HOSTS.urlblocklist}/ready`);
      if (landedRight('urlblocklist', `http://${HOSTS.urlblocklist}/ready`, await landing(page))) break;
      if (Date.now() > deadline) throw new Error('URLBlocklist never took effect');
      await new Promise((r) => setTimeout(r, 500));
    }
    social.reset();

    const names: ContenderName[] = ['allowed', 'urlblocklist', 'minimal', 'hallpass', 'hallpass-stopped'];
    const samples = new Map<ContenderName, number[]>(names.map((n) => [n, []]));
    const late = new Map<ContenderName, { count: number; maxMs: number }>(names.map((n) => [n, { count: 0, maxMs: 0 }]));
    const stale = new Map<ContenderName, number>(names.map((n) => [n, 0]));
    const wrong: string[] = [];
    await guard.during('during the navigations', async () => {
      for (let i = -warmup; i < iterations; i++) {
        const round = i + warmup;
        const order = names.map((_, k) => names[(k + round) % names.length]!);
        for (const name of order) {
          const host = name === 'hallpass-stopped' ? HOSTS.hallpass : HOSTS[name];
          const url = `http://${host}/p/${name}-${round}`;
          if (name === 'hallpass-stopped') await stopWorkers(cdp);
          const ms = await cdpNavigate(cdp, url);
          const l = await landing(page);
          if (!landedRight(name, url, l)) wrong.push(`${name}: ${url} -> ${l.href} (${l.text.slice(0, 80).replaceAll('\n', ' | ')})`);
          const after = l.content === null ? 0 : Math.max(0, l.content - l.loadEventEnd);
          if (i < 0) continue;
          samples.get(name)!.push(ms + after);
          if (l.corrected) stale.set(name, stale.get(name)! + 1);
          if (after > 0) {
            const e = late.get(name)!;
            e.count += 1;
            e.maxMs = Math.max(e.maxMs, after);
          }
        }
      }
    });
    const blockedServerConnections = social.connections;
    const blockedServerRequests = [...social.requests];

    // Ordinary browsing: stop the worker, then count how often it starts again. Its timers are
    // cleared first (it makes them again at its next start): the once-a-minute safety alarm would
    // otherwise wake it during the count whatever the navigations do.
    const alarmsPage = await launched.context.newPage();
    await alarmsPage.goto(`chrome-extension://${EXTENSION_ID}/blocked.html`);
    await alarmsPage.evaluate(() => (globalThis as unknown as { chrome: { alarms: { clearAll(): Promise<boolean> } } }).chrome.alarms.clearAll());
    await alarmsPage.close();
    await stopWorkers(cdp);
    await new Promise((r) => setTimeout(r, 1000));
    let wakeUps = 0;
    const status = new Map<string, string>();
    const onUpdate = ({ versions }: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
      for (const v of versions) {
        if (!v.scriptURL.includes(EXTENSION_ID)) continue;
        if (v.runningStatus === 'starting' && status.get(v.versionId) !== 'starting') wakeUps += 1;
        status.set(v.versionId, v.runningStatus);
      }
    };
    cdp.on('ServiceWorker.workerVersionUpdated', onUpdate);
    const wakeNavigations = 100;
    const extensionCpuMs = await cpuDuring(userDataDir, async () => {
      for (let i = 0; i < wakeNavigations; i++) await cdpNavigate(cdp, `http://${HOSTS.allowed}/wake/${i}`);
      await new Promise((r) => setTimeout(r, 1000));
    });
    cdp.off('ServiceWorker.workerVersionUpdated', onUpdate);

    // Memory: idle, after 1,000 blocked attempts, with 10,000 extra sites.
    const wakeByBlocking = async () => {
      await cdpNavigate(cdp, `http://${HOSTS.hallpass}/heap/${Date.now()}`);
    };
    await new Promise((r) => setTimeout(r, 2000));
    const idleBytes = await workerHeap(userDataDir, wakeByBlocking);
    const blockedAttempts = 1000;
    const tabs = await Promise.all([0, 1, 2, 3].map(() => launched!.context.newPage()));
    await Promise.all(
      tabs.map(async (tab, t) => {
        for (let i = t; i < blockedAttempts; i += tabs.length) {
          await tab.goto(`http://${HOSTS.hallpass}/attempt/${i}`, { waitUntil: 'domcontentloaded' }).catch(() => undefined);
        }
      }),
    );
    await Promise.all(tabs.map((t) => t.close()));
    await new Promise((r) => setTimeout(r, 2000));
    const afterBlockedBytes = await workerHeap(userDataDir, async () => undefined);
    const extra = 10_000;
    await guard.write({ ...pupil, extraSites: extraSites(extra) }, browserPolicy);
    // Read from an extension page: the worker may stop and start meanwhile.
    const statusPage = await launched.context.newPage();
    await statusPage.goto(`chrome-extension://${EXTENSION_ID}/blocked.html`);
    await guard.during('while the extra sites arrived', async () => {
      const until = Date.now() + 60_000;
      for (;;) {
        const count = await statusPage.evaluate(async () => {
          const api = (
            globalThis as unknown as {
              chrome: { storage: { local: { get(k: string): Promise<Record<string, { parsed: { policy: { extraSites: string[] } } }>> } } };
            }
          ).chrome;
          return (await api.storage.local.get('status')).status?.parsed.policy.extraSites.length ?? 0;
        });
        if (count === extra) break;
        if (Date.now() > until) throw new Error(`the policy with ${extra} extra sites was not applied (${count})`);
        await new Promise((r) => setTimeout(r, 500));
      }
    });
    await statusPage.close();
    await new Promise((r) => setTimeout(r, 2000));
    const withExtraSitesBytes = await workerHeap(userDataDir, wakeByBlocking);

    const contenders = names.map((name) => ({
      name,
      label: LABELS[name],
      ...summary(samples.get(name)!),
      contentAfterLoad: late.get(name)!,
      staleFirstPaints: stale.get(name)!,
    }));
    return {
      iterations,
      warmupIterations: warmup,
      contenders,
      blockedServerConnections,
      blockedServerRequests,
      wrongLandings: wrong,
      wake: { navigations: wakeNavigations, wakeUps, extensionCpuMs },
      heap: { idleBytes, afterBlockedBytes, blockedAttempts, withExtraSitesBytes, extraSites: extra },
    };
  } finally {
    await launched?.close().catch((e) => console.error('closing the browser failed:', e));
    await guard.release();
    await social?.close();
    await school?.close();
    await fs.rm(minimalDir, { recursive: true, force: true });
  }
}
