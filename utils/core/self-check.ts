/**
 * The admin's self-check: is this device set up so Hall Pass can do its job? Pure: the glue
 * gathers the facts the browser will tell an extension; what it cannot tell is said as such.
 */
export type CheckState = 'ok' | 'warn' | 'bad';

export interface CheckItem {
  id: string;
  label: string;
  state: CheckState;
  detail: string;
  /** One line for the admin; empty when nothing needs doing. */
  fix: string;
}

export interface SelfCheckFacts {
  /** chrome.management.getSelf().installType: "admin" is a forced install. */
  installType: string | null;
  incognitoAllowed: boolean | null;
  predictionOff: boolean | null;
  policyPresent: boolean;
  policyProblems: number;
  /** Problems that make the device stricter or looser than the school meant (see problemSeverity). */
  seriousProblems?: number;
  lastRefresh: number | null;
  hostAccess: boolean | null;
  /** Firefox lacks two things Chromium has; the admin should know which. */
  browser: 'chromium' | 'firefox';
  now: number;
}

/** The safety alarm recomputes every minute; three missed minutes means something is wrong. */
export const STALE_AFTER_MS = 3 * 60_000;

export function selfCheck(f: SelfCheckFacts): CheckItem[] {
  return [
    f.installType === 'admin'
      ? { id: 'install', label: 'Installed by policy', state: 'ok', detail: 'Force-installed: it cannot be turned off or removed.', fix: '' }
      : {
          id: 'install',
          label: 'Installed by policy',
          state: f.installType === 'development' ? 'warn' : 'bad',
          detail: f.installType === 'development' ? 'Loaded for development.' : `Installed as "${f.installType ?? 'unknown'}": a user could remove it.`,
          fix: 'Force-install it (ExtensionInstallForcelist, or ExtensionSettings in Firefox).',
        },
    f.incognitoAllowed
      ? { id: 'incognito', label: 'Incognito', state: 'ok', detail: 'Allowed in incognito windows.', fix: '' }
      : {
          id: 'incognito',
          label: 'Incognito',
          state: 'warn',
          detail: 'Not allowed in incognito; fine only if incognito is turned off, which an extension cannot see.',
          fix: 'Set IncognitoModeAvailability to 1 (Firefox: DisablePrivateBrowsing, or private_browsing in ExtensionSettings).',
        },
    f.predictionOff
      ? { id: 'prediction', label: 'Network prediction', state: 'ok', detail: 'Off: blocked sites get no pre-connections.', fix: '' }
      : {
          id: 'prediction',
          label: 'Network prediction',
          state: 'bad',
          detail: 'On: the browser may pre-connect to a site before it is blocked.',
          fix: 'Set NetworkPredictionOptions to 2 (Firefox: NetworkPrediction false).',
        },
    {
      id: 'devtools',
      label: 'Developer tools',
      state: 'warn',
      detail: 'An extension cannot read this setting.',
      fix: "Set DeveloperToolsAvailability to 2 on pupils' devices (Firefox: DisableDeveloperTools).",
    },
    {
      id: 'profiles',
      label: 'Guest mode and new profiles',
      state: 'warn',
      detail: 'An extension cannot read these settings; a guest profile has no extensions at all.',
      fix: 'Set BrowserGuestModeEnabled and BrowserAddPersonEnabled to false.',
    },
    !f.policyPresent
      ? {
          id: 'policy',
          label: 'Managed policy',
          state: 'bad',
          detail: 'None found: the fail-closed defaults apply (every device is a pupil’s).',
          fix: 'Set the extension policy (see the README: Google Admin, Windows, Linux, Firefox).',
        }
      : f.policyProblems > 0
        ? {
            id: 'policy',
            label: 'Managed policy',
            state: (f.seriousProblems ?? 0) > 0 ? 'bad' : 'warn',
            detail: `Found, with ${f.policyProblems === 1 ? '1 problem' : `${f.policyProblems} problems`}${
              (f.seriousProblems ?? 0) > 0 ? ', including the role (this device is treated as a pupil’s)' : ''
            }: safe defaults are used for those keys.`,
            fix: 'Correct the keys listed under Policy problems.',
          }
        : { id: 'policy', label: 'Managed policy', state: 'ok', detail: 'Found and valid.', fix: '' },
    f.lastRefresh !== null && f.now - f.lastRefresh < STALE_AFTER_MS
      ? { id: 'fresh', label: 'Time rules up to date', state: 'ok', detail: 'Brought up to date within the last few minutes.', fix: '' }
      : {
          id: 'fresh',
          label: 'Time rules up to date',
          state: 'bad',
          detail: f.lastRefresh === null ? 'Never worked out yet.' : 'Not brought up to date for over three minutes.',
          fix: 'Restart the browser; if it stays red, reinstall the extension by policy.',
        },
    f.hostAccess
      ? { id: 'hosts', label: 'Access to sites', state: 'ok', detail: 'Granted: blocked sites can be sent to the block page.', fix: '' }
      : {
          id: 'hosts',
          label: 'Access to sites',
          state: 'bad',
          detail: 'Withheld: the browser ignores redirects to the block page, so listed sites are blocked outright and Hall Pass opens the block page itself.',
          fix:
            f.browser === 'firefox'
              ? 'Press "Grant access to sites" below, or about:addons → Hall Pass → Permissions → Access your data for all websites.'
              : 'Press "Grant access to sites" below, or chrome://extensions → Hall Pass → Site access → On all sites.',
        },
    ...(f.browser === 'firefox' ? firefoxLimits : []),
  ];
}

/** What Firefox cannot do that Chromium can: nothing to fix on the device, but the admin should know. */
const firefoxLimits: CheckItem[] = [
  {
    id: 'policy-changes',
    label: 'Policy changes',
    state: 'warn',
    detail: 'Firefox reads policies.json only when it starts: a change reaches Hall Pass at the next restart.',
    fix: 'Restart Firefox on the devices after changing the policy.',
  },
  {
    id: 'page-address',
    label: 'Block page address',
    state: 'warn',
    detail:
      'Firefox cannot hide the block page’s address (Chromium’s use_dynamic_url), so a web page can open it with a made-up address. Such a load changes nothing and is never logged.',
    fix: 'Nothing to set: this is a Firefox limit.',
  },
];

/**
 * How bad a policy problem is for the people at the device. A role that is not valid (so the
 * device fell back to pupil) is red: staff are locked out of what the school meant them to have.
 * The rest fall back to a safe default for one key: amber.
 */
export function problemSeverity(key: string): 'bad' | 'warn' {
  return key === 'role' || key === 'roleRules' || key.startsWith('roleRules[') || key === '(policy)' || key === '(blocking rules)' ? 'bad' : 'warn';
}

export function formatSelfCheck(items: readonly CheckItem[]): string {
  const mark: Record<CheckState, string> = { ok: 'OK  ', warn: 'WARN', bad: 'FAIL' };
  return items.map((i) => `${mark[i.state]} ${i.label}: ${i.detail}${i.fix ? ` Fix: ${i.fix}` : ''}`).join('\n');
}
