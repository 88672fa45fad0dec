import { browser } from 'wxt/browser';
import { problemSeverity, type SelfCheckFacts } from '../core/self-check';
import type { StatusSnapshot } from '../status';

/** What the browser will tell an extension about how it is set up; null where it will not say. */
export async function selfCheckFacts(status: StatusSnapshot | null, now = Date.now()): Promise<SelfCheckFacts> {
  const [self, incognito, hosts] = await Promise.all([
    browser.management.getSelf().catch(() => null),
    browser.extension.isAllowedIncognitoAccess().catch(() => null),
    // The last refresh already asked; ask again only without one (or one from an older version).
    status?.siteAccess ?? browser.permissions.contains({ origins: ['<all_urls>'] }).catch(() => null),
  ]);
  return {
    installType: self?.installType ?? null,
    incognitoAllowed: incognito,
    predictionOff: status?.predictionOff ?? null,
    policyPresent: status?.parsed.present ?? false,
    policyProblems: (status?.parsed.problems.length ?? 0) + (status?.ruleErrors.length ?? 0),
    seriousProblems: (status?.parsed.problems.filter((p) => problemSeverity(p.key) === 'bad').length ?? 0) + (status?.ruleErrors.length ?? 0),
    lastRefresh: status?.computedAt ?? null,
    hostAccess: hosts,
    browser: import.meta.env.FIREFOX ? 'firefox' : 'chromium',
    now,
  };
}
