import { describe, expect, it } from 'vitest';
import { serialQueue } from '../../utils/core/serial-queue';

/** A task that records when it starts and ends, and finishes when told to. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const task = async () => {
    log.push(`${name} start`);
    await opened;
    log.push(`${name} end`);
    return name;
  };
  return { task, open };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('serialQueue', () => {
  it('runs one task at a time, in the order queued, whatever order they would finish in', async () => {
    const serial = serialQueue();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const c = gate(log, 'c');
    const results = [serial(a.task), serial(b.task), serial(c.task)];
    await tick();
    c.open();
    b.open();
    await tick();
    expect(log).toEqual(['a start']); // b and c wait for a, although they could finish
    a.open();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('never has two tasks running at once', async () => {
    const serial = serialQueue();
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
    };
    await Promise.all(Array.from({ length: 20 }, () => serial(task)));
    expect(most).toBe(1);
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('boom'))],
    [
      'throws before returning a promise',
      () => {
        throw new Error('boom');
      },
    ],
  ])('a task that %s fails alone: the next task still runs', async (_how, bad) => {
    const serial = serialQueue();
    const failed = serial(bad as () => Promise<never>);
    const next = serial(async () => 'next ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next ran');
  });

  it('keeps separate queues apart', async () => {
    const one = serialQueue();
    const two = serialQueue();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const done = [one(a.task), two(b.task)];
    await tick();
    expect(log).toEqual(['a start', 'b start']);
    a.open();
    b.open();
    await Promise.all(done);
  });
});
