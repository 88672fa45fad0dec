/**
 * Retention on a real PostgreSQL 15 cluster: each school's entries older than its period are
 * purged (only that school's), the chain still verifies from the purge horizon, a late re-send of
 * a purged entry is not stored again, every purge is in the audit and the access trail, a dry run
 * changes nothing, and the pages' role cannot delete anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../src/admin.ts';
import { runCliCaptured } from './support/cli.ts';
import { configFromEnv } from '../src/config.ts';
import type { Viewer } from '../src/dsl/accounts.ts';
import { jsonChunks, type HubExport } from '../src/dsl/export.ts';
import type { HubFilters } from '../src/dsl/filters.ts';
import { chainText } from '../src/dsl/pages/pages.tsx';
import * as q from '../src/dsl/queries.ts';
import { withScope } from '../src/dsl/scoped.ts';
import { readTrail } from '../src/dsl/trail.ts';
import { parseHubExport, verifyHubExport } from '../src/dsl/verify.ts';
import { parseRetentionDays, planPurge, purge } from '../src/retention.ts';
import { startHub, type Hub } from '../src/server.ts';
import { daysAgo } from './support/dsl-seed.ts';
import { makeTestDevice, type TestDevice } from './support/device.ts';
import { send } from './support/http.ts';
import { startPgCluster, type PgCluster } from './support/pg-cluster.ts';

let cluster: PgCluster;
let env: NodeJS.ProcessEnv;
let hub: Hub;
const generous = { perSecond: 10_000, burst: 10_000 };

beforeAll(async () => {
  cluster = await startPgCluster();
  env = { DATABASE_URL: await cluster.createDatabase('retention') };
  // The hub's own timer runs once at start (nothing to purge yet) and not again during these tests.
  hub = await startHub({ databaseUrl: env.DATABASE_URL, port: 0, keyLimit: generous, deviceLimit: generous, purgeEveryMs: 24 * 3_600_000 });
});
afterAll(async () => {
  await hub?.close();
  cluster?.destroy();
});

const cli = (...args: string[]) => runCliCaptured(env, ...args);

async function deliver(d: TestDevice, key: string, n: number, ago: number, over: Parameters<TestDevice['write']>[1] = {}) {
  const made = await d.write(n, { ...daysAgo(ago), ...over });
  const r = await send(hub, await d.request(made, key));
  expect(r.status).toBe(200);
  return made;
}

const seqsOf = async (d: TestDevice) =>
  (await hub.db.query<{ seq: number }>('select seq from entries where device_id = $1 order by seq', [d.id])).rows.map((r) => r.seq);
const count = async (sql: string, params: unknown[] = []) =>
  (await hub.db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params)).rows[0]!.n;
const viewer = (role: Viewer['role'], schoolId: number | null): Viewer => ({ accountId: 1, email: `${role}@x`, role, schoolId, schoolName: null, csrf: '' });

async function exportOf(v: Viewer, f: HubFilters): Promise<HubExport> {
  const { devs, starts } = await withScope(hub.db, v, async (tx) => ({ devs: await q.devices(tx, f, 48), starts: await q.exportStarts(tx, f) }));
  const byId = new Map(devs.map((d) => [d.id, d]));
  let text = '';
  for await (const c of jsonChunks(
    q.exportPages((fn) => withScope(hub.db, v, fn), f),
    { exportedAt: new Date().toISOString(), exportedBy: v.email, filters: f },
    (id) => byId.get(id),
    (id) => starts.get(id) ?? null,
  ))
    text += c;
  return parseHubExport(text);
}

describe('retention periods', () => {
  it('HUB_RETENTION_DAYS and the CLI take whole days from 30 to 3650; anything else is a clear error', async () => {
    expect(configFromEnv({}).retentionDays).toBe(365);
    expect(configFromEnv({ HUB_RETENTION_DAYS: '730' }).retentionDays).toBe(730);
    for (const bad of ['29', '3651', '12.5', 'a year', '-40']) {
      expect(() => configFromEnv({ HUB_RETENTION_DAYS: bad })).toThrow(`HUB_RETENTION_DAYS must be a whole number of days from 30 to 3650, not "${bad}"`);
    }
    expect(parseRetentionDays(' 30 ', 'x')).toBe(30);
    await createSchool(hub.db, 'Ash Infants');
    const r = await cli('school', 'retention', 'Ash Infants', '20');
    expect(r.code).toBe(1);
    expect(r.err).toContain('the retention period must be a whole number of days from 30 to 3650, not "20"');
    expect((await cli('school', 'retention', 'No Such School', '90')).err).toContain('no school "No Such School"');
    expect((await cli('school', 'retention', 'Ash Infants')).code).toBe(2);
    const ok = await cli('school', 'retention', 'Ash Infants', '90');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('kept 90 days');
    const listed = await cli('schools');
    expect(listed.out).toMatch(/Ash Infants {2}retention 90 days {2}devices 0/);
    expect((await cli('school', 'retention', 'Ash Infants', 'default')).code).toBe(0);
    expect((await cli('schools')).out).toMatch(/Ash Infants {2}retention 365 days \(hub default, HUB_RETENTION_DAYS\)/);
    const withEnv = await runCliCaptured({ ...env, HUB_RETENTION_DAYS: '400' }, 'schools');
    expect(withEnv.out).toMatch(/Ash Infants {2}retention 400 days \(hub default/);
    expect(withEnv.code).toBe(0);
    const audited = await hub.db.query<{ reason: string }>("select reason from audit where kind = 'cli' and reason like 'retention%' order by id");
    expect(audited.rows.map((x) => x.reason)).toEqual(['retention period set to 90 days', 'retention period set to the hub default']);
  });
});

describe('purge', () => {
  let oak: { id: number; key: string };
  let elm: { id: number; key: string };
  let a: TestDevice; // old entries, a report among them, then recent ones
  let b: TestDevice; // an old entry sent again with other contents (a conflict)
  let c: TestDevice; // a clock that ran backwards: a recent entry between old ones
  let gone: TestDevice; // every entry old
  let e: TestDevice; // Elm's: as old as Oak's, but Elm keeps 1000 days

  beforeAll(async () => {
    const o = await createSchool(hub.db, 'Oak Primary');
    const el = await createSchool(hub.db, 'Elm Academy');
    oak = { id: o.school.id, key: o.key };
    elm = { id: el.school.id, key: el.key };
    expect((await cli('school', 'retention', 'Oak Primary', '90')).code).toBe(0);
    expect((await cli('school', 'retention', 'Elm Academy', '1000')).code).toBe(0);
    [a, b, c, gone, e] = (await Promise.all(['Oak A', 'Oak B', 'Oak C', 'Oak gone', 'Elm E'].map((label) => makeTestDevice({ label })))) as [
      TestDevice,
      TestDevice,
      TestDevice,
      TestDevice,
      TestDevice,
    ];
    await deliver(a, oak.key, 5, 200);
    const [report] = await deliver(a, oak.key, 1, 120, {
      event: 'report',
      text: 'Someone keeps messaging me',
      person: 'Mrs Khan',
      networkId: null,
      networkName: null,
      host: null,
      path: null,
    });
    await deliver(a, oak.key, 3, 10);
    const set = await withScope(hub.db, viewer('trust-dsl', null), (tx) =>
      q.setReportState(tx, a.id, report!.seq, 'handled', 'spoke to her', 'dsl@oak.example'),
    );
    expect(set).toBe(true);

    await deliver(b, oak.key, 3, 200);
    await deliver(b, oak.key, 2, 5);
    const edited = await makeTestDevice();
    Object.assign(edited, { id: b.id, keys: b.keys, publicKey: b.publicKey, label: b.label });
    const rebuilt = await edited.write(2, { ...daysAgo(200), path: '/changed' });
    expect((await send(hub, await edited.request(rebuilt, oak.key))).body.hallpass).toMatchObject({ conflicts: 2 });

    await deliver(c, oak.key, 2, 200);
    await deliver(c, oak.key, 1, 1);
    await deliver(c, oak.key, 2, 150);

    await deliver(gone, oak.key, 4, 300);
    await deliver(e, elm.key, 4, 200);
    await deliver(e, elm.key, 1, 3);
  });

  it('a dry run lists what would go and changes nothing', async () => {
    const before = await hub.db.query('select device_id, seq, hash from entries order by device_id, seq');
    const trailBefore = await count('select 1 from access_trail');
    const auditBefore = await count('select 1 from audit');
    const r = await cli('purge', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Oak Primary: retention 90 days');
    expect(r.out).toContain('would purge 15 entries');
    expect(r.out).toMatch(new RegExp(`${a.id} {2}Oak A {2}6 \\(entries 1 to 6\\)`));
    expect(r.out).toMatch(new RegExp(`${c.id} {2}Oak C {2}2 \\(entries 1 to 2\\)`));
    expect(r.out).toContain('Elm Academy: retention 1000 days');
    expect(r.out).toContain('would purge 0 entries');
    expect(r.out).toContain('Dry run: nothing was deleted.');
    expect((await hub.db.query('select device_id, seq, hash from entries order by device_id, seq')).rows).toEqual(before.rows);
    expect(await count('select 1 from access_trail')).toBe(trailBefore);
    expect(await count('select 1 from audit')).toBe(auditBefore);
    expect(await count('select 1 from devices where purged_seq is not null')).toBe(0);
  });

  it('removes exactly the old entries of that school, a prefix of each chain, and what refers to them; the other school keeps its own', async () => {
    const planned = await planPurge(hub.db, { defaultDays: 365 });
    // Small batches, so the walk through the (school_id, at) index takes several steps.
    const done = await purge(hub.db, { defaultDays: 365, batchSize: 2, by: 'cli' });
    const shape = (x: typeof done) =>
      x.map((s) => ({ school: s.school, total: s.total, devices: s.devices.map((d) => [d.label, d.fromSeq, d.toSeq, d.entries]) }));
    expect(shape(done)).toEqual(shape(planned));
    const oakDone = done.find((s) => s.school === 'Oak Primary')!;
    expect(oakDone.devices.map((d) => [d.label, d.fromSeq, d.toSeq, d.entries])).toEqual([
      ['Oak A', 1, 6, 6],
      ['Oak B', 1, 3, 3],
      ['Oak C', 1, 2, 2],
      ['Oak gone', 1, 4, 4],
    ]);
    expect(oakDone.cutoff.getTime()).toBeLessThan(Date.now() - 89 * 86_400_000);

    expect(await seqsOf(a)).toEqual([7, 8, 9]);
    expect(await seqsOf(b)).toEqual([4, 5]);
    expect(await seqsOf(c)).toEqual([3, 4, 5]); // 4 and 5 are old but wait behind the recent 3
    expect(await seqsOf(gone)).toEqual([]);
    expect(await seqsOf(e)).toEqual([1, 2, 3, 4, 5]);
    expect(await count('select 1 from entries where school_id = $1', [elm.id])).toBe(5);
    expect(await count('select 1 from report_states where device_id = $1', [a.id])).toBe(0);
    expect(await count('select 1 from report_history where device_id = $1', [a.id])).toBe(0);
    expect(await count('select 1 from conflicts where device_id = $1', [b.id])).toBe(0);

    const dev = async (d: TestDevice) =>
      (
        await hub.db.query<{
          purged_seq: number | null;
          purged_hash: string | null;
          purged_count: number;
          entries_count: number;
          chain_state: string;
          last_seq: number;
          last_hash: string;
        }>('select purged_seq, purged_hash, purged_count, entries_count, chain_state, last_seq, last_hash from devices where id = $1', [d.id])
      ).rows[0]!;
    expect(await dev(a)).toMatchObject({ purged_seq: 6, purged_hash: a.entries[5]!.hash, purged_count: 6, entries_count: 3, chain_state: 'intact' });
    expect(await dev(gone)).toMatchObject({
      purged_seq: 4,
      purged_hash: gone.entries[3]!.hash,
      entries_count: 0,
      last_seq: 4,
      last_hash: gone.entries[3]!.hash,
    });
    expect(await dev(e)).toMatchObject({ purged_seq: null, purged_count: 0, entries_count: 5 });
    expect((await cli('schools')).out).toMatch(/Oak Primary {2}retention 90 days {2}devices 4 {2}entries 8 {2}purged so far 15/);
  });

  it('the Devices page and the CLI still say intact; the JSON export starts at the horizon and verifies', async () => {
    const trust = viewer('trust-dsl', null);
    const devs = await withScope(hub.db, trust, (tx) => q.devices(tx, { school: oak.id }, 48));
    for (const d of [a, c, gone]) expect(chainText(devs.find((x) => x.id === d.id)!)).toBe('intact');
    const listed = await cli('devices', '--school', 'Oak Primary');
    expect(listed.out).toMatch(new RegExp(`${a.id} .*entries 3 \\(to #9; #1 to #6 purged\\)`));

    const exp = await exportOf(viewer('school-dsl', oak.id), {});
    const ea = exp.devices.find((d) => d.id === a.id)!;
    expect(ea.start).toEqual({ seq: 7, prevHash: a.entries[5]!.hash });
    expect(ea.entries.map((x) => x.seq)).toEqual([7, 8, 9]);
    const verdict = await verifyHubExport(exp);
    expect(verdict.devices.find((d) => d.id === a.id)!.ok).toBe(true);
    expect(verdict.devices.find((d) => d.id === c.id)!.ok).toBe(true);
    expect(verdict.devices.find((d) => d.id === a.id)!.summary).toMatch(/^Intact: 3 entries \(seq 7 to 9\) verified\./);
    // The horizon is checked, not taken on trust: a copy claiming another one does not verify.
    const forged = structuredClone(exp);
    forged.devices.find((d) => d.id === a.id)!.start = { seq: 7, prevHash: 'f'.repeat(64) };
    expect((await verifyHubExport(forged)).devices.find((d) => d.id === a.id)!.ok).toBe(false);
    // And an export that drops the first entry after the horizon does not verify either.
    const cut = structuredClone(exp);
    cut.devices.find((d) => d.id === a.id)!.entries.shift();
    expect((await verifyHubExport(cut)).devices.find((d) => d.id === a.id)!.ok).toBe(false);
  });

  it('a late re-send of purged entries is not stored again and is recorded; the chain carries on from the head', async () => {
    const r = await send(hub, await a.request(a.entries.slice(3, 7), oak.key)); // seqs 4..7: 4-6 purged, 7 held
    expect(r.status).toBe(200);
    expect(r.body.hallpass).toEqual({ stored: 0, duplicates: 1, conflicts: 0, purged: 3 });
    expect(await seqsOf(a)).toEqual([7, 8, 9]);
    const rec = await hub.db.query<{ reason: string; detail: { seqs: number[]; purgedSeq: number } }>(
      "select reason, detail from audit where kind = 'purged-resend' and device_id = $1",
      [a.id],
    );
    expect(rec.rows).toEqual([
      { reason: '3 entries sent again after retention purged them: not stored again', detail: { seqs: [4, 5, 6], count: 3, purgedSeq: 6 } },
    ]);

    // A device whose every entry was purged carries on from its head.
    const next = await gone.write(1, daysAgo(0));
    expect((await send(hub, await gone.request(next, oak.key))).body.hallpass).toMatchObject({ stored: 1 });
    const g = (await hub.db.query<{ link: string }>('select link from entries where device_id = $1 and seq = 5', [gone.id])).rows[0]!;
    expect(g.link).toBe('ok');
    const states = await hub.db.query<{ id: string; chain_state: string }>('select id, chain_state from devices where id = any($1::uuid[])', [[a.id, gone.id]]);
    expect(states.rows.every((x) => x.chain_state === 'intact')).toBe(true);
    const verdict = await verifyHubExport(await exportOf(viewer('trust-dsl', null), { device: gone.id }));
    expect(verdict.ok).toBe(true);
  });

  it('each purge is in the audit per device and in the access trail the trust DSL reads; a purge with nothing to do records nothing', async () => {
    const aud = await hub.db.query<{ device_id: string; reason: string; detail: Record<string, unknown> }>(
      "select device_id, reason, detail from audit where kind = 'retention' and device_id = $1",
      [a.id],
    );
    expect(aud.rows).toHaveLength(1);
    expect(aud.rows[0]!.reason).toBe('retention: 6 entries older than 90 days purged (entries 1 to 6)');
    expect(aud.rows[0]!.detail).toMatchObject({ by: 'cli', retentionDays: 90, fromSeq: 1, toSeq: 6, entries: 6 });

    const trail = await withScope(hub.db, viewer('trust-dsl', null), (tx) => readTrail(tx));
    const purges = trail.filter((t) => t.action === 'retention-purge');
    expect(purges).toHaveLength(1);
    expect(purges[0]).toMatchObject({ email: 'retention', role: 'hub', school: 'Oak Primary', rows: 15 });
    const filter = purges[0]!.filter as { cutoff: string; retentionDays: number; devices: { device: string; entries: number }[] };
    expect(filter.retentionDays).toBe(90);
    expect(Date.parse(filter.cutoff)).toBeLessThan(Date.now() - 89 * 86_400_000);
    expect(filter.devices.find((d) => d.device === a.id)!.entries).toBe(6);
    // A school DSL does not read the trail (row security).
    expect(await withScope(hub.db, viewer('school-dsl', oak.id), (tx) => readTrail(tx))).toEqual([]);

    const again = await cli('purge', '--school', 'Oak Primary');
    expect(again.code).toBe(0);
    expect(again.out).toContain('purged 0 entries');
    expect((await withScope(hub.db, viewer('trust-dsl', null), (tx) => readTrail(tx))).filter((t) => t.action === 'retention-purge')).toHaveLength(1);
  });

  it('the CLI purge deletes, names the school and cut-off, and refuses an unknown school', async () => {
    const pine = await createSchool(hub.db, 'Pine Juniors');
    const p = await makeTestDevice({ label: 'Pine 1' });
    await deliver(p, pine.key, 3, 500);
    await deliver(p, pine.key, 1, 2);
    const r = await cli('purge', '--school', 'Pine Juniors');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Pine Juniors: retention 365 days, cut-off \d{4}-\d\d-\d\dT[\d:.]+Z: purged 3 entries\n/);
    expect(r.out).not.toContain('Oak Primary');
    expect(await seqsOf(p)).toEqual([4]);
    expect((await cli('purge', '--school', 'Nowhere')).err).toContain('no school "Nowhere"');
    expect((await cli('purge', '--everything')).code).toBe(2);
  });

  it("the pages role cannot delete anything or move a horizon, whatever its scope; only the owner's purge deletes", async () => {
    for (const scope of ['trust', 'school']) {
      for (const sql of [
        'delete from entries',
        'delete from conflicts',
        'update devices set purged_seq = 1, purged_hash = last_hash',
        'delete from access_trail',
        'delete from audit',
      ]) {
        await expect(
          hub.db.transaction(async (tx) => {
            await tx.query('set local role hallpass_pages');
            await tx.query("select set_config('hallpass.scope', $1, true), set_config('hallpass.school_id', $2, true)", [scope, String(oak.id)]);
            await tx.query(sql);
          }),
        ).rejects.toThrow(/permission denied/);
      }
    }
    expect(await count('select 1 from entries where school_id = $1', [elm.id])).toBe(5);
    expect(await count('select 1 from entries where school_id = $1', [oak.id])).toBe(9);
    expect(await count('select 1 from devices where purged_seq is not null and school_id = $1', [oak.id])).toBe(4);
  });
});

describe('the hub purges on its own', () => {
  it('on its timer, with HUB_RETENTION_DAYS for schools without their own period', async () => {
    const s = await createSchool(hub.db, 'Willow Primary');
    const d = await makeTestDevice({ label: 'Willow 1' });
    await deliver(d, s.key, 2, 45);
    await deliver(d, s.key, 1, 0);
    const timed = await startHub({ databaseUrl: env.DATABASE_URL, port: 0, retentionDays: 30, purgeEveryMs: 200 });
    try {
      const deadline = Date.now() + 60_000;
      while ((await seqsOf(d)).length > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await seqsOf(d)).toEqual([3]);
      const aud = await hub.db.query<{ detail: { by: string; retentionDays: number } }>(
        "select detail from audit where kind = 'retention' and device_id = $1",
        [d.id],
      );
      expect(aud.rows.map((r) => [r.detail.by, r.detail.retentionDays])).toEqual([['timer', 30]]);
    } finally {
      await timed.close();
    }
  });
});
