/**
 * Noticing that the device clock was moved. Pure.
 *
 * Each time the background runs it reads the wall clock and a steady clock (one that only moves
 * forward, at the speed of time, but starts again with each run of the background). Within one
 * run, the wall clock moving further or less far than the steady one means someone (or something)
 * moved the clock. Between two runs only a move back can be told apart: a clock that went forward
 * looks the same as a device that slept.
 */
import { describeInstant, isSchoolTime } from './calendar';
import type { Policy } from './policy';

/** Smaller moves are ordinary corrections (network time sets a clock by seconds). */
export const CLOCK_JUMP_MS = 2 * 60_000;

export interface ClockReading {
  /** The device's wall clock (ms since 1970). */
  wall: number;
  /** The steady clock, in ms, from the start of this run of the background. */
  steady: number;
  /** Which run of the background took the reading (steady readings compare only within one). */
  run: string;
}

export interface ClockMove {
  /** The wall clock when the move was noticed. */
  at: number;
  /** Where the wall clock would have been without the move. */
  expected: number;
  /** Positive: moved forward; negative: moved back. */
  byMs: number;
}

/** The move between two readings, or null when the clock kept time (or it cannot be told). */
export function clockMove(before: ClockReading | null | undefined, now: ClockReading, thresholdMs = CLOCK_JUMP_MS): ClockMove | null {
  if (!before || !Number.isFinite(before.wall) || !Number.isFinite(now.wall)) return null;
  const wallElapsed = now.wall - before.wall;
  const sameRun = before.run === now.run && Number.isFinite(before.steady) && now.steady >= before.steady;
  // Between runs the steady clock is unknown: only time running backwards gives a move away.
  const steadyElapsed = sameRun ? now.steady - before.steady : Math.max(0, wallElapsed);
  const byMs = wallElapsed - steadyElapsed;
  if (Math.abs(byMs) < thresholdMs) return null;
  return { at: now.wall, expected: now.wall - byMs, byMs };
}

/** "2 h 5 min", "3 min", "1 day 2 h". */
export function describeDuration(ms: number): string {
  const total = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  const parts = [days > 0 ? `${days} day${days === 1 ? '' : 's'}` : '', h > 0 ? `${h} h` : '', m > 0 || total === 0 ? `${m} min` : ''];
  return parts.filter(Boolean).join(' ');
}

/**
 * What the log and the status page say about a move: its size and direction, the clock before
 * and after, and whether it crossed into or out of school time.
 */
export function describeClockMove(move: ClockMove, policy: Policy): string {
  const way = move.byMs > 0 ? 'forward' : 'back';
  const from = describeInstant(move.expected, policy.timezone, move.expected);
  const to = describeInstant(move.at, policy.timezone, move.expected);
  const before = isSchoolTime(move.expected, policy);
  const after = isSchoolTime(move.at, policy);
  const crossed = before === after ? '' : after ? '; it is now school time' : '; it is now outside school hours';
  return `The device clock moved ${way} by ${describeDuration(move.byMs)} (from ${from} to ${to})${crossed}.`;
}

/** The status page's line on the device clock. */
export function clockLine(move: ClockMove | undefined, policy: Policy, now: number): string {
  if (!move) return 'No move of the device clock noticed.';
  return `${describeClockMove(move, policy)} Noticed ${describeInstant(move.at, policy.timezone, now)}.`;
}

/** The status page's clock line as a code, for a page in another language (words in `checks.clock`). */
export type ClockMsg =
  { code: 'none' } | { code: 'moved'; forward: boolean; byMs: number; from: number; to: number; crossed: 'none' | 'into' | 'out'; timezone: string };

export function clockMsg(move: ClockMove | undefined, policy: Policy): ClockMsg {
  if (!move) return { code: 'none' };
  const before = isSchoolTime(move.expected, policy);
  const after = isSchoolTime(move.at, policy);
  return {
    code: 'moved',
    forward: move.byMs > 0,
    byMs: Math.abs(move.byMs),
    from: move.expected,
    to: move.at,
    crossed: before === after ? 'none' : after ? 'into' : 'out',
    timezone: policy.timezone,
  };
}
