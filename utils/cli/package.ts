/**
 * Builds both browsers and writes what a school or store needs to .output/package/:
 *   hall-pass-<version>-chrome.zip    the Chrome build, for the Chrome Web Store
 *   hall-pass-<version>-chrome.crx    CRX3 packed and signed by Chromium, for self-hosting with ExtensionInstallForcelist
 *   hall-pass-<version>-firefox.xpi   the Firefox MV3 build (unsigned: addons.mozilla.org signs it)
 *   SHA256SUMS                        `sha256sum -c SHA256SUMS` checks them
 *
 *   HALL_PASS_SIGNING_KEY=/secure/hall-pass.pem npm run package
 *
 * Without HALL_PASS_SIGNING_KEY the CRX is signed with the public TEST-ONLY key in tests/fixtures,
 * which anyone can use to sign an "update": never deploy such a build.
 * CHROMIUM_PATH picks the Chromium that packs the CRX (default /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// WXT's own zip writer (wxt depends on it and `wxt zip` uses it), so packaging adds no dependency.
import { createZip } from '@aklinker1/zero-zip';
import { CHROME_EXTENSION_ID } from '../extension-identity';

export const TEST_KEY = fileURLToPath(new URL('../../tests/fixtures/TEST-ONLY-signing-key.pem', import.meta.url));
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface Artifact {
  file: string;
  bytes: number;
  sha256: string;
}

export interface PackageOptions {
  /** Project root (where package.json and .output are). Default: the current directory. */
  root?: string;
  /** Default: <root>/.output/package. Emptied first. */
  outDir?: string;
  /** Run both WXT builds first. Default true. */
  build?: boolean;
  /** PEM private key. Default: env HALL_PASS_SIGNING_KEY, else the TEST-ONLY fixture. */
  keyPath?: string;
  /** Default: env CHROMIUM_PATH, else /usr/bin/chromium. */
  chromiumPath?: string;
  log?: (line: string) => void;
}

/** Chrome's extension id for a DER SubjectPublicKeyInfo: sha256, first 32 hex digits, 0-f mapped to a-p. */
export function extensionIdFromDer(der: Buffer): string {
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export function extensionIdFromPrivateKey(pem: string): string {
  return extensionIdFromDer(createPublicKey(pem).export({ type: 'spki', format: 'der' }));
}

function run(cmd: string, args: string[], opts: { cwd?: string; quiet?: boolean; timeoutMs?: number } = {}) {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      timeout: opts.timeoutMs,
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

async function mustRun(cmd: string, args: string[], cwd: string) {
  const { code } = await run(cmd, args, { cwd });
  if (code !== 0) throw new Error(`\`${cmd} ${args.join(' ')}\` failed with exit code ${code}`);
}

export async function buildBoth(root: string): Promise<void> {
  await mustRun('npx', ['wxt', 'build'], root);
  await mustRun('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], root);
}

/** Zips the contents of `dir` (not the dir itself: manifest.json ends up at the root), in a stable order. */
export async function zipDirectory(dir: string, outFile: string): Promise<void> {
  const files = (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  if (!files.includes('manifest.json')) throw new Error(`${dir} has no manifest.json: build it first`);
  const zip = createZip({ level: 9 });
  for (const file of files) zip.addFile(file, await fs.readFile(path.join(dir, file)));
  await fs.writeFile(outFile, await zip.toBuffer());
}

/**
 * Packs `extensionDir` into a CRX3 with Chromium's own packer, signed with `keyPath`, and moves it to
 * `outFile`. Works on a copy in a temporary directory (Chromium writes `<dir>.crx` next to the dir and
 * will not pack into an existing one) with a throwaway profile (so a running Chromium is not disturbed).
 */
export async function packCrx(opts: { extensionDir: string; keyPath: string; outFile: string; chromiumPath?: string }): Promise<void> {
  const chromium = opts.chromiumPath ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  if (!existsSync(chromium)) throw new Error(`Chromium not found at ${chromium}: install it or set CHROMIUM_PATH`);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-pack-'));
  try {
    const dir = path.join(tmp, 'hall-pass');
    await fs.cp(path.resolve(opts.extensionDir), dir, { recursive: true });
    const { code, output } = await run(
      chromium,
      [
        // Packing renders nothing; the sandbox cannot start as root anyway.
        '--no-sandbox',
        '--headless',
        `--user-data-dir=${path.join(tmp, 'profile')}`,
        `--pack-extension=${dir}`,
        `--pack-extension-key=${path.resolve(opts.keyPath)}`,
      ],
      { quiet: true, timeoutMs: 60_000 },
    );
    const crx = `${dir}.crx`;
    if (code !== 0 || !existsSync(crx)) throw new Error(`Chromium could not pack the extension (exit ${code}):\n${output.trim()}`);
    const head = Buffer.alloc(8);
    const fh = await fs.open(crx);
    await fh.read(head, 0, 8, 0);
    await fh.close();
    if (head.toString('latin1', 0, 4) !== 'Cr24' || head.readUInt32LE(4) !== 3) throw new Error(`${crx} is not a CRX3 file`);
    await fs.copyFile(crx, opts.outFile);
    await fs.chmod(opts.outFile, 0o644);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

function mismatch(keyPath: string, keyId: string, expected: string) {
  return new Error(
    `${keyPath} gives extension id ${keyId}, but the manifest key gives ${expected}.\n` +
      'Put the public half of your key in utils/extension-identity.ts (see "Packing with your own key" in README.md) and rebuild.',
  );
}

async function readManifest(dir: string): Promise<{ version: string; key?: string }> {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build:all)`);
  return JSON.parse(await fs.readFile(file, 'utf8')) as { version: string; key?: string };
}

async function artifact(file: string): Promise<Artifact> {
  const body = await fs.readFile(file);
  return { file, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
}

/** Which key signs the CRX, and whether it is the public test fixture. */
export async function signingKey(keyPath?: string): Promise<{ keyPath: string; id: string; testOnly: boolean }> {
  const chosen = path.resolve(keyPath ?? process.env.HALL_PASS_SIGNING_KEY ?? TEST_KEY);
  if (!existsSync(chosen)) throw new Error(`Signing key ${chosen} does not exist (HALL_PASS_SIGNING_KEY must be a PEM file)`);
  const id = extensionIdFromPrivateKey(await fs.readFile(chosen, 'utf8'));
  const testId = existsSync(TEST_KEY) ? extensionIdFromPrivateKey(await fs.readFile(TEST_KEY, 'utf8')) : null;
  return { keyPath: chosen, id, testOnly: id === testId };
}

export async function packageExtension(opts: PackageOptions = {}): Promise<Artifact[]> {
  const root = path.resolve(opts.root ?? '.');
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const outDir = path.resolve(opts.outDir ?? path.join(root, '.output/package'));
  const chromeDir = path.join(root, '.output/chrome-mv3');
  const firefoxDir = path.join(root, '.output/firefox-mv3');

  // Check the key before spending time on builds.
  const key = await signingKey(opts.keyPath);
  if (key.id !== CHROME_EXTENSION_ID) throw mismatch(key.keyPath, key.id, CHROME_EXTENSION_ID);
  if (key.testOnly) {
    const why = process.env.HALL_PASS_SIGNING_KEY || opts.keyPath ? 'this key is' : 'no HALL_PASS_SIGNING_KEY: using';
    process.stderr.write(`WARNING: ${why} the public TEST-ONLY key. The CRX must not be deployed.\n`);
  }
  if (opts.build ?? true) await buildBoth(root);

  const chrome = await readManifest(chromeDir);
  const firefox = await readManifest(firefoxDir);
  if (chrome.version !== firefox.version) {
    throw new Error(`The builds disagree on the version (chrome ${chrome.version}, firefox ${firefox.version}): rebuild both`);
  }
  // The manifest key fixes the id that policies name. A CRX signed with another key would install
  // under a different id, where no ExtensionInstallForcelist entry or 3rdparty policy reaches it.
  const manifestId = chrome.key ? extensionIdFromDer(Buffer.from(chrome.key, 'base64')) : null;
  if (manifestId !== key.id) throw mismatch(key.keyPath, key.id, manifestId ?? '(no key in the built manifest)');

  const name = `hall-pass-${chrome.version}`;
  await fs.rm(outDir, { recursive: true, force: true });
  await fs.mkdir(outDir, { recursive: true });
  const files = {
    zip: path.join(outDir, `${name}-chrome.zip`),
    crx: path.join(outDir, `${name}-chrome.crx`),
    xpi: path.join(outDir, `${name}-firefox.xpi`),
  };
  await zipDirectory(chromeDir, files.zip);
  await packCrx({ extensionDir: chromeDir, keyPath: key.keyPath, outFile: files.crx, chromiumPath: opts.chromiumPath });
  await zipDirectory(firefoxDir, files.xpi);

  const artifacts = [await artifact(files.zip), await artifact(files.crx), await artifact(files.xpi)];
  const sums = artifacts.map((a) => `${a.sha256}  ${path.basename(a.file)}\n`).join('');
  await fs.writeFile(path.join(outDir, 'SHA256SUMS'), sums);

  log(`\nPackaged Hall Pass ${chrome.version} in ${path.relative(process.cwd(), outDir) || '.'}/ (extension id ${key.id}):`);
  const width = Math.max(...artifacts.map((a) => path.basename(a.file).length));
  for (const a of artifacts) {
    log(`  ${path.basename(a.file).padEnd(width)}  ${(a.bytes / 1024).toFixed(1).padStart(7)} KiB  sha256 ${a.sha256}`);
  }
  log(`  ${'SHA256SUMS'.padEnd(width)}  check with: (cd ${path.relative(process.cwd(), outDir)} && sha256sum -c SHA256SUMS)`);
  log('The .xpi is unsigned: Firefox release needs it signed by addons.mozilla.org.');
  if (key.testOnly) {
    const warn = [
      '',
      '!!! WARNING: this CRX is signed with the PUBLIC TEST-ONLY key',
      `!!! (${path.relative(root, key.keyPath)}). Anyone can sign an update for it. DO NOT DEPLOY IT.`,
      '!!! Set HALL_PASS_SIGNING_KEY to your own PEM key (see "Packing with your own key" in README.md).',
      '',
    ];
    process.stderr.write(warn.join('\n') + '\n');
  }
  return artifacts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  packageExtension().catch((error: unknown) => {
    process.stderr.write(`package: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
