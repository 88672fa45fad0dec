import 'fake-indexeddb/auto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { HallPassDb } from '../../utils/journal/db';
import { Journal } from '../../utils/journal/journal';
import { maintainLog, HELD_FOR_HUB_KEY } from '../../utils/journal/maintenance';
import { SafeJournal } from '../../utils/journal/safe-journal';
import { identitySource, loadOrCreateIdentity } from '../../utils/hub/identity';
import { DEBOUNCE_MS, notifyingJournal, Outbox, OUTBOX_KEY, readOutbox, type OutboxState } from '../../utils/hub/outbox';
import { HEARTBEAT_MS } from '../../utils/core/hub/outbox-plan';
import { parsePolicy } from '../../utils/core/policy';
import { verifySignature } from '../../utils/core/hub/signature';
import { STATUS_KEY } from '../../utils/status';
import type { NewLogEvent } from '../../utils/core/log/types';
import { FakeJournal, FakeKv } from '../fakes/ports';
import { FakeHub } from '../fakes/hub';
import { DAY, SECOND, TUESDAY_10AM as T0 } from '../helpers/time';
import { newEvent } from '../fakes/log-entries';

const OPTS = { indexedDB, IDBKeyRange };
const HUB = { url: 'https://hub.example.org', key: 'hk_test_1' };
let counter = 0;
const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await new Dexie(db.name, OPTS).delete();
  }
});

const event = (i: number): NewLogEvent => newEvent({ at: T0 + i * SECOND, device: 'ICT suite PC 12', url: `https://www.tiktok.com/@someone/${i}` });

function setup(opts: { policy?: unknown; clock?: { t: number } } = {}) {
  const name = `outbox-test-${++counter}`;
  const db = new HallPassDb(name, OPTS);
  opened.push(db);
  const local = new FakeKv();
  const journal = new Journal(db, local);
  const hub = new FakeHub();
  const clock = opts.clock ?? { t: T0 };
  const wakes: number[] = [];
  const timers: (() => void)[] = [];
  let parsed = parsePolicy(opts.policy ?? { hub: HUB, device: { label: 'ICT suite PC 12' }, school: { name: 'Ash Grove Academy' } });
  const make = () =>
    new Outbox({
      journal,
      identity: identitySource(db),
      local,
      transport: hub,
      policy: async () => parsed,
      version: '0.1.0',
      browser: 'chrome',
      wakeAt: (w) => void wakes.push(w),
      now: () => clock.t,
      random: () => 0.5,
      setTimer: (fn) => void timers.push(fn),
    });
  // Straight into the inbox and chained in one drain: what append does, in bulk.
  const write = async (from: number, n: number) => {
    await db.inbox.bulkAdd(Array.from({ length: n }, (_, i) => ({ ev: event(from + i), recordFullUrl: false })));
    await journal.drain();
  };
  return { db, local, journal, hub, clock, wakes, timers, make, write, setPolicy: (p: unknown) => (parsed = parsePolicy(p)) };
}

const state = (local: FakeKv) => readOutbox(local);

describe('outbox', { timeout: 30_000 }, () => {
  it('sends nothing, and keeps no state, when the policy has no hub', async () => {
    const s = setup({ policy: { role: 'pupil' } });
    await s.write(1, 3);
    await s.make().flush();
    expect(s.hub.received).toEqual([]);
    expect(s.local.data.has(OUTBOX_KEY)).toBe(false);
  });

  it('sends nothing when the hub setting is bad (a policy problem), and the log is kept', async () => {
    const s = setup({ policy: { hub: { url: 'http://hub.example.org', key: 'k' } } });
    await s.write(1, 2);
    await s.make().flush();
    expect(s.hub.received).toEqual([]);
    expect(await s.journal.countAfter(0)).toBe(2);
  });

  it('delivers 250 entries in order, in signed batches of at most 100, with the contract headers', async () => {
    const s = setup();
    await s.write(1, 250);
    const after = await s.make().flush();
    expect(s.hub.received.map((b) => [b.seqs[0], b.seqs.at(-1), b.seqs.length])).toEqual([
      [1, 100, 100],
      [101, 200, 100],
      [201, 250, 50],
    ]);
    expect([...s.hub.stored.keys()]).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    const id = await loadOrCreateIdentity(s.db);
    for (const b of s.hub.received) {
      expect(b.url).toBe('https://hub.example.org/v1/logs');
      expect(b.headers['Authorization']).toBe('Bearer hk_test_1');
      expect(b.headers['Content-Type']).toBe('application/json');
      expect(b.headers['X-HallPass-Device']).toBe(id.deviceId);
      expect(await verifySignature(id.publicKey, b.body, b.headers['X-HallPass-Signature']!)).toBe(true);
    }
    // What the device says is still waiting after each batch.
    const waiting = s.hub.received.map(
      (b) => JSON.parse(b.body).resourceLogs[0].resource.attributes.find((a: { key: string }) => a.key === 'hallpass.outbox.waiting').value.intValue,
    );
    expect(waiting).toEqual(['150', '50', '0']);
    expect(after).toMatchObject({
      url: HUB.url,
      cursor: 250,
      waiting: 0,
      failures: 0,
      lastDeliveryAt: T0,
      lastError: null,
      deviceId: id.deviceId,
      fingerprint: id.fingerprint,
    });
  });

  it('keeps the same device id and key across restarts', async () => {
    const s = setup();
    const a = await loadOrCreateIdentity(s.db);
    const again = new HallPassDb(s.db.name, OPTS);
    opened.push(again);
    const b = await loadOrCreateIdentity(again);
    expect(b.deviceId).toBe(a.deviceId);
    expect(b.publicKey).toBe(a.publicKey);
    expect(a.deviceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await s.db.identity.get('device'))!.privateKey.extractable).toBe(false);
  });

  it('two contexts starting at once end up with one identity', async () => {
    const s = setup();
    const other = new HallPassDb(s.db.name, OPTS);
    opened.push(other);
    const [a, b] = await Promise.all([loadOrCreateIdentity(s.db), loadOrCreateIdentity(other)]);
    expect(b.publicKey).toBe(a.publicKey);
    expect(await s.db.identity.count()).toBe(1);
  });

  it('while the hub is down it backs off, keeps every entry, and delivers them in order once it is back', async () => {
    const s = setup();
    s.hub.failures = ['offline', 'offline', 'offline'];
    await s.write(1, 5);
    const outbox = s.make();
    let st = await outbox.flush();
    expect(st).toMatchObject({ cursor: 0, failures: 1, waiting: 5, nextAttemptAt: T0 + 3_750 });
    expect(st.lastError?.message).toBe('cannot reach the hub: Failed to fetch');
    // The browser's own words are kept apart from the code, for the page to show as they are.
    expect(st.lastError?.error).toEqual({ code: 'unreachable', status: null, detail: 'Failed to fetch' });
    expect(s.wakes.at(-1)).toBe(T0 + 3_750);
    // Before the back-off ends, nothing is tried.
    await outbox.flush();
    expect((await state(s.local)).failures).toBe(1);
    s.clock.t += 3_750;
    st = await outbox.flush();
    expect(st).toMatchObject({ failures: 2, nextAttemptAt: s.clock.t + 7_500 });
    s.clock.t += 7_500;
    st = await outbox.flush();
    expect(st).toMatchObject({ failures: 3, nextAttemptAt: s.clock.t + 15_000 });
    await s.write(6, 3);
    s.clock.t += 15_000;
    st = await outbox.flush();
    expect(st).toMatchObject({ cursor: 8, failures: 0, waiting: 0, lastError: null, nextAttemptAt: null });
    expect(s.hub.received.map((b) => b.seqs)).toEqual([[1, 2, 3, 4, 5, 6, 7, 8]]);
  });

  it("honours Retry-After, and shows the hub's answer as the last error", async () => {
    const s = setup();
    s.hub.failures = [{ status: 429, body: '{"error":"too many requests"}', retryAfter: '600' }];
    await s.write(1, 1);
    const st = await s.make().flush();
    expect(st.nextAttemptAt).toBe(T0 + 600_000);
    expect(st.lastError).toEqual({
      at: T0,
      message: 'the hub asked this device to slow down: too many requests',
      error: { code: 'slow-down', status: 429, detail: 'too many requests' },
    });
  });

  it.each([
    [401, '{"error":"unknown ingest key"}', /does not know this ingest key/],
    [403, '{"error":"public key differs from the pinned key"}', /refused this device's signature or key/],
    [400, '{"error":"expected a string","field":"resourceLogs[0].scopeLogs[0].logRecords[0].body"}', /could not read the batch/],
  ])('a %i keeps the entries and retries slowly (an admin may fix it)', async (status, body, message) => {
    const s = setup();
    s.hub.failures = [{ status, body, retryAfter: null }];
    await s.write(1, 2);
    const outbox = s.make();
    let st = await outbox.flush();
    expect(st.cursor).toBe(0);
    expect(st.lastError?.message).toMatch(message);
    expect(st.nextAttemptAt! - T0).toBeGreaterThanOrEqual(15 * 60_000);
    s.clock.t = st.nextAttemptAt!;
    st = await outbox.flush();
    expect(st).toMatchObject({ cursor: 2, lastError: null });
  });

  it('a batch the hub stored but whose answer was lost is sent again: at-least-once, nothing skipped', async () => {
    const s = setup();
    s.hub.failures = ['lost-answer'];
    await s.write(1, 3);
    const outbox = s.make();
    expect((await outbox.flush()).cursor).toBe(0);
    s.clock.t += 60_000;
    expect((await outbox.flush()).cursor).toBe(3);
    expect(s.hub.received.map((b) => b.seqs)).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(s.hub.duplicates).toBe(3);
    expect(s.hub.stored.size).toBe(3);
  });

  it('a restarted worker carries on from the cursor', async () => {
    const s = setup();
    await s.write(1, 3);
    await s.make().flush();
    await s.write(4, 2);
    await s.make().flush();
    expect(s.hub.received.map((b) => b.seqs)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('a hole in the journal ends a batch; the next batch starts after it', async () => {
    const s = setup();
    await s.write(1, 6);
    await s.db.entries.bulkDelete([3, 4]);
    const st = await s.make().flush();
    expect(s.hub.received.map((b) => b.seqs)).toEqual([
      [1, 2],
      [5, 6],
    ]);
    expect(st.cursor).toBe(6);
  });

  it('sends a heartbeat (no records) when nothing was sent for the heartbeat time, and not before', async () => {
    const s = setup();
    await s.write(1, 1);
    const outbox = s.make();
    await outbox.flush();
    expect(s.wakes.at(-1)).toBe(T0 + HEARTBEAT_MS);
    s.clock.t += HEARTBEAT_MS - 1;
    await outbox.flush();
    expect(s.hub.received).toHaveLength(1);
    s.clock.t += 1;
    const st = await outbox.flush();
    expect(s.hub.received.map((b) => b.seqs)).toEqual([[1], []]);
    expect(st).toMatchObject({ lastContactAt: T0 + HEARTBEAT_MS, lastDeliveryAt: T0, cursor: 1 });
  });

  it('a different hub address starts again from the first entry', async () => {
    const s = setup();
    await s.write(1, 2);
    await s.make().flush();
    s.setPolicy({ hub: { url: 'https://new-hub.example.org/', key: 'k2' } });
    const st = await s.make().flush();
    expect(s.hub.received.map((b) => [b.url, b.seqs])).toEqual([
      ['https://hub.example.org/v1/logs', [1, 2]],
      ['https://new-hub.example.org/v1/logs', [1, 2]],
    ]);
    expect(st.url).toBe('https://new-hub.example.org');
  });

  it('a new key for the same hub keeps the cursor (key rotation resends nothing)', async () => {
    const s = setup();
    await s.write(1, 2);
    await s.make().flush();
    s.setPolicy({ hub: { ...HUB, key: 'hk_rotated' } });
    await s.write(3, 1);
    await s.make().flush();
    expect(s.hub.received.map((b) => [b.headers['Authorization'], b.seqs])).toEqual([
      ['Bearer hk_test_1', [1, 2]],
      ['Bearer hk_rotated', [3]],
    ]);
  });

  it('kick waits a moment so a burst goes as one batch', async () => {
    const s = setup();
    const outbox = s.make();
    const j = notifyingJournal(s.journal, () => outbox.kick());
    for (let i = 1; i <= 5; i++) await j.append(event(i), false);
    expect(s.timers).toHaveLength(1);
    expect(DEBOUNCE_MS).toBeLessThanOrEqual(5_000);
    s.timers[0]!();
    await outbox.flush();
    expect(s.hub.received.map((b) => b.seqs)).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('notifyingJournal tells the outbox only once the entry is stored', async () => {
    let told = 0;
    const failing = { append: async () => Promise.reject(new Error('QuotaExceededError')) };
    await expect(notifyingJournal(failing, () => (told += 1)).append(event(1), false)).rejects.toThrow();
    expect(told).toBe(0);
    const ok = new FakeJournal();
    await notifyingJournal(ok, () => (told += 1)).append(event(1), false);
    expect([told, ok.events.length]).toEqual([1, 1]);
  });
});

describe('retention with a hub', { timeout: 30_000 }, () => {
  async function aged(policy: unknown, acknowledged: number) {
    const s = setup({ policy });
    await s.write(1, 10);
    await s.local.set(STATUS_KEY, { parsed: parsePolicy(policy) });
    await s.local.set(OUTBOX_KEY, { url: HUB.url, cursor: acknowledged } satisfies Partial<OutboxState>);
    // 40 days later, with 30 days' retention: every entry is past it.
    await maintainLog(new SafeJournal(s.journal, s.local), s.journal, s.local, T0 + 40 * DAY);
    const left = await s.db.entries.orderBy('seq').primaryKeys();
    return { s, left };
  }

  it('never purges an entry the hub has not acknowledged, and says how many are held', async () => {
    const { s, left } = await aged({ hub: HUB, log: { retentionDays: 30 } }, 4);
    expect(left).toEqual([5, 6, 7, 8, 9, 10]);
    expect(await s.local.get(HELD_FOR_HUB_KEY)).toEqual({ count: 6, oldestAt: new Date(T0 + 5000).toISOString(), checkedAt: T0 + 40 * DAY });
    expect((await s.journal.verify()).ok).toBe(true);
  });

  it('purges what the hub has, and the held entries go at the next purge once acknowledged', async () => {
    const { s } = await aged({ hub: HUB, log: { retentionDays: 30 } }, 10);
    expect(await s.db.entries.count()).toBe(0);
    expect(await s.local.get(HELD_FOR_HUB_KEY)).toMatchObject({ count: 0 });
  });

  it('a mistyped hub still holds unacknowledged entries', async () => {
    const { left } = await aged({ hub: { url: 'http://hub.example.org', key: 'k' }, log: { retentionDays: 30 } }, 0);
    expect(left).toHaveLength(10);
  });

  it('without a hub, retention is as before', async () => {
    const { left } = await aged({ log: { retentionDays: 30 } }, 0);
    expect(left).toEqual([]);
  });

  it('a new hub address has acknowledged nothing yet', async () => {
    const { left } = await aged({ hub: { url: 'https://other.example.org', key: 'k' }, log: { retentionDays: 30 } }, 10);
    expect(left).toHaveLength(10);
  });
});
