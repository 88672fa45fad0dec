/**
 * Every log entry delivered to the school's hub: real Chromium and real Firefox ESR, a real hub
 * (hub/) on localhost backed by a real throwaway PostgreSQL cluster.
 */
import { test, expect } from '@playwright/test';
import { webcrypto } from 'node:crypto';
import { BROWSERS, useBrowser } from '../support/browsers';
import { useSites } from '../support/sites';
import { basePolicy } from '../support/policies';
import { poll, READ_LOG_ENTRIES, waitForSessionStatus, type Session, type Tab } from '../support/driver';
import { startTestHub, type TestHub } from '../support/hub';
import { canonicalJson } from '../../../utils/core/log/chain';
import type { LogEntry } from '../../../utils/core/log/types';
import { toBase64, toBase64Url } from '../../../utils/core/hub/signature';

const sites = useSites();
let hub: TestHub;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  hub = await startTestHub();
});
test.afterAll(async () => {
  await hub?.close();
});

interface HubEntry {
  seq: string;
  event: string;
  host: string | null;
  path: string | null;
  user: string;
  role: string;
  device_label: string | null;
  school_time: boolean;
  hash: string;
  prev_hash: string;
  body: string;
  link: string;
  conflict: boolean;
}

type ExtGlobal = { chrome: { storage: { local: { get(k: string): Promise<Record<string, { cursor: number } | undefined>>; set(v: object): Promise<void> } } } };

/** The identity the extension made at first start, straight from its IndexedDB. */
const READ_IDENTITY = (): Promise<{ deviceId: string; publicKeySpki: string; extractable: boolean }> =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open('hall-pass');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('identity').objectStore('identity').get('device');
      req.onsuccess = () =>
        resolve(
          req.result
            ? { deviceId: req.result.deviceId, publicKeySpki: req.result.publicKeySpki, extractable: req.result.privateKey.extractable }
            : (null as never),
        );
      req.onerror = () => reject(req.error);
    };
  });

const hubEntries = (deviceId: string) =>
  hub.query<HubEntry>(
    'select seq::text, event, host, path, "user", role, device_label, school_time, hash, prev_hash, body, link, conflict from entries where device_id = $1 order by entries.seq',
    [deviceId],
  );

async function identity(s: Session) {
  return poll(
    () => s.inExtension(READ_IDENTITY, undefined),
    (id) => !!id?.deviceId,
    'the device identity',
    30_000,
  );
}

async function waitForHub(deviceId: string, count: number, timeoutMs = 60_000): Promise<HubEntry[]> {
  return poll(
    () => hubEntries(deviceId),
    (rows) => rows.length >= count,
    `${count} entries at the hub`,
    timeoutMs,
  );
}

async function block(tab: Tab, path: string) {
  await tab.goto(`http://facebook.com${path}`);
  await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
}

for (const b of BROWSERS) {
  test.describe(b.name, () => {
    test.describe.configure({ timeout: 240_000 });
    const { start } = useBrowser(b);
    const startWithHub = (extra: Record<string, unknown> = {}) =>
      start(
        basePolicy({ role: 'pupil', hub: { url: hub.url, key: hub.key }, ...extra }),
        sites.hosts(),
        (s) => s.parsed.present && (s.parsed.policy as { hub: unknown }).hub !== null,
      );

    test('blocked attempts reach the hub with the right fields, signed by the key the hub pinned; the status page shows it green', async () => {
      const s = await startWithHub();
      const tab = await s.newTab();
      await block(tab, '/groups/year6?search=secret#frag');
      await block(tab, '/messages');
      const id = await identity(s);
      expect(id.extractable).toBe(false);
      const rows = await waitForHub(id.deviceId, 2);
      // The stored records are whole LogEntry objects; the driver's type names only what most tests read.
      const local = (await s.inExtension(READ_LOG_ENTRIES, undefined)) as unknown as LogEntry[];
      expect(rows.map((r) => [r.seq, r.event, r.host, r.path, r.role, r.device_label, r.school_time])).toEqual([
        ['1', 'blocked', 'facebook.com', '/groups/year6', 'pupil', 'ICT suite PC 12', expect.any(Boolean)],
        ['2', 'blocked', 'facebook.com', '/messages', 'pupil', 'ICT suite PC 12', expect.any(Boolean)],
      ]);
      // The hub holds exactly what the device hashed: same body, same hashes, nothing else.
      expect(rows.map((r) => [r.hash, r.prev_hash, r.body])).toEqual(local.map((e) => [e.hash, e.prevHash, canonicalJson(e)]));
      expect(rows.map((r) => r.body).join()).not.toContain('secret');
      expect(rows.map((r) => r.link)).toEqual(['start', 'ok']);
      const [device] = await hub.query<{ public_key: string; browser: string; label: string; chain_state: string; confirmed: boolean }>(
        'select public_key, browser, label, chain_state, confirmed from devices where id = $1',
        [id.deviceId],
      );
      expect(device).toMatchObject({
        public_key: id.publicKeySpki,
        browser: b.name === 'chromium' ? 'chrome' : 'firefox',
        label: 'ICT suite PC 12',
        chain_state: 'intact',
        confirmed: false,
      });

      await tab.open('status.html');
      await tab.waitForText('[data-testid="hub-checks"] [data-check="delivery"]', 'In contact');
      expect(await tab.attribute('[data-check="delivery"]', 'data-state')).toBe('ok');
      await tab.waitForText('[data-check="waiting"]', 'None: the hub has every entry.');
      await tab.waitForText('[data-fact="Hub address"]', hub.url);
      await tab.waitForText('[data-fact="Device id"]', id.deviceId);
    });

    test('a hub address that is not HTTPS is a policy problem: shown in red, nothing sent, the log kept on the device', async () => {
      const before = hub.recorded.length;
      const plain = hub.url.replace('127.0.0.1', 'hub.school.test');
      const s = await start(
        basePolicy({ role: 'pupil', hub: { url: plain, key: hub.key } }),
        sites.hosts(),
        (st) => st.parsed.present && st.parsed.problems.some((p) => p.key === 'hub.url'),
      );
      const tab = await s.newTab();
      await block(tab, '/still-logged');
      await poll(
        async () => (await s.storedEntries()).map((e) => e.path),
        (p) => p.includes('/still-logged'),
        'the entry on the device',
      );
      await tab.open('status.html');
      await tab.waitForText('[data-testid="problems"]', 'hub.url');
      await tab.waitForText('[data-testid="problems"]', 'must start with https://');
      await tab.waitForText('[data-testid="hub-checks"] [data-check="hub"]', 'Nothing is sent; the log is kept on this device');
      expect(await tab.attribute('[data-check="hub"]', 'data-state')).toBe('bad');
      // The key is never shown on the page.
      expect(await tab.evaluate((k) => document.body.textContent!.includes(k), hub.key)).toBe(false);
      await new Promise((r) => setTimeout(r, 3000));
      expect(hub.recorded.length).toBe(before);
    });

    test('hub stopped during a burst of attempts and started again: every entry arrives exactly once, in order', async () => {
      const s = await startWithHub();
      const tab = await s.newTab();
      await block(tab, '/before');
      const id = await identity(s);
      await waitForHub(id.deviceId, 1);
      await hub.stop();
      for (let i = 1; i <= 12; i++) await block(tab, `/burst/${i}`);
      await poll(
        async () => (await s.storedEntries()).length,
        (n) => n === 13,
        '13 local entries',
      );
      // The status page says what is wrong and what waits.
      await tab.open('status.html');
      await tab.waitForText('[data-fact="Last error"]', 'cannot reach the hub', 60_000);
      await tab.waitForText('[data-check="waiting"]', /1[0-2] entries|12 entries|not yet acknowledged/);
      await hub.start();
      const rows = await poll(
        () => hubEntries(id.deviceId),
        (r) => r.length === 13,
        'all 13 entries at the hub',
        150_000,
      );
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
      expect(rows.map((r) => r.path)).toEqual(['/before', ...Array.from({ length: 12 }, (_, i) => `/burst/${i + 1}`)]);
      expect(rows.every((r, i) => (i === 0 ? r.link === 'start' : r.link === 'ok') && !r.conflict)).toBe(true);
      const [dev] = await hub.query<{ chain_state: string }>('select chain_state from devices where id = $1', [id.deviceId]);
      expect(dev!.chain_state).toBe('intact');
      await tab.waitForText('[data-check="waiting"]', 'None: the hub has every entry.', 30_000);
      expect(await tab.attribute('[data-check="delivery"]', 'data-state')).toBe('ok');
    });

    test('with access to sites withheld, entries still reach the hub through its CORS preflight', async () => {
      const s = await startWithHub();
      await s.withholdSiteAccess();
      // What this test is about is delivery without access, so it starts once the extension has seen the change.
      await waitForSessionStatus(s, (st) => !st.siteAccess);
      const before = hub.recorded.length;
      const tab = await s.newTab();
      await tab.goto('http://facebook.com/after-withhold');
      await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      const id = await identity(s);
      const rows = await waitForHub(id.deviceId, 1);
      expect(rows.map((r) => r.path)).toContain('/after-withhold');
      const preflights = hub.recorded.slice(before).filter((r) => r.method === 'OPTIONS');
      expect(preflights.length).toBeGreaterThan(0);
      expect(preflights[0]!.headers.origin).toBe(s.base.replace(/\/$/, ''));
      expect(String(preflights[0]!.headers['access-control-request-headers'])).toMatch(/x-hallpass-signature/i);
      expect(preflights[0]!.status).toBe(204);
    });

    test('a batch replayed by hand is harmless; one signed with another key is refused and recorded', async () => {
      const s = await startWithHub();
      const tab = await s.newTab();
      for (const p of ['/one', '/two', '/three']) await block(tab, p);
      const id = await identity(s);
      await waitForHub(id.deviceId, 3);
      const sent = hub.recorded.filter(
        (r) => r.method === 'POST' && r.status === 200 && r.headers['x-hallpass-device'] === id.deviceId && r.body.includes('"logRecords":[{'),
      );
      expect(sent.length).toBeGreaterThan(0);
      const batch = sent[0]!;
      const headers = {
        'Content-Type': 'application/json',
        Authorization: String(batch.headers.authorization),
        'X-HallPass-Device': id.deviceId,
        'X-HallPass-Signature': String(batch.headers['x-hallpass-signature']),
      };
      const before = await hubEntries(id.deviceId);
      const replay = await hub.post(headers, batch.body);
      expect(replay.status).toBe(200);
      expect(JSON.parse(replay.body).hallpass.duplicates).toBeGreaterThan(0);
      expect(await hubEntries(id.deviceId)).toEqual(before);

      // Someone with the ingest key and the body, but not the device's private key.
      const other = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      const otherSpki = toBase64(new Uint8Array(await webcrypto.subtle.exportKey('spki', other.publicKey)));
      const signWithOther = async (body: string) =>
        toBase64Url(new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, other.privateKey, new TextEncoder().encode(body))));
      const forgedOnly = await hub.post({ ...headers, 'X-HallPass-Signature': await signWithOther(batch.body) }, batch.body);
      expect(forgedOnly.status).toBe(403);
      const swapped = batch.body.replace(id.publicKeySpki, otherSpki);
      const forgedKey = await hub.post({ ...headers, 'X-HallPass-Signature': await signWithOther(swapped) }, swapped);
      expect(forgedKey.status).toBe(403);
      expect(await hubEntries(id.deviceId)).toEqual(before);
      const audit = await hub.query<{ kind: string; status: number }>('select kind, status from audit where device_id = $1 and status = 403 order by id', [
        id.deviceId,
      ]);
      expect(audit.length).toBeGreaterThanOrEqual(2);
      expect(audit.map((a) => a.kind)).toContain('key-mismatch');
      const [dev] = await hub.query<{ public_key: string; key_mismatches: number }>('select public_key, key_mismatches from devices where id = $1', [
        id.deviceId,
      ]);
      expect(dev).toMatchObject({ public_key: id.publicKeySpki });
      expect(dev!.key_mismatches).toBeGreaterThan(0);
    });

    test("entries edited or deleted on the device after delivery leave the hub's copy unchanged; different contents for a held seq mark the device broken", async () => {
      const s = await startWithHub();
      const tab = await s.newTab();
      for (const p of ['/a', '/b', '/c', '/d']) await block(tab, p);
      const id = await identity(s);
      const delivered = await waitForHub(id.deviceId, 4);
      // Someone with the profile edits entry 2 and deletes entry 3 in the extension's IndexedDB.
      await s.inExtension(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('hall-pass');
            open.onsuccess = () => {
              const tx = open.result.transaction('entries', 'readwrite');
              const store = tx.objectStore('entries');
              const get = store.get(2);
              get.onsuccess = () => {
                store.put({ ...get.result, path: '/nothing-to-see' });
                store.delete(3);
              };
              tx.oncomplete = () => resolve();
              tx.onerror = () => reject(tx.error);
            };
          }),
        undefined,
      );
      await block(tab, '/e');
      const after = await waitForHub(id.deviceId, 5);
      expect(after.slice(0, 4)).toEqual(delivered);
      // The same person also resets the outbox, so the device sends its edited history again.
      // (Functions run inside the extension: everything they use is written inline.)
      await poll(
        () => s.inExtension(async () => (await (globalThis as unknown as ExtGlobal).chrome.storage.local.get('hubOutbox')).hubOutbox?.cursor, undefined),
        (c) => c === 5,
        'the outbox to record entry 5 as delivered',
      );
      await s.inExtension(async () => {
        const local = (globalThis as unknown as ExtGlobal).chrome.storage.local;
        const { hubOutbox } = await local.get('hubOutbox');
        await local.set({ hubOutbox: { ...hubOutbox, cursor: 0 } });
      }, undefined);
      await block(tab, '/f');
      const [dev] = await poll(
        () =>
          hub.query<{ chain_state: string; broken_at_seq: string | null }>('select chain_state, broken_at_seq::text from devices where id = $1', [id.deviceId]),
        (r) => r[0]?.chain_state === 'broken',
        'the device marked broken at the hub',
        90_000,
      );
      expect(dev!.broken_at_seq).toBe('2');
      const rows = await hubEntries(id.deviceId);
      expect(rows.slice(0, 5).map((r) => [r.seq, r.path, r.hash])).toEqual(after.slice(0, 5).map((r) => [r.seq, r.path, r.hash]));
      expect(rows.find((r) => r.seq === '2')!.conflict).toBe(true);
      const conflicts = await hub.query<{ seq: string; body: string }>('select seq::text, body from conflicts where device_id = $1', [id.deviceId]);
      expect(conflicts.map((c) => c.seq)).toEqual(['2']);
      expect(conflicts[0]!.body).toContain('/nothing-to-see');
    });

    if (b.name === 'chromium') {
      test('the service worker stopped with entries waiting: they arrive once it wakes', async () => {
        const s = await startWithHub();
        const tab = await s.newTab();
        await block(tab, '/first');
        const id = await identity(s);
        await waitForHub(id.deviceId, 1);
        await hub.stop();
        for (const p of ['/w1', '/w2', '/w3']) await block(tab, p);
        await poll(
          async () => (await s.storedEntries()).length,
          (n) => n === 4,
          '4 local entries',
        );
        await s.stopBackground!();
        await hub.start();
        // The next navigation wakes the worker; its start and its alarm send what waited.
        await tab.goto('http://school.test/');
        const rows = await poll(
          () => hubEntries(id.deviceId),
          (r) => r.length === 4,
          'all 4 entries at the hub',
          150_000,
        );
        expect(rows.map((r) => r.path)).toEqual(['/first', '/w1', '/w2', '/w3']);
      });
    }
  });
}
