/**
 * Real Chromium with the built extension and a real managed policy file: time to the block page
 * against time to an ordinary page, connections that reach the blocked site, and how long a
 * policy change takes to apply in a running browser.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Page, Worker } from '@playwright/test';
import type { RuleCount } from '../utils/core/rules';
import { CHROMIUM, POLICY_FILE, launch, removePolicy, waitForStatus, writePolicy, type Launched } from '../tests/e2e/support/chromium';
import type { Status } from '../tests/e2e/support/driver';
import { basePolicy, holidayNow } from '../tests/e2e/support/policies';
import { startSite, type SiteServer } from '../tests/e2e/support/servers';
import { median, percentile } from './stats';

/** What the worker stores beyond the fields the e2e support types. */

export interface Timings {
  medianMs: number;
  p90Ms: number;
  samplesMs: number[];
}

/** Alternating blocked and allowed navigations in one real browser, and what reached the blocked site. */
export interface NavigationResult {
  /** From launch until the status shows the pupil policy applied. */
  launchToPolicyMs: number;
  ruleErrors: string[];
  iterations: number;
  warmupIterations: number;
  blocked: Timings;
  allowed: Timings;
  ratioBlockedToAllowed: number;
  blockedServerConnections: number;
  blockedServerRequests: string[];
  /** Navigations that did not end where they should (blocked page / the allowed page). */
  wrongLandings: string[];
}

export interface BrowserResult extends NavigationResult {
  chromiumVersion: string;
  rulesInBrowser: RuleCount | null;
  allowedServerConnections: number;
  policyChange: {
    /** From starting to write the file until waitForStatus saw it (polls every 250 ms). */
    observedMs: number;
    /** From starting to write the file until the worker began the refresh that applied it. */
    computedAfterMs: number;
    trigger: string | null;
  };
}

export const summary = (samplesMs: number[]): Timings => ({
  medianMs: median(samplesMs),
  p90Ms: percentile(samplesMs, 90),
  samplesMs,
});

const readPolicyFile = () => fs.readFile(POLICY_FILE, 'utf8').catch(() => null);

/**
 * The managed policy file is global: an e2e run at the same time (same file) would change it under
 * us. Waits for it to be absent before starting, and lets the run check it is still ours.
 */
export class PolicyFileGuard {
  private ours: string | null = null;

  static async whenFree(timeoutMs = 120_000): Promise<PolicyFileGuard> {
    const deadline = Date.now() + timeoutMs;
    while ((await readPolicyFile()) !== null) {
      if (Date.now() > deadline) throw new Error(`${POLICY_FILE} stayed in place for ${timeoutMs / 1000} s: is an e2e run using it?`);
      await new Promise((r) => setTimeout(r, 500));
    }
    return new PolicyFileGuard();
  }

  async write(policy: Record<string, unknown>, browserPolicy: Record<string, unknown> = {}): Promise<void> {
    await writePolicy(policy, browserPolicy);
    this.ours = await readPolicyFile();
  }

  /** Throws if another process replaced or removed the policy file since our last write. */
  async check(when: string): Promise<void> {
    if ((await readPolicyFile()) !== this.ours) {
      throw new Error(`${POLICY_FILE} was changed by another process ${when} (an e2e run at the same time?): results are not valid`);
    }
  }

  /** Runs `step`, then makes sure the policy file stayed ours throughout (also when `step` failed). */
  async during<T>(when: string, step: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await step();
    } catch (e) {
      await this.check(when);
      throw e;
    }
    await this.check(when);
    return result;
  }

  /** Removes the file unless another process has since written its own. */
  async release(): Promise<void> {
    const now = await readPolicyFile();
    if (now === null || now === this.ours) await removePolicy();
    else console.error(`${POLICY_FILE} now holds another process's policy: left in place`);
  }
}

async function chromiumVersion(launched: Launched): Promise<string> {
  const fromBrowser = launched.context.browser()?.version();
  if (fromBrowser) return fromBrowser;
  const { stdout } = await promisify(execFile)(CHROMIUM, ['--version']);
  return stdout.trim();
}

/** Milliseconds from navigation start until the landing page's load event, and where it landed. */
async function timedGoto(page: Page, url: string): Promise<{ ms: number; landed: string }> {
  const start = performance.now();
  await page.goto(url, { waitUntil: 'load' });
  return { ms: performance.now() - start, landed: page.url() };
}

export const isBlockPageFor = (landed: string, url: string) => /^chrome-extension:\/\/[a-p]{32}\/blocked\.html#/.test(landed) && landed.endsWith(`#${url}`);

/** Alternates a blocked social URL and an allowed local page, `warmup` uncounted rounds first. */
async function navigationRounds(page: Page, iterations: number, warmup: number) {
  const blocked: number[] = [];
  const allowed: number[] = [];
  const wrong: string[] = [];
  for (let i = -warmup; i < iterations; i++) {
    const blockedUrl = `http://facebook.com/p/${i + warmup}`;
    const b = await timedGoto(page, blockedUrl);
    if (!isBlockPageFor(b.landed, blockedUrl)) wrong.push(`${blockedUrl} -> ${b.landed}`);
    const allowedUrl = `http://school.test/p/${i + warmup}`;
    const a = await timedGoto(page, allowedUrl);
    if (a.landed !== allowedUrl) wrong.push(`${allowedUrl} -> ${a.landed}`);
    if (i >= 0) {
      blocked.push(b.ms);
      allowed.push(a.ms);
    }
  }
  return { blocked, allowed, wrong };
}

/** Writes a changed policy into the running browser and times it until the worker has applied it. */
async function timePolicyChange(worker: Worker, guard: PolicyFileGuard): Promise<BrowserResult['policyChange']> {
  const label = `bench ${Date.now()}`;
  const wallStart = Date.now();
  const start = performance.now();
  await guard.write(basePolicy({ role: 'staff', ...holidayNow(), device: { label } }));
  const status: Status = await waitForStatus(
    worker,
    (s) => (s.parsed.policy.device as { label?: string } | undefined)?.label === label && s.action === 'allow',
    60_000,
  );
  return {
    observedMs: performance.now() - start,
    computedAfterMs: status.computedAt - wallStart,
    trigger: status.trigger ?? null,
  };
}

export async function benchBrowser(iterations = 30, warmup = 3): Promise<BrowserResult> {
  let social: SiteServer | undefined;
  let school: SiteServer | undefined;
  let launched: Launched | undefined;
  const guard = await PolicyFileGuard.whenFree();
  try {
    social = await startSite('SOCIAL');
    school = await startSite('SCHOOL');
    await guard.write(basePolicy({ role: 'pupil' }));
    const launchStart = performance.now();
    launched = await launch({ 'facebook.com': social.port, 'social.test': social.port, 'school.test': school.port });
    const worker = launched.worker;
    const status: Status = await guard.during('before the policy arrived', () =>
      waitForStatus(worker, (s) => s.parsed.present && s.role.role === 'pupil' && s.action === 'block'),
    );
    const launchToPolicyMs = performance.now() - launchStart;

    const page = await launched.context.newPage();
    const rounds = await guard.during('during the navigations', () => navigationRounds(page, iterations, warmup));
    const blocked = summary(rounds.blocked);
    const allowed = summary(rounds.allowed);
    // Counted before the policy change below, which allows the site for staff.
    const blockedServerConnections = social.connections;
    const blockedServerRequests = [...social.requests];
    const allowedServerConnections = school.connections;
    const policyChange = await guard.during('during the policy change', () => timePolicyChange(worker, guard));

    return {
      chromiumVersion: await chromiumVersion(launched),
      launchToPolicyMs,
      rulesInBrowser: status.rules ?? null,
      ruleErrors: status.ruleErrors ?? [],
      iterations,
      warmupIterations: warmup,
      blocked,
      allowed,
      ratioBlockedToAllowed: blocked.medianMs / allowed.medianMs,
      blockedServerConnections,
      blockedServerRequests,
      allowedServerConnections,
      wrongLandings: rounds.wrong,
      policyChange,
    };
  } finally {
    await launched?.close().catch((e) => console.error('closing the browser failed:', e));
    await guard.release();
    await social?.close();
    await school?.close();
  }
}
