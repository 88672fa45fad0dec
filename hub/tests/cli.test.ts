/** The admin CLI on a real PostgreSQL cluster: in process for each command, and once through `npm run hub`. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from './support/cli.ts';
import { listMigrations } from '../src/db/migrate.ts';
import { startHub, type Hub } from '../src/server.ts';
import { makeKeyPair, makeTestDevice } from './support/device.ts';
import { send } from './support/http.ts';
import { startPgCluster, type PgCluster } from './support/pg-cluster.ts';

let cluster: PgCluster;
let env: NodeJS.ProcessEnv;
let hub: Hub;

beforeAll(async () => {
  cluster = await startPgCluster();
  env = { DATABASE_URL: await cluster.createDatabase('cli') };
  hub = await startHub({ databaseUrl: env.DATABASE_URL, port: 0 });
});
afterAll(async () => {
  await hub?.close();
  cluster?.destroy();
});

const cli = (...args: string[]) => runCliCaptured(env, ...args);

const keyIn = (out: string) => /(hp_[0-9a-f]{16}_[A-Za-z0-9_-]{43})/.exec(out)?.[1];

describe('npm run hub -- ...', () => {
  it('school create prints the ingest key once; it works for ingest and is not stored in clear', async () => {
    const r = await cli('school', 'create', 'St Mary’s C of E Primary');
    expect(r.code).toBe(0);
    const key = keyIn(r.out);
    expect(key).toBeDefined();
    const d = await makeTestDevice();
    expect((await send(hub, await d.request(await d.write(2), key!))).status).toBe(200);
    const dump = await hub.db.query<{ t: string }>('select row_to_json(k)::text as t from ingest_keys k');
    for (const row of dump.rows) expect(row.t).not.toContain(key!.slice(20));
    const again = await cli('school', 'create', 'St Mary’s C of E Primary');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
  });

  it('key create / key revoke rotate the key; devices keep their history; keys lists ids, never secrets', async () => {
    const made = await cli('school', 'create', 'Birch Juniors');
    const oldKey = keyIn(made.out)!;
    const oldId = oldKey.split('_')[1]!;
    const d = await makeTestDevice({ label: 'Hall PC 1' });
    expect((await send(hub, await d.request(await d.write(3), oldKey))).status).toBe(200);

    const next = await cli('key', 'create', 'Birch Juniors');
    expect(next.code).toBe(0);
    const newKey = keyIn(next.out)!;
    expect(newKey).not.toBe(oldKey);
    const revoked = await cli('key', 'revoke', oldId);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain(`Ingest key ${oldId} of "Birch Juniors" revoked`);
    expect((await send(hub, await d.request(await d.write(1), oldKey))).status).toBe(401);
    expect((await send(hub, await d.request(d.entries.slice(3), newKey))).status).toBe(200);

    const keys = await cli('keys', '--school', 'Birch Juniors');
    expect(keys.out).toMatch(new RegExp(`${oldId}  Birch Juniors  created .* REVOKED`));
    expect(keys.out).toMatch(/active/);
    expect(keys.out).not.toContain(newKey);
    const list = await cli('devices', '--school', 'Birch Juniors');
    expect(list.out).toContain(d.id);
    expect(list.out).toMatch(/Hall PC 1 .*entries 4 \(to #4\)/);
    expect(list.out).toMatch(/state: intact; new, unconfirmed/);
    expect((await cli('key', 'revoke', oldId)).err).toMatch(/already revoked/);
  });

  it('devices shows each state: broken at seq N, key mismatch, silent; devices confirm clears "new"', async () => {
    const made = await cli('school', 'create', 'Cedar High');
    const key = keyIn(made.out)!;
    const [ok, gap, stolen, quiet] = [
      await makeTestDevice({ label: 'A' }),
      await makeTestDevice({ label: 'B' }),
      await makeTestDevice({ label: 'C' }),
      await makeTestDevice({ label: 'D' }),
    ];
    for (const d of [ok, gap, stolen, quiet]) expect((await send(hub, await d.request(await d.write(2), key))).status).toBe(200);
    const skipped = await gap.write(3);
    expect((await send(hub, await gap.request(skipped.slice(2), key))).status).toBe(200);
    const other = await makeKeyPair();
    expect((await send(hub, await stolen.request(await stolen.write(1), key, { signWith: other.keys, publicKey: other.publicKey }))).status).toBe(403);
    await hub.db.query("update devices set last_seen = now() - interval '3 days' where id = $1", [quiet.id]);

    const confirm = await cli('devices', 'confirm', ok.id);
    expect(confirm.code).toBe(0);
    const r = await cli('devices', '--school', 'Cedar High');
    expect(r.code).toBe(0);
    const stateOf = (id: string) => {
      const lines = r.out.split('\n');
      const i = lines.findIndex((l) => l.startsWith(id));
      return lines[i + 1]!.trim();
    };
    expect(stateOf(ok.id)).toBe('state: intact');
    expect(stateOf(gap.id)).toBe('state: BROKEN at entry 5: entries 3 to 4 never arrived; new, unconfirmed');
    expect(stateOf(stolen.id)).toBe('state: KEY MISMATCH (1 refused); intact; new, unconfirmed');
    expect(stateOf(quiet.id)).toMatch(/^state: intact; SILENT since \d{4}-\d\d-\d\d \d\d:\d\dZ; new, unconfirmed$/);

    const audit = await hub.db.query<{ reason: string }>("select reason from audit where kind = 'cli' and device_id = $1", [ok.id]);
    expect(audit.rows.map((a) => a.reason)).toEqual(['device confirmed']);
  });

  it('bad commands: usage (exit 2); unknown school, key or device: a clear error (exit 1)', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('school', 'create')).code).toBe(2);
    const r1 = await cli('key', 'create', 'No Such School');
    expect([r1.code, r1.err]).toEqual([1, 'error: no school "No Such School"\n']);
    const r2 = await cli('key', 'revoke', 'ffffffffffffffff');
    expect(r2.err).toMatch(/no ingest key ffffffffffffffff/);
    const r3 = await cli('devices', 'confirm', 'not-an-id');
    expect(r3.err).toMatch(/not a device id/);
    const r4 = await cli('devices', '--school', 'No Such School');
    expect(r4.err).toMatch(/no school/);
  });

  it('through npm: `npm run hub -- migrate` and `npm run hub -- school create` on a fresh database', async () => {
    const url = await cluster.createDatabase('npm_cli');
    const root = path.resolve(import.meta.dirname, '../..');
    const run = (...args: string[]) =>
      spawnSync('npm', ['run', '-s', 'hub', '--', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', timeout: 120_000 });
    const m = run('migrate');
    expect(m.status, m.stderr).toBe(0);
    const all = listMigrations();
    expect(m.stdout).toBe(`Database at migration ${all.at(-1)!.version}:\n${all.map((x) => `  ${String(x.version).padStart(3, '0')} ${x.name}\n`).join('')}`);
    expect(m.stdout).toContain('  001 schools_and_keys\n');
    const s = run('school', 'create', 'Willow Primary');
    expect(s.status, s.stderr).toBe(0);
    expect(keyIn(s.stdout)).toBeDefined();
  });
});
