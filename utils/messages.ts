/** The messages extension pages send to the background, and their answers. */
import type { ContinueResult } from './enforcer';

export type Message =
  | { type: 'warn:continue'; url: string; reason: string }
  | { type: 'status:refresh' };

export interface Answers {
  'warn:continue': ContinueResult;
  'status:refresh': { ok: true };
}

export function isMessage(m: unknown): m is Message {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'status:refresh') return true;
  if (t === 'warn:continue') {
    const { url, reason } = m as { url?: unknown; reason?: unknown };
    return typeof url === 'string' && url.length <= 8192 && typeof reason === 'string' && reason.length <= 2000;
  }
  return false;
}
