/**
 * The device clock moved: noticed by the safety alarm, logged for the DSL, shown on the status page.
 *
 * Chromium only: the test moves the clock the background reads, inside the running background.
 * Firefox suspends its event page on its own after a few idle seconds, which starts a fresh one
 * with the real clock before the next alarm, and a test has no switch to hold it (tried: the move
 * was never seen). The decision itself is tested for both in tests/unit/clock.test.ts.
 */
import { test, expect } from '@playwright/test';
import { useSites } from '../support/sites';
import { useBrowser } from '../support/browsers';
import { chromiumUnderTest } from '../support/chromium-driver';
import { basePolicy } from '../support/policies';
import { poll, type Session } from '../support/driver';
import { HOUR } from '../../helpers/time';

const sites = useSites();
const chromium = useBrowser(chromiumUnderTest);

/**
 * Moves the clock the extension's service worker reads (its Date), as changing the device's clock
 * would, without touching this machine's clock.
 */
function moveClock(s: Session, byMs: number) {
  return s.inExtension((by) => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + by;
    return true;
  }, byMs);
}

test('a clock moved back six hours is noticed within a minute, logged with its size, and shown on the status page', async () => {
  test.setTimeout(180_000);
  const s = await chromium.start(basePolicy({ role: 'pupil', timezone: 'UTC' }), sites.hosts(), (st) => st.parsed.present && st.role.role === 'pupil');
  expect(await moveClock(s, -6 * HOUR)).toBe(true);
  const moved = await poll(
    async () => (await s.storedEntries()).filter((e) => e.event === 'clock-moved'),
    (e) => e.length > 0,
    'a clock-moved entry',
    95_000,
  );
  expect(moved).toHaveLength(1);
  expect(moved[0]!.text).toMatch(/^The device clock moved back by 6 h( 0 min)?\b/);
  const tab = await s.newTab();
  await tab.open('status.html');
  await tab.waitForText('[data-testid="clock"]', 'The device clock moved back by 6 h');
});
