/** axe-core, injected into a real page in either browser: WCAG 2.2 A and AA, any violation fails. */
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Tab } from './driver';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const RUN = `(async () => {
  const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
  return JSON.stringify(result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' | ' + n.failureSummary) })));
})()`;

/** Anything that runs a script in the page and returns its result: a driver's Tab, or a Playwright Page wrapped as `{ runScript: (s) => page.evaluate(s) }`. */
type ScriptRunner = Pick<Tab, 'runScript'>;

export async function expectAccessible(tab: ScriptRunner, state: string): Promise<void> {
  const loaded = await tab.runScript('typeof axe !== "undefined"');
  if (!loaded) await tab.runScript(AXE_SOURCE);
  const violations = JSON.parse(String(await tab.runScript(RUN)));
  expect(violations, `axe-core violations on ${state}`).toEqual([]);
}

/**
 * Reflow (WCAG 1.4.10): at 320 CSS px wide (1280 at 400% zoom) the page needs no sideways
 * scrolling; `width` 640 checks 1280 at 200% zoom.
 */
export async function expectReflow(tab: Tab, state: string, width = 320): Promise<void> {
  await tab.setViewport(width, 720);
  // Let layout settle after the resize.
  await new Promise((r) => setTimeout(r, 200));
  const { scroll, client } = (await tab.runScript('({ scroll: document.scrollingElement.scrollWidth, client: document.scrollingElement.clientWidth })')) as {
    scroll: number;
    client: number;
  };
  expect(scroll, `${state} at ${width} px wide: scrollWidth ${scroll} > clientWidth ${client}`).toBeLessThanOrEqual(client);
  await tab.setViewport(1280, 900);
}
