/**
 * A real hub (hub/, on a real throwaway PostgreSQL cluster) for the extension's end-to-end tests,
 * behind a small pass-through relay that stands where a school's reverse proxy stands. The relay
 * keeps one address for the device's policy while the hub behind it is stopped and started again,
 * and records what the browser sent (preflights included), so a test can replay a real batch.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchool, startHub, startPgCluster, type Hub, type PgCluster } from '../../../hub/tests/support/index';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The hub's answer (0: the hub was down and the browser's connection was dropped). */
  status: number;
}

export interface TestHub {
  /** What the device's policy names: http://127.0.0.1:<relay port>. */
  url: string;
  key: string;
  hub(): Hub;
  /** The hub's database, for checking what it stored. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  recorded: Recorded[];
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Sends a request straight to the hub (not through the relay). */
  post(headers: Record<string, string>, body: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startTestHub(): Promise<TestHub> {
  const cluster: PgCluster = await startPgCluster();
  let hub: Hub | null = null;
  let relay: http.Server | null = null;
  try {
    const databaseUrl = await cluster.createDatabase('hub_e2e');
    const open = () =>
      startHub({ databaseUrl, port: 0, host: '127.0.0.1', keyLimit: { perSecond: 100, burst: 1000 }, deviceLimit: { perSecond: 100, burst: 1000 } });
    hub = await open();
    const { key } = await createSchool(hub.db, 'Ash Grove Academy', 'e2e');
    const recorded: Recorded[] = [];
    relay = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const entry: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8'), status: 0 };
        recorded.push(entry);
        if (!hub) {
          // The hub is down: the browser sees no answer at all.
          req.socket.destroy();
          return;
        }
        const up = http.request(`${hub.url}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(hub.url).host } }, (upRes) => {
          entry.status = upRes.statusCode ?? 0;
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        });
        up.on('error', () => req.socket.destroy());
        up.end(body);
      });
    });
    await new Promise<void>((resolve) => relay!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    const th: TestHub = {
      url,
      key,
      hub: () => {
        if (!hub) throw new Error('the hub is stopped');
        return hub;
      },
      async query<T>(sql: string, params: unknown[] = []) {
        return (await th.hub().db.query(sql, params)).rows as T[];
      },
      recorded,
      async stop() {
        const h = hub;
        hub = null;
        await h?.close();
      },
      async start() {
        if (!hub) hub = await open();
      },
      async post(headers, body) {
        const res = await fetch(`${th.hub().url}/v1/logs`, { method: 'POST', headers, body });
        return { status: res.status, body: await res.text() };
      },
      async close() {
        relay?.closeAllConnections();
        await new Promise<void>((resolve) => (relay ? relay.close(() => resolve()) : resolve()));
        await hub?.close();
        hub = null;
        cluster.destroy();
      },
    };
    return th;
  } catch (e) {
    relay?.close();
    await hub?.close();
    cluster.destroy();
    throw e;
  }
}
