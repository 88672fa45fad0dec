/** The messages extension pages send to the background, and their answers. */
import type { ContinueResult, ExceptionResult } from './enforcer';
import type { ExceptionRequest } from './core/types';
import type { ReportStatus } from './core/log/report-status';

export type Message =
  | { type: 'warn:continue'; url: string; reason: string }
  | { type: 'status:refresh' }
  | { type: 'report:send'; what: string; talkTo: string; name?: string; group?: string }
  | { type: 'report:status'; seq: number; status: ReportStatus; note: string }
  | { type: 'dsl:passphrase-failed' }
  | { type: 'log:maintain' }
  | { type: 'exception:request'; request: ExceptionRequest }
  | { type: 'exception:end'; id: string };

export interface Answers {
  'warn:continue': ContinueResult;
  'status:refresh': { ok: true };
  'report:send': { ok: true } | { ok: false; error: string };
  'report:status': { ok: true } | { ok: false; error: string };
  'dsl:passphrase-failed': { ok: true };
  'log:maintain': { ok: true };
  'exception:request': ExceptionResult;
  'exception:end': { ok: true };
}

export const REPORT_MAX = 2000;

export function isMessage(m: unknown): m is Message {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'status:refresh' || t === 'dsl:passphrase-failed' || t === 'log:maintain') return true;
  if (t === 'exception:end') return typeof (m as { id?: unknown }).id === 'string';
  if (t === 'exception:request') return isExceptionRequest((m as { request?: unknown }).request);
  if (t === 'report:send') {
    const { what, talkTo, name, group } = m as { what?: unknown; talkTo?: unknown; name?: unknown; group?: unknown };
    return (
      typeof what === 'string' &&
      what.length <= REPORT_MAX &&
      typeof talkTo === 'string' &&
      talkTo.length <= 200 &&
      (name === undefined || str(name, 100)) &&
      (group === undefined || str(group, 50))
    );
  }
  if (t === 'report:status') {
    const { seq, status, note } = m as { seq?: unknown; status?: unknown; note?: unknown };
    return Number.isSafeInteger(seq) && (seq as number) > 0 && (status === 'seen' || status === 'handled') && str(note, 1000);
  }
  if (t === 'warn:continue') {
    const { url, reason } = m as { url?: unknown; reason?: unknown };
    return typeof url === 'string' && url.length <= 8192 && typeof reason === 'string' && reason.length <= 2000;
  }
  return false;
}

const str = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;

/** Shape only: what may be granted is decided by the background against the policy. */
function isExceptionRequest(r: unknown): r is ExceptionRequest {
  if (typeof r !== 'object' || r === null) return false;
  const q = r as Record<string, unknown>;
  return (
    str(q.url, 8192) &&
    (q.scope === 'site' || q.scope === 'page') &&
    (q.minutes === 'end-of-day' || typeof q.minutes === 'number') &&
    str(q.reason, 2000) &&
    (q.use === 'school' || q.use === 'personal') &&
    (q.approver === undefined || str(q.approver, 200)) &&
    (q.pin === undefined || str(q.pin, 200))
  );
}
