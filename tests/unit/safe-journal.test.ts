import { describe, expect, it } from 'vitest';
import { SafeJournal, LOG_HEALTH_KEY, type LogHealth } from '../../utils/journal/safe-journal';
import { STORED } from '../../utils/stored-state';
import type { NewLogEvent } from '../../utils/core/log/types';
import type { JournalPort } from '../../utils/ports';
import { FakeKv } from '../fakes/ports';
import { newEvent } from '../fakes/log-entries';

const PARKED_KEY = STORED.logParked.key;

const ev = (n: number): NewLogEvent => newEvent({ at: n, user: 'unknown', url: `https://facebook.com/${n}`, networkId: 'facebook', networkName: 'Facebook' });

/** A journal whose disk can be made full. */
class FlakyJournal implements JournalPort {
  written: number[] = [];
  full = false;
  /** Events whose first write fails. */
  failOnce = new Set<number>();
  async append(event: NewLogEvent) {
    await Promise.resolve();
    if (this.full || this.failOnce.delete(event.at)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.written.push(event.at);
  }
}

describe('SafeJournal', () => {
  it('parks events while the database fails, says so, and writes them in order once it works again', async () => {
    const inner = new FlakyJournal();
    const kv = new FakeKv();
    const journal = new SafeJournal(inner, kv, () => 1000);
    await journal.append(ev(1), false);
    inner.full = true;
    await journal.append(ev(2), false);
    await journal.append(ev(3), false);
    expect(inner.written).toEqual([1]);
    expect(await kv.get<LogHealth>(LOG_HEALTH_KEY)).toMatchObject({ ok: false, parked: 2, since: 1000 });
    expect((await kv.get<LogHealth>(LOG_HEALTH_KEY))!.error).toContain('quota');

    inner.full = false;
    await journal.append(ev(4), false);
    expect(inner.written).toEqual([1, 2, 3, 4]);
    expect(await kv.get(PARKED_KEY)).toEqual([]);
    expect(await kv.get<LogHealth>(LOG_HEALTH_KEY)).toEqual({ ok: true, error: null, since: null, parked: 0 });
  });

  it('retry() writes parked events without a new one', async () => {
    const inner = new FlakyJournal();
    const kv = new FakeKv();
    const journal = new SafeJournal(inner, kv);
    inner.full = true;
    await journal.append(ev(1), true);
    inner.full = false;
    await journal.retry();
    expect(inner.written).toEqual([1]);
  });

  it('loses nothing when many appends race a failure', async () => {
    const inner = new FlakyJournal();
    const kv = new FakeKv();
    const journal = new SafeJournal(inner, kv);
    const all = Array.from({ length: 50 }, (_, i) => i + 1);
    inner.failOnce = new Set([20, 21, 35]);
    await Promise.all(all.map((n) => journal.append(ev(n), false)));
    expect(inner.written).toEqual(all);
    expect(await kv.get(PARKED_KEY)).toEqual([]);
  });

  it('an attempt written while all is well costs no storage read or write of its own after the first', async () => {
    const inner = new FlakyJournal();
    const kv = new FakeKv();
    const journal = new SafeJournal(inner, kv);
    await journal.append(ev(1), false);
    const calls: string[] = [];
    const get = kv.get.bind(kv);
    const set = kv.set.bind(kv);
    kv.get = (key) => (calls.push(`get ${key}`), get(key));
    kv.set = (key, value) => (calls.push(`set ${key}`), set(key, value));
    for (let n = 2; n <= 5; n++) await journal.append(ev(n), false);
    expect(calls).toEqual([]);
    // A failure is still parked and shown, and the recovery written back, as before.
    inner.full = true;
    await journal.append(ev(6), false);
    expect(await get(PARKED_KEY)).toHaveLength(1);
    expect(await get<LogHealth>(LOG_HEALTH_KEY)).toMatchObject({ ok: false, parked: 1 });
    inner.full = false;
    await journal.append(ev(7), false);
    expect(inner.written).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await get(PARKED_KEY)).toEqual([]);
    expect(await get<LogHealth>(LOG_HEALTH_KEY)).toEqual({ ok: true, error: null, since: null, parked: 0 });
  });

  it('a new background finds what the last one parked', async () => {
    const inner = new FlakyJournal();
    const kv = new FakeKv();
    inner.full = true;
    await new SafeJournal(inner, kv).append(ev(1), false);
    inner.full = false;
    await new SafeJournal(inner, kv).append(ev(2), false);
    expect(inner.written).toEqual([1, 2]);
    expect(await kv.get(PARKED_KEY)).toEqual([]);
  });
});
