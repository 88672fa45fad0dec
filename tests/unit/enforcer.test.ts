import { describe, expect, it } from 'vitest';
import { Enforcer, ALARM_CHANGE, ALARM_TAB_EXPIRY } from '../../utils/enforcer';
import { STATUS_KEY, type StatusSnapshot } from '../../utils/status';
import { STORED } from '../../utils/stored-state';
import type { TabAllowance } from '../../utils/core/types';
import type { DnrRule } from '../../utils/core/rules';
import { hashPassphrase } from '../../utils/core/passphrase';
import { FakeDnr, FakeJournal, FakeKv, FakePolicy, FakeTabs, FakeAlarms, FakeSiteAccess, PAGE_BASE, fakeDeps, fakeIdentity, fakePages } from '../fakes/ports';
import { DAY, HOUR, TUESDAY_10AM } from '../helpers/time';

// The same day as TUESDAY_10AM at 16:00: after school.
const TUESDAY_4PM = TUESDAY_10AM + 6 * HOUR;

const redirectsTo = (rules: DnrRule[], page: string, domain: string) =>
  rules.some(
    (r) =>
      r.action.type === 'redirect' &&
      'regexSubstitution' in r.action.redirect &&
      r.action.redirect.regexSubstitution === `${PAGE_BASE}${page}#\\0` &&
      r.condition.requestDomains?.includes(domain),
  );
const allows = (rules: DnrRule[], domain: string) =>
  rules.some((r) => r.action.type === 'allow' && r.condition.requestDomains?.includes(domain) && coversPage(r));
/** The rule applies to the page itself (main_frame), named or by not being excluded. */
const coversPage = (r: DnrRule) =>
  r.condition.resourceTypes ? r.condition.resourceTypes.includes('main_frame') : r.condition.excludedResourceTypes?.includes('main_frame') === false;

async function snapshot(local: FakeKv) {
  return (await local.get<StatusSnapshot>(STATUS_KEY))!;
}

describe('Enforcer.refresh', () => {
  it('with no policy at all, treats the device as a pupil and blocks every network', async () => {
    const deps = fakeDeps();
    const s = await new Enforcer(deps).refresh('worker-start');
    expect(s.role).toEqual({ role: 'pupil', source: 'default' });
    expect(s.action).toBe('block');
    expect(s.parsed.present).toBe(false);
    expect(redirectsTo(deps.dnr.dynamic, 'blocked.html', 'facebook.com')).toBe(true);
    expect(redirectsTo(deps.dnr.dynamic, 'blocked.html', 'tiktok.com')).toBe(true);
    expect((await snapshot(deps.local)).computedAt).toBe(TUESDAY_10AM);
  });

  it.each([
    ['staff', TUESDAY_10AM, 'block'],
    ['staff', TUESDAY_4PM, 'allow'],
    ['governor', TUESDAY_4PM, 'allow'],
    ['pupil', TUESDAY_4PM, 'block'],
  ] as const)('%s at %s gets %s', async (role, now, action) => {
    const deps = fakeDeps({ policy: new FakePolicy({ role }), now: () => now });
    const s = await new Enforcer(deps).refresh('worker-start');
    expect(s.action).toBe(action);
    if (action === 'allow') expect(allows(deps.dnr.dynamic, 'facebook.com')).toBe(true);
    else expect(redirectsTo(deps.dnr.dynamic, 'blocked.html', 'facebook.com')).toBe(true);
  });

  it.each([
    ['a pupil (the defaults)', {}, true],
    ['staff in school hours', { role: 'staff' }, false],
    ['a pupil whose school offers Welsh too', { role: 'pupil', languages: ['en', 'cy'] }, false],
  ] as const)("Firefox sends %s to the network's own block page only when its words fit: %s", async (_name, policy, own) => {
    const deps = { ...fakeDeps({ policy: new FakePolicy(policy) }), pages: { ...fakePages, ruleDialect: 'firefox' as const, staticBlockPages: true } };
    await new Enforcer(deps).refresh('worker-start');
    expect(redirectsTo(deps.dnr.dynamic, 'blocked-facebook.html', 'facebook.com')).toBe(own);
    expect(redirectsTo(deps.dnr.dynamic, 'blocked.html', 'facebook.com')).toBe(!own);
  });

  it("Chromium never uses the networks' own pages (its pages are started by their own script)", async () => {
    const deps = { ...fakeDeps(), pages: { ...fakePages, staticBlockPages: false } };
    await new Enforcer(deps).refresh('worker-start');
    expect(deps.dnr.dynamic.some((r) => r.action.type === 'redirect' && JSON.stringify(r.action).includes('blocked-'))).toBe(false);
  });

  it('the signed-in email decides the role through roleRules', async () => {
    const deps = fakeDeps({
      policy: new FakePolicy({ role: 'pupil', roleRules: [{ email: '*@staff.example.sch.uk', role: 'staff' }] }),
      identity: fakeIdentity('J.Smith@staff.example.sch.uk'),
      now: () => TUESDAY_4PM,
    });
    const s = await new Enforcer(deps).refresh('worker-start');
    expect(s.role).toMatchObject({ role: 'staff', source: 'roleRules' });
    expect(s.action).toBe('allow');
  });

  it('sets an alarm for the next change of school time', async () => {
    const deps = fakeDeps({ policy: new FakePolicy({ role: 'staff' }) });
    await new Enforcer(deps).refresh('worker-start');
    // 15:30 GMT the same day.
    expect(deps.alarms.alarms.get(ALARM_CHANGE)).toBe(Date.UTC(2026, 10, 24, 15, 30));
  });

  it('sends open tabs on a now-blocked site to the block page, with the address in the fragment', async () => {
    const tabs = new FakeTabs([
      { id: 1, url: 'https://www.facebook.com/groups/1?x=1' },
      { id: 2, url: 'https://school.example/' },
      { id: 3, url: 'https://x.com/someone' },
    ]);
    const deps = fakeDeps({ policy: new FakePolicy({ role: 'staff' }), tabs });
    await new Enforcer(deps).refresh('worker-start');
    expect(tabs.navigations).toEqual([
      { tabId: 1, url: `${PAGE_BASE}blocked.html#https://www.facebook.com/groups/1?x=1` },
      { tabId: 3, url: `${PAGE_BASE}blocked.html#https://x.com/someone` },
    ]);
  });

  it('does not rewrite the rules when nothing changed, though the browser hands them back in its own key order', async () => {
    // Rewriting them would make Chromium forget the open pages an allowAllRequests rule let in.
    const deps = fakeDeps({ policy: new FakePolicy({ role: 'staff', approvedUses: [{ url: 'https://x.com/AshGroveAcademy', purpose: 'School X' }] }) });
    const enforcer = new Enforcer(deps);
    await enforcer.refresh('worker-start');
    await enforcer.refresh('worker-start');
    await enforcer.refresh('worker-start');
    expect(deps.dnr.dynamicUpdates).toBe(1);
  });

  it('rewrites them when the browser has lost them (a reinstall), though nothing changed in the policy', async () => {
    const deps = fakeDeps();
    const enforcer = new Enforcer(deps);
    await enforcer.refresh('worker-start');
    const applied = deps.dnr.dynamic.length;
    deps.dnr.dynamic = [];
    await enforcer.refresh('worker-start');
    expect(deps.dnr.dynamicUpdates).toBe(2);
    expect(deps.dnr.dynamic).toHaveLength(applied);
  });

  it('when the browser refuses the rules, replaces them with plain blocks of every listed network, extra sites too, and says so', async () => {
    const dnr = new FakeDnr();
    const policy = new FakePolicy({ role: 'staff' });
    let now = TUESDAY_4PM;
    const deps = fakeDeps({ dnr, policy, now: () => now });
    const enforcer = new Enforcer(deps);
    await enforcer.refresh('worker-start');
    expect(allows(dnr.dynamic, 'facebook.com')).toBe(true);
    now = TUESDAY_10AM + DAY;
    dnr.failNextDynamic = new Error('rule limit exceeded');
    policy.value = { role: 'staff', extraSites: ['example-forum.org'] };
    const s = await enforcer.refresh('worker-start');
    expect(allows(dnr.dynamic, 'facebook.com')).toBe(false);
    expect(redirectsTo(dnr.dynamic, 'blocked.html', 'facebook.com')).toBe(true);
    expect(redirectsTo(dnr.dynamic, 'blocked.html', 'example-forum.org')).toBe(true);
    expect(dnr.dynamic).toHaveLength(2);
    expect(s.ruleErrors).toHaveLength(1);
    expect(s.ruleErrors[0]).toMatch(/refused the blocking rules.*every listed network is blocked/);
  });

  it('when the browser refuses even the plain rules, none are left (the static floor blocks) and says so', async () => {
    const dnr = new FakeDnr();
    dnr.updateDynamicRules = async () => {
      throw new Error('broken');
    };
    const s = await new Enforcer(fakeDeps({ dnr, policy: new FakePolicy({ role: 'pupil' }) })).refresh('worker-start');
    expect(dnr.dynamic).toEqual([]);
    expect(s.ruleErrors[1]).toMatch(/only the catalogue networks are blocked/);
    // The same as codes for the status page, with the browser's own words kept apart.
    expect(s.ruleFailures).toEqual([
      { code: 'refused', error: expect.stringContaining('broken') },
      { code: 'refused-fallback', error: expect.stringContaining('broken') },
    ]);
    expect(s.ruleErrors[0]).toBe(
      `The browser refused the blocking rules; every listed network is blocked instead, without approved uses or exceptions. The browser said: ${s.ruleFailures![0]!.code === 'refused' ? (s.ruleFailures![0] as { error: string }).error : ''}`,
    );
  });

  it('reports policy problems in the snapshot and the console, once per change', async () => {
    const lines: string[] = [];
    const policy = new FakePolicy({ timezone: 'Mars/Olympus' });
    const deps = fakeDeps({ policy, log: (_l, m) => lines.push(m) });
    const enforcer = new Enforcer(deps);
    const s = await enforcer.refresh('worker-start');
    await enforcer.refresh('worker-start');
    expect(s.parsed.problems.map((p) => p.key)).toEqual(['timezone']);
    expect(lines.filter((l) => l.includes('timezone'))).toHaveLength(1);
  });

  it('runs refreshes one at a time', async () => {
    const order: string[] = [];
    const dnr = new FakeDnr();
    const slow = dnr.updateDynamicRules.bind(dnr);
    dnr.updateDynamicRules = async (c) => {
      order.push('start');
      await new Promise((r) => setTimeout(r, 5));
      await slow(c);
      order.push('end');
    };
    const policy = new FakePolicy({ role: 'pupil' });
    const deps = fakeDeps({ dnr, policy });
    const enforcer = new Enforcer(deps);
    const first = enforcer.refresh('worker-start');
    // Let the first refresh get into its (slow) rule update before the second one starts.
    await new Promise((r) => setTimeout(r, 1));
    policy.value = { role: 'staff', timezone: 'UTC', schoolHours: [{ days: ['sat'], start: '08:00', end: '09:00' }] };
    const second = enforcer.refresh('worker-start');
    await Promise.all([first, second]);
    expect(order).toEqual(['start', 'end', 'start', 'end']);
    expect(allows(dnr.dynamic, 'facebook.com')).toBe(true);
  });
});

describe('Enforcer.continueAfterWarning', () => {
  const warnPolicy = { role: 'staff', actions: { staff: { schoolHours: 'warn' } }, warnMinutes: 10 };

  it('allows that network in that tab only, for warnMinutes, and sets an expiry alarm', async () => {
    const deps = fakeDeps({ policy: new FakePolicy(warnPolicy) });
    const enforcer = new Enforcer(deps);
    await enforcer.refresh('worker-start');
    expect(redirectsTo(deps.dnr.dynamic, 'warn.html', 'facebook.com')).toBe(true);
    const result = await enforcer.continueAfterWarning(7, 'https://m.facebook.com/page', 'lesson');
    expect(result).toEqual({ ok: true, until: TUESDAY_10AM + 10 * 60_000 });
    expect(deps.dnr.session).toHaveLength(1);
    expect(deps.dnr.session[0]!.condition.tabIds).toEqual([7]);
    expect(deps.dnr.session[0]!.condition.requestDomains).toContain('facebook.com');
    expect(deps.alarms.alarms.get(ALARM_TAB_EXPIRY)).toBe(TUESDAY_10AM + 10 * 60_000);
  });

  it.each([
    ['a blocked site', { role: 'pupil' }, 'https://facebook.com/'],
    ['an unlisted site', warnPolicy, 'https://school.example/'],
    ['a garbage address', warnPolicy, 'javascript:alert(1)'],
  ])('refuses %s', async (_name, policy, url) => {
    const deps = fakeDeps({ policy: new FakePolicy(policy) });
    const result = await new Enforcer(deps).continueAfterWarning(7, url, '');
    expect(result.ok).toBe(false);
    expect(deps.dnr.session).toEqual([]);
  });

  it('drops the allowance once it has run out, and the tab goes back to the warning', async () => {
    let now = TUESDAY_10AM;
    const tabs = new FakeTabs([{ id: 7, url: 'https://facebook.com/page' }]);
    const deps = fakeDeps({ policy: new FakePolicy(warnPolicy), tabs, now: () => now });
    const enforcer = new Enforcer(deps);
    await enforcer.continueAfterWarning(7, 'https://facebook.com/page', 'lesson');
    expect(tabs.navigations).toEqual([]);
    now += 10 * 60_000;
    await enforcer.refresh('worker-start');
    expect(deps.dnr.session).toEqual([]);
    expect(await deps.session.get<TabAllowance[]>(STORED.tabAllowances.key)).toEqual([]);
    expect(tabs.navigations).toEqual([{ tabId: 7, url: `${PAGE_BASE}warn.html#https://facebook.com/page` }]);
  });

  it('ends the allowance when the policy turns the warning into a block', async () => {
    const policy = new FakePolicy(warnPolicy);
    const deps = fakeDeps({ policy });
    const enforcer = new Enforcer(deps);
    await enforcer.continueAfterWarning(7, 'https://facebook.com/page', 'lesson');
    policy.value = { role: 'staff' };
    await enforcer.refresh('worker-start');
    expect(deps.dnr.session).toEqual([]);
  });
});

describe('when the browser withholds access to sites', () => {
  const policy = { role: 'pupil' };

  it('compiles blocks instead of redirects, repeats the floor, and says so in the snapshot', async () => {
    const deps = fakeDeps({ policy: new FakePolicy(policy), siteAccess: new FakeSiteAccess(false) });
    const snapshot = await new Enforcer(deps).refresh('worker-start');
    expect(snapshot.siteAccess).toBe(false);
    expect(deps.dnr.dynamic.filter((r) => r.action.type === 'redirect')).toEqual([]);
    expect(deps.dnr.dynamic.some((r) => r.action.type === 'block' && r.condition.requestDomains?.includes('facebook.com'))).toBe(true);
  });

  it('sends a tab starting to load a listed site to the block page itself, and logs that once', async () => {
    const journal = new FakeJournal();
    const tabs = new FakeTabs([{ id: 7, url: 'https://school.example/' }]);
    const deps = fakeDeps({ policy: new FakePolicy(policy), siteAccess: new FakeSiteAccess(false), journal, tabs });
    const enforcer = new Enforcer(deps);
    await enforcer.refresh('worker-start');
    await enforcer.navigationStarted(7, 'https://www.instagram.com/someone');
    await enforcer.navigationStarted(7, 'https://school.example/timetable');
    expect(tabs.navigations).toEqual([{ tabId: 7, url: `${PAGE_BASE}blocked.html#https://www.instagram.com/someone` }]);
    expect(journal.events.map((e) => [e.event, e.networkId])).toEqual([['blocked', 'instagram']]);
  });

  it('leaves navigations to the redirect rules (and their logging) while access is granted', async () => {
    const journal = new FakeJournal();
    const tabs = new FakeTabs([{ id: 7, url: 'https://school.example/' }]);
    const access = new FakeSiteAccess(true);
    const enforcer = new Enforcer(fakeDeps({ policy: new FakePolicy(policy), siteAccess: access, journal, tabs }));
    await enforcer.refresh('worker-start');
    await enforcer.navigationStarted(7, 'https://www.instagram.com/someone');
    expect(tabs.navigations).toEqual([]);
    expect(journal.events).toEqual([]);
    // Taken away later: the next refresh switches to blocks.
    access.isGranted = false;
    await enforcer.refresh('worker-start');
    await enforcer.navigationStarted(7, 'https://www.instagram.com/someone');
    expect(tabs.navigations).toHaveLength(1);
  });

  it('acts on a withdrawal at once, before the refresh it starts has swapped the rules', async () => {
    const journal = new FakeJournal();
    const tabs = new FakeTabs([{ id: 7, url: 'https://school.example/' }]);
    const access = new FakeSiteAccess(true);
    const enforcer = new Enforcer(fakeDeps({ policy: new FakePolicy(policy), siteAccess: access, journal, tabs }));
    await enforcer.refresh('worker-start');
    await enforcer.navigationStarted(7, 'https://www.instagram.com/someone');
    expect(tabs.navigations).toEqual([]);
    access.isGranted = false;
    enforcer.siteAccessChanged();
    await enforcer.navigationStarted(7, 'https://www.instagram.com/someone');
    expect(tabs.navigations).toEqual([{ tabId: 7, url: `${PAGE_BASE}blocked.html#https://www.instagram.com/someone` }]);
    expect(journal.events.map((e) => e.event)).toEqual(['blocked']);
  });
});

/** Every key read from `kv` from now on, in order. */
function keysRead(kv: FakeKv): string[] {
  const reads: string[] = [];
  const get = kv.get.bind(kv);
  kv.get = <T>(key: string) => {
    reads.push(key);
    return get<T>(key);
  };
  return reads;
}

describe('the access log', () => {
  const policy = { role: 'pupil', device: { label: 'ICT suite PC 12' }, timezone: 'Europe/London' };

  it('logs each blocked attempt from the snapshot in memory, without reading the status back from storage', async () => {
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: new FakePolicy(policy), journal });
    const reads = keysRead(deps.local);
    const enforcer = new Enforcer(deps);
    await enforcer.refresh('worker-start');
    reads.length = 0;
    for (let i = 0; i < 3; i++) expect(await enforcer.recordRedirect('https://www.facebook.com/', 'blocked.html', TUESDAY_10AM + i)).toBe(true);
    expect(journal.events.map((e) => e.event)).toEqual(['blocked', 'blocked', 'blocked']);
    expect(reads.filter((k) => k === STORED.status.key)).toEqual([]);
    // A new enforcer (the worker started again) reads it once, then keeps it.
    const again = new Enforcer(deps);
    await again.recordRedirect('https://www.facebook.com/', 'blocked.html', TUESDAY_10AM + 9);
    await again.recordRedirect('https://www.facebook.com/', 'blocked.html', TUESDAY_10AM + 10);
    expect(reads.filter((k) => k === STORED.status.key)).toHaveLength(1);
    expect(journal.events).toHaveLength(5);
  });

  it("asks storage.session for the tab's allowances once per background, and still sees a Continue granted since", async () => {
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: new FakePolicy({ ...policy, actions: { pupil: { schoolHours: 'warn', otherTimes: 'warn' } } }), journal });
    const reads = keysRead(deps.session);
    const enforcer = new Enforcer(deps);
    await enforcer.refresh('worker-start');
    reads.length = 0;
    for (let i = 0; i < 3; i++) expect(await enforcer.recordRedirect('https://www.facebook.com/', 'warn.html', TUESDAY_10AM + i, 7)).toBe(true);
    expect(reads.filter((k) => k === STORED.tabAllowances.key).length).toBeLessThanOrEqual(1);
    // Continue in tab 7: the next redirect there is no longer a warned attempt (the book knows at once).
    expect((await enforcer.continueAfterWarning(7, 'https://www.facebook.com/', 'for homework')).ok).toBe(true);
    expect(await enforcer.recordRedirect('https://www.facebook.com/', 'warn.html', deps.now() + 1, 7)).toBe(false);
    expect(reads.filter((k) => k === STORED.tabAllowances.key).length).toBeLessThanOrEqual(1);
  });

  it('logs a redirect to the block page with the context of the last refresh', async () => {
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: new FakePolicy(policy), journal, identity: fakeIdentity('amy@pupils.example.sch.uk') });
    const enforcer = new Enforcer(deps);
    await enforcer.refresh('worker-start');
    await enforcer.recordRedirect('https://m.facebook.com/groups/1?q=secret', 'blocked.html', TUESDAY_10AM + 5);
    expect(journal.events).toEqual([
      {
        at: TUESDAY_10AM + 5,
        event: 'blocked',
        user: 'amy@pupils.example.sch.uk',
        role: 'pupil',
        device: 'ICT suite PC 12',
        timezone: 'Europe/London',
        schoolTime: true,
        url: 'https://m.facebook.com/groups/1?q=secret',
        networkId: 'facebook',
        networkName: 'Facebook',
        recordFullUrl: false,
      },
    ]);
  });

  it.each<[string, Record<string, unknown>, string, 'blocked.html' | 'warn.html', number, string | null]>([
    ['a real block', policy, 'https://www.facebook.com/', 'blocked.html', TUESDAY_10AM, 'blocked'],
    ['an ordinary site redirecting to the block page', policy, 'https://evil.example/r', 'blocked.html', TUESDAY_10AM, null],
    ['an ordinary site redirecting to the warning page', policy, 'https://evil.example/r', 'warn.html', TUESDAY_10AM, null],
    ['a blocked site "redirecting" to the warning page', policy, 'https://www.facebook.com/', 'warn.html', TUESDAY_10AM, null],
    ['staff after school: allowed, so not a block', { role: 'staff' }, 'https://www.facebook.com/', 'blocked.html', TUESDAY_4PM, null],
    [
      'staff warned: a real warning',
      { role: 'staff', actions: { staff: { schoolHours: 'warn' } } },
      'https://www.facebook.com/',
      'warn.html',
      TUESDAY_10AM,
      'warned',
    ],
    [
      'an approved page is never blocked',
      { role: 'staff', approvedUses: [{ url: 'https://x.com/AshGrove', purpose: 'School' }] },
      'https://x.com/AshGrove',
      'blocked.html',
      TUESDAY_10AM,
      null,
    ],
  ])('a redirect to our page is logged only when the decision in force agrees: %s', async (_name, p, url, page, now, event) => {
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: new FakePolicy(p), journal, now: () => now });
    const enforcer = new Enforcer(deps);
    await enforcer.refresh('worker-start');
    const logged = await enforcer.recordRedirect(url, page, now + 5, 3);
    expect(logged).toBe(event !== null);
    expect(journal.events.map((e) => e.event)).toEqual(event ? [event] : []);
  });

  it("a warning's Continue in that tab means a later redirect there is not the rules' own", async () => {
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: new FakePolicy({ role: 'staff', actions: { staff: { schoolHours: 'warn' } } }), journal });
    const enforcer = new Enforcer(deps);
    await enforcer.continueAfterWarning(3, 'https://www.youtube.com/watch?v=1', 'Science lesson clip');
    expect(await enforcer.recordRedirect('https://www.youtube.com/watch?v=2', 'warn.html', TUESDAY_10AM + 5, 3)).toBe(false);
    expect(await enforcer.recordRedirect('https://www.youtube.com/watch?v=2', 'warn.html', TUESDAY_10AM + 5, 4)).toBe(true);
  });

  it('a redirect just after school time changed, before the rules were refreshed, is still logged', async () => {
    const journal = new FakeJournal();
    let now = TUESDAY_10AM;
    const enforcer = new Enforcer(fakeDeps({ policy: new FakePolicy({ role: 'staff' }), journal, now: () => now }));
    await enforcer.refresh('worker-start');
    // 15:30 passed a moment ago; the rules compiled at 10:00 still block.
    now = Date.UTC(2026, 10, 24, 15, 30, 1);
    expect(await enforcer.recordRedirect('https://www.facebook.com/', 'blocked.html', now, 1)).toBe(true);
  });

  it('logs tabs it sends to the block page itself', async () => {
    const journal = new FakeJournal();
    const tabs = new FakeTabs([{ id: 4, url: 'https://x.com/someone' }]);
    await new Enforcer(fakeDeps({ policy: new FakePolicy(policy), journal, tabs })).refresh('worker-start');
    expect(journal.events.map((e) => [e.event, e.url, e.networkId])).toEqual([['blocked', 'https://x.com/someone', 'x']]);
  });

  it("logs a warning's Continue with the reason typed", async () => {
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: new FakePolicy({ role: 'staff', actions: { staff: { schoolHours: 'warn' } } }), journal });
    await new Enforcer(deps).continueAfterWarning(3, 'https://www.youtube.com/watch?v=1', 'Science lesson clip');
    expect(journal.events.map((e) => [e.event, e.networkId, e.text])).toEqual([['continued', 'youtube', 'Science lesson clip']]);
  });

  it("logs a pupil's report with no address", async () => {
    const journal = new FakeJournal();
    await new Enforcer(fakeDeps({ policy: new FakePolicy(policy), journal })).recordReport('mean messages', 'Mr Khan');
    expect(journal.events.map((e) => [e.event, e.url, e.text, e.person])).toEqual([['report', null, 'mean messages', 'Mr Khan']]);
  });

  it('keeps the full address only when the policy says so', async () => {
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: new FakePolicy({ ...policy, log: { recordFullUrl: true } }), journal });
    await new Enforcer(deps).recordRedirect('https://facebook.com/?q=1', 'blocked.html', TUESDAY_10AM);
    expect(journal.events[0]!.recordFullUrl).toBe(true);
  });
});

describe('fakes', () => {
  it('FakeAlarms and FakeKv keep what they are given', async () => {
    const a = new FakeAlarms();
    await a.at('x', 5);
    const kv = new FakeKv();
    await kv.set('k', { v: 1 });
    expect([a.alarms.get('x'), await kv.get('k')]).toEqual([5, { v: 1 }]);
  });
});

describe('temporary exceptions', () => {
  const staff = (exceptions: Record<string, unknown> = {}) => new FakePolicy({ role: 'staff', exceptions: { approval: 'self', ...exceptions } });
  const request = (over: Partial<import('../../utils/core/types').ExceptionRequest> = {}) => ({
    url: 'https://www.facebook.com/groups/year4',
    scope: 'site' as const,
    minutes: 30,
    reason: 'Year 4 lesson on online safety',
    use: 'school' as const,
    ...over,
  });
  const allowsFacebookAt20 = (rules: DnrRule[]) =>
    rules.some((r) => r.priority === 20 && r.action.type === 'allow' && r.condition.requestDomains?.includes('facebook.com'));

  it('self approval grants at once: rules let the site through, the log has request and grant', async () => {
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: staff(), journal });
    const result = await new Enforcer(deps).requestException(request());
    expect(result).toEqual({ ok: true, until: TUESDAY_10AM + 30 * 60_000 });
    expect(allowsFacebookAt20(deps.dnr.dynamic)).toBe(true);
    expect(deps.alarms.alarms.get(ALARM_TAB_EXPIRY)).toBe(TUESDAY_10AM + 30 * 60_000);
    expect(journal.events.map((e) => [e.event, e.person ?? null])).toEqual([
      ['exception-requested', null],
      ['exception-granted', 'self'],
    ]);
  });

  it.each([
    ['a pupil', { role: 'pupil', exceptions: { approval: 'self' } }, request(), /Pupils cannot ask/],
    ['exceptions off', { role: 'staff', exceptions: { approval: 'off' } }, request(), /turned exceptions off/],
    ['too long', { role: 'staff', exceptions: { approval: 'self', maxMinutes: 20 } }, request({ minutes: 30 }), /1 to 20 minutes/],
    ['no reason', { role: 'staff', exceptions: { approval: 'self' } }, request({ reason: '  ' }), /reason of a few words/],
    ['a site that is not blocked', { role: 'staff', exceptions: { approval: 'self' } }, request({ url: 'https://school.example/' }), /not blocked/],
  ])('refuses %s, logs the refusal and grants nothing', async (_n, policy, req, message) => {
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: new FakePolicy(policy), journal });
    const result = await new Enforcer(deps).requestException(req);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
    expect(allowsFacebookAt20(deps.dnr.dynamic)).toBe(false);
    expect(journal.events.map((e) => e.event)).toEqual(['exception-requested', 'exception-refused']);
  });

  it("approver PIN: a wrong PIN is refused and slows the next try, the right one grants in the approver's name", async () => {
    const pinHash = await hashPassphrase('24681357');
    const journal = new FakeJournal();
    let now = TUESDAY_10AM;
    const deps = fakeDeps({ policy: staff({ approval: 'approver-pin', approvers: [{ name: 'Mrs Head', pinHash }] }), journal, now: () => now });
    const enforcer = new Enforcer(deps);
    const wrong = await enforcer.requestException(request({ approver: 'Mrs Head', pin: '11111111' }));
    expect(wrong).toEqual({ ok: false, error: 'That PIN is not right for Mrs Head.', retryAfter: 2 });
    const tooSoon = await enforcer.requestException(request({ approver: 'Mrs Head', pin: '24681357' }));
    expect(tooSoon).toEqual({ ok: false, error: 'Too many wrong PINs.', retryAfter: 2 });
    now += 2000;
    const right = await enforcer.requestException(request({ approver: 'Mrs Head', pin: '24681357' }));
    expect(right.ok).toBe(true);
    expect(journal.events.filter((e) => e.event === 'exception-granted').map((e) => e.person)).toEqual(['Mrs Head']);
  });

  it('ends on its own at expiry, logs it, and sends open tabs back to the block page', async () => {
    let now = TUESDAY_10AM;
    const journal = new FakeJournal();
    const tabs = new FakeTabs([{ id: 9, url: 'https://www.facebook.com/groups/year4' }]);
    const deps = fakeDeps({ policy: staff(), journal, tabs, now: () => now });
    const enforcer = new Enforcer(deps);
    await enforcer.requestException(request({ minutes: 15 }));
    expect(tabs.navigations).toEqual([]);
    now += 15 * 60_000;
    await enforcer.refresh('worker-start');
    expect(allowsFacebookAt20(deps.dnr.dynamic)).toBe(false);
    expect(tabs.navigations).toEqual([{ tabId: 9, url: `${PAGE_BASE}blocked.html#https://www.facebook.com/groups/year4` }]);
    expect(journal.events.filter((e) => e.event === 'exception-ended').map((e) => e.text)).toEqual(['Facebook: expired']);
  });

  it('moving the clock back does not extend an exception', async () => {
    let now = TUESDAY_10AM;
    const deps = fakeDeps({ policy: staff(), now: () => now });
    const enforcer = new Enforcer(deps);
    await enforcer.requestException(request({ minutes: 15 }));
    now += 20 * 60_000;
    await enforcer.refresh('worker-start');
    now = TUESDAY_10AM + 60_000; // the clock is set back into the exception's time
    const s = await enforcer.refresh('worker-start');
    expect(s.exceptions).toEqual([]);
    expect(allowsFacebookAt20(deps.dnr.dynamic)).toBe(false);
  });

  it('"End now" removes it at once and logs an early end', async () => {
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: staff(), journal });
    const enforcer = new Enforcer(deps);
    await enforcer.requestException(request());
    const [granted] = (await enforcer.refresh('worker-start')).exceptions;
    await enforcer.endException(granted!.id);
    expect(allowsFacebookAt20(deps.dnr.dynamic)).toBe(false);
    expect(journal.events.at(-1)).toMatchObject({ event: 'exception-ended', text: 'Facebook: ended early' });
  });

  it('a page exception lets only that page and below through, and a pushState move off it is sent to the block page', async () => {
    const tabs = new FakeTabs([{ id: 5, url: 'https://x.com/AshGroveAcademy' }]);
    const journal = new FakeJournal();
    const deps = fakeDeps({ policy: staff(), tabs, journal });
    const enforcer = new Enforcer(deps);
    await enforcer.requestException(request({ scope: 'page', url: 'https://x.com/AshGroveAcademy' }));
    await enforcer.checkTab(5, 'https://x.com/AshGroveAcademy/status/1');
    expect(tabs.navigations).toEqual([]);
    await enforcer.checkTab(5, 'https://x.com/elonmusk');
    expect(tabs.navigations).toEqual([{ tabId: 5, url: `${PAGE_BASE}blocked.html#https://x.com/elonmusk` }]);
    expect(journal.events.at(-1)).toMatchObject({ event: 'blocked', url: 'https://x.com/elonmusk' });
  });
});

describe('the device clock', () => {
  it('a move of the clock is logged once, with its size, and kept on the status page', async () => {
    const journal = new FakeJournal();
    let wall = TUESDAY_10AM;
    let steady = 1000;
    const deps = fakeDeps({ policy: new FakePolicy({ role: 'staff' }), journal, now: () => wall });
    const enforcer = new Enforcer({ ...deps, steady: () => ({ steady, run: 'run-1' }) });
    await enforcer.refresh('worker-start');
    // A minute passes on both clocks: nothing.
    wall += 60_000;
    steady += 60_000;
    await enforcer.refresh('worker-start');
    expect(journal.events).toEqual([]);
    // Then, a minute later on the steady clock, the wall clock says 16:30: moved 6 h 28 min forward.
    steady += 60_000;
    wall = Date.UTC(2026, 10, 24, 16, 30);
    const s = await enforcer.refresh('worker-start');
    expect(journal.events.map((e) => [e.event, e.text])).toEqual([
      ['clock-moved', 'The device clock moved forward by 6 h 28 min (from 10:02 to 16:30); it is now outside school hours.'],
    ]);
    expect(s.clockMoved?.byMs).toBe(Date.UTC(2026, 10, 24, 16, 30) - (TUESDAY_10AM + 120_000));
    await enforcer.refresh('worker-start');
    expect(journal.events).toHaveLength(1);
    expect((await snapshot(deps.local)).clockMoved?.byMs).toBe(s.clockMoved?.byMs);
  });

  it('a clock moved back is noticed across a restart of the background too', async () => {
    const journal = new FakeJournal();
    let wall = TUESDAY_4PM;
    const deps = fakeDeps({ policy: new FakePolicy({ role: 'staff' }), journal, now: () => wall });
    await new Enforcer({ ...deps, steady: () => ({ steady: 5, run: 'first' }) }).refresh('worker-start');
    wall = TUESDAY_10AM;
    await new Enforcer({ ...deps, steady: () => ({ steady: 5, run: 'second' }) }).refresh('worker-start');
    expect(journal.events.map((e) => [e.event, e.text])).toEqual([
      ['clock-moved', 'The device clock moved back by 6 h (from 16:00 to 10:00); it is now school time.'],
    ]);
  });
});

describe('a view-source: load (Firefox applies no rules to it)', () => {
  it('sends the tab to the block page, logs once, and has its page request cancelled', async () => {
    const journal = new FakeJournal();
    const tabs = new FakeTabs([{ id: 3, url: 'about:blank' }]);
    const enforcer = new Enforcer(fakeDeps({ policy: new FakePolicy({ role: 'pupil' }), journal, tabs }));
    await enforcer.refresh('worker-start');
    expect(enforcer.holdViewSource({ tabId: 3, type: 'main_frame' })).toBe(false);
    // The navigation and then the tab's new address name the same load.
    const checked = enforcer.navigationStarted(3, 'view-source:https://www.facebook.com/');
    await enforcer.navigationStarted(3, 'view-source:https://www.facebook.com/');
    expect(enforcer.holdViewSource({ tabId: 4, type: 'main_frame' })).toBe(false);
    expect(enforcer.holdViewSource({ tabId: 3, type: 'image' })).toBe(false);
    const held = enforcer.holdViewSource({ tabId: 3, type: 'main_frame' });
    await checked;
    expect(held).not.toBe(false);
    expect(await held).toBe(true);
    // Only that one request: the next page in the tab is left to the rules.
    expect(enforcer.holdViewSource({ tabId: 3, type: 'main_frame' })).toBe(false);
    expect(tabs.navigations).toEqual([{ tabId: 3, url: `${PAGE_BASE}blocked.html#https://www.facebook.com/` }]);
    expect(journal.events.map((e) => [e.event, e.networkId])).toEqual([['blocked', 'facebook']]);
  });

  it('lets the page request of an ordinary site through', async () => {
    const journal = new FakeJournal();
    const tabs = new FakeTabs([{ id: 3, url: 'about:blank' }]);
    const enforcer = new Enforcer(fakeDeps({ policy: new FakePolicy({ role: 'pupil' }), journal, tabs }));
    await enforcer.refresh('worker-start');
    await enforcer.navigationStarted(3, 'view-source:https://school.example/timetable');
    expect(await enforcer.holdViewSource({ tabId: 3, type: 'main_frame' })).toBe(false);
    expect(tabs.navigations).toEqual([]);
    expect(journal.events).toEqual([]);
  });

  it('cancels the page request when the decision fails (fail closed)', async () => {
    const policy = new FakePolicy();
    policy.read = () => Promise.reject(new Error('storage is gone'));
    const enforcer = new Enforcer(fakeDeps({ policy }));
    const checked = enforcer.navigationStarted(3, 'view-source:https://www.facebook.com/').catch(() => 'failed');
    expect(await enforcer.holdViewSource({ tabId: 3, type: 'main_frame' })).toBe(true);
    expect(await checked).toBe('failed');
  });
});
