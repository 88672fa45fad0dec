/**
 * Builds the log entry for something that happened, from who it happened to and under which
 * policy. Pure: the glue hands in the context and the journal writes the entry.
 */
import type { Policy } from '../policy';
import type { ExceptionRequest, Role } from '../types';
import { isSchoolTime } from '../calendar';
import { matchUrl } from '../networks';
import type { LogEvent, NewLogEvent } from './types';

/** Who and under what policy an event happened: enough to write a log entry. */
export interface LogContext {
  policy: Policy;
  email: string | null;
  role: Role;
}

export interface LogExtras {
  text?: string | null;
  person?: string | null;
}

/** The entry for `event` at `at`; a listed network the address reaches is named in it. */
export function logEntry(ctx: LogContext, event: LogEvent, url: string | null, at: number, extras: LogExtras = {}): NewLogEvent {
  const { policy } = ctx;
  const match = url ? matchUrl(url, policy) : null;
  return {
    at,
    event,
    user: ctx.email ?? 'unknown',
    role: ctx.role,
    device: policy.device.label,
    timezone: policy.timezone,
    schoolTime: isSchoolTime(at, policy),
    url,
    networkId: match?.network.id ?? null,
    networkName: match?.network.name ?? null,
    ...extras,
  };
}

/** How an exception request reads in the log: its scope in words, and its length. */
export function describeExceptionRequest(req: Pick<ExceptionRequest, 'scope' | 'minutes'>): { scope: string; length: string } {
  return {
    scope: req.scope === 'page' ? 'this page and below' : 'this site',
    length: req.minutes === 'end-of-day' ? 'until the end of the school day' : `${req.minutes} min`,
  };
}
