/** The hub's own events (table audit, see migrations/004_audit.sql). */
import type { Queryable } from './db/types.ts';

export interface AuditEvent {
  kind: 'refused' | 'key-mismatch' | 'new-device' | 'chain-broken' | 'device-silent' | 'device-back' | 'cli' | (string & {});
  reason: string;
  schoolId?: number | null;
  deviceId?: string | null;
  keyId?: string | null;
  status?: number | null;
  remoteAddr?: string | null;
  detail?: Record<string, unknown> | null;
}

export async function audit(db: Queryable, e: AuditEvent): Promise<void> {
  await db.query(
    'insert into audit (kind, school_id, device_id, key_id, status, reason, remote_addr, detail) values ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb)',
    [
      e.kind,
      e.schoolId ?? null,
      e.deviceId?.slice(0, 100) ?? null,
      e.keyId ?? null,
      e.status ?? null,
      e.reason,
      e.remoteAddr ?? null,
      e.detail ? JSON.stringify(e.detail) : null,
    ],
  );
}
