/**
 * Focus visible (WCAG 2.4.7, 2.4.11): tabs through every control on the page with the real keyboard
 * and checks that each one, when focused, shows a focus indicator (an outline at least 2 px wide, or
 * a box shadow) that it does not have unfocused.
 */
import { expect } from '@playwright/test';
import type { Tab } from './driver';

interface Focused {
  id: string | null;
  what: string;
  ring: boolean;
  differs: boolean;
  style: string;
}

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/** Marks every control a keyboard user should reach and notes how it looks unfocused. */
function prepare(selector: string): string[] {
  // The walk starts at the top of the page, wherever focus was before (a report form opening moves it).
  const start = document.createElement('span');
  start.tabIndex = -1;
  start.id = 'focus-walk-start';
  document.body.prepend(start);
  const seen = new Set<string>();
  const ids: string[] = [];
  const unfocused: Record<string, string> = {};
  const look = (el: Element) => {
    const cs = getComputedStyle(el);
    return JSON.stringify([cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow]);
  };
  document.querySelectorAll<HTMLElement>(selector).forEach((el, i) => {
    if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.getClientRects().length === 0) return;
    if (getComputedStyle(el).visibility === 'hidden') return;
    if (el instanceof HTMLInputElement && el.type === 'hidden') return;
    // One stop per group of radio buttons: the ticked one, else the first.
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      const group = [...document.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${el.name}"]`)];
      const stop = group.find((r) => r.checked) ?? group[0];
      if (el !== stop || seen.has(el.name)) return;
      seen.add(el.name);
    }
    const id = `f${i}`;
    el.dataset.focusId = id;
    unfocused[id] = look(el);
    ids.push(id);
  });
  (window as unknown as { unfocusedLook: Record<string, string> }).unfocusedLook = unfocused;
  start.focus();
  return ids;
}

function inspect(): Focused | null {
  const el = document.activeElement as HTMLElement | null;
  // Focus has gone on to the browser's own controls.
  if (!document.hasFocus()) return null;
  if (!el || el === document.body || el === document.documentElement || el.id === 'focus-walk-start') return null;
  const cs = getComputedStyle(el);
  const style = JSON.stringify([cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow]);
  const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
  const id = el.dataset.focusId ?? null;
  const before = id ? (window as unknown as { unfocusedLook: Record<string, string> }).unfocusedLook[id] : undefined;
  const name = el.getAttribute('aria-label') ?? el.id ?? '';
  const text = (el.textContent ?? '').trim().slice(0, 40);
  return {
    id,
    what: `<${el.tagName.toLowerCase()}${el.getAttribute('type') ? ` type=${el.getAttribute('type')}` : ''}> ${name} ${text}`.trim(),
    ring,
    differs: style !== before,
    style,
  };
}

/** Tabs through the whole page; every control is reached and each shows its focus. Returns how many were reached. */
export async function expectVisibleFocus(tab: Tab, state: string, maxSteps = 600): Promise<number> {
  const expected = await tab.evaluate(prepare, FOCUSABLE);
  expect(expected.length, `${state}: no controls found`).toBeGreaterThan(0);
  const reached = new Set<string>();
  const failures: string[] = [];
  let previous: string | null = null;
  let outside = 0;
  for (let step = 0; step < maxSteps; step++) {
    await tab.press('Tab');
    const f = await tab.evaluate(inspect, null);
    // Past the last control, focus goes to the browser's own controls, then comes back to the page's
    // first: the walk starts wherever focus last was, so it goes round once.
    if (!f) {
      if (expected.every((id) => reached.has(id)) || ++outside > 30) break;
      previous = null;
      continue;
    }
    const key = f.id ?? f.what;
    // A date input is several stops (day, month, year) on one element.
    if (key === previous) continue;
    if (reached.has(key)) break;
    reached.add(key);
    previous = key;
    if (!f.ring || !f.differs) failures.push(`${f.what}: ${f.style}${f.differs ? '' : ' (the same as unfocused)'}`);
    // Stop on the last control, so focus stays in the page for what the test does next.
    if (expected.every((id) => reached.has(id))) break;
  }
  expect(failures, `${state}: controls without a visible focus indicator`).toEqual([]);
  const missed = expected.filter((id) => !reached.has(id));
  const names =
    missed.length === 0
      ? []
      : await tab.evaluate((ids: string[]) => ids.map((id) => document.querySelector(`[data-focus-id="${id}"]`)?.outerHTML.slice(0, 120) ?? id), missed);
  expect(names, `${state}: controls the keyboard never reached`).toEqual([]);
  return reached.size;
}
