/**
 * A real enterprise forced install: the packed CRX and a gupdate manifest served from 127.0.0.1,
 * ExtensionInstallForcelist in the managed policy, and Chromium started without --load-extension.
 */
import { chromium, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHROME_EXTENSION_ID } from '../../../utils/extension-identity';
import { CHROMIUM, type HostMap } from './chromium';
import { chromiumSession, type ChromiumSession } from './chromium-driver';

export interface UpdateServer {
  port: number;
  updateUrl: string;
  /** Path and time (ms since epoch) of each request, to see when Chromium fetched what. */
  requests: { path: string; at: number }[];
  close(): Promise<void>;
}

export function updatesXml(appid: string, version: string, codebase: string): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${appid}'>
    <updatecheck codebase='${codebase}' version='${version}' />
  </app>
</gupdate>
`;
}

/** Serves /updates.xml and /hall-pass.crx as an admin's web server would. */
export async function startUpdateServer(crxFile: string, version: string): Promise<UpdateServer> {
  const crx = await fs.readFile(crxFile);
  const requests: UpdateServer['requests'] = [];
  let port = 0;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path, at: Date.now() });
    if (path === '/updates.xml') {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(updatesXml(CHROME_EXTENSION_ID, version, `http://127.0.0.1:${port}/hall-pass.crx`));
    } else if (path === '/hall-pass.crx') {
      res.writeHead(200, { 'content-type': 'application/x-chrome-extension', 'content-length': crx.length });
      res.end(crx);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    updateUrl: `http://127.0.0.1:${port}/updates.xml`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The browser policies of a forced install (the extension's own policy goes under 3rdparty beside them). */
export function forceInstallPolicy(updateUrl: string) {
  return {
    ExtensionInstallForcelist: [`${CHROME_EXTENSION_ID};${updateUrl}`],
    // Without it, automation cannot see a force-installed extension's worker or pages.
    DeveloperToolsAvailability: 1,
  };
}

/**
 * Chromium as on a school machine: no --load-extension, and none of Playwright's defaults that
 * stop extensions or the background networking that fetches the forced install.
 */
export async function launchManaged(userDataDir: string, hosts: HostMap): Promise<ChromiumSession> {
  const rules = Object.entries(hosts)
    .flatMap(([host, port]) => [`MAP ${host} 127.0.0.1:${port}`, `MAP *.${host} 127.0.0.1:${port}`])
    .join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
    args: [`--host-resolver-rules=${rules}`],
  });
  // The profile is the test's: it outlives the session, for a real restart.
  return chromiumSession(context, userDataDir, () => context.close());
}

/** The parts of chrome://extensions/?id=<id> (the details view) that say whether a user can change it. */
export interface ExtensionsDetail {
  /** The chrome://extensions page itself (browser UI: no shared driver method reaches it). */
  page: Page;
  name: string;
  /** The On/Off switch (a cr-toggle, role switch: toBeChecked / toBeDisabled work on it). */
  toggle: Locator;
  /** The building icon beside it; its tooltip says who installed the extension. */
  managedIcon: Locator;
  /** The "Remove extension" row at the bottom. */
  removeRow: Locator;
}

export async function extensionsPage(session: ChromiumSession): Promise<ExtensionsDetail> {
  const page = await session.context.newPage();
  await page.goto(`chrome://extensions/?id=${CHROME_EXTENSION_ID}`);
  // Playwright's CSS engine pierces the open shadow roots: extensions-manager > extensions-detail-view.
  const detail = page.locator('extensions-manager extensions-detail-view');
  const toggle = detail.locator('#enableToggle');
  await toggle.waitFor();
  return {
    page,
    name: ((await detail.locator('#name').textContent()) ?? '').trim(),
    toggle,
    managedIcon: detail.locator('cr-tooltip-icon[icon-class="cr20:domain"]'),
    removeRow: detail.locator('#remove-extension'),
  };
}
