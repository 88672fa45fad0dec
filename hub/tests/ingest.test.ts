/**
 * Ingest against a real PostgreSQL 15 cluster started for this file: what is stored, what is
 * refused (and recorded), and how a device's chain is judged across batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createSchool, listDevices, revokeKey } from '../src/admin.ts';
import { canonicalJson } from '../../utils/core/log/chain.ts';
import { startHub, type Hub } from '../src/server.ts';
import { markSilentDevices } from '../src/silence.ts';
import { chainText } from '../src/dsl/pages/pages.tsx';
import * as q from '../src/dsl/queries.ts';
import { withScope } from '../src/dsl/scoped.ts';
import { makeKeyPair, makeTestDevice, sign, type TestDevice } from './support/device.ts';
import { send } from './support/http.ts';
import { startPgCluster, type PgCluster } from './support/pg-cluster.ts';

let cluster: PgCluster;
let hub: Hub;
let key: string;
let keyId: string;
let otherSchoolKey: string;

const generous = { perSecond: 10_000, burst: 10_000 };

beforeAll(async () => {
  cluster = await startPgCluster();
  hub = await startHub({ databaseUrl: cluster.url, port: 0, keyLimit: generous, deviceLimit: generous });
  ({ key, keyId } = await createSchool(hub.db, 'Oak Primary'));
  ({ key: otherSchoolKey } = await createSchool(hub.db, 'Elm Academy'));
});
afterAll(async () => {
  await hub?.close();
  cluster?.destroy();
});

const entriesOf = async (d: TestDevice) =>
  (
    await hub.db.query<{ seq: number; hash: string; link: string; conflict: boolean; body: string }>(
      'select seq, hash, link, conflict, body from entries where device_id = $1 order by seq',
      [d.id],
    )
  ).rows;
const deviceInfo = async (d: TestDevice) => (await listDevices(hub.db, { silentHours: 48 })).find((x) => x.id === d.id);
const auditOf = async (where: { kind?: string; deviceId?: string; keyId?: string }) =>
  (
    await hub.db.query<{ kind: string; status: number | null; reason: string; detail: Record<string, unknown> | null; key_id: string | null }>(
      'select kind, status, reason, detail, key_id from audit where ($1::text is null or kind = $1) and ($2::text is null or device_id = $2) and ($3::text is null or key_id = $3) order by id',
      [where.kind ?? null, where.deviceId ?? null, where.keyId ?? null],
    )
  ).rows;

/** A device that has already delivered `n` entries. */
async function deliveredDevice(n = 3): Promise<TestDevice> {
  const d = await makeTestDevice();
  const r = await send(hub, await d.request(await d.write(n), key));
  expect(r.status).toBe(200);
  return d;
}

describe('accepted batches', () => {
  it('stores every entry with its parsed fields, pins the device key, lists the device as new, and answers after commit', async () => {
    const d = await makeTestDevice({ label: 'Library PC 3' });
    const entries = await d.write(5, { event: 'warned', networkId: 'tiktok', networkName: 'TikTok', host: 'www.tiktok.com', schoolTime: false });
    const r = await send(hub, await d.request(entries, key, { waiting: 7 }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ partialSuccess: {}, hallpass: { stored: 5, duplicates: 0, conflicts: 0, purged: 0 } });

    const { rows } = await hub.db.query<Record<string, unknown>>('select * from entries where device_id = $1 order by seq', [d.id]);
    expect(rows.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
    const first = rows[0]!;
    const e = entries[0]!;
    expect(first).toMatchObject({
      body: canonicalJson(e),
      hash: e.hash,
      prev_hash: e.prevHash,
      user: e.user,
      role: 'pupil',
      event: 'warned',
      network_id: 'tiktok',
      network_name: 'TikTok',
      host: 'www.tiktok.com',
      path: e.path,
      school_time: false,
      local_time: e.localTime,
      timezone: 'Europe/London',
      device_label: 'ICT suite PC 12',
      link: 'start',
      conflict: false,
    });
    expect(first.at).toEqual(new Date(e.at));
    expect(rows.slice(1).every((x) => x.link === 'ok')).toBe(true);

    const info = await deviceInfo(d);
    expect(info).toMatchObject({
      label: 'Library PC 3',
      browser: 'chrome',
      version: '0.1.0',
      confirmed: false,
      state: 'intact',
      lastSeq: 5,
      entries: 5,
      waiting: 7,
      silent: false,
    });
    const pinned = await hub.db.query<{ public_key: string }>('select public_key from devices where id = $1', [d.id]);
    expect(pinned.rows[0]!.public_key).toBe(d.publicKey);
    expect((await auditOf({ kind: 'new-device', deviceId: d.id })).length).toBe(1);
  });

  it('a replayed batch is harmless: 200, counted as duplicates, nothing stored twice', async () => {
    const d = await makeTestDevice();
    const req = await d.request(await d.write(4), key);
    expect((await send(hub, req)).status).toBe(200);
    const again = await send(hub, req);
    expect(again.status).toBe(200);
    expect(again.body.hallpass).toEqual({ stored: 0, duplicates: 4, conflicts: 0, purged: 0 });
    expect((await entriesOf(d)).length).toBe(4);
    expect((await deviceInfo(d))!.state).toBe('intact');
  });

  it('batches that follow on keep the chain intact; intValue may be a JSON number', async () => {
    const d = await deliveredDevice(3);
    const req = await d.request(await d.write(3), key);
    const asNumbers = req.body.replace(/"intValue":"(\d+)"/g, '"intValue":$1');
    const r = await send(hub, { body: asNumbers, headers: { ...req.headers, 'x-hallpass-signature': await sign(d.keys, asNumbers) } });
    expect(r.status).toBe(200);
    expect((await entriesOf(d)).map((e) => `${e.seq}:${e.link}`)).toEqual(['1:start', '2:ok', '3:ok', '4:ok', '5:ok', '6:ok']);
    expect(await deviceInfo(d)).toMatchObject({ state: 'intact', lastSeq: 6 });
  });

  it('a heartbeat (no records) updates last seen and the waiting count, and stores no entry', async () => {
    const d = await deliveredDevice(2);
    await hub.db.query("update devices set last_seen = now() - interval '3 hours' where id = $1", [d.id]);
    const r = await send(hub, await d.request([], key, { waiting: 0 }));
    expect(r.status).toBe(200);
    expect(r.body.hallpass).toEqual({ stored: 0, duplicates: 0, conflicts: 0, purged: 0 });
    const info = (await deviceInfo(d))!;
    expect(Date.now() - info.lastSeen.getTime()).toBeLessThan(60_000);
    expect(info.entries).toBe(2);
  });

  it('a device that had purged old entries may start delivering after seq 1', async () => {
    const d = await makeTestDevice();
    const all = await d.write(10);
    const r = await send(hub, await d.request(all.slice(6), key));
    expect(r.status).toBe(200);
    expect((await entriesOf(d)).map((e) => `${e.seq}:${e.link}`)).toEqual(['7:start', '8:ok', '9:ok', '10:ok']);
    expect((await deviceInfo(d))!.state).toBe('intact');
  });
});

describe('concurrent requests for one device', () => {
  it('the same new batch sent 6 times at once: stored once, the rest duplicates, one device, one new-device record', async () => {
    const d = await makeTestDevice();
    const req = await d.request(await d.write(3), key);
    const results = await Promise.all(Array.from({ length: 6 }, () => send(hub, req)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const sums = results.reduce(
      (a, r) => {
        const h = r.body.hallpass as { stored: number; duplicates: number };
        return { stored: a.stored + h.stored, duplicates: a.duplicates + h.duplicates };
      },
      { stored: 0, duplicates: 0 },
    );
    expect(sums).toEqual({ stored: 3, duplicates: 15 });
    expect((await entriesOf(d)).map((e) => `${e.seq}:${e.link}`)).toEqual(['1:start', '2:ok', '3:ok']);
    expect(await deviceInfo(d)).toMatchObject({ state: 'intact', entries: 3, lastSeq: 3 });
    expect(await auditOf({ kind: 'new-device', deviceId: d.id })).toHaveLength(1);
    const { rows } = await hub.db.query<{ batches: number }>('select batches from devices where id = $1', [d.id]);
    expect(rows[0]!.batches).toBe(6);
  });

  it('consecutive batches sent at once are stored whole, each once, and the chain is judged on what arrived first', async () => {
    const d = await deliveredDevice(2);
    const [a, b] = [await d.request(await d.write(3), key), await d.request(await d.write(3), key)];
    const [ra, rb] = await Promise.all([send(hub, a), send(hub, b)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const rows = await entriesOf(d);
    expect(rows.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const links = rows.map((e) => e.link).join(',');
    // 3-5 first: every link ok. 6-8 first: 6 is a gap, and 3-5 came in behind it.
    expect(['start,ok,ok,ok,ok,ok,ok,ok', 'start,ok,backwards,backwards,backwards,gap,ok,ok']).toContain(links);
    expect((await deviceInfo(d))!.entries).toBe(8);
  });
});

describe('chain continuity across batches', () => {
  it('a gap is stored as it came, marked, and the device shows broken where it broke', async () => {
    const d = await deliveredDevice(3);
    const next = await d.write(4); // 4..7
    const r = await send(hub, await d.request(next.slice(2), key)); // 6, 7: 4 and 5 never sent
    expect(r.status).toBe(200);
    expect((await entriesOf(d)).map((e) => `${e.seq}:${e.link}`)).toEqual(['1:start', '2:ok', '3:ok', '6:gap', '7:ok']);
    expect(await deviceInfo(d)).toMatchObject({ state: 'broken', brokenAtSeq: 6, chainProblem: 'entries 4 to 5 never arrived' });
    expect((await auditOf({ kind: 'chain-broken', deviceId: d.id }))[0]!.reason).toBe('entries 4 to 5 never arrived');

    // the missing entries arriving late are stored too, marked as having come backwards
    expect((await send(hub, await d.request(next.slice(0, 2), key))).status).toBe(200);
    expect((await entriesOf(d)).map((e) => `${e.seq}:${e.link}`)).toEqual(['1:start', '2:ok', '3:ok', '4:backwards', '5:backwards', '6:gap', '7:ok']);
    expect(await deviceInfo(d)).toMatchObject({ state: 'broken', brokenAtSeq: 4, lastSeq: 7 });
  });

  it('a rewritten history (a new entry that does not follow the stored one) is stored and marked', async () => {
    const d = await deliveredDevice(3);
    // The device's log was wiped and rebuilt: entry 4 now chains onto a different entry 3.
    const forged = await makeTestDevice();
    Object.assign(forged, { id: d.id, keys: d.keys, publicKey: d.publicKey });
    await forged.write(3, { user: 'someone-else@school.example' });
    const four = await forged.write(1);
    const r = await send(hub, await forged.request(four, key));
    expect(r.status).toBe(200);
    const rows = await entriesOf(d);
    expect(rows.map((e) => `${e.seq}:${e.link}`)).toEqual(['1:start', '2:ok', '3:ok', '4:rewritten']);
    expect(rows[2]!.hash).toBe(d.entries[2]!.hash); // the hub's entry 3 is unchanged
    expect(await deviceInfo(d)).toMatchObject({ state: 'broken', brokenAtSeq: 4 });
  });

  it('different contents for a seq the hub holds: kept aside as a conflict, the stored entry untouched, 200', async () => {
    const d = await deliveredDevice(3);
    const edited = await makeTestDevice();
    Object.assign(edited, { id: d.id, keys: d.keys, publicKey: d.publicKey });
    const rebuilt = await edited.write(3, { host: 'www.instagram.com', networkId: 'instagram', networkName: 'Instagram' });
    const r = await send(hub, await edited.request(rebuilt, key));
    expect(r.status).toBe(200);
    expect(r.body.hallpass).toEqual({ stored: 0, duplicates: 0, conflicts: 3, purged: 0 });
    const rows = await entriesOf(d);
    expect(rows.map((e) => e.hash)).toEqual(d.entries.map((e) => e.hash));
    expect(rows.every((e) => e.conflict)).toBe(true);
    const conflicts = await hub.db.query<{ seq: number; hash: string; stored_hash: string }>(
      'select seq, hash, stored_hash from conflicts where device_id = $1 order by seq',
      [d.id],
    );
    expect(conflicts.rows.map((c) => [c.seq, c.hash, c.stored_hash])).toEqual(rebuilt.map((e, i) => [e.seq, e.hash, d.entries[i]!.hash]));
    expect(await deviceInfo(d)).toMatchObject({ state: 'broken', brokenAtSeq: 1, chainProblem: 'entry 1 was sent again with different contents' });
  });

  it('a sequence going backwards inside one batch is stored as it came and marked', async () => {
    const d = await deliveredDevice(2);
    const next = await d.write(3); // 3, 4, 5
    const r = await send(hub, await d.request([next[2]!, next[0]!, next[1]!], key));
    expect(r.status).toBe(200);
    expect((await entriesOf(d)).map((e) => `${e.seq}:${e.link}`)).toEqual(['1:start', '2:ok', '3:backwards', '4:backwards', '5:gap']);
    expect(await deviceInfo(d)).toMatchObject({ state: 'broken', brokenAtSeq: 3 });
  });
});

describe('refusals (nothing stored, each recorded)', () => {
  it('401 for no key, a malformed key, an unknown key and a wrong secret', async () => {
    const d = await makeTestDevice();
    const req = await d.request(await d.write(2), key);
    const wrongSecret = `hp_${keyId}_${'A'.repeat(43)}`;
    const cases: [string | null, RegExp][] = [
      [null, /ingest key is required/],
      ['Bearer nonsense', /not in the right form/],
      [`Bearer hp_0000000000000000_${'B'.repeat(43)}`, /unknown ingest key/],
      [`Bearer ${wrongSecret}`, /unknown ingest key/],
    ];
    for (const [auth, msg] of cases) {
      const r = await send(hub, req, { authorization: auth });
      expect(r.status, String(auth)).toBe(401);
      expect(r.body.error).toMatch(msg);
    }
    expect(await entriesOf(d)).toEqual([]);
    expect(await deviceInfo(d)).toBeUndefined();
    expect((await auditOf({ kind: 'refused', deviceId: d.id })).map((a) => a.status)).toEqual([401, 401, 401, 401]);
  });

  it('403 for a device id pinned to another key: refused, recorded as a key mismatch, the device listed so', async () => {
    const d = await deliveredDevice(2);
    const intruder = await makeKeyPair();
    const next = await d.write(1);
    const r = await send(hub, await d.request(next, key, { signWith: intruder.keys, publicKey: intruder.publicKey }));
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/pinned to another key/);
    expect((await entriesOf(d)).length).toBe(2);
    const a = await auditOf({ kind: 'key-mismatch', deviceId: d.id });
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ status: 403, key_id: keyId });
    expect(a[0]!.detail).toMatchObject({ presentedKey: intruder.publicKey });
    expect(await deviceInfo(d)).toMatchObject({ state: 'key-mismatch', keyMismatches: 1, chainState: 'intact' });
    // the real device carries on
    expect((await send(hub, await d.request(next, key))).status).toBe(200);
  });

  it('403 for a bad signature (the body changed after signing, or a signature from another key)', async () => {
    const d = await makeTestDevice();
    const req = await d.request(await d.write(2), key);
    const tampered = req.body.replace('pupil1@school.example', 'pupil9@school.example');
    const r1 = await send(hub, { body: tampered, headers: req.headers });
    expect(r1.status).toBe(400); // the hash no longer recomputes: caught before the signature
    const other = await makeKeyPair();
    const r2 = await send(hub, req, { 'x-hallpass-signature': await sign(other.keys, req.body) });
    expect(r2.status).toBe(403);
    expect(r2.body.error).toMatch(/bad signature/);
    const r3 = await send(hub, req, { 'x-hallpass-signature': 'not-a-signature' });
    expect(r3.status).toBe(403);
    expect(await deviceInfo(d)).toBeUndefined();
    expect((await auditOf({ kind: 'refused', deviceId: d.id })).map((a) => a.status)).toEqual([400, 403, 403]);
  });

  it("403 when another school's key is used for a known device", async () => {
    const d = await deliveredDevice(1);
    const r = await send(hub, await d.request(await d.write(1), otherSchoolKey));
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/another school/);
    expect((await entriesOf(d)).length).toBe(1);
    expect((await auditOf({ kind: 'refused', deviceId: d.id }))[0]!.status).toBe(403);
  });

  describe('400 naming the field', () => {
    const cases: [string, (body: string, d: TestDevice) => string, RegExp][] = [
      ['not JSON', () => '{"resourceLogs": [', /^body$/],
      ['no resourceLogs', () => '{}', /^resourceLogs$/],
      ['two devices in one request', (b) => JSON.stringify({ resourceLogs: [JSON.parse(b).resourceLogs[0], JSON.parse(b).resourceLogs[0]] }), /^resourceLogs$/],
      [
        'seq attribute disagrees with the body',
        (b) => b.replace('{"key":"hallpass.seq","value":{"intValue":"2"}}', '{"key":"hallpass.seq","value":{"intValue":"3"}}'),
        /logRecords\[1\]\.attributes\[0\]\.value/,
      ],
      [
        'seq of the wrong type',
        (b) => b.replace('{"key":"hallpass.seq","value":{"intValue":"1"}}', '{"key":"hallpass.seq","value":{"intValue":"one"}}'),
        /logRecords\[0\]\.attributes\[0\]\.value\.intValue/,
      ],
      [
        'event attribute disagrees',
        (b) => b.replace('"hallpass.event","value":{"stringValue":"blocked"}', '"hallpass.event","value":{"stringValue":"warned"}'),
        /attributes\[3\]\.value\.stringValue/,
      ],
      ['hash that does not recompute', (b, d) => b.replace(d.entries[0]!.hash, 'f'.repeat(64)), /logRecords\[0\]\.attributes\[1\]\.value\.stringValue/],
      ['body not canonical', (b) => b.replace('{\\"at\\":', '{ \\"at\\":'), /logRecords\[0\]\.body\.stringValue/],
      [
        'body field of the wrong type',
        (b) => b.replace(/\\"schoolTime\\":true/, '\\"schoolTime\\":\\"yes\\"'),
        /logRecords\[0\]\.body\.stringValue\.schoolTime/,
      ],
      ['event name not allowed', (b) => b.replace(/\\"event\\":\\"blocked\\"/, '\\"event\\":\\"DROP TABLE\\"'), /logRecords\[0\]\.body\.stringValue\.event/],
      ['device id attribute missing', (b) => b.replace(/\{"key":"hallpass\.device\.id","value":\{"stringValue":"[^"]+"\}\},/, ''), /hallpass\.device\.id/],
      [
        'policy problems not a JSON array',
        (b) => b.replace('"hallpass.policy.problems","value":{"stringValue":"[]"}', '"hallpass.policy.problems","value":{"stringValue":"oops"}'),
        /attributes\[8\]\.value\.stringValue/,
      ],
    ];
    for (const [title, mutate, field] of cases) {
      it(title, async () => {
        const d = await makeTestDevice();
        const req = await d.request(await d.write(2), key);
        const body = mutate(req.body, d);
        expect(body).not.toBe(req.body);
        const r = await send(hub, { body, headers: { ...req.headers, 'x-hallpass-signature': await sign(d.keys, body) } });
        expect(r.status).toBe(400);
        expect(String(r.body.field)).toMatch(field);
        expect(typeof r.body.error).toBe('string');
        expect(await deviceInfo(d)).toBeUndefined();
        const a = await auditOf({ kind: 'refused', deviceId: d.id });
        expect(a.map((x) => x.status)).toEqual([400]);
        expect(String(a[0]!.detail?.field)).toMatch(field);
      });
    }

    it('the device header missing or different from the body', async () => {
      const d = await makeTestDevice();
      const req = await d.request(await d.write(1), key);
      const r1 = await send(hub, req, { 'x-hallpass-device': null });
      expect([r1.status, r1.body.field]).toEqual([400, 'X-HallPass-Device']);
      const r2 = await send(hub, req, { 'x-hallpass-device': crypto.randomUUID() });
      expect([r2.status, r2.body.field]).toEqual([400, 'X-HallPass-Device']);
      const r3 = await send(hub, req, { 'x-hallpass-signature': null });
      expect([r3.status, r3.body.field]).toEqual([400, 'X-HallPass-Signature']);
      const r4 = await send(hub, req, { 'content-type': 'text/plain' });
      expect([r4.status, r4.body.field]).toEqual([400, 'Content-Type']);
      expect(await deviceInfo(d)).toBeUndefined();
    });
  });

  it('413 for a body over 1 MiB and for more than 500 records', async () => {
    const d = await makeTestDevice();
    const big = await d.request(await d.write(1, { text: 'x'.repeat(1024 * 1024) }), key);
    const r1 = await send(hub, big);
    expect(r1.status).toBe(413);
    const many = await makeTestDevice();
    const r2 = await send(hub, await many.request(await many.write(501), key));
    expect(r2.status).toBe(413);
    expect(r2.body.error).toMatch(/at most 500/);
    expect(await deviceInfo(d)).toBeUndefined();
    expect(await deviceInfo(many)).toBeUndefined();
    expect((await auditOf({ kind: 'refused', deviceId: many.id })).map((a) => a.status)).toEqual([413]);
    expect((await auditOf({ kind: 'refused', deviceId: d.id })).map((a) => a.status)).toEqual([413]);
  });
});

describe('rate limits', () => {
  it('429 with Retry-After per device; the refused batch is not stored, and is accepted after waiting as told', async () => {
    const limited = await startHub({ databaseUrl: cluster.url, port: 0, deviceLimit: { perSecond: 0.2, burst: 2 }, keyLimit: generous });
    try {
      const d = await makeTestDevice();
      const batches = [await d.request(await d.write(1), key), await d.request(await d.write(1), key), await d.request(await d.write(1), key)];
      expect((await send(limited, batches[0]!)).status).toBe(200);
      expect((await send(limited, batches[1]!)).status).toBe(200);
      const r = await send(limited, batches[2]!);
      expect(r.status).toBe(429);
      const wait = Number(r.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(r.body.error).toMatch(/this device/);
      expect((await entriesOf(d)).map((e) => e.seq)).toEqual([1, 2]);
      expect((await auditOf({ kind: 'refused', deviceId: d.id })).map((a) => a.status)).toEqual([429]);
      await new Promise((res) => setTimeout(res, wait * 1000 + 500));
      expect((await send(limited, batches[2]!)).status).toBe(200);
      expect((await entriesOf(d)).map((x) => x.seq)).toEqual([1, 2, 3]);
    } finally {
      await limited.close();
    }
  });

  it('429 with Retry-After per ingest key, across devices', async () => {
    const limited = await startHub({ databaseUrl: cluster.url, port: 0, deviceLimit: generous, keyLimit: { perSecond: 0.001, burst: 2 } });
    try {
      const { key: k, keyId: kid } = await createKey(limited.db, 'Elm Academy');
      const [a, b, c] = [await makeTestDevice(), await makeTestDevice(), await makeTestDevice()];
      expect((await send(limited, await a.request(await a.write(1), k))).status).toBe(200);
      expect((await send(limited, await b.request(await b.write(1), k))).status).toBe(200);
      const r = await send(limited, await c.request(await c.write(1), k));
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(r.body.error).toMatch(/ingest key/);
      expect(await deviceInfo(c)).toBeUndefined();
      expect((await auditOf({ kind: 'refused', keyId: kid })).map((x) => x.status)).toEqual([429]);
    } finally {
      await limited.close();
    }
  });
});

describe('silent devices', () => {
  it('a device not heard from for longer than HUB_SILENT_HOURS is reported silent and marked once in audit; its next request clears it', async () => {
    const d = await deliveredDevice(1);
    await hub.db.query("update devices set last_seen = now() - interval '49 hours' where id = $1", [d.id]);
    expect((await listDevices(hub.db, { silentHours: 48 })).find((x) => x.id === d.id)!.silent).toBe(true);
    expect((await listDevices(hub.db, { silentHours: 72 })).find((x) => x.id === d.id)!.silent).toBe(false);

    expect(await markSilentDevices(hub.db, 48)).toContain(d.id);
    expect(await markSilentDevices(hub.db, 48)).not.toContain(d.id); // marked once
    expect((await deviceInfo(d))!.silentSince).toBeInstanceOf(Date);
    expect((await auditOf({ kind: 'device-silent', deviceId: d.id }))[0]!.reason).toBe('no contact for longer than 48 hours');

    expect((await send(hub, await d.request([], key))).status).toBe(200); // a heartbeat
    const info = (await deviceInfo(d))!;
    expect([info.silent, info.silentSince]).toEqual([false, null]);
    expect(await auditOf({ kind: 'device-back', deviceId: d.id })).toHaveLength(1);
  });

  it("the Devices page and the CLI take the sweep's verdict (silent_since), whatever hours the reader uses, and count the days from the last contact", async () => {
    const d = await deliveredDevice(1);
    await hub.db.query("update devices set last_seen = now() - interval '3 days 1 hour' where id = $1", [d.id]);
    const trust = { role: 'trust-dsl' as const, schoolId: null };
    const page = async () => (await withScope(hub.db, trust, (tx) => q.devices(tx, { device: d.id }, 100)))[0]!;
    // 73 hours without contact, but the reader's threshold is 100 and no sweep has marked it: not silent.
    expect(chainText(await page())).toBe('intact');
    expect((await deviceInfo(d))!.silent).toBe(true); // the CLI's 48 hours: past the line, silent before the next sweep
    expect(await markSilentDevices(hub.db, 48)).toContain(d.id);
    // Marked by the sweep: silent on the page too, for the days since its last contact.
    expect(chainText(await page())).toBe('silent for 3 days');
    const listed = (await listDevices(hub.db, { silentHours: 100 })).find((x) => x.id === d.id)!;
    expect(listed.silent).toBe(true);
    const marked = (await hub.db.query<{ silent_since: Date }>('select silent_since from devices where id = $1', [d.id])).rows[0]!.silent_since;
    expect(listed.silentSince).toEqual(marked);
    expect((await send(hub, await d.request([], key))).status).toBe(200);
    expect((await page()).silentDays).toBeNull();
  });

  it('the running hub sweeps for silent devices on its own', async () => {
    const sweeping = await startHub({ databaseUrl: cluster.url, port: 0, silentHours: 1, silenceSweepMs: 200 });
    try {
      const d = await deliveredDevice(1);
      await hub.db.query("update devices set last_seen = now() - interval '2 hours' where id = $1", [d.id]);
      const deadline = Date.now() + 30_000;
      while (!(await auditOf({ kind: 'device-silent', deviceId: d.id })).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect((await auditOf({ kind: 'device-silent', deviceId: d.id }))[0]!.reason).toBe('no contact for longer than 1 hour');
    } finally {
      await sweeping.close();
    }
  });
});

describe('key rotation', () => {
  it('a new key for the school carries on the same device history; the revoked key is refused (401)', async () => {
    const d = await deliveredDevice(2);
    const fresh = await createKey(hub.db, 'Oak Primary');
    expect((await send(hub, await d.request(await d.write(2), fresh.key))).status).toBe(200);
    const old = await createKey(hub.db, 'Oak Primary');
    await revokeKey(hub.db, old.keyId);
    const r = await send(hub, await d.request(await d.write(1), old.key));
    expect(r.status).toBe(401);
    expect(r.body.error).toMatch(/revoked/);
    expect(await deviceInfo(d)).toMatchObject({ state: 'intact', lastSeq: 4, entries: 4 });
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${hub.url}/v1/logs`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-hallpass-device,x-hallpass-signature',
      },
    });

  it("answers the preflight for the extension's Chrome id and for any Firefox extension origin", async () => {
    for (const origin of ['chrome-extension://inmnplpadaapkkgaedkmndpllkelbben', 'moz-extension://3f1e2d4c-5b6a-4789-8abc-def012345678']) {
      const r = await preflight(origin);
      expect(r.status, origin).toBe(204);
      expect(r.headers.get('access-control-allow-origin')).toBe(origin);
      expect(r.headers.get('access-control-allow-methods')).toBe('POST');
      expect(r.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/).sort()).toEqual([
        'authorization',
        'content-type',
        'x-hallpass-device',
        'x-hallpass-signature',
      ]);
    }
  });

  it('refuses any other origin: no CORS headers, and a POST from it is refused and recorded', async () => {
    for (const origin of ['https://evil.example', 'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'null']) {
      const r = await preflight(origin);
      expect(r.status, origin).toBe(403);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
    }
    const d = await makeTestDevice();
    const r = await send(hub, await d.request(await d.write(1), key), { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(await deviceInfo(d)).toBeUndefined();
    expect((await auditOf({ kind: 'refused', deviceId: d.id }))[0]!.reason).toMatch(/origin https:\/\/evil.example is not allowed/);
  });

  it('a POST from the extension origin carries the CORS headers (Firefox reads the answer)', async () => {
    const d = await makeTestDevice();
    const origin = 'moz-extension://3f1e2d4c-5b6a-4789-8abc-def012345678';
    const r = await send(hub, await d.request(await d.write(1), key), { origin });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(origin);
    expect(r.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });
});

describe('the database down', () => {
  it('503 while PostgreSQL is stopped, nothing lost: the same batch is stored once it is back', async () => {
    const own = await startPgCluster();
    const h = await startHub({ databaseUrl: own.url, port: 0 });
    try {
      const { key: k } = await createSchool(h.db, 'Ash Infants');
      const d = await makeTestDevice();
      expect((await send(h, await d.request(await d.write(2), k))).status).toBe(200);
      const pending = await d.request(await d.write(3), k);
      own.stop();
      const r = await send(h, pending);
      expect(r.status).toBe(503);
      expect(r.body.error).toMatch(/database is unavailable/);
      expect(r.headers.get('retry-after')).toBeTruthy();
      const health = await fetch(`${h.url}/healthz`);
      expect(health.status).toBe(503);
      own.start();
      let ok = await send(h, pending);
      // a pooled connection may still report the restart once; the device would simply retry
      if (ok.status === 503) ok = await send(h, pending);
      expect(ok.status).toBe(200);
      expect(ok.body.hallpass).toEqual({ stored: 3, duplicates: 0, conflicts: 0, purged: 0 });
      const { rows } = await h.db.query<{ seq: number; link: string }>('select seq, link from entries where device_id = $1 order by seq', [d.id]);
      expect(rows.map((e) => `${e.seq}:${e.link}`)).toEqual(['1:start', '2:ok', '3:ok', '4:ok', '5:ok']);
    } finally {
      await h.close();
      own.destroy();
    }
  });
});
