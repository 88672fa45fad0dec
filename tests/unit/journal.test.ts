import 'fake-indexeddb/auto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { HallPassDb } from '../../utils/journal/db';
import { Journal } from '../../utils/journal/journal';
import { STORED } from '../../utils/stored-state';
import { verifyChain } from '../../utils/core/log/chain';
import { matchesFilters } from '../../utils/core/log/filters';
import { LOG_EVENTS, type LogEntry, type LogFilters, type NewLogEvent } from '../../utils/core/log/types';
import { FakeKv } from '../fakes/ports';
import { newEvent } from '../fakes/log-entries';
import { DAY, HOUR, MINUTE, SECOND, utc } from '../helpers/time';

const HEAD_KEY = STORED.logHead.key;

const OPTS = { indexedDB, IDBKeyRange };
// Tuesday 24 November 2026, 09:00 UTC (= London time in winter).
const T0 = utc(2026, 11, 24, 9);

function ev(i: number, over: Partial<NewLogEvent> = {}): NewLogEvent {
  return newEvent({ at: T0 + i * MINUTE, user: `pupil${i % 3}@example.sch.uk`, url: `https://www.tiktok.com/v/${i}?utm=1`, text: `#${i}`, ...over });
}

const open: HallPassDb[] = [];
let counter = 0;

function setup(name = `journal-test-${++counter}`) {
  const db = new HallPassDb(name, OPTS);
  open.push(db);
  const kv = new FakeKv();
  return { db, kv, journal: new Journal(db, kv), name };
}

afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

/** Chains many events in one drain (much faster than appending one by one). */
async function fill(db: HallPassDb, journal: Journal, events: NewLogEvent[]) {
  await db.inbox.bulkAdd(events.map((e) => ({ ev: e, recordFullUrl: false })));
  await journal.drain();
}

const allEntries = (db: HallPassDb) => db.entries.orderBy('seq').toArray();
const problemKinds = async (j: Journal) => (await j.verify()).problems.map((p) => [p.kind, p.seq]);

describe('Journal.append', () => {
  it('lands 1,000 concurrent appends once each, contiguous and verifiable', async () => {
    const { db, kv, journal } = setup();
    await Promise.all(Array.from({ length: 1000 }, (_, i) => journal.append(ev(i), false)));
    const entries = await allEntries(db);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.text)).size).toBe(1000);
    expect(await db.inbox.count()).toBe(0);
    expect(await kv.get(HEAD_KEY)).toEqual({ seq: 1000, hash: entries[999]!.hash });
    const report = await journal.verify();
    expect(report).toMatchObject({ ok: true, checked: 1000, firstSeq: 1, lastSeq: 1000 });
  });

  it('keeps the order of sequential appends and minimises addresses per the policy at the time', async () => {
    const { db, journal } = setup();
    await journal.append(ev(1, { url: 'https://u:p@www.TikTok.com/a?secret=1#f' }), false);
    await journal.append(ev(2, { url: 'https://www.tiktok.com/b?q=1#g' }), true);
    const [a, b] = await allEntries(db);
    expect([a!.text, a!.host, a!.path, a!.query, a!.fragment]).toEqual(['#1', 'www.tiktok.com', '/a', null, null]);
    expect([b!.text, b!.path, b!.query, b!.fragment]).toEqual(['#2', '/b', '?q=1', '#g']);
  });

  it('resolves once the event is stored even if chaining fails, so a retrying caller cannot log it twice', async () => {
    const { db, journal } = setup();
    // Chaining commits by deleting from the inbox; make that fail.
    const diskTrouble = () => {
      throw new Error('disk trouble');
    };
    db.inbox.hook('deleting', diskTrouble);
    await expect(journal.append(ev(1), false)).resolves.toBeUndefined();
    expect(await db.inbox.count()).toBe(1);
    expect(await db.entries.count()).toBe(0);
    db.inbox.hook('deleting').unsubscribe(diskTrouble);
    expect(await journal.drain()).toBe(1);
    expect(await journal.drain()).toBe(0);
    expect((await allEntries(db)).map((e) => e.text)).toEqual(['#1']);
  });

  it('rejects when the event cannot be stored at all', async () => {
    const { db, journal } = setup();
    db.close();
    await expect(journal.append(ev(1), false)).rejects.toThrow();
  });

  it('refuses an event without a valid time before storing it', async () => {
    const { db, journal } = setup();
    await expect(journal.append(ev(1, { at: Number.NaN }), false)).rejects.toThrow(RangeError);
    expect(await db.inbox.count()).toBe(0);
  });

  it('keeps the full address out of the inbox unless the policy records it', async () => {
    const db = setup().db;
    // The drain starts by reading the head: holding that back leaves the event in the inbox to inspect.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const kv = new FakeKv();
    const get = kv.get.bind(kv);
    kv.get = async <T>(key: string) => (await gate, get<T>(key));
    const journal = new Journal(db, kv);
    const pending = journal.append(ev(1, { url: 'https://user:pw@www.tiktok.com/a?token=secret#f' }), false);
    await new Promise((r) => setTimeout(r, 20));
    expect((await db.inbox.toArray())[0]?.ev.url).toBe('https://www.tiktok.com/a');
    release();
    await pending;
    expect(await db.inbox.count()).toBe(0);
  });
});

describe('Journal.drain after a crash', () => {
  it('chains events left in the inbox exactly once', async () => {
    const { db, kv, journal } = setup();
    await journal.append(ev(1), false);
    // The worker was stopped after writing to the inbox, before chaining.
    await db.inbox.bulkAdd([
      { ev: ev(2), recordFullUrl: false },
      { ev: ev(3), recordFullUrl: true },
    ]);
    const restarted = new Journal(db, kv);
    expect(await restarted.drain()).toBe(2);
    expect(await restarted.drain()).toBe(0);
    const entries = await allEntries(db);
    expect(entries.map((e) => [e.seq, e.text])).toEqual([
      [1, '#1'],
      [2, '#2'],
      [3, '#3'],
    ]);
    expect(entries[2]!.query).toBe('?utm=1');
    expect((await restarted.verify()).ok).toBe(true);
  });

  it('catches the head up when the worker stopped between commit and head write', async () => {
    const { db, kv, journal } = setup();
    await fill(db, journal, [ev(1), ev(2), ev(3)]);
    const first = (await db.entries.get(1))!;
    await kv.set(HEAD_KEY, { seq: 1, hash: first.hash });
    expect((await journal.verify()).ok).toBe(true);
    await new Journal(db, kv).drain();
    expect(await kv.get(HEAD_KEY)).toMatchObject({ seq: 3 });
  });

  it('never forks when two journals drain the same database at once', async () => {
    const a = setup();
    const otherConnection = new HallPassDb(a.name, OPTS);
    open.push(otherConnection);
    const b = new Journal(otherConnection, a.kv);
    await a.db.inbox.bulkAdd(Array.from({ length: 1200 }, (_, i) => ({ ev: ev(i), recordFullUrl: false })));
    const [na, nb] = await Promise.all([a.journal.drain(), b.drain()]);
    expect(na + nb).toBe(1200);
    const entries = await allEntries(a.db);
    expect(entries).toHaveLength(1200);
    expect(new Set(entries.map((e) => e.text)).size).toBe(1200);
    expect((await a.journal.verify()).ok).toBe(true);
  });
});

describe('Journal.verify after tampering through the database', () => {
  async function tenEntries() {
    const s = setup();
    await fill(
      s.db,
      s.journal,
      Array.from({ length: 10 }, (_, i) => ev(i + 1)),
    );
    expect((await s.journal.verify()).ok).toBe(true);
    return s;
  }

  it('an edited field', async () => {
    const { db, journal } = await tenEntries();
    await db.entries.update(5, { user: 'someone-else@example.sch.uk' });
    expect(await problemKinds(journal)).toEqual([['edited', 5]]);
    expect((await journal.verify()).summary).toBe('Broken at entry 5: its contents were changed after it was written.');
  });

  it('a deleted entry', async () => {
    const { db, journal } = await tenEntries();
    await db.entries.delete(5);
    expect(await problemKinds(journal)).toEqual([['gap', 6]]);
  });

  it('the newest entries deleted, even after more are appended', async () => {
    const { db, journal } = await tenEntries();
    await db.entries.bulkDelete([9, 10]);
    expect(await problemKinds(journal)).toEqual([['truncated', 8]]);
    // New entries reuse seqs 9 and 10, but the head still remembers what entry 10 was.
    await journal.append(ev(20), false);
    await journal.append(ev(21), false);
    await journal.append(ev(22), false);
    expect(await problemKinds(journal)).toEqual([['truncated', 10]]);
  });

  it('two entries swapped', async () => {
    const { db, journal } = await tenEntries();
    const [e3, e4] = [(await db.entries.get(3))!, (await db.entries.get(4))!];
    await db.entries.bulkPut([
      { ...e4, seq: 3 },
      { ...e3, seq: 4 },
    ]);
    expect(await problemKinds(journal)).toEqual([
      ['edited', 3],
      ['broken-link', 3],
      ['edited', 4],
      ['broken-link', 4],
      ['broken-link', 5],
    ]);
  });
});

describe('Journal.purge', () => {
  it('removes the oldest entries behind a checkpoint, and the chain still verifies', async () => {
    const { db, kv, journal } = setup();
    // One event a day for ten days.
    await fill(
      db,
      journal,
      Array.from({ length: 10 }, (_, i) => ev(0, { at: T0 + i * DAY, text: `day ${i}` })),
    );
    const now = T0 + 10 * DAY;
    expect(await journal.purge(now, 30)).toBeNull();

    const cp1 = await journal.purge(now, 7);
    const e = (await db.entries.toArray()).map((x) => x.seq);
    expect(e).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(cp1).toMatchObject({
      purgedCount: 3,
      firstSeq: 1,
      lastSeq: 3,
      fromAt: new Date(T0).toISOString(),
      toAt: new Date(T0 + 2 * DAY).toISOString(),
      at: new Date(now).toISOString(),
    });
    expect(cp1!.lastHash).toBe((await db.entries.get(4))!.prevHash);
    expect((await journal.verify()).ok).toBe(true);

    await journal.append(ev(0, { at: now }), false);
    const cp2 = await journal.purge(now + 2 * DAY, 7);
    expect(cp2).toMatchObject({ purgedCount: 2, firstSeq: 4, lastSeq: 5 });
    expect(await journal.checkpoints()).toEqual([cp1, cp2]);
    const report = await journal.verify();
    expect(report).toMatchObject({ ok: true, firstSeq: 6, lastSeq: 11, checked: 6 });
    expect(await kv.get(HEAD_KEY)).toMatchObject({ seq: 11 });
  });

  it('purges only a prefix of the chain', async () => {
    const { db, journal } = setup();
    // The clock went backwards for entry 3: it is old, but entry 2 is not.
    await fill(db, journal, [ev(0, { at: T0 }), ev(0, { at: T0 + 20 * DAY }), ev(0, { at: T0 }), ev(0, { at: T0 + 20 * DAY })]);
    expect(await journal.purge(T0 + 21 * DAY, 7)).toMatchObject({ purgedCount: 1, lastSeq: 1 });
    expect((await db.entries.toArray()).map((x) => x.seq)).toEqual([2, 3, 4]);
  });

  it('can empty the log, and new entries continue from the checkpoint', async () => {
    const { db, journal } = setup();
    await fill(db, journal, [ev(1), ev(2)]);
    expect(await journal.purge(T0 + 40 * DAY, 7)).toMatchObject({ purgedCount: 2, lastSeq: 2 });
    expect(await db.entries.count()).toBe(0);
    expect((await journal.verify()).ok).toBe(true);
    await journal.append(ev(3), false);
    expect((await db.entries.toArray()).map((x) => x.seq)).toEqual([3]);
    expect((await journal.verify()).ok).toBe(true);
  });

  it('makes deleting the oldest entries without a checkpoint detectable', async () => {
    const { db, journal } = setup();
    await fill(db, journal, [ev(1), ev(2), ev(3)]);
    await db.entries.delete(1);
    expect(await problemKinds(journal)).toEqual([['missing-start', 2]]);
  });
});

describe('Journal.query', () => {
  const USERS = ['a@example.sch.uk', 'b@example.sch.uk', 'c@example.sch.uk'];
  const NETS = ['tiktok', 'instagram', null];

  /** 300 events over 5 days of British Summer Time, so local dates differ from UTC dates late in the evening. */
  async function populated() {
    const s = setup();
    const base = Date.UTC(2026, 6, 1, 0, 30); // 01:30 BST on 1 July
    const events = Array.from({ length: 300 }, (_, i) =>
      ev(i, {
        // Every tenth event has a clock three hours slow, so time order and seq order differ.
        at: base + i * 23 * MINUTE + (i % 7) * SECOND - (i % 10 === 9 ? 3 * HOUR : 0),
        user: USERS[i % 3]!,
        role: i % 5 === 0 ? 'staff' : 'pupil',
        event: LOG_EVENTS[i % 4]!,
        networkId: NETS[i % 3]!,
        schoolTime: i % 2 === 0,
      }),
    );
    await fill(s.db, s.journal, events);
    return { ...s, all: await allEntries(s.db) };
  }

  const seqs = (es: LogEntry[]) => es.map((e) => e.seq);

  it('pages newest first by default, and oldest first when asked', async () => {
    const { journal } = await populated();
    const p1 = await journal.query({}, { offset: 0, limit: 50 });
    expect(p1.total).toBe(300);
    expect(seqs(p1.entries)).toEqual(Array.from({ length: 50 }, (_, i) => 300 - i));
    const p6 = await journal.query({}, { offset: 290, limit: 50 });
    expect(seqs(p6.entries)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const oldest = await journal.query({}, { offset: 10, limit: 3 }, 'oldest');
    expect(seqs(oldest.entries)).toEqual([11, 12, 13]);
  });

  const FILTERS: LogFilters[] = [
    { user: 'b@example.sch.uk' },
    { networkId: 'instagram' },
    { event: 'report' },
    { role: 'staff' },
    { schoolTime: false },
    { from: '2026-07-02' },
    { to: '2026-07-02' },
    { from: '2026-07-02', to: '2026-07-03' },
    { from: '2026-07-03', to: '2026-07-03', user: 'a@example.sch.uk' },
    { user: 'a@example.sch.uk', event: 'warned', schoolTime: true },
    { role: 'staff', networkId: 'tiktok', to: '2026-07-03' },
    { user: '', networkId: '' }, // a form's "any"
    { user: 'nobody@example.sch.uk' },
    { from: '2026-07-04', to: '2026-07-02' },
  ];

  it.each(FILTERS)('agrees with filtering every entry by hand: %o', async (filters) => {
    const { journal, all } = await populated();
    const expected = all.filter((e) => matchesFilters(e, filters)).reverse();
    for (const [offset, limit] of [
      [0, 50],
      [7, 5],
      [expected.length - 2, 10],
    ] as const) {
      const page = await journal.query(filters, { offset: Math.max(0, offset), limit });
      expect(page.total).toBe(expected.length);
      expect(seqs(page.entries)).toEqual(seqs(expected.slice(Math.max(0, offset), Math.max(0, offset) + limit)));
    }
    const exported = await journal.entriesFor(filters);
    expect(seqs(exported)).toEqual(seqs([...expected].reverse()));
    // A filtered export still verifies on its own.
    expect((await verifyChain(exported, { checkpoints: [], allowGaps: true })).ok).toBe(true);
  });

  it('pages deep into an unfiltered log the same way as near its ends', async () => {
    const { db, journal } = setup();
    await fill(
      db,
      journal,
      Array.from({ length: 2100 }, (_, i) => ev(i)),
    );
    await journal.purge(T0 + 7 * DAY + 10 * 60_000, 7); // seqs now start at 11
    const newest = await journal.query({}, { offset: 2050, limit: 50 });
    expect(newest.total).toBe(2090);
    expect(seqs(newest.entries)).toEqual(Array.from({ length: 40 }, (_, i) => 50 - i));
    const oldest = await journal.query({}, { offset: 2080, limit: 50 }, 'oldest');
    expect(seqs(oldest.entries)).toEqual(Array.from({ length: 10 }, (_, i) => 2091 + i));
  });

  it('compares dates in local time, not UTC', async () => {
    const { db, journal } = setup();
    // 23:30 UTC on 1 July is 00:30 on 2 July in London.
    await fill(db, journal, [ev(1, { at: Date.UTC(2026, 6, 1, 23, 30) }), ev(2, { at: Date.UTC(2026, 6, 1, 22, 30) })]);
    const page = await journal.query({ from: '2026-07-02', to: '2026-07-02' }, { offset: 0, limit: 10 });
    expect(page.entries.map((e) => e.localTime)).toEqual(['2026-07-02 00:30:00']);
  });

  it('refuses a malformed date', async () => {
    const { journal } = setup();
    await expect(journal.query({ from: '2/7/2026' }, { offset: 0, limit: 10 })).rejects.toThrow(RangeError);
  });
});

// Timings for the report; run with HALL_PASS_BENCH=1 npx vitest run tests/unit/journal.test.ts
describe.skipIf(!process.env.HALL_PASS_BENCH)('benchmarks (fake-indexeddb)', () => {
  const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const out = await fn();
    console.log(`${label}: ${(performance.now() - t).toFixed(0)} ms`);
    return out;
  };

  it('appends', async () => {
    const seq = setup();
    const t1 = performance.now();
    for (let i = 0; i < 1000; i++) await seq.journal.append(ev(i), false);
    console.log(`1,000 sequential appends: ${(1000 / ((performance.now() - t1) / 1000)).toFixed(0)}/s`);
    const con = setup();
    const t2 = performance.now();
    await Promise.all(Array.from({ length: 1000 }, (_, i) => con.journal.append(ev(i), false)));
    console.log(`1,000 concurrent appends: ${(1000 / ((performance.now() - t2) / 1000)).toFixed(0)}/s`);
  }, 120_000);

  it('query and verify over 100,000 entries', async () => {
    const { db, journal } = setup();
    const users = Array.from({ length: 200 }, (_, i) => `pupil${i}@example.sch.uk`);
    const events = Array.from({ length: 100_000 }, (_, i) =>
      ev(i, {
        at: T0 + i * 5 * 60_000,
        user: users[i % 200]!,
        event: LOG_EVENTS[i % 9]!,
        networkId: ['tiktok', 'instagram', 'snapchat'][i % 3]!,
        schoolTime: i % 4 !== 0,
      }),
    );
    await time('chain 100,000 via inbox + drain', () => fill(db, journal, events));
    const page = { offset: 0, limit: 50 };
    const cases: [string, LogFilters][] = [
      ['no filter', {}],
      ['user', { user: 'pupil7@example.sch.uk' }],
      ['networkId', { networkId: 'tiktok' }],
      ['networkId + event', { networkId: 'tiktok', event: 'blocked' }],
      ['one day', { from: '2026-12-10', to: '2026-12-10' }],
      ['user + week', { user: 'pupil7@example.sch.uk', from: '2026-12-10', to: '2026-12-16' }],
      ['schoolTime only (reads every entry)', { schoolTime: false }],
      ['networkId + schoolTime (reads a third)', { networkId: 'tiktok', schoolTime: false }],
    ];
    for (const [label, f] of cases) {
      const first = await time(`query ${label}: first page of 50`, () => journal.query(f, page));
      const deep = Math.max(0, first.total - 100);
      await time(`query ${label}: page at offset ${deep}`, () => journal.query(f, { offset: deep, limit: 50 }));
      expect(first.entries.length).toBe(Math.min(50, first.total));
      console.log(`  total ${first.total}`);
    }
    await time('entriesFor one week (export)', () => journal.entriesFor({ from: '2026-12-10', to: '2026-12-16' }));
    const report = await time('verify 100,000', () => journal.verify());
    expect(report.ok).toBe(true);
  }, 600_000);
});

describe('Journal and the hub outbox', () => {
  it('entriesAfter and countAfter read what follows a seq, oldest first', async () => {
    const { journal } = setup();
    for (let i = 0; i < 5; i++) await journal.append(ev(i), false);
    expect((await journal.entriesAfter(2, 2)).map((e) => e.seq)).toEqual([3, 4]);
    expect((await journal.entriesAfter(0, 100)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await journal.countAfter(2)).toBe(3);
    expect(await journal.countAfter(5)).toBe(0);
  });

  it.each([
    [Number.POSITIVE_INFINITY, [], 0],
    [3, [4, 5], 2],
    [0, [1, 2, 3, 4, 5], 5],
  ])('purge up to seq %d keeps %j, and counts %d held past retention', async (maxSeq, left, held) => {
    const { db, journal } = setup();
    for (let i = 0; i < 5; i++) await journal.append(ev(i), false);
    const later = Date.parse((await allEntries(db))[4]!.at) + 40 * DAY;
    await journal.purge(later, 30, maxSeq);
    expect((await allEntries(db)).map((e) => e.seq)).toEqual(left);
    expect((await journal.heldPastRetention(later, 30, Number.isFinite(maxSeq) ? maxSeq : 5)).count).toBe(held);
    expect((await journal.verify()).ok).toBe(true);
  });
});
