// @vitest-environment happy-dom
/**
 * The block and warning pages' first paint (prerendered HTML filled by the first-paint script)
 * says what the full page says to a pupil in English, shows nothing from the address as HTML,
 * and claims to be right only when it is.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { shellMarkup } from '../../components/prerender';
import { APP_ATTRIBUTE, fillShell, paintShell } from '../../components/page-shell';
import { defaultSnapshot } from '../../components/status-cache';
import { blockView, warnView } from '../../utils/core/page-text';
import type { StatusSnapshot } from '../../utils/status';
import type { Role } from '../../utils/core/types';

const NOW = Date.UTC(2026, 2, 4, 10, 0);

function status(role: Role, edit: (s: StatusSnapshot) => void = () => undefined): StatusSnapshot {
  const s = defaultSnapshot(NOW);
  s.role = { ...s.role, role };
  s.parsed.policy.school = { ...s.parsed.policy.school, name: 'Ash Grove Academy' };
  s.parsed.policy.extraSites = ['social.test'];
  edit(s);
  return s;
}

const text = (selector: string) => document.querySelector(selector)?.textContent ?? null;

beforeEach(() => {
  localStorage.clear();
});

describe('block page first paint', () => {
  const cases: { name: string; address: string | null }[] = [
    { name: 'a listed network', address: 'https://www.facebook.com/groups/1?x=2' },
    { name: 'an extra site', address: 'https://social.test/p' },
    { name: 'a translation-proxy form', address: 'https://www-facebook-com.translate.goog/x' },
    { name: 'an unlisted address', address: 'https://example.org/' },
    { name: 'no address', address: null },
  ];
  for (const c of cases) {
    it(`says what the full page says to a pupil: ${c.name}`, () => {
      document.body.innerHTML = `<div id="app">${shellMarkup('block')}</div>`;
      const s = status('pupil');
      const right = fillShell('block', c.address ? `#${c.address}` : '', s, NOW);
      const view = blockView(c.address, 'pupil', NOW, s.parsed.policy);
      expect(right).toBe(true);
      expect(text('#title')).toBe(view.title);
      expect(text('.why')).toBe(view.why);
      expect([...document.querySelectorAll('.talk-to li')].map((li) => li.textContent)).toEqual(view.talkTo);
      expect(text('.school-name')).toBe('Ash Grove Academy');
      expect(text('[data-testid="blocked-address"]')).toBe(c.address);
    });
  }

  it('claims nothing for staff, another language, a pupil who may use it later, or with no status seen yet', () => {
    const fill = (s: StatusSnapshot | null) => {
      document.body.innerHTML = `<div id="app">${shellMarkup('block')}</div>`;
      return fillShell('block', '#https://x.com/', s, NOW);
    };
    expect(fill(status('staff'))).toBe(false);
    expect(fill(status('pupil', (s) => (s.parsed.policy.languages = ['en', 'cy'])))).toBe(false);
    expect(fill(status('pupil', (s) => (s.parsed.policy.actions.pupil.otherTimes = 'allow')))).toBe(false);
    expect(fill(null)).toBe(false);
    // Without a status it still shows no placeholder: the default policy has no school name.
    expect(document.querySelector('.school-name')).toBeNull();
    expect(text('#title')).toBe(blockView('https://x.com/', 'pupil', NOW, defaultSnapshot(NOW).parsed.policy).title);
  });

  it('shows a hostile address as text, never as HTML', () => {
    document.body.innerHTML = `<div id="app">${shellMarkup('block')}</div>`;
    const address = 'https://facebook.com/"><img src=x onerror="window.hacked=1"><script>window.hacked=1</script>';
    fillShell('block', `#${address}`, status('pupil'), NOW);
    expect(document.querySelector('#app img, #app script')).toBeNull();
    expect(text('[data-testid="blocked-address"]')).toBe(address);
  });
});

describe('warning page first paint', () => {
  it('says what the full page says to a pupil, with the minutes from the policy', () => {
    document.body.innerHTML = `<div id="app">${shellMarkup('warn')}</div>`;
    const s = status('pupil', (p) => (p.parsed.policy.warnMinutes = 7));
    const address = 'https://www.instagram.com/reel/1';
    expect(fillShell('warn', `#${address}`, s, NOW)).toBe(true);
    const view = warnView(address, 'pupil', s.parsed.policy);
    expect(text('#title')).toBe(view.title);
    expect(text('.hint')).toBe(view.minutesHint);
    expect([...document.querySelectorAll('[data-testid="terms"] li')].map((li) => li.textContent)).toEqual([...view.terms]);
    expect(text('label[for="reason"]')).toBe(view.reasonLabel);
    expect(text('[data-testid="warned-address"]')).toBe(address);
  });

  it('claims nothing for a governor', () => {
    document.body.innerHTML = `<div id="app">${shellMarkup('warn')}</div>`;
    expect(fillShell('warn', '#https://www.instagram.com/', status('governor'), NOW)).toBe(false);
  });
});

describe('the first-paint script', () => {
  const page = (appUrl: string | null) => {
    document.body.innerHTML = `<div id="app">${shellMarkup('block')}</div>`;
    const script = document.createElement('script');
    if (appUrl) script.setAttribute(APP_ATTRIBUTE, appUrl);
    return script;
  };
  const hidden = () => document.getElementById('app')!.style.visibility === 'hidden';

  it('hides words meant for someone else until the full page draws (no status seen yet: the reader is unknown)', () => {
    paintShell(page('/chunks/never-there.js'));
    expect(hidden()).toBe(true);
  });

  it('never leaves the page blank: if the full page cannot load, the prerendered words are shown', async () => {
    paintShell(page('data:text/javascript,throw new Error("broken")'));
    await expect.poll(hidden).toBe(false);
    paintShell(page(null));
    expect(hidden()).toBe(false);
  });
});
