/**
 * What the policy builder's core tells the admin, as codes with parameters rather than English
 * sentences, so the page can say them in its own language (`builder` in `i18n/admin-en.ts` and
 * `admin-cy.ts`): the notes about secrets not hashed yet, the errors from making hashes, the
 * titles and descriptions of the files it makes, and why a file cannot be made. The text inside
 * those files is machine-read and stays as it is. Pure: no imports at run time.
 */

/** An approver, by the name typed in their row, or their row number (from 1) when none is typed. */
export interface ApproverRef {
  name: string;
  row: number;
}

/** Things the builder notices that the policy cannot show: secrets not hashed yet. */
export type BuilderNote = { code: 'passphraseNotHashed' } | { code: 'pinNotHashed'; who: ApproverRef } | { code: 'noPin'; who: ApproverRef };

/**
 * Why a secret could not be hashed. `failed` carries the hash function's own message (`reason`),
 * which the page shows as written, marked as English.
 */
export type HashError =
  | { code: 'passphraseMismatch' }
  | { code: 'passphraseTooShort'; min: number }
  | { code: 'passphraseFailed'; reason: string }
  | { code: 'pinTooShort'; who: ApproverRef; min: number }
  | { code: 'pinFailed'; who: ApproverRef; reason: string };

/** Why a file cannot be made (bad options; a bad policy is still written as it is). */
export type FileError =
  | { code: 'notObject' }
  | { code: 'notExtensionId'; id: string }
  | { code: 'notUpdateUrl'; url: string }
  | { code: 'noBrowser' }
  | { code: 'unknownBrowser'; browser: string }
  | { code: 'noGeckoId' }
  | { code: 'notXpiUrl'; url: string };

/** The types of public/managed_schema.json. */
export type SchemaType = 'string' | 'integer' | 'boolean' | 'array' | 'object';

/**
 * Why Chrome and Edge would drop a value before the extension sees it: its type does not fit the
 * schema, or its key differs from another only in case (one registry key on Windows).
 */
export type DroppedSay = { code: 'schemaType'; expected: SchemaType } | { code: 'registryCase'; earlier: string };

/** What is wrong and what is used instead, for each reason a value is dropped. */
export type DroppedWords = { [K in DroppedSay['code']]: { problem: (m: Extract<DroppedSay, { code: K }>) => string; used: string } };

/** A dropped value's two sentences in a catalogue's words. */
export function sayDropped(words: DroppedWords, d: DroppedSay): { problem: string; used: string } {
  const w = words[d.code] as { problem: (m: DroppedSay) => string; used: string };
  return { problem: w.problem(d), used: w.used };
}

export const OUTPUT_IDS = ['google-pupils', 'google-staff', 'windows', 'firefox', 'linux'] as const;
export type OutputId = (typeof OUTPUT_IDS)[number];

/** Where a file goes: one description per file, the Windows one also when it sets the recommended policies. */
export const OUTPUT_HINTS = [...OUTPUT_IDS, 'windows-recommended'] as const;
export type OutputHint = (typeof OUTPUT_HINTS)[number];

type Coded = { code: string };
/** Words for every code of a message type: a catalogue that lacks one fails the type check. */
export type CodeWords<M extends Coded> = { [K in M['code']]: (m: Extract<M, { code: K }>) => string };

/** A coded message in a catalogue's words. */
export function sayCode<M extends Coded>(words: CodeWords<M>, m: M): string {
  return (words as unknown as Record<string, (m: M) => string>)[m.code]!(m);
}

/** The builder's part of a catalogue that says these codes (`builder` in admin-en.ts, admin-cy.ts). */
export interface BuilderCodeWords {
  notes: CodeWords<BuilderNote>;
  hashErrors: CodeWords<HashError>;
  fileErrors: CodeWords<FileError>;
  outputTitles: Record<OutputId, string>;
  outputHints: Record<OutputHint, string>;
  droppedWhy: DroppedWords;
}

/** The reason carried by an error a file builder threw (see policy-builder.ts), or null for any other error. */
export function fileErrorOf(e: unknown): FileError | null {
  const say = (e as { say?: unknown } | null)?.say;
  return typeof say === 'object' && say !== null && typeof (say as Coded).code === 'string' ? (say as FileError) : null;
}
