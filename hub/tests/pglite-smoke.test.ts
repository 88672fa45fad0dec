/** The same ingest flow on the embedded default (PGlite in a data folder), and the data still there after a restart. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createSchool, listDevices } from '../src/admin.ts';
import { purge } from '../src/retention.ts';
import { startHub } from '../src/server.ts';
import { makeKeyPair, makeTestDevice } from './support/device.ts';
import { send } from './support/http.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pglite-smoke-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('PGlite: accepted, replayed, refused, chain marked; everything still there after the hub restarts', { timeout: 300_000 }, async () => {
  let hub = await startHub({ dataDir, port: 0 });
  expect(hub.db.kind).toBe('pglite');
  const { key } = await createSchool(hub.db, 'Hazel Nursery');
  const d = await makeTestDevice();
  const first = await d.request(await d.write(5), key);
  expect((await send(hub, first)).status).toBe(200);
  expect((await send(hub, first)).body.hallpass).toEqual({ stored: 0, duplicates: 5, conflicts: 0, purged: 0 });
  const other = await makeKeyPair();
  expect((await send(hub, await d.request(await d.write(2), key, { signWith: other.keys, publicKey: other.publicKey }))).status).toBe(403);
  expect((await send(hub, await d.request(d.entries.slice(6), key))).status).toBe(200); // 7: 6 never sent
  await hub.close();

  hub = await startHub({ dataDir, port: 0 });
  try {
    const [info] = await listDevices(hub.db, { silentHours: 48 });
    expect(info).toMatchObject({ id: d.id, state: 'key-mismatch', chainState: 'broken', brokenAtSeq: 7, lastSeq: 7, entries: 6 });
    const { rows } = await hub.db.query<{ kind: string }>('select kind from audit order by id');
    expect(rows.map((r) => r.kind)).toEqual(['cli', 'new-device', 'key-mismatch', 'chain-broken']);
  } finally {
    await hub.close();
  }
});

it(
  'PGlite: the retention purge deletes the old prefix, keeps the horizon, and a re-send of a purged entry is not stored again',
  { timeout: 300_000 },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pglite-retention-'));
    const hub = await startHub({ dataDir: dir, port: 0, purgeEveryMs: 24 * 3_600_000 });
    try {
      const { key } = await createSchool(hub.db, 'Rowan Infants');
      const d = await makeTestDevice();
      const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
      await d.write(3, { at: old, localTime: old.replace('T', ' ').slice(0, 19) });
      await d.write(2, { at: new Date().toISOString() });
      expect((await send(hub, await d.request(d.entries, key))).status).toBe(200);
      const [p] = await purge(hub.db, { defaultDays: 365 });
      expect(p!.devices.map((x) => [x.fromSeq, x.toSeq, x.entries])).toEqual([[1, 3, 3]]);
      expect((await hub.db.query<{ seq: number }>('select seq from entries order by seq')).rows.map((r) => r.seq)).toEqual([4, 5]);
      expect((await send(hub, await d.request(d.entries.slice(0, 2), key))).body.hallpass).toEqual({ stored: 0, duplicates: 0, conflicts: 0, purged: 2 });
      const [info] = await listDevices(hub.db, { silentHours: 48 });
      expect(info).toMatchObject({ chainState: 'intact', purgedSeq: 3, entries: 2 });
    } finally {
      await hub.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
