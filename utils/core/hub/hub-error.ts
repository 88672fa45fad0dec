/**
 * Why a delivery to the school's hub failed, as a code the status page says in its language
 * (`checks.hubError` in the adults' catalogues), with what the hub or the browser said kept apart
 * (`detail`): that is foreign text, shown as it was written, marked English, after a sentence of
 * ours. The one English rendering (`hubErrorEn`) is what the console prints and the outbox keeps.
 * Pure.
 */
export const HUB_ERROR_CODES = [
  'unreachable',
  'unreadable',
  'unknown-key',
  'refused-device',
  'too-large',
  'slow-down',
  'database-down',
  'http',
  'recorded',
] as const;
export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];

export interface HubError {
  code: HubErrorCode;
  /** The HTTP status the hub answered, if it answered. */
  status: number | null;
  /** What the hub (its `error` field or body) or the browser (a network error) said; '' for nothing. */
  detail: string;
}

export interface HubErrorWords {
  say: Record<HubErrorCode, (e: HubError) => string>;
  /** Introduces what the hub sent back. */
  hubSaid: string;
  /** Introduces the browser's own words for a network failure. */
  browserSaid: string;
  /** Introduces an error recorded by an older version, in its English words. */
  recordedAs: string;
}

/** Type a catalogue's table. */
export const hubErrorWords = (w: HubErrorWords): HubErrorWords => w;

export const hubErrorWordsEn = hubErrorWords({
  say: {
    unreachable: () => 'cannot reach the hub',
    unreadable: () => 'the hub could not read the batch',
    'unknown-key': () => 'the hub does not know this ingest key (unknown or revoked)',
    'refused-device': () => "the hub refused this device's signature or key",
    'too-large': () => 'the batch was too large for the hub',
    'slow-down': () => 'the hub asked this device to slow down',
    'database-down': () => "the hub's database is unavailable",
    http: (e) => `the hub answered HTTP ${e.status ?? '?'}`,
    recorded: () => 'the last try failed',
  },
  hubSaid: 'The hub said:',
  browserSaid: 'The browser said:',
  recordedAs: 'As recorded:',
});

const BY_STATUS: Record<number, HubErrorCode> = {
  400: 'unreadable',
  401: 'unknown-key',
  403: 'refused-device',
  413: 'too-large',
  429: 'slow-down',
  503: 'database-down',
};

/** A refusal from the hub, by its HTTP status, with what it said. */
export const hubRefusal = (status: number, detail: string): HubError => ({ code: BY_STATUS[status] ?? 'http', status, detail });

/** A failure to reach the hub at all, with the browser's words. */
export const hubUnreachable = (detail: string): HubError => ({ code: 'unreachable', status: null, detail });

/** The error an outbox state holds: its code, or (from another version) its English message alone. */
export function hubErrorOf(last: { message: string; error?: HubError }): HubError {
  const e = last.error;
  const known = e && (HUB_ERROR_CODES as readonly string[]).includes(e.code) && typeof e.detail === 'string';
  return known ? e : { code: 'recorded', status: null, detail: String(last.message) };
}

/** Our sentence for the error in the words given, without the foreign detail. */
export const hubErrorText = (w: HubErrorWords, e: HubError): string => w.say[e.code](e);

/** The sentence that introduces the foreign detail. */
export const hubErrorIntro = (w: HubErrorWords, e: HubError): string =>
  e.code === 'unreachable' ? w.browserSaid : e.code === 'recorded' ? w.recordedAs : w.hubSaid;

/** One English line, the detail included: for the console and the outbox's stored message. */
export function hubErrorEn(e: HubError): string {
  if (e.code === 'recorded') return e.detail;
  const said = hubErrorText(hubErrorWordsEn, e);
  return e.detail ? `${said}: ${e.detail}` : said;
}
