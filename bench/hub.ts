/**
 * School hub ingest benchmark (section 8 of `npm run bench`; alone: `npm run bench:hub`).
 *
 * A throwaway PostgreSQL 15 cluster on this machine with durable settings (fsync on,
 * synchronous_commit on, the server's defaults otherwise), a real hub in its own process
 * (`npm run hub` with DATABASE_URL), and DEVICES simulated devices, each with its own P-256 key,
 * sending BATCHES signed OTLP batches of BATCH_SIZE entries one after another, all devices at once.
 * Measures entries stored per second and the batch latency each device saw (request to 200), then
 * writes the same rows with plain multi-row INSERTs (one statement of BATCH_SIZE rows per
 * transaction, same indexes, same number of connections as the hub's pool) as the ceiling.
 * Device side: chaining, encoding and signing a batch of 100 entries (Node's WebCrypto).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createSchool } from '../hub/src/admin.ts';
import { ENTRY_COLUMNS, entryRowValues } from '../hub/src/ingest.ts';
import { migrate } from '../hub/src/db/migrate.ts';
import { openPostgres } from '../hub/src/db/pg.ts';
import { encodeBatch, makeTestDevice, sign, type TestDevice } from '../hub/tests/support/device.ts';
import { freePort, startPgCluster } from '../hub/tests/support/pg-cluster.ts';
import { canonicalJson } from '../utils/core/log/chain.ts';
import { fmt, median, percentile } from './stats.ts';

const DEVICES = 200;
const BATCHES = 5;
const BATCH_SIZE = 100;
const POOL = 10; // the hub's pg pool size

export interface HubBenchResult {
  devices: number;
  batchesPerDevice: number;
  batchSize: number;
  postgres: { version: string; settings: Record<string, string> };
  machine: { cpus: number; loadAverage: number[] };
  hub: {
    entries: number;
    ms: number;
    entriesPerSecond: number;
    batchP50Ms: number;
    batchP95Ms: number;
    batchMaxMs: number;
    cpuSeconds: number;
    refused: number;
    refusedByStatus: Record<number, number>;
    storedInDb: number;
    brokenDevices: number;
  };
  ceiling: { entries: number; ms: number; entriesPerSecond: number; connections: number };
  ratio: number;
  device: { chainMs: number; encodeMs: number; signMs: number; encodeAndSignMs: number; bodyBytes: number };
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** User + system CPU seconds a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
  } catch {
    return NaN;
  }
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the hub did not become healthy');
}

/** Device-side cost of one batch of 100 entries: median of 30 runs after a warm-up. */
async function deviceCost(): Promise<HubBenchResult['device']> {
  const chain: number[] = [];
  const encode: number[] = [];
  const signing: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 31; i++) {
    const d = await makeTestDevice();
    let t = performance.now();
    const entries = await d.write(BATCH_SIZE);
    const chained = performance.now() - t;
    t = performance.now();
    const body = encodeBatch(d, entries, 0);
    const encoded = performance.now() - t;
    t = performance.now();
    await sign(d.keys, body);
    const signed = performance.now() - t;
    if (i === 0) continue;
    chain.push(chained);
    encode.push(encoded);
    signing.push(signed);
    bytes = Buffer.byteLength(body);
  }
  return {
    chainMs: median(chain),
    encodeMs: median(encode),
    signMs: median(signing),
    encodeAndSignMs: median(encode.map((e, i) => e + signing[i]!)),
    bodyBytes: bytes,
  };
}

export async function benchHub(): Promise<HubBenchResult> {
  const cluster = await startPgCluster({ fast: false });
  let child: ChildProcess | null = null;
  try {
    const hubDbUrl = await cluster.createDatabase('hub');
    const db = openPostgres(hubDbUrl);
    await migrate(db);
    const { key } = await createSchool(db, 'Bench Trust School');
    const info = await db.query<{ name: string; setting: string }>(
      "select name, setting from pg_settings where name in ('fsync','synchronous_commit','full_page_writes','shared_buffers','wal_level','max_wal_size','checkpoint_timeout')",
    );
    const version = (await db.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;

    // Every device's batches, chained, encoded and signed before the clock starts.
    const devices: { dev: TestDevice; requests: { body: string; headers: Record<string, string> }[] }[] = [];
    for (let i = 0; i < DEVICES; i++) {
      const dev = await makeTestDevice({ label: `PC ${i + 1}` });
      const requests = [];
      for (let b = 0; b < BATCHES; b++) requests.push(await dev.request(await dev.write(BATCH_SIZE), key, { waiting: (BATCHES - b - 1) * BATCH_SIZE }));
      devices.push({ dev, requests });
    }

    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'hub/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: hubDbUrl,
        HUB_PORT: String(port),
        HUB_HOST: '127.0.0.1',
        HUB_KEY_RATE: '100000',
        HUB_KEY_BURST: '100000',
        HUB_DEVICE_RATE: '1000',
        HUB_DEVICE_BURST: '1000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(url, child);

    // Each device sends its batches in order; a refused batch is sent again after Retry-After
    // (or 1 s), as the extension does. Latency: from the first attempt to the 200.
    const latencies: number[] = [];
    let refused = 0;
    const statuses: Record<number, number> = {};
    const cpu0 = cpuSeconds(child.pid!);
    const t0 = performance.now();
    await Promise.all(
      devices.map(async ({ requests }) => {
        for (const req of requests) {
          const t = performance.now();
          for (let attempt = 0; ; attempt++) {
            const res = await fetch(`${url}/v1/logs`, { method: 'POST', headers: req.headers, body: req.body });
            await res.arrayBuffer();
            if (res.status === 200) break;
            refused += 1;
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            if (attempt >= 20) throw new Error(`a batch was refused 20 times (last ${res.status})`);
            await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
          }
          latencies.push(performance.now() - t);
        }
      }),
    );
    const hubMs = performance.now() - t0;
    const hubCpu = cpuSeconds(child.pid!) - cpu0;
    const total = DEVICES * BATCHES * BATCH_SIZE;
    const stored = (await db.query<{ n: number }>('select count(*)::int as n from entries')).rows[0]!.n;
    const broken = (await db.query<{ n: number }>("select count(*)::int as n from devices where chain_state <> 'intact'")).rows[0]!.n;
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = null;

    // The ceiling: the same rows, plain multi-row INSERTs into a table like entries (same indexes).
    await db.exec('create table entries_ceiling (like entries including all)');
    const cols = ENTRY_COLUMNS.map((c) => c[0]);
    const batches = devices.flatMap(({ dev }) => {
      const out: unknown[][] = [];
      for (let b = 0; b < BATCHES; b++) {
        const params: unknown[] = [];
        for (const e of dev.entries.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE)) {
          params.push(...entryRowValues(dev.id, 1, canonicalJson(e), e, 'ok'));
        }
        out.push(params);
      }
      return out;
    });
    const sql = `insert into entries_ceiling (${cols.join(', ')}) values ${Array.from({ length: BATCH_SIZE }, (_, r) => `(${cols.map((_, c) => `$${r * cols.length + c + 1}`).join(', ')})`).join(', ')}`;
    const pool = new pg.Pool({ connectionString: hubDbUrl, max: POOL });
    let next = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: POOL }, async () => {
        while (next < batches.length) {
          const params = batches[next++]!;
          await pool.query(sql, params);
        }
      }),
    );
    const ceilingMs = performance.now() - t1;
    await pool.end();
    await db.close();

    const device = await deviceCost();
    const hubEps = (total / hubMs) * 1000;
    const ceilEps = (total / ceilingMs) * 1000;
    return {
      devices: DEVICES,
      batchesPerDevice: BATCHES,
      batchSize: BATCH_SIZE,
      postgres: { version, settings: Object.fromEntries(info.rows.map((r) => [r.name, r.setting])) },
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg() },
      hub: {
        entries: total,
        ms: hubMs,
        entriesPerSecond: hubEps,
        batchP50Ms: percentile(latencies, 50),
        batchP95Ms: percentile(latencies, 95),
        batchMaxMs: percentile(latencies, 100),
        cpuSeconds: hubCpu,
        refused,
        refusedByStatus: statuses,
        storedInDb: stored,
        brokenDevices: broken,
      },
      ceiling: { entries: total, ms: ceilingMs, entriesPerSecond: ceilEps, connections: POOL },
      ratio: hubEps / ceilEps,
      device,
    };
  } finally {
    if (child) child.kill('SIGKILL');
    cluster.destroy();
  }
}

export function printHub(r: HubBenchResult): void {
  const line = (label: string, value: string) => console.log(`${label.padEnd(50)} ${value}`);
  console.log(`\n== 8. School hub: ${r.devices} devices x ${r.batchesPerDevice} batches of ${r.batchSize} entries, all at once ==`);
  line(
    'PostgreSQL:',
    `${r.postgres.version}, ${Object.entries(r.postgres.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  line(
    'hub (own process, Fastify + pg pool of 10):',
    `${Math.round(r.hub.entriesPerSecond).toLocaleString('en-GB')} entries/s (${r.hub.entries.toLocaleString('en-GB')} in ${fmt(r.hub.ms / 1000, 1)} s)`,
  );
  line(
    'hub process CPU during the run:',
    `${fmt(r.hub.cpuSeconds, 1)} s of ${fmt(r.hub.ms / 1000, 1)} s (${fmt((r.hub.cpuSeconds * 1000 * 100) / r.hub.ms, 0)}% of one core)`,
  );
  const cpuPerBatchMs = (r.hub.cpuSeconds * 1000) / (r.devices * r.batchesPerDevice);
  line(
    'hub CPU per batch of 100 (all checks + HTTP):',
    `${fmt(cpuPerBatchMs, 1)} ms, so one free core could take ~${Math.round((r.batchSize / cpuPerBatchMs) * 1000).toLocaleString('en-GB')} entries/s`,
  );
  line('machine:', `${r.machine.cpus} CPUs, load average ${r.machine.loadAverage.map((x) => fmt(x, 1)).join(' / ')} at the end`);
  line('batch latency seen by devices:', `p50 ${fmt(r.hub.batchP50Ms, 0)} ms, p95 ${fmt(r.hub.batchP95Ms, 0)} ms, max ${fmt(r.hub.batchMaxMs, 0)} ms`);
  line(
    'stored / devices not intact:',
    `${r.hub.storedInDb.toLocaleString('en-GB')} of ${r.hub.entries.toLocaleString('en-GB')} / ${r.hub.brokenDevices} ${r.hub.storedInDb === r.hub.entries && r.hub.brokenDevices === 0 ? '(OK)' : '(FAIL)'}`,
  );
  line(
    'attempts refused and sent again:',
    r.hub.refused
      ? `${r.hub.refused} (${Object.entries(r.hub.refusedByStatus)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')})`
      : '0',
  );
  line(
    `ceiling: plain multi-row INSERT (${r.batchSize} rows, ${r.ceiling.connections} conns):`,
    `${Math.round(r.ceiling.entriesPerSecond).toLocaleString('en-GB')} entries/s (${fmt(r.ceiling.ms / 1000, 1)} s)`,
  );
  line('ratio hub / ceiling:', fmt(r.ratio, 2));
  line(
    `device side, one batch of ${r.batchSize} (Node WebCrypto, median):`,
    `chain ${fmt(r.device.chainMs, 1)} ms; encode ${fmt(r.device.encodeMs, 1)} ms + sign ${fmt(r.device.signMs, 2)} ms = ${fmt(r.device.encodeAndSignMs, 1)} ms; ${fmt(r.device.bodyBytes / 1024, 0)} KB body`,
  );
  console.log(
    '(the hub checks every signature, recomputes every hash and checks chain continuity in one transaction per batch; the ceiling does none of that.',
  );
  console.log(" On a shared, loaded machine the hub's one process gets a small share of the CPU next to ten PostgreSQL backends; see its CPU use above.)");
}

export function hubFailures(r: HubBenchResult | null, error: string | null): string[] {
  if (error || !r) return ['the hub benchmark did not complete'];
  return [
    ...(r.hub.storedInDb !== r.hub.entries ? [`hub: ${r.hub.storedInDb} of ${r.hub.entries} entries stored`] : []),
    ...(r.hub.brokenDevices ? [`hub: ${r.hub.brokenDevices} devices not intact`] : []),
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchHub();
  printHub(r);
  const failures = hubFailures(r, null);
  for (const f of failures) console.error(`FAIL: ${f}`);
  process.exitCode = failures.length ? 1 : 0;
}
