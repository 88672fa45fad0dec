/** Each migration, applied on its own onto a real PostgreSQL 15 database, does what its file says. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, MIGRATIONS_DIR } from '../src/db/migrate.ts';
import { openPostgres } from '../src/db/pg.ts';
import type { Db } from '../src/db/types.ts';
import { startPgCluster, type PgCluster } from './support/pg-cluster.ts';

let cluster: PgCluster;
const opened: Db[] = [];
let n = 0;

beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  for (const db of opened) await db.close();
  cluster?.destroy();
});

/** A fresh database migrated up to `version`. */
async function dbAt(version: number): Promise<Db> {
  const db = openPostgres(await cluster.createDatabase(`m${++n}`));
  opened.push(db);
  const r = await migrate(db, { upTo: version });
  expect(r.current).toBe(version);
  return db;
}

const DEVICE = '6f1c2a9e-4b1d-4f7a-9c3e-1a2b3c4d5e6f';
const HASH = 'a'.repeat(64);

async function seedSchoolAndDevice(db: Db): Promise<void> {
  await db.query("insert into schools (name) values ('Oak Primary')");
  await db.query("insert into ingest_keys (id, school_id, salt, hash) values ('0123456789abcdef', 1, '\\x00', '\\x00')");
  await db.query("insert into devices (id, school_id, public_key) values ($1, 1, 'pk')", [DEVICE]);
}

const tested = new Set<number>();
function migrationCase(version: number, title: string, fn: () => Promise<void>) {
  tested.add(version);
  it(`${String(version).padStart(3, '0')}: ${title}`, fn);
}

describe('migrations', () => {
  migrationCase(1, 'schools have unique names; ingest keys belong to a school and keep only a hash', async () => {
    const db = await dbAt(1);
    await db.query("insert into schools (name) values ('Oak Primary')");
    await expect(db.query("insert into schools (name) values ('Oak Primary')")).rejects.toThrow(/unique/);
    await expect(db.query("insert into ingest_keys (id, school_id, salt, hash) values ('0123456789abcdef', 99, '\\x00', '\\x00')")).rejects.toThrow(
      /foreign key/,
    );
    await expect(db.query("insert into ingest_keys (id, school_id, salt, hash) values ('NOT A KEY ID!', 1, '\\x00', '\\x00')")).rejects.toThrow(/check/);
    await db.query("insert into ingest_keys (id, school_id, salt, hash) values ('0123456789abcdef', 1, '\\x01', '\\x02')");
    const cols = await db.query<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'ingest_keys'");
    expect(cols.rows.map((c) => c.column_name).sort()).toEqual(['created_at', 'hash', 'id', 'revoked_at', 'salt', 'school_id']);
  });

  migrationCase(2, 'devices: new ones unconfirmed and intact; broken needs the seq where it broke', async () => {
    const db = await dbAt(2);
    await seedSchoolAndDevice(db);
    const { rows } = await db.query<{ confirmed: boolean; chain_state: string; key_mismatches: number; policy_problems: unknown[] }>(
      'select confirmed, chain_state, key_mismatches, policy_problems from devices',
    );
    expect(rows[0]).toEqual({ confirmed: false, chain_state: 'intact', key_mismatches: 0, policy_problems: [] });
    await expect(db.query("update devices set chain_state = 'broken'")).rejects.toThrow(/check/);
    await expect(db.query("update devices set chain_state = 'weird', broken_at_seq = 3")).rejects.toThrow(/check/);
    await db.query("update devices set chain_state = 'broken', broken_at_seq = 3");
    await expect(db.query("insert into devices (id, school_id, public_key) values ($1, 1, 'pk')", [DEVICE])).rejects.toThrow(/duplicate key/);
    await expect(db.query("insert into devices (id, school_id, public_key) values ('not-a-uuid', 1, 'pk')")).rejects.toThrow(/uuid/);
  });

  migrationCase(3, 'entries: one per device and seq, links checked, conflicts kept aside, indexed by school and time', async () => {
    const db = await dbAt(3);
    await seedSchoolAndDevice(db);
    const insert = (seq: number, link = 'ok', hash = HASH) =>
      db.query(
        `insert into entries (device_id, seq, school_id, body, hash, prev_hash, at, local_time, timezone, "user", role, event, school_time, link)
         values ($1, $2, 1, '{}', $3, $3, '2026-11-24T10:15:00.000Z', '2026-11-24 10:15:00', 'Europe/London', 'u', 'pupil', 'blocked', true, $4)`,
        [DEVICE, seq, hash, link],
      );
    await insert(1, 'start');
    await expect(insert(1)).rejects.toThrow(/duplicate key/);
    await expect(insert(2, 'merged')).rejects.toThrow(/check/);
    await expect(insert(3, 'ok', 'XYZ')).rejects.toThrow(/check/);
    await expect(insert(0)).rejects.toThrow(/check/);
    const { rows } = await db.query<{ local_time: string; conflict: boolean }>('select local_time, conflict from entries');
    expect(rows[0]).toEqual({ local_time: '2026-11-24 10:15:00', conflict: false });
    await db.query('insert into conflicts (device_id, seq, body, hash, prev_hash, stored_hash) values ($1, 1, $2, $3, $3, $3)', [DEVICE, '{}', HASH]);
    const idx = await db.query<{ indexname: string }>("select indexname from pg_indexes where tablename = 'entries' order by 1");
    expect(idx.rows.map((r) => r.indexname)).toEqual([
      'entries_pkey',
      'entries_received_brin',
      'entries_school_at',
      'entries_school_event_at',
      'entries_school_network_at',
      'entries_school_user_at',
    ]);
  });

  migrationCase(4, 'audit: kinds are short names; device ids need not exist', async () => {
    const db = await dbAt(4);
    await db.query(
      "insert into audit (kind, device_id, status, reason, detail) values ('refused', 'no-such-device', 403, 'bad signature', '{\"field\":\"x\"}')",
    );
    await expect(db.query("insert into audit (kind, reason) values ('Not A Kind!', 'x')")).rejects.toThrow(/check/);
    await expect(db.query("insert into audit (kind) values ('cli')")).rejects.toThrow(/null/);
    const { rows } = await db.query<{ detail: unknown; at: Date }>('select detail, at from audit');
    expect(rows[0]!.detail).toEqual({ field: 'x' });
    expect(rows[0]!.at).toBeInstanceOf(Date);
  });

  migrationCase(5, 'devices gain silent_since, empty for existing devices', async () => {
    const db = await dbAt(4);
    await seedSchoolAndDevice(db);
    await migrate(db, { upTo: 5 });
    const { rows } = await db.query<{ silent_since: Date | null }>('select silent_since from devices');
    expect(rows).toEqual([{ silent_since: null }]);
    await db.query('update devices set silent_since = now()');
    const idx = await db.query<{ indexname: string }>("select indexname from pg_indexes where tablename = 'devices' and indexname = 'devices_silent'");
    expect(idx.rows).toHaveLength(1);
  });

  migrationCase(6, 'devices count accepted requests (batches), from 0 for existing devices', async () => {
    const db = await dbAt(5);
    await seedSchoolAndDevice(db);
    await migrate(db, { upTo: 6 });
    const { rows } = await db.query<{ batches: number }>('select batches from devices');
    expect(rows).toEqual([{ batches: 0 }]);
    await expect(db.query('update devices set batches = null')).rejects.toThrow(/null/);
  });

  migrationCase(7, 'schools gain a retention period (30 to 3650 days, empty = the hub default); devices a purge horizon, seq and hash together', async () => {
    const db = await dbAt(6);
    await seedSchoolAndDevice(db);
    await migrate(db, { upTo: 7 });
    expect((await db.query('select retention_days from schools')).rows).toEqual([{ retention_days: null }]);
    expect((await db.query('select purged_seq, purged_hash, purged_count from devices')).rows).toEqual([
      { purged_seq: null, purged_hash: null, purged_count: 0 },
    ]);
    await db.query('update schools set retention_days = 30');
    await db.query('update schools set retention_days = 3650');
    await expect(db.query('update schools set retention_days = 29')).rejects.toThrow(/check/);
    await expect(db.query('update schools set retention_days = 3651')).rejects.toThrow(/check/);
    await expect(db.query('update devices set purged_seq = 5')).rejects.toThrow(/check/);
    await expect(db.query("update devices set purged_seq = 5, purged_hash = 'nothex'")).rejects.toThrow(/check/);
    await db.query('update devices set purged_seq = 5, purged_hash = $1, purged_count = 5, purged_at = now()', [HASH]);
  });

  // The DSL's pages (100 and up).
  migrationCase(100, 'accounts need a known role, a school exactly when school-dsl, a lower-case email; sessions store only a hash', async () => {
    const db = await dbAt(100);
    await db.query("insert into schools (name) values ('Oak Primary')");
    await db.query("insert into accounts (email, role, school_id, password_hash) values ('dsl@oak.example', 'school-dsl', 1, 'h')");
    await db.query("insert into accounts (email, role, password_hash) values ('trust@t.example', 'trust-dsl', 'h')");
    await expect(db.query("insert into accounts (email, role, password_hash) values ('x@oak.example', 'school-dsl', 'h')")).rejects.toThrow(/check/);
    await expect(db.query("insert into accounts (email, role, school_id, password_hash) values ('y@oak.example', 'it-admin', 1, 'h')")).rejects.toThrow(
      /check/,
    );
    await expect(db.query("insert into accounts (email, role, password_hash) values ('Big@oak.example', 'trust-dsl', 'h')")).rejects.toThrow(/check/);
    await expect(db.query("insert into accounts (email, role, password_hash) values ('z@oak.example', 'admin', 'h')")).rejects.toThrow(/check/);
    await expect(db.query("insert into sessions (id_hash, account_id, csrf) values ('raw-token', 1, 'c')")).rejects.toThrow(/check/);
    await db.query("insert into sessions (id_hash, account_id, csrf) values ($1, 1, 'c')", ['b'.repeat(64)]);
  });

  migrationCase(101, 'a report state belongs to a stored entry and is new, seen or handled; the access trail takes any filter', async () => {
    const db = await dbAt(101);
    await seedSchoolAndDevice(db);
    await expect(db.query("insert into report_states (device_id, seq, school_id, state, set_by) values ($1, 1, 1, 'seen', 'a')", [DEVICE])).rejects.toThrow(
      /foreign key/,
    );
    await db.query(
      `insert into entries (device_id, seq, school_id, body, hash, prev_hash, at, local_time, timezone, "user", role, event, school_time, link)
       values ($1, 1, 1, '{}', $2, $2, now(), now(), 'Europe/London', 'u', 'pupil', 'report', true, 'start')`,
      [DEVICE, HASH],
    );
    await expect(db.query("insert into report_states (device_id, seq, school_id, state, set_by) values ($1, 1, 1, 'done', 'a')", [DEVICE])).rejects.toThrow(
      /check/,
    );
    await db.query("insert into report_states (device_id, seq, school_id, state, set_by) values ($1, 1, 1, 'handled', 'a')", [DEVICE]);
    await db.query("insert into access_trail (email, role, action, filter) values ('a', 'trust-dsl', 'export-csv', '{\"from\":\"2026-01-01\"}')");
    await expect(db.query("insert into access_trail (email, role, action) values ('a', 'trust-dsl', 'Export!')")).rejects.toThrow(/check/);
  });

  migrationCase(102, 'row security: the pages role sees nothing without a scope, one school with a school scope, no entries with the IT scope', async () => {
    const db = await dbAt(102);
    await seedSchoolAndDevice(db);
    const count = (scope: string | null, school: string, table: string) =>
      db.transaction(async (tx) => {
        await tx.query('set local role hallpass_pages');
        if (scope) await tx.query("select set_config('hallpass.scope', $1, true), set_config('hallpass.school_id', $2, true)", [scope, school]);
        return (await tx.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
      });
    expect(await count(null, '', 'devices')).toBe(0);
    expect(await count('school', '1', 'devices')).toBe(1);
    expect(await count('school', '2', 'devices')).toBe(0);
    expect(await count('it', '', 'devices')).toBe(1);
    expect(await count('trust', '', 'devices')).toBe(1);
    expect(await count('it', '', 'access_trail')).toBe(0);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('set local role hallpass_pages');
        await tx.query('delete from entries');
      }),
    ).rejects.toThrow(/permission denied/);
  });

  it('every migration file has its own case here', () => {
    expect([...tested].sort((a, b) => a - b)).toEqual(listMigrations().map((m) => m.version));
  });

  it('the runner applies each migration once, records it, and refuses an applied migration that was edited', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-migrations-'));
    try {
      for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
      const db = openPostgres(await cluster.createDatabase('runner'));
      opened.push(db);
      const first = await migrate(db, { dir });
      expect(first.applied.map((m) => m.version)).toEqual(listMigrations().map((m) => m.version));
      const again = await migrate(db, { dir });
      expect(again.applied).toEqual([]);
      const { rows } = await db.query<{ version: number }>('select version from hub_migrations order by version');
      expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
      fs.appendFileSync(path.join(dir, '002_devices.sql'), '\n-- edited later\n');
      await expect(migrate(db, { dir })).rejects.toThrow(/002_devices.sql was changed after it was applied/);
      fs.writeFileSync(path.join(dir, '2_bad.sql'), 'select 1');
      expect(() => listMigrations(dir)).toThrow(/NNN_name/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two hubs migrating the same empty database at once both succeed, and each migration runs once', async () => {
    const url = await cluster.createDatabase('race');
    const a = openPostgres(url);
    const b = openPostgres(url);
    opened.push(a, b);
    const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
    expect(ra.applied.length + rb.applied.length).toBe(listMigrations().length);
    expect(ra.current).toBe(rb.current);
  });
});
