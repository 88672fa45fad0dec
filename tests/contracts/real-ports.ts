/**
 * Bundled into a small test extension (tests/e2e/support/contract-extension.ts; its service worker in
 * Chromium, its page in Firefox) for tests/e2e/both/ports-contract.spec.ts:
 * the real adapters from utils/browser/adapters.ts, behind the contract's cases.
 */
import { browser } from 'wxt/browser';
import { dnrPort, identityPort, kvPort, managedPolicySource, privacyPort, siteAccessPort, tabsPort } from '../../utils/browser/adapters';
import { PORT_CASES, type ContractEnv, type PortsUnderTest } from './ports';

async function openTab(url: string): Promise<number> {
  const tab = await browser.tabs.create({ url });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const now = await browser.tabs.get(tab.id!);
    if (now.status === 'complete' && now.url === url) return tab.id!;
    if (Date.now() > deadline) throw new Error(`tab never loaded ${url} (at ${now.url}, ${now.status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const real: PortsUnderTest = {
  dnr: dnrPort,
  local: kvPort('local'),
  session: kvPort('session'),
  tabs: tabsPort,
  policy: managedPolicySource(() => undefined),
  siteAccess: siteAccessPort,
  privacy: privacyPort,
  identity: identityPort,
  openTab,
};

(globalThis as unknown as { portContract: unknown }).portContract = {
  names: PORT_CASES.map((c) => c.name),
  /** Runs one case; the result travels back as JSON, so `undefined` is spelt out. */
  async run(name: string, env: ContractEnv) {
    const c = PORT_CASES.find((x) => x.name === name);
    if (!c) throw new Error(`no case ${name}`);
    return JSON.stringify(await c.run(real, env), (_k, v) => (v === undefined ? '__undefined__' : v));
  },
};
