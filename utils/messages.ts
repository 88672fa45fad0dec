/** The messages extension pages send to the background, and their answers. */
import type { ContinueResult } from './enforcer';

export type Message =
  | { type: 'warn:continue'; url: string; reason: string }
  | { type: 'status:refresh' }
  | { type: 'report:send'; what: string; talkTo: string }
  | { type: 'dsl:passphrase-failed' }
  | { type: 'log:maintain' };

export interface Answers {
  'warn:continue': ContinueResult;
  'status:refresh': { ok: true };
  'report:send': { ok: true } | { ok: false; error: string };
  'dsl:passphrase-failed': { ok: true };
  'log:maintain': { ok: true };
}

export const REPORT_MAX = 2000;

export function isMessage(m: unknown): m is Message {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'status:refresh' || t === 'dsl:passphrase-failed' || t === 'log:maintain') return true;
  if (t === 'report:send') {
    const { what, talkTo } = m as { what?: unknown; talkTo?: unknown };
    return typeof what === 'string' && what.length <= REPORT_MAX && typeof talkTo === 'string' && talkTo.length <= 200;
  }
  if (t === 'warn:continue') {
    const { url, reason } = m as { url?: unknown; reason?: unknown };
    return typeof url === 'string' && url.length <= 8192 && typeof reason === 'string' && reason.length <= 2000;
  }
  return false;
}
