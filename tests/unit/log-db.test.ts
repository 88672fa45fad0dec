import 'fake-indexeddb/auto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HallPassDb, LATEST_VERSION, SCHEMA_VERSIONS, declareSchema } from '../../utils/journal/db';
import { chainEntries } from '../../utils/core/log/chain';
import { GENESIS_HASH } from '../../utils/core/log/types';
import { entryData, newEvent } from '../fakes/log-entries';

const OPTS = { indexedDB, IDBKeyRange };

const EVENT = newEvent({
  event: 'warned',
  user: 'staff@example.sch.uk',
  role: 'staff',
  url: 'https://www.youtube.com/watch',
  networkId: 'youtube',
  networkName: 'YouTube',
});

/**
 * What a database written at each version holds, and what must be true of it once opened at the
 * latest version. A new schema version adds its row here (the first test fails until it does), and
 * its upgrade is then tested against the data every older version could have left behind.
 */
const FIXTURES: Record<number, { seed(db: Dexie): Promise<void>; check(db: HallPassDb): Promise<void> }> = {
  1: {
    async seed(db) {
      const entries = await chainEntries(GENESIS_HASH, [entryData(1), entryData(2, { user: 'other@example.sch.uk', event: 'report', text: 'help' })]);
      await db.table('entries').bulkAdd(entries);
      await db.table('inbox').add({ ev: EVENT, recordFullUrl: false });
      await db
        .table('checkpoints')
        .add({ at: '2026-11-25T00:00:00.000Z', purgedCount: 0, firstSeq: 0, lastSeq: 0, fromAt: '', toAt: '', lastHash: GENESIS_HASH });
    },
    async check(db) {
      const entries = await db.entries.orderBy('seq').toArray();
      expect(entries.map((e) => [e.seq, e.user, e.text])).toEqual([
        [1, 'pupil@example.sch.uk', null],
        [2, 'other@example.sch.uk', 'help'],
      ]);
      expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
      expect(await db.entries.where('user').equals('other@example.sch.uk').primaryKeys()).toEqual([2]);
      expect(await db.entries.where('event').equals('report').count()).toBe(1);
      expect(await db.entries.where('networkId').equals('tiktok').count()).toBe(2);
      expect(await db.entries.where('role').equals('pupil').count()).toBe(2);
      expect(await db.entries.where('at').above('2026-11-24T10:00:01.000Z').primaryKeys()).toEqual([2]);
      const inbox = await db.inbox.toArray();
      expect(inbox).toEqual([{ id: 1, ev: EVENT, recordFullUrl: false }]);
      expect(await db.checkpoints.where('lastSeq').equals(0).count()).toBe(1);
    },
  },
  2: {
    async seed(db) {
      await FIXTURES[1]!.seed(db);
      const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      identitySpki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
      await db
        .table('identity')
        .add({ name: 'device', deviceId: 'dev-1', privateKey: pair.privateKey, publicKey: pair.publicKey, publicKeySpki: identitySpki, createdAt: 1 });
    },
    async check(db) {
      await FIXTURES[1]!.check(db);
      const id = await db.identity.get('device');
      expect(id).toMatchObject({ deviceId: 'dev-1', publicKeySpki: identitySpki, createdAt: 1 });
      // The private key comes back as a usable, still non-extractable key.
      expect(id!.privateKey.extractable).toBe(false);
      const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, id!.privateKey, new Uint8Array([1, 2, 3]));
      expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, id!.publicKey, sig, new Uint8Array([1, 2, 3]))).toBe(true);
    },
  },
};
let identitySpki = '';

let name = '';
let counter = 0;
beforeEach(() => {
  name = `log-db-test-${++counter}`;
});
afterEach(async () => {
  await new Dexie(name, OPTS).delete();
});

function openAt(version: number): Dexie {
  const db = new Dexie(name, OPTS);
  declareSchema(db, version);
  return db;
}

describe('log database schema', () => {
  it('has a fixture for every version', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(Object.keys(FIXTURES).map(Number));
    expect(LATEST_VERSION).toBe(SCHEMA_VERSIONS.at(-1)!.version);
  });

  it('latest version has the indexes the journal relies on', async () => {
    const db = new HallPassDb(name, OPTS);
    await db.open();
    const indexes = (t: string) =>
      db
        .table(t)
        .schema.indexes.map((i) => i.name)
        .sort();
    expect(db.entries.schema.primKey.keyPath).toBe('seq');
    expect(indexes('entries')).toEqual(['at', 'event', 'networkId', 'role', 'user']);
    expect(db.inbox.schema.primKey).toMatchObject({ keyPath: 'id', auto: true });
    expect(indexes('checkpoints')).toEqual(['lastSeq']);
    expect(db.identity.schema.primKey.keyPath).toBe('name');
    expect(db.verno).toBe(LATEST_VERSION);
    db.close();
  });

  describe.each(SCHEMA_VERSIONS.map((v) => v.version))('version %i', (version) => {
    it('opens fresh and reads back what was written to each table', async () => {
      const db = openAt(version);
      await db.open();
      expect(db.verno).toBe(version);
      await FIXTURES[version]!.seed(db);
      db.close();
      // Read back through a fresh connection, not a cache.
      const again = openAt(version);
      await FIXTURES[version]!.check(again as HallPassDb);
      again.close();
    });

    it('keeps its data when opened at the latest version', async () => {
      const old = openAt(version);
      await FIXTURES[version]!.seed(old);
      old.close();
      const db = new HallPassDb(name, OPTS);
      await db.open();
      expect(db.verno).toBe(LATEST_VERSION);
      await FIXTURES[version]!.check(db);
      db.close();
    });
  });

  it('rejects a duplicate seq, so an entry can never be written twice', async () => {
    const db = new HallPassDb(name, OPTS);
    const [e] = await chainEntries(GENESIS_HASH, [entryData(1)]);
    await db.entries.add(e!);
    await expect(db.entries.add({ ...e!, text: 'again' })).rejects.toThrow();
    expect(await db.entries.count()).toBe(1);
    db.close();
  });
});
