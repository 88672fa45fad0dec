/**
 * The DSL's pages on the hub (section 10 of `npm run bench`; alone: `npm run bench:hub-pages`).
 *
 * A throwaway PostgreSQL 15 cluster (fast settings: fsync and synchronous_commit off; these are
 * reads, the load is not what is measured), the hub's migrations, and 1,000,000 entries from 2,000
 * devices in 20 schools over the last 365 days, made in SQL with generate_series (500 a device,
 * pupils' users spread over the school, a few reports and warnings, six networks). Then, through
 * the pages' own query functions and row-level security (withScope), timed RUNS times each:
 * - the summary page's queries (printable summary, one pass over the matching entries: totals per event and school, report states,
 *   devices needing attention, attempts per day and per network, repeated attempts) for a school
 *   DSL (their school, all time), and for the trust DSL (every school, the last 30 days);
 * - a filtered page of All entries (one school, one network, a month, school time) and a page of
 *   the trust DSL's newest entries;
 * - a CSV export of 100,000 entries (a date range across every school), streamed to a counter:
 *   time and the process's peak memory above its level before; beside it, the same rows read by
 *   one plain SELECT as the ceiling.
 * Side by side: each page query with row security (as the pages run) and as the tables' owner
 * without it, as a ratio (what the access rules cost).
 */
import { performance } from 'node:perf_hooks';
import { migrate } from '../hub/src/db/migrate.ts';
import { openPostgres } from '../hub/src/db/pg.ts';
import type { Db, Queryable } from '../hub/src/db/types.ts';
import type { Viewer } from '../hub/src/dsl/accounts.ts';
import { csvChunks } from '../hub/src/dsl/export.ts';
import type { HubFilters } from '../hub/src/dsl/filters.ts';
import * as q from '../hub/src/dsl/queries.ts';
import { withScope } from '../hub/src/dsl/scoped.ts';
import { startPgCluster } from '../hub/tests/support/pg-cluster.ts';
import { fmt, percentile } from './stats.ts';

const SCHOOLS = 20;
const DEVICES = 2000;
const ENTRIES = 1_000_000;
const RUNS = 10;

export interface Timing {
  p50Ms: number;
  p95Ms: number;
  /** The same queries as the tables' owner, without row security. */
  ownerP50Ms: number;
  ratio: number;
  rows: number;
}

export interface HubPagesResult {
  entries: number;
  devices: number;
  schools: number;
  generateMs: number;
  summarySchool: Timing;
  summaryTrust30d: Timing;
  entriesFiltered: Timing;
  entriesTrustNewest: Timing;
  csv: { rows: number; bytes: number; ms: number; peakRssMb: number; peakHeapMb: number; plainSelectMs: number; ratio: number };
}

const viewer = (role: Viewer['role'], schoolId: number | null): Viewer => ({ accountId: 0, email: 'bench', role, schoolId, schoolName: null, csrf: '' });

async function time(db: Db, v: Viewer, fn: (tx: Queryable) => Promise<number>): Promise<Timing> {
  const scoped: number[] = [];
  const owner: number[] = [];
  let rows = 0;
  await withScope(db, v, fn); // warm the cache and the plans
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    rows = await withScope(db, v, fn);
    scoped.push(performance.now() - t);
    t = performance.now();
    await db.transaction(fn);
    owner.push(performance.now() - t);
  }
  if (process.env.BENCH_VERBOSE) console.error(`  timed ${rows} rows, p50 ${fmt(percentile(scoped, 50), 1)} ms`);
  const p50 = percentile(scoped, 50);
  const o50 = percentile(owner, 50);
  return { p50Ms: p50, p95Ms: percentile(scoped, 95), ownerP50Ms: o50, ratio: p50 / o50, rows };
}

const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

export async function benchHubPages(): Promise<HubPagesResult> {
  const cluster = await startPgCluster({ settings: { shared_buffers: '256MB', max_wal_size: '4GB' } });
  let db: Db | null = null;
  try {
    db = openPostgres(await cluster.createDatabase('pages'), { max: 4 });
    await migrate(db);
    const t0 = performance.now();
    await db.exec(`
      insert into schools (name) select 'School ' || lpad(s::text, 2, '0') from generate_series(1, ${SCHOOLS}) s;
      insert into devices (id, school_id, public_key, label, version, browser, last_seq, last_hash, entries_count, waiting, confirmed, last_seen)
        select md5('device' || d)::uuid, (d % ${SCHOOLS}) + 1, 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' || d, 'PC ' || d, '0.1.0',
               case when d % 3 = 0 then 'firefox' else 'chrome' end, ${ENTRIES / DEVICES}, md5('h' || d) || md5('h' || d), ${ENTRIES / DEVICES}, 0, true,
               now() - case when d % 97 = 0 then interval '5 days' else interval '5 minutes' end
          from generate_series(0, ${DEVICES - 1}) d;
    `);
    // Bulk load as one would restore: indexes (but the primary key) built after the rows, foreign keys not re-checked row by row.
    const defs = (
      await db.query<{ indexname: string; indexdef: string }>(
        "select indexname, indexdef from pg_indexes where tablename = 'entries' and indexname <> 'entries_pkey'",
      )
    ).rows;
    await db.transaction(async (tx) => {
      await tx.query('set local session_replication_role = replica');
      for (const d of defs) await tx.query(`drop index ${d.indexname}`);
      const CHUNK = 100_000;
      for (let from = 0; from < ENTRIES; from += CHUNK) {
        const to = Math.min(ENTRIES, from + CHUNK) - 1;
        await tx.exec(`
      insert into entries (device_id, seq, school_id, body, hash, prev_hash, at, local_time, timezone, "user", role, event, network_id, network_name, host, path, school_time, text, person, device_label, link)
        select md5('device' || dev)::uuid, seq, (dev % ${SCHOOLS}) + 1,
               json_build_object('at', to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'device', 'PC ' || dev, 'event', ev, 'fragment', null,
                 'host', case when ev = 'report' then null else 'www.' || net || '.com' end, 'localTime', to_char(t at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'),
                 'networkId', case when ev = 'report' then null else net end, 'networkName', case when ev = 'report' then null else initcap(net) end,
                 'path', '/p/' || seq, 'person', null, 'query', null, 'role', 'pupil', 'schoolTime', extract(hour from t at time zone 'UTC') between 8 and 15,
                 'seq', seq, 'text', case when ev = 'report' then 'I saw something that worried me' end, 'timezone', 'Europe/London', 'user', usr)::text,
               md5(dev || ':' || seq) || md5(seq || ':' || dev), md5(dev || ':' || (seq - 1)) || md5((seq - 1) || ':' || dev),
               t, (t at time zone 'UTC'), 'Europe/London', usr, 'pupil', ev,
               case when ev = 'report' then null else net end, case when ev = 'report' then null else initcap(net) end,
               case when ev = 'report' then null else 'www.' || net || '.com' end, '/p/' || seq,
               extract(hour from t at time zone 'UTC') between 8 and 15, case when ev = 'report' then 'I saw something that worried me' end, null, 'PC ' || dev,
               case when seq = 1 then 'start' else 'ok' end
          from (
            select g % ${DEVICES} as dev, g / ${DEVICES} + 1 as seq,
                   now() - interval '365 days' + (g / ${DEVICES}) * interval '${Math.floor((365 * 86400) / (ENTRIES / DEVICES))} seconds' + (g % 3600) * interval '1 second' as t,
                   case when g % 997 = 0 then 'report' else (array['blocked','blocked','blocked','blocked','blocked','blocked','blocked','warned','continued','blocked'])[1 + (g * 7919) % 10] end as ev,
                   (array['tiktok','instagram','snapchat','facebook','youtube','x'])[1 + (g * 104729) % 6] as net,
                   'pupil' || ((g * 31) % 2500) || '@school' || ((g % ${DEVICES}) % ${SCHOOLS} + 1) || '.example' as usr
              from generate_series(${from}::bigint, ${to}) g
          ) x;
        `);
        if (process.env.BENCH_VERBOSE) console.error(`  ${to + 1} entries written (${fmt((performance.now() - t0) / 1000, 0)} s)`);
      }
      await tx.query("set local maintenance_work_mem = '256MB'");
      for (const d of defs) await tx.query(d.indexdef);
    });
    await db.exec('analyze');
    const generateMs = performance.now() - t0;
    const trust = viewer('trust-dsl', null);
    const school = viewer('school-dsl', 3);

    const summarySchool = await time(db, school, async (tx) => (await q.summary(tx, { school: 3 }, 5, 48)).total);
    const summaryTrust30d = await time(db, trust, async (tx) => (await q.summary(tx, { from: isoDay(30) }, 5, 48)).total);
    const filtered: HubFilters = { school: 3, network: 'tiktok', from: isoDay(60), to: isoDay(30), schoolTime: true };
    const entriesFiltered = await time(db, school, async (tx) => (await q.entriesPage(tx, filtered, 0)).entries.length);
    const entriesTrustNewest = await time(db, trust, async (tx) => (await q.entriesPage(tx, {}, 0)).entries.length);

    // CSV of about 100,000 entries: 36.5 days of the year, every school.
    const range: HubFilters = { from: isoDay(200), to: isoDay(164) };
    if (global.gc) global.gc();
    const baseRss = process.memoryUsage().rss;
    const baseHeap = process.memoryUsage().heapUsed;
    let peakRss = baseRss;
    let peakHeap = baseHeap;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    const counter = { rows: 0 };
    let bytes = 0;
    const t1 = performance.now();
    for await (const chunk of csvChunks(
      q.exportPages((fn) => withScope(db!, trust, fn), range, 5000, 'time'),
      counter,
    ))
      bytes += Buffer.byteLength(chunk);
    const csvMs = performance.now() - t1;
    clearInterval(sampler);
    const t2 = performance.now();
    const w = (await import('../hub/src/dsl/filters.ts')).whereSql(range);
    await db.query(`select e.body, e.hash, e.prev_hash from entries e where ${w.sql} order by e.at, e.device_id, e.seq`, w.params);
    const plainSelectMs = performance.now() - t2;

    return {
      entries: ENTRIES,
      devices: DEVICES,
      schools: SCHOOLS,
      generateMs,
      summarySchool,
      summaryTrust30d,
      entriesFiltered,
      entriesTrustNewest,
      csv: {
        rows: counter.rows,
        bytes,
        ms: csvMs,
        peakRssMb: (peakRss - baseRss) / 2 ** 20,
        peakHeapMb: (peakHeap - baseHeap) / 2 ** 20,
        plainSelectMs,
        ratio: csvMs / plainSelectMs,
      },
    };
  } finally {
    await db?.close();
    cluster.destroy();
  }
}

export function printHubPages(r: HubPagesResult): void {
  console.log(
    `\n== 10. The DSL's pages on the hub: ${r.entries.toLocaleString('en-GB')} entries, ${r.devices.toLocaleString('en-GB')} devices, ${r.schools} schools (PostgreSQL 15, fsync off; made in ${fmt(r.generateMs / 1000, 1)} s) ==`,
  );
  const row = (name: string, t: Timing) =>
    console.log(
      `${name.padEnd(58)} ${fmt(t.p50Ms, 1).padStart(9)} ${fmt(t.p95Ms, 1).padStart(9)} ${fmt(t.ownerP50Ms, 1).padStart(12)} ${fmt(t.ratio).padStart(6)}  ${t.rows}`,
    );
  console.log(`${''.padEnd(58)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'no RLS p50'.padStart(12)} ${'ratio'.padStart(6)}  rows`);
  row('summary page queries, school DSL (one school, all time)', r.summarySchool);
  row('summary page queries, trust DSL (every school, 30 days)', r.summaryTrust30d);
  row('All entries, filtered page (school+network+month+school time)', r.entriesFiltered);
  row('All entries, trust DSL newest page (no filter)', r.entriesTrustNewest);
  console.log(
    `CSV export: ${r.csv.rows.toLocaleString('en-GB')} entries, ${fmt(r.csv.bytes / 2 ** 20, 1)} MiB in ${fmt(r.csv.ms, 0)} ms; peak memory above start: RSS ${fmt(r.csv.peakRssMb, 1)} MiB, JS heap ${fmt(r.csv.peakHeapMb, 1)} MiB`,
  );
  console.log(
    `  the same rows by one plain SELECT (all in memory, no CSV): ${fmt(r.csv.plainSelectMs, 0)} ms; ratio export / plain SELECT ${fmt(r.csv.ratio)}`,
  );
  console.log(`(${RUNS} runs each after one warm-up; 'no RLS' = the same queries as the tables' owner, ratio = with row security / without)`);
}

export function hubPagesFailures(r: HubPagesResult | null, error: string | null): string[] {
  if (error || !r) return ['the hub pages benchmark did not complete'];
  return [...(r.csv.rows < 90_000 ? [`hub pages: the CSV export held ${r.csv.rows} entries, expected about 100,000`] : [])];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchHubPages();
  printHubPages(r);
}
