/**
 * Verify's entry-by-entry problems as codes with parameters (`ChainReason`), and the one English
 * rendering of them. The hub, the command line and the device's console print these English
 * sentences; the DSL page says the codes in its own language (`checks.chain` of the catalogues,
 * whose English is this table). Pure.
 */
import type { ChainReason } from './chain';

type Words<U extends { code: string }> = { [K in U['code']]: (r: Extract<U, { code: K }>) => string };

export interface ChainWords {
  /** What is wrong, as a clause ("its contents were changed after it was written"). */
  reason: Words<ChainReason>;
  /** One problem at an entry: "Entry 4: <reason>." */
  atEntry: (seq: number, reason: string) => string;
  /** One problem with no entry to point at: "<Reason>." */
  alone: (reason: string) => string;
}

/** Type a catalogue's table (so every language gets the parameters' types). */
export const chainWords = (w: ChainWords): ChainWords => w;

const n = (x: number): string => x.toLocaleString('en-GB');
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const chainWordsEn = chainWords({
  reason: {
    edited: () => 'its contents were changed after it was written',
    'out-of-order': (r) => `it is stored after entry ${n(r.after)}, out of order`,
    'broken-link': (r) => `it does not follow on from entry ${n(r.after)}; one of them was replaced`,
    'gap-one': (r) => `entry ${n(r.missing)} before it is missing`,
    gap: (r) => `entries ${n(r.from)} to ${n(r.to)} before it are missing`,
    'false-start': () => 'it claims to be the first entry but does not start the chain',
    'no-purge-record': (r) => `the log starts here, and no purge record explains where entries 1 to ${n(r.to)} went`,
    'not-after-purge': (r) => `it does not follow on from the purge record of entries up to ${n(r.upTo)}`,
    'stops-early': (r) => `the log should run to entry ${n(r.head)} but stops here; the newest entries were deleted`,
    'empty-early': (r) => `the log should run to entry ${n(r.head)} but is empty; its entries were deleted`,
    'head-replaced': () => 'it is not the entry that was written here; the newest entries were deleted and replaced',
    'filter-mismatch': () => "it does not match the export's filters, so entries around it may have been removed",
  },
  atEntry: (seq, reason) => `Entry ${n(seq)}: ${reason}.`,
  alone: (reason) => `${capitalise(reason)}.`,
});

/** A problem's reason as a clause, in the words given. */
export function chainReasonText(w: ChainWords, r: ChainReason): string {
  return (w.reason[r.code] as (r: ChainReason) => string)(r);
}

/** A problem as a sentence, in the words given: "Entry 4: its contents were changed after it was written." */
export function chainProblemText(w: ChainWords, p: { seq: number | null; reason: ChainReason }): string {
  const reason = chainReasonText(w, p.reason);
  return p.seq === null ? w.alone(reason) : w.atEntry(p.seq, reason);
}
