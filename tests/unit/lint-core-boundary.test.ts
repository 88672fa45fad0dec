import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own ESLint config, run on made-up files: the lint must refuse any attempt to tie
// the pure core to the browser, Dexie, Preact, Node or code outside utils/core.
const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const CORE = 'utils/core/lint-fixture.ts';
const CORE_NESTED = 'utils/core/log/lint-fixture.ts';

describe('the lint keeps utils/core pure', () => {
  it.each([
    ["import { browser } from 'wxt/browser';", 'wxt/browser'],
    ["import { storage } from '#imports';", '#imports'],
    ["import browser from 'webextension-polyfill';", 'webextension-polyfill'],
    ["import Dexie from 'dexie';", 'dexie'],
    ["import { h } from 'preact';", 'preact'],
    ["import { useState } from 'preact/hooks';", 'preact/hooks'],
    ["import { readFileSync } from 'node:fs';", 'node:fs'],
    ["import { createHash } from 'crypto';", 'crypto'],
    ["export { x } from 'dexie';", 'dexie'],
    ["const m = await import('wxt/browser');", 'wxt/browser'],
  ])('refuses %s', async (code, spec) => {
    const messages = await lint(CORE, `${code}\nexport const y = 1;\n`);
    expect(messages.some((m) => m.startsWith('hall-pass/core-boundary') && m.includes(`'${spec}'`))).toBe(true);
  });

  it.each([
    [CORE, "import { Ports } from '../ports';", '../ports'],
    [CORE, "import { enforce } from '../enforcer';", '../enforcer'],
    [CORE, "import { render } from '../../components/BlockPage';", '../../components/BlockPage'],
    [CORE, "import { Ports } from '@/utils/ports';", '@/utils/ports'],
    [CORE_NESTED, "import { HallPassDb } from '../../journal/db';", '../../journal/db'],
    [CORE_NESTED, "import { x } from '../../core-copy/x';", '../../core-copy/x'],
  ])('refuses, in %s, %s (outside utils/core)', async (file, code, spec) => {
    const messages = await lint(file, `${code}\nexport const y = 1;\n`);
    expect(messages).toContain(
      `hall-pass/core-boundary: utils/core must stay pure: '${spec}' is outside utils/core. Move the code into the core or pass it in.`,
    );
  });

  it.each(['browser.runtime.id', 'chrome.storage.local', 'indexedDB.open("x")'])('refuses the global in %s', async (expr) => {
    const messages = await lint(CORE, `export const y = () => ${expr};\n`);
    expect(messages.some((m) => m.startsWith('no-restricted-globals'))).toBe(true);
  });

  it.each([
    [CORE, "import { CATALOGUE } from './catalogue';\nexport { CATALOGUE };"],
    [CORE_NESTED, "import { isSchoolTime } from '../calendar';\nexport { isSchoolTime };"],
    [CORE, "import { z } from 'zod';\nexport { z };"],
  ])('accepts, in %s, %s', async (file, code) => {
    expect(await lint(file, `${code}\n`)).toEqual([]);
  });

  it('leaves the browser glue outside the core free to use the browser', async () => {
    const messages = await lint('utils/lint-fixture.ts', "import { browser } from 'wxt/browser';\nexport const id = () => browser.runtime.id;\n");
    expect(messages).toEqual([]);
  });
});
