/**
 * Stores an accepted batch. The device's state is read first (with the ingest key, in one query,
 * by the route), the batch's place in the device's chain is worked out here, and everything is
 * written by ONE statement: the device row (created, and its key pinned, at first contact), each
 * new entry with how it joined the chain, conflicting re-sends kept aside, the device's chain
 * state and head, and the audit rows. A single statement is its own transaction: the batch is
 * stored whole or not at all, and the answer comes only after it committed. The statement applies
 * only if the device's `batches` counter still has the value that was read (migration 006);
 * otherwise another request for the same device got in between, and the batch is planned again.
 */
import { GENESIS_HASH, type LogEntry } from '../../utils/core/log/types.ts';
import type { Queryable } from './db/types.ts';
import type { ParsedBatch, ParsedRecord } from './otlp.ts';

export type Link = 'ok' | 'start' | 'gap' | 'rewritten' | 'backwards';

/** A refusal found from the device's stored state (403). */
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
  /** Re-sent entries at or below the device's purge horizon: retention deleted them; not stored again. */
  purged: number;
  newDevice: boolean;
}

/** What the hub holds about a device before a batch. */
export interface DeviceState {
  school_id: number;
  public_key: string;
  batches: number;
  chain_state: 'intact' | 'broken';
  broken_at_seq: number | null;
  chain_problem: string | null;
  last_seq: number | null;
  last_hash: string | null;
  silent_since: Date | null;
  /** The retention purge's horizon (migration 007): entries up to it were deleted. */
  purged_seq: number | null;
  purged_hash: string | null;
}

export const DEVICE_STATE_COLUMNS =
  'school_id, public_key, batches, chain_state, broken_at_seq, chain_problem, last_seq, last_hash, silent_since, purged_seq, purged_hash';

export async function readDevice(db: Queryable, deviceId: string): Promise<DeviceState | null> {
  const { rows } = await db.query<DeviceState>(`select ${DEVICE_STATE_COLUMNS} from devices where id = $1`, [deviceId]);
  return rows[0] ?? null;
}

export interface Break {
  seq: number;
  problem: string;
}

export interface Plan {
  insert: { r: ParsedRecord; link: Link }[];
  conflicts: { r: ParsedRecord; storedHash: string }[];
  duplicates: number;
  /** Seqs at or below the purge horizon that came again: not stored. */
  purged: number[];
  breaks: Break[];
  /** The highest seq held after the batch, and its hash. */
  head: number | null;
  headHash: string | null;
}

/**
 * How each record joins the chain, given the stored head and the stored hashes it needs (`known`:
 * seq -> hash for the seqs in the batch and the ones just before them, the purge horizon's among
 * them) and the purge horizon's seq (entries up to it were deleted by retention). Pure.
 */
export function planBatch(records: readonly ParsedRecord[], headSeq: number | null, known: Map<number, string>, purgedSeq: number | null = null): Plan {
  const held = new Map(known);
  let head = headSeq;
  const plan: Plan = { insert: [], conflicts: [], duplicates: 0, purged: [], breaks: [], head, headHash: head === null ? null : (held.get(head) ?? null) };
  for (const r of records) {
    const { seq, hash, prevHash } = r.entry;
    if (purgedSeq !== null && seq <= purgedSeq) {
      plan.purged.push(seq);
      continue;
    }
    const stored = held.get(seq);
    if (stored !== undefined) {
      if (stored === hash) plan.duplicates += 1;
      else {
        plan.conflicts.push({ r, storedHash: stored });
        plan.breaks.push({ seq, problem: `entry ${seq} was sent again with different contents` });
      }
      continue;
    }
    let link: Link;
    if (head === null) {
      link = seq === 1 && prevHash !== GENESIS_HASH ? 'rewritten' : 'start';
      if (link === 'rewritten') plan.breaks.push({ seq, problem: 'entry 1 does not start the chain' });
    } else if (seq < head) {
      link = 'backwards';
      plan.breaks.push({ seq, problem: `entry ${seq} arrived after entry ${head}` });
    } else if (held.has(seq - 1)) {
      link = held.get(seq - 1) === prevHash ? 'ok' : 'rewritten';
      if (link === 'rewritten') plan.breaks.push({ seq, problem: `entry ${seq} does not follow on from entry ${seq - 1}: the history before it was changed` });
    } else {
      link = 'gap';
      plan.breaks.push({ seq, problem: head + 1 === seq - 1 ? `entry ${head + 1} never arrived` : `entries ${head + 1} to ${seq - 1} never arrived` });
    }
    plan.insert.push({ r, link });
    held.set(seq, hash);
    if (head === null || seq > head) {
      head = seq;
      plan.headHash = hash;
    }
  }
  plan.head = head;
  return plan;
}

export interface StoreInput {
  batch: ParsedBatch;
  /** The pinned form of the batch's public key. */
  publicKey: string;
  schoolId: number;
  keyId: string;
  remoteAddr: string | null;
}

/** Refuses a batch the stored device cannot accept: another school's device, or another key. */
export function checkDevice(device: DeviceState | null, input: StoreInput): void {
  if (!device) return;
  if (device.school_id !== input.schoolId) throw new Refusal(403, 'refused', 'this device belongs to another school');
  if (device.public_key !== input.publicKey) throw new Refusal(403, 'key-mismatch', 'the request is signed by another key than the one pinned for this device');
}

/** The columns of `entries` a stored entry fills, with their SQL types, in the order `entryRowValues` gives them. */
export const ENTRY_COLUMNS: [string, string][] = [
  ['device_id', 'uuid'],
  ['seq', 'bigint'],
  ['school_id', 'bigint'],
  ['body', 'text'],
  ['hash', 'text'],
  ['prev_hash', 'text'],
  ['at', 'timestamptz'],
  ['local_time', 'timestamp'],
  ['timezone', 'text'],
  ['"user"', 'text'],
  ['role', 'text'],
  ['event', 'text'],
  ['network_id', 'text'],
  ['network_name', 'text'],
  ['host', 'text'],
  ['path', 'text'],
  ['school_time', 'boolean'],
  ['text', 'text'],
  ['person', 'text'],
  ['device_label', 'text'],
  ['link', 'text'],
];

/** One entry's values for ENTRY_COLUMNS: the entry's own fields, the exact body it was signed in, and its link state. */
export function entryRowValues(deviceId: string, schoolId: number | string, body: string, e: LogEntry, link: string): unknown[] {
  return [
    deviceId,
    e.seq,
    schoolId,
    body,
    e.hash,
    e.prevHash,
    e.at,
    e.localTime,
    e.timezone,
    e.user,
    e.role,
    e.event,
    e.networkId,
    e.networkName,
    e.host,
    e.path,
    e.schoolTime,
    e.text,
    e.person,
    e.device,
    link,
  ];
}

/**
 * Stores the batch. `device` is the state read with the key (undefined: read it here).
 * Throws Refusal when the device cannot accept it.
 */
export async function storeBatch(db: Queryable, input: StoreInput, device?: DeviceState | null): Promise<StoreResult> {
  let state = device === undefined ? await readDevice(db, input.batch.deviceId) : device;
  for (let attempt = 0; attempt < 20; attempt++) {
    checkDevice(state, input);
    const plan = await planFor(db, input.batch, state);
    const written = await write(db, input, state, plan);
    if (written)
      return {
        stored: plan.insert.length,
        duplicates: plan.duplicates,
        conflicts: plan.conflicts.length,
        purged: plan.purged.length,
        newDevice: state === null,
      };
    state = await readDevice(db, input.batch.deviceId);
  }
  throw new Error(`device ${input.batch.deviceId}: its state kept changing under concurrent requests`);
}

async function planFor(db: Queryable, batch: ParsedBatch, state: DeviceState | null): Promise<Plan> {
  const seqs = batch.records.map((r) => r.entry.seq);
  const known = new Map<number, string>();
  if (state?.last_seq != null && state.last_hash !== null) known.set(state.last_seq, state.last_hash);
  if (state?.purged_seq != null && state.purged_hash !== null) known.set(state.purged_seq, state.purged_hash);
  // The usual batch only extends the chain past the head, whose hash the device row holds;
  // anything else (a re-send, entries behind the head) looks up what is stored.
  if (state?.last_seq != null && !seqs.every((s) => s > state.last_seq!)) {
    const wanted = [...new Set(seqs.flatMap((s) => [s, s - 1]).filter((s) => s >= 1))];
    const existing = await db.query<{ seq: number; hash: string }>('select seq, hash from entries where device_id = $1 and seq = any($2::bigint[])', [
      batch.deviceId,
      wanted,
    ]);
    for (const r of existing.rows) known.set(r.seq, r.hash);
  }
  return planBatch(batch.records, state?.last_seq ?? null, known, state?.purged_seq ?? null);
}

/** The one statement. Returns false when the device changed since it was read (nothing written). */
async function write(db: Queryable, input: StoreInput, state: DeviceState | null, plan: Plan): Promise<boolean> {
  const { batch, schoolId, keyId } = input;
  const params: unknown[] = [];
  const p = (v: unknown, type: string) => {
    params.push(v);
    return `$${params.length}::${type}`;
  };

  // The earliest break is where the chain stopped being trustworthy.
  const first = plan.breaks.reduce<Break | null>((m, b) => (m === null || b.seq < m.seq ? b : m), null);
  const keep = state?.broken_at_seq != null && (first === null || state.broken_at_seq <= first.seq);
  const brokenAt = keep ? state!.broken_at_seq : (first?.seq ?? null);
  const problem = keep ? state!.chain_problem : (first?.problem ?? null);

  const id = p(batch.deviceId, 'uuid');
  const ctes: string[] = [];
  ctes.push(`dev as (
    insert into devices as d (id, school_id, public_key, first_key_id, last_key_id, label, version, browser, reported_school, waiting, policy_problems,
                              last_seq, last_hash, entries_count, chain_state, broken_at_seq, chain_problem, batches)
    values (${id}, ${p(schoolId, 'bigint')}, ${p(input.publicKey, 'text')}, ${p(keyId, 'text')}, ${p(keyId, 'text')}, ${p(batch.label, 'text')}, ${p(batch.version, 'text')},
            ${p(batch.browser, 'text')}, ${p(batch.schoolName, 'text')}, ${p(batch.waiting, 'integer')}, ${p(JSON.stringify(batch.policyProblems), 'text')}::jsonb,
            ${p(plan.head, 'bigint')}, ${p(plan.headHash, 'text')}, ${p(plan.insert.length, 'bigint')}, ${p(brokenAt === null ? 'intact' : 'broken', 'text')},
            ${p(brokenAt, 'bigint')}, ${p(problem, 'text')}, 1)
    on conflict (id) do update set
      last_seen = now(), silent_since = null, last_key_id = excluded.last_key_id, label = excluded.label, version = excluded.version,
      browser = excluded.browser, reported_school = excluded.reported_school, waiting = excluded.waiting, policy_problems = excluded.policy_problems,
      last_seq = excluded.last_seq, last_hash = excluded.last_hash, entries_count = d.entries_count + excluded.entries_count,
      chain_state = excluded.chain_state, broken_at_seq = excluded.broken_at_seq, chain_problem = excluded.chain_problem, batches = d.batches + 1
    where d.batches = ${p(state ? state.batches : -1, 'bigint')}
    returning 1)`);

  if (plan.insert.length) {
    const tuples = plan.insert.map(({ r, link }) => {
      const values = entryRowValues(batch.deviceId, schoolId, r.body, r.entry, link);
      return `(${values.map((v, i) => p(v, ENTRY_COLUMNS[i]![1])).join(', ')})`;
    });
    ctes.push(`ins as (insert into entries (${ENTRY_COLUMNS.map((c) => c[0]).join(', ')})
      select * from (values ${tuples.join(', ')}) v where exists (select 1 from dev) returning 1)`);
  }
  if (plan.conflicts.length) {
    const tuples = plan.conflicts.map(
      (c) =>
        `(${id}, ${p(c.r.entry.seq, 'bigint')}, ${p(c.r.body, 'text')}, ${p(c.r.entry.hash, 'text')}, ${p(c.r.entry.prevHash, 'text')}, ${p(c.storedHash, 'text')})`,
    );
    ctes.push(`conf as (insert into conflicts (device_id, seq, body, hash, prev_hash, stored_hash)
      select * from (values ${tuples.join(', ')}) v where exists (select 1 from dev) returning 1)`);
    ctes.push(`flag as (update entries set conflict = true
      where device_id = ${id} and seq = any(${p(
        plan.conflicts.map((c) => c.r.entry.seq),
        'bigint[]',
      )}) and exists (select 1 from dev) returning 1)`);
  }

  const events: [string, string, Record<string, unknown>][] = [];
  if (state === null)
    events.push(['new-device', 'a new device reached the hub (unconfirmed)', { label: batch.label, browser: batch.browser, version: batch.version }]);
  if (state?.silent_since)
    events.push(['device-back', 'the device was heard from again after falling silent', { silentSince: state.silent_since.toISOString() }]);
  if (plan.breaks.length) events.push(['chain-broken', plan.breaks[0]!.problem, { breaks: plan.breaks.slice(0, 20) }]);
  if (plan.purged.length) {
    const n = plan.purged.length;
    events.push([
      'purged-resend',
      `${n} ${n === 1 ? 'entry' : 'entries'} sent again after retention purged ${n === 1 ? 'it' : 'them'}: not stored again`,
      { seqs: plan.purged.slice(0, 20), count: n, purgedSeq: state?.purged_seq ?? null },
    ]);
  }
  if (events.length) {
    const school = p(schoolId, 'bigint');
    const key = p(keyId, 'text');
    const addr = p(input.remoteAddr, 'text');
    const dev = p(batch.deviceId, 'text');
    const tuples = events.map(
      ([kind, reason, detail]) => `(${p(kind, 'text')}, ${school}, ${dev}, ${key}, ${addr}, ${p(reason, 'text')}, ${p(JSON.stringify(detail), 'text')}::jsonb)`,
    );
    ctes.push(`aud as (insert into audit (kind, school_id, device_id, key_id, remote_addr, reason, detail)
      select * from (values ${tuples.join(', ')}) v where exists (select 1 from dev) returning 1)`);
  }

  const { rows } = await db.query<{ applied: number }>(`with ${ctes.join(',\n')} select count(*)::int as applied from dev`, params);
  return rows[0]!.applied === 1;
}
