/** The server itself: TLS when given a certificate and key, the health check, settings from the environment. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSchool } from '../src/admin.ts';
import { startHub } from '../src/server.ts';
import { makeTestDevice } from './support/device.ts';
import { startPgCluster, type PgCluster } from './support/pg-cluster.ts';

let cluster: PgCluster;
let dir: string;

beforeAll(async () => {
  cluster = await startPgCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
});
afterAll(() => {
  cluster?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function post(url: string, ca: Buffer, req: { body: string; headers: Record<string, string> }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const r = https.request(`${url}/v1/logs`, { method: 'POST', ca, headers: req.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

it('serves HTTPS itself when HUB_TLS_CERT and HUB_TLS_KEY are given, and refuses plain HTTP on that port', async () => {
  const hub = await startHub({ databaseUrl: cluster.url, port: 0, env: { HUB_TLS_CERT: path.join(dir, 'cert.pem'), HUB_TLS_KEY: path.join(dir, 'key.pem') } });
  try {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { key } = await createSchool(hub.db, 'TLS School');
    const d = await makeTestDevice();
    const r = await post(hub.url, fs.readFileSync(path.join(dir, 'cert.pem')), await d.request(await d.write(2), key));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).hallpass.stored).toBe(2);
    await expect(fetch(hub.url.replace('https:', 'http:') + '/healthz')).rejects.toThrow();
  } finally {
    await hub.close();
  }
});

it('GET /healthz says which database answers', async () => {
  const hub = await startHub({ databaseUrl: cluster.url, port: 0 });
  try {
    const r = await fetch(`${hub.url}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true, database: 'postgres' });
  } finally {
    await hub.close();
  }
});

it('takes DATABASE_URL, HUB_PORT and HUB_HOST from the environment', async () => {
  const hub = await startHub({ port: 0, env: { DATABASE_URL: cluster.url, HUB_HOST: '127.0.0.1' } });
  try {
    expect(hub.db.kind).toBe('postgres');
    expect(hub.url).toBe(`http://127.0.0.1:${hub.port}`);
  } finally {
    await hub.close();
  }
});
