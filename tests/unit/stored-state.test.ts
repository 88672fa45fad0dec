import { describe, expect, it } from 'vitest';
import { readStored, STORED, writeStored } from '../../utils/stored-state';
import { FakeKv } from '../fakes/ports';

describe('stored state', () => {
  const items = Object.entries(STORED);

  it('declares each key once, and names it as its key', () => {
    const keys = items.map(([, item]) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [name, item] of items) expect(item.key).toBe(name);
  });

  it('reads the default when nothing is stored, and what was written after', async () => {
    const local = new FakeKv('local');
    expect(await readStored(local, STORED.exceptions)).toEqual([]);
    expect(await readStored(local, STORED.pinLockout)).toEqual({ failures: 0, lockedUntil: 0 });
    await writeStored(local, STORED.pinLockout, { failures: 2, lockedUntil: 5 });
    expect(await readStored(local, STORED.pinLockout)).toEqual({ failures: 2, lockedUntil: 5 });
  });

  it('hands out a copy of the default, so changing what was read changes nothing stored', async () => {
    const session = new FakeKv('session');
    const first = await readStored(session, STORED.tabAllowances);
    first.push({ tabId: 1, networkId: 'facebook', until: 1, reason: '' });
    expect(await readStored(session, STORED.tabAllowances)).toEqual([]);
  });

  it('refuses an item in the other area (a tab allowance must not outlive the browser session)', async () => {
    const local = new FakeKv('local');
    await expect(writeStored(local, STORED.tabAllowances, [])).rejects.toThrow(/storage\.session/);
    await expect(readStored(new FakeKv('session'), STORED.status)).rejects.toThrow(/storage\.local/);
  });
});
