/**
 * The admin's self-check: is this device set up so Hall Pass can do its job? Pure: the glue
 * gathers the facts the browser will tell an extension; what it cannot tell is said as such.
 */
import { enAdmin } from './i18n/admin-en';
import { checkText } from './i18n/check-text';

export type CheckState = 'ok' | 'warn' | 'bad';

export interface CheckItem {
  id: string;
  label: string;
  state: CheckState;
  detail: string;
  /** One line for the admin; empty when nothing needs doing. */
  fix: string;
  /** The same line as a code, for the pages to say in their language. */
  msg: SelfCheckMsg;
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

/**
 * What one self-check line says, as a code with its parameters: the pages render it in their own
 * language through the catalogue (`checks.selfCheck` in utils/core/i18n/admin-en.ts and the rest).
 */
export type SelfCheckMsg =
  | { code: 'install-admin' }
  | { code: 'install-development' }
  | { code: 'install-other'; installType: string | null }
  | { code: 'incognito-ok' }
  | { code: 'incognito-off' }
  | { code: 'prediction-off' }
  | { code: 'prediction-on' }
  | { code: 'devtools' }
  | { code: 'profiles' }
  | { code: 'policy-none' }
  | { code: 'policy-problems'; count: number; serious: boolean }
  | { code: 'policy-ok' }
  | { code: 'fresh-ok' }
  | { code: 'fresh-never' }
  | { code: 'fresh-stale' }
  | { code: 'hosts-ok' }
  | { code: 'hosts-withheld'; browser: 'chromium' | 'firefox' }
  | { code: 'policy-changes' }
  | { code: 'page-address' };

export type SelfCheckCode = SelfCheckMsg['code'];

interface CheckLine {
  id: string;
  state: CheckState;
  msg: SelfCheckMsg;
}

/** The lines as codes, in order; `selfCheck` adds the English words. */
export function selfCheckLines(f: SelfCheckFacts): CheckLine[] {
  const line = (id: string, state: CheckState, msg: SelfCheckMsg): CheckLine => ({ id, state, msg });
  const serious = (f.seriousProblems ?? 0) > 0;
  return [
    f.installType === 'admin'
      ? line('install', 'ok', { code: 'install-admin' })
      : f.installType === 'development'
        ? line('install', 'warn', { code: 'install-development' })
        : line('install', 'bad', { code: 'install-other', installType: f.installType }),
    f.incognitoAllowed ? line('incognito', 'ok', { code: 'incognito-ok' }) : line('incognito', 'warn', { code: 'incognito-off' }),
    f.predictionOff ? line('prediction', 'ok', { code: 'prediction-off' }) : line('prediction', 'bad', { code: 'prediction-on' }),
    line('devtools', 'warn', { code: 'devtools' }),
    line('profiles', 'warn', { code: 'profiles' }),
    !f.policyPresent
      ? line('policy', 'bad', { code: 'policy-none' })
      : f.policyProblems > 0
        ? line('policy', serious ? 'bad' : 'warn', { code: 'policy-problems', count: f.policyProblems, serious })
        : line('policy', 'ok', { code: 'policy-ok' }),
    f.lastRefresh !== null && f.now - f.lastRefresh < STALE_AFTER_MS
      ? line('fresh', 'ok', { code: 'fresh-ok' })
      : line('fresh', 'bad', { code: f.lastRefresh === null ? 'fresh-never' : 'fresh-stale' }),
    f.hostAccess ? line('hosts', 'ok', { code: 'hosts-ok' }) : line('hosts', 'bad', { code: 'hosts-withheld', browser: f.browser }),
    ...(f.browser === 'firefox' ? [line('policy-changes', 'warn', { code: 'policy-changes' }), line('page-address', 'warn', { code: 'page-address' })] : []),
  ];
}

/** The self-check with its English words (the worker's console and the tests read these). */
export function selfCheck(f: SelfCheckFacts): CheckItem[] {
  return selfCheckLines(f).map((l) => ({ ...l, ...checkText(enAdmin.checks, l.msg) }));
}

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
