/** The access log's vocabulary. Pure: shared by the background, the DSL page and the CLI tools. */
import type { Role } from '../types';

export const LOG_EVENTS = [
  'blocked',
  'warned',
  'continued',
  'report',
  'exception-requested',
  'exception-granted',
  'exception-refused',
  'exception-ended',
  'passphrase-failed',
  'clock-moved',
  'report-status',
] as const;
export type LogEvent = (typeof LOG_EVENTS)[number];

/** What each event is called wherever a person reads the log (the DSL page, CSV). */
export const EVENT_TEXT: Record<LogEvent, string> = {
  blocked: 'Blocked',
  warned: 'Warned',
  continued: 'Continued after warning',
  report: 'Report',
  'exception-requested': 'Exception requested',
  'exception-granted': 'Exception granted',
  'exception-refused': 'Exception refused',
  'exception-ended': 'Exception ended',
  'passphrase-failed': 'Wrong DSL passphrase',
  'clock-moved': 'Device clock moved',
  'report-status': 'Report marked',
};

/** Everything an entry says; this is what the hash covers (with prevHash). */
export interface LogEntryData {
  /** Position in the chain, from 1, never reused (a purge leaves a checkpoint instead). */
  seq: number;
  /** UTC instant, ISO 8601 with milliseconds: "2026-11-24T10:15:00.000Z". */
  at: string;
  /** Wall-clock time in the policy's timezone: "2026-11-24 10:15:00". */
  localTime: string;
  timezone: string;
  /** The signed-in profile's email, else "unknown". */
  user: string;
  role: Role;
  /** policy device.label, or null. */
  device: string | null;
  event: LogEvent;
  networkId: string | null;
  networkName: string | null;
  host: string | null;
  path: string | null;
  /** Only when policy log.recordFullUrl is true; "?a=b" form, else null. */
  query: string | null;
  /** Only when policy log.recordFullUrl is true; "#x" form, else null. */
  fragment: string | null;
  schoolTime: boolean;
  /** Free text typed by the person: the reason for "Continue", or a report's text. */
  text: string | null;
  /** A report's "who would you like to talk to", or who approved an exception. */
  person: string | null;
}

export interface LogEntry extends LogEntryData {
  /** hash of the entry before (or of the checkpoint it continues from; 64 zeros at the start). */
  prevHash: string;
  /** SHA-256 hex of prevHash + "\n" + canonical JSON of LogEntryData. */
  hash: string;
}

/** Left by a purge so the chain stays verifiable: what was removed and the hash it ended on. */
export interface Checkpoint {
  /** When the purge ran (ISO). */
  at: string;
  purgedCount: number;
  firstSeq: number;
  lastSeq: number;
  /** `at` of the first and last purged entries. */
  fromAt: string;
  toAt: string;
  /** hash of the last purged entry: the next entry's prevHash. */
  lastHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** What the caller knows when something happens; the journal adds seq, hashes and local time. */
export interface NewLogEvent {
  at: number;
  event: LogEvent;
  user: string;
  role: Role;
  device: string | null;
  timezone: string;
  schoolTime: boolean;
  /** The address involved, minimised by the journal per policy (host and path only by default). */
  url: string | null;
  networkId: string | null;
  networkName: string | null;
  text?: string | null;
  person?: string | null;
}

export interface LogFilters {
  /** Inclusive local dates YYYY-MM-DD (in the entries' timezone). */
  from?: string;
  to?: string;
  user?: string;
  role?: Role;
  networkId?: string;
  event?: LogEvent;
  schoolTime?: boolean;
}
