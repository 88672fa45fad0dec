import { describe, expect, it } from 'vitest';
import { PERSON_MAX, TEXT_MAX, buildEntryData, minimiseUrl, minimisedHref } from '../../utils/core/log/record';
import { newEvent } from '../fakes/log-entries';

const NONE = { host: null, path: null, query: null, fragment: null };

describe('minimiseUrl', () => {
  it.each([
    // url, recordFullUrl, expected
    ['https://www.TikTok.com/@someone/video/1?lang=en#top', false, { host: 'www.tiktok.com', path: '/@someone/video/1', query: null, fragment: null }],
    ['https://www.TikTok.com/@someone/video/1?lang=en#top', true, { host: 'www.tiktok.com', path: '/@someone/video/1', query: '?lang=en', fragment: '#top' }],
    ['https://alice:secret@facebook.com/groups/x', true, { host: 'facebook.com', path: '/groups/x', query: null, fragment: null }],
    ['https://facebook.com:8443/a%20b/%E2%9C%93', false, { host: 'facebook.com', path: '/a%20b/%E2%9C%93', query: null, fragment: null }],
    ['https://example.com/a b', false, { host: 'example.com', path: '/a%20b', query: null, fragment: null }],
    ['https://example.com', true, { host: 'example.com', path: '/', query: null, fragment: null }],
    // A bare "?" or "#" carries nothing worth keeping.
    ['https://example.com/?#', true, { host: 'example.com', path: '/', query: null, fragment: null }],
    ['http://[::1]:3000/x?y=1', true, { host: '[::1]', path: '/x', query: '?y=1', fragment: null }],
    // Non-web schemes carry their content in the "path": keep the host at most.
    ['data:text/html,<h1>secret</h1>', true, NONE],
    ['javascript:alert(1)', true, NONE],
    ['ftp://Files.Example.com/pub/x?y', true, { host: 'files.example.com', path: null, query: null, fragment: null }],
    ['not a url', true, NONE],
    ['', true, NONE],
    ['https://', true, NONE],
    [null, true, NONE],
  ] as const)('%s (full: %s)', (url, full, expected) => {
    expect(minimiseUrl(url, full)).toEqual(expected);
  });

  it('never throws, whatever it is given', () => {
    for (const junk of [undefined, 42, {}, '\u0000', 'http://%', 'https://exa mple.com']) {
      expect(() => minimiseUrl(junk as unknown as string, true)).not.toThrow();
    }
  });

  it('caps very long parts', () => {
    const m = minimiseUrl(`https://example.com/${'a'.repeat(5000)}?${'b'.repeat(5000)}`, true);
    expect(m.path).toHaveLength(2048);
    expect(m.query).toHaveLength(2048);
  });
});

describe('minimisedHref', () => {
  it.each([
    ['https://alice:pw@Example.com:444/p/q?secret=1#frag', false, 'https://example.com/p/q'],
    ['https://example.com/p?x=1#f', true, 'https://example.com/p?x=1#f'],
    ['ftp://files.example.com/x', true, 'ftp://files.example.com'],
    ['garbage', true, null],
  ] as const)('%s (full: %s) is stored as %s', (url, full, stored) => {
    expect(minimisedHref(url, full)).toBe(stored);
    // Minimising the stored form gives the same entry as minimising the original.
    expect(minimiseUrl(stored, full)).toEqual(minimiseUrl(url, full));
  });
});

const EVENT = newEvent({
  at: Date.UTC(2026, 6, 1, 9, 5, 7, 120), // 10:05:07 BST
  device: 'IT Suite 3',
  url: 'https://www.instagram.com/reel/abc?igsh=track#x',
  networkId: 'instagram',
  networkName: 'Instagram',
});

describe('buildEntryData', () => {
  it('fills in the time, seq and minimised address', () => {
    expect(buildEntryData(EVENT, 42, false)).toEqual({
      seq: 42,
      at: '2026-07-01T09:05:07.120Z',
      localTime: '2026-07-01 10:05:07',
      timezone: 'Europe/London',
      user: 'pupil@example.sch.uk',
      role: 'pupil',
      device: 'IT Suite 3',
      event: 'blocked',
      networkId: 'instagram',
      networkName: 'Instagram',
      host: 'www.instagram.com',
      path: '/reel/abc',
      query: null,
      fragment: null,
      schoolTime: true,
      text: null,
      person: null,
    });
  });

  it('keeps query and fragment only when the policy records full addresses', () => {
    const d = buildEntryData(EVENT, 1, true);
    expect([d.query, d.fragment]).toEqual(['?igsh=track', '#x']);
  });

  it('writes local time on the far side of midnight and in winter', () => {
    const ny = buildEntryData({ ...EVENT, at: Date.UTC(2026, 0, 1, 3, 0, 0), timezone: 'America/New_York' }, 1, false);
    expect(ny.localTime).toBe('2025-12-31 22:00:00');
    const london = buildEntryData({ ...EVENT, at: Date.UTC(2026, 0, 1, 0, 0, 0) }, 1, false);
    expect(london.localTime).toBe('2026-01-01 00:00:00');
  });

  it('trims and caps text and person, and leaves them null when empty', () => {
    const long = buildEntryData({ ...EVENT, text: `  ${'x'.repeat(TEXT_MAX + 50)}  `, person: ` ${'p'.repeat(PERSON_MAX + 1)}` }, 1, false);
    expect(long.text).toBe('x'.repeat(TEXT_MAX));
    expect(long.person).toBe('p'.repeat(PERSON_MAX));
    const blank = buildEntryData({ ...EVENT, text: '   ', person: '' }, 1, false);
    expect([blank.text, blank.person]).toEqual([null, null]);
    const trimmed = buildEntryData({ ...EVENT, text: '  I need it for homework \n', person: ' Mr Jones ' }, 1, false);
    expect([trimmed.text, trimmed.person]).toEqual(['I need it for homework', 'Mr Jones']);
  });

  it('does not cut an emoji in half at the cap', () => {
    const d = buildEntryData({ ...EVENT, text: `${'x'.repeat(TEXT_MAX - 1)}😀` }, 1, false);
    expect(d.text).toBe('x'.repeat(TEXT_MAX - 1));
  });

  it('records an unknown timezone as UTC rather than losing the event', () => {
    const d = buildEntryData({ ...EVENT, timezone: 'Mars/Olympus' }, 1, false);
    expect([d.timezone, d.localTime]).toEqual(['UTC', '2026-07-01 09:05:07']);
  });

  it('calls an empty user "unknown" and refuses an invalid time', () => {
    expect(buildEntryData({ ...EVENT, user: ' ' }, 1, false).user).toBe('unknown');
    expect(() => buildEntryData({ ...EVENT, at: Number.NaN }, 1, false)).toThrow(RangeError);
  });
});
