/**
 * The log's IndexedDB database. Every schema version stays listed in SCHEMA_VERSIONS for good:
 * Dexie needs the history to upgrade an old database, and tests/unit/log-db.test.ts opens each
 * version with data and checks it survives the move to the latest.
 */
import Dexie, { type DexieOptions, type Table, type Transaction } from 'dexie';
import type { Checkpoint, LogEntry, NewLogEvent } from '../core/log/types';

export const DB_NAME = 'hall-pass';

/** An event waiting to be chained. The address is already minimised (see Journal.append). */
export interface InboxItem {
  id?: number;
  ev: NewLogEvent;
  /** The policy's log.recordFullUrl when the event happened, not when it is chained. */
  recordFullUrl: boolean;
}

export interface StoredCheckpoint extends Checkpoint {
  id?: number;
}

/**
 * The device's signing identity (one row, name "device"): a random id and an ECDSA P-256 key pair
 * whose private half WebCrypto made non-extractable. IndexedDB keeps a CryptoKey as it is, so the
 * private key is never in any readable form, here or anywhere else.
 */
export interface StoredIdentity {
  name: 'device';
  deviceId: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** Standard base64 of the SPKI DER public key, as sent to the hub. */
  publicKeySpki: string;
  createdAt: number;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      entries: 'seq, at, user, event, networkId, role',
      inbox: '++id',
      checkpoints: '++id, lastSeq',
    },
  },
  {
    // The device identity for the school hub and signed exports. Nothing to migrate: a device
    // makes its identity at the next start.
    version: 2,
    stores: { identity: 'name' },
  },
];

export const LATEST_VERSION = Math.max(...SCHEMA_VERSIONS.map((v) => v.version));

/** Declares the schema history up to `upTo` (tests open older versions to test upgrades). */
export function declareSchema(db: Dexie, upTo: number = LATEST_VERSION): void {
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upTo) break;
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}

export class HallPassDb extends Dexie {
  entries!: Table<LogEntry, number>;
  inbox!: Table<InboxItem, number>;
  checkpoints!: Table<StoredCheckpoint, number>;
  identity!: Table<StoredIdentity, string>;

  /** `options` lets tests pass fake-indexeddb; production uses the defaults. */
  constructor(name: string = DB_NAME, options?: DexieOptions) {
    super(name, options);
    declareSchema(this);
  }
}
