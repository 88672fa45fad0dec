// @vitest-environment happy-dom
/**
 * Firefox's block pages of their own (one per catalogue network, no script before the load event):
 * who is sent there, what the rules look like, what the pages say, and how the full page takes over.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, catalogueById } from '../../utils/core/catalogue';
import { hostMatchesDomain } from '../../utils/core/url-match';
import { extraSiteNetwork, matchUrl } from '../../utils/core/networks';
import { DEFAULT_POLICY } from '../../utils/core/policy-defaults';
import type { Policy } from '../../utils/core/policy';
import type { Role } from '../../utils/core/types';
import { STATIC_PAGE_NETWORKS, staticPageFits, staticPageNetwork, staticPagePath, staticPages } from '../../utils/core/static-pages';
import { compilePolicy, type DnrRule } from '../../utils/core/rules';
import { blockView } from '../../utils/core/page-text';
import { staticBlockMarkup, staticBlockPages } from '../../components/prerender';
import { AfterLoad, AFTER_LOAD_MAX_MS, startFullPage } from '../../utils/browser/page-starter';
import { drawWithStatus } from '../../components/first-paint';
import { defaultSnapshot } from '../../components/status-cache';

const NOW = Date.UTC(2026, 2, 4, 10, 0);
const BASE = 'moz-extension://0b9c7e0e-8a1f-4d3c-9a8e-3c5d2f1b4a70/';
const facebook = catalogueById('facebook')!;
const youtube = catalogueById('youtube')!;

function policy(edit: (p: Policy) => void = () => undefined): Policy {
  const p = structuredClone(DEFAULT_POLICY);
  edit(p);
  return p;
}

describe('staticPageFits: only when the prerendered words are the ones this reader gets', () => {
  it.each<[string, Role, (p: Policy) => void, boolean]>([
    ['a pupil, English only, blocked at all times (the defaults)', 'pupil', () => undefined, true],
    ['staff', 'staff', () => undefined, false],
    ['a governor', 'governor', () => undefined, false],
    ['a pupil whose school offers Welsh too', 'pupil', (p) => (p.languages = ['en', 'cy']), false],
    ['a pupil whose school speaks Welsh only', 'pupil', (p) => (p.languages = ['cy']), false],
    ['a pupil allowed outside school hours (the page says when it opens)', 'pupil', (p) => (p.actions.pupil.otherTimes = 'allow'), false],
    ['a pupil warned in school hours', 'pupil', (p) => (p.actions.pupil.schoolHours = 'warn'), false],
  ])('%s', (_name, role, edit, fits) => {
    expect(staticPageFits(role, NOW, policy(edit))).toBe(fits);
  });
});

describe('staticPages: which networks are sent to a page of their own', () => {
  it('every catalogue network in force, under its own file name', () => {
    const pages = staticPages(CATALOGUE, true);
    expect(pages.size).toBe(CATALOGUE.length);
    expect(pages.get('facebook')).toBe('blocked-facebook.html');
    expect(pages.get('wordpress-com')).toBe('blocked-wordpress-com.html');
  });
  it('none when the words do not fit the reader', () => {
    expect(staticPages(CATALOGUE, false).size).toBe(0);
  });
  it('not an extra site, nor a network under a name the page was not drawn with', () => {
    const pages = staticPages([facebook, extraSiteNetwork('social.test'), { ...youtube, name: 'YouTube Kids' }], true);
    expect([...pages.keys()]).toEqual(['facebook']);
  });
  it("a page's path names its network, and nothing else does", () => {
    expect(staticPageNetwork(`/${staticPagePath('tiktok')}`)).toBe('tiktok');
    for (const path of [
      '/blocked.html',
      '/blocked-.html',
      '/blocked-myspace.html',
      '/blocked-facebook.html/x',
      '/x/blocked-facebook.html',
      '/blocked-FACEBOOK.html',
    ]) {
      expect(staticPageNetwork(path), path).toBeNull();
    }
  });
  it("no catalogue network's domain lies inside another's, so one network's rule is the only one an address can meet", () => {
    for (const a of STATIC_PAGE_NETWORKS) {
      for (const b of STATIC_PAGE_NETWORKS) {
        if (a === b) continue;
        for (const d of a.domains) {
          expect(
            b.domains.filter((e) => hostMatchesDomain(d, e)),
            `${a.id}'s ${d} inside ${b.id}`,
          ).toEqual([]);
        }
      }
    }
  });
});

describe('compilePolicy with pages of their own', () => {
  const redirects = (rules: DnrRule[]) =>
    rules.flatMap((r) =>
      r.action.type === 'redirect' && 'regexSubstitution' in r.action.redirect
        ? [{ to: r.action.redirect.regexSubstitution, domains: r.condition.requestDomains ?? [] }]
        : [],
    );
  const networks = [facebook, youtube, extraSiteNetwork('social.test')];

  it('sends each such network to its own page with the address, and the rest to the shared page', () => {
    const { rules } = compilePolicy({ networks, excluded: [], action: 'block', pageBase: BASE, dialect: 'firefox', ownPages: staticPages(networks, true) });
    const r = redirects(rules);
    expect(r.find((x) => x.to === `${BASE}blocked-facebook.html#\\0`)?.domains).toContain('facebook.com');
    expect(r.find((x) => x.to === `${BASE}blocked-youtube.html#\\0`)?.domains).toContain('youtu.be');
    // (The proxy and archive forms, matched by pattern rather than by domain, stay on the shared page.)
    const shared = r.filter((x) => x.to === `${BASE}blocked.html#\\0` && x.domains.length > 0);
    expect(shared).toHaveLength(1);
    expect(shared[0]!.domains).toContain('social.test');
    expect(shared[0]!.domains).not.toContain('facebook.com');
    // Frames and sub-resources are still blocked outright for every network.
    const block = rules.find((r) => r.action.type === 'block' && r.condition.excludedResourceTypes?.includes('main_frame'));
    expect(block?.condition.requestDomains).toEqual(expect.arrayContaining(['facebook.com', 'youtu.be', 'social.test']));
  });

  it('changes nothing without them, for a warning, or when the browser withholds access to sites', () => {
    const plain = compilePolicy({ networks, excluded: [], action: 'block', pageBase: BASE, dialect: 'firefox' }).rules;
    expect(redirects(plain).length).toBeGreaterThan(0);
    expect(redirects(plain).every((x) => x.to === `${BASE}blocked.html#\\0`)).toBe(true);
    const warned = compilePolicy({ networks, excluded: [], action: 'warn', pageBase: BASE, dialect: 'firefox', ownPages: staticPages(networks, true) }).rules;
    expect(redirects(warned).some((x) => x.to.includes('blocked-'))).toBe(false);
    const withheld = compilePolicy({
      networks,
      excluded: [],
      action: 'block',
      pageBase: BASE,
      dialect: 'firefox',
      ownPages: staticPages(networks, true),
      withoutSiteAccess: { floor: CATALOGUE },
    }).rules;
    expect(withheld.some((r) => r.action.type === 'redirect')).toBe(false);
  });

  it("keeps the whole catalogue within the browser's regex budget with 10,000 extra sites", () => {
    const extra = Array.from({ length: 10_000 }, (_, i) => extraSiteNetwork(`site${i}.example`));
    const all = [...CATALOGUE, ...extra];
    const { rules, coverage } = compilePolicy({
      networks: all,
      excluded: [],
      action: 'block',
      pageBase: BASE,
      dialect: 'firefox',
      ownPages: staticPages(all, true),
    });
    expect(coverage.regexUsed).toBeLessThanOrEqual(coverage.regexLimit);
    expect(redirects(rules).filter((x) => x.to.includes('blocked-'))).toHaveLength(CATALOGUE.length);
  });
});

describe("each network's own page says what the full page says to a pupil in English", () => {
  it.each(STATIC_PAGE_NETWORKS.map((n) => [n.id, n] as const))('%s', (_id, network) => {
    const view = blockView(`https://${network.domains[0]}/`, 'pupil', NOW, DEFAULT_POLICY);
    document.body.innerHTML = staticBlockMarkup(network);
    expect(document.querySelector('h1')?.textContent).toBe(view.title);
    expect(document.querySelector('h1')?.textContent).toContain(network.name);
    expect(document.querySelector('.why')?.textContent).toBe(view.why);
    expect([...document.querySelectorAll('.talk-to li')].map((li) => li.textContent)).toEqual(view.talkTo);
    // Nothing only this visit knows: no address, no school name, no "opens again" line.
    expect(document.querySelector('.address')).toBeNull();
    expect(document.querySelector('.school-name')).toBeNull();
    expect(document.querySelector('[data-testid="reopens"]')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
  });

  it('one page per catalogue network, named as the rules name it', () => {
    expect(staticBlockPages().map((p) => p.file)).toEqual(CATALOGUE.map((n) => staticPagePath(n.id)));
    expect(matchUrl('https://www.facebook.com/x', DEFAULT_POLICY)?.network.id).toBe('facebook');
  });
});

describe('startFullPage: the background starts a static page once, with its own module only', () => {
  function page(attributes: string): Document {
    document.body.innerHTML = `<div id="app" ${attributes} inert><h1>Facebook is closed on school computers</h1></div>`;
    return document;
  }
  const scripts = () => [...document.querySelectorAll('script')].map((s) => ({ type: s.type, src: s.src }));

  it("adds the page's module once", () => {
    const doc = page('data-app="/chunks/blocked-x.js" data-static="facebook"');
    expect(startFullPage(doc)).toBe(true);
    expect(startFullPage(doc)).toBe(false);
    expect(scripts()).toEqual([{ type: 'module', src: new URL('/chunks/blocked-x.js', document.URL).href }]);
  });
  it.each([
    ['not a static page', 'data-app="/chunks/blocked-x.js"'],
    ['no module named', 'data-static="facebook"'],
    ['a module elsewhere', 'data-app="https://evil.example/x.js" data-static="facebook"'],
    ['a protocol-relative module elsewhere', 'data-app="//evil.example/x.js" data-static="facebook"'],
  ])('leaves alone: %s', (_name, attributes) => {
    expect(startFullPage(page(attributes))).toBe(false);
    expect(scripts()).toEqual([]);
  });
});

describe("the full page taking over from a network's own page", () => {
  function staticPage(): HTMLElement {
    document.body.innerHTML = `<div id="app" data-static="facebook" inert>${staticBlockMarkup(facebook)}</div>`;
    performance.clearMarks();
    localStorage.clear();
    return document.getElementById('app')!;
  }
  const pupil = () => {
    const s = defaultSnapshot(NOW);
    s.role = { ...s.role, role: 'pupil' };
    s.parsed.policy.school = { ...s.parsed.policy.school, name: 'Ash Grove Academy' };
    return s;
  };

  it('counts the words as on screen from the start, makes the page usable, and is not a correction when the words stay', () => {
    const root = staticPage();
    localStorage.setItem('hall-pass:status', JSON.stringify(pupil()));
    drawWithStatus(root, () => {
      root.innerHTML = staticBlockMarkup(facebook).replace('</h1>', '</h1><p class="address">The address was: <code>http://facebook.com/</code></p>');
    });
    expect(performance.getEntriesByName('hall-pass:content')).toHaveLength(1);
    expect(performance.getEntriesByName('hall-pass:corrected')).toHaveLength(0);
    expect(root.inert).toBe(false);
    expect(root.dataset.ready).toBe('true');
  });

  it('marks a correction when the full page says something else (the rules were for another reader)', () => {
    const root = staticPage();
    const staff = pupil();
    staff.role = { ...staff.role, role: 'staff' };
    localStorage.setItem('hall-pass:status', JSON.stringify(staff));
    drawWithStatus(root, () => {
      root.innerHTML = '<h1>Facebook is blocked during school hours</h1><p class="why">Staff words.</p>';
    });
    expect(performance.getEntriesByName('hall-pass:corrected')).toHaveLength(1);
  });

  it('marks a correction when the full page adds when the site opens again (the policy changed since the rules)', () => {
    const root = staticPage();
    localStorage.setItem('hall-pass:status', JSON.stringify(pupil()));
    drawWithStatus(root, () => {
      root.innerHTML = staticBlockMarkup(facebook).replace('</h1>', '</h1><p class="reopens" data-testid="reopens">You can use it again at 15:30.</p>');
    });
    expect(performance.getEntriesByName('hall-pass:corrected')).toHaveLength(1);
  });
});

describe('AfterLoad: the background logs the attempt once its own page has loaded, and never loses it', () => {
  function setup() {
    const timers: { fn: () => void; ms: number }[] = [];
    const after = new AfterLoad((fn, ms) => timers.push({ fn, ms }));
    const done: string[] = [];
    return { after, done, timers, fire: () => timers.forEach((t) => t.fn()) };
  }

  it("runs what waits for a tab when that tab's page loads, in order, and only then", () => {
    const { after, done } = setup();
    after.add(7, () => done.push('first'));
    after.add(7, () => done.push('second'));
    after.add(8, () => done.push('other tab'));
    expect(done).toEqual([]);
    after.loaded(7);
    expect(done).toEqual(['first', 'second']);
    after.loaded(7);
    expect(done).toEqual(['first', 'second']);
  });

  it('runs it anyway when the page never loads (the tab closed first), once', () => {
    const { after, done, timers, fire } = setup();
    after.add(7, () => done.push('attempt'));
    expect(timers.map((t) => t.ms)).toEqual([AFTER_LOAD_MAX_MS]);
    fire();
    after.loaded(7);
    fire();
    expect(done).toEqual(['attempt']);
  });

  it("calls its timer as a plain function, as a browser's setTimeout must be called (else the fallback never runs)", () => {
    const done: string[] = [];
    const after = new AfterLoad(function (this: unknown, fn: () => void) {
      if (this !== undefined) throw new TypeError("'setTimeout' called on an object that does not implement interface Window.");
      fn();
    });
    after.add(7, () => done.push('attempt'));
    expect(done).toEqual(['attempt']);
  });

  it('a load after one piece timed out still runs the rest once', () => {
    const { after, done, timers } = setup();
    after.add(7, () => done.push('a'));
    after.add(7, () => done.push('b'));
    timers[0]!.fn();
    after.loaded(7);
    timers[1]!.fn();
    expect(done).toEqual(['a', 'b']);
  });
});
