/**
 * Retention: each school's log entries are kept for its period (schools.retention_days, else
 * HUB_RETENTION_DAYS) and then purged, by the hub on a timer and from the CLI (`purge`).
 * See migrations/007_retention.sql.
 *
 * A purge deletes a prefix of each device's chain: the entries older than the cut-off, in sequence
 * order, stopping before the first entry that is not older (a device whose clock ran backwards
 * keeps the older entries after it until that one is old too). So what the hub holds of a device
 * is always one unbroken stretch that starts right after the purge horizon (purged_seq,
 * purged_hash), as the device's own purge leaves a checkpoint, and the chain still verifies.
 *
 * It runs as the hub's own database user (the tables' owner), never as the pages' role, which can
 * delete nothing. Old entries are found a batch at a time through the (school_id, at) index; each
 * device's part of a batch is deleted in one short transaction with its device row locked, so
 * ingest for that device waits for it (or plans its batch again, migration 006).
 */
import { findSchool, type School } from './admin.ts';
import { audit } from './audit.ts';
import type { Db, Queryable } from './db/types.ts';

export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 3650;
export const RETENTION_DEFAULT_DAYS = 365;

/** A whole number of days within 30..3650, else an error that says so (`what` names the setting). */
export function parseRetentionDays(raw: string, what: string): number {
  const t = raw.trim();
  const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isInteger(n) || n < RETENTION_MIN_DAYS || n > RETENTION_MAX_DAYS) {
    throw new Error(`${what} must be a whole number of days from ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS}, not "${raw}"`);
  }
  return n;
}

export const cutoffFor = (days: number, now: Date): Date => new Date(now.getTime() - days * 86_400_000);

/** Sets (or, with null, clears back to the hub's default) a school's retention period. */
export async function setRetention(db: Db, schoolRef: string, days: number | null, actor = 'cli'): Promise<School & { retentionDays: number | null }> {
  return db.transaction(async (tx) => {
    const school = await findSchool(tx, schoolRef);
    if (!school) throw new Error(`no school "${schoolRef}"`);
    await tx.query('update schools set retention_days = $2 where id = $1', [school.id, days]);
    await audit(tx, {
      kind: 'cli',
      schoolId: school.id,
      reason: days === null ? 'retention period set to the hub default' : `retention period set to ${days} days`,
      detail: { actor, retentionDays: days },
    });
    return { ...school, retentionDays: days };
  });
}

export interface SchoolInfo extends School {
  /** The school's own period, or null when it follows the hub's default. */
  retentionDays: number | null;
  /** The period in force. */
  effectiveDays: number;
  devices: number;
  entries: number;
  purgedEntries: number;
}

export async function listSchools(db: Queryable, defaultDays: number): Promise<SchoolInfo[]> {
  const { rows } = await db.query<{ id: number; name: string; retention_days: number | null; devices: number; entries: number; purged: number }>(
    `select s.id, s.name, s.retention_days, count(d.id)::int as devices, coalesce(sum(d.entries_count), 0)::bigint as entries,
            coalesce(sum(d.purged_count), 0)::bigint as purged
       from schools s left join devices d on d.school_id = s.id group by s.id order by s.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    retentionDays: r.retention_days,
    effectiveDays: r.retention_days ?? defaultDays,
    devices: r.devices,
    entries: Number(r.entries),
    purgedEntries: Number(r.purged),
  }));
}

export interface DevicePurge {
  deviceId: string;
  label: string | null;
  /** The first and last sequence numbers deleted (or that would be), and how many entries. */
  fromSeq: number;
  toSeq: number;
  entries: number;
}

export interface SchoolPurge {
  schoolId: number;
  school: string;
  retentionDays: number;
  /** Entries written (their `at`, UTC) before this are purged. */
  cutoff: Date;
  devices: DevicePurge[];
  total: number;
}

export interface PurgeOptions {
  /** One school (name or number); every school when absent. */
  school?: string;
  defaultDays: number;
  now?: Date;
  /** Rows found through the index at a time. */
  batchSize?: number;
  /** Who asked: 'timer' (the hub) or 'cli'. */
  by?: 'timer' | 'cli';
}

async function schoolsFor(db: Queryable, opts: PurgeOptions): Promise<{ id: number; name: string; days: number }[]> {
  const one = opts.school === undefined ? null : await findSchool(db, opts.school);
  if (opts.school !== undefined && !one) throw new Error(`no school "${opts.school}"`);
  const list = await listSchools(db, opts.defaultDays);
  return list.filter((s) => one === null || s.id === one.id).map((s) => ({ id: s.id, name: s.name, days: s.effectiveDays }));
}

/**
 * What a purge would delete now, changing nothing (`purge --dry-run`): per device, the entries after
 * its horizon up to the last one older than the cut-off, stopping before the first one that is not.
 */
export async function planPurge(db: Queryable, opts: PurgeOptions): Promise<SchoolPurge[]> {
  const now = opts.now ?? new Date();
  const out: SchoolPurge[] = [];
  for (const s of await schoolsFor(db, opts)) {
    const cutoff = cutoffFor(s.days, now);
    const { rows } = await db.query<{ id: string; label: string | null; n: number; from_seq: number | null; to_seq: number | null }>(
      `select d.id, d.label, c.n, c.from_seq, c.to_seq
         from devices d
         cross join lateral (select least(
             (select max(seq) from entries e where e.device_id = d.id and e.seq > coalesce(d.purged_seq, 0) and e.at < $2),
             (select min(seq) - 1 from entries e where e.device_id = d.id and e.seq > coalesce(d.purged_seq, 0) and e.at >= $2)) as h) x
         cross join lateral (select count(*)::int as n, min(seq) as from_seq, max(seq) as to_seq from entries e
                              where e.device_id = d.id and e.seq > coalesce(d.purged_seq, 0) and e.seq <= x.h) c
        where d.school_id = $1 and c.n > 0
        order by d.label nulls last, d.id`,
      [s.id, cutoff],
    );
    const devices = rows.map((r) => ({ deviceId: r.id, label: r.label, fromSeq: r.from_seq!, toSeq: r.to_seq!, entries: r.n }));
    out.push({ schoolId: s.id, school: s.name, retentionDays: s.days, cutoff, devices, total: devices.reduce((t, d) => t + d.entries, 0) });
  }
  return out;
}

interface Step {
  label: string | null;
  fromSeq: number;
  toSeq: number;
  entries: number;
  /** This run's audit row for the device, kept up to date in the same transaction as each delete. */
  auditId: number;
}

const auditReason = (entries: number, days: number, fromSeq: number, toSeq: number) =>
  `retention: ${entries} ${entries === 1 ? 'entry' : 'entries'} older than ${days} days purged (entries ${fromSeq} to ${toSeq})`;

/**
 * Deletes one device's entries after its horizon up to `upTo` (stopping before the first not older
 * than the cut-off), moves the horizon and records it in audit, all in one transaction: nothing is
 * ever deleted without its record. `prev`: what this run already purged of the device.
 */
async function purgeDevicePrefix(
  db: Db,
  run: { schoolId: number; cutoff: Date; days: number; by: 'timer' | 'cli' },
  deviceId: string,
  upTo: number,
  prev: Step | undefined,
): Promise<Step | null> {
  return db.transaction(async (tx) => {
    const dev = (
      await tx.query<{ purged_seq: number | null; label: string | null }>('select purged_seq, label from devices where id = $1 and school_id = $2 for update', [
        deviceId,
        run.schoolId,
      ])
    ).rows[0];
    if (!dev) return null;
    const after = dev.purged_seq ?? 0;
    const { rows: hr } = await tx.query<{ h: number | null }>(
      'select min(seq) - 1 as h from entries where device_id = $1 and seq > $2 and seq <= $3 and at >= $4',
      [deviceId, after, upTo, run.cutoff],
    );
    const horizon = hr[0]?.h ?? upTo;
    if (horizon <= after) return null;
    // What refers to the purged entries goes first (report_states references entries).
    await tx.query('delete from report_history where device_id = $1 and seq > $2 and seq <= $3', [deviceId, after, horizon]);
    await tx.query('delete from report_states where device_id = $1 and seq > $2 and seq <= $3', [deviceId, after, horizon]);
    await tx.query('delete from conflicts where device_id = $1 and seq <= $2', [deviceId, horizon]);
    const { rows } = await tx.query<{ n: number; from_seq: number | null; to_seq: number | null; hash: string | null }>(
      `with del as (delete from entries where device_id = $1 and seq > $2 and seq <= $3 returning seq, hash)
       select count(*)::int as n, min(seq) as from_seq, max(seq) as to_seq, (array_agg(hash order by seq desc))[1] as hash from del`,
      [deviceId, after, horizon],
    );
    const r = rows[0]!;
    if (r.n === 0 || r.to_seq === null || r.hash === null) return null;
    await tx.query(
      `update devices set purged_seq = $2, purged_hash = $3, purged_count = purged_count + $4, purged_at = now(),
              entries_count = greatest(entries_count - $4, 0), batches = batches + 1 where id = $1`,
      [deviceId, r.to_seq, r.hash, r.n],
    );
    const fromSeq = prev?.fromSeq ?? r.from_seq!;
    const entries = (prev?.entries ?? 0) + r.n;
    const reason = auditReason(entries, run.days, fromSeq, r.to_seq);
    const detail = JSON.stringify({ by: run.by, cutoff: run.cutoff.toISOString(), retentionDays: run.days, fromSeq, toSeq: r.to_seq, entries });
    let auditId = prev?.auditId;
    if (auditId !== undefined) await tx.query('update audit set reason = $2, detail = $3::text::jsonb where id = $1', [auditId, reason, detail]);
    else {
      const ins = await tx.query<{ id: number }>(
        "insert into audit (kind, school_id, device_id, reason, detail) values ('retention', $1, $2, $3, $4::text::jsonb) returning id",
        [run.schoolId, deviceId, reason, detail],
      );
      auditId = ins.rows[0]!.id;
    }
    return { label: dev.label, fromSeq, toSeq: r.to_seq, entries, auditId };
  });
}

/** Records a purge that deleted something in the access trail: one row per school, with the count per device. */
async function recordPurge(db: Db, p: SchoolPurge, by: 'timer' | 'cli'): Promise<void> {
  const filter = {
    cutoff: p.cutoff.toISOString(),
    retentionDays: p.retentionDays,
    by,
    devices: p.devices.map((d) => ({ device: d.deviceId, label: d.label, fromSeq: d.fromSeq, toSeq: d.toSeq, entries: d.entries })),
  };
  await db.query(
    "insert into access_trail (account_id, email, role, school_id, action, filter, rows) values (null, 'retention', 'hub', $1, 'retention-purge', $2::text::jsonb, $3)",
    [p.schoolId, JSON.stringify(filter), p.total],
  );
}

/** Purges every school's (or one school's) entries older than its period; returns what went. */
export async function purge(db: Db, opts: PurgeOptions): Promise<SchoolPurge[]> {
  const now = opts.now ?? new Date();
  const batch = opts.batchSize ?? 5000;
  const out: SchoolPurge[] = [];
  const by = opts.by ?? 'cli';
  for (const s of await schoolsFor(db, opts)) {
    const cutoff = cutoffFor(s.days, now);
    const run = { schoolId: s.id, cutoff, days: s.days, by };
    const done = new Map<string, Step>();
    const result = (): SchoolPurge => {
      const devices = [...done.entries()]
        .map(([deviceId, d]) => ({ deviceId, label: d.label, fromSeq: d.fromSeq, toSeq: d.toSeq, entries: d.entries }))
        .sort((a, b) => (a.label ?? '\uffff').localeCompare(b.label ?? '\uffff') || a.deviceId.localeCompare(b.deviceId));
      return { schoolId: s.id, school: s.name, retentionDays: s.days, cutoff, devices, total: devices.reduce((t, d) => t + d.entries, 0) };
    };
    try {
      let cursor: { at: Date; device: string; seq: number } | null = null;
      for (;;) {
        const c: { at: Date; device: string; seq: number } | null = cursor;
        // Keyset over the (school_id, at) index: rows a device cannot purge yet are passed, not read again.
        const { rows }: { rows: { device_id: string; seq: number; at: Date }[] } = await db.query<{ device_id: string; seq: number; at: Date }>(
          `select device_id, seq, at from entries
            where school_id = $1 and at < $2 and ($3::timestamptz is null or (at, device_id, seq) > ($3::timestamptz, $4::uuid, $5::bigint))
            order by at, device_id, seq limit $6`,
          [s.id, cutoff, c?.at ?? null, c?.device ?? null, c?.seq ?? 0, batch],
        );
        if (!rows.length) break;
        const upTo = new Map<string, number>();
        for (const r of rows) upTo.set(r.device_id, Math.max(upTo.get(r.device_id) ?? 0, r.seq));
        for (const [id, max] of upTo) {
          const step = await purgeDevicePrefix(db, run, id, max, done.get(id));
          if (step) done.set(id, step);
        }
        const last: { device_id: string; seq: number; at: Date } = rows[rows.length - 1]!;
        cursor = { at: last.at, device: last.device_id, seq: last.seq };
        if (rows.length < batch) break;
      }
    } catch (e) {
      // A failure part-way (the database went away): each device's audit row is in already; the
      // trail gets what went if the database still answers.
      const p = result();
      if (p.total > 0) await recordPurge(db, p, by).catch(() => undefined);
      throw e;
    }
    const p = result();
    if (p.total > 0) await recordPurge(db, p, by);
    out.push(p);
  }
  return out;
}

/**
 * Purges now and then every `everyMs` until stopped. A failed run (database down) waits for the
 * next. The returned stop waits for a run in progress to finish, so the database can be closed.
 */
export function startRetentionPurge(db: Db, defaultDays: number, everyMs: number, onError: (e: unknown) => void): () => Promise<void> {
  let current: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (current || stopped) return;
    current = purge(db, { defaultDays, by: 'timer' })
      .then(() => undefined, onError)
      .finally(() => {
        current = null;
      });
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current;
  };
}
