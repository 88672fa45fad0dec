/**
 * The hash chain that makes the log tamper-evident: each entry's hash covers its contents and the
 * hash of the entry before, so changing, removing or reordering an entry breaks every link after it.
 * Without a secret key this cannot stop someone with access to the database forging a whole new
 * chain; the separately stored head (newest seq and hash) is what catches rewrites and deletions
 * at the end.
 * Pure apart from WebCrypto, which Node 20 and every supported browser provide.
 */
import { GENESIS_HASH, type Checkpoint, type LogEntry, type LogEntryData } from './types';
import { chainProblemText, chainReasonText, chainWordsEn } from './chain-text';

/** Every LogEntryData field, sorted: the hash depends on this list, so never reorder it. */
const FIELDS = [
  'at',
  'device',
  'event',
  'fragment',
  'host',
  'localTime',
  'networkId',
  'networkName',
  'path',
  'person',
  'query',
  'role',
  'schoolTime',
  'seq',
  'text',
  'timezone',
  'user',
] as const satisfies readonly (keyof LogEntryData)[];

// Fails to compile if LogEntryData gains a field that FIELDS (and so the hash) would not cover.
type Missing = Exclude<keyof LogEntryData, (typeof FIELDS)[number]>;
const coversEveryField: [Missing] extends [never] ? true : Missing = true;
void coversEveryField;

/** JSON of the LogEntryData fields only, in FIELDS order, no whitespace; absent fields read as null. */
export function canonicalJson(data: LogEntryData): string {
  const parts = FIELDS.map((k) => `${JSON.stringify(k)}:${JSON.stringify(data[k] ?? null)}`);
  return `{${parts.join(',')}}`;
}

const encoder = new TextEncoder();

/**
 * The exact text an entry's hash covers: prevHash + "\n" + canonicalJson(data). Exported so a
 * server that hashes many entries at once (the school hub) can feed it to a synchronous SHA-256
 * and still hash exactly what hashEntry hashes.
 */
export function hashInput(prevHash: string, data: LogEntryData): string {
  return `${prevHash}\n${canonicalJson(data)}`;
}

/** SHA-256 hex of prevHash + "\n" + canonicalJson(data). A LogEntry's own prevHash/hash are ignored. */
export async function hashEntry(prevHash: string, data: LogEntryData): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(hashInput(prevHash, data)));
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Links `datas` (already numbered) onto the chain ending in `prevHash`. */
export async function chainEntries(prevHash: string, datas: readonly LogEntryData[]): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  let prev = prevHash;
  for (const data of datas) {
    const hash = await hashEntry(prev, data);
    out.push({ ...stripHashes(data), prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function stripHashes(data: LogEntryData): LogEntryData {
  const { prevHash: _p, hash: _h, ...rest } = data as LogEntryData & { prevHash?: unknown; hash?: unknown };
  return rest;
}

// ---------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------

export type VerifyProblemKind = 'edited' | 'broken-link' | 'gap' | 'out-of-order' | 'missing-start' | 'truncated';

/** What is wrong at one entry, as a code with parameters (English in chain-text.ts, other languages in the catalogues). */
export type ChainReason =
  | { code: 'edited' }
  | { code: 'out-of-order'; after: number }
  | { code: 'broken-link'; after: number }
  | { code: 'gap-one'; missing: number }
  | { code: 'gap'; from: number; to: number }
  | { code: 'false-start' }
  | { code: 'no-purge-record'; to: number }
  | { code: 'not-after-purge'; upTo: number }
  | { code: 'stops-early'; head: number }
  | { code: 'empty-early'; head: number }
  | { code: 'head-replaced' }
  | { code: 'filter-mismatch' };

export interface VerifyProblem {
  /** The entry where the problem shows, or null when there is no entry to point at. */
  seq: number | null;
  kind: VerifyProblemKind;
  /** What is wrong, as a code: the DSL page says it in its language. */
  reason: ChainReason;
  /** The same problem as one English sentence (chain-text.ts), for the hub and the command line. */
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  firstSeq: number | null;
  lastSeq: number | null;
  problems: VerifyProblem[];
  /** One plain English sentence for the Designated Safeguarding Lead. */
  summary: string;
  /** The same result as a code, for the DSL page to say in its language. */
  outcome: VerifyOutcome;
}

/** Verify's result as a code with parameters (words in `checks.verify` of the catalogues). */
export type VerifyOutcome =
  | { code: 'intact-empty' }
  | { code: 'intact-one'; seq: number }
  | { code: 'intact'; checked: number; firstSeq: number; lastSeq: number }
  | { code: 'broken'; seq: number | null; kind: VerifyProblemKind | 'filter-mismatch'; found: number };

export interface VerifyOptions {
  checkpoints: readonly Checkpoint[];
  /** The newest seq and hash as recorded outside the database, if known. */
  head?: { seq: number; hash: string } | null;
  /** For filtered exports: missing entries are expected, but each entry and each adjacent pair must still check. */
  allowGaps?: boolean;
}

export const MAX_PROBLEMS = 100;
/** Hashes computed at once: enough to keep WebCrypto busy, few enough to keep memory flat. */
const HASH_BATCH = 2000;

const n = (x: number): string => x.toLocaleString('en-GB');

/**
 * Checks a chain fed to it in storage order, a page at a time, so a long log never has to be held
 * in memory at once. `verifyChain` is the one-call form.
 */
export class ChainVerifier {
  private readonly opts: VerifyOptions;
  private prev: LogEntry | null = null;
  private first: LogEntry | null = null;
  private checked = 0;
  private found = 0;
  private readonly problems: VerifyProblem[] = [];
  /** The stored hash at head.seq, once seen. */
  private hashAtHead: string | null = null;

  constructor(opts: VerifyOptions) {
    this.opts = opts;
  }

  async add(entries: readonly LogEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += HASH_BATCH) {
      const batch = entries.slice(i, i + HASH_BATCH);
      // An entry mangled into something unhashable (a BigInt, say) is an edited entry, not a crash.
      const hashes = await Promise.all(batch.map((e) => hashEntry(e.prevHash, e).catch(() => null)));
      batch.forEach((e, j) => this.check(e, hashes[j] ?? null));
    }
  }

  private check(e: LogEntry, recomputed: string | null): void {
    this.checked += 1;
    if (recomputed !== e.hash) this.problem(e.seq, 'edited', { code: 'edited' });
    if (this.opts.head && e.seq === this.opts.head.seq) this.hashAtHead = e.hash;

    const prev = this.prev;
    if (prev === null) {
      this.first = e;
      this.prev = e;
      if (!this.opts.allowGaps) this.checkStart(e);
      return;
    }
    if (!(e.seq > prev.seq)) {
      // The entry stays out of the running order so the ones after it are checked against the right neighbour.
      this.problem(e.seq, 'out-of-order', { code: 'out-of-order', after: prev.seq });
      return;
    }
    if (e.seq === prev.seq + 1) {
      if (e.prevHash !== prev.hash) {
        this.problem(e.seq, 'broken-link', { code: 'broken-link', after: prev.seq });
      }
    } else if (!this.opts.allowGaps) {
      const missing = e.seq - prev.seq - 1;
      this.problem(e.seq, 'gap', missing === 1 ? { code: 'gap-one', missing: prev.seq + 1 } : { code: 'gap', from: prev.seq + 1, to: e.seq - 1 });
    }
    this.prev = e;
  }

  private checkStart(e: LogEntry): void {
    if (e.seq === 1) {
      if (e.prevHash !== GENESIS_HASH) this.problem(e.seq, 'missing-start', { code: 'false-start' });
      return;
    }
    const cp = this.opts.checkpoints.find((c) => c.lastSeq === e.seq - 1);
    if (!cp) {
      this.problem(e.seq, 'missing-start', { code: 'no-purge-record', to: e.seq - 1 });
    } else if (cp.lastHash !== e.prevHash) {
      this.problem(e.seq, 'missing-start', { code: 'not-after-purge', upTo: cp.lastSeq });
    }
  }

  finish(): VerifyReport {
    this.checkHead();
    const ok = this.found === 0;
    const firstSeq = this.first?.seq ?? null;
    const lastSeq = this.prev?.seq ?? null;
    return {
      ok,
      checked: this.checked,
      firstSeq,
      lastSeq,
      problems: [...this.problems],
      summary: this.summary(ok, firstSeq, lastSeq),
      outcome: this.outcome(ok, firstSeq, lastSeq),
    };
  }

  /**
   * The head pins the newest entry: entries past it are tolerated (the head is written just after
   * each commit, so a worker stopped in between leaves it one batch behind), but the entry at
   * head.seq must still be there, unchanged.
   */
  private checkHead(): void {
    const head = this.opts.head;
    if (!head) return;
    const last = this.prev;
    const cpAtHead = this.opts.checkpoints.find((c) => c.lastSeq === head.seq);
    const tailSeq = last?.seq ?? Math.max(0, ...this.opts.checkpoints.map((c) => c.lastSeq));
    if (tailSeq < head.seq) {
      this.problem(last?.seq ?? null, 'truncated', last ? { code: 'stops-early', head: head.seq } : { code: 'empty-early', head: head.seq });
      return;
    }
    const stored = this.hashAtHead ?? cpAtHead?.lastHash ?? null;
    if (stored !== null && stored !== head.hash) {
      this.problem(head.seq, 'truncated', { code: 'head-replaced' });
    }
  }

  private problem(seq: number | null, kind: VerifyProblemKind, reason: ChainReason): void {
    this.found += 1;
    if (this.problems.length >= MAX_PROBLEMS) return;
    this.problems.push({ seq, kind, reason, message: chainProblemText(chainWordsEn, { seq, reason }) });
  }

  private outcome(ok: boolean, firstSeq: number | null, lastSeq: number | null): VerifyOutcome {
    if (ok) {
      if (firstSeq === null || lastSeq === null) return { code: 'intact-empty' };
      if (this.checked === 1) return { code: 'intact-one', seq: firstSeq };
      return { code: 'intact', checked: this.checked, firstSeq, lastSeq };
    }
    const p = this.problems[0];
    return { code: 'broken', seq: p?.seq ?? null, kind: p?.kind ?? 'truncated', found: this.found };
  }

  private summary(ok: boolean, firstSeq: number | null, lastSeq: number | null): string {
    if (ok) {
      if (firstSeq === null || lastSeq === null) return 'Intact: the log has no entries to check.';
      if (this.checked === 1) return `Intact: 1 entry (seq ${n(firstSeq)}) verified.`;
      return `Intact: ${n(this.checked)} entries (seq ${n(firstSeq)} to ${n(lastSeq)}) verified.`;
    }
    const p = this.problems[0];
    const reason = p ? chainReasonText(chainWordsEn, p.reason) : '';
    const where = p?.seq === null || p === undefined ? 'Broken: ' : `Broken at entry ${n(p.seq)}: `;
    const more = this.found > 1 ? ` (${n(this.found)} problems found in all)` : '';
    return `${where}${reason}${more}.`;
  }
}

export async function verifyChain(entries: readonly LogEntry[], opts: VerifyOptions): Promise<VerifyReport> {
  const v = new ChainVerifier(opts);
  await v.add(entries);
  return v.finish();
}
