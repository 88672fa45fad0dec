/**
 * Real Firefox ESR with the built extension and a real policies.json: time to the block page
 * against time to an ordinary page, and connections that reach the blocked site.
 *
 * Puppeteer cannot see an extension page finish loading, so the time is the landed page's own
 * Navigation Timing: loadEventEnd, counted from the navigation's start (before any redirect).
 * Both kinds of page are measured the same way. Firefox's WebsiteFilter page is an error page
 * whose loadEventEnd stays 0 (checked in ESR 153: its document parses, its load timing is never
 * filled in), so it is reported as not measured rather than timed another way.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { poll, waitForSessionStatus, type Tab } from '../tests/e2e/support/driver';
import { firefoxUnderTest, type FirefoxSession } from '../tests/e2e/support/firefox-driver';
import { FIREFOX, FIREFOX_BASE, FIREFOX_EXTENSION_DIR, FIREFOX_POLICY_FILE } from '../tests/e2e/support/firefox';
import { basePolicy } from '../tests/e2e/support/policies';
import { startSite, type SiteServer } from '../tests/e2e/support/servers';
import { summary, type NavigationResult } from './browser';
import { median } from './stats';
import fs from 'node:fs/promises';
import type { ContenderTimings } from './contenders';
import { MINIMAL_GECKO_ID, writeMinimalExtension } from './minimal-extension';
import os from 'node:os';
import path from 'node:path';
import { zipDirectory } from '../utils/cli/package';
import { GECKO_ID } from '../utils/extension-identity';

export interface FirefoxResult extends NavigationResult {
  firefoxVersion: string;
  contenders: ContenderTimings[];
  /** Contenders that could not be measured, and why. */
  unmeasured: string[];
  /** Medians of where the time goes, from the pages' own clocks (ms from navigation start). */
  phases: {
    label: string;
    htmlReceivedMs: number | null;
    htmlParsedMs: number | null;
    scriptRanMs: number | null;
    wordsMs: number | null;
    domContentLoadedMs: number | null;
    loadMs: number | null;
  }[];
}

/** The landed page's load event (ms from the navigation's start), and when Hall Pass's words were on screen. */
interface Loaded {
  loadEventEnd: number;
  /** The page's HTML has arrived (after any redirect). */
  responseEnd: number;
  domContentLoadedEventEnd: number;
  /** The HTML is parsed (before any module script runs). */
  domInteractive: number;
  /** Hall Pass's page script starts (its modules loaded and evaluated). */
  script: number | null;
  content: number | null;
  corrected: boolean;
  text: string;
}

async function loadTime(tab: Tab): Promise<Loaded> {
  return poll(
    () =>
      tab.evaluate(() => {
        // The page's own clock, not Node's (this runs in the page).
        const page = (globalThis as unknown as { performance: Performance }).performance;
        const nav = page.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const mark = page.getEntriesByName('hall-pass:content')[0];
        const text = `${document.title}\n${document.querySelector('h1')?.textContent ?? ''}\n${document.body?.innerText.slice(0, 300) ?? ''}`;
        const corrected = page.getEntriesByName('hall-pass:corrected').length > 0;
        const script = page.getEntriesByName('hall-pass:script')[0];
        return {
          loadEventEnd: nav ? nav.loadEventEnd : 0,
          responseEnd: nav ? nav.responseEnd : 0,
          domContentLoadedEventEnd: nav ? nav.domContentLoadedEventEnd : 0,
          domInteractive: nav ? nav.domInteractive : 0,
          script: script ? script.startTime : null,
          content: mark ? mark.startTime : null,
          corrected,
          text,
        };
      }, null),
    (r) => r.loadEventEnd > 0,
    'the page to load',
  );
}

/**
 * After each page is measured, the next navigation waits until this one's work is done: Hall
 * Pass's full page has taken over (the page's `data-ready`), then a short quiet moment for every
 * contender. All the extensions' pages and backgrounds share one process in Firefox, so otherwise
 * whatever a page does after its load event would be timed as part of the next contender's page
 * (as a pupil's next click comes seconds later, not milliseconds).
 */
const SETTLE_MS = 100;
async function settle(tab: Tab, name: FirefoxContender): Promise<void> {
  if (name === 'hallpass') {
    await poll(
      () => tab.evaluate(() => document.getElementById('app')?.dataset.ready ?? null, null),
      (ready) => ready === 'true',
      'the full block page to take over',
    ).catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
}

type FirefoxContender = 'allowed' | 'websitefilter' | 'minimal' | 'hallpass';
const HOSTS: Record<FirefoxContender, string> = {
  allowed: 'school.test',
  websitefilter: 'websitefilter.test',
  minimal: 'minimal.test',
  hallpass: 'facebook.com',
};
const LABELS: Record<FirefoxContender, string> = {
  allowed: 'ordinary allowed page',
  websitefilter: 'Firefox WebsiteFilter policy page',
  minimal: 'minimal extension, static page',
  hallpass: 'Hall Pass block page',
};

function landedRight(name: FirefoxContender, url: string, href: string, text: string): boolean {
  switch (name) {
    case 'allowed':
      return href === url;
    case 'websitefilter':
      return href === url || href.startsWith('about:');
    case 'minimal':
      return /^moz-extension:\/\/[^/]+\/blocked\.html$/.test(href) && /closed on school computers/.test(text);
    case 'hallpass':
      // A pupil in English is sent to Facebook's own block page (utils/core/static-pages.ts).
      return href === `${FIREFOX_BASE}blocked-facebook.html#${url}` && /Facebook/.test(text);
  }
}

/** Rounds of every contender, order rotating; a contender the browser cannot measure is dropped. */
async function navigationRounds(tab: Tab, iterations: number, warmup: number) {
  const names: FirefoxContender[] = ['allowed', 'websitefilter', 'minimal', 'hallpass'];
  const samples = new Map<FirefoxContender, number[]>(names.map((n) => [n, []]));
  const late = new Map<FirefoxContender, { count: number; maxMs: number }>(names.map((n) => [n, { count: 0, maxMs: 0 }]));
  const failed = new Map<FirefoxContender, string>();
  const stale = new Map<FirefoxContender, number>(names.map((n) => [n, 0]));
  const phases = new Map<FirefoxContender, Loaded[]>(names.map((n) => [n, []]));
  const wrong: string[] = [];
  for (let i = -warmup; i < iterations; i++) {
    const round = i + warmup;
    for (const name of names.map((_, k) => names[(k + round) % names.length]!)) {
      if (failed.has(name)) continue;
      const url = `http://${HOSTS[name]}/p/${name}-${round}`;
      try {
        await tab.goto(url);
        if (name === 'hallpass') await tab.waitForUrl(`${FIREFOX_BASE}blocked-facebook.html#${url}`).catch(() => undefined);
        if (name === 'minimal') await tab.waitForUrl(/^moz-extension:.*\/blocked\.html$/).catch(() => undefined);
        const l = await loadTime(tab);
        const href = await tab.url();
        if (!landedRight(name, url, href, l.text)) wrong.push(`${name}: ${url} -> ${href}`);
        await settle(tab, name);
        const after = l.content === null ? 0 : Math.max(0, l.content - l.loadEventEnd);
        if (i < 0) continue;
        samples.get(name)!.push(l.loadEventEnd + after);
        if (l.corrected) stale.set(name, stale.get(name)! + 1);
        phases.get(name)!.push(l);
        if (after > 0) {
          const e = late.get(name)!;
          e.count += 1;
          e.maxMs = Math.max(e.maxMs, after);
        }
      } catch (e) {
        failed.set(name, e instanceof Error ? e.message : String(e));
      }
    }
  }
  const contenders: ContenderTimings[] = names
    .filter((n) => samples.get(n)!.length > 0)
    .map((n) => ({
      name: n as ContenderTimings['name'],
      label: LABELS[n],
      ...summary(samples.get(n)!),
      contentAfterLoad: late.get(n)!,
      staleFirstPaints: stale.get(n)!,
    }));
  const phaseOf = (n: FirefoxContender, pick: (l: Loaded) => number | null) => {
    const values = phases
      .get(n)!
      .map(pick)
      .filter((v): v is number => v !== null);
    return values.length ? median(values) : null;
  };
  const phaseLines = (['minimal', 'hallpass'] as const).map((n) => ({
    label: LABELS[n],
    htmlReceivedMs: phaseOf(n, (l) => l.responseEnd),
    htmlParsedMs: phaseOf(n, (l) => l.domInteractive),
    scriptRanMs: phaseOf(n, (l) => l.script),
    wordsMs: phaseOf(n, (l) => l.content),
    domContentLoadedMs: phaseOf(n, (l) => l.domContentLoadedEventEnd),
    loadMs: phaseOf(n, (l) => l.loadEventEnd),
  }));
  return { contenders, samples, wrong, phases: phaseLines, failed: [...failed].map(([n, why]) => `${LABELS[n]}: ${why}`) };
}

export async function benchFirefox(iterations = 30, warmup = 3): Promise<FirefoxResult> {
  if ((await fs.readFile(FIREFOX_POLICY_FILE, 'utf8').catch(() => null)) !== null) {
    throw new Error(`${FIREFOX_POLICY_FILE} exists (an e2e run, or a real deployment): not touching it`);
  }
  let social: SiteServer | undefined;
  let school: SiteServer | undefined;
  let minimalDir: string | undefined;
  let xpiDir: string | undefined;
  const b = firefoxUnderTest;
  try {
    social = await startSite('SOCIAL');
    school = await startSite('SCHOOL');
    minimalDir = await writeMinimalExtension([HOSTS.minimal], 'firefox');
    // Both extensions installed the way a school deploys one: a packed xpi, force-installed by the
    // enterprise policy. (A temporary install from a folder makes every file a page loads cost
    // far more: each is read through the parent process.)
    xpiDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-bench-xpi-'));
    const hallPassXpi = path.join(xpiDir, 'hall-pass.xpi');
    const minimalXpi = path.join(xpiDir, 'minimal.xpi');
    await zipDirectory(FIREFOX_EXTENSION_DIR, hallPassXpi);
    await zipDirectory(minimalDir, minimalXpi);
    const forced = (xpi: string) => ({ installation_mode: 'force_installed', install_url: `file://${xpi}` });
    await b.writePolicy(basePolicy({ role: 'pupil' }), {
      WebsiteFilter: { Block: [`http://${HOSTS.websitefilter}/*`] },
      ExtensionSettings: { [GECKO_ID]: forced(hallPassXpi), [MINIMAL_GECKO_ID]: forced(minimalXpi) },
    });
    const launchStart = performance.now();
    const session: FirefoxSession = (await b.launch(
      {
        [HOSTS.hallpass]: social.port,
        [HOSTS.websitefilter]: social.port,
        [HOSTS.minimal]: social.port,
        [HOSTS.allowed]: school.port,
      },
      { forcedInstall: true },
    )) as FirefoxSession;
    try {
      const status = await waitForSessionStatus(session, (s) => s.parsed.present && s.role.role === 'pupil' && s.action === 'block');
      const launchToPolicyMs = performance.now() - launchStart;
      const tab = await session.newTab();
      const rounds = await navigationRounds(tab, iterations, warmup);
      const blocked = summary(rounds.samples.get('hallpass')!);
      const allowed = summary(rounds.samples.get('allowed')!);
      const { stdout } = await promisify(execFile)(FIREFOX, ['--version']);
      return {
        firefoxVersion: stdout.trim(),
        launchToPolicyMs,
        ruleErrors: (status as { ruleErrors?: string[] }).ruleErrors ?? [],
        iterations,
        warmupIterations: warmup,
        blocked,
        allowed,
        ratioBlockedToAllowed: blocked.medianMs / allowed.medianMs,
        blockedServerConnections: social.connections,
        blockedServerRequests: [...social.requests],
        wrongLandings: rounds.wrong,
        contenders: rounds.contenders,
        unmeasured: rounds.failed,
        phases: rounds.phases,
      };
    } finally {
      await session.close();
    }
  } finally {
    await b.removePolicy();
    await social?.close();
    await school?.close();
    if (minimalDir) await fs.rm(minimalDir, { recursive: true, force: true });
    if (xpiDir) await fs.rm(xpiDir, { recursive: true, force: true });
  }
}
