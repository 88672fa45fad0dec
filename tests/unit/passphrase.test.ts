import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIN_ITERATIONS, hashPassphrase, verifyPassphrase } from '../../utils/core/passphrase';
import { PASSPHRASE_HASH_PATTERN, parsePolicy } from '../../utils/core/policy';

const PHRASE = 'correct horse battery';
const SALT = Uint8Array.from({ length: 16 }, (_, i) => i);

describe('passphrase hashing (real 600,000 iterations: few hashes on purpose)', () => {
  // One hash made once; each test below costs at most one more PBKDF2 run.
  const stored = hashPassphrase(PHRASE);

  it('has the documented format, which the policy parser accepts', async () => {
    const h = await stored;
    expect(h).toMatch(PASSPHRASE_HASH_PATTERN);
    const [, iterations, salt, hash] = h.split('$');
    expect(Number(iterations)).toBe(MIN_ITERATIONS);
    expect(MIN_ITERATIONS).toBe(600_000);
    expect(salt).toHaveLength(24);
    expect(hash).toHaveLength(44);
    const parsed = parsePolicy({ dsl: { passphraseHash: h } });
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy.dsl.passphraseHash).toBe(h);
  });

  it('round trips, and a wrong passphrase is refused', async () => {
    expect(await verifyPassphrase(PHRASE, await stored)).toBe(true);
    expect(await verifyPassphrase('correct horse battery!', await stored)).toBe(false);
  });

  it('uses a fresh random salt each time', async () => {
    const again = await hashPassphrase(PHRASE);
    expect(again).not.toBe(await stored);
  });

  it('is deterministic for a given salt, and treats composed and decomposed é alike', async () => {
    const a = await hashPassphrase('caf\u00e9 au lait', { salt: SALT });
    // Checked against Node's own PBKDF2, not against our code.
    const expected = pbkdf2Sync(Buffer.from('caf\u00e9 au lait', 'utf8'), SALT, 600_000, 32, 'sha256').toString('base64');
    expect(a).toBe(`pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw==$${expected}`);
    expect(await verifyPassphrase('cafe\u0301 au lait', a)).toBe(true);
  });

  it('refuses a tampered hash or salt', async () => {
    const h = await stored;
    const [prefix, iterations, salt, hash] = h.split('$') as [string, string, string, string];
    const flip = (s: string): string => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(await verifyPassphrase(PHRASE, [prefix, iterations, salt, flip(hash)].join('$'))).toBe(false);
    expect(await verifyPassphrase(PHRASE, [prefix, iterations, flip(salt), hash].join('$'))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['not a hash', 'correct horse battery'],
    ['wrong algorithm', 'pbkdf2-sha1$600000$AAECAwQFBgcICQoLDA0ODw==$' + 'A'.repeat(43) + '='],
    ['too few iterations', 'pbkdf2-sha256$599999$AAECAwQFBgcICQoLDA0ODw==$' + 'A'.repeat(43) + '='],
    ['100,000 iterations', 'pbkdf2-sha256$100000$AAECAwQFBgcICQoLDA0ODw==$' + 'A'.repeat(43) + '='],
    ['iterations not digits', 'pbkdf2-sha256$6e5$AAECAwQFBgcICQoLDA0ODw==$' + 'A'.repeat(43) + '='],
    ['missing part', 'pbkdf2-sha256$600000$' + 'A'.repeat(43) + '='],
    ['extra part', 'pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw==$' + 'A'.repeat(43) + '=$x'],
    ['bad base64 padding', 'pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw=$' + 'A'.repeat(43) + '='],
    ['short hash', 'pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw==$' + 'A'.repeat(40)],
    ['short salt', 'pbkdf2-sha256$600000$AAECAwQFBgcICQ==$' + 'A'.repeat(43) + '='],
  ])('refuses a malformed stored value (%s) without hashing', async (_name, bad) => {
    const t = performance.now();
    expect(await verifyPassphrase(PHRASE, bad)).toBe(false);
    // Refused by parsing, not by a slow mismatch.
    expect(performance.now() - t).toBeLessThan(100);
  });

  it.each([[1000], [599_999]])('refuses a genuine hash made with only %i iterations', async (n) => {
    const hash = pbkdf2Sync(PHRASE, SALT, n, 32, 'sha256').toString('base64');
    const weak = `pbkdf2-sha256$${String(n).padStart(6, '0')}$${Buffer.from(SALT).toString('base64')}$${hash}`;
    expect(await verifyPassphrase(PHRASE, weak)).toBe(false);
  });

  it('refuses a real hash whose iteration count was lowered', async () => {
    const h = await stored;
    expect(await verifyPassphrase(PHRASE, h.replace('$600000$', '$060000$'))).toBe(false);
    expect(await verifyPassphrase(PHRASE, h.replace('$600000$', '$1000$'))).toBe(false);
  });

  it.each([[''], ['short'], ['1234567'], ['\u00e9\u00e9\u00e9\u00e9']])('rejects the passphrase %j as too short', async (p) => {
    await expect(hashPassphrase(p)).rejects.toThrow('at least 8 characters');
  });

  it('rejects fewer iterations than the minimum', async () => {
    await expect(hashPassphrase(PHRASE, { iterations: 1000 })).rejects.toThrow(/600000/);
  });
});
