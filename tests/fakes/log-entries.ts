/** One plausible log entry, for tests that need many: override what the test is about. */
import type { LogEntryData } from '../../utils/core/log/types';

export function entryData(seq: number, over: Partial<LogEntryData> = {}): LogEntryData {
  return {
    seq,
    at: new Date(Date.UTC(2026, 10, 24, 10, 0, seq)).toISOString(),
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
