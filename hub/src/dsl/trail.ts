/** The access trail: every view of log contents and every export (migrations/101). */
import type { Queryable } from '../db/types.ts';
import type { Viewer } from './accounts.ts';
import type { HubFilters } from './filters.ts';

export type TrailAction = 'view-reports' | 'view-entries' | 'view-attempts' | 'view-charts' | 'view-summary' | 'export-csv' | 'export-json' | 'set-report';

export async function recordAccess(
  db: Queryable,
  v: Viewer,
  action: TrailAction,
  filter: HubFilters | Record<string, unknown>,
  rows: number | null,
  remoteAddr: string | null,
): Promise<void> {
  await db.query(
    'insert into access_trail (account_id, email, role, school_id, action, filter, rows, remote_addr) values ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8)',
    [v.accountId, v.email, v.role, v.schoolId, action, JSON.stringify(filter), rows, remoteAddr],
  );
}

export interface TrailRow {
  at: Date;
  email: string;
  role: string;
  school: string | null;
  action: string;
  filter: Record<string, unknown>;
  rows: number | null;
  remoteAddr: string | null;
}

export async function readTrail(tx: Queryable, limit = 300): Promise<TrailRow[]> {
  const { rows } = await tx.query<{
    at: Date;
    email: string;
    role: string;
    name: string | null;
    action: string;
    filter: Record<string, unknown>;
    rows: number | null;
    remote_addr: string | null;
  }>(
    'select t.at, t.email, t.role, s.name, t.action, t.filter, t.rows, t.remote_addr from access_trail t left join schools s on s.id = t.school_id order by t.id desc limit $1',
    [limit],
  );
  return rows.map((r) => ({
    at: r.at,
    email: r.email,
    role: r.role,
    school: r.name,
    action: r.action,
    filter: r.filter,
    rows: r.rows,
    remoteAddr: r.remote_addr,
  }));
}
