import { describe, expect, it } from 'vitest';
import { MAX_CHART_DAYS, summarise } from '../../utils/core/log/summary';
import { reportStatusText } from '../../utils/core/log/report-status';
import type { LogEntryData, LogEvent } from '../../utils/core/log/types';
import { entryData } from '../fakes/log-entries';

let nextSeq = 1;
/** An entry at a local date and time; `at` is kept in step so "newest" is well defined. */
function entry(date: string, event: LogEvent, over: Partial<LogEntryData> = {}, time = '10:00:00'): LogEntryData {
  return entryData(nextSeq++, {
    at: `${date}T${time}.000Z`,
    localTime: `${date} ${time}`,
    user: 'amy@school.example',
    device: 'ICT Suite PC 12',
    event,
    ...over,
  });
}

const times = (n: number, make: (i: number) => LogEntryData): LogEntryData[] => Array.from({ length: n }, (_, i) => make(i));

describe('summarise', () => {
  it('is empty for no entries', () => {
    expect(summarise([], 5)).toEqual({ perDay: [], perNetwork: [], perUser: [], flagged: [], reports: [], marks: {}, total: 0 });
  });

  it('fills the days between the first and last with zeros, across a month end, in order', () => {
    const s = summarise([entry('2026-12-02', 'blocked'), entry('2026-11-29', 'blocked'), entry('2026-11-29', 'warned')], 5);
    expect(s.perDay).toEqual([
      { date: '2026-11-29', count: 2 },
      { date: '2026-11-30', count: 0 },
      { date: '2026-12-01', count: 0 },
      { date: '2026-12-02', count: 1 },
    ]);
    expect(s.total).toBe(3);
  });

  it('counts by local date, not by the UTC day', () => {
    const late = entry('2026-06-01', 'blocked', { at: '2026-05-31T23:30:00.000Z', localTime: '2026-06-01 00:30:00' });
    expect(summarise([late], 5).perDay).toEqual([{ date: '2026-06-01', count: 1 }]);
  });

  it(`keeps the most recent ${MAX_CHART_DAYS} days of a longer span`, () => {
    const s = summarise([entry('2024-01-01', 'blocked'), entry('2026-01-01', 'blocked')], 5);
    expect(s.perDay).toHaveLength(MAX_CHART_DAYS);
    expect(s.perDay.at(-1)).toEqual({ date: '2026-01-01', count: 1 });
    expect(s.total).toBe(2);
  });

  it('orders networks and users by count, most first', () => {
    const s = summarise(
      [
        entry('2026-11-24', 'blocked', { user: 'ben@school.example', networkId: 'x', networkName: 'X' }),
        entry('2026-11-24', 'blocked', { user: 'ben@school.example', networkId: 'x', networkName: 'X' }),
        entry('2026-11-24', 'blocked'),
        entry('2026-11-24', 'passphrase-failed', { user: 'cat@school.example', networkId: null, networkName: null }),
      ],
      5,
    );
    expect(s.perNetwork).toEqual([
      { networkId: 'x', networkName: 'X', count: 2 },
      { networkId: 'tiktok', networkName: 'TikTok', count: 1 },
    ]);
    expect(s.perUser).toEqual([
      { user: 'ben@school.example', count: 2 },
      { user: 'amy@school.example', count: 1 },
      { user: 'cat@school.example', count: 1 },
    ]);
  });

  it.each([
    [4, 5, false],
    [5, 5, true],
    [6, 5, true],
    [1, 1, true],
  ])('%i attempts on one day with threshold %i: flagged %s', (n, threshold, flagged) => {
    const s = summarise(
      times(n, (i) => entry('2026-11-24', (['blocked', 'warned', 'continued'] as const)[i % 3] ?? 'blocked')),
      threshold,
    );
    expect(s.flagged).toEqual(flagged ? [{ user: 'amy@school.example', date: '2026-11-24', count: n }] : []);
  });

  it('counts attempts per user per local date, not across days or users', () => {
    const s = summarise(
      [
        ...times(3, () => entry('2026-11-23', 'blocked')),
        ...times(3, () => entry('2026-11-24', 'blocked')),
        ...times(3, () => entry('2026-11-24', 'blocked', { user: 'ben@school.example' })),
      ],
      5,
    );
    expect(s.flagged).toEqual([]);
  });

  it('does not count reports, exceptions or failed passphrases as attempts', () => {
    const others: LogEvent[] = ['report', 'exception-requested', 'exception-granted', 'exception-refused', 'exception-ended', 'passphrase-failed'];
    const s = summarise([...times(4, () => entry('2026-11-24', 'blocked')), ...others.map((ev) => entry('2026-11-24', ev))], 5);
    expect(s.flagged).toEqual([]);
    expect(s.total).toBe(10);
  });

  it('lists the most attempts first', () => {
    const s = summarise(
      [
        ...times(5, () => entry('2026-11-20', 'blocked')),
        ...times(7, () => entry('2026-11-21', 'warned', { user: 'ben@school.example' })),
        ...times(6, () => entry('2026-11-22', 'continued')),
      ],
      5,
    );
    expect(s.flagged).toEqual([
      { user: 'ben@school.example', date: '2026-11-21', count: 7 },
      { user: 'amy@school.example', date: '2026-11-22', count: 6 },
      { user: 'amy@school.example', date: '2026-11-20', count: 5 },
    ]);
  });

  it('lists only reports, newest first', () => {
    const old = entry('2026-11-01', 'report', { text: 'first' }, '09:00:00');
    const mid = entry('2026-11-01', 'report', { text: 'second' }, '14:00:00');
    const recent = entry('2026-11-20', 'report', { text: 'third' });
    const s = summarise([mid, entry('2026-11-05', 'blocked'), recent, old], 5);
    expect(s.reports.map((r) => r.text)).toEqual(['third', 'second', 'first']);
  });
});

describe('report marks', () => {
  const base = (seq: number, event: LogEntryData['event'], text: string | null): LogEntryData => ({
    seq,
    at: `2026-11-24T10:0${seq}:00.000Z`,
    localTime: `2026-11-24 10:0${seq}:00`,
    timezone: 'Europe/London',
    user: 'unknown',
    role: 'pupil',
    device: null,
    event,
    networkId: null,
    networkName: null,
    host: null,
    path: null,
    query: null,
    fragment: null,
    schoolTime: true,
    text,
    person: null,
  });
  it('the latest mark of each report is kept, with its note; a later "seen" does not undo "handled"', () => {
    const s = summarise(
      [
        base(1, 'report', 'From Amira, class 4B: mean messages'),
        base(2, 'report', 'someone asked for my address'),
        base(3, 'report-status', reportStatusText(1, 'seen', '')),
        base(4, 'report-status', reportStatusText(1, 'handled', 'Spoke to Amira and her mum')),
        base(5, 'report-status', reportStatusText(1, 'seen', 'again')),
        base(6, 'report-status', 'Report #x seen'),
      ],
      5,
    );
    expect(s.reports.map((r) => r.seq)).toEqual([2, 1]);
    expect(s.marks[1]).toMatchObject({ status: 'handled', note: 'Spoke to Amira and her mum', seq: 4 });
    expect(s.marks[2]).toBeUndefined();
    // A mark is not an attempt to reach a site.
    expect(s.flagged).toEqual([]);
  });
});
