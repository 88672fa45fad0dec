/**
 * The two local sites most tests need: one standing in for every listed network (facebook.com,
 * x.com, youtube.com, the translation proxy, social.test) and one ordinary site (school.test).
 * Registers the hooks that start, reset and stop them.
 */
import { test } from '@playwright/test';
import { startSite, type Pages, type SiteServer } from './servers';
import type { HostMap } from './chromium';

export interface Sites {
  social: SiteServer;
  ordinary: SiteServer;
  hosts(): HostMap;
}

export function useSites(schoolPages: Pages = {}): Sites {
  let social: SiteServer | undefined;
  let ordinary: SiteServer | undefined;
  test.beforeAll(async () => {
    social = await startSite('SOCIAL');
    ordinary = await startSite('SCHOOL', schoolPages);
  });
  test.afterAll(async () => {
    await social?.close();
    await ordinary?.close();
  });
  test.beforeEach(() => {
    social?.reset();
    ordinary?.reset();
  });
  return {
    get social() {
      return social!;
    },
    get ordinary() {
      return ordinary!;
    },
    hosts: () => ({
      'facebook.com': social!.port,
      'x.com': social!.port,
      'youtube.com': social!.port,
      'translate.goog': social!.port,
      'social.test': social!.port,
      'school.test': ordinary!.port,
    }),
  };
}
