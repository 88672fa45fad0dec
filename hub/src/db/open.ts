import path from 'node:path';
import fs from 'node:fs/promises';
import { openPostgres } from './pg.ts';
import { openPglite } from './pglite.ts';
import type { Db } from './types.ts';

export const DEFAULT_DATA_DIR = './hub-data';

/** DATABASE_URL given: that PostgreSQL server. Otherwise the embedded PGlite in dataDir (created if missing). */
export async function openDb(opts: { databaseUrl?: string | undefined; dataDir?: string | undefined }): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  const dir = path.resolve(opts.dataDir || DEFAULT_DATA_DIR);
  await fs.mkdir(dir, { recursive: true });
  return openPglite(dir);
}
