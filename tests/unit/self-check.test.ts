import { describe, expect, it } from 'vitest';
import { formatSelfCheck, problemSeverity, selfCheck, STALE_AFTER_MS, type SelfCheckFacts } from '../../utils/core/self-check';
import { TUESDAY_10AM as NOW } from '../helpers/time';

const good: SelfCheckFacts = {
  installType: 'admin',
  incognitoAllowed: true,
  predictionOff: true,
  policyPresent: true,
  policyProblems: 0,
  lastRefresh: NOW - 30_000,
  hostAccess: true,
  browser: 'chromium',
  now: NOW,
};
const stateOf = (facts: Partial<SelfCheckFacts>, id: string) => selfCheck({ ...good, ...facts }).find((i) => i.id === id)!.state;

describe('selfCheck', () => {
  it('a well set-up device is green everywhere the extension can see', () => {
    const items = selfCheck(good);
    expect(items.filter((i) => i.state !== 'ok').map((i) => i.id)).toEqual(['devtools', 'profiles']);
    expect(items.every((i) => i.state === 'ok' || i.fix.length > 0)).toBe(true);
  });

  it.each([
    ['install', { installType: 'normal' }, 'bad'],
    ['install', { installType: 'development' }, 'warn'],
    ['incognito', { incognitoAllowed: false }, 'warn'],
    ['prediction', { predictionOff: false }, 'bad'],
    ['prediction', { predictionOff: null }, 'bad'],
    ['policy', { policyPresent: false }, 'bad'],
    ['policy', { policyProblems: 2 }, 'warn'],
    // The role fell back to pupil: staff lose what the school meant them to have. Red, not amber.
    ['policy', { policyProblems: 2, seriousProblems: 1 }, 'bad'],
    ['fresh', { lastRefresh: NOW - STALE_AFTER_MS }, 'bad'],
    ['fresh', { lastRefresh: null }, 'bad'],
    ['hosts', { hostAccess: false }, 'bad'],
  ] as const)('%s with %o is %s', (id, facts, state) => {
    expect(stateOf(facts, id)).toBe(state);
  });

  it.each<[string, 'bad' | 'warn']>([
    ['role', 'bad'],
    ['roleRules[0]', 'bad'],
    ['(policy)', 'bad'],
    ['schoolHours[0]', 'warn'],
    ['warnMinutes', 'warn'],
    ['rolePlay', 'warn'],
  ])('problemSeverity(%s) is %s', (key, expected) => {
    expect(problemSeverity(key)).toBe(expected);
  });

  it('in Firefox, also says what Firefox cannot do: policy only read at start, no hidden block page address', () => {
    const items = selfCheck({ ...good, browser: 'firefox' });
    expect(items.filter((i) => i.state !== 'ok').map((i) => i.id)).toEqual(['devtools', 'profiles', 'policy-changes', 'page-address']);
    expect(items.find((i) => i.id === 'policy-changes')!.detail).toContain('next restart');
  });

  it.each([
    ['firefox', 'about:addons'],
    ['chromium', 'chrome://extensions'],
  ] as const)('withheld site access in %s says where to give it back (%s)', (browser, where) => {
    const item = selfCheck({ ...good, browser, hostAccess: false }).find((i) => i.id === 'hosts')!;
    expect(item.state).toBe('bad');
    expect(item.fix).toContain(where);
    expect(item.detail).toContain('blocked outright');
  });

  it('prints one line per item for the service worker console', () => {
    const text = formatSelfCheck(selfCheck({ ...good, predictionOff: false }));
    expect(text.split('\n')).toHaveLength(8);
    expect(text).toContain('FAIL Network prediction: On: the browser may pre-connect to a site before it is blocked. Fix: Set NetworkPredictionOptions to 2');
  });
});
