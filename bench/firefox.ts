/**
 * Real Firefox ESR with the built extension and a real policies.json: time to the block page
 * against time to an ordinary page, and connections that reach the blocked site.
 *
 * Puppeteer cannot see an extension page finish loading, so the time is the landed page's own
 * Navigation Timing: loadEventEnd, counted from the navigation's start (before any redirect).
 * Both kinds of page are measured the same way.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { poll, waitForSessionStatus, type Tab } from '../tests/e2e/support/driver';
import { firefoxUnderTest } from '../tests/e2e/support/firefox-driver';
import { FIREFOX, FIREFOX_BASE, FIREFOX_POLICY_FILE } from '../tests/e2e/support/firefox';
import { basePolicy } from '../tests/e2e/support/policies';
import { startSite, type SiteServer } from '../tests/e2e/support/servers';
import { summary, type NavigationResult } from './browser';
import fs from 'node:fs/promises';

export interface FirefoxResult extends NavigationResult {
  firefoxVersion: string;
}

/** The landed page's loadEventEnd (ms from the navigation's start) once it has loaded. */
async function loadTime(tab: Tab): Promise<number> {
  return poll(
    () =>
      tab.evaluate(() => {
        // The page's own clock, not Node's (this runs in the page).
        const page = (globalThis as unknown as { performance: Performance }).performance;
        const nav = page.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return nav ? nav.loadEventEnd : 0;
      }, null),
    (ms) => ms > 0,
    'the page to load',
  );
}

async function navigationRounds(tab: Tab, iterations: number, warmup: number) {
  const blocked: number[] = [];
  const allowed: number[] = [];
  const wrong: string[] = [];
  for (let i = -warmup; i < iterations; i++) {
    const blockedUrl = `http://facebook.com/p/${i + warmup}`;
    await tab.goto(blockedUrl);
    const landed = await tab.waitForUrl(`${FIREFOX_BASE}blocked.html#${blockedUrl}`).catch(async () => `WRONG ${await tab.url()}`);
    if (landed.startsWith('WRONG')) wrong.push(`${blockedUrl} -> ${landed}`);
    const b = await loadTime(tab);
    const allowedUrl = `http://school.test/p/${i + warmup}`;
    await tab.goto(allowedUrl);
    if ((await tab.url()) !== allowedUrl) wrong.push(`${allowedUrl} -> ${await tab.url()}`);
    const a = await loadTime(tab);
    if (i >= 0) {
      blocked.push(b);
      allowed.push(a);
    }
  }
  return { blocked, allowed, wrong };
}

export async function benchFirefox(iterations = 30, warmup = 3): Promise<FirefoxResult> {
  if ((await fs.readFile(FIREFOX_POLICY_FILE, 'utf8').catch(() => null)) !== null) {
    throw new Error(`${FIREFOX_POLICY_FILE} exists (an e2e run, or a real deployment): not touching it`);
  }
  let social: SiteServer | undefined;
  let school: SiteServer | undefined;
  const b = firefoxUnderTest;
  try {
    social = await startSite('SOCIAL');
    school = await startSite('SCHOOL');
    await b.writePolicy(basePolicy({ role: 'pupil' }));
    const launchStart = performance.now();
    const session = await b.launch({ 'facebook.com': social.port, 'school.test': school.port });
    try {
      const status = await waitForSessionStatus(session, (s) => s.parsed.present && s.role.role === 'pupil' && s.action === 'block');
      const launchToPolicyMs = performance.now() - launchStart;
      const tab = await session.newTab();
      const rounds = await navigationRounds(tab, iterations, warmup);
      const blocked = summary(rounds.blocked);
      const allowed = summary(rounds.allowed);
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
      };
    } finally {
      await session.close();
    }
  } finally {
    await b.removePolicy();
    await social?.close();
    await school?.close();
  }
}
