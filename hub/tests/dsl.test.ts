/**
 * The DSL pages' data layer against a real PostgreSQL 15 cluster (and the row security on the
 * embedded PGlite too): who can read what, sign-in waits, report states, exports that verify.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import { signIn, sessionViewer, type Viewer } from '../src/dsl/accounts.ts';
import { csvChunks, jsonChunks, type HubExport } from '../src/dsl/export.ts';
import type { HubFilters } from '../src/dsl/filters.ts';
import * as q from '../src/dsl/queries.ts';
import { withScope } from '../src/dsl/scoped.ts';
import { parseHubExport, verifyHubExport } from '../src/dsl/verify.ts';
import { startHub, type Hub } from '../src/server.ts';
import { ELM_REPORT, FORMULA_TEXT, OAK_REPORT, PASSWORD, seedTrust, type Seeded } from './support/dsl-seed.ts';
import { startPgCluster, type PgCluster } from './support/pg-cluster.ts';

let cluster: PgCluster;
let hub: Hub;
let seed: Seeded;

beforeAll(async () => {
  cluster = await startPgCluster();
  hub = await startHub({ databaseUrl: cluster.url, port: 0 });
  seed = await seedTrust(hub);
});
afterAll(async () => {
  await hub?.close();
  cluster?.destroy();
});

const viewer = (role: Viewer['role'], schoolId: number | null): Viewer => ({ accountId: 1, email: `${role}@x`, role, schoolId, schoolName: null, csrf: '' });

async function collect(gen: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of gen) s += c;
  return s;
}

async function jsonExport(v: Viewer, f: HubFilters): Promise<string> {
  const devs = await withScope(hub.db, v, (tx) => q.devices(tx, f, 48));
  const byId = new Map(devs.map((d) => [d.id, d]));
  return collect(
    jsonChunks(
      q.exportPages((fn) => withScope(hub.db, v, fn), f),
      { exportedAt: new Date().toISOString(), exportedBy: v.email, filters: f },
      (id) => byId.get(id),
      () => null,
    ),
  );
}

describe('row-level security', () => {
  it('a school DSL reads only their school, even when the query asks for another school or device', async () => {
    const oak = viewer('school-dsl', seed.oakId);
    const all = await withScope(hub.db, oak, (tx) => q.entriesPage(tx, {}, 0));
    expect(all.entries.length).toBeGreaterThan(0);
    expect(new Set(all.entries.map((e) => e.school))).toEqual(new Set(['Oak Primary']));
    expect((await withScope(hub.db, oak, (tx) => q.entriesPage(tx, { school: seed.elmId }, 0))).entries).toEqual([]);
    expect((await withScope(hub.db, oak, (tx) => q.entriesPage(tx, { device: seed.elm.id }, 0))).entries).toEqual([]);
    const raw = await withScope(hub.db, oak, (tx) => tx.query<{ n: number }>('select count(*)::int as n from entries where school_id = $1', [seed.elmId]));
    expect(raw.rows[0]!.n).toBe(0);
    const reports = await withScope(hub.db, oak, (tx) => q.reports(tx, {}));
    expect(reports.map((r) => r.entry.text)).toEqual([OAK_REPORT]);
    const devices = await withScope(hub.db, oak, (tx) => q.devices(tx, { school: seed.elmId }, 48));
    expect(devices).toEqual([]);
  });

  it('a school DSL cannot set the state of another school’s report', async () => {
    const elmReport = seed.elm.entries.find((e) => e.event === 'report')!;
    const ok = await withScope(hub.db, viewer('school-dsl', seed.oakId), (tx) =>
      q.setReportState(tx, seed.elm.id, elmReport.seq, 'handled', 'not mine', 'dsl@oak.example'),
    );
    expect(ok).toBe(false);
    const { rows } = await hub.db.query('select * from report_states where device_id = $1', [seed.elm.id]);
    expect(rows).toEqual([]);
  });

  it('the pages role with no scope set reads nothing; an IT admin reads devices but no entries or reports', async () => {
    const none = await hub.db.transaction(async (tx) => {
      await tx.query('set local role hallpass_pages');
      const n = async (t: string) => (await tx.query<{ n: number }>(`select count(*)::int as n from ${t}`)).rows[0]!.n;
      return { entries: await n('entries'), devices: await n('devices'), schools: await n('schools'), trail: await n('access_trail') };
    });
    expect(none).toEqual({ entries: 0, devices: 0, schools: 0, trail: 0 });
    const it = viewer('it-admin', null);
    expect((await withScope(hub.db, it, (tx) => q.entriesPage(tx, {}, 0))).entries).toEqual([]);
    expect(await withScope(hub.db, it, (tx) => q.reports(tx, {}))).toEqual([]);
    expect((await withScope(hub.db, it, (tx) => q.devices(tx, {}, 48))).length).toBe(4);
  });

  it('the trust DSL reads every school', async () => {
    const reports = await withScope(hub.db, viewer('trust-dsl', null), (tx) => q.reports(tx, {}));
    expect(reports.map((r) => r.entry.text).sort()).toEqual([ELM_REPORT, OAK_REPORT].sort());
  });

  it('holds on the embedded PGlite too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pglite-rls-'));
    const lite = await startHub({ dataDir: dir, port: 0 });
    try {
      const s = await seedTrust(lite);
      const oak = viewer('school-dsl', s.oakId);
      expect((await withScope(lite.db, oak, (tx) => q.entriesPage(tx, { school: s.elmId }, 0))).entries).toEqual([]);
      const mine = await withScope(lite.db, oak, (tx) => q.entriesPage(tx, {}, 0));
      expect(new Set(mine.entries.map((e) => e.school))).toEqual(new Set(['Oak Primary']));
      const none = await lite.db.transaction(async (tx) => {
        await tx.query('set local role hallpass_pages');
        return (await tx.query<{ n: number }>('select count(*)::int as n from entries')).rows[0]!.n;
      });
      expect(none).toBe(0);
    } finally {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('sign-in', () => {
  it('each wrong password doubles the wait, per account and per address, and every attempt is recorded', async () => {
    const addr = '203.0.113.9';
    const first = await signIn(hub.db, seed.accounts.lockMe, 'wrong password!', addr);
    expect(first).toMatchObject({ ok: false, waitSeconds: 2 });
    const locked = await signIn(hub.db, seed.accounts.lockMe, PASSWORD, addr);
    expect(locked).toMatchObject({ ok: false });
    expect((locked as { message: string }).message).toMatch(/Too many wrong passwords/);
    // Another account from the same address waits too.
    expect(await signIn(hub.db, seed.accounts.oakDsl, PASSWORD, addr)).toMatchObject({ ok: false });
    await new Promise((r) => setTimeout(r, 2100));
    expect(await signIn(hub.db, seed.accounts.lockMe, 'wrong again!!', addr)).toMatchObject({ ok: false, waitSeconds: 4 });
    const { rows } = await hub.db.query<{ ok: boolean; reason: string }>('select ok, reason from login_attempts where remote_addr = $1 order by id', [addr]);
    expect(rows.map((r) => r.reason)).toEqual([
      'wrong password',
      'refused: waiting after wrong passwords',
      'refused: waiting after wrong passwords',
      'wrong password',
    ]);
  });

  it('a right password gives a session that ends after idle time', async () => {
    const r = await signIn(hub.db, seed.accounts.trust, PASSWORD, '198.51.100.1');
    expect(r.ok).toBe(true);
    const token = (r as { token: string }).token;
    expect((await sessionViewer(hub.db, token, 15))?.role).toBe('trust-dsl');
    await hub.db.query("update sessions set last_seen = now() - interval '16 minutes'");
    expect(await sessionViewer(hub.db, token, 15)).toBeNull();
    const { rows } = await hub.db.query<{ id_hash: string }>('select id_hash from sessions');
    expect(rows.every((x) => x.id_hash !== token)).toBe(true);
  });
});

describe('CLI accounts', () => {
  it('creates an account with the password from HUB_USER_PASSWORD and resets it (ending its sessions)', async () => {
    const out: string[] = [];
    const env = { DATABASE_URL: cluster.url };
    const code = await runCli(
      ['user', 'create', 'New@Oak.example', '--role', 'school-dsl', '--school', 'Oak Primary'],
      { ...env, HUB_USER_PASSWORD: 'first password 1' },
      (s) => out.push(s),
      (s) => out.push(s),
    );
    expect(code).toBe(0);
    expect((await signIn(hub.db, 'new@oak.example', 'first password 1', '192.0.2.1')).ok).toBe(true);
    expect(
      await runCli(
        ['user', 'create', 'x@oak.example', '--role', 'school-dsl'],
        { ...env, HUB_USER_PASSWORD: 'first password 1' },
        () => {},
        (s) => out.push(s),
      ),
    ).toBe(1);
    expect(out.join('')).toMatch(/needs --school/);
    const before = await signIn(hub.db, 'new@oak.example', 'first password 1', '192.0.2.1');
    expect(
      await runCli(
        ['user', 'reset', 'new@oak.example'],
        { ...env, HUB_USER_PASSWORD: 'second password 2' },
        () => {},
        () => {},
      ),
    ).toBe(0);
    expect(await sessionViewer(hub.db, (before as { token: string }).token, 15)).toBeNull();
    expect((await signIn(hub.db, 'new@oak.example', 'second password 2', '192.0.2.1')).ok).toBe(true);
  });
});

describe('exports', () => {
  it('CSV: formula-safe, the device columns with school and device id in front, only the school’s rows', async () => {
    const v = viewer('school-dsl', seed.oakId);
    const csv = await collect(csvChunks(q.exportPages((fn) => withScope(hub.db, v, fn), { school: seed.elmId })));
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1); // header only: Elm is not Oak's
    const mine = await collect(csvChunks(q.exportPages((fn) => withScope(hub.db, v, fn), {}, 3, 'time')));
    const lines = mine
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toMatch(/^School,Device id,Sequence,Time \(UTC\)/);
    expect(lines.length - 1).toBe(seed.oak.entries.length + seed.broken.entries.length - 2 + seed.silent.entries.length);
    expect(mine).toContain(`"'${FORMULA_TEXT.replaceAll('"', '""')}"`);
    expect(mine).not.toContain(',=HYPERLINK');
  });

  it('JSON verifies per device; an edited entry and a broken chain do not', async () => {
    const trust = viewer('trust-dsl', null);
    const text = await jsonExport(trust, { school: seed.elmId });
    const exp = parseHubExport(text);
    expect(exp.devices.map((d) => d.id)).toEqual([seed.elm.id]);
    expect((await verifyHubExport(exp)).ok).toBe(true);
    const edited = JSON.parse(text) as HubExport;
    edited.devices[0]!.entries[0]!.user = 'someone-else@elm.example';
    const r = await verifyHubExport(edited);
    expect(r.ok).toBe(false);
    expect(r.devices[0]!.summary).toMatch(/Broken at entry 1/);
    const oak = await verifyHubExport(parseHubExport(await jsonExport(trust, { school: seed.oakId })));
    expect(oak.ok).toBe(false);
    expect(oak.devices.find((d) => d.id === seed.broken.id)!.ok).toBe(false);
    expect(oak.devices.find((d) => d.id === seed.oak.id)!.ok).toBe(true);
    const filtered = await verifyHubExport(parseHubExport(await jsonExport(trust, { user: 'amy@oak.example' })));
    expect(filtered.ok).toBe(true);
  });
});

describe('pages data', () => {
  it('repeated attempts across devices, charts per day and network, devices needing attention first', async () => {
    const v = viewer('trust-dsl', null);
    const flagged = await withScope(hub.db, v, (tx) => q.repeatedAttempts(tx, {}, 5));
    expect(flagged.users.map((u) => [u.label, u.count])).toEqual([['amy@oak.example', 6]]);
    const c = await withScope(hub.db, v, (tx) => q.charts(tx, { school: seed.oakId }));
    expect(c.perNetwork).toEqual([
      { network: 'Facebook', count: 8 },
      { network: 'TikTok', count: 6 },
    ]);
    expect(c.perDay.at(-1)!.date).toBe(new Date().toISOString().slice(0, 10));
    expect(c.perDay.length).toBe(6); // five days ago to today, zeros filled in
    const devs = await withScope(hub.db, v, (tx) => q.devices(tx, {}, 48));
    expect(
      devs
        .slice(0, 2)
        .map((d) => d.id)
        .sort(),
    ).toEqual([seed.broken.id, seed.silent.id].sort());
    expect(devs.find((d) => d.id === seed.silent.id)!.silentDays).toBe(5);
    expect(devs.find((d) => d.id === seed.broken.id)!.brokenAtSeq).toBe(6);
    const sum = await withScope(hub.db, viewer('school-dsl', seed.oakId), (tx) => q.summary(tx, {}, 5, 48));
    const oakTotal = seed.oak.entries.length + seed.broken.entries.length - 2 + seed.silent.entries.length;
    expect(sum.total).toBe(oakTotal);
    expect(sum.perSchool).toEqual([{ school: 'Oak Primary', count: oakTotal }]);
    expect(sum.perEvent).toContainEqual({ event: 'report', count: 1 });
    expect(sum.charts).toEqual(c);
    expect(sum.flaggedUsers.map((u) => [u.label, u.count, u.devices])).toEqual([['amy@oak.example', 6, 1]]);
    expect(sum.devices).toEqual({ total: 3, broken: 1, keyMismatch: 0, silent: 1 });
    // A date range is the entries' own local dates, inclusive.
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const todays = await withScope(hub.db, v, (tx) => q.entriesPage(tx, { school: seed.oakId, from: today, to: today }, 0));
    expect(todays.entries.every((e) => e.localTime.startsWith(today))).toBe(true);
    expect(todays.entries).toHaveLength(6 + 2 + 4);
    const y = await withScope(hub.db, v, (tx) => q.entriesPage(tx, { school: seed.oakId, from: yesterday, to: yesterday }, 0));
    expect(y.entries.map((e) => e.text)).toEqual([OAK_REPORT]);
  });
});
