/** The access log and the DSL's page, written once and run in Chromium and Firefox ESR. */
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startSite, type SiteServer } from '../support/servers';
import { BROWSERS, useBrowser } from '../support/browsers';
import { basePolicy } from '../support/policies';
import { editLogEntries, openDsl } from '../support/flows';
import { DAY } from '../../helpers/time';
import { hashPassphrase } from '../../../utils/core/passphrase';
import { hashEntry } from '../../../utils/core/log/chain';
import { keyFingerprint } from '../../../utils/core/hub/signature';

const PASSPHRASE = 'purple elephant dances';
let passphraseHash: string;
let social: SiteServer;
let ordinary: SiteServer;

const hosts = () => ({ 'facebook.com': social.port, 'x.com': social.port, 'social.test': social.port, 'school.test': ordinary.port });

test.beforeAll(async () => {
  passphraseHash = await hashPassphrase(PASSPHRASE);
  social = await startSite('SOCIAL');
  ordinary = await startSite('SCHOOL');
});
test.afterAll(async () => {
  await social.close();
  await ordinary.close();
});

for (const b of BROWSERS) {
  test.describe(b.name, () => {
    const { start } = useBrowser(b);
    const startPupil = (extra: Record<string, unknown> = {}) =>
      start(
        basePolicy({ role: 'pupil', dsl: { name: 'Gemma Williams', contact: 'dsl@school.test', passphraseHash }, ...extra }),
        hosts(),
        (s) => s.parsed.present && s.parsed.policy.dsl.passphraseHash !== null,
      );

    test('a blocked attempt appears in the DSL page with the right fields, and only host and path are kept', async () => {
      const s = await startPupil();
      const tab = await s.newTab();
      await tab.goto('http://facebook.com/groups/year6?search=secret#frag');
      await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      await expect.poll(async () => (await s.storedEntries()).length).toBe(1);

      await openDsl(tab, PASSPHRASE);
      const row = await tab.waitForText('[data-testid="log-table"] tbody tr', 'facebook.com/groups/year6');
      for (const text of ['Blocked', 'Pupil', 'Facebook']) expect(row).toContain(text);
      expect(row).not.toContain('secret');
    });

    test('a forged load of the block page creates no entry', async () => {
      const s = await startPupil();
      const forged = (where: string) => `${s.base}blocked.html#https://facebook.com/${where}`;
      const tab = await s.newTab();
      await tab.goto('http://x.com/real');
      await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      // A web page framing the block page, and linking to it, under a made-up address.
      await tab.goto('http://school.test/');
      await tab.evaluate(
        ([frame, link]: string[]) => {
          document.body.insertAdjacentHTML('beforeend', `<iframe src="${frame}"></iframe>`);
          setTimeout(() => {
            location.href = link!;
          }, 300);
        },
        [forged('forged-frame'), forged('forged-link')],
      );
      await new Promise((r) => setTimeout(r, 1500));
      // The extension's own page opening it directly is not a redirect either.
      await tab.open('status.html');
      await tab.evaluate((target) => {
        location.href = target;
      }, forged('forged-direct'));
      await new Promise((r) => setTimeout(r, 1000));
      expect((await s.storedEntries()).map((e) => `${e.host}${e.path}`)).toEqual(['x.com/real']);
    });

    test('a wrong passphrase is refused and logged, the right one admits', async () => {
      const s = await startPupil();
      const tab = await s.newTab();
      await tab.open('dsl.html');
      await tab.fillLabel('Passphrase', 'not it at all');
      await tab.clickButton('Unlock');
      await tab.waitForText('[role="alert"]', 'That passphrase is not right');
      expect(await tab.countButtons('Export CSV')).toBe(0);
      await expect.poll(async () => (await s.storedEntries()).map((e) => e.event)).toEqual(['passphrase-failed']);
      // The back-off after one wrong try is two seconds.
      await new Promise((r) => setTimeout(r, 2100));
      await tab.fillLabel('Passphrase', PASSPHRASE);
      await tab.clickButton('Unlock');
      await expect.poll(() => tab.countButtons('Export CSV'), { timeout: 20_000 }).toBe(1);
    });

    test('CSV and JSON exports download, parse, and the JSON verifies off the device', async () => {
      const s = await startPupil({ device: { label: 'ICT suite PC 12' } });
      const tab = await s.newTab();
      for (const p of ['/a', '/b=1+1', '/c']) {
        await tab.goto(`http://facebook.com${p}`);
        await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      }
      await expect.poll(async () => (await s.storedEntries()).length).toBe(3);
      await openDsl(tab, PASSPHRASE);

      const csv = await tab.download(() => tab.clickButton('Export CSV'));
      expect(csv.filename).toBe('hall-pass_ash-grove-academy_ict-suite-pc-12_all-dates.csv');
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      const lines = csv.text.slice(1).trim().split('\r\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toContain('Sequence,Time (UTC),Local time');
      expect(lines.slice(1).every((l) => l.includes('ICT suite PC 12') && l.includes('facebook.com'))).toBe(true);

      const json = await tab.download(() => tab.clickButton('Export JSON'));
      const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-export-')), json.filename);
      await fs.writeFile(file, json.text);
      const exp = JSON.parse(json.text);
      expect(exp.entries.map((e: { path: string }) => e.path)).toEqual(['/a', '/b=1+1', '/c']);
      expect(exp.verification.ok).toBe(true);
      const run = promisify(execFile);
      const ok = (await run('npx', ['tsx', 'utils/cli/verify-export.ts', file])).stdout;
      expect(ok).toMatch(/^OK/m);
      // Signed by the device's own key: the fingerprint printed is the one the hub would pin.
      const key = await s.inExtension(
        () =>
          new Promise<string>((resolve, reject) => {
            const open = indexedDB.open('hall-pass');
            open.onsuccess = () => {
              const req = open.result.transaction('identity').objectStore('identity').get('device');
              req.onsuccess = () => resolve(req.result.publicKeySpki);
              req.onerror = () => reject(req.error);
            };
          }),
        undefined,
      );
      expect(exp.signature.publicKey).toBe(key);
      expect(ok).toContain(`key ${await keyFingerprint(key)}`);
      // Edit the exported file: the command must notice.
      exp.entries[1].path = '/nothing-to-see';
      await fs.writeFile(file, JSON.stringify(exp));
      await expect(run('npx', ['tsx', 'utils/cli/verify-export.ts', file])).rejects.toMatchObject({ code: 1 });
      // Even with every hash and the head recomputed, the device's signature no longer fits.
      let prev = '0'.repeat(64);
      for (const e of exp.entries) {
        e.prevHash = prev;
        e.hash = await hashEntry(prev, e);
        prev = e.hash;
      }
      exp.head = { seq: exp.entries.at(-1).seq, hash: prev };
      await fs.writeFile(file, JSON.stringify(exp));
      await expect(run('npx', ['tsx', 'utils/cli/verify-export.ts', file])).rejects.toMatchObject({
        code: 1,
        stdout: expect.stringMatching(/Intact[\s\S]*BAD SIGNATURE/),
      });
    });

    test('Print summary: school, device, range, summaries and flagged users, printed to PDF (controls hidden in print: checked where media can be emulated)', async () => {
      const s = await startPupil({ device: { label: 'Library PC 3' }, log: { flagThreshold: 2 } });
      const tab = await s.newTab();
      for (const p of ['/1', '/2', '/3']) {
        await tab.goto(`http://x.com${p}`);
        await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      }
      await expect.poll(async () => (await s.storedEntries()).length).toBe(3);
      await openDsl(tab, PASSPHRASE);
      await tab.waitForText('body', 'Ash Grove Academy · Library PC 3 · all dates');
      await tab.waitForText('[data-testid="flagged"]', 'unknown: 3 on');
      await tab.waitForText('body', 'X (Twitter): 3');
      if (tab.emulatePrint) {
        await tab.emulatePrint();
        expect(await tab.countButtons('Export CSV')).toBe(0);
        expect(await tab.isVisible('[data-testid="log-table"]')).toBe(false);
        expect(await tab.isVisible('[data-testid="flagged"]')).toBe(true);
        // A paper copy stands on its own: confidential, when it was printed, what Verify said.
        expect(await tab.isVisible('[data-testid="print-header"]')).toBe(true);
      }
      await tab.waitForText('[data-testid="print-header"]', 'CONFIDENTIAL');
      await tab.waitForText('[data-testid="printed-at"]', /^Printed \d{1,2} \w+ \d{4}/);
      await tab.waitForText('[data-testid="printed-verification"]', 'Verify: Intact: 3 entries');
      const pdf = await tab.pdf();
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    });

    test('an entry edited in IndexedDB is reported by Verify, with where the chain breaks', async () => {
      const s = await startPupil();
      const tab = await s.newTab();
      for (const p of ['/one', '/two', '/three']) {
        await tab.goto(`http://facebook.com${p}`);
        await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      }
      await expect.poll(async () => (await s.storedEntries()).length).toBe(3);
      await openDsl(tab, PASSPHRASE);
      await tab.clickButton('Verify');
      await tab.waitForText('[data-testid="verification"]', 'Intact');

      await s.inExtension(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('hall-pass');
            open.onsuccess = () => {
              const store = open.result.transaction('entries', 'readwrite').objectStore('entries');
              const get = store.get(2);
              get.onsuccess = () => {
                const put = store.put({ ...get.result, path: '/innocent' });
                put.onsuccess = () => resolve();
                put.onerror = () => reject(put.error);
              };
            };
          }),
        null,
      );
      await tab.clickButton('Verify');
      await tab.waitForText('[data-testid="verification"]', 'Broken at entry 2');
    });

    test('a purge by retention leaves a checkpoint and a chain that still verifies', async () => {
      const s = await startPupil({ log: { retentionDays: 30 } });
      const tab = await s.newTab();
      for (const p of ['/old1', '/old2', '/new1', '/new2']) {
        await tab.goto(`http://facebook.com${p}`);
        await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      }
      await expect.poll(async () => (await s.storedEntries()).length).toBe(4);
      // Make the first two entries 40 days old, as if written long ago.
      await editLogEntries(s, [1, 2], { at: new Date(Date.now() - 40 * DAY).toISOString() });
      await openDsl(tab, PASSPHRASE); // opening the log runs maintenance: drain and purge
      await expect.poll(async () => (await s.storedEntries()).map((e) => e.path)).toEqual(['/new1', '/new2']);
      await tab.clickButton('Verify');
      await tab.waitForText('[data-testid="verification"]', 'Intact');
    });

    test('attempts in several tabs, some made while the background is stopped, are all logged', async () => {
      const s = await startPupil();
      const tabs = await Promise.all([1, 2, 3].map(() => s.newTab()));
      const visit = async (i: number) => {
        const tab = tabs[i % tabs.length]!;
        await tab.goto(`http://facebook.com/burst/${i}`);
        await tab.waitForUrl(new RegExp(`blocked(-facebook)?\\.html#http://facebook\\.com/burst/${i}$`));
      };
      for (let i = 0; i < 10; i++) await visit(i);
      // Stopped once idle, as Chromium stops a worker: not killed in the middle of writing an entry.
      await expect.poll(async () => (await s.storedEntries()).length, { timeout: 20_000 }).toBe(10);
      // Chromium: the service worker is stopped and must wake for the rest (Firefox has no switch).
      await s.stopBackground?.();
      for (let i = 10; i < 30; i++) await visit(i);
      await expect.poll(async () => (await s.storedEntries()).length, { timeout: 20_000 }).toBe(30);
      const paths = (await s.storedEntries()).map((e) => e.path).sort();
      expect(new Set(paths).size).toBe(30);
      expect(social.connections).toBe(0);
    });

    test("a pupil's report from the block page reaches the DSL, and is not shown back on the pupil's side", async () => {
      const s = await startPupil();
      const tab = await s.newTab();
      await tab.goto('http://facebook.com/');
      await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      await tab.clickButton('Tell someone you trust');
      await tab.waitForText('body', 'Gemma Williams, who keeps children safe at our school, will read it.');
      await tab.fillLabel('What happened?', 'Someone in year 6 keeps sending me mean messages');
      await tab.fillLabel("Who would you like to talk to? (you don't have to)", 'Mr Khan');
      await tab.clickButton('Send');
      await tab.waitForText('[data-testid="report-sent"]', 'Your message has been sent');
      await tab.waitForText('[data-testid="report-sent"]', 'Gemma Williams will read it and will talk to you soon.');
      expect(await tab.evaluate(() => document.body.textContent ?? '', null)).not.toContain('mean messages');

      await openDsl(tab, PASSPHRASE);
      const reports = await tab.waitForText('[data-testid="reports"]', 'Someone in year 6 keeps sending me mean messages');
      expect(reports).toContain('Mr Khan');
    });
  });
}
