/**
 * Brings the browser in line with the policy: recomputes everything from storage and the clock on
 * every call (a stopped service worker keeps nothing in memory we rely on), applies the blocking
 * rules (through the ruleset manager), sets the next wake-up, and sends open tabs that are now
 * blocked to the block page. It also handles navigations the rules cannot see, and the requests
 * pages make (a warning's Continue, an exception), with the books that keep them.
 */
import { staticPageFits, staticPages } from './core/static-pages';
import { ruleFailureEn } from './core/rule-failures';
import type { RefreshTrigger } from './core/refresh-trigger';
import { parsePolicy, type ParsedPolicy } from './core/policy';
import { resolveRole } from './core/role';
import { isSchoolTime, nextChange } from './core/calendar';
import { actionFor, approvedUsesFor, decide, type Decision } from './core/decide';
import { matchUrl, networkIndex } from './core/networks';
import { exceptionAllowance, validateRequest } from './core/exceptions';
import { ExceptionBook } from './exception-book';
import { PinApproval } from './pin-approval';
import { TabAllowanceBook } from './tab-allowance-book';
import { RulesetManager } from './ruleset-manager';
import { noticeClockMove } from './clock-watch';
import { budgetFailures, compileFallbackRules, compilePolicy, compileTabRules, countRules, refusedRuleProblems, type PolicyRuleInput } from './core/rules';
import { CATALOGUE } from './core/catalogue';
import { attemptFromRedirect, heldForViewSource, viewSourceTarget } from './core/redirects';
import { describeClockMove } from './core/clock';
import { serialQueue } from './core/serial-queue';
import { describeExceptionRequest, logEntry, type LogContext, type LogExtras } from './core/log/entry';
import type { Allowance, ExceptionRequest, GrantedException, Role, TabAllowance } from './core/types';
import type { LogEvent } from './core/log/types';
import type { AlarmsPort, DnrPort, ExtensionPages, IdentityPort, JournalPort, KvPort, PolicySource, PrivacyPort, SiteAccessPort, TabsPort } from './ports';
import type { StatusSnapshot } from './status';
import { readStored, STORED, writeStored } from './stored-state';

export const ALARM_CHANGE = 'school-time-change';
export const ALARM_TAB_EXPIRY = 'allowance-expiry';

export interface EnforcerDeps {
  policy: PolicySource;
  identity: IdentityPort;
  dnr: DnrPort;
  tabs: TabsPort;
  /** Persistent: the status snapshot pages read. */
  local: KvPort;
  /** Cleared when the browser closes, like the session rules it mirrors. */
  session: KvPort;
  alarms: AlarmsPort;
  privacy: PrivacyPort;
  siteAccess: SiteAccessPort;
  pages: ExtensionPages;
  journal: JournalPort;
  now: () => number;
  /** A steady clock for this run of the background (performance.now), to notice the wall clock moving. */
  steady?: () => { steady: number; run: string };
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export type ContinueResult = { ok: true; until: number } | { ok: false; error: string };
/** A refusal after a wrong PIN says how many seconds until the next try, for the page's countdown. */
export type ExceptionResult = { ok: true; until: number } | { ok: false; error: string; retryAfter?: number };

const contextOf = (s: StatusSnapshot): LogContext => ({ policy: s.parsed.policy, email: s.email, role: s.role.role });

export class Enforcer {
  /** Runs one task at a time: two refreshes racing on the rule set could leave a mix of both. */
  private readonly serial = serialQueue();
  private lastProblems = '';
  private predictionOff: boolean | null = null;
  /** From the last refresh; read on every navigation, so kept in memory once known. */
  private siteAccess: boolean | undefined;
  /**
   * The last snapshot this enforcer wrote or read: every blocked attempt needs it, and reading it
   * back from storage on each one (the whole policy, on the pages' own thread in Firefox) slowed
   * the block page. Only this class writes it, so the copy in memory is never stale.
   */
  private snapshot: StatusSnapshot | undefined;
  private readonly book: ExceptionBook;
  private readonly pins: PinApproval;
  private readonly tabBook: TabAllowanceBook;
  private readonly rulesets: RulesetManager;
  private readonly viewSourceSeen = new Map<number, { url: string; at: number }>();
  /** Each view-source: load being checked, by tab: whether its page stays closed (see holdViewSource). */
  private readonly viewSourceVerdicts = new Map<number, { tabId: number; at: number; closed: Promise<boolean> }>();

  constructor(private readonly deps: EnforcerDeps) {
    this.book = new ExceptionBook(deps.local);
    this.pins = new PinApproval(deps.local);
    this.tabBook = new TabAllowanceBook(deps.session);
    this.rulesets = new RulesetManager(deps);
  }

  async start(): Promise<void> {
    this.predictionOff = await this.deps.privacy.turnPredictionOff().catch(() => false);
    if (!this.predictionOff) this.deps.log('warn', 'Network prediction could not be turned off: set the NetworkPredictionOptions policy to 2.');
  }

  refresh(trigger: RefreshTrigger): Promise<StatusSnapshot> {
    return this.serial(() => this.recompute(trigger));
  }

  /** The warning page's "Continue": the site, in that tab, for the policy's warnMinutes. */
  continueAfterWarning(tabId: number, url: string, reason: string): Promise<ContinueResult> {
    return this.serial(async () => {
      const { parsed, role } = await this.context();
      const now = this.deps.now();
      const decision = decide(url, role, now, parsed.policy);
      if (decision.action !== 'warn' || !decision.match) {
        return { ok: false, error: 'This site does not have a warning now.' } as const;
      }
      const until = now + parsed.policy.warnMinutes * 60_000;
      await this.tabBook.grant({ tabId, networkId: decision.match.network.id, until, reason: reason.slice(0, 500) });
      const snapshot = await this.recompute('warning-continued');
      await this.record(contextOf(snapshot), 'continued', url, now, { text: reason });
      return { ok: true, until } as const;
    });
  }

  /** A member of staff asks, from the block page, for a temporary exception. */
  requestException(req: ExceptionRequest): Promise<ExceptionResult> {
    return this.serial(async () => {
      const { parsed, email, role } = await this.context();
      const { policy } = parsed;
      const ctx: LogContext = { policy, email, role };
      const now = this.deps.now();
      const { scope: scopeWords, length } = describeExceptionRequest(req);
      await this.record(ctx, 'exception-requested', req.url, now, { text: `${req.use} use, ${scopeWords}, ${length}: ${req.reason}` });
      const refuse = async (error: string, retryAfter?: number) => {
        await this.record(ctx, 'exception-refused', req.url, now, { text: retryAfter ? `${error} Try again in ${retryAfter} seconds.` : error });
        return retryAfter ? ({ ok: false, error, retryAfter } as const) : ({ ok: false, error } as const);
      };

      const checked = validateRequest(req, { role, policy, now, user: email ?? 'unknown' });
      if (!checked.ok) return refuse(checked.error);
      let approvedBy = 'self';
      if (policy.exceptions.approval === 'approver-pin') {
        const approver = policy.exceptions.approvers.find((a) => a.name === req.approver);
        if (!approver) return refuse('Choose who is approving this exception.');
        const pin = await this.pins.check(approver, req.pin ?? '', now);
        if (!pin.ok) return refuse(pin.error, pin.retryAfter);
        approvedBy = approver.name;
      }
      const granted: GrantedException = { ...checked.grant, id: crypto.randomUUID(), approvedBy };
      await this.book.add(granted);
      await this.record(ctx, 'exception-granted', req.url, now, { text: `${granted.networkName}, ${scopeWords}: ${req.reason}`, person: approvedBy });
      await this.recompute('exception-granted');
      return { ok: true, until: granted.until } as const;
    });
  }

  /** "End now" from the popup. */
  endException(id: string): Promise<void> {
    return this.serial(async () => {
      const ended = await this.book.remove(id);
      if (!ended) return;
      const snapshot = await this.recompute('exception-ended');
      await this.record(contextOf(snapshot), 'exception-ended', null, this.deps.now(), {
        text: `${ended.networkName}: ended early`,
        person: ended.approvedBy,
      });
    });
  }

  /**
   * A tab starts to load an address. Only matters while the browser withholds access to sites:
   * the rules can then only block (the tab would show the browser's own error), so the extension
   * sends the tab to the block or warning page itself, and that is what gets logged.
   */
  async navigationStarted(tabId: number, url: string): Promise<void> {
    // Firefox applies no rules to view-source: the tab goes to the block page (and is logged) here.
    const source = viewSourceTarget(url);
    if (source) {
      // Two events name the same load (the navigation, then the tab's new address): act once.
      const seen = this.viewSourceSeen.get(tabId);
      const now = this.deps.now();
      if (seen && seen.url === url && Math.abs(now - seen.at) < 5_000) return;
      this.viewSourceSeen.set(tabId, { url, at: now });
      // Set before any wait: Firefox makes the page's request just after naming the load.
      const verdict = this.checkTab(tabId, source);
      const closed = verdict.then((action) => action !== 'allow').catch(() => true);
      this.viewSourceVerdicts.set(tabId, { tabId, at: now, closed });
      await verdict;
      return;
    }
    // Asked of the browser, not the last status: a withdrawal is acted on before the refresh it starts.
    this.siteAccess ??= await this.deps.siteAccess.granted();
    if (this.siteAccess) return;
    await this.checkTab(tabId, url);
  }

  /** The user granted or withheld access to sites: ask the browser again at the next navigation. */
  siteAccessChanged(): void {
    this.siteAccess = undefined;
  }

  /**
   * A page moved within a tab without a navigation (history.pushState), as many networks do:
   * rules never see that, so the new address is checked here.
   */
  checkTab(tabId: number, url: string): Promise<Decision['action']> {
    return this.serial(async () => {
      const ctx = contextOf((await this.lastSnapshot()) ?? (await this.recompute('page-moved')));
      const now = this.deps.now();
      const allowances = await this.allowancesFor(tabId, now);
      const { action, match } = decide(url, ctx.role, now, ctx.policy, allowances);
      if (action === 'allow' || !match) return 'allow';
      const page = action === 'block' ? 'blocked.html' : 'warn.html';
      await this.deps.tabs.navigate(tabId, this.deps.pages.pageUrl(page, url)).catch(() => undefined);
      await this.record(ctx, action === 'block' ? 'blocked' : 'warned', url, now);
      return action;
    });
  }

  /**
   * Firefox only (a blocking webRequest listener): whether a page request must be cancelled
   * because it is the request of a view-source: load the guard is sending to the block or
   * warning page (the first page request of that tab after the load started, within
   * VIEW_SOURCE_HOLD_MS). False at once for any other request; for a held one, the guard's decision,
   * and cancelled if that decision fails (fail closed). Cancelling logs nothing: the guard
   * has logged the attempt once already.
   */
  holdViewSource(request: { tabId: number; type: string }): false | Promise<boolean> {
    const started = this.viewSourceVerdicts.get(request.tabId);
    if (!started || !heldForViewSource(started, { ...request, at: this.deps.now() })) return false;
    // One page request per load: a later page in that tab (after an exception, say) is the rules' business.
    this.viewSourceVerdicts.delete(request.tabId);
    return started.closed;
  }

  private async allowancesFor(tabId: number, now: number): Promise<Allowance[]> {
    const tab = await this.tabBook.forTab(tabId, now);
    const { active } = await this.book.settle(now);
    return [...tab, ...active.map(exceptionAllowance)];
  }

  private async context(): Promise<{ parsed: ParsedPolicy; email: string | null; role: Role; resolved: ReturnType<typeof resolveRole> }> {
    const parsed = parsePolicy(await this.deps.policy.read());
    const email = await this.deps.identity.email();
    const resolved = resolveRole(parsed.policy, email);
    return { parsed, email, role: resolved.role, resolved };
  }

  private async recompute(trigger: RefreshTrigger): Promise<StatusSnapshot> {
    const { deps } = this;
    const { parsed, email, role, resolved } = await this.context();
    const { policy } = parsed;
    const now = deps.now();
    const schoolTime = isSchoolTime(now, policy);
    const action = actionFor(policy, role, schoolTime);
    const index = networkIndex(policy);
    const networkOf = (id: string) => index.networks.find((n) => n.id === id);
    const { active, ended } = await this.book.settle(now);
    const siteAccess = await deps.siteAccess.granted();
    this.siteAccess = siteAccess;
    // An exception only outlives its network's listing as long as the network stays listed.
    const exceptions = active.filter((e) => networkOf(e.networkId));

    const input: PolicyRuleInput = {
      networks: index.networks,
      excluded: index.excluded,
      action,
      pageBase: deps.pages.ruleBase,
      approved: approvedUsesFor(policy, role, schoolTime),
      exceptions: exceptions.map((e) => ({ network: networkOf(e.networkId)!, scope: e.scope })),
      withoutSiteAccess: siteAccess ? undefined : { floor: CATALOGUE },
      dialect: deps.pages.ruleDialect,
      ownPages: staticPages(index.networks, deps.pages.staticBlockPages === true && staticPageFits(role, now, policy)),
    };
    const { rules, coverage } = compilePolicy(input);
    const ruleFailures = budgetFailures(rules);
    let refusedProblems: ParsedPolicy['problems'] = [];
    if (ruleFailures.length === 0) {
      const applied = await this.rulesets.applyDynamic(rules);
      // A pattern the browser refused alone is left out, and named; the rest of the rules stand.
      refusedProblems = refusedRuleProblems(applied.refused, input, policy.approvedUses);
      if (!applied.ok) ruleFailures.push({ code: 'refused', error: applied.error });
    }
    if (ruleFailures.length > 0) {
      const fallback = compileFallbackRules(index.networks, deps.pages.ruleBase, siteAccess, deps.pages.ruleDialect);
      const applied = await this.rulesets.applyDynamic(fallback);
      if (!applied.ok) ruleFailures.push({ code: 'refused-fallback', error: applied.error });
    }

    // A warning's "Continue" lasts while the network is still only warned for this role.
    const allowances = await this.tabBook.keepOnly((a) => a.until > now && index.networks.some((n) => n.id === a.networkId) && action === 'warn');
    const session = await this.rulesets.applySession(compileTabRules(allowances, index.networks, now, deps.pages.ruleDialect));
    if (!session.ok) ruleFailures.push({ code: 'refused-session', error: session.error });
    const ruleErrors = ruleFailures.map(ruleFailureEn);

    const change = nextChange(now, policy);
    if (change !== null) await deps.alarms.at(ALARM_CHANGE, change);
    else await deps.alarms.clear(ALARM_CHANGE);
    const firstExpiry = Math.min(...allowances.map((a) => a.until), ...exceptions.map((e) => e.until));
    if (Number.isFinite(firstExpiry)) await deps.alarms.at(ALARM_TAB_EXPIRY, firstExpiry);
    else await deps.alarms.clear(ALARM_TAB_EXPIRY);

    const swept = await this.sweepTabs(role, now, parsed, allowances, exceptions.map(exceptionAllowance));
    const steady = deps.steady?.() ?? { steady: Number.NaN, run: 'unknown' };
    const moved = await noticeClockMove(deps.local, { wall: now, steady: steady.steady, run: steady.run });
    if (moved.now) deps.log('warn', `The device clock moved by ${Math.round(moved.now.byMs / 1000)} s.`);
    const shown: ParsedPolicy = refusedProblems.length > 0 ? { ...parsed, problems: [...parsed.problems, ...refusedProblems] } : parsed;

    const snapshot: StatusSnapshot = {
      computedAt: now,
      trigger,
      parsed: shown,
      email,
      role: resolved,
      schoolTime,
      nextChange: change,
      action,
      rules: countRules(rules),
      coverage,
      ...(moved.last ? { clockMoved: moved.last } : {}),
      ruleErrors,
      ruleFailures,
      predictionOff: this.predictionOff,
      siteAccess,
      exceptions,
    };
    await writeStored(deps.local, STORED.status, snapshot);
    this.snapshot = snapshot;
    this.reportProblems(shown, ruleErrors);
    const ctx = contextOf(snapshot);
    if (moved.now) await this.record(ctx, 'clock-moved', null, now, { text: describeClockMove(moved.now, policy) });
    for (const e of ended) {
      await this.record(ctx, 'exception-ended', null, now, { text: `${e.networkName}: expired`, person: e.approvedBy });
    }
    // Sending an open tab to the block page is the extension's own navigation: it is logged.
    for (const s of swept) await this.record(ctx, s.event, s.url, now);
    return snapshot;
  }

  /** Tabs already open on a site that is now blocked or warned go to that page. */
  private async sweepTabs(
    role: Role,
    now: number,
    parsed: ParsedPolicy,
    allowances: TabAllowance[],
    exceptions: Allowance[],
  ): Promise<{ event: LogEvent; url: string }[]> {
    const tabs = await this.deps.tabs.list().catch(() => []);
    const sent = await Promise.all(
      tabs.map(async (tab) => {
        if (!matchUrl(tab.url, parsed.policy)) return null;
        const mine: Allowance[] = [...allowances.filter((a) => a.tabId === tab.id), ...exceptions];
        const { action } = decide(tab.url, role, now, parsed.policy, mine);
        if (action === 'allow') return null;
        const page = action === 'block' ? 'blocked.html' : 'warn.html';
        const ok = await this.deps.tabs.navigate(tab.id, this.deps.pages.pageUrl(page, tab.url)).then(
          () => true,
          () => false,
        );
        return ok ? { event: action === 'block' ? ('blocked' as const) : ('warned' as const), url: tab.url } : null;
      }),
    );
    return sent.filter((s) => s !== null);
  }

  /**
   * Logs a navigation the browser redirected to the block or warning page, when the decision in
   * force agrees that this address is blocked (or warned) for this role, now, in this tab. A web
   * page can send a tab to our pages itself (a server redirect, a link, a form): that is a forged
   * attempt, and it is dropped, never logged (only the extension's own blocking makes entries).
   * Context (role, user, policy) comes from the last snapshot: no policy read on this path.
   */
  async recordRedirect(url: string, page: 'blocked.html' | 'warn.html', at: number, tabId = -1): Promise<boolean> {
    const snapshot = (await this.lastSnapshot()) ?? (await this.refresh('first-attempt'));
    const ctx = contextOf(snapshot);
    // Read-only: the exceptions in force at the last refresh (settling them here would take an
    // ended one out of the book before the refresh could log its end).
    const tab = await this.tabBook.forTab(tabId, at);
    const allowances = [...tab, ...snapshot.exceptions.map(exceptionAllowance)];
    const decisions = [at, snapshot.computedAt].map((t) => {
      const d = decide(url, ctx.role, t, ctx.policy, allowances);
      return { action: d.action, listed: d.match !== null };
    });
    const event = attemptFromRedirect(page, decisions);
    if (!event) {
      this.deps.log(
        'warn',
        `A web page sent a tab to ${page} for an address the rules do not ${page === 'blocked.html' ? 'block' : 'warn about'} now: not logged.`,
      );
      return false;
    }
    await this.record(ctx, event, url, at);
    return true;
  }

  /** A pupil's "Tell someone you trust" message, for the DSL only. */
  async recordReport(what: string, talkTo: string | null, from: string | null = null): Promise<void> {
    // On a shared computer the profile says "unknown": the name and class the child chose to give come first.
    const text = from ? `From ${from}: ${what}` : what;
    await this.record(await this.logContext('entry:report'), 'report', null, this.deps.now(), { text, person: talkTo });
  }

  async recordEvent(event: LogEvent, extras: LogExtras = {}): Promise<void> {
    await this.record(await this.logContext(`entry:${event}`), event, null, this.deps.now(), extras);
  }

  private async lastSnapshot(): Promise<StatusSnapshot | undefined> {
    this.snapshot ??= await readStored(this.deps.local, STORED.status);
    return this.snapshot;
  }

  /** Who and under what policy, from the last refresh: no policy read on the logging path. */
  private async logContext(trigger: RefreshTrigger): Promise<LogContext> {
    return contextOf((await this.lastSnapshot()) ?? (await this.refresh(trigger)));
  }

  private async record(ctx: LogContext, event: LogEvent, url: string | null, at: number, extras: LogExtras = {}): Promise<void> {
    await this.deps.journal.append(logEntry(ctx, event, url, at, extras), ctx.policy.log.recordFullUrl);
  }

  private reportProblems(parsed: ParsedPolicy, ruleErrors: string[]): void {
    const key = JSON.stringify([parsed.problems, ruleErrors]);
    if (key === this.lastProblems) return;
    this.lastProblems = key;
    for (const p of parsed.problems) this.deps.log('warn', `Policy problem: ${p.key}: ${p.problem}; using ${p.used}.`);
    for (const e of ruleErrors) this.deps.log('error', e);
  }
}
