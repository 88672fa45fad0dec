/** Time for tests: Date.UTC with a 1-based month, so the tables read like the calendar, and the units. */
export const utc = (y: number, month: number, d: number, h = 0, min = 0, s = 0): number => Date.UTC(y, month - 1, d, h, min, s);

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Tuesday 24 November 2026, 10:00 UTC (10:00 in London, GMT): inside the default school day. The tests' usual "now". */
export const TUESDAY_10AM = utc(2026, 11, 24, 10);
