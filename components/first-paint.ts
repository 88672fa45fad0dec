/**
 * How the block and warning pages' full (Preact) page takes over from the prerendered first paint
 * (page-shell.ts), after the load event, without waiting for the service worker (which may be
 * stopped): it draws from the status the last extension page saw (localStorage, synchronous),
 * else from storage.local directly. The real status is then read and drawn if it differs
 * (useStatus keeps it live).
 *
 * Marks for the benchmark: `hall-pass:content` when the right words are on screen (the
 * first-paint script marks it itself when its words were already right; a network's own block
 * page had them in its HTML, so they count from its first paint), and
 * `hall-pass:corrected` when words on screen had to change: the first-paint script's words were
 * not what the full page shows, or the first words came from an out-of-date status.
 */
import type { StatusSnapshot } from '../utils/status';
import { cachedStatus, readStatus, sameForPages } from './use-status';
import { STATIC_ATTRIBUTE } from '../utils/core/static-pages';

const CONTENT = 'hall-pass:content';
const CORRECTED = 'hall-pass:corrected';

/** What a network's own page says before the full page: its title and reason, and no "opens again" line (no school, no address yet). */
const wordsOf = (root: HTMLElement) =>
  [root.querySelector('h1'), root.querySelector('.why'), root.querySelector('[data-testid="reopens"]')].map((e) => e?.textContent ?? '').join('\n');

/**
 * A network's own block page had its words in its HTML: they were the page's words as soon as it
 * was parsed (the minimal extension's static page, the bench's floor, is counted the same way).
 */
function markStaticContent(): void {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  performance.mark(CONTENT, nav?.domInteractive ? { startTime: nav.domInteractive } : undefined);
}

export function drawWithStatus(root: HTMLElement, draw: (initial: StatusSnapshot | null) => void): void {
  const prerendered = root.hasAttribute(STATIC_ATTRIBUTE);
  if (prerendered) markStaticContent();
  const shellWasRight = performance.getEntriesByName(CONTENT).length > 0;
  const shown = prerendered ? wordsOf(root) : root.innerText;
  const takeOver = (initial: StatusSnapshot | null) => {
    // The prerendered page is replaced in the same task: nothing is painted in between.
    root.replaceChildren();
    draw(initial);
    // Shown again if the first-paint script hid words that were not right for this reader, and
    // usable: the prerendered controls were inert (a click there would have done nothing).
    root.style.visibility = '';
    root.inert = false;
    root.dataset.ready = 'true';
    if (!shellWasRight) performance.mark(CONTENT);
    else if ((prerendered ? wordsOf(root) : root.innerText) !== shown) performance.mark(CORRECTED);
  };
  const cached = cachedStatus();
  const fresh = readStatus().catch(() => null);
  if (cached) {
    takeOver(cached);
    void fresh.then((s) => {
      if (s && !sameForPages(cached, s)) performance.mark(CORRECTED);
    });
    return;
  }
  void fresh.then(takeOver);
}
