/**
 * Every page query runs here: one transaction, as the database role hallpass_pages (not the tables'
 * owner, so row-level security binds it), with the viewer's scope set for that transaction only.
 * See migrations/102_row_security.sql for the policies.
 */
import type { Db, Queryable } from '../db/types.ts';
import type { Viewer } from './accounts.ts';

export type Scope = 'school' | 'trust' | 'it';

export const scopeOf = (v: Pick<Viewer, 'role'>): Scope => (v.role === 'trust-dsl' ? 'trust' : v.role === 'it-admin' ? 'it' : 'school');

export async function withScope<T>(db: Db, viewer: Pick<Viewer, 'role' | 'schoolId'>, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('set local role hallpass_pages');
    await tx.query("select set_config('hallpass.scope', $1, true), set_config('hallpass.school_id', $2, true)", [
      scopeOf(viewer),
      viewer.schoolId === null ? '' : String(viewer.schoolId),
    ]);
    return fn(tx);
  });
}
