import { describe, expect, it } from 'vitest';
import {
  closedRangeFor,
  describeInstant,
  isIsoDate,
  isSchoolTime,
  isValidTimeZone,
  localTime,
  nextChange,
  nextInstantWhere,
  parseClock,
  zonedInstant,
} from '../../utils/core/calendar';
import type { Calendar, SchoolHours, Weekday } from '../../utils/core/types';
import { utc } from '../helpers/time';

const clock = (h: number, min = 0, s = 0): number => h * 3600 + min * 60 + s;

const WEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/**
 * 2026 facts the tables rely on: London goes GMT→BST on Sun 29 Mar at 01:00 UTC
 * and back on Sun 25 Oct at 01:00 UTC; 10 Jun is a Wednesday; 21 Dec is a
 * Monday and 4 Jan 2027 the first Monday after the holiday.
 */
const LONDON: Calendar = {
  timezone: 'Europe/London',
  schoolHours: [{ days: WEEK, start: '08:30', end: '15:30' }],
  closedDates: [
    { from: '2026-12-21', to: '2027-01-01', label: 'Christmas holidays' },
    { from: '2026-06-10', to: '2026-06-10', label: 'INSET day' },
  ],
};

const withHours = (timezone: string, schoolHours: SchoolHours[], closedDates: Calendar['closedDates'] = []): Calendar => ({
  timezone,
  schoolHours,
  closedDates,
});

describe('parseClock', () => {
  it.each([
    ['08:30', 30_600],
    ['8:30', 30_600],
    ['00:00', 0],
    ['23:59', clock(23, 59)],
    ['23:59:59', 86_399],
    ['08:30:15', clock(8, 30, 15)],
    ['24:00', null],
    ['25:00', null],
    ['08:60', null],
    ['08:30:60', null],
    ['', null],
    ['0830', null],
    ['08:3', null],
    ['123:00', null],
    ['-1:00', null],
    [' 08:30', null],
    ['08:30 ', null],
    ['8:30am', null],
    [830, null],
    [null, null],
    [undefined, null],
  ] as const)('parseClock(%j) = %j', (input, expected) => {
    expect(parseClock(input)).toBe(expected);
  });

  // "24:00" is only meaningful as an exclusive end: the instant the day ends.
  it.each([
    ['24:00', 86_400],
    ['24:00:00', 86_400],
    ['24:01', null],
    ['24:00:01', null],
    ['15:30', clock(15, 30)],
  ] as const)('parseClock(%j, end of day allowed) = %j', (input, expected) => {
    expect(parseClock(input, { allowEndOfDay: true })).toBe(expected);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2026-01-05', true],
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2100-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-5', false],
    ['2026-01-05T00:00', false],
    ['', false],
    [20_260_105, false],
  ] as const)('isIsoDate(%j) = %j', (input, expected) => {
    expect(isIsoDate(input)).toBe(expected);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/London', true],
    ['America/New_York', true],
    ['Australia/Sydney', true],
    ['UTC', true],
    ['', false],
    ['Europe/Lndon', false],
    ['Mars/Olympus_Mons', false],
    ['not a zone', false],
    [' Europe/London', false],
    // Some engines accept offsets, but a fixed offset silently ignores summer time.
    ['+01:00', false],
    [42, false],
  ] as const)('isValidTimeZone(%j) = %j', (input, expected) => {
    expect(isValidTimeZone(input)).toBe(expected);
  });
});

describe('localTime', () => {
  it.each([
    ['last GMT second before spring forward', utc(2026, 3, 29, 0, 59, 59), 'Europe/London', '2026-03-29', 'sun', clock(0, 59, 59)],
    ['first BST second: the wall clock jumps to 02:00', utc(2026, 3, 29, 1), 'Europe/London', '2026-03-29', 'sun', clock(2)],
    ['BST evening is already the next local day', utc(2026, 6, 9, 23, 30), 'Europe/London', '2026-06-10', 'wed', clock(0, 30)],
    ['Sydney Monday morning is Sunday in UTC', utc(2026, 4, 5, 22, 45), 'Australia/Sydney', '2026-04-06', 'mon', clock(8, 45)],
    ['New York evening is the next day in UTC', utc(2026, 1, 6, 3, 15), 'America/New_York', '2026-01-05', 'mon', clock(22, 15)],
    ['milliseconds are dropped, not rounded', utc(2026, 1, 5, 8, 29, 59) + 999, 'Europe/London', '2026-01-05', 'mon', clock(8, 29, 59)],
  ] as const)('%s', (_why, instant, tz, date, weekday, seconds) => {
    expect(localTime(instant, tz)).toEqual({ date, weekday, seconds });
  });

  it('throws on an unknown timezone rather than guessing', () => {
    expect(() => localTime(0, 'Europe/Lndon')).toThrow(RangeError);
  });
});

describe('zonedInstant', () => {
  it.each([
    ['winter (GMT)', '2026-03-27', clock(15, 30), 'Europe/London', utc(2026, 3, 27, 15, 30)],
    ['summer (BST)', '2026-03-30', clock(8, 30), 'Europe/London', utc(2026, 3, 30, 7, 30)],
    ['gap: 01:00 does not exist, read as GMT = 02:00 BST', '2026-03-29', clock(1), 'Europe/London', utc(2026, 3, 29, 1)],
    ['gap: 01:30 does not exist, read as GMT = 02:30 BST', '2026-03-29', clock(1, 30), 'Europe/London', utc(2026, 3, 29, 1, 30)],
    ['just after the gap', '2026-03-29', clock(2), 'Europe/London', utc(2026, 3, 29, 1)],
    ['ambiguous 01:30: the earlier (BST) instant', '2026-10-25', clock(1, 30), 'Europe/London', utc(2026, 10, 25, 0, 30)],
    ['ambiguous 01:00: the earlier (BST) instant', '2026-10-25', clock(1), 'Europe/London', utc(2026, 10, 25, 0)],
    ['after the repeated hour', '2026-10-25', clock(2), 'Europe/London', utc(2026, 10, 25, 2)],
    ['before the repeated hour', '2026-10-25', clock(0, 30), 'Europe/London', utc(2026, 10, 24, 23, 30)],
    ['24:00 is the next midnight (still GMT)', '2026-03-28', 86_400, 'Europe/London', utc(2026, 3, 29)],
    ['24:00 is the next midnight (now BST)', '2026-03-29', 86_400, 'Europe/London', utc(2026, 3, 29, 23)],
    ['New York gap: 02:30 read as EST = 03:30 EDT', '2026-03-08', clock(2, 30), 'America/New_York', utc(2026, 3, 8, 7, 30)],
    ['New York ambiguous 01:30: the earlier (EDT)', '2026-11-01', clock(1, 30), 'America/New_York', utc(2026, 11, 1, 5, 30)],
    ['Sydney summer (AEDT, +11)', '2026-01-05', clock(8, 45), 'Australia/Sydney', utc(2026, 1, 4, 21, 45)],
  ] as const)('%s', (_why, date, seconds, tz, expected) => {
    expect(zonedInstant(date, seconds, tz)).toBe(expected);
  });

  it.each(['2026-02-30', '2026-3-29', ''])('rejects the non-date %j', (date) => {
    expect(() => zonedInstant(date, 0, 'Europe/London')).toThrow(RangeError);
  });
});

describe('closedRangeFor', () => {
  it.each([
    ['2026-12-20', null],
    ['2026-12-21', 'Christmas holidays'],
    ['2026-12-25', 'Christmas holidays'],
    ['2027-01-01', 'Christmas holidays'],
    ['2027-01-02', null],
    ['2026-06-10', 'INSET day'],
    ['2026-06-11', null],
  ] as const)('%s → %s', (date, label) => {
    expect(closedRangeFor(date, LONDON)?.label ?? null).toBe(label);
  });
});

describe('isSchoolTime (London, Mon–Fri 08:30–15:30)', () => {
  it.each([
    ['Wed 14 Jan 08:29:59', utc(2026, 1, 14, 8, 29, 59), false],
    ['Wed 14 Jan 08:30 (start is inclusive)', utc(2026, 1, 14, 8, 30), true],
    ['Wed 14 Jan 12:00', utc(2026, 1, 14, 12), true],
    ['Wed 14 Jan 15:29:59', utc(2026, 1, 14, 15, 29, 59), true],
    ['Wed 14 Jan 15:30 (end is exclusive)', utc(2026, 1, 14, 15, 30), false],
    ['Wed 14 Jan 03:00', utc(2026, 1, 14, 3), false],
    ['Sat 17 Jan 12:00', utc(2026, 1, 17, 12), false],
    ['Sun 18 Jan 12:00', utc(2026, 1, 18, 12), false],
    ['Fri 18 Dec 10:00, last day before Christmas', utc(2026, 12, 18, 10), true],
    ['Mon 21 Dec 10:00, first closed day', utc(2026, 12, 21, 10), false],
    ['Fri 1 Jan 2027 10:00, last closed day', utc(2027, 1, 1, 10), false],
    ['Mon 4 Jan 2027 10:00, back to school', utc(2027, 1, 4, 10), true],
    ['Tue 9 Jun 10:00 BST, day before INSET', utc(2026, 6, 9, 9), true],
    ['Wed 10 Jun 10:00 BST, INSET day', utc(2026, 6, 10, 9), false],
    ['Thu 11 Jun 10:00 BST, day after INSET', utc(2026, 6, 11, 9), true],
    // Spring forward: the same wall times move an hour earlier in UTC.
    ['Fri 27 Mar 15:29 GMT', utc(2026, 3, 27, 15, 29), true],
    ['Fri 27 Mar 15:30 GMT', utc(2026, 3, 27, 15, 30), false],
    ['Mon 30 Mar 08:29:59 BST', utc(2026, 3, 30, 7, 29, 59), false],
    ['Mon 30 Mar 08:30 BST', utc(2026, 3, 30, 7, 30), true],
    ['Mon 30 Mar 15:29:59 BST', utc(2026, 3, 30, 14, 29, 59), true],
    ['Mon 30 Mar 15:30 BST', utc(2026, 3, 30, 14, 30), false],
    // Fall back: and an hour later again.
    ['Fri 23 Oct 08:30 BST', utc(2026, 10, 23, 7, 30), true],
    ['Fri 23 Oct 15:30 BST', utc(2026, 10, 23, 14, 30), false],
    ['Mon 26 Oct 08:29:59 GMT', utc(2026, 10, 26, 8, 29, 59), false],
    ['Mon 26 Oct 08:30 GMT', utc(2026, 10, 26, 8, 30), true],
    ['Mon 26 Oct 15:29:59 GMT', utc(2026, 10, 26, 15, 29, 59), true],
  ])('%s → %s', (_when, instant, expected) => {
    expect(isSchoolTime(instant, LONDON)).toBe(expected);
  });
});

describe('nextChange (London, Mon–Fri 08:30–15:30)', () => {
  it.each([
    ['one second before the bell', utc(2026, 1, 14, 8, 29, 59), utc(2026, 1, 14, 8, 30)],
    ['at the start: strictly after, so the end of the day', utc(2026, 1, 14, 8, 30), utc(2026, 1, 14, 15, 30)],
    ['at the end: strictly after, so the next morning', utc(2026, 1, 14, 15, 30), utc(2026, 1, 15, 8, 30)],
    ['over a weekend', utc(2026, 1, 16, 15, 30), utc(2026, 1, 19, 8, 30)],
    ['from Saturday midnight', utc(2026, 1, 17), utc(2026, 1, 19, 8, 30)],
    ['over the INSET day', utc(2026, 6, 9, 14, 30), utc(2026, 6, 11, 7, 30)],
    ['over the Christmas closure', utc(2026, 12, 18, 15, 30), utc(2027, 1, 4, 8, 30)],
    ['from inside the Christmas closure', utc(2026, 12, 23, 10), utc(2027, 1, 4, 8, 30)],
    ['Friday before spring forward ends in GMT', utc(2026, 3, 27, 12), utc(2026, 3, 27, 15, 30)],
    ['weekend of spring forward: Monday starts in BST', utc(2026, 3, 27, 15, 30), utc(2026, 3, 30, 7, 30)],
    ['first BST school day ends 15:30 BST', utc(2026, 3, 30, 7, 30), utc(2026, 3, 30, 14, 30)],
    ['weekend of fall back: Monday starts in GMT', utc(2026, 10, 23, 14, 30), utc(2026, 10, 26, 8, 30)],
    ['from inside the repeated hour', utc(2026, 10, 25, 1, 15), utc(2026, 10, 26, 8, 30)],
  ])('%s', (_why, instant, expected) => {
    expect(nextChange(instant, LONDON)).toBe(expected);
  });
});

describe('nextChange in other timezones', () => {
  const NEW_YORK = withHours('America/New_York', [{ days: WEEK, start: '08:00', end: '15:00' }]);
  // Sydney's clocks go back on Sun 5 Apr 2026 (AEDT +11 → AEST +10).
  const SYDNEY = withHours('Australia/Sydney', [{ days: WEEK, start: '08:45', end: '15:15' }]);

  it.each([
    ['New York, Fri 6 Mar 15:00 EST → Mon 9 Mar 08:00 EDT', NEW_YORK, utc(2026, 3, 6, 20), utc(2026, 3, 9, 12)],
    ['New York, Fri 30 Oct 15:00 EDT → Mon 2 Nov 08:00 EST', NEW_YORK, utc(2026, 10, 30, 19), utc(2026, 11, 2, 13)],
    ['Sydney, Fri 3 Apr 15:15 AEDT → Mon 6 Apr 08:45 AEST (Sunday in UTC)', SYDNEY, utc(2026, 4, 3, 4, 15), utc(2026, 4, 5, 22, 45)],
    ['Sydney, Mon 6 Apr 08:45 AEST → 15:15 AEST', SYDNEY, utc(2026, 4, 5, 22, 45), utc(2026, 4, 6, 5, 15)],
  ])('%s', (_why, cal, instant, expected) => {
    expect(nextChange(instant, cal)).toBe(expected);
  });

  it.each([
    ['New York Mon 9 Mar 07:59:59 EDT', NEW_YORK, utc(2026, 3, 9, 11, 59, 59), false],
    ['New York Mon 9 Mar 08:00 EDT', NEW_YORK, utc(2026, 3, 9, 12), true],
    ['Sydney Sunday-in-UTC is Monday school', SYDNEY, utc(2026, 4, 5, 23), true],
    ['Sydney Friday-in-UTC is Saturday', SYDNEY, utc(2026, 4, 3, 23), false],
  ])('isSchoolTime: %s → %s', (_why, cal, instant, expected) => {
    expect(isSchoolTime(instant, cal)).toBe(expected);
  });
});

describe('several entries and unusual hours', () => {
  const LUNCH = withHours('Europe/London', [
    { days: WEEK, start: '08:30', end: '12:00' },
    { days: WEEK, start: '13:00', end: '15:30' },
  ]);
  // Admins may list entries in any order.
  const LUNCH_REVERSED = withHours('Europe/London', [...LUNCH.schoolHours].reverse());
  // Touching entries must read as one session, not a change at 12:00.
  const TOUCHING = withHours('Europe/London', [
    { days: WEEK, start: '08:30', end: '12:00' },
    { days: WEEK, start: '12:00', end: '15:30' },
  ]);
  const EARLY_WEDNESDAY = withHours('Europe/London', [
    { days: ['mon', 'tue', 'thu', 'fri'], start: '08:30', end: '15:30' },
    { days: ['wed'], start: '8:30', end: '13:00' },
  ]);
  const ALL_DAY = withHours(
    'Europe/London',
    [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' }],
    [{ from: '2026-06-10', to: '2026-06-10', label: 'INSET day' }],
  );
  // An evening session that runs past midnight, written as two entries.
  const LATE = withHours('Europe/London', [
    { days: ['fri'], start: '20:00', end: '24:00' },
    { days: ['sat'], start: '00:00', end: '02:00' },
  ]);
  // Sessions placed on the clock changes themselves (01:00–02:00 is skipped in
  // March and played twice in October).
  const SMALL_HOURS = withHours('Europe/London', [{ days: ['sun'], start: '00:30', end: '01:30' }]);

  it.each([
    ['lunch: 11:59:59 is school', LUNCH, utc(2026, 1, 14, 11, 59, 59), true],
    ['lunch: 12:00 is not', LUNCH, utc(2026, 1, 14, 12), false],
    ['lunch: 12:59:59 is not', LUNCH, utc(2026, 1, 14, 12, 59, 59), false],
    ['lunch: 13:00 is school', LUNCH, utc(2026, 1, 14, 13), true],
    ['early Wednesday: 13:00 is over', EARLY_WEDNESDAY, utc(2026, 1, 14, 13), false],
    ['early Wednesday: Thursday 13:00 is not', EARLY_WEDNESDAY, utc(2026, 1, 15, 13), true],
    ['24:00: the last second of Saturday is school', ALL_DAY, utc(2026, 1, 17, 23, 59, 59), true],
    ['closures follow the local date: 00:30 BST on the INSET day', ALL_DAY, utc(2026, 6, 9, 23, 30), false],
    ['closures follow the local date: 23:30 BST the night before', ALL_DAY, utc(2026, 6, 9, 22, 30), true],
    ['spring: 00:45 GMT is school', SMALL_HOURS, utc(2026, 3, 29, 0, 45), true],
    ['spring: 01:00 UTC reads 02:00 BST, past the end', SMALL_HOURS, utc(2026, 3, 29, 1), false],
    ['autumn: 01:15 BST is school', SMALL_HOURS, utc(2026, 10, 25, 0, 15), true],
    ['autumn: 01:45 BST is not', SMALL_HOURS, utc(2026, 10, 25, 0, 45), false],
    ['autumn: the replayed 01:15 GMT is school', SMALL_HOURS, utc(2026, 10, 25, 1, 15), true],
  ])('isSchoolTime: %s', (_why, cal, instant, expected) => {
    expect(isSchoolTime(instant, cal)).toBe(expected);
  });

  it.each([
    ['lunch starts at 12:00', LUNCH, utc(2026, 1, 14, 9), utc(2026, 1, 14, 12)],
    ['afternoon starts at 13:00', LUNCH, utc(2026, 1, 14, 12), utc(2026, 1, 14, 13)],
    ['entry order does not matter', LUNCH_REVERSED, utc(2026, 1, 14, 9), utc(2026, 1, 14, 12)],
    ['touching entries: no change at 12:00', TOUCHING, utc(2026, 1, 14, 9), utc(2026, 1, 14, 15, 30)],
    ['early Wednesday ends at 13:00', EARLY_WEDNESDAY, utc(2026, 1, 14, 9), utc(2026, 1, 14, 13)],
    ['all day: the INSET day starts at local midnight (23:00 UTC)', ALL_DAY, utc(2026, 6, 8, 12), utc(2026, 6, 9, 23)],
    ['all day: school resumes at the next local midnight', ALL_DAY, utc(2026, 6, 9, 23), utc(2026, 6, 10, 23)],
    ['overnight entries: no change at midnight', LATE, utc(2026, 1, 16, 21), utc(2026, 1, 17, 2)],
    ['spring: the session ends when the clock jumps past 01:30', SMALL_HOURS, utc(2026, 3, 29, 0, 45), utc(2026, 3, 29, 1)],
    ['autumn: the first 01:30 (BST)', SMALL_HOURS, utc(2026, 10, 25, 0, 15), utc(2026, 10, 25, 0, 30)],
    ['autumn: the replayed 01:00 (GMT) starts it again', SMALL_HOURS, utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1)],
    ['autumn: and the replayed 01:30 ends it', SMALL_HOURS, utc(2026, 10, 25, 1), utc(2026, 10, 25, 1, 30)],
  ])('nextChange: %s', (_why, cal, instant, expected) => {
    expect(nextChange(instant, cal)).toBe(expected);
  });

  it.each([
    ['no school hours at all', withHours('Europe/London', [])],
    ['only an entry that ends before it starts', withHours('Europe/London', [{ days: WEEK, start: '15:30', end: '08:30' }])],
    ['only an entry with unreadable times', withHours('Europe/London', [{ days: WEEK, start: 'nine', end: '15:30' }])],
    ['closed for longer than the 400-day horizon', { ...LONDON, closedDates: [{ from: '2026-01-01', to: '2028-01-01' }] }],
  ])('nextChange is null: %s', (_why, cal) => {
    expect(nextChange(utc(2026, 1, 14, 9), cal)).toBeNull();
    expect(isSchoolTime(utc(2026, 1, 14, 9), cal)).toBe(false);
  });

  it('finds the end of a closure that is long but inside the horizon', () => {
    const cal = { ...LONDON, closedDates: [{ from: '2026-01-01', to: '2026-11-30' }] };
    expect(nextChange(utc(2026, 1, 14, 9), cal)).toBe(utc(2026, 12, 1, 8, 30));
  });
});

describe('nextChange agrees with a minute-by-minute scan', () => {
  // Deterministic LCG so a failure can be replayed.
  let seed = 20_260_329;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const MIXED: SchoolHours[] = [
    { days: WEEK, start: '08:30', end: '12:00' },
    { days: WEEK, start: '13:00', end: '15:30' },
    { days: ['sun'], start: '00:30', end: '01:30' },
    { days: ['sun'], start: '01:45', end: '03:15' },
  ];
  // Lord Howe moves its clocks by half an hour; St John's is offset by a half hour.
  it.each(['Europe/London', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'America/St_Johns'])('%s', (tz) => {
    const cal = withHours(tz, MIXED, [{ from: '2026-10-01', to: '2026-10-02' }]);
    const spans = [utc(2026, 3, 6), utc(2026, 3, 26), utc(2026, 4, 2), utc(2026, 9, 29), utc(2026, 10, 22), utc(2026, 10, 30)];
    for (const spanStart of spans) {
      for (let i = 0; i < 6; i++) {
        const t = spanStart + Math.floor(random() * 4 * 86_400) * 1000;
        const before = isSchoolTime(t, cal);
        let expected = (Math.floor(t / 60_000) + 1) * 60_000;
        while (isSchoolTime(expected, cal) === before) expected += 60_000;
        expect(nextChange(t, cal), `${tz} from ${new Date(t).toISOString()}`).toBe(expected);
      }
    }
  });
});

describe('describeInstant (Europe/London)', () => {
  it.each([
    ['later the same day', utc(2026, 1, 12, 15, 30), utc(2026, 1, 12, 10), '15:30'],
    ['the next local day', utc(2026, 1, 13, 8, 30), utc(2026, 1, 12, 10), 'tomorrow at 08:30'],
    ['one minute into tomorrow', utc(2026, 1, 13, 0, 1), utc(2026, 1, 12, 23, 59), 'tomorrow at 00:01'],
    ['two days ahead', utc(2026, 1, 14, 8, 30), utc(2026, 1, 12, 10), 'Wednesday 14 January at 08:30'],
    ['over the new year is shown with its year', utc(2027, 1, 4, 8, 30), utc(2026, 12, 18, 15), 'Monday 4 January 2027 at 08:30'],
    ['same year needs no year', utc(2026, 1, 5, 8, 30), utc(2026, 1, 1, 12), 'Monday 5 January at 08:30'],
    // 00:30 BST Monday is still Sunday in UTC: "same day" means the local day.
    ['local, not UTC, days', utc(2026, 3, 30, 7, 30), utc(2026, 3, 29, 23, 30), '08:30'],
    ['shown in local (BST) time', utc(2026, 3, 30, 14, 30), utc(2026, 3, 27, 15, 30), 'Monday 30 March at 15:30'],
  ])('%s → %s', (_why, instant, now, expected) => {
    expect(describeInstant(instant, 'Europe/London', now)).toBe(expected);
  });

  it('uses the given timezone (Sydney)', () => {
    expect(describeInstant(utc(2026, 4, 5, 22, 45), 'Australia/Sydney', utc(2026, 4, 3, 4, 15))).toBe('Monday 6 April at 08:45');
  });
});

describe('nextInstantWhere', () => {
  const friday = utc(2026, 1, 16, 12);
  const inSchool = (st: boolean): boolean => st;
  const outOfSchool = (st: boolean): boolean => !st;

  it.each([
    ['out of school: the end of the day', friday, outOfSchool, 20, utc(2026, 1, 16, 15, 30)],
    ['back in school: skips the evening to Monday', friday, inSchool, 20, utc(2026, 1, 19, 8, 30)],
    ['over the Christmas closure', utc(2026, 12, 18, 12), inSchool, 20, utc(2027, 1, 4, 8, 30)],
    ['never satisfied', friday, () => false, 20, null],
    ['step limit reached before the wanted state', friday, inSchool, 1, null],
    ['no steps allowed', friday, outOfSchool, 0, null],
  ])('%s', (_why, instant, pred, maxSteps, expected) => {
    expect(nextInstantWhere(instant, LONDON, pred, maxSteps)).toBe(expected);
  });

  it('is null when the calendar never changes', () => {
    expect(nextInstantWhere(friday, withHours('Europe/London', []), () => true)).toBeNull();
  });
});
