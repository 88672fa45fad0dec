/**
 * Notices the device clock moving: compares this reading (wall clock and this run's steady clock)
 * with the last one. Runs on every refresh, so at least once a minute on the safety alarm; a move
 * is kept for the status page.
 */
import { clockMove, type ClockMove, type ClockReading } from './core/clock';
import type { KvPort } from './ports';
import { readStored, STORED, writeStored } from './stored-state';

/** `now`: the move just noticed (log it once), or null; `last`: the last move ever noticed. */
export async function noticeClockMove(local: KvPort, reading: ClockReading): Promise<{ now: ClockMove | null; last: ClockMove | undefined }> {
  const [before, last] = await Promise.all([readStored(local, STORED.clockReading), readStored(local, STORED.clockMoved)]);
  await writeStored(local, STORED.clockReading, reading);
  const move = clockMove(before, reading);
  if (!move) return { now: null, last };
  await writeStored(local, STORED.clockMoved, move);
  return { now: move, last: move };
}
