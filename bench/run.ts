/**
 * Hall Pass benchmark. Run with `npm run bench` (builds both browsers' extensions, then runs this).
 *
 * Measures:
 * 1. decide() per URL over a mixed list of 10,000 URLs (listed networks, subdomains, proxies and
 *    archives, extra sites, unlisted sites), staff policy, default calendar, school time, with
 *    1,000 and 10,000 extra sites: mean, p50, p99 microseconds per call.
 * 2. parsePolicy + compilePolicy for 10, 1,000 and 10,000 extra sites: median milliseconds,
 *    and the rule counts against Chromium's budgets (RULE_LIMITS).
 * 3. Real Chromium (needs root: the policy is a file in /etc/chromium/policies/managed): time from
 *    navigation start to the loaded block page for a blocked URL vs. to a loaded ordinary page,
 *    and TCP connections that reached the blocked site's server (must be 0).
 * 4. In the same browser, a policy change: from writing the file until the worker has applied it.
 * 4b. Real Firefox ESR (root: the policy is /usr/lib/firefox-esr/distribution/policies.json): the
 *    same navigations, timed by the landed page's own loadEventEnd, and the blocked site's TCP
 *    connections (must be 0). Needs `npm run build:firefox` first (`npm run bench` builds both).
 * 5-7. The access log, in a second browser whose pupil policy has a DSL passphrase hash (bench/log.ts):
 *    entries written per second for real blocked navigations in parallel tabs, chaining 100,000
 *    events put straight into the inbox, and the DSL page over that log (unlock to table and
 *    summary, CSV and JSON export with the page's JS heap, Verify).
 * 9. The device side of hub delivery (bench/device-hub.ts): in Chromium's extension service worker,
 *    signing a batch of 100 entries encoded by the extension's encoder and POSTing it to a real hub
 *    on durable PostgreSQL, beside the same bytes POSTed to a sink.
 * 8. The school hub (bench/hub.ts): 200 simulated devices sending signed OTLP batches at once to a
 *    real hub on a throwaway PostgreSQL 15 cluster with durable settings: entries per second and
 *    batch latency, against plain multi-row INSERTs of the same rows; device-side batch cost.
 * 10. The DSL's pages on the hub (bench/hub-pages.ts): 1,000,000 entries from 2,000 devices in 20
 *    schools made with generate_series; the summary page's queries (school DSL, trust DSL), a filtered
 *    page of entries and the trust DSL's newest page (p50/p95 ms, with row security vs. without),
 *    and a CSV export of 100,000 entries (time, peak memory, against one plain SELECT of the rows).
 *
 * Prints a report to stdout and writes bench/results/latest.json. Exits non-zero if a connection
 * reached the blocked site, a navigation did not land where it should, a blocked attempt has no
 * log entry, or chaining did not finish.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { benchCompile, benchDecide, type CompileResult, type DecideResult } from './core';
import { benchBrowser, type BrowserResult, type NavigationResult } from './browser';
import { benchFirefox, type FirefoxResult } from './firefox';
import { benchLog, type ExportTiming, type HeapTrace, type LogResult } from './log';
import { benchHub, hubFailures, printHub, type HubBenchResult } from './hub';
import { benchDeviceHub, deviceHubFailures, printDeviceHub, type DeviceHubResult } from './device-hub';
import { benchHubPages, hubPagesFailures, printHubPages, type HubPagesResult } from './hub-pages';
import { fmt } from './stats';
import { benchContenders, type ContendersResult, type ContenderTimings } from './contenders';
import { allPageBytes, type PageBytes } from './page-bytes';

const RESULTS_FILE = path.resolve('bench/results/latest.json');

const pad = (s: string | number, width: number) => String(s).padStart(width);
const num = (n: number) => n.toLocaleString('en-GB');
const heading = (title: string) => console.log(`\n== ${title} ==`);

function printDecide(results: DecideResult[]): void {
  heading('1. decide() per URL (staff, default calendar, during school hours)');
  console.log(
    `${pad('extra sites', 11)} ${pad('URLs x rounds', 15)} ${pad('mean us', 8)} ${pad('p50 us', 8)} ${pad('p99 us', 8)} ${pad('max us', 9)}  decisions`,
  );
  for (const r of results) {
    console.log(
      `${pad(num(r.extraSites), 11)} ${pad(`${num(r.urls)} x ${r.rounds}`, 15)} ${pad(fmt(r.meanUs), 8)} ${pad(fmt(r.p50Us), 8)} ${pad(fmt(r.p99Us), 8)} ${pad(fmt(r.maxUs), 9)}  block ${r.actions.block}, warn ${r.actions.warn}, allow ${r.actions.allow}`,
    );
  }
  console.log(`(mean: untimed loop / calls; p50/p99/max: per-call timing, timer cost ~${fmt(results[0]?.timerUs ?? NaN, 3)} us included)`);
}

function printCompile(results: CompileResult[]): void {
  heading(`2. parsePolicy + compilePolicy (pupil policy; median of ${results[0]?.runs ?? '?'} runs)`);
  console.log(
    `${pad('extra sites', 11)} ${pad('parse ms', 9)} ${pad('compile ms', 10)} ${pad('total ms', 9)}  ${'rules'.padEnd(14)} ${'regex'.padEnd(12)} ${'redirect'.padEnd(12)} ${pad('domains', 8)} ${pad('JSON KB', 8)}`,
  );
  for (const r of results) {
    console.log(
      `${pad(num(r.extraSites), 11)} ${pad(fmt(r.parseMs), 9)} ${pad(fmt(r.compileMs), 10)} ${pad(fmt(r.totalMs), 9)}  ${`${r.counts.total} / ${r.limits.total}`.padEnd(14)} ${`${r.counts.regex} / ${r.limits.regex}`.padEnd(12)} ${`${r.counts.unsafe} / ${r.limits.unsafe}`.padEnd(12)} ${pad(num(r.requestDomains), 8)} ${pad(fmt(r.jsonBytes / 1024, 0), 8)}`,
    );
    for (const p of r.budgetProblems) console.log(`  OVER BUDGET: ${p}`);
  }
  console.log('(redirect = unsafe rules, MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES; domains = requestDomains entries in all rules)');
  console.log(`extra sites in every proxy and archive form: ${results.map((r) => `${num(r.extraWithPatterns)} of ${num(r.extraSites)}`).join(', ')}`);
}

/** The timing table and the blocked site's connections, the same for both browsers. */
function printNavigations(r: NavigationResult): void {
  console.log(`${''.padEnd(52)} ${pad('median ms', 10)} ${pad('p90 ms', 8)}`);
  console.log(`${'  blocked  http://facebook.com/p/<i> -> block page'.padEnd(52)} ${pad(fmt(r.blocked.medianMs, 1), 10)} ${pad(fmt(r.blocked.p90Ms, 1), 8)}`);
  console.log(`${'  allowed  http://school.test/p/<i>'.padEnd(52)} ${pad(fmt(r.allowed.medianMs, 1), 10)} ${pad(fmt(r.allowed.p90Ms, 1), 8)}`);
  console.log(`ratio blocked / allowed (medians):  ${fmt(r.ratioBlockedToAllowed)}`);
  console.log(
    `TCP connections to blocked server:  ${r.blockedServerConnections} ${r.blockedServerConnections === 0 ? '(OK)' : `(FAIL; requests: ${r.blockedServerRequests.join(', ')})`}`,
  );
}

function printWrongLandings(r: NavigationResult): void {
  if (r.wrongLandings.length) console.log(`WRONG LANDINGS (${r.wrongLandings.length}):\n  ${r.wrongLandings.join('\n  ')}`);
}

function navigationFailures(browser: string, r: NavigationResult | null, error: string | null): string[] {
  if (error || !r) return [`the ${browser} benchmark did not complete`];
  return [
    ...(r.blockedServerConnections !== 0 ? [`${browser}: ${r.blockedServerConnections} TCP connection(s) reached the blocked site`] : []),
    ...(r.wrongLandings.length ? [`${browser}: ${r.wrongLandings.length} navigation(s) landed on the wrong page`] : []),
  ];
}

function printBrowser(r: BrowserResult): void {
  heading('3. Real Chromium with the extension and a managed pupil policy');
  console.log(`Chromium version:                   ${r.chromiumVersion}`);
  console.log(`launch -> pupil policy applied:     ${fmt(r.launchToPolicyMs, 0)} ms`);
  const rules = r.rulesInBrowser;
  console.log(
    `dynamic rules applied by worker:    ${rules ? `total ${rules.total}, regex ${rules.regex}, redirect ${rules.unsafe}` : 'not reported'}${r.ruleErrors.length ? `; ERRORS: ${r.ruleErrors.join(' | ')}` : ', no rule errors'}`,
  );
  console.log(`navigations: ${r.iterations} alternating pairs after ${r.warmupIterations} warm-up pairs, goto(waitUntil: 'load')`);
  printNavigations(r);
  console.log(`TCP connections to allowed server:  ${r.allowedServerConnections}`);
  printWrongLandings(r);

  heading('4. Policy change in the running browser (pupil -> staff, holiday)');
  console.log(`write file -> status shows it applied (polled every 250 ms): ${fmt(r.policyChange.observedMs, 0)} ms`);
  console.log(
    `write file -> worker refresh that applied it began:          ${fmt(r.policyChange.computedAfterMs, 0)} ms (trigger: ${r.policyChange.trigger ?? 'unknown'})`,
  );
}

/** Contenders side by side, each median and p90 also as a ratio to the named references. */
export function printContenders(rows: ContenderTimings[], refs: { name: string; label: string }[]): void {
  const byName = new Map(rows.map((r) => [r.name as string, r]));
  const refCols = refs.map((r) => `/ ${r.label}`);
  console.log(`${'contender'.padEnd(36)} ${pad('n', 3)} ${pad('median ms', 10)} ${pad('p90 ms', 8)}  ${refCols.map((c) => c.padStart(22)).join(' ')}`);
  for (const r of rows) {
    const ratios = refs.map((ref) => {
      const base = byName.get(ref.name);
      return base ? `${fmt(r.medianMs / base.medianMs)} (p90 ${fmt(r.p90Ms / base.p90Ms)})`.padStart(22) : 'n/a'.padStart(22);
    });
    console.log(`${r.label.padEnd(36)} ${pad(r.samplesMs.length, 3)} ${pad(fmt(r.medianMs, 1), 10)} ${pad(fmt(r.p90Ms, 1), 8)}  ${ratios.join(' ')}`);
    if (r.staleFirstPaints) console.log(`  (first words from an out-of-date status, then redrawn, in ${r.staleFirstPaints} navigations)`);
    if (r.contentAfterLoad.count)
      console.log(
        `  (words appeared after the load event in ${r.contentAfterLoad.count} navigations, at most ${fmt(r.contentAfterLoad.maxMs, 1)} ms after; included)`,
      );
  }
}

function printChromiumContenders(r: ContendersResult): void {
  heading('3a. Chromium: block pages side by side (one browser, interleaved)');
  console.log(`navigations: ${r.iterations} rounds of every contender after ${r.warmupIterations} warm-up rounds, order rotating; Page.navigate -> load event`);
  printContenders(r.contenders, [
    { name: 'urlblocklist', label: 'URLBlocklist' },
    { name: 'minimal', label: 'minimal ext' },
  ]);
  console.log(
    `TCP connections to blocked server:  ${r.blockedServerConnections} ${r.blockedServerConnections === 0 ? '(OK)' : `(FAIL; requests: ${r.blockedServerRequests.slice(0, 10).join(', ')})`}`,
  );
  if (r.wrongLandings.length) console.log(`WRONG LANDINGS (${r.wrongLandings.length}):\n  ${r.wrongLandings.slice(0, 20).join('\n  ')}`);
  heading('3b. Chromium: what ordinary browsing and blocking cost the worker');
  console.log(
    `${r.wake.navigations} navigations to allowed sites (worker stopped first, its alarms cleared): ${r.wake.wakeUps} service worker wake-ups, ${fmt(r.wake.extensionCpuMs, 0)} ms CPU in extension processes`,
  );
  const h = r.heap;
  const heap = (b: number | null) => (b === null ? 'n/a' : mb(b));
  console.log(
    `worker JS heap (after GC): idle ${heap(h.idleBytes)}; after ${num(h.blockedAttempts)} blocked attempts ${heap(h.afterBlockedBytes)}; with ${num(h.extraSites)} extra sites ${heap(h.withExtraSitesBytes)}`,
  );
}

function printPageBytes(rows: PageBytes[], build: 'Chromium' | 'Firefox' = 'Chromium'): void {
  heading(`${build === 'Chromium' ? '3c' : '4a'}. Script and CSS each extension page loads (${build} build; CSS includes inline styles)`);
  console.log(`${'page'.padEnd(22)} ${pad('script KB', 10)} ${pad('before load', 12)} ${pad('CSS KB', 7)}  files`);
  for (const p of rows) {
    console.log(
      `${p.page.padEnd(22)} ${pad(fmt(p.scriptBytes / 1024, 1), 10)} ${pad(fmt(p.beforeLoadScriptBytes / 1024, 1), 12)} ${pad(fmt(p.cssBytes / 1024, 1), 7)}  ${p.files.length}`,
    );
  }
}

function printFirefox(r: FirefoxResult): void {
  heading('4b. Real Firefox ESR with the extension and a pupil policies.json');
  console.log(`Firefox version:                    ${r.firefoxVersion}`);
  console.log(`launch -> pupil policy applied:     ${fmt(r.launchToPolicyMs, 0)} ms (includes the policy installing both packed add-ons)`);
  console.log(`rule errors:                        ${r.ruleErrors.length ? r.ruleErrors.join(' | ') : 'none'}`);
  console.log(
    `navigations: ${r.iterations} rounds of every contender after ${r.warmupIterations} warm-up rounds, order rotating, timed by the landed page's loadEventEnd`,
  );
  printContenders(r.contenders, [
    { name: 'websitefilter', label: 'WebsiteFilter' },
    { name: 'minimal', label: 'minimal ext' },
  ]);
  for (const u of r.unmeasured) console.log(`NOT MEASURED: ${u}`);
  const ms = (v: number | null) => (v === null ? '-' : fmt(v, 0));
  console.log("where the time goes (medians, ms from navigation start, the page's own clock):");
  for (const p of r.phases) {
    console.log(
      `  ${p.label.padEnd(34)} HTML received ${ms(p.htmlReceivedMs)}, parsed ${ms(p.htmlParsedMs)}, page script ran ${ms(p.scriptRanMs)}, words on screen ${ms(p.wordsMs)}, DOMContentLoaded ${ms(p.domContentLoadedMs)}, load ${ms(p.loadMs)}`,
    );
  }
  printNavigations(r);
  printWrongLandings(r);
}

const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;
const heapLine = (h: HeapTrace) =>
  `JS heap before ${mb(h.beforeBytes)} (after GC), peak ${mb(h.peakBytes)} (+${mb(h.peakBytes - h.beforeBytes)}); ${h.samples} samples, longest gap ${fmt(h.maxGapMs, 0)} ms`;

function printExport(label: string, e: ExportTiming, expected: number): void {
  console.log(`${label} click -> download event:    ${fmt(e.downloadEventMs, 0)} ms; until saved and toolbar enabled: ${fmt(e.doneMs, 0)} ms`);
  console.log(
    `${''.padEnd(label.length)} file: ${e.fileName}, ${mb(e.bytes)}, ${num(e.entriesInFile)} entries${e.entriesInFile === expected ? '' : ` (EXPECTED ${num(expected)})`}${e.verificationOk === null ? '' : `, verification.ok ${e.verificationOk}`}`,
  );
  console.log(`${''.padEnd(label.length)} ${heapLine(e.heap)}`);
}

function printLog(r: LogResult): void {
  const w = r.writes;
  heading(`5. Log: blocked attempts written end to end (${w.attempts} navigations, ${w.tabs} tabs)`);
  const line = (label: string, value: string) => console.log(`${label.padEnd(46)} ${value}`);
  line('launch -> pupil policy with DSL hash applied:', `${fmt(r.launchToPolicyMs, 0)} ms`);
  line(
    'first navigation -> last block page loaded:',
    `${fmt(w.navigationsMs, 0)} ms (per navigation: median ${fmt(w.navigation.medianMs, 1)} ms, p90 ${fmt(w.navigation.p90Ms, 1)} ms)`,
  );
  line(`first navigation -> ${w.attempts} entries in IndexedDB:`, `${w.allEntriesMs === null ? 'NEVER' : `${fmt(w.allEntriesMs, 0)} ms`} (polled every 50 ms)`);
  line('attempts logged per second, end to end:', w.attemptsPerSecond === null ? 'n/a' : fmt(w.attemptsPerSecond, 1));
  line(
    'entries written:',
    `${w.entriesWritten} of ${w.attempts} ${w.entriesWritten === w.attempts && !w.missing.length && !w.duplicated.length ? '(OK)' : '(FAIL)'}`,
  );
  if (w.missing.length) console.log(`  MISSING (${w.missing.length}): ${w.missing.slice(0, 20).join(', ')}${w.missing.length > 20 ? ', ...' : ''}`);
  if (w.duplicated.length) console.log(`  DUPLICATED (${w.duplicated.length}): ${w.duplicated.slice(0, 20).join(', ')}`);
  line(
    'TCP connections to blocked server:',
    `${w.blockedServerConnections} ${w.blockedServerConnections === 0 ? '(OK)' : `(FAIL; requests: ${w.blockedServerRequests.slice(0, 10).join(', ')})`}`,
  );
  if (w.wrongLandings.length) console.log(`WRONG LANDINGS (${w.wrongLandings.length}):\n  ${w.wrongLandings.slice(0, 20).join('\n  ')}`);

  const c = r.chaining;
  heading(`6. Log: chaining ${num(c.events)} events put straight into the inbox`);
  console.log(
    `events: over ${c.days} days, ${Object.entries(c.eventMix)
      .map(([k, v]) => `${k} ${num(v)}`)
      .join(', ')}`,
  );
  console.log(`put into the inbox (one transaction, generation included): ${fmt(c.insertMs, 0)} ms`);
  if (c.chainedBeforeTrigger) console.log(`  NOTE: ${num(c.chainedBeforeTrigger)} were already chained before 'log:maintain' was sent`);
  console.log(
    `'log:maintain' -> entries complete, inbox empty:          ${c.chainedMs === null ? 'NOT FINISHED' : `${fmt(c.chainedMs, 0)} ms`} (polled every 250 ms)`,
  );
  console.log(`'log:maintain' -> answered:                               ${c.answeredMs === null ? 'no answer' : `${fmt(c.answeredMs, 0)} ms`}`);
  console.log(`entries chained per second:                               ${c.entriesPerSecond === null ? 'n/a' : num(Math.round(c.entriesPerSecond))}`);
  console.log(`entries in IndexedDB: ${num(c.entriesTotal)}, inbox left: ${num(c.inboxLeft)}`);

  const d = r.dsl;
  heading(`7. Log: DSL page over ${d ? num(d.entries) : '?'} entries`);
  if (!d) {
    console.log('skipped: chaining did not finish');
    return;
  }
  console.log(`click Unlock -> review shown (PBKDF2 check included): ${fmt(d.unlock.reviewMs, 0)} ms`);
  console.log(`click Unlock -> first table page shown:               ${fmt(d.unlock.firstTablePageMs, 0)} ms ("${d.entriesHeading}")`);
  console.log(`click Unlock -> summary shown:                        ${fmt(d.unlock.summaryMs, 0)} ms`);
  printExport('Export CSV ', d.csv, d.entries);
  printExport('Export JSON', d.json, d.entries);
  console.log(`Verify      click -> result shown:    ${fmt(d.verify.ms, 0)} ms ("${d.verify.text}")`);
  console.log(`${''.padEnd(11)} ${heapLine(d.verify.heap)}`);
  console.log(
    '(heap: CDP Performance.getMetrics JSHeapUsedSize every ~50 ms; the page answers late while its main thread is busy, so a long gap can hide a higher peak)',
  );
}

async function main(): Promise<number> {
  console.log(`Hall Pass benchmark, ${new Date().toISOString()}, Node ${process.version}, ${process.platform}/${process.arch}`);
  const decide = [benchDecide(1000), benchDecide(10_000)];
  printDecide(decide);
  const compile = [10, 1000, 10_000].map((n) => benchCompile(n));
  printCompile(compile);

  if (process.env.BENCH_ONLY === 'firefox') {
    // The Firefox build's pages (its block and warning pages differ from Chromium's only in the chunks' names).
    printPageBytes(await allPageBytes(path.resolve('.output/firefox-mv3')), 'Firefox');
    const r = await benchFirefox(Number(process.env.BENCH_ROUNDS ?? 30));
    printFirefox(r);
    return 0;
  }
  const pages = await allPageBytes(path.resolve('.output/chrome-mv3'));
  printPageBytes(pages);

  let contenders: ContendersResult | null = null;
  let contendersError: string | null = null;
  try {
    contenders = await benchContenders(Number(process.env.BENCH_ROUNDS ?? 30));
    printChromiumContenders(contenders);
  } catch (e) {
    contendersError = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error(`\nChromium contenders benchmark failed: ${contendersError}`);
  }
  if (process.env.BENCH_ONLY === 'contenders') return contendersError ? 1 : 0;

  let browser: BrowserResult | null = null;
  let browserError: string | null = null;
  try {
    browser = await benchBrowser();
    printBrowser(browser);
  } catch (e) {
    browserError = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error(`\nChromium benchmark failed: ${browserError}`);
  }

  let firefox: FirefoxResult | null = null;
  let firefoxError: string | null = null;
  try {
    firefox = await benchFirefox();
    printFirefox(firefox);
  } catch (e) {
    firefoxError = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error(`\nFirefox benchmark failed: ${firefoxError}`);
  }

  let log: LogResult | null = null;
  let logError: string | null = null;
  try {
    log = await benchLog();
    printLog(log);
  } catch (e) {
    logError = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error(`\nLog benchmark failed: ${logError}`);
  }

  let hub: HubBenchResult | null = null;
  let hubError: string | null = null;
  try {
    hub = await benchHub();
    printHub(hub);
  } catch (e) {
    hubError = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error(`\nHub benchmark failed: ${hubError}`);
  }

  let deviceHub: DeviceHubResult | null = null;
  let deviceHubError: string | null = null;
  try {
    deviceHub = await benchDeviceHub();
    printDeviceHub(deviceHub);
  } catch (e) {
    deviceHubError = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error(`\nDevice-side hub benchmark failed: ${deviceHubError}`);
  }

  await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  let hubPages: HubPagesResult | null = null;
  let hubPagesError: string | null = null;
  try {
    hubPages = await benchHubPages();
    printHubPages(hubPages);
  } catch (e) {
    hubPagesError = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error(`\nHub pages benchmark failed: ${hubPagesError}`);
  }

  const results = {
    at: new Date().toISOString(),
    node: process.version,
    decide,
    compile,
    pages,
    contenders,
    contendersError,
    browser,
    browserError,
    firefox,
    firefoxError,
    log,
    logError,
    hub,
    hubError,
    deviceHub,
    deviceHubError,
    hubPages,
    hubPagesError,
  };
  await fs.writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(process.cwd(), RESULTS_FILE)}`);

  const failures = [
    ...navigationFailures('Chromium', browser, browserError),
    ...navigationFailures('Firefox', firefox, firefoxError),
    ...logFailures(log, logError),
    ...hubFailures(hub, hubError),
    ...deviceHubFailures(deviceHub, deviceHubError),
    ...hubPagesFailures(hubPages, hubPagesError),
  ];
  for (const f of failures) console.error(`FAIL: ${f}`);
  return failures.length ? 1 : 0;
}

function logFailures(log: LogResult | null, logError: string | null): string[] {
  if (logError || !log) return ['the log benchmark did not complete'];
  const w = log.writes;
  const c = log.chaining;
  const d = log.dsl;
  return [
    ...(w.entriesWritten !== w.attempts || w.missing.length || w.duplicated.length
      ? [`log: ${w.entriesWritten} entries for ${w.attempts} blocked attempts (${w.missing.length} missing, ${w.duplicated.length} duplicated)`]
      : []),
    ...(w.blockedServerConnections !== 0 ? [`log: ${w.blockedServerConnections} TCP connection(s) reached the blocked site`] : []),
    ...(w.wrongLandings.length ? [`log: ${w.wrongLandings.length} navigation(s) landed on the wrong page`] : []),
    ...(c.chainedMs === null ? [`log: chaining did not finish (${c.entriesTotal} entries, ${c.inboxLeft} left in the inbox)`] : []),
    ...(d && d.csv.entriesInFile !== d.entries ? [`log: the CSV export holds ${d.csv.entriesInFile} of ${d.entries} entries`] : []),
    ...(d && d.json.entriesInFile !== d.entries ? [`log: the JSON export holds ${d.json.entriesInFile} of ${d.entries} entries`] : []),
  ];
}

process.exitCode = await main();
