/** Steps several specs take the same way, written once over the driver's Tab (both browsers). */
import { expect } from '@playwright/test';
import type { Tab } from './driver';

/** On the locked DSL page: types the passphrase and waits until the log is open (its export is offered). */
export async function unlockDsl(tab: Tab, passphrase: string) {
  await tab.fillLabel('Passphrase', passphrase);
  await tab.clickButton('Unlock');
  await expect.poll(() => tab.countButtons('Export CSV'), { timeout: 20_000 }).toBe(1);
}

/** Opens the DSL page in `tab` and unlocks it. */
export async function openDsl(tab: Tab, passphrase: string) {
  await tab.open('dsl.html');
  await unlockDsl(tab, passphrase);
}

/**
 * From a block page: "Tell someone you trust", fill in the form (label → text, in order), send,
 * and wait for the pupil's confirmation.
 */
export async function sendReport(tab: Tab, fields: Record<string, string>) {
  await tab.clickButton('Tell someone you trust');
  for (const [label, text] of Object.entries(fields)) await tab.fillLabel(label, text);
  await tab.clickButton('Send');
  await tab.waitForText('[data-testid="report-sent"]', 'Your message has been sent');
}
