/**
 * School-time arithmetic in the policy's timezone.
 *
 * Pure: no DOM, no browser APIs, no date library. The only source of timezone
 * rules is `Intl.DateTimeFormat`, which we ask for the UTC offset at an
 * instant; everything else is integer arithmetic on "wall" milliseconds
 * (the local wall-clock reading encoded as if it were UTC).
 */
import { WEEKDAYS, type Calendar, type ClosedRange, type SchoolHours, type Weekday } from './types';

const MS_PER_DAY = 86_400_000;
const SECONDS_PER_DAY = 86_400;
/** How far ahead `nextChange` looks: the starting local day plus this many days. */
const HORIZON_DAYS = 400;

export interface LocalTime {
  /** YYYY-MM-DD in the timezone. */
  date: string;
  weekday: Weekday;
  /** Whole seconds since local midnight, 0..86399. */
  seconds: number;
}

export interface ParseClockOptions {
  /** Accept "24:00" (= 86400), which only makes sense as an exclusive end time. */
  allowEndOfDay?: boolean;
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

export function isValidTimeZone(tz: unknown): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  // Recent engines accept UTC offsets such as "+01:00" as time zones. They are
  // not IANA names and never observe summer time, so a school calendar using
  // one would be an hour out for half the year; reject them everywhere.
  if (!/^[A-Za-z]/.test(tz)) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

const CLOCK_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "HH:MM" or "HH:MM:SS" to seconds since local midnight. A single-digit hour
 * ("8:30") is accepted because administrators type it that way.
 */
export function parseClock(s: unknown, options: ParseClockOptions = {}): number | null {
  if (typeof s !== 'string') return null;
  const m = CLOCK_RE.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const sec = m[3] === undefined ? 0 : Number(m[3]);
  if (min > 59 || sec > 59) return null;
  if (h === 24 && min === 0 && sec === 0) return options.allowEndOfDay === true ? SECONDS_PER_DAY : null;
  if (h > 23) return null;
  return h * 3600 + min * 60 + sec;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: unknown): boolean {
  return typeof s === 'string' && isoToDay(s) !== null;
}

// ---------------------------------------------------------------------------
// Civil-date arithmetic (days since 1970-01-01, proleptic Gregorian).
// Date.UTC is avoided because it maps years 0..99 to 1900..1999.
// ---------------------------------------------------------------------------

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a real "YYYY-MM-DD" date, or null. */
function isoToDay(s: string): number | null {
  const m = ISO_DATE_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function dayToIso(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Index into WEEKDAYS (0 = Monday). Day 0 was a Thursday. */
const weekdayIndex = (days: number): number => (((days + 3) % 7) + 7) % 7;

function weekdayOf(days: number): Weekday {
  // weekdayIndex is always 0..6; the fallback only satisfies noUncheckedIndexedAccess.
  return WEEKDAYS[weekdayIndex(days)] ?? 'mon';
}

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

// ---------------------------------------------------------------------------
// Timezone offsets via Intl
// ---------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for an unknown timezone (and caches nothing in that case). */
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

// `format` is several times faster than `formatToParts`; the parts path is
// only a fallback in case an engine renders en-US differently.
const EN_US_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{1,6}), (\d{1,2}):(\d{2}):(\d{2})$/;

/** Milliseconds to add to `instant` to get the wall clock in `timezone`. */
function offsetAt(instant: number, timezone: string): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  const f = formatterFor(timezone);
  let year: number, month: number, day: number, hour: number, minute: number, second: number;
  const m = EN_US_RE.exec(f.format(whole));
  if (m) {
    month = Number(m[1]);
    day = Number(m[2]);
    year = Number(m[3]);
    hour = Number(m[4]);
    minute = Number(m[5]);
    second = Number(m[6]);
  } else {
    const get = (type: Intl.DateTimeFormatPartTypes): number => {
      const part = f.formatToParts(whole).find((p) => p.type === type);
      return part === undefined ? 0 : Number(part.value);
    };
    year = get('year');
    month = get('month');
    day = get('day');
    hour = get('hour');
    minute = get('minute');
    second = get('second');
  }
  // Some older engines print midnight as "24" even with h23.
  if (hour === 24) hour = 0;
  const wall = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  return wall - whole;
}

// ---------------------------------------------------------------------------
// Local time
// ---------------------------------------------------------------------------

/** Throws RangeError if `timezone` is not valid (check with isValidTimeZone first). */
export function localTime(instant: number, timezone: string): LocalTime {
  const wall = instant + offsetAt(instant, timezone);
  const days = floorDiv(wall, MS_PER_DAY);
  return {
    date: dayToIso(days),
    weekday: weekdayOf(days),
    seconds: Math.floor((wall - days * MS_PER_DAY) / 1000),
  };
}

/**
 * The instant at which the wall clock in `timezone` reads `date` + `seconds`
 * (`seconds` may be 86400, meaning the next midnight).
 *
 * Non-existent wall times (spring-forward gap) are read with the offset in
 * force before the gap, which lands as far after the gap as the time was into
 * it (01:30 on a London spring-forward day gives 02:30 BST). Ambiguous wall
 * times (fall-back) give the earlier instant.
 */
export function zonedInstant(date: string, seconds: number, timezone: string): number {
  const day = isoToDay(date);
  if (day === null) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  if (!Number.isFinite(seconds)) throw new RangeError(`Not a number of seconds: ${seconds}`);
  const wall = day * MS_PER_DAY + seconds * 1000;
  // Offsets span -12h..+14h, so a day either side is safely outside any
  // transition that could affect this wall time.
  const before = offsetAt(wall - MS_PER_DAY, timezone);
  const after = offsetAt(wall + MS_PER_DAY, timezone);
  const early = wall - before;
  const late = wall - after;
  const earlyOk = offsetAt(early, timezone) === before;
  const lateOk = before === after ? earlyOk : offsetAt(late, timezone) === after;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (lateOk) return late;
  return early;
}

// ---------------------------------------------------------------------------
// School time
// ---------------------------------------------------------------------------

export function closedRangeFor(date: string, cal: Calendar): ClosedRange | null {
  for (const range of cal.closedDates) {
    if (range.from <= date && date <= range.to) return range;
  }
  return null;
}

/** [start, end) in milliseconds since local midnight. */
type Interval = readonly [number, number];

// Clock strings are immutable, so memoising their parse is always safe.
const startCache = new Map<string, number | null>();
const endCache = new Map<string, number | null>();

function cachedClock(cache: Map<string, number | null>, s: string, allowEndOfDay: boolean): number | null {
  let v = cache.get(s);
  if (v === undefined) {
    if (cache.size > 1000) cache.clear();
    v = parseClock(s, { allowEndOfDay });
    cache.set(s, v);
  }
  return v;
}

/**
 * Entries with an unparseable time, or an end not after the start, contribute
 * nothing: hours that cross midnight must be written as two entries.
 */
function intervalsFor(hours: readonly SchoolHours[], weekday: Weekday): Interval[] {
  const out: Interval[] = [];
  for (const entry of hours) {
    if (!entry.days.includes(weekday)) continue;
    const start = cachedClock(startCache, entry.start, false);
    const end = cachedClock(endCache, entry.end, true);
    if (start !== null && end !== null && start < end) out.push([start * 1000, end * 1000]);
  }
  return out;
}

interface DayPlan {
  intervals: Interval[];
  /** Sorted ms-since-midnight points where the school-hours state can change, starting with 0. */
  breakpoints: number[];
}

function weekPlan(hours: readonly SchoolHours[]): DayPlan[] {
  return WEEKDAYS.map((wd) => {
    const intervals = intervalsFor(hours, wd);
    const breakpoints = [0, ...intervals.flat()].sort((a, b) => a - b);
    return { intervals, breakpoints };
  });
}

function inIntervals(intervals: readonly Interval[], msOfDay: number): boolean {
  for (const [start, end] of intervals) {
    if (start <= msOfDay && msOfDay < end) return true;
  }
  return false;
}

/** School time as a function of the wall clock alone. */
function schoolAtWall(wall: number, cal: Calendar, intervalsOfDay: (weekdayIdx: number) => readonly Interval[]): boolean {
  const days = floorDiv(wall, MS_PER_DAY);
  if (!inIntervals(intervalsOfDay(weekdayIndex(days)), wall - days * MS_PER_DAY)) return false;
  return cal.closedDates.length === 0 || closedRangeFor(dayToIso(days), cal) === null;
}

/** Throws RangeError if `cal.timezone` is not valid. */
export function isSchoolTime(instant: number, cal: Calendar): boolean {
  const wall = instant + offsetAt(instant, cal.timezone);
  return schoolAtWall(wall, cal, (idx) => intervalsFor(cal.schoolHours, WEEKDAYS[idx] ?? 'mon'));
}

/**
 * First instant strictly after `instant` at which `isSchoolTime` changes
 * value, or null if it does not change within the local day of `instant`
 * plus the following 400 days.
 *
 * Time is walked in stretches of constant UTC offset (at most a day long).
 * Within a stretch the wall clock moves in step with real time, so the only
 * possible changes are wall-clock breakpoints (midnights, starts, ends); the
 * stretch's end is checked separately because a clock change can jump the
 * wall clock over a breakpoint (spring forward) or replay one (fall back).
 */
export function nextChange(instant: number, cal: Calendar): number | null {
  const tz = cal.timezone;
  const plan = weekPlan(cal.schoolHours);
  let offset = offsetAt(instant, tz);
  if (plan.every((d) => d.intervals.length === 0)) return null;

  const intervalsOfDay = (idx: number): readonly Interval[] => plan[idx]?.intervals ?? [];
  const stateAt = (wall: number): boolean => schoolAtWall(wall, cal, intervalsOfDay);
  const initial = stateAt(instant + offset);
  const horizon = (floorDiv(instant + offset, MS_PER_DAY) + HORIZON_DAYS + 1) * MS_PER_DAY;

  let t = instant;
  while (t + offset < horizon) {
    const probe = t + MS_PER_DAY;
    const probeOffset = offsetAt(probe, tz);
    const end = probeOffset === offset ? probe : findTransition(t, probe, offset, tz);

    const hit = firstWallChange(t + offset, Math.min(end + offset, horizon), initial, plan, stateAt);
    if (hit !== null) return hit - offset;

    const endOffset = end === probe ? probeOffset : offsetAt(end, tz);
    if (end + endOffset < horizon && stateAt(end + endOffset) !== initial) return end;
    t = end;
    offset = endOffset;
  }
  return null;
}

/** First wall-clock breakpoint b with from < b < to where the state differs from `initial`. */
function firstWallChange(from: number, to: number, initial: boolean, plan: readonly DayPlan[], stateAt: (wall: number) => boolean): number | null {
  for (let days = floorDiv(from, MS_PER_DAY); days * MS_PER_DAY < to; days++) {
    const base = days * MS_PER_DAY;
    for (const bp of plan[weekdayIndex(days)]?.breakpoints ?? []) {
      const wall = base + bp;
      if (wall <= from) continue;
      if (wall >= to) return null;
      if (stateAt(wall) !== initial) return wall;
    }
  }
  return null;
}

/**
 * The first whole second in (lo, hi] whose offset differs from `loOffset`,
 * given that hi's does. Offsets are constant within a second, so a binary
 * search over seconds is exact (~17 Intl calls, twice a year).
 */
function findTransition(lo: number, hi: number, loOffset: number, tz: string): number {
  let loS = Math.floor(lo / 1000);
  let hiS = Math.floor(hi / 1000);
  while (hiS - loS > 1) {
    const mid = loS + Math.floor((hiS - loS) / 2);
    if (offsetAt(mid * 1000, tz) === loOffset) loS = mid;
    else hiS = mid;
  }
  return hiS * 1000;
}

/**
 * Follows successive changes of school time (at most `maxSteps`) and returns
 * the first change after `instant` into a state accepted by `pred`, or null.
 * The current state is not considered: check it before calling.
 */
export function nextInstantWhere(instant: number, cal: Calendar, pred: (schoolTime: boolean) => boolean, maxSteps = 20): number | null {
  let t = instant;
  let state = isSchoolTime(t, cal);
  for (let step = 0; step < maxSteps; step++) {
    const next = nextChange(t, cal);
    if (next === null) return null;
    state = !state;
    if (pred(state)) return next;
    t = next;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Human text
// ---------------------------------------------------------------------------

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/**
 * "15:30" (same local day as `now`), "tomorrow at 08:30", or
 * "Monday 5 January at 08:30" (with the year when it differs from now's).
 * Names are hard-coded en-GB so the text does not depend on the browser locale.
 */
export function describeInstant(instant: number, timezone: string, now: number): string {
  const wall = instant + offsetAt(instant, timezone);
  const day = floorDiv(wall, MS_PER_DAY);
  const nowDay = floorDiv(now + offsetAt(now, timezone), MS_PER_DAY);
  const secs = Math.floor((wall - day * MS_PER_DAY) / 1000);
  const clock = `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}`;
  if (day === nowDay) return clock;
  if (day === nowDay + 1) return `tomorrow at ${clock}`;
  const { year, month, day: dom } = civilFromDays(day);
  const weekday = WEEKDAY_NAMES[weekdayIndex(day)] ?? '';
  const monthName = MONTH_NAMES[month - 1] ?? '';
  const yearText = year === civilFromDays(nowDay).year ? '' : ` ${year}`;
  return `${weekday} ${dom} ${monthName}${yearText} at ${clock}`;
}
