/**
 * What the block and warning pages load, read from the built extension: not the policy parser and
 * not its validation library, not the adults' pages' words, and within a generous bound (npm run bench prints the real sizes).
 */
import { test, expect } from '@playwright/test';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EXTENSION_DIR } from '../support/chromium';
import { pageBytes } from '../../../bench/page-bytes';

for (const page of ['blocked.html', 'warn.html']) {
  test(`${page} loads neither the policy parser nor zod`, async () => {
    const loaded = await pageBytes(EXTENSION_DIR, page);
    expect(loaded.files.some((f) => f.endsWith('.js'))).toBe(true);
    for (const file of loaded.files.filter((f) => f.endsWith('.js'))) {
      const code = await fs.readFile(path.join(EXTENSION_DIR, file), 'utf8');
      expect(code, `${file} carries zod`).not.toContain('ZodError');
      // One of parsePolicy's own problem texts.
      expect(code, `${file} carries the policy parser`).not.toContain('unknown key');
      // The adults' own pages' catalogue (status, DSL, builder) is theirs alone.
      expect(code, `${file} carries the adults' catalogue`).not.toContain('Hall Pass policy builder');
    }
    expect(loaded.scriptBytes).toBeLessThan(100 * 1024);
  });
}

test('the parser and zod are in the build (the checks above would mean nothing otherwise)', async () => {
  const all = await fs.readdir(path.join(EXTENSION_DIR, 'chunks'));
  const texts = await Promise.all(all.map((f) => fs.readFile(path.join(EXTENSION_DIR, 'chunks', f), 'utf8')));
  expect(texts.some((t) => t.includes('ZodError'))).toBe(true);
  expect(texts.some((t) => t.includes('unknown key'))).toBe(true);
});
