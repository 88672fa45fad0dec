/**
 * When the browser refuses the extension's rules (or they would not fit its budget), as codes the
 * status page says in its language (`ruleFailures` in the adults' catalogues). What the browser
 * itself said stays as it said it: the page shows it after a sentence of ours, marked English.
 * The one English rendering (`ruleFailureEn`) is what the worker's console prints. Pure.
 */
export type RuleFailure =
  | { code: 'over-total'; count: number; limit: number }
  | { code: 'over-unsafe'; count: number; limit: number }
  | { code: 'over-regex'; count: number; limit: number }
  /** The rules as compiled were refused: every listed network is blocked instead. */
  | { code: 'refused'; error: string }
  /** Even the plain blocking rules were refused: only the static catalogue rules block. */
  | { code: 'refused-fallback'; error: string }
  /** The warning allowances (session rules) were refused. */
  | { code: 'refused-session'; error: string };

export type RuleFailureCode = RuleFailure['code'];

export interface RuleFailureWords {
  say: { [K in RuleFailureCode]: (f: Extract<RuleFailure, { code: K }>) => string };
  /** Introduces the browser's own words (shown as the browser wrote them). */
  browserSaid: string;
}

/** Type a catalogue's table (so every language gets the parameters' types). */
export const ruleFailureWords = (w: RuleFailureWords): RuleFailureWords => w;

export const ruleFailureWordsEn = ruleFailureWords({
  say: {
    'over-total': (f) => `${f.count} rules is more than the browser's ${f.limit}.`,
    'over-unsafe': (f) => `${f.count} redirect rules is more than the browser's ${f.limit}.`,
    'over-regex': (f) => `${f.count} pattern rules is more than the browser's ${f.limit}.`,
    refused: () => 'The browser refused the blocking rules; every listed network is blocked instead, without approved uses or exceptions.',
    'refused-fallback': () => 'The browser refused even the plain blocking rules; only the catalogue networks are blocked.',
    'refused-session': () => 'The browser refused the warning allowances.',
  },
  browserSaid: 'The browser said:',
});

/** The failure in the words given, without the browser's own text. */
export function ruleFailureText(w: RuleFailureWords, f: RuleFailure): string {
  return (w.say[f.code] as (f: RuleFailure) => string)(f);
}

/** The browser's own words, when it gave any. */
export const browserWords = (f: RuleFailure): string | null => ('error' in f && f.error ? f.error : null);

/** One English sentence, the browser's words included: for the console and the snapshot's `ruleErrors`. */
export function ruleFailureEn(f: RuleFailure): string {
  const said = browserWords(f);
  return `${ruleFailureText(ruleFailureWordsEn, f)}${said ? ` ${ruleFailureWordsEn.browserSaid} ${said}` : ''}`;
}
