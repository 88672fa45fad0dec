/**
 * Versioned migrations: hub/migrations/NNN_name.sql, applied in number order, each in its own
 * transaction, recorded in hub_migrations with a checksum (editing an applied migration is an
 * error, not a silent drift). Numbers below 100 are the ingest store's; the DSL's pages use 100+.
 * Two hubs starting at once: an advisory lock makes the second wait and then find nothing to do.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');
const LOCK_ID = 7_011_011; // any constant; the same for every hub on this database
const NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const out: Migration[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const m = NAME.exec(file);
    if (!m) throw new Error(`migration file name ${file} is not NNN_name.sql`);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    const version = Number(m[1]);
    if (out.some((x) => x.version === version)) throw new Error(`two migrations numbered ${m[1]}`);
    out.push({ version, name: m[2]!, file, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return out.sort((a, b) => a.version - b.version);
}

export interface MigrateResult {
  applied: Migration[];
  current: number;
}

/** Applies every migration not yet applied (up to `upTo` if given). */
export async function migrate(db: Db, opts: { dir?: string; upTo?: number } = {}): Promise<MigrateResult> {
  const all = listMigrations(opts.dir).filter((m) => opts.upTo === undefined || m.version <= opts.upTo);
  await db.transaction(async (tx) => {
    // Under the lock too: two hubs creating the table at once would otherwise collide.
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID]);
    await tx.exec(`create table if not exists hub_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
  });
  const applied: Migration[] = [];
  for (const m of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID]);
      const { rows } = await tx.query<{ checksum: string }>('select checksum from hub_migrations where version = $1', [m.version]);
      if (rows[0]) {
        if (rows[0].checksum !== m.checksum) throw new Error(`migration ${m.file} was changed after it was applied (checksum differs)`);
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('insert into hub_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum]);
      return true;
    });
    if (done) applied.push(m);
  }
  const { rows } = await db.query<{ v: number | null }>('select max(version) as v from hub_migrations');
  return { applied, current: rows[0]?.v ?? 0 };
}
