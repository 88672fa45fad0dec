/**
 * The access log in real Chromium, with the built extension and a managed pupil policy that has a
 * DSL passphrase hash:
 * 1. entries written end to end: real blocked navigations in parallel tabs until the worker's
 *    IndexedDB holds an entry for each (and no connection reached the blocked site's server);
 * 2. chaining: raw events put straight into the inbox, then 'log:maintain' until all are entries;
 * 3. the DSL page over the chained log: unlock to first table page and summary, CSV and JSON
 *    export (time to the download, file size, JS heap of the page sampled over CDP) and Verify.
 */
import fs from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { CATALOGUE } from '../utils/core/catalogue';
import type { NewLogEvent } from '../utils/core/log/types';
import { hashPassphrase } from '../utils/core/passphrase';
import { DB_NAME, type InboxItem } from '../utils/journal/db';
import { extensionPage, extensionWorker, launch, waitForStatus, type Launched } from '../tests/e2e/support/chromium';
import { basePolicy, DSL } from '../tests/e2e/support/policies';
import { startSite, type SiteServer } from '../tests/e2e/support/servers';
import { isBlockPageFor, PolicyFileGuard, summary, type Timings } from './browser';

const PASSPHRASE = 'purple elephant dances';
const DEVICE = 'ICT suite PC 12';
/** The networks the synthetic inbox events name (catalogue ids). */
const NETWORK_IDS = ['facebook', 'x', 'youtube', 'tiktok', 'instagram'];

export interface LogOptions {
  /** Real blocked navigations for the end-to-end write rate. */
  attempts: number;
  tabs: number;
  /** Raw events put into the inbox for the chaining rate. */
  inboxEvents: number;
  /** Days the synthetic events are spread over, ending now. */
  days: number;
}

const DEFAULTS: LogOptions = { attempts: 300, tabs: 4, inboxEvents: 100_000, days: 60 };

export interface HeapTrace {
  /** JSHeapUsedSize after a forced GC, just before the action. */
  beforeBytes: number;
  peakBytes: number;
  samples: number;
  /** Longest wait between two samples: the page's main thread answers late while it is busy. */
  maxGapMs: number;
}

export interface ExportTiming {
  fileName: string;
  /** From the click until Playwright's download event. */
  downloadEventMs: number;
  /** From the click until the file was saved and the toolbar enabled again. */
  doneMs: number;
  bytes: number;
  /** CSV rows (without the header) or JSON entries found in the file. */
  entriesInFile: number;
  /** JSON only: the verification the export carries. */
  verificationOk: boolean | null;
  heap: HeapTrace;
}

export interface LogResult {
  launchToPolicyMs: number;
  writes: {
    attempts: number;
    tabs: number;
    /** From the first navigation until the last block page loaded. */
    navigationsMs: number;
    /** From the first navigation until the entries count reached `attempts` (null: it never did). */
    allEntriesMs: number | null;
    attemptsPerSecond: number | null;
    navigation: Timings;
    entriesWritten: number;
    /** Attempts without an entry (paths), and paths with more than one entry. */
    missing: string[];
    duplicated: string[];
    wrongLandings: string[];
    blockedServerConnections: number;
    blockedServerRequests: string[];
  };
  chaining: {
    events: number;
    days: number;
    eventMix: Record<string, number>;
    /** One readwrite transaction in the worker, generation included. */
    insertMs: number;
    /** Entries already chained when the drain was asked for (should be 0). */
    chainedBeforeTrigger: number;
    /** From sending 'log:maintain' until the entries count was complete and the inbox empty (polled every 250 ms). */
    chainedMs: number | null;
    /** From sending 'log:maintain' until it answered. */
    answeredMs: number | null;
    entriesPerSecond: number | null;
    entriesTotal: number;
    inboxLeft: number;
  };
  /** null when chaining did not finish. */
  dsl: {
    entries: number;
    /** The table heading once unlocked, e.g. "Entries (100300)". */
    entriesHeading: string;
    /** From clicking Unlock (PBKDF2 check included) until each part showed. */
    unlock: { reviewMs: number; firstTablePageMs: number; summaryMs: number };
    csv: ExportTiming;
    json: ExportTiming;
    verify: { ms: number; text: string; heap: HeapTrace };
  } | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// IndexedDB, read and written in the extension's worker
// ---------------------------------------------------------------------------

/** Rows in the entries and inbox stores, read in the worker (0 and 0 before the database exists). */
async function storeCounts(context: BrowserContext): Promise<{ entries: number; inbox: number }> {
  const worker = await extensionWorker(context);
  return worker.evaluate(
    (dbName) =>
      new Promise<{ entries: number; inbox: number }>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        let missing = false;
        open.onupgradeneeded = () => {
          missing = true;
          open.transaction?.abort();
        };
        open.onerror = () => (missing ? resolve({ entries: 0, inbox: 0 }) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['entries', 'inbox']);
          const entries = tx.objectStore('entries').count();
          const inbox = tx.objectStore('inbox').count();
          tx.oncomplete = () => {
            db.close();
            resolve({ entries: entries.result, inbox: inbox.result });
          };
          tx.onerror = () => {
            db.close();
            reject(tx.error);
          };
        };
      }),
    DB_NAME,
  );
}

/** host + path of every entry for `host` (a few hundred here). */
async function entryPaths(context: BrowserContext, host: string): Promise<string[]> {
  const worker = await extensionWorker(context);
  return worker.evaluate(
    ({ dbName, host }) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('entries').objectStore('entries').getAll();
          req.onsuccess = () => {
            db.close();
            resolve((req.result as { host: string | null; path: string | null }[]).filter((e) => e.host === host).map((e) => e.path ?? ''));
          };
          req.onerror = () => {
            db.close();
            reject(req.error);
          };
        };
      }),
    { dbName: DB_NAME, host },
  );
}

interface FillArgs {
  dbName: string;
  count: number;
  seed: number;
  now: number;
  days: number;
  device: string;
  timezone: string;
  networks: { id: string; name: string; hosts: string[] }[];
}

/**
 * Generates `count` plausible events in the worker and adds them to the inbox in one transaction,
 * as Journal.append would store them (address already minimised to https://host/path). Ascending
 * times over `days` ending now; ~8% staff (mostly warned), the rest pupils (mostly blocked, 0.5%
 * reports from the block page). Returns milliseconds taken and the event mix.
 */
async function fillInbox(context: BrowserContext, args: FillArgs): Promise<{ ms: number; mix: Record<string, number> }> {
  const worker = await extensionWorker(context);
  return worker.evaluate(async (a: FillArgs) => {
    const start = performance.now();
    // mulberry32, as bench/stats.ts seededRandom (the worker cannot import it). Methods, not named
    // arrow functions: tsx's keepNames would wrap those in a __name() helper the worker lacks.
    const rng = {
      state: a.seed >>> 0,
      next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      },
      pick<T>(xs: readonly T[]): T {
        return xs[Math.floor(this.next() * xs.length)]!;
      },
    };
    const PATHS = ['', 'watch', 'groups/year9', 'reel', 'explore', 'messages', 'search', 'shorts', 'live', 'profile'];
    const mix: Record<string, number> = {};
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(a.dbName);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('inbox', 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('inbox transaction aborted'));
    });
    const store = tx.objectStore('inbox');
    const span = a.days * 86_400_000;
    const from = a.now - span;
    for (let i = 0; i < a.count; i++) {
      const at = Math.round(from + ((i + rng.next()) / a.count) * span);
      const d = new Date(at);
      const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
      const hour = d.getUTCHours();
      const staff = rng.next() < 0.08;
      const user = staff
        ? `staff-${String(Math.floor(rng.next() * 80)).padStart(3, '0')}@ashgrove.sch.uk`
        : `pupil-${String(Math.floor(rng.next() ** 2 * 900)).padStart(4, '0')}@ashgrove.sch.uk`;
      const r = rng.next();
      const event = staff ? (r < 0.8 ? 'warned' : 'blocked') : r < 0.995 ? 'blocked' : 'report';
      mix[event] = (mix[event] ?? 0) + 1;
      const base = {
        at,
        user,
        role: staff ? 'staff' : 'pupil',
        device: a.device,
        timezone: a.timezone,
        schoolTime: weekday && hour >= 8 && hour < 16,
      } as const;
      let ev: NewLogEvent;
      if (event === 'report') {
        ev = {
          ...base,
          event,
          url: null,
          networkId: null,
          networkName: null,
          text: `Someone in my class keeps messaging me (${i})`,
          person: rng.next() < 0.5 ? 'Mr Khan' : null,
        };
      } else {
        const n = rng.pick(a.networks);
        const path = rng.pick(PATHS);
        const url = `https://${rng.pick(n.hosts)}/${path}${path ? `/${Math.floor(rng.next() * 2 ** 31).toString(36)}` : ''}`;
        ev = { ...base, event, url, networkId: n.id, networkName: n.name };
      }
      const item: InboxItem = { ev, recordFullUrl: false };
      store.add(item);
    }
    await done;
    db.close();
    return { ms: performance.now() - start, mix };
  }, args);
}

/** Hosts people type for a catalogue network: its first two domains, and www./m. forms of the first. */
function benchNetworks(): FillArgs['networks'] {
  return NETWORK_IDS.map((id) => {
    const n = CATALOGUE.find((c) => c.id === id);
    if (!n) throw new Error(`catalogue has no network ${id}`);
    const [first, second] = n.domains;
    return { id: n.id, name: n.name, hosts: [first!, `www.${first}`, `m.${first}`, ...(second ? [second] : [])] };
  });
}

// ---------------------------------------------------------------------------
// 1. Entries written end to end
// ---------------------------------------------------------------------------

async function blockedWrites(context: BrowserContext, social: SiteServer, n: number, tabs: number): Promise<LogResult['writes']> {
  const baseline = (await storeCounts(context)).entries;
  const pages = await Promise.all(Array.from({ length: tabs }, () => context.newPage()));
  const navMs: number[] = [];
  const wrong: string[] = [];
  let next = 0;
  let navigationsMs: number | null = null;
  const start = performance.now();
  const tab = async (page: Page) => {
    for (let i = next++; i < n; i = next++) {
      const url = `http://facebook.com/bench/${i}`;
      const t = performance.now();
      try {
        await page.goto(url, { waitUntil: 'load' });
      } catch (e) {
        wrong.push(`${url} -> ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        continue;
      }
      navMs.push(performance.now() - t);
      if (!isBlockPageFor(page.url(), url)) wrong.push(`${url} -> ${page.url()}`);
    }
  };
  const navigations = Promise.all(pages.map(tab)).then(() => {
    navigationsMs = performance.now() - start;
  });

  let allEntriesMs: number | null = null;
  for (;;) {
    const written = (await storeCounts(context)).entries - baseline;
    if (written >= n) {
      allEntriesMs = performance.now() - start;
      break;
    }
    // Once every tab has landed, entries get 20 s more to arrive.
    if (navigationsMs !== null && performance.now() - start > navigationsMs + 20_000) break;
    await sleep(50);
  }
  await navigations;
  await sleep(300); // anything written late (duplicates) shows in the final count
  const written = (await storeCounts(context)).entries - baseline;

  const paths = await entryPaths(context, 'facebook.com');
  const seen = new Map<string, number>();
  for (const p of paths) seen.set(p, (seen.get(p) ?? 0) + 1);
  const missing: string[] = [];
  for (let i = 0; i < n; i++) if (!seen.has(`/bench/${i}`)) missing.push(`/bench/${i}`);
  const duplicated = [...seen].filter(([, count]) => count > 1).map(([p, count]) => `${p} x${count}`);
  await Promise.all(pages.slice(1).map((p) => p.close()));

  return {
    attempts: n,
    tabs,
    navigationsMs: navigationsMs ?? NaN,
    allEntriesMs,
    attemptsPerSecond: allEntriesMs === null ? null : n / (allEntriesMs / 1000),
    navigation: summary(navMs),
    entriesWritten: written,
    missing,
    duplicated,
    wrongLandings: wrong,
    blockedServerConnections: social.connections,
    blockedServerRequests: [...social.requests],
  };
}

// ---------------------------------------------------------------------------
// 2. Chaining
// ---------------------------------------------------------------------------

async function chaining(context: BrowserContext, extensionTab: Page, opts: LogOptions, timezone: string): Promise<LogResult['chaining']> {
  const before = await storeCounts(context);
  if (before.inbox !== 0) throw new Error(`the inbox holds ${before.inbox} item(s) before the chaining benchmark`);
  const fill = await fillInbox(context, {
    dbName: DB_NAME,
    count: opts.inboxEvents,
    seed: 7,
    now: Date.now(),
    days: opts.days,
    device: DEVICE,
    timezone,
    networks: benchNetworks(),
  });
  const target = before.entries + opts.inboxEvents;
  const atTrigger = await storeCounts(context);

  const start = performance.now();
  let answeredMs: number | null = null;
  const answered = extensionTab
    .evaluate(() => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
      return api.runtime.sendMessage({ type: 'log:maintain' });
    })
    .then(
      () => {
        answeredMs = performance.now() - start;
      },
      (e) => console.error('log:maintain failed:', e),
    );

  let chainedMs: number | null = null;
  let counts = atTrigger;
  const deadline = start + 150_000;
  while (performance.now() < deadline) {
    counts = await storeCounts(context);
    if (counts.entries >= target && counts.inbox === 0) {
      chainedMs = performance.now() - start;
      break;
    }
    await sleep(250);
  }
  if (chainedMs !== null) await Promise.race([answered, sleep(10_000)]);
  return {
    events: opts.inboxEvents,
    days: opts.days,
    eventMix: fill.mix,
    insertMs: fill.ms,
    chainedBeforeTrigger: atTrigger.entries - before.entries,
    chainedMs,
    answeredMs,
    entriesPerSecond: chainedMs === null ? null : opts.inboxEvents / (chainedMs / 1000),
    entriesTotal: counts.entries,
    inboxLeft: counts.inbox,
  };
}

// ---------------------------------------------------------------------------
// 3. The DSL page
// ---------------------------------------------------------------------------

async function heapUsed(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

/** Samples the page's JSHeapUsedSize every `everyMs` until stopped. */
function sampleHeap(cdp: CDPSession, beforeBytes: number, everyMs = 50): { stop(): Promise<HeapTrace> } {
  const samples: { t: number; bytes: number }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      samples.push({ t, bytes: await heapUsed(cdp) });
      const wait = everyMs - (performance.now() - t);
      if (wait > 0) await sleep(wait);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      let maxGapMs = 0;
      for (let i = 1; i < samples.length; i++) maxGapMs = Math.max(maxGapMs, samples[i]!.t - samples[i - 1]!.t);
      return { beforeBytes, peakBytes: Math.max(beforeBytes, ...samples.map((s) => s.bytes)), samples: samples.length, maxGapMs };
    },
  };
}

async function heapBefore(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return heapUsed(cdp);
}

/** The toolbar's buttons are disabled while an action runs. */
const toolbarIdle = (page: Page, timeout: number) =>
  page.waitForFunction(() => document.querySelector('.toolbar button:disabled') === null, undefined, { timeout });

async function timedExport(page: Page, cdp: CDPSession, button: 'Export CSV' | 'Export JSON', timeout: number): Promise<ExportTiming> {
  const heap = sampleHeap(cdp, await heapBefore(cdp));
  const start = performance.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout }), page.getByRole('button', { name: button }).click()]);
  const downloadEventMs = performance.now() - start;
  const file = await download.path();
  await toolbarIdle(page, timeout);
  const doneMs = performance.now() - start;
  const trace = await heap.stop();

  const text = await fs.readFile(file, 'utf8');
  let entriesInFile: number;
  let verificationOk: boolean | null = null;
  if (button === 'Export CSV') {
    entriesInFile = text.split('\r\n').length - 2; // header, and the '' after the last CRLF
  } else {
    const exp = JSON.parse(text) as { entries: unknown[]; verification: { ok: boolean } };
    entriesInFile = exp.entries.length;
    verificationOk = exp.verification.ok;
  }
  return {
    fileName: download.suggestedFilename(),
    downloadEventMs,
    doneMs,
    bytes: Buffer.byteLength(text, 'utf8'),
    entriesInFile,
    verificationOk,
    heap: trace,
  };
}

async function dslPage(context: BrowserContext, entries: number): Promise<NonNullable<LogResult['dsl']>> {
  const timeout = 90_000;
  const page = await context.newPage();
  await page.goto(extensionPage('dsl.html'));
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  const start = performance.now();
  const shown = (p: Promise<unknown>) => p.then(() => performance.now() - start);
  const [, reviewMs, firstTablePageMs, summaryMs] = await Promise.all([
    page.getByRole('button', { name: 'Unlock' }).click(),
    shown(page.getByRole('button', { name: 'Export CSV' }).waitFor({ timeout })),
    shown(page.getByTestId('log-table').locator('tbody tr').first().waitFor({ timeout })),
    shown(page.locator('#summary-title').waitFor({ timeout })),
  ]);
  const entriesHeading = ((await page.locator('#entries-title').textContent()) ?? '').trim();

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const csv = await timedExport(page, cdp, 'Export CSV', timeout);
  const json = await timedExport(page, cdp, 'Export JSON', timeout);

  const heap = sampleHeap(cdp, await heapBefore(cdp));
  const verifyStart = performance.now();
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByTestId('verification').waitFor({ timeout });
  const verifyMs = performance.now() - verifyStart;
  const verifyHeap = await heap.stop();
  const text = ((await page.getByTestId('verification').textContent()) ?? '').trim();
  await cdp.detach();

  return {
    entries,
    entriesHeading,
    unlock: { reviewMs, firstTablePageMs, summaryMs },
    csv,
    json,
    verify: { ms: verifyMs, text, heap: verifyHeap },
  };
}

// ---------------------------------------------------------------------------

export async function benchLog(options: Partial<LogOptions> = {}): Promise<LogResult> {
  const opts = { ...DEFAULTS, ...options };
  const passphraseHash = await hashPassphrase(PASSPHRASE);
  let social: SiteServer | undefined;
  let launched: Launched | undefined;
  const guard = await PolicyFileGuard.whenFree();
  try {
    social = await startSite('SOCIAL');
    await guard.write(basePolicy({ role: 'pupil', device: { label: DEVICE }, dsl: { ...DSL, passphraseHash } }));
    const launchStart = performance.now();
    launched = await launch({ 'facebook.com': social.port });
    const { context } = launched;
    const status = await guard.during('before the policy arrived', () =>
      waitForStatus(
        launched!.worker,
        (s) =>
          s.parsed.present &&
          s.role.role === 'pupil' &&
          s.action === 'block' &&
          (s.parsed.policy as { dsl?: { passphraseHash?: string | null } }).dsl?.passphraseHash === passphraseHash,
      ),
    );
    const launchToPolicyMs = performance.now() - launchStart;
    const timezone = (status.parsed.policy as { timezone?: string }).timezone ?? 'Europe/London';

    const writes = await guard.during('while writing entries', () => blockedWrites(context, social!, opts.attempts, opts.tabs));
    // The first tab is left on a block page: an extension page to send the message from.
    const extensionTab = context.pages().find((p) => p.url().startsWith('chrome-extension://'));
    if (!extensionTab) throw new Error('no extension page left open to send log:maintain from');
    const chained = await guard.during('while chaining', () => chaining(context, extensionTab, opts, timezone));
    // Without a complete log the DSL page figures would mean little.
    const dsl = chained.chainedMs === null ? null : await guard.during('in the DSL page', () => dslPage(context, chained.entriesTotal));
    return { launchToPolicyMs, writes, chaining: chained, dsl };
  } finally {
    await launched?.close().catch((e) => console.error('closing the browser failed:', e));
    await guard.release();
    await social?.close();
  }
}
