/** The same cases on both adapters: real PostgreSQL 15 through node-postgres, and embedded PGlite. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.ts';
import { openPostgres } from '../src/db/pg.ts';
import { openPglite } from '../src/db/pglite.ts';
import type { Db } from '../src/db/types.ts';
import { startPgCluster, type PgCluster } from './support/pg-cluster.ts';

let cluster: PgCluster | null = null;
let pgliteDir = '';
/** Each adapter's migrated schema (table.column:type), compared at the end. */
const schemas = new Map<string, string[]>();

beforeAll(async () => {
  cluster = await startPgCluster();
  pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pglite-'));
});
afterAll(() => {
  cluster?.destroy();
  if (pgliteDir) fs.rmSync(pgliteDir, { recursive: true, force: true });
});

const adapters: [string, () => Promise<Db>][] = [
  ['postgres (node-postgres)', async () => openPostgres(await cluster!.createDatabase('contract'))],
  ['pglite (embedded)', () => openPglite(pgliteDir)],
];

describe.each(adapters)('%s', (_name, open) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
    await migrate(db);
    await db.exec('create table t (id int8 primary key, at timestamptz, local timestamp, doc jsonb, ok boolean, raw bytea, name text); create table u (x int)');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('hands back int8 as number, timestamptz as Date, timestamp as text, jsonb parsed, bytea as bytes', async () => {
    await db.query('insert into t values ($1, $2, $3, $4::text::jsonb, $5, $6, $7)', [
      9_007_199_254_740_991,
      '2026-11-24T10:15:00.000Z',
      '2026-11-24 10:15:00',
      '{"a":[1,"x"]}',
      true,
      Buffer.from([1, 2, 255]),
      'Zoë',
    ]);
    const { rows } = await db.query<Record<string, unknown>>('select * from t');
    const r = rows[0]!;
    expect(r.id).toBe(9_007_199_254_740_991);
    expect(r.at).toEqual(new Date('2026-11-24T10:15:00.000Z'));
    expect(r.local).toBe('2026-11-24 10:15:00');
    expect(r.doc).toEqual({ a: [1, 'x'] });
    expect(r.ok).toBe(true);
    expect([...(r.raw as Uint8Array)]).toEqual([1, 2, 255]);
    expect(r.name).toBe('Zoë');
  });

  it('array parameters work with = any($1::bigint[])', async () => {
    await db.query("insert into t (id, name) values (1, 'a'), (2, 'b'), (3, 'c')");
    const { rows } = await db.query<{ id: number }>('select id from t where id = any($1::bigint[]) order by id', [[1, 3, 42]]);
    expect(rows.map((r) => r.id)).toEqual([1, 3]);
  });

  it('a transaction commits when its function resolves', async () => {
    const got = await db.transaction(async (tx) => {
      await tx.query('insert into u values (1)');
      await tx.query('insert into u values (2)');
      return 'done';
    });
    expect(got).toBe('done');
    expect((await db.query('select count(*)::int as n from u')).rows[0]).toEqual({ n: 2 });
  });

  it('a transaction that throws leaves nothing behind', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into u values (3)');
        await tx.query('insert into no_such_table values (1)');
      }),
    ).rejects.toThrow(/no_such_table/);
    expect((await db.query('select count(*)::int as n from u')).rows[0]).toEqual({ n: 2 });
    // and the connection is usable afterwards
    expect((await db.query('select 1 as one')).rows[0]).toEqual({ one: 1 });
  });

  it('exec runs several statements; a failing statement rejects', async () => {
    await db.exec('insert into u values (10); insert into u values (11)');
    expect((await db.query('select count(*)::int as n from u where x >= 10')).rows[0]).toEqual({ n: 2 });
    await expect(db.exec('select * from nowhere')).rejects.toThrow(/nowhere/);
  });

  it('has the hub tables after migrating', async () => {
    const { rows } = await db.query<{ table_name: string; column_name: string; data_type: string }>(
      "select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' and table_name <> 't' and table_name <> 'u' order by table_name, column_name",
    );
    schemas.set(
      _name,
      rows.map((r) => `${r.table_name}.${r.column_name}:${r.data_type}`),
    );
    expect(new Set(rows.map((r) => r.table_name))).toEqual(
      new Set([
        'schools',
        'ingest_keys',
        'devices',
        'entries',
        'conflicts',
        'audit',
        'hub_migrations',
        'accounts',
        'sessions',
        'login_throttle',
        'login_attempts',
        'report_states',
        'report_history',
        'access_trail',
      ]),
    );
  });
});

describe('both adapters', () => {
  it('end with exactly the same tables, columns and types from the same migrations', () => {
    const [a, b] = [...schemas.values()];
    expect(schemas.size).toBe(2);
    expect(a!.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
  });
});
