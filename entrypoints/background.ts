import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { Enforcer, ALARM_CHANGE } from '../utils/enforcer';
import {
  alarmsPort,
  dnrPort,
  extensionPages,
  identityPort,
  kvPort,
  managedPolicySource,
  privacyPort,
  tabsPort,
} from '../utils/browser/adapters';
import { wireMessages } from '../utils/browser/messages';

/** Recompute at least this often, so a missed alarm or a changed clock never leaves stale rules. */
const SAFETY_MINUTES = 1;
const SAFETY_ALARM = 'safety';

export default defineBackground({
  type: 'module',
  main() {
    const refresh = (trigger: string): Promise<unknown> =>
      enforcer.refresh(trigger).catch((e) => console.error('[Hall Pass] refresh failed', e));
    const enforcer = new Enforcer({
      policy: managedPolicySource(() => void refresh('policy arrived late')),
      identity: identityPort,
      dnr: dnrPort,
      tabs: tabsPort,
      local: kvPort('local'),
      session: kvPort('session'),
      alarms: alarmsPort((name) => void refresh(`timer ${name}`)),
      privacy: privacyPort,
      pages: extensionPages(),
      now: Date.now,
      log: (level, message) => console[level](`[Hall Pass] ${message}`),
    });

    // Listeners are registered synchronously so events that woke the worker are not missed.
    browser.runtime.onInstalled.addListener(() => void refresh('installed'));
    browser.runtime.onStartup.addListener(() => void refresh('browser start'));
    browser.alarms.onAlarm.addListener((alarm) => void refresh(alarm.name === ALARM_CHANGE ? 'school time changed' : `alarm ${alarm.name}`));
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed') void refresh('policy changed');
    });
    browser.idle?.onStateChanged?.addListener((state) => {
      if (state === 'active') void refresh('device woke');
    });
    wireMessages(enforcer, refresh);

    browser.alarms.create(SAFETY_ALARM, { periodInMinutes: SAFETY_MINUTES });
    void enforcer.start().then(() => refresh('worker start'));
    // Managed policy reaches Chromium seconds after start, sometimes without a change event.
    for (const seconds of [2, 4, 6, 9, 12, 20, 30, 45]) setTimeout(() => void refresh('policy arrival check'), seconds * 1000);
  },
});
