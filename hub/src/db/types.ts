/**
 * The hub's whole view of its database: a few methods that both adapters (node-postgres for a
 * PostgreSQL server, PGlite for the embedded default) provide with the same meaning, so every
 * migration and every query is written once, in plain PostgreSQL SQL with $1.. parameters.
 *
 * Types come back the same from both: int8 as a JS number (sequence numbers stay far below 2^53),
 * timestamptz as Date, timestamp (no zone) as its text, jsonb parsed, boolean as boolean.
 */
export interface Queryable {
  /** One statement with $1.. parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Several statements separated by semicolons, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Raised for a failure to reach the database (as opposed to a bad statement): the hub answers 503. */
export class DbUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbUnavailableError';
  }
}
