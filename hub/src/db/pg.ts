/** Adapter for a PostgreSQL server through node-postgres (`pg`), with a connection pool. */
import pg from 'pg';
import { DbUnavailableError, type Db, type Queryable } from './types.ts';

// int8 (sequence numbers, ids) as numbers, like the PGlite adapter.
pg.types.setTypeParser(20, (v) => Number(v));
// timestamp without time zone (local wall-clock times) as its text, not a Date in the server's zone.
pg.types.setTypeParser(1114, (v) => v);

/** Errors that mean "the database cannot be reached or is going away", not "your SQL is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isUnavailable(e: unknown): boolean {
  if (e instanceof DbUnavailableError) return true;
  const err = e as { code?: string; message?: string } | null;
  if (!err) return false;
  if (err.code && UNAVAILABLE_CODES.has(err.code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection/i.test(
    err.message ?? '',
  );
}

function wrap(e: unknown): unknown {
  return isUnavailable(e) && !(e instanceof DbUnavailableError) ? new DbUnavailableError(`database unavailable: ${(e as Error).message}`, { cause: e }) : e;
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      try {
        const r = await client.query(sql, params as unknown[]);
        return { rows: r.rows as T[] };
      } catch (e) {
        throw wrap(e);
      }
    },
    async exec(sql: string) {
      try {
        await client.query(sql);
      } catch (e) {
        throw wrap(e);
      }
    },
  };
}

export function openPostgres(connectionString: string, opts: { max?: number } = {}): Db {
  // A request waits up to 30 s for a connection (the pool also queues behind busy ones); a server
  // that is down refuses at once, so that still answers 503 quickly.
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 10, connectionTimeoutMillis: 30_000 });
  // An idle client losing its server (a restart) must not crash the hub; the next query reports it.
  pool.on('error', () => {});
  const q = queryable(pool);
  return {
    kind: 'postgres',
    query: q.query,
    exec: q.exec,
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw wrap(e);
      }
      let broken = false;
      try {
        await client.query('begin');
        const result = await fn(queryable(client));
        await client.query('commit');
        return result;
      } catch (e) {
        try {
          await client.query('rollback');
        } catch {
          broken = true;
        }
        throw wrap(e);
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
