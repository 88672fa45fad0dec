/**
 * The block and warning pages' first paint, before their load event: the pages' HTML is drawn at
 * build time by the real components for a pupil in English (components/prerender.tsx), and this
 * fills in what only this visit knows, as text only: the site's name in the title, the address,
 * the school's name, the warning's minutes. It runs as one small classic script
 * (entrypoints/first-paint.ts) with no browser API call, so the page's load event does not wait
 * for any module, storage read or the service worker. The full page (Preact) is loaded after the
 * load event and draws over this with the live status.
 *
 * `hall-pass:content` is marked only when these words are the ones the full page will show: a
 * status seen by an earlier extension page, a pupil, English, no "opens again" line. Otherwise the
 * full page marks it when it has drawn (after the load event).
 */
import { addressFromFragment } from '../utils/core/page-text';
import { matchUrl } from '../utils/core/networks';
import { en } from '../utils/core/i18n/en';
import { pickLanguage } from '../utils/core/i18n/languages';
import type { StatusSnapshot } from '../utils/status';
import { cachedStatus, defaultSnapshot } from './status-cache';

/** Where the built page keeps the full page's script (set by the build, see fast-pages). */
export const APP_ATTRIBUTE = 'data-app';
/** The prerendered placeholders the shell fills or removes. */
export const SHELL_SCHOOL = 'SCHOOL-NAME';
export const SHELL_ADDRESS = 'https://shell.invalid/';

const LANGUAGE_CHOICE_KEY = 'hall-pass-language';

function chosenLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_CHOICE_KEY);
  } catch {
    return null;
  }
}

function setText(selector: string, text: string | null): void {
  const el = document.querySelector(selector);
  if (!el) return;
  // Text only: nothing from the address or the policy is ever parsed as HTML.
  if (text === null) el.remove();
  else el.textContent = text;
}

/** Fills the prerendered page; true when its words are right for this status. */
export function fillShell(page: 'block' | 'warn', hash: string, cached: StatusSnapshot | null, now: number): boolean {
  const status = cached ?? defaultSnapshot(now);
  const { policy } = status.parsed;
  const address = addressFromFragment(hash);
  setText('.school-name', policy.school.name);
  if (address === null) document.querySelector('.address')?.remove();
  else setText('.address code', address);
  const pupil = status.role.role === 'pupil';
  const english = policy.languages.length <= 1 && pickLanguage(policy.languages, chosenLanguage()) === 'en';
  // The same words as blockView/warnView give a pupil in English (tested against them), without
  // the calendar code: this script must stay small.
  const site = address ? (matchUrl(address, policy)?.network.name ?? null) : null;
  const words = en.pupil;
  if (page === 'block') {
    setText('#title', words.block.title(site));
    // A pupil's page has no "opens again" line only when pupils are blocked at all times.
    const never = policy.actions.pupil.schoolHours === 'block' && policy.actions.pupil.otherTimes === 'block';
    return cached !== null && pupil && english && never;
  }
  setText('#title', words.warn.title(site));
  setText('.hint', words.warn.minutes(policy.warnMinutes));
  return cached !== null && pupil && english;
}

/**
 * The first-paint script's whole job. When the prerendered words are right for this reader they
 * show at once and the full page is fetched after the load event; otherwise (staff, another
 * language, no status seen yet) they are hidden, so nobody reads words meant for someone else,
 * and the full page is fetched at once to draw the right ones.
 */
export function paintShell(script: Element | null = document.currentScript): void {
  const page = location.pathname.endsWith('/warn.html') ? 'warn' : 'block';
  const root = document.getElementById('app');
  let right = false;
  try {
    right = fillShell(page, location.hash, cachedStatus(), Date.now());
  } catch {
    // The full page draws everything anyway.
  }
  if (right) performance.mark('hall-pass:content');
  else if (root) root.style.visibility = 'hidden';
  // Words only until the full page draws: its buttons do nothing yet, so they cannot be clicked.
  if (root) root.inert = true;
  const app = script?.getAttribute(APP_ATTRIBUTE);
  const show = () => {
    if (!root) return;
    root.style.visibility = '';
    root.inert = false;
  };
  const load = () => {
    if (!app) return show();
    // Never left blank: if the full page cannot load, the prerendered words are better than none.
    void import(/* @vite-ignore */ new URL(app, location.href).href).catch(show);
  };
  if (right) addEventListener('load', load, { once: true });
  else load();
}
