/** Plausible log events and entries, for tests that need many: override what the test is about. */
import type { LogEntryData, NewLogEvent } from '../../utils/core/log/types';
import { SECOND, TUESDAY_10AM } from '../helpers/time';

/** An event as the enforcer hands it to the journal: a pupil blocked from TikTok in school time. */
export function newEvent(over: Partial<NewLogEvent> = {}): NewLogEvent {
  return {
    at: TUESDAY_10AM,
    event: 'blocked',
    user: 'pupil@example.sch.uk',
    role: 'pupil',
    device: null,
    timezone: 'Europe/London',
    schoolTime: true,
    url: 'https://www.tiktok.com/',
    networkId: 'tiktok',
    networkName: 'TikTok',
    ...over,
  };
}

/** One stored entry (what the journal keeps), seq and time in step. */
export function entryData(seq: number, over: Partial<LogEntryData> = {}): LogEntryData {
  return {
    seq,
    at: new Date(TUESDAY_10AM + seq * SECOND).toISOString(),
    localTime: `2026-11-24 10:00:${String(seq % 60).padStart(2, '0')}`,
    timezone: 'Europe/London',
    user: 'pupil@example.sch.uk',
    role: 'pupil',
    device: null,
    event: 'blocked',
    networkId: 'tiktok',
    networkName: 'TikTok',
    host: 'www.tiktok.com',
    path: '/',
    query: null,
    fragment: null,
    schoolTime: true,
    text: null,
    person: null,
    ...over,
  };
}
