/**
 * A trust with two schools for the DSL pages' tests: devices that delivered real signed OTLP
 * batches (simulated devices: the extension's own chain code, WebCrypto keys, the contract's
 * encoding) and the three kinds of account. Used by hub/tests and tests/e2e/hub.
 */
import { createSchool } from '../../src/admin.ts';
import type { Db } from '../../src/db/types.ts';
import { createAccount } from '../../src/dsl/accounts.ts';
import type { Hub } from '../../src/server.ts';
import { makeTestDevice, type TestDevice } from './device.ts';
import { send } from './http.ts';

export const PASSWORD = 'correct horse battery staple';
export const HOSTILE_TEXT = '<img src=x onerror="document.title=\'pwned\'"><b>bold</b>';
export const FORMULA_TEXT = '=HYPERLINK("http://evil.example","click")';
export const OAK_REPORT = 'Someone in my class keeps sending me mean messages';
export const ELM_REPORT = 'Elm pupil: I saw something that upset me';

export interface Seeded {
  oakId: number;
  elmId: number;
  oakKey: string;
  elmKey: string;
  oak: TestDevice;
  elm: TestDevice;
  broken: TestDevice;
  silent: TestDevice;
  accounts: { oakDsl: string; elmDsl: string; trust: string; it: string; lockMe: string };
}

/** Local dates near today, so the default "last 30 days" views include them. */
export function daysAgo(n: number, hour = 10): { at: string; localTime: string } {
  const d = new Date();
  d.setUTCHours(hour, 0, 0, 0);
  const at = new Date(d.getTime() - n * 86_400_000);
  return { at: at.toISOString(), localTime: at.toISOString().replace('T', ' ').slice(0, 19) };
}

async function deliver(hub: Pick<Hub, 'url'>, dev: TestDevice, key: string, n: number, over: Parameters<TestDevice['write']>[1] = {}): Promise<void> {
  const entries = await dev.write(n, over);
  const r = await send(hub, await dev.request(entries, key));
  if (r.status !== 200) throw new Error(`seed batch refused: ${r.status} ${JSON.stringify(r.body)}`);
}

export async function seedTrust(hub: Pick<Hub, 'url' | 'db'>): Promise<Seeded> {
  const db: Db = hub.db;
  const oakS = await createSchool(db, 'Oak Primary');
  const elmS = await createSchool(db, 'Elm Academy');
  const oak = await makeTestDevice({ label: 'Oak ICT 1' });
  const elm = await makeTestDevice({ label: 'Elm Library 2' });
  const broken = await makeTestDevice({ label: 'Oak ICT 7' });
  const silent = await makeTestDevice({ label: 'Oak Hall laptop' });

  // Oak: a pupil over the threshold today, a report, hostile text in fields.
  await deliver(hub, oak, oakS.key, 6, { ...daysAgo(0), user: 'amy@oak.example', networkId: 'tiktok', networkName: 'TikTok', host: 'www.tiktok.com' });
  await deliver(hub, oak, oakS.key, 1, {
    ...daysAgo(1),
    event: 'report',
    text: OAK_REPORT,
    person: 'Mrs Khan',
    networkId: null,
    networkName: null,
    host: null,
    path: null,
    user: 'amy@oak.example',
  });
  await deliver(hub, oak, oakS.key, 1, { ...daysAgo(0), event: 'continued', text: HOSTILE_TEXT, user: 'ben@oak.example', role: 'staff' });
  await deliver(hub, oak, oakS.key, 1, { ...daysAgo(0), event: 'continued', text: FORMULA_TEXT, user: 'ben@oak.example', role: 'staff' });
  // Elm: its own pupil and report.
  await deliver(hub, elm, elmS.key, 3, { ...daysAgo(0), user: 'zoe@elm.example', networkId: 'snapchat', networkName: 'Snapchat', host: 'www.snapchat.com' });
  await deliver(hub, elm, elmS.key, 1, {
    ...daysAgo(2),
    event: 'report',
    text: ELM_REPORT,
    person: null,
    networkId: null,
    networkName: null,
    host: null,
    path: null,
    user: 'zoe@elm.example',
  });
  // A device whose chain broke: entries 1-3, then 6 (4 and 5 never arrived).
  await deliver(hub, broken, oakS.key, 3, daysAgo(0));
  const lost = await broken.write(2, daysAgo(0));
  void lost;
  const after = await broken.write(1, daysAgo(0));
  const r = await send(hub, await broken.request(after, oakS.key));
  if (r.status !== 200) throw new Error(`broken batch refused: ${r.status}`);
  // A device that went silent: delivered, then nothing.
  await deliver(hub, silent, oakS.key, 2, daysAgo(5));
  // Last heard five days ago; the hub's sweep marked it silent 48 hours later (migration 005).
  await db.query("update devices set last_seen = now() - interval '5 days', silent_since = now() - interval '3 days' where id = $1", [silent.id]);

  const accounts = {
    oakDsl: 'dsl@oak.example',
    elmDsl: 'dsl@elm.example',
    trust: 'safeguarding@trust.example',
    it: 'it@trust.example',
    lockMe: 'locked@oak.example',
  };
  await createAccount(db, { email: accounts.oakDsl, role: 'school-dsl', school: 'Oak Primary', password: PASSWORD });
  await createAccount(db, { email: accounts.elmDsl, role: 'school-dsl', school: 'Elm Academy', password: PASSWORD });
  await createAccount(db, { email: accounts.trust, role: 'trust-dsl', password: PASSWORD });
  await createAccount(db, { email: accounts.it, role: 'it-admin', password: PASSWORD });
  await createAccount(db, { email: accounts.lockMe, role: 'school-dsl', school: 'Oak Primary', password: PASSWORD });
  return { oakId: oakS.school.id, elmId: elmS.school.id, oakKey: oakS.key, elmKey: elmS.key, oak, elm, broken, silent, accounts };
}
