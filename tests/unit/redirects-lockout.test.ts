import { describe, expect, it } from 'vitest';
import {
  attemptFromRedirect,
  blockingPageOf,
  heldForViewSource,
  VIEW_SOURCE_HOLD_MS,
  viewSourceTarget,
  type DecisionInForce,
} from '../../utils/core/redirects';
import { afterFailure, MAX_WAIT_SECONDS, NO_LOCKOUT, secondsLeft } from '../../utils/core/log/lockout';
import { CHROME_EXTENSION_ID } from '../../utils/extension-identity';

const ID = CHROME_EXTENSION_ID;
const DYNAMIC = 'efb8b4bc-deb2-49db-bf80-5e174aae9ede';

describe('blockingPageOf: only our own block and warning pages count as a blocking redirect', () => {
  const FB = 'https://facebook.com/a?b=1';
  it.each([
    ['our id', `chrome-extension://${ID}/blocked.html#${FB}`, 'blocked.html'],
    ['our id, warning page', `chrome-extension://${ID}/warn.html#${FB}`, 'warn.html'],
    ['our id without the address (Firefox floor)', `moz-extension://${ID}/blocked.html`, 'blocked.html'],
    ["a catalogue network's own block page (Firefox)", `moz-extension://${ID}/blocked-facebook.html#${FB}`, 'blocked.html'],
    ['a page named like one for a network the catalogue lacks', `moz-extension://${ID}/blocked-myspace.html#${FB}`, null],
    ['a page named like one with no network', `moz-extension://${ID}/blocked-.html#${FB}`, null],
    ["another Firefox extension's page named like one", `moz-extension://0b9c7e0e-8a1f-4d3c-9a8e-3c5d2f1b4a70/blocked-facebook.html#${FB}`, null],
    ["another Firefox extension's block page carrying the address", `moz-extension://0b9c7e0e-8a1f-4d3c-9a8e-3c5d2f1b4a70/blocked.html#${FB}`, null],
    ['a session host carrying the address', `chrome-extension://${DYNAMIC}/blocked.html#${FB}`, 'blocked.html'],
    ['a session host with another address', `chrome-extension://${DYNAMIC}/blocked.html#https://x.com/`, null],
    ['a session host without the address', `chrome-extension://${DYNAMIC}/blocked.html`, null],
    ['another page of ours', `chrome-extension://${ID}/status.html#${FB}`, null],
    ['another extension', `chrome-extension://abcdefghijklmnopabcdefghijklmnop/blocked.html#${FB}`, null],
    ['a web page', `https://evil.example/blocked.html#${FB}`, null],
    ['not a URL', 'not a url', null],
    ['no redirect', undefined, null],
  ])('%s', (_name, url, page) => {
    expect(blockingPageOf(url, FB, [ID])).toBe(page);
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

describe('attemptFromRedirect: only what the decision in force blocks or warns is an attempt', () => {
  const block = { action: 'block', listed: true } as const;
  const warn = { action: 'warn', listed: true } as const;
  const allow = { action: 'allow', listed: true } as const;
  const unlisted = { action: 'allow', listed: false } as const;
  it.each<[string, 'blocked.html' | 'warn.html', DecisionInForce[], string | null]>([
    ['blocked, to the block page', 'blocked.html', [block, block], 'blocked'],
    ['warned, to the warning page', 'warn.html', [warn, warn], 'warned'],
    ['an unlisted page sending itself to the block page (forged)', 'blocked.html', [unlisted, unlisted], null],
    ['an unlisted page sending itself to the warning page (forged)', 'warn.html', [unlisted, unlisted], null],
    ['blocked, but to the warning page', 'warn.html', [block, block], null],
    ['warned, but to the block page', 'blocked.html', [warn, warn], null],
    ['allowed now (an exception, an approved use, after school)', 'blocked.html', [allow, allow], null],
    ['just after the rules changed: blocked at the last refresh', 'blocked.html', [allow, block], 'blocked'],
    ['no decision at all', 'blocked.html', [], null],
  ])('%s', (_name, page, decisions, event) => {
    expect(attemptFromRedirect(page, decisions)).toBe(event);
  });
});

describe('viewSourceTarget', () => {
  it.each([
    ['view-source:https://www.facebook.com/', 'https://www.facebook.com/'],
    ['VIEW-SOURCE:http://x.com/a?b', 'http://x.com/a?b'],
    ['view-source:moz-extension://abc/blocked.html', null],
    ['view-source:file:///etc/passwd', null],
    ['https://www.facebook.com/view-source:', null],
    ['', null],
  ])('%s → %s', (url, target) => expect(viewSourceTarget(url)).toBe(target));
});

describe('heldForViewSource', () => {
  const started = { tabId: 3, at: 1_000 };
  it.each([
    ['the page request of the same tab, just after', started, { tabId: 3, type: 'main_frame', at: 1_010 }, true],
    ['the page request at the end of the hold', started, { tabId: 3, type: 'main_frame', at: 1_000 + VIEW_SOURCE_HOLD_MS }, true],
    ['a page request long after', started, { tabId: 3, type: 'main_frame', at: 1_001 + VIEW_SOURCE_HOLD_MS }, false],
    ['a page request from before the load started', started, { tabId: 3, type: 'main_frame', at: 999 }, false],
    ['another tab', started, { tabId: 4, type: 'main_frame', at: 1_010 }, false],
    ['a frame or image, not the page', started, { tabId: 3, type: 'sub_frame', at: 1_010 }, false],
    ['no view-source load in any tab', undefined, { tabId: 3, type: 'main_frame', at: 1_010 }, false],
  ])('%s', (_name, from, request, held) => expect(heldForViewSource(from, request)).toBe(held));
});
