/**
 * Stores an accepted batch in one transaction: the device row (created and its key pinned at first
 * contact), each new entry with how it joined the device's chain, duplicates skipped, conflicting
 * re-sends kept aside, the device's chain state and head. Nothing is acknowledged before commit.
 */
import { GENESIS_HASH } from '../../utils/core/log/types.ts';
import { audit } from './audit.ts';
import type { Db, Queryable } from './db/types.ts';
import type { ParsedBatch, ParsedRecord } from './otlp.ts';

export type Link = 'ok' | 'start' | 'gap' | 'rewritten' | 'backwards';

/** A refusal found inside the transaction (a race with another request): rolled back, then answered. */
export class Refusal extends Error {
  constructor(
    readonly status: 403,
    readonly kind: 'refused' | 'key-mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export interface StoreResult {
  stored: number;
  duplicates: number;
  conflicts: number;
  newDevice: boolean;
}

interface DeviceRow {
  id: string;
  school_id: number;
  public_key: string;
  chain_state: 'intact' | 'broken';
  broken_at_seq: number | null;
  last_seq: number | null;
  last_hash: string | null;
}

const COLUMNS = [
  'device_id', 'seq', 'school_id', 'body', 'hash', 'prev_hash', 'at', 'local_time', 'timezone', '"user"', 'role', 'event',
  'network_id', 'network_name', 'host', 'path', 'school_time', 'text', 'person', 'device_label', 'link',
] as const;

export interface StoreInput {
  batch: ParsedBatch;
  /** The pinned form of the batch's public key. */
  publicKey: string;
  schoolId: number;
  keyId: string;
  remoteAddr: string | null;
}

interface Break {
  seq: number;
  problem: string;
}

export async function storeBatch(db: Db, input: StoreInput): Promise<StoreResult> {
  const { batch, schoolId, keyId } = input;
  return db.transaction(async (tx) => {
    // One statement creates the device at first contact (pinning its key) or locks its row, so
    // batches from one device are stored one after another.
    const { rows } = await tx.query<DeviceRow & { inserted: boolean }>(
      `insert into devices (id, school_id, public_key, first_key_id, last_key_id) values ($1, $2, $3, $4, $4)
       on conflict (id) do update set last_seen = devices.last_seen
       returning id, school_id, public_key, chain_state, broken_at_seq, last_seq, last_hash, (xmax = 0) as inserted`,
      [batch.deviceId, schoolId, input.publicKey, keyId],
    );
    const device = rows[0]!;
    const newDevice = device.inserted;
    if (device.school_id !== schoolId) throw new Refusal(403, 'refused', 'this device belongs to another school');
    if (device.public_key !== input.publicKey) throw new Refusal(403, 'key-mismatch', 'the request is signed by another key than the one pinned for this device');

    const seqs = batch.records.map((r) => r.entry.seq);
    const known = new Map<number, string>();
    if (device.last_seq !== null && device.last_hash !== null) known.set(device.last_seq, device.last_hash);
    // The usual batch only extends the chain past the head, whose hash the device row holds;
    // anything else (a re-send, entries behind the head) looks up what is stored.
    const beyondHead = device.last_seq === null || seqs.every((s) => s > device.last_seq!);
    if (!beyondHead) {
      const wanted = [...new Set(seqs.flatMap((s) => [s, s - 1]).filter((s) => s >= 1))];
      const existing = await tx.query<{ seq: number; hash: string }>('select seq, hash from entries where device_id = $1 and seq = any($2::bigint[])', [batch.deviceId, wanted]);
      for (const r of existing.rows) known.set(r.seq, r.hash);
    }

    let head = device.last_seq;
    const rowsToInsert: { r: ParsedRecord; link: Link }[] = [];
    const conflicts: { r: ParsedRecord; storedHash: string }[] = [];
    const breaks: Break[] = [];
    let duplicates = 0;
    for (const r of batch.records) {
      const { seq, hash, prevHash } = r.entry;
      const stored = known.get(seq);
      if (stored !== undefined) {
        if (stored === hash) duplicates += 1;
        else {
          conflicts.push({ r, storedHash: stored });
          breaks.push({ seq, problem: `entry ${seq} was sent again with different contents` });
        }
        continue;
      }
      let link: Link;
      if (head === null) {
        link = seq === 1 && prevHash !== GENESIS_HASH ? 'rewritten' : 'start';
        if (link === 'rewritten') breaks.push({ seq, problem: 'entry 1 does not start the chain' });
      } else if (seq < head) {
        link = 'backwards';
        breaks.push({ seq, problem: `entry ${seq} arrived after entry ${head}` });
      } else if (known.has(seq - 1)) {
        link = known.get(seq - 1) === prevHash ? 'ok' : 'rewritten';
        if (link === 'rewritten') breaks.push({ seq, problem: `entry ${seq} does not follow on from entry ${seq - 1}: the history before it was changed` });
      } else {
        link = 'gap';
        breaks.push({ seq, problem: head + 1 === seq - 1 ? `entry ${head + 1} never arrived` : `entries ${head + 1} to ${seq - 1} never arrived` });
      }
      rowsToInsert.push({ r, link });
      known.set(seq, hash);
      if (head === null || seq > head) head = seq;
    }

    for (let i = 0; i < rowsToInsert.length; i += 500) await insertEntries(tx, batch, schoolId, rowsToInsert.slice(i, i + 500));
    for (const c of conflicts) {
      await tx.query('insert into conflicts (device_id, seq, body, hash, prev_hash, stored_hash) values ($1, $2, $3, $4, $5, $6)', [
        batch.deviceId, c.r.entry.seq, c.r.body, c.r.entry.hash, c.r.entry.prevHash, c.storedHash,
      ]);
      await tx.query('update entries set conflict = true where device_id = $1 and seq = $2', [batch.deviceId, c.r.entry.seq]);
    }

    // The earliest break is where the chain stopped being trustworthy.
    const first = breaks.reduce<Break | null>((m, b) => (m === null || b.seq < m.seq ? b : m), null);
    const newBreak = first !== null && (device.broken_at_seq === null || first.seq < device.broken_at_seq) ? first : null;
    const headHash = head !== null && head !== device.last_seq ? (known.get(head) ?? null) : device.last_hash;
    await tx.query(
      `update devices set last_seen = now(), last_key_id = $2, label = $3, version = $4, browser = $5, reported_school = $6,
         waiting = $7, policy_problems = $8::text::jsonb, last_seq = $9, last_hash = $10, entries_count = entries_count + $11,
         chain_state = case when $12::bigint is null then chain_state else 'broken' end,
         broken_at_seq = coalesce($12::bigint, broken_at_seq),
         chain_problem = coalesce($13::text, chain_problem)
       where id = $1`,
      [batch.deviceId, keyId, batch.label, batch.version, batch.browser, batch.schoolName, batch.waiting, JSON.stringify(batch.policyProblems),
        head, headHash, rowsToInsert.length, newBreak?.seq ?? null, newBreak?.problem ?? null],
    );
    if (newDevice) {
      await audit(tx, { kind: 'new-device', schoolId, deviceId: batch.deviceId, keyId, remoteAddr: input.remoteAddr, reason: 'a new device reached the hub (unconfirmed)', detail: { label: batch.label, browser: batch.browser, version: batch.version } });
    }
    if (breaks.length) {
      await audit(tx, { kind: 'chain-broken', schoolId, deviceId: batch.deviceId, keyId, remoteAddr: input.remoteAddr, reason: breaks[0]!.problem, detail: { breaks: breaks.slice(0, 20) } });
    }
    return { stored: rowsToInsert.length, duplicates, conflicts: conflicts.length, newDevice };
  });
}

async function insertEntries(tx: Queryable, batch: ParsedBatch, schoolId: number, rows: { r: ParsedRecord; link: Link }[]): Promise<void> {
  if (!rows.length) return;
  const params: unknown[] = [];
  const tuples = rows.map(({ r, link }) => {
    const e = r.entry;
    const values = [batch.deviceId, e.seq, schoolId, r.body, e.hash, e.prevHash, e.at, e.localTime, e.timezone, e.user, e.role, e.event,
      e.networkId, e.networkName, e.host, e.path, e.schoolTime, e.text, e.person, e.device, link];
    const start = params.length;
    params.push(...values);
    return `(${values.map((_, i) => `$${start + i + 1}`).join(', ')})`;
  });
  await tx.query(`insert into entries (${COLUMNS.join(', ')}) values ${tuples.join(', ')}`, params);
}
