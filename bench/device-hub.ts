/**
 * Device side of delivery to the school hub (section 9 of `npm run bench`; alone:
 * `npm run bench:device-hub`). Section 8 (bench/hub.ts) measures the hub's ingest and a batch made
 * and signed in Node; this measures what a school machine pays, where it pays it: inside the
 * extension's service worker in real Chromium, a P-256 key made there (non-extractable), a batch of
 * 100 entries encoded by the extension's own encoder (utils/core/hub/otlp.ts), then signed with
 * WebCrypto and POSTed to a real hub on a throwaway PostgreSQL 15 cluster with durable settings.
 * Side by side: the same bytes POSTed to a sink that only reads them (the network and fetch alone),
 * and the encoder against a bare JSON.stringify of the same entries.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createSchool, startHub, startPgCluster } from '../hub/tests/support/index.ts';
import { chainEntries } from '../utils/core/log/chain.ts';
import { encodeBatch } from '../utils/core/hub/otlp.ts';
import { GENESIS_HASH, type LogEntry } from '../utils/core/log/types.ts';
import { entryData } from '../tests/fakes/log-entries.ts';
import { extensionWorker, launch } from '../tests/e2e/support/chromium.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fmt, median, percentile } from './stats.ts';

const BATCHES = 30;
const BATCH_SIZE = 100;

export interface DeviceHubResult {
  batches: number;
  batchSize: number;
  bodyBytes: number;
  /** Node, the extension's encoder vs JSON.stringify of the same entries (median ms). */
  encodeMs: number;
  stringifyMs: number;
  /** In Chromium's extension service worker (median and p95 ms). */
  signMs: { p50: number; p95: number };
  hubPostMs: { p50: number; p95: number };
  sinkPostMs: { p50: number; p95: number };
  statuses: Record<number, number>;
}

export async function benchDeviceHub(): Promise<DeviceHubResult> {
  const cluster = await startPgCluster({ fast: false });
  let hub: Awaited<ReturnType<typeof startHub>> | null = null;
  let sink: http.Server | null = null;
  let browser: Awaited<ReturnType<typeof launch>> | null = null;
  try {
    hub = await startHub({
      databaseUrl: await cluster.createDatabase('device_bench'),
      port: 0,
      host: '127.0.0.1',
      deviceLimit: { perSecond: 1000, burst: 1000 },
    });
    const { key } = await createSchool(hub.db, 'Bench Academy', 'bench');
    sink = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"partialSuccess":{}}'));
    });
    await new Promise<void>((r) => sink!.listen(0, '127.0.0.1', r));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/v1/logs`;

    browser = await launch({});
    const worker = await extensionWorker(browser.context);
    const device = await worker.evaluate(async () => {
      const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      (globalThis as unknown as { benchKey: CryptoKey }).benchKey = pair.privateKey;
      const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
      let bin = '';
      for (const b of spki) bin += String.fromCharCode(b);
      return { id: crypto.randomUUID(), publicKey: btoa(bin) };
    });

    const all: LogEntry[] = await chainEntries(
      GENESIS_HASH,
      Array.from({ length: BATCHES * BATCH_SIZE }, (_, i) => entryData(i + 1, { device: 'Bench PC 1' })),
    );
    const resource = {
      deviceId: device.id,
      publicKey: device.publicKey,
      label: 'Bench PC 1',
      school: 'Bench Academy',
      version: '0.1.0',
      browser: 'chrome' as const,
      waiting: 0,
      policyProblems: [],
    };
    const encodeTimes: number[] = [];
    const stringifyTimes: number[] = [];
    const sign: number[] = [];
    const post: number[] = [];
    const sinkPost: number[] = [];
    const statuses: Record<number, number> = {};
    let bodyBytes = 0;
    for (let b = 0; b < BATCHES; b++) {
      const entries = all.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
      let t = performance.now();
      const body = encodeBatch(resource, entries, Date.now());
      encodeTimes.push(performance.now() - t);
      t = performance.now();
      JSON.stringify(entries);
      stringifyTimes.push(performance.now() - t);
      bodyBytes = Buffer.byteLength(body);
      const r = await worker.evaluate(
        async ({ body, url, sinkUrl, key, deviceId }) => {
          const k = (globalThis as unknown as { benchKey: CryptoKey }).benchKey;
          let t = performance.now();
          const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, k, new TextEncoder().encode(body)));
          const signMs = performance.now() - t;
          let bin = '';
          for (const x of raw) bin += String.fromCharCode(x);
          const sig = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
          const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${key}`, 'X-HallPass-Device': deviceId, 'X-HallPass-Signature': sig };
          t = performance.now();
          const res = await fetch(url, { method: 'POST', headers, body, credentials: 'omit', cache: 'no-store' });
          await res.text();
          const postMs = performance.now() - t;
          t = performance.now();
          const s = await fetch(sinkUrl, { method: 'POST', headers, body, credentials: 'omit', cache: 'no-store' });
          await s.text();
          return { signMs, postMs, sinkMs: performance.now() - t, status: res.status };
        },
        { body, url: `${hub.url}/v1/logs`, sinkUrl, key, deviceId: device.id },
      );
      sign.push(r.signMs);
      post.push(r.postMs);
      sinkPost.push(r.sinkMs);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
    const pp = (xs: number[]) => ({ p50: median(xs), p95: percentile(xs, 95) });
    return {
      batches: BATCHES,
      batchSize: BATCH_SIZE,
      bodyBytes,
      encodeMs: median(encodeTimes),
      stringifyMs: median(stringifyTimes),
      signMs: pp(sign),
      hubPostMs: pp(post),
      sinkPostMs: pp(sinkPost),
      statuses,
    };
  } finally {
    await browser?.close().catch(() => undefined);
    sink?.close();
    await hub?.close().catch(() => undefined);
    cluster.destroy();
  }
}

export function printDeviceHub(r: DeviceHubResult): void {
  const line = (label: string, value: string) => console.log(`${label.padEnd(58)} ${value}`);
  console.log(`\n== 9. Device side of hub delivery: ${r.batches} batches of ${r.batchSize} entries from Chromium's extension service worker ==`);
  line('body per batch:', `${fmt(r.bodyBytes / 1024, 0)} KB`);
  line(
    'encode (extension encoder, Node) vs JSON.stringify(entries):',
    `${fmt(r.encodeMs, 2)} ms vs ${fmt(r.stringifyMs, 2)} ms (ratio ${fmt(r.encodeMs / r.stringifyMs, 1)})`,
  );
  line('sign in the service worker (WebCrypto P-256):', `p50 ${fmt(r.signMs.p50, 2)} ms, p95 ${fmt(r.signMs.p95, 2)} ms`);
  line('POST to the hub until 2xx (verified, stored, committed):', `p50 ${fmt(r.hubPostMs.p50, 1)} ms, p95 ${fmt(r.hubPostMs.p95, 1)} ms`);
  line('same bytes POSTed to a sink that only reads them:', `p50 ${fmt(r.sinkPostMs.p50, 1)} ms, p95 ${fmt(r.sinkPostMs.p95, 1)} ms`);
  line('signing as a share of sign + send to the hub (p50):', `${fmt((100 * r.signMs.p50) / (r.signMs.p50 + r.hubPostMs.p50), 1)}%`);
  line(
    'hub answers:',
    Object.entries(r.statuses)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
  );
  console.log('(durable PostgreSQL: fsync and synchronous_commit on; the hub runs in this Node process)');
}

export function deviceHubFailures(r: DeviceHubResult | null, error: string | null): string[] {
  if (error || !r) return ['the device-side hub benchmark did not complete'];
  const ok = r.statuses[200] ?? 0;
  return ok === r.batches ? [] : [`device-side hub benchmark: ${r.batches - ok} of ${r.batches} batches were not accepted (${JSON.stringify(r.statuses)})`];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchDeviceHub();
  printDeviceHub(r);
  const failures = deviceHubFailures(r, null);
  for (const f of failures) console.error(`FAIL: ${f}`);
  process.exitCode = failures.length ? 1 : 0;
}
