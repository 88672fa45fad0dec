import { describe, expect, it } from 'vitest';
import { CLOCK_JUMP_MS, clockMove, describeClockMove, describeDuration, type ClockReading } from '../../utils/core/clock';
import { parsePolicy } from '../../utils/core/policy';
import { MINUTE as MIN } from '../helpers/time';

const T0 = Date.UTC(2026, 10, 24, 10, 0); // Tuesday 10:00 in London (GMT)
const r = (wall: number, steady: number, run = 'a'): ClockReading => ({ wall, steady, run });

describe('clockMove', () => {
  it.each<[string, ClockReading | null, ClockReading, number | null]>([
    ['no earlier reading', null, r(T0, 0), null],
    ['a minute on both clocks', r(T0, 0), r(T0 + MIN, MIN), null],
    ['a correction of a few seconds', r(T0, 0), r(T0 + MIN + 5000, MIN), null],
    ['just under the threshold', r(T0, 0), r(T0 + MIN + CLOCK_JUMP_MS - 1, MIN), null],
    ['at the threshold, forward', r(T0, 0), r(T0 + MIN + CLOCK_JUMP_MS, MIN), CLOCK_JUMP_MS],
    ['forward past the end of school hours', r(T0, 0), r(T0 + 6 * 60 * MIN, MIN), 6 * 60 * MIN - MIN],
    ['back an hour within one run', r(T0, 0), r(T0 - 60 * MIN + MIN, MIN), -60 * MIN],
    ['back an hour across runs', r(T0, 50, 'a'), r(T0 - 60 * MIN, 3, 'b'), -60 * MIN],
    ['forward across runs: cannot be told from a device that slept', r(T0, 50, 'a'), r(T0 + 6 * 60 * MIN, 3, 'b'), null],
    ['a steady clock that went backwards is another run', r(T0, 5000, 'a'), r(T0 - 10 * MIN, 10, 'a'), -10 * MIN],
    ['an earlier reading with no steady clock', r(T0, Number.NaN, 'unknown'), r(T0 - 10 * MIN, Number.NaN, 'unknown'), -10 * MIN],
    ['garbage before', { wall: Number.NaN, steady: 0, run: 'a' }, r(T0, 0), null],
  ])('%s', (_name, before, now, byMs) => {
    const move = clockMove(before, now);
    expect(move?.byMs ?? null).toBe(byMs);
    if (move) expect(move.at - move.expected).toBe(move.byMs);
  });
});

describe('describing a move', () => {
  const policy = parsePolicy({}).policy;
  it.each<[number, string]>([
    [0, '0 min'],
    [3 * MIN, '3 min'],
    [-(2 * 60 + 5) * MIN, '2 h 5 min'],
    [(26 * 60 + 3) * MIN, '1 day 2 h 3 min'],
    [3 * 24 * 60 * MIN, '3 days'],
  ])('%i ms: %s', (ms, text) => expect(describeDuration(ms)).toBe(text));

  it.each<[number, number, string]>([
    [T0, T0 + 6 * 60 * MIN, 'The device clock moved forward by 6 h (from 10:00 to 16:00); it is now outside school hours.'],
    [T0 + 6 * 60 * MIN, T0, 'The device clock moved back by 6 h (from 16:00 to 10:00); it is now school time.'],
    [T0, T0 + 30 * MIN, 'The device clock moved forward by 30 min (from 10:00 to 10:30).'],
  ])('from %i to %i', (expected, at, text) => {
    expect(describeClockMove({ expected, at, byMs: at - expected }, policy)).toBe(text);
  });
});
