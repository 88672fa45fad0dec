/**
 * A small test extension that carries the real port adapters (utils/browser/adapters.ts) and the
 * ports contract's cases (tests/contracts/real-ports.ts), built for one browser. It takes Hall
 * Pass's own identity (Chrome key, gecko id) and permissions from the built manifest, so the
 * driver's Session reaches it exactly as it reaches Hall Pass, and the adapters run with the
 * grants they have in production.
 */
import { build } from 'esbuild';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR } from './chromium';
import { FIREFOX_EXTENSION_DIR } from './firefox';

export interface ContractExtension {
  dir: string;
  remove(): Promise<void>;
}

export async function buildContractExtension(browser: 'chromium' | 'firefox'): Promise<ContractExtension> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `hall-pass-contract-${browser}-`));
  const dir = path.join(root, 'extension');
  await fs.mkdir(dir);
  const firefox = browser === 'firefox';
  await build({
    entryPoints: [path.resolve('tests/contracts/real-ports.ts')],
    bundle: true,
    format: 'esm',
    outfile: path.join(dir, 'background.js'),
    define: { 'import.meta.env.FIREFOX': String(firefox) },
    logLevel: 'error',
  });
  const built = firefox ? FIREFOX_EXTENSION_DIR : EXTENSION_DIR;
  const real = JSON.parse(await fs.readFile(path.join(built, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  await fs.copyFile(path.join(built, 'managed_schema.json'), path.join(dir, 'managed_schema.json'));
  // The driver reaches a Firefox extension's pages through its web-accessible blocked.html (as a
  // link from a web page would): in Firefox the contract runs in that page, in Chromium in the worker.
  await fs.writeFile(
    path.join(dir, 'blocked.html'),
    '<!doctype html><meta charset="utf-8"><title>ports contract</title><script type="module" src="background.js"></script>',
  );
  const manifest = {
    manifest_version: 3,
    name: 'Hall Pass ports contract',
    version: real.version,
    permissions: real.permissions,
    host_permissions: real.host_permissions,
    storage: real.storage,
    ...(firefox
      ? {
          browser_specific_settings: real.browser_specific_settings,
          web_accessible_resources: [{ resources: ['blocked.html'], matches: ['<all_urls>'] }],
        }
      : { key: real.key, background: { type: 'module', service_worker: 'background.js' } }),
  };
  await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, remove: () => fs.rm(root, { recursive: true, force: true }) };
}
