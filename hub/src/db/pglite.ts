/**
 * Adapter for the embedded default: PGlite, real PostgreSQL compiled to WebAssembly, one
 * connection, in this process, its files in a data folder. For a one-machine trial, not a trust's load.
 */
import { PGlite, types } from '@electric-sql/pglite';
import type { Db, Queryable } from './types.ts';

export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const db = await PGlite.create(dataDir, { parsers: { [types.INT8]: (v: string) => Number(v), [types.TIMESTAMP]: (v: string) => v } });
  const wrap = (c: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await c.query<T>(sql, params as unknown[]);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await c.exec(sql);
    },
  });
  const q = wrap(db);
  return {
    kind: 'pglite',
    query: q.query,
    exec: q.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      await db.close();
    },
  };
}
