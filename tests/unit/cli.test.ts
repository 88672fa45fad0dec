import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chainEntries } from '../../utils/core/log/chain';
import { signedJsonExport, toJsonExport, type ExportSigner } from '../../utils/core/log/export';
import { KEY_ALGORITHM, keyFingerprint, sign, toBase64 } from '../../utils/core/hub/signature';
import type { LogEntryData } from '../../utils/core/log/types';
import { PASSPHRASE_HASH_PATTERN } from '../../utils/core/policy';
import { verifyPassphrase } from '../../utils/core/passphrase';
import { entryData } from '../fakes/log-entries';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'hall-pass-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The tools as a person runs them: a real process, stdin, stdout, stderr and exit code. */
function run(script: string, args: string[] = [], input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'utils/cli', script), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const data = (seq: number, text: string | null = null): LogEntryData =>
  entryData(seq, {
    user: 'amy@school.example',
    device: 'ICT Suite PC 12',
    event: text === null ? 'blocked' : 'report',
    text,
    person: text === null ? null : 'Mrs Patel',
  });

async function signer(): Promise<ExportSigner & { fingerprint: string }> {
  const pair = (await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)));
  return { deviceId: '3f1c2b9e-6a0d-4c55-9a1e-2b7d8c9e0f11', publicKey, fingerprint: await keyFingerprint(publicKey), sign: (t) => sign(pair.privateKey, t) };
}
let device: Awaited<ReturnType<typeof signer>>;

/**
 * tamper: false (as exported), 'edit' (an entry changed after export), 'rebuild' (an entry changed
 * and every hash and the head recomputed, signature kept), 'resign' (rebuilt and signed with another
 * key), 'unsigned' (an old-style unsigned file).
 */
async function writeExport(name: string, tamper: false | 'edit' | 'rebuild' | 'resign' | 'unsigned'): Promise<string> {
  device ??= await signer();
  const datas = [data(1), data(2, 'someone sent me a horrible message'), data(3)];
  let entries = await chainEntries('0'.repeat(64), datas);
  const original = entries;
  if (tamper === 'edit') entries[1]!.text = 'nothing happened';
  if (tamper === 'rebuild' || tamper === 'resign')
    entries = await chainEntries('0'.repeat(64), [datas[0]!, { ...datas[1]!, text: 'nothing happened' }, datas[2]!]);
  const last = entries.at(-1)!;
  const input = {
    exportedAt: '2026-11-24T16:00:00.000Z',
    school: 'Ash Grove Academy',
    device: 'ICT Suite PC 12',
    filters: {},
    range: { from: null, to: null },
    head: { seq: last.seq, hash: last.hash },
    checkpoints: [],
    verification: { ok: true, summary: 'Intact' },
    entries,
  };
  let text: string;
  if (tamper === 'unsigned') text = toJsonExport(input);
  else if (tamper === 'resign') text = await signedJsonExport(input, await signer());
  else if (tamper === 'rebuild') {
    // Signed over the original, then rebuilt: the signature is carried over unchanged.
    const signed = JSON.parse(await signedJsonExport({ ...input, entries: original, head: { seq: 3, hash: original[2]!.hash } }, device));
    text = JSON.stringify({ ...JSON.parse(await signedJsonExport(input, device)), signature: signed.signature });
  } else text = await signedJsonExport(input, device);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('hash-passphrase', { timeout: 60_000 }, () => {
  it('hashes a passphrase piped on stdin and prints only the hash on stdout', async () => {
    const r = run('hash-passphrase.ts', [], 'correct horse battery\n');
    expect(r.stderr).toContain('dsl.passphraseHash');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(lines[0]).toMatch(PASSPHRASE_HASH_PATTERN);
    // The trailing newline from `echo` is not part of the passphrase.
    expect(await verifyPassphrase('correct horse battery', lines[0] ?? '')).toBe(true);
  });

  it.each([['short'], ['']])('refuses the passphrase %j with exit 1 and nothing on stdout', (input) => {
    const r = run('hash-passphrase.ts', [], input);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('at least 8 characters');
  });
});

describe('verify-export', { timeout: 60_000 }, () => {
  it('exits 0, says OK and prints the signing key for an intact signed export', async () => {
    const r = run('verify-export.ts', [await writeExport('intact.json', false)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: 3 entries verified and signed/m);
    expect(r.stdout).toContain('Intact');
    expect(r.stdout).toContain(`Signed by device ${device.deviceId}, key ${device.fingerprint}`);
  });

  it('exits 1 for an export edited with every hash and the head recomputed: the signature no longer fits', async () => {
    const r = run('verify-export.ts', [await writeExport('rebuilt.json', 'rebuild')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Intact');
    expect(r.stdout).toMatch(/^BAD SIGNATURE: the file was changed after device 3f1c2b9e/m);
    expect(r.stderr).toContain('does not verify');
  });

  it("a rebuilt export re-signed with another key checks, but shows another key than the device's", async () => {
    const r = run('verify-export.ts', [await writeExport('resigned.json', 'resign')]);
    expect(r.stdout).toMatch(/Signed by device .*, key SHA256:/);
    expect(r.stdout).not.toContain(device.fingerprint);
  });

  it('exits 1 for an unsigned export, even an intact one', async () => {
    const r = run('verify-export.ts', [await writeExport('unsigned.json', 'unsigned')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^NOT SIGNED/m);
  });

  it('exits 1 and names the edited entry for a tampered export', async () => {
    const r = run('verify-export.ts', [await writeExport('tampered.json', 'edit')]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/^OK/m);
    expect(r.stdout).toMatch(/^ {2}seq 2: its contents were changed/m);
    expect(r.stderr).toContain('does not verify');
  });

  it.each<[string, () => string[], RegExp]>([
    ['a file that is not JSON', () => [(writeFileSync(join(dir, 'junk.json'), 'hello'), join(dir, 'junk.json'))], /not valid JSON/],
    ['a missing file', () => [join(dir, 'nope.json')], /ENOENT|no such file/],
    ['no file named', () => [], /Usage/],
  ])('exits 1 with a message on stderr for %s', (_name, args, message) => {
    const r = run('verify-export.ts', args());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toMatch(/^OK/m);
  });
});
