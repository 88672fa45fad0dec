/**
 * The ports' contract in real Chromium: the real adapters (utils/browser/adapters.ts), bundled with
 * the case table into a small test extension's service worker, must give what the table expects.
 * The same table runs against the fakes in tests/unit/ports-contract.test.ts.
 */
import { chromium, expect, test, type BrowserContext, type Worker } from '@playwright/test';
import { build } from 'esbuild';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PORT_CASES } from '../../contracts/ports';
import { CHROMIUM } from '../support/chromium';
import { startSite, type SiteServer } from '../support/servers';

let dir: string;
let context: BrowserContext;
let worker: Worker;
let site: SiteServer;

test.beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-contract-'));
  const ext = path.join(dir, 'extension');
  await fs.mkdir(ext);
  await build({
    entryPoints: [path.resolve('tests/contracts/real-ports.ts')],
    bundle: true,
    format: 'esm',
    outfile: path.join(ext, 'background.js'),
    define: { 'import.meta.env.FIREFOX': 'false' },
    logLevel: 'error',
  });
  // The permissions the adapters use, as Hall Pass's own manifest grants them.
  const manifest = {
    manifest_version: 3,
    name: 'Hall Pass ports contract',
    version: '1.0',
    background: { service_worker: 'background.js', type: 'module' },
    permissions: ['declarativeNetRequest', 'storage', 'tabs', 'privacy', 'identity', 'identity.email'],
    host_permissions: ['<all_urls>'],
  };
  await fs.writeFile(path.join(ext, 'manifest.json'), JSON.stringify(manifest));
  site = await startSite('CONTRACT');
  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
});

test.afterAll(async () => {
  await context?.close();
  await site?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const asJson = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (x === undefined ? '__undefined__' : x)));

for (const c of PORT_CASES) {
  test(`the real adapter: ${c.name}`, async () => {
    const env = { site: `http://127.0.0.1:${site.port}` };
    const result = await worker.evaluate(
      ({ name, env }) => (globalThis as unknown as { portContract: { run(n: string, e: unknown): Promise<string> } }).portContract.run(name, env),
      { name: c.name, env },
    );
    expect(JSON.parse(result)).toEqual(asJson(c.expected(env)));
  });
}
