import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { Enforcer, ALARM_CHANGE, ALARM_TAB_EXPIRY } from '../utils/enforcer';
import type { RefreshTrigger } from '../utils/core/refresh-trigger';
import {
  alarmsPort,
  dnrPort,
  extensionPages,
  identityPort,
  kvPort,
  managedPolicySource,
  privacyPort,
  siteAccessPort,
  tabsPort,
} from '../utils/browser/adapters';
import { wireMessages } from '../utils/browser/message-handler';
import { blockingPageOf } from '../utils/core/redirects';
import { HallPassDb } from '../utils/journal/db';
import { Journal } from '../utils/journal/journal';
import { SafeJournal } from '../utils/journal/safe-journal';
import { maintainLog as maintainLogNow } from '../utils/journal/maintenance';
import type { StatusSnapshot } from '../utils/status';
import { readStored, STORED } from '../utils/stored-state';
import { selfCheckFacts } from '../utils/browser/self-check';
import { watchNavigations } from '../utils/browser/navigation-watch';
import { holdViewSourceRequests } from '../utils/browser/view-source-hold';
import { startStaticPages } from '../utils/browser/page-starter';
import { formatSelfCheck, selfCheck } from '../utils/core/self-check';
import { startHubOutbox } from '../utils/hub/wire';

/** Recompute at least this often, so a missed alarm or a changed clock never leaves stale rules. */
const SAFETY_MINUTES = 1;
const SAFETY_ALARM = 'safety';
const LOG_ALARM = 'log-maintenance';

/** A timer's reason for a refresh, as the status page names it. */
const alarmTrigger = (name: string): RefreshTrigger =>
  name === ALARM_CHANGE ? 'school-time' : name === ALARM_TAB_EXPIRY ? 'allowance-ended' : name === SAFETY_ALARM ? 'safety' : `alarm:${name}`;

export default defineBackground({
  type: 'module',
  main() {
    const refresh = (trigger: RefreshTrigger): Promise<unknown> =>
      enforcer.refresh(trigger).then(
        () => hub.flush(trigger),
        (e) => console.error('[Hall Pass] refresh failed', e),
      );
    const local = kvPort('local');
    const db = new HallPassDb();
    const journal = new Journal(db, local);
    const safeJournal = new SafeJournal(journal, local);
    const hub = startHubOutbox({ db, journal, local });
    const enforcer = new Enforcer({
      policy: managedPolicySource(() => void refresh('policy-late')),
      identity: identityPort,
      dnr: dnrPort,
      tabs: tabsPort,
      local,
      session: kvPort('session'),
      alarms: alarmsPort((name) => void refresh(alarmTrigger(name))),
      privacy: privacyPort,
      siteAccess: siteAccessPort,
      pages: extensionPages(),
      journal: hub.journal(safeJournal),
      // Read through Date each time: the clock the extension sees is the device's, as it is now.
      now: () => Date.now(),
      steady: () => ({ steady: performance.now(), run: String(performance.timeOrigin) }),
      log: (level, message) => console[level](`[Hall Pass] ${message}`),
    });
    const maintainLog = () => maintainLogNow(safeJournal, journal, local);

    // Listeners are registered synchronously so events that woke the worker are not missed.
    browser.runtime.onInstalled.addListener(() => void refresh('installed'));
    browser.runtime.onStartup.addListener(() => void refresh('browser-start'));
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === LOG_ALARM) void maintainLog().catch((e) => console.error('[Hall Pass] log maintenance failed', e));
      else if (alarm.name === hub.alarmName) hub.flush('outbox alarm');
      else void refresh(alarmTrigger(alarm.name));
    });
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'managed') void refresh('policy-changed');
      const statusChange = area === STORED.status.area ? changes[STORED.status.key] : undefined;
      if (statusChange) {
        const status = statusChange.newValue as StatusSnapshot | undefined;
        watch.fit(status);
        if (status) viewSourceHold?.fit(status.parsed.policy);
      }
    });
    browser.idle?.onStateChanged?.addListener((state) => {
      if (state === 'active') void refresh('device-woke');
    });
    // Firefox lets a user withhold access to sites; without it redirects are ignored.
    // Navigations are watched at once, before the refresh swaps redirects for blocks: an attempt
    // in between is sent to the block page and logged, not left on the browser's error page.
    const siteAccessChanged = () => {
      watch.widen();
      enforcer.siteAccessChanged();
      void refresh('site-access');
    };
    browser.permissions.onRemoved.addListener(siteAccessChanged);
    browser.permissions.onAdded.addListener(siteAccessChanged);
    // Only a redirect the browser made under our rules creates a log entry: a page that merely
    // loads the block page (a forged link, a frame) creates nothing, and a redirect a web page
    // made itself is checked against the decision in force (see Enforcer.recordRedirect).
    const ownHosts = [browser.runtime.id, new URL(browser.runtime.getURL('/')).host];
    // A network's own block page has no script: its full page is started after its load event.
    const staticPages = import.meta.env.FIREFOX ? startStaticPages((message) => console.warn(`[Hall Pass] ${message}`)) : null;
    // Registered wide now, then fitted to each status so ordinary pages do not wake the worker.
    const watch = watchNavigations(
      {
        navigation: (details) => {
          if (details.frameId !== 0) return;
          enforcer.navigationStarted(details.tabId, details.url).catch((e) => console.error('[Hall Pass] navigation check failed', e));
        },
        redirect: (details) => {
          const page = blockingPageOf(details.redirectUrl, details.url, ownHosts);
          if (!page) return;
          const record = () =>
            void enforcer
              .recordRedirect(details.url, page, Math.round(details.timeStamp), details.tabId)
              .catch((e) => console.error('[Hall Pass] could not log an attempt', e));
          // Firefox: a network's own block page loads first (same thread), then the entry is made.
          if (staticPages?.owns(details.redirectUrl)) staticPages.afterLoad(details.tabId, record);
          else record();
        },
        // Networks that change page with history.pushState never make a request the rules could see.
        pageMoved: (details) => {
          if (details.frameId !== 0) return;
          enforcer.checkTab(details.tabId, details.url).catch((e) => console.error('[Hall Pass] page move check failed', e));
        },
      },
      (message) => console.warn(`[Hall Pass] ${message}`),
    );
    // A view-source: tab is checked as soon as Firefox names it (Firefox applies no rules to that
    // load; Chromium does, so its worker is not woken by every tab update).
    // Its page request is held until that check has decided, and cancelled unless allowed.
    const viewSourceHold = import.meta.env.FIREFOX
      ? holdViewSourceRequests(
          (request) => enforcer.holdViewSource(request),
          (message) => console.warn(`[Hall Pass] ${message}`),
        )
      : null;
    if (import.meta.env.FIREFOX) {
      browser.tabs.onUpdated.addListener((tabId, change) => {
        if (change.url && /^view-source:/i.test(change.url)) {
          enforcer.navigationStarted(tabId, change.url).catch((e) => console.error('[Hall Pass] view-source check failed', e));
        }
      });
    }
    wireMessages({ enforcer, refresh, maintainLog });

    // Created once: re-creating on every wake would push a periodic alarm back each time.
    const ensureAlarm = (name: string, info: { periodInMinutes: number; delayInMinutes?: number }) =>
      void browser.alarms.get(name).then(async (a) => {
        if (!a) await browser.alarms.create(name, info);
      });
    ensureAlarm(SAFETY_ALARM, { periodInMinutes: SAFETY_MINUTES });
    ensureAlarm(LOG_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 1 });
    void enforcer
      .start()
      .then(() => enforcer.refresh('worker-start'))
      .then(async (status) => {
        watch.fit(status);
        viewSourceHold?.fit(status.parsed.policy);
        console.info(`[Hall Pass] self-check\n${formatSelfCheck(selfCheck(await selfCheckFacts(status)))}`);
      })
      .catch((e) => console.error('[Hall Pass] start failed', e));
    void maintainLog().catch((e) => console.error('[Hall Pass] log maintenance failed', e));
    // Managed policy reaches Chromium seconds after start, sometimes without a change event: look
    // again a few times, but only while none has been seen.
    const checkArrival = async () => {
      if (!(await readStored(local, STORED.status))?.parsed.present) await refresh('policy-check');
    };
    for (const seconds of [2, 4, 6, 9, 12, 20, 30, 45]) setTimeout(() => void checkArrival(), seconds * 1000);
  },
});
