import { describe, expect, it } from 'vitest';
import { blockingPageOf } from '../../utils/core/redirects';
import { afterFailure, MAX_WAIT_SECONDS, NO_LOCKOUT, secondsLeft } from '../../utils/core/log/lockout';

const ID = 'inmnplpadaapkkgaedkmndpllkelbben';
const DYNAMIC = 'efb8b4bc-deb2-49db-bf80-5e174aae9ede';

describe('blockingPageOf: only our own block and warning pages count as a blocking redirect', () => {
  it.each([
    [`chrome-extension://${ID}/blocked.html#https://facebook.com/`, 'blocked.html'],
    [`chrome-extension://${DYNAMIC}/blocked.html#https://facebook.com/`, 'blocked.html'],
    [`chrome-extension://${ID}/warn.html#https://x.com/`, 'warn.html'],
    [`moz-extension://${DYNAMIC}/blocked.html`, 'blocked.html'],
    [`chrome-extension://${ID}/options.html`, null],
    [`chrome-extension://abcdefghijklmnopabcdefghijklmnop/blocked.html#x`, null],
    ['https://evil.example/blocked.html', null],
    [`https://${ID}/blocked.html`, null],
    ['not a url', null],
    [undefined, null],
  ])('%s → %s', (url, page) => {
    expect(blockingPageOf(url, [ID, DYNAMIC])).toBe(page);
  });
});

describe('passphrase lockout', () => {
  it('doubles the wait after each wrong try, up to five minutes', () => {
    let s = NO_LOCKOUT;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      s = afterFailure(s, 1_000_000);
      waits.push(secondsLeft(s, 1_000_000));
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300]);
    expect(MAX_WAIT_SECONDS).toBe(300);
  });

  it('has no wait once the time has passed', () => {
    const s = afterFailure(NO_LOCKOUT, 0);
    expect(secondsLeft(s, 1999)).toBe(1);
    expect(secondsLeft(s, 2000)).toBe(0);
  });
});
