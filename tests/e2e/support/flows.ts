/** Steps several specs take the same way, written once over the driver's Tab (both browsers). */
import { expect } from '@playwright/test';
import type { Session, Tab } from './driver';

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

/**
 * On the policy builder: the school, its DSL and passphrase, social.test as an extra network, and
 * one approved use (the school's X account), for the staff files. What the specs check is built
 * from these values.
 */
export async function fillBuilderBasics(tab: Tab, passphrase: string) {
  await tab.selectLabel('Role in the Windows, Firefox and Linux files', 'staff');
  await tab.fillLabel('School name', 'Ash Grove Academy');
  await tab.fillLabel('DSL name', 'Gemma Williams');
  await tab.fillLabel('More sites the school treats as social networks (one a line)', 'social.test\n');
  await tab.clickButton('Add an approved use');
  await tab.fillLabel("Address of the school's page", 'https://x.com/AshGroveAcademy');
  await tab.fillLabel('Purpose', 'School X account');
  await tab.fillLabel('DSL passphrase (at least 8 characters)', passphrase);
  await tab.fillLabel('Repeat the passphrase', passphrase);
}

/**
 * Edits log entries in the extension's IndexedDB, as someone with the profile could: each entry
 * `seqs` names gets `patch`'s fields. The chain no longer matches what was written.
 */
export async function editLogEntries(s: Session, seqs: number[], patch: Record<string, unknown>): Promise<void> {
  await s.inExtension(
    ({ seqs, patch }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hall-pass');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('entries', 'readwrite');
          const store = tx.objectStore('entries');
          for (const seq of seqs) {
            const get = store.get(seq);
            get.onsuccess = () => store.put({ ...get.result, ...patch });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { seqs, patch },
  );
}

/**
 * Where the rules send a pupil (an English-only policy that blocks pupils at all times) for an
 * address on a catalogue network: in Firefox that network's own block page, which has no script
 * before its load event (utils/core/static-pages.ts); in Chromium the one block page.
 */
export function pupilBlockPage(s: Session, network: string, address: string): string {
  return s.base.startsWith('moz-extension:') ? `${s.base}blocked-${network}.html#${address}` : `${s.base}blocked.html#${address}`;
}
