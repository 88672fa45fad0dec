/**
 * Runs async tasks one at a time, in the order they were queued. A task that fails (or throws at
 * once) rejects its own promise only; the next task still runs. A task must not wait for another
 * task queued on the same queue: that one starts only after it ends.
 */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
