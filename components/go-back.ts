import { browser } from 'wxt/browser';

/** "Go back": the page before, or a new tab when the blocked page was the first in this tab. */
export async function goBack(): Promise<void> {
  if (history.length > 1) return history.back();
  const tab = await browser.tabs.getCurrent();
  if (tab?.id !== undefined) await browser.tabs.update(tab.id, { url: import.meta.env.FIREFOX ? 'about:home' : 'chrome://newtab/' });
}
