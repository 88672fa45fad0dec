/**
 * Everything Hall Pass keeps in the browser's extension storage, declared once: which area
 * (`local` survives restarts; `session` is cleared when the browser closes, like the session
 * rules it mirrors), the key, the type, what a read gives when nothing is stored, and a version
 * for each item whose shape may change. Call sites read and write through `readStored` and
 * `writeStored`, never by key string.
 *
 * The versions are the shapes stored today (no item has changed shape yet, so nothing is stored
 * with its version). When a shape changes, bump its version here and read the older shape in the
 * item's one reader, so a device that updates keeps what it had.
 *
 * (The log entries live in IndexedDB, utils/journal/db.ts, with their own schema versions. A page's
 * language choice is the page's own localStorage, not extension storage.)
 */
import type { KvPort } from './ports';
import type { GrantedException, TabAllowance } from './core/types';
import type { OutboxState } from './core/hub/hub-status';
import type { ClockMove, ClockReading } from './core/clock';
import { NO_LOCKOUT, type LockoutState } from './core/log/lockout';
import type { StatusSnapshot } from './status';
import type { LogHealth, Parked } from './journal/safe-journal';
import type { HeldForHub } from './journal/maintenance';

export type StorageArea = 'local' | 'session';

export interface StoredItem<T, K extends string = string> {
  area: StorageArea;
  key: K;
  /** What a read gives when nothing is stored. */
  fallback: T;
  /** The shape's version, for items whose shape may change (see above). */
  version?: number;
}

const item = <T, K extends string = string>(area: StorageArea, key: K, fallback: T, version?: number): StoredItem<T, K> =>
  Object.freeze({ area, key, fallback, ...(version === undefined ? {} : { version }) });

export const STORED = {
  /** The status the background computes on every refresh; every page reads it. */
  status: item<StatusSnapshot | undefined, 'status'>('local', 'status', undefined, 1),
  /** Granted exceptions in force (utils/exception-book.ts). */
  exceptions: item<GrantedException[], 'exceptions'>('local', 'exceptions', [], 1),
  /** The latest time the extension has seen, so moving the clock back never extends an exception. */
  clockHighWater: item<number, 'clockHighWater'>('local', 'clockHighWater', 0),
  /** Wrong approver PINs in a row, and until when asking is locked (utils/pin-approval.ts). */
  pinLockout: item<LockoutState, 'pinLockout'>('local', 'pinLockout', NO_LOCKOUT, 1),
  /** Wrong DSL passphrases in a row, and until when the DSL page is locked. */
  dslLockout: item<LockoutState, 'dslLockout'>('local', 'dslLockout', NO_LOCKOUT, 1),
  /** The last clock reading, and the last large move of the clock noticed (on the status page). */
  clockReading: item<ClockReading | undefined, 'clockReading'>('local', 'clockReading', undefined, 1),
  clockMoved: item<ClockMove | undefined, 'clockMoved'>('local', 'clockMoved', undefined, 1),
  /** Digests of the rules last applied (utils/ruleset-manager.ts): dynamic rules persist, session ones do not. */
  appliedDynamicRules: item<string | null, 'appliedDynamicRules'>('local', 'appliedDynamicRules', null),
  appliedSessionRules: item<string | null, 'appliedSessionRules'>('session', 'appliedSessionRules', null),
  /** A warning's "Continue", per tab (utils/tab-allowance-book.ts): gone with the browser's session, as the tabs are. */
  tabAllowances: item<TabAllowance[], 'tabAllowances'>('session', 'tabAllowances', [], 1),
  /** The journal's head (seq and hash of the last entry); the journal checks what it reads. */
  logHead: item<unknown, 'logHead'>('local', 'logHead', undefined, 1),
  /** Log events the journal could not write yet, retried in order (utils/journal/safe-journal.ts). */
  logParked: item<Parked[], 'logParked'>('local', 'logParked', [], 1),
  /** Whether the log is writing, for the status page. */
  logHealth: item<LogHealth | undefined, 'logHealth'>('local', 'logHealth', undefined, 1),
  /** Entries past retention kept until the hub has them, for the status page. */
  logHeldForHub: item<HeldForHub | undefined, 'logHeldForHub'>('local', 'logHeldForHub', undefined, 1),
  /** Delivery to the hub: its cursor, back-off and last answer (utils/hub/outbox.ts). */
  hubOutbox: item<Partial<OutboxState>, 'hubOutbox'>('local', 'hubOutbox', {}, 1),
} as const;

function checkArea(kv: KvPort, item: StoredItem<unknown>): void {
  if (kv.area !== undefined && kv.area !== item.area) {
    throw new Error(`${item.key} is kept in storage.${item.area}, not storage.${kv.area}`);
  }
}

export async function readStored<T>(kv: KvPort, item: StoredItem<T>): Promise<T> {
  checkArea(kv, item);
  // A copy: a caller that changes what it read must not change the default for the next one.
  return (await kv.get<T>(item.key)) ?? structuredClone(item.fallback);
}

export async function writeStored<T>(kv: KvPort, item: StoredItem<T>, value: T): Promise<void> {
  checkArea(kv, item);
  await kv.set(item.key, value);
}
