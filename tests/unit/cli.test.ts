import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chainEntries } from '../../utils/core/log/chain';
import { toJsonExport } from '../../utils/core/log/export';
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

async function writeExport(name: string, tamper: boolean): Promise<string> {
  const entries = await chainEntries('0'.repeat(64), [data(1), data(2, 'someone sent me a horrible message'), data(3)]);
  if (tamper) entries[1]!.text = 'nothing happened';
  const last = entries.at(-1)!;
  const file = join(dir, name);
  writeFileSync(
    file,
    toJsonExport({
      exportedAt: '2026-11-24T16:00:00.000Z',
      school: 'Ash Grove Academy',
      device: 'ICT Suite PC 12',
      filters: {},
      range: { from: null, to: null },
      head: { seq: last.seq, hash: last.hash },
      checkpoints: [],
      verification: { ok: true, summary: 'Intact' },
      entries,
    }),
  );
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
  it('exits 0 and says OK for an intact export', async () => {
    const r = run('verify-export.ts', [await writeExport('intact.json', false)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: /m);
    expect(r.stdout).toContain('Intact');
  });

  it('exits 1 and names the edited entry for a tampered export', async () => {
    const r = run('verify-export.ts', [await writeExport('tampered.json', true)]);
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
