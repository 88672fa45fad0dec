/**
 * Delivers the access log to the school's hub (docs/hub-protocol.md). The journal stays the source
 * of truth: the outbox keeps only a cursor, the highest seq the hub acknowledged, beside the
 * journal's head in extension storage, and reads everything after it from the journal each time.
 * So a stopped worker, a restart, hours offline or a hub that is down lose nothing: the next
 * attempt (soon after a write, on the outbox alarm, or at worker start) starts from the cursor.
 *
 * At-least-once: the cursor moves only after a 2xx. A batch that was stored but whose answer was
 * lost is sent again, and the hub counts it as a duplicate.
 */
import { hubErrorEn, hubUnreachable, type HubError } from '../core/hub/hub-error';
import { backoffDelay, parseRetryAfter } from '../core/hub/backoff';
import { encodeBatch, type DeviceResource } from '../core/hub/otlp';
import { BATCH_MAX, HEARTBEAT_MS, heartbeatDue, nextBatchSeqs, readAnswer, withTrueHashes } from '../core/hub/outbox-plan';
import type { HubSettings, ParsedPolicy } from '../core/policy';
import type { LogEntry, NewLogEvent } from '../core/log/types';
import type { JournalPort, KvPort } from '../ports';
import type { IdentitySource } from './identity';
import type { OutboxState } from '../core/hub/hub-status';
import { serialQueue } from '../core/serial-queue';
import { readStored, STORED, writeStored } from '../stored-state';

/** Kept for the status page, which reads storage.local itself (declared in stored-state.ts). */
export const OUTBOX_KEY = STORED.hubOutbox.key;
export const OUTBOX_ALARM = 'hub-outbox';
/** Wait this long after a write before sending, so a burst of attempts goes as one batch. */
export const DEBOUNCE_MS = 1_500;
/** Batches sent in one go before yielding (the rest follow at once on the next round). */
const BATCHES_PER_FLUSH = 50;

export type { OutboxState };

export const EMPTY_OUTBOX: OutboxState = {
  url: null,
  cursor: 0,
  failures: 0,
  nextAttemptAt: null,
  lastDeliveryAt: null,
  lastContactAt: null,
  lastError: null,
  waiting: 0,
  deviceId: null,
  fingerprint: null,
};

export interface HubResponse {
  status: number;
  body: string;
  retryAfter: string | null;
}

/** POSTs to the hub; rejects when there is no answer at all (offline, refused, timed out). */
export interface HubTransport {
  post(url: string, headers: Record<string, string>, body: string): Promise<HubResponse>;
}

export interface OutboxJournal {
  entriesAfter(seq: number, limit: number): Promise<LogEntry[]>;
  countAfter(seq: number): Promise<number>;
}

export interface OutboxDeps {
  journal: OutboxJournal;
  identity: IdentitySource;
  local: KvPort;
  transport: HubTransport;
  /** The policy the background last applied (null before the first refresh). */
  policy: () => Promise<ParsedPolicy | null>;
  version: string;
  browser: 'chrome' | 'firefox';
  /** Asks to be woken (flush) at `when`: the outbox alarm, and a timer while the worker lives. */
  wakeAt: (when: number) => Promise<void> | void;
  now?: () => number;
  random?: () => number;
  /** Debounce timer; tests pass a fake. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  log?: (level: 'info' | 'warn', message: string) => void;
}

export async function readOutbox(local: KvPort): Promise<OutboxState> {
  return { ...EMPTY_OUTBOX, ...(await readStored(local, STORED.hubOutbox)) };
}

export class Outbox {
  private readonly d: Required<OutboxDeps>;
  /** One flush at a time: two could send the same batch and move the cursor twice. */
  private readonly serial = serialQueue();
  private timer = false;

  constructor(deps: OutboxDeps) {
    this.d = {
      now: Date.now,
      random: Math.random,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      log: () => undefined,
      ...deps,
    };
  }

  /** A new entry was written: send soon, together with whatever else comes in the meantime. */
  kick(): void {
    if (this.timer) return;
    this.timer = true;
    this.d.setTimer(() => {
      this.timer = false;
      void this.flush().catch((e) => this.d.log('warn', `hub delivery failed: ${String(e)}`));
    }, DEBOUNCE_MS);
  }

  /**
   * Sends everything after the cursor, in batches, unless backing off. `force` ignores the back-off
   * (the admin pressed "Send now"). Resolves to the state it leaves.
   */
  flush(force = false): Promise<OutboxState> {
    return this.serial(() => this.flushNow(force));
  }

  private async flushNow(force: boolean): Promise<OutboxState> {
    const { local, now } = this.d;
    const parsed = await this.d.policy();
    const hub = parsed?.policy.hub ?? null;
    let state = await readOutbox(local);
    if (!hub) {
      // Nothing is sent; the cursor is kept in case the same hub comes back.
      if (state.nextAttemptAt !== null) await this.save({ ...state, nextAttemptAt: null });
      return state;
    }
    if (state.url !== hub.url) {
      state = { ...EMPTY_OUTBOX, url: hub.url };
    }
    const identity = await this.d.identity.get();
    state = { ...state, deviceId: identity.deviceId, fingerprint: identity.fingerprint };
    if (!force && state.nextAttemptAt !== null && now() < state.nextAttemptAt) {
      await this.save(state);
      await this.d.wakeAt(state.nextAttemptAt);
      return state;
    }

    for (let round = 0; round < BATCHES_PER_FLUSH; round++) {
      const batch = await this.d.journal.entriesAfter(state.cursor, BATCH_MAX);
      const run = batch.slice(
        0,
        nextBatchSeqs(
          state.cursor,
          batch.map((e) => e.seq),
        ).length,
      );
      if (run.length === 0 && !heartbeatDue(state.lastContactAt, now())) break;
      const waitingAfter = (await this.d.journal.countAfter(state.cursor)) - run.length;
      const result = await this.send(hub, identity, parsed!, run, waitingAfter);
      if (result.ok) {
        const t = now();
        state = {
          ...state,
          cursor: run.at(-1)?.seq ?? state.cursor,
          failures: 0,
          nextAttemptAt: null,
          lastContactAt: t,
          lastDeliveryAt: run.length > 0 ? t : state.lastDeliveryAt,
          lastError: null,
        };
        await this.save(state);
        if (run.length === 0) break;
        continue;
      }
      const failures = result.retryable ? state.failures + 1 : Math.max(state.failures + 1, 10);
      const delay = backoffDelay(failures, this.d.random(), result.retryAfterMs);
      state = { ...state, failures, nextAttemptAt: now() + delay, lastError: { at: now(), message: hubErrorEn(result.error), error: result.error } };
      this.d.log('warn', `hub: ${hubErrorEn(result.error)}; next try in ${Math.round(delay / 1000)} s`);
      break;
    }

    state = { ...state, waiting: await this.d.journal.countAfter(state.cursor) };
    await this.save(state);
    const next = state.nextAttemptAt ?? (state.waiting > 0 ? now() + 1_000 : (state.lastContactAt ?? now()) + HEARTBEAT_MS);
    await this.d.wakeAt(next);
    return state;
  }

  private async send(
    hub: HubSettings,
    identity: Awaited<ReturnType<IdentitySource['get']>>,
    parsed: ParsedPolicy,
    entries: LogEntry[],
    waitingAfter: number,
  ): Promise<{ ok: true } | { ok: false; retryable: boolean; error: HubError; retryAfterMs: number | null }> {
    const resource: DeviceResource = {
      deviceId: identity.deviceId,
      publicKey: identity.publicKey,
      label: parsed.policy.device.label,
      school: parsed.policy.school.name,
      version: this.d.version,
      browser: this.d.browser,
      waiting: Math.max(0, waitingAfter),
      policyProblems: parsed.problems.map((p) => ({ key: p.key, message: p.problem })),
    };
    const checked = await withTrueHashes(entries);
    if (checked.rehashed.length > 0) {
      this.d.log('warn', `hub: entries ${checked.rehashed.join(', ')} were changed after they were written; sent as they are now`);
    }
    const body = encodeBatch(resource, checked.entries, this.d.now());
    const headers = {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${hub.key}`,
      'X-HallPass-Device': identity.deviceId,
      'X-HallPass-Signature': await identity.sign(body),
    };
    let res: HubResponse;
    try {
      res = await this.d.transport.post(`${hub.url}/v1/logs`, headers, body);
    } catch (e) {
      return { ok: false, retryable: true, error: hubUnreachable(e instanceof Error ? e.message : String(e)), retryAfterMs: null };
    }
    const answer = readAnswer(res.status, res.body, parseRetryAfter(res.retryAfter, this.d.now()));
    return answer.kind === 'delivered' ? { ok: true } : { ok: false, retryable: answer.retryable, error: answer.error, retryAfterMs: answer.retryAfterMs };
  }

  private async save(state: OutboxState): Promise<void> {
    await writeStored(this.d.local, STORED.hubOutbox, state);
  }
}

/** The journal the enforcer writes to, telling the outbox after each entry is stored. */
export function notifyingJournal(inner: JournalPort, onWritten: () => void): JournalPort {
  return {
    async append(event: NewLogEvent, recordFullUrl: boolean) {
      await inner.append(event, recordFullUrl);
      onWritten();
    },
  };
}

/** The real transport: fetch, no cookies, no cache, and a timeout so a hung hub is a failure. */
export function fetchTransport(timeoutMs = 30_000): HubTransport {
  return {
    async post(url, headers, body) {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, body: await res.text().catch(() => ''), retryAfter: res.headers.get('Retry-After') };
    },
  };
}
