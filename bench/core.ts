/** Benchmarks of the pure core: decide() per URL, and policy parsing plus rule compilation. */
import { performance } from 'node:perf_hooks';
import { actionFor, decide } from '../utils/core/decide';
import { networkIndex } from '../utils/core/networks';
import { parsePolicy, type Policy } from '../utils/core/policy';
import { budgetProblems, compilePolicy, countRules, RULE_LIMITS, type RuleCount } from '../utils/core/rules';
import type { Action } from '../utils/core/types';
import { CHROME_EXTENSION_ID } from '../utils/extension-identity';
import { mixedUrls, rawPolicy } from './fixtures';
import { median, percentile } from './stats';

/** A Wednesday, 10:00 in London: school hours under the default calendar. */
const SCHOOL_TIME = Date.parse('2025-03-12T10:00:00Z');
const PAGE_BASE = `chrome-extension://${CHROME_EXTENSION_ID}/`;

export interface DecideResult {
  extraSites: number;
  urls: number;
  rounds: number;
  /** Whole rounds timed as one loop, divided by calls: no timer in the loop. */
  meanUs: number;
  /** From per-call timing (includes the timer's own cost, printed as timerUs). */
  p50Us: number;
  p99Us: number;
  maxUs: number;
  timerUs: number;
  actions: Record<Action, number>;
}

/** Cost of one performance.now() pair, to read the per-call figures against. */
function timerOverheadUs(): number {
  const samples: number[] = [];
  for (let i = 0; i < 100_000; i++) {
    const a = performance.now();
    samples.push(performance.now() - a);
  }
  return median(samples) * 1000;
}

function policyFor(role: 'pupil' | 'staff', extraSites: number): Policy {
  const { policy, problems } = parsePolicy(rawPolicy(role, extraSites));
  if (problems.length > 0) throw new Error(`bench policy has problems: ${JSON.stringify(problems.slice(0, 3))}`);
  return policy;
}

/** decide() over a mixed URL list for a staff policy (default calendar) with `extraSites` extra sites. */
export function benchDecide(extraSites: number, opts: { urls?: number; rounds?: number; warmup?: number } = {}): DecideResult {
  const { urls: urlCount = 10_000, rounds = 10, warmup = 3 } = opts;
  const policy = policyFor('staff', extraSites);
  // The URLs name extra sites from the first 1,000 only, so every policy size sees the same list.
  const urls = mixedUrls(urlCount, Math.min(extraSites, 1000));
  const actions: Record<Action, number> = { block: 0, warn: 0, allow: 0 };
  for (const url of urls) actions[decide(url, 'staff', SCHOOL_TIME, policy).action]++;
  for (let r = 1; r < warmup; r++) for (const url of urls) decide(url, 'staff', SCHOOL_TIME, policy);

  let sink = 0;
  const loopStart = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const url of urls) if (decide(url, 'staff', SCHOOL_TIME, policy).match) sink++;
  }
  const meanUs = ((performance.now() - loopStart) * 1000) / (rounds * urls.length);

  const perCall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const url of urls) {
      const start = performance.now();
      if (decide(url, 'staff', SCHOOL_TIME, policy).match) sink++;
      perCall.push((performance.now() - start) * 1000);
    }
  }
  if (sink === 0) throw new Error('no URL matched: the URL list is wrong');
  return {
    extraSites,
    urls: urls.length,
    rounds,
    meanUs,
    p50Us: median(perCall),
    p99Us: percentile(perCall, 99),
    maxUs: Math.max(...perCall),
    timerUs: timerOverheadUs(),
    actions,
  };
}

export interface CompileResult {
  extraSites: number;
  runs: number;
  parseMs: number;
  compileMs: number;
  totalMs: number;
  counts: RuleCount;
  limits: { total: number; regex: number; unsafe: number };
  /** Requested domains across all rules, a rough measure of the rule set's size. */
  requestDomains: number;
  /** Serialised size of the rules handed to updateDynamicRules. */
  jsonBytes: number;
  budgetProblems: string[];
  /** Extra sites blocked in every proxy and archive form (the rest: bare, www- and m- proxy hosts only). */
  extraWithPatterns: number;
}

/** Parses a pupil policy and compiles its dynamic rules, as the worker does on every refresh. */
function parseAndCompile(raw: Record<string, unknown>, timings?: { parse: number[]; compile: number[] }) {
  const t0 = performance.now();
  const { policy } = parsePolicy(raw);
  const t1 = performance.now();
  const index = networkIndex(policy);
  const action = actionFor(policy, 'pupil', true);
  const { rules } = compilePolicy({ networks: index.networks, excluded: index.excluded, action, pageBase: PAGE_BASE });
  const t2 = performance.now();
  timings?.parse.push(t1 - t0);
  timings?.compile.push(t2 - t1);
  return rules;
}

export function benchCompile(extraSites: number, runs = 11): CompileResult {
  const raw = rawPolicy('pupil', extraSites);
  const rules = parseAndCompile(raw); // warm-up, and the rules to count
  const timings = { parse: [] as number[], compile: [] as number[] };
  const totals: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parseAndCompile(raw, timings);
    totals.push(performance.now() - start);
  }
  return {
    extraSites,
    runs,
    parseMs: median(timings.parse),
    compileMs: median(timings.compile),
    totalMs: median(totals),
    counts: countRules(rules),
    extraWithPatterns: (() => {
      const { policy } = parsePolicy(raw);
      const index = networkIndex(policy);
      return compilePolicy({ networks: index.networks, excluded: index.excluded, action: actionFor(policy, 'pupil', true), pageBase: PAGE_BASE }).coverage
        .withPatterns;
    })(),
    limits: { total: RULE_LIMITS.dynamic, regex: RULE_LIMITS.regex, unsafe: RULE_LIMITS.unsafeDynamic },
    requestDomains: rules.reduce((n, r) => n + (r.condition.requestDomains?.length ?? 0), 0),
    jsonBytes: JSON.stringify(rules).length,
    budgetProblems: budgetProblems(rules),
  };
}
