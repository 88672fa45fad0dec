import { describe, expect, it } from 'vitest';
import { hubUnreachable } from '../../utils/core/hub/hub-error';
import { hubStatus, STALE_MS, type HubStatusInput } from '../../utils/core/hub/hub-status';
import { TUESDAY_10AM as NOW } from '../helpers/time';

const URL_ = 'https://hub.example.org';
const OK_OUTBOX: NonNullable<HubStatusInput['outbox']> = {
  url: URL_,
  cursor: 42,
  failures: 0,
  nextAttemptAt: null,
  lastDeliveryAt: NOW - 120_000,
  lastContactAt: NOW - 120_000,
  lastError: null,
  waiting: 0,
  deviceId: '3f1c2b9e-6a0d-4c55-9a1e-2b7d8c9e0f11',
  fingerprint: 'SHA256:abcd',
};
const input = (over: Partial<HubStatusInput>): HubStatusInput => ({
  hub: { url: URL_ },
  problems: [],
  outbox: OK_OUTBOX,
  held: null,
  now: NOW,
  timezone: 'Europe/London',
  ...over,
});
const states = (i: HubStatusInput) => hubStatus(i).lines.map((l) => [l.id, l.state]);

describe('hub status lines', () => {
  it.each([
    ['no hub: nothing to colour', input({ hub: null }), []],
    ['bad hub setting: red', input({ hub: null, problems: [{ key: 'hub.url', problem: 'must start with https://', used: 'x' }] }), [['hub', 'bad']]],
    [
      'all delivered: green',
      input({}),
      [
        ['delivery', 'ok'],
        ['waiting', 'ok'],
      ],
    ],
    [
      'sending, no error: green',
      input({ outbox: { ...OK_OUTBOX, waiting: 3 } }),
      [
        ['delivery', 'ok'],
        ['waiting', 'ok'],
      ],
    ],
    ['configured, never tried: amber', input({ outbox: null }), [['delivery', 'warn']]],
    [
      'never reached: red',
      input({ outbox: { ...OK_OUTBOX, lastContactAt: null, lastDeliveryAt: null, lastError: { at: NOW, message: 'cannot reach the hub' }, waiting: 5 } }),
      [
        ['delivery', 'bad'],
        ['waiting', 'warn'],
      ],
    ],
    [
      'failing for a short while: amber',
      input({ outbox: { ...OK_OUTBOX, lastError: { at: NOW, message: "the hub's database is unavailable" }, waiting: 2 } }),
      [
        ['delivery', 'warn'],
        ['waiting', 'warn'],
      ],
    ],
    [
      'failing for an hour: red',
      input({ outbox: { ...OK_OUTBOX, lastContactAt: NOW - STALE_MS, lastError: { at: NOW, message: 'x' }, waiting: 2 } }),
      [
        ['delivery', 'bad'],
        ['waiting', 'warn'],
      ],
    ],
    [
      'held past retention: amber line',
      input({ held: { count: 12, oldestAt: '2025-10-01T08:00:00.000Z' } }),
      [
        ['delivery', 'ok'],
        ['waiting', 'ok'],
        ['retention', 'warn'],
      ],
    ],
    ['state from another hub is not shown as this one', input({ outbox: { ...OK_OUTBOX, url: 'https://old.example.org' } }), [['delivery', 'warn']]],
  ] as [string, HubStatusInput, string[][]][])('%s', (_n, i, expected) => {
    expect(states(i)).toEqual(expected);
  });

  it('says where the bad setting is, and that nothing is sent and nothing lost', () => {
    const v = hubStatus(input({ hub: null, problems: [{ key: 'hub.key', problem: "expected the school's ingest key, got an empty key", used: 'x' }] }));
    // The problem itself is in the Policy problems table (said in the page's language): the line names the key.
    expect(v.lines[0]!.detail).toMatch(/^The hub setting is wrong \(hub\.key: see Policy problems\)\. Nothing is sent; the log is kept on this device/);
  });

  it('shows address, device, key, last delivery, what the hub has, and the last error', () => {
    const v = hubStatus(
      input({
        outbox: {
          ...OK_OUTBOX,
          waiting: 3,
          failures: 2,
          lastError: { at: NOW - 5000, message: 'cannot reach the hub: Failed to fetch', error: hubUnreachable('Failed to fetch') },
          nextAttemptAt: NOW + 10_000,
        },
      }),
    );
    const facts = Object.fromEntries(v.facts);
    expect(facts['Hub address']).toBe(URL_);
    expect(facts['Device id']).toBe(OK_OUTBOX.deviceId);
    expect(facts['Device key']).toBe('SHA256:abcd');
    expect(facts['Last delivery']).toBe('24/11/2026, 09:58:00 (2 min ago)');
    expect(facts['Acknowledged up to']).toBe('entry 42');
    expect(facts['Last error']).toBe('cannot reach the hub (24/11/2026, 09:59:55)');
    expect(facts['Next try']).toBe('24/11/2026, 10:00:10');
    expect(v.lines.find((l) => l.id === 'waiting')!.detail).toBe('3 entries not yet acknowledged by the hub.');
  });

  it('the held line says how many, since when, and when they go', () => {
    const v = hubStatus(input({ held: { count: 1, oldestAt: '2025-10-01T08:00:00.000Z' } }));
    expect(v.lines.at(-1)!.detail).toBe(
      '1 entry is older than log.retentionDays (the oldest from 2025-10-01), kept because the hub has not acknowledged it. It goes at the first purge after delivery.',
    );
  });

  it('no hub says the log stays on the device', () => {
    expect(hubStatus(input({ hub: null })).facts).toEqual([['School hub', 'None in the policy: the log stays on this device.']]);
  });
});
