/**
 * The access log on disk: events go into an inbox first (one small write, so they survive the
 * service worker being stopped), then are chained into entries in batches.
 *
 * WebCrypto is not a Dexie promise, and awaiting one inside a Dexie transaction commits it early.
 * So a drain hashes outside any transaction and commits only if the tail it built on is still the
 * tail; a drain that lost a race simply starts again.
 */
import { isIsoDate } from '../core/calendar';
import { ChainVerifier, chainEntries, type VerifyReport } from '../core/log/chain';
import { activeFilters, matchesFilters } from '../core/log/filters';
import { buildEntryData, minimisedHref } from '../core/log/record';
import { GENESIS_HASH, type Checkpoint, type LogEntry, type LogEntryData, type LogFilters, type NewLogEvent } from '../core/log/types';
import { serialQueue } from '../core/serial-queue';
import type { KvPort } from '../ports';
import { readStored, STORED, writeStored } from '../stored-state';
import type { HallPassDb, InboxItem, StoredCheckpoint } from './db';

export interface ChainHead {
  seq: number;
  hash: string;
}

const DAY_MS = 86_400_000;
/** Inbox items chained per transaction. */
const DRAIN_BATCH = 500;
/** Attempts before giving up when another writer keeps moving the tail. */
const DRAIN_RETRIES = 20;
/** Entries held in memory at once while verifying or filtering. */
const PAGE = 5000;
/** Unfiltered pages this near either end are read by cursor; deeper ones by slicing the key list, as a cursor skips one entry at a time. */
const CURSOR_PAGING_MAX = 2000;

export type QueryOrder = 'newest' | 'oldest';

export class Journal {
  private readonly db: HallPassDb;
  private readonly headStore: KvPort;
  /** Drains, purges and verifications run one at a time, so this journal never forks its own chain. */
  private readonly exclusive = serialQueue();
  /** A drain queued but not started yet: later callers share it, as it will see their events too. */
  private pendingDrain: Promise<number> | null = null;

  constructor(db: HallPassDb, head: KvPort) {
    this.db = db;
    this.headStore = head;
  }

  /**
   * Resolves once the event is chained. Rejects only if the event could not be stored at all: once it
   * is in the inbox it is durable, and a failed drain leaves it there for the next one. (A rejection
   * after that point would make a caller that retries, such as SafeJournal, log it twice.)
   */
  async append(ev: NewLogEvent, recordFullUrl: boolean): Promise<void> {
    if (!Number.isFinite(ev.at)) throw new RangeError(`Log event has no valid time: ${String(ev.at)}`);
    const item: InboxItem = { ev: { ...ev, url: minimisedHref(ev.url, recordFullUrl) }, recordFullUrl };
    await this.db.inbox.add(item);
    try {
      await this.drain();
    } catch (e) {
      console.warn('Hall Pass: a log event is stored but not yet chained; the next drain will chain it', e);
    }
  }

  /** Chains everything in the inbox; returns how many entries were written. */
  drain(): Promise<number> {
    if (this.pendingDrain) return this.pendingDrain;
    const run = this.exclusive(() => {
      this.pendingDrain = null;
      return this.drainNow();
    });
    this.pendingDrain = run;
    return run;
  }

  /**
   * Removes the oldest entries older than `retentionDays`, leaving a checkpoint in their place.
   * Never past `maxSeq`: entries the school's hub has not acknowledged stay, however old.
   */
  purge(now: number, retentionDays: number, maxSeq: number = Number.POSITIVE_INFINITY): Promise<Checkpoint | null> {
    if (!Number.isFinite(now) || !Number.isFinite(retentionDays) || retentionDays < 0 || Number.isNaN(maxSeq)) {
      return Promise.reject(new RangeError(`Cannot purge with now=${now}, retentionDays=${retentionDays}, maxSeq=${maxSeq}`));
    }
    const cutoff = new Date(now - retentionDays * DAY_MS).toISOString();
    return this.exclusive(() => this.purgeNow(new Date(now).toISOString(), cutoff, maxSeq));
  }

  /** Up to `limit` entries after `seq`, oldest first (the hub outbox's next batch). */
  entriesAfter(seq: number, limit: number): Promise<LogEntry[]> {
    return this.db.entries.where('seq').above(seq).limit(limit).toArray();
  }

  /** How many entries come after `seq`. */
  countAfter(seq: number): Promise<number> {
    return this.db.entries.where('seq').above(seq).count();
  }

  /** Entries past retention that a purge up to `maxSeq` keeps: how many, and the oldest one's time. */
  async heldPastRetention(now: number, retentionDays: number, maxSeq: number): Promise<{ count: number; oldestAt: string | null }> {
    const cutoff = new Date(now - retentionDays * DAY_MS).toISOString();
    let count = 0;
    let oldestAt: string | null = null;
    await this.db.entries
      .where('seq')
      .above(maxSeq)
      .until((e) => !(e.at < cutoff))
      .each((e) => {
        oldestAt ??= e.at;
        count += 1;
      });
    return { count, oldestAt };
  }

  verify(): Promise<VerifyReport> {
    return this.exclusive(async () => {
      const head = await this.head();
      const verifier = new ChainVerifier({ checkpoints: await this.checkpoints(), head });
      await this.scan(null, (page) => verifier.add(page));
      return verifier.finish();
    });
  }

  /** One page of matching entries and how many match in all. */
  async query(filters: LogFilters, page: { offset: number; limit: number }, order: QueryOrder = 'newest'): Promise<{ entries: LogEntry[]; total: number }> {
    const offset = Math.max(0, Math.floor(page.offset));
    const limit = Math.max(0, Math.floor(page.limit));
    const f = activeFilters(filters);
    const db = this.db;
    return db.transaction('r', db.entries, async () => {
      let seqs = await this.matchingSeqs(f);
      if (seqs === 'all' && offset + limit <= CURSOR_PAGING_MAX) {
        const bySeq = db.entries.orderBy('seq');
        const ordered = order === 'newest' ? bySeq.reverse() : bySeq;
        const [total, entries] = await Promise.all([db.entries.count(), ordered.offset(offset).limit(limit).toArray()]);
        return { entries, total };
      }
      if (seqs === 'all') seqs = await db.entries.toCollection().primaryKeys();
      const end = seqs.length - offset;
      const wanted = order === 'newest' ? seqs.slice(Math.max(0, end - limit), Math.max(0, end)).reverse() : seqs.slice(offset, offset + limit);
      const entries = (await db.entries.bulkGet(wanted)).filter((e): e is LogEntry => e !== undefined);
      return { entries, total: seqs.length };
    });
  }

  /** Every matching entry, oldest first (for export). */
  async entriesFor(filters: LogFilters): Promise<LogEntry[]> {
    const f = activeFilters(filters);
    const db = this.db;
    return db.transaction('r', db.entries, async () => {
      const out: LogEntry[] = [];
      await this.scan(await this.candidates(f), (page) => {
        for (const e of page) if (matchesFilters(e, f)) out.push(e);
      });
      return out;
    });
  }

  async checkpoints(): Promise<Checkpoint[]> {
    const stored = await this.db.checkpoints.orderBy('lastSeq').toArray();
    return stored.map(({ id: _id, ...cp }) => cp);
  }

  async head(): Promise<ChainHead | null> {
    const h = await readStored(this.headStore, STORED.logHead);
    if (typeof h !== 'object' || h === null) return null;
    const { seq, hash } = h as Record<string, unknown>;
    return typeof seq === 'number' && typeof hash === 'string' ? { seq, hash } : null;
  }

  // -------------------------------------------------------------------------

  private async drainNow(): Promise<number> {
    const db = this.db;
    const headOk = await this.headStillTrue();
    let written = 0;
    for (let attempt = 0; ;) {
      const tail = await this.tail();
      if (headOk) await this.saveHead(tail);
      const items = await db.inbox.orderBy('id').limit(DRAIN_BATCH).toArray();
      if (items.length === 0) return written;

      const ids = items.map((i) => i.id).filter((id): id is number => id !== undefined);
      const datas: LogEntryData[] = [];
      for (const item of items) {
        try {
          datas.push(buildEntryData(item.ev, tail.seq + datas.length + 1, item.recordFullUrl));
        } catch (e) {
          // Only possible for an item written around append()'s checks; it has no valid time to be placed at.
          console.warn('Hall Pass: dropping a log event that cannot be recorded', e);
        }
      }
      const entries = await chainEntries(tail.hash, datas);

      const committed = await db.transaction('rw', db.entries, db.inbox, db.checkpoints, async () => {
        const now = await this.tail();
        if (now.seq !== tail.seq || now.hash !== tail.hash) return false;
        // Another journal on the same database may have taken these items already.
        if ((await db.inbox.bulkGet(ids)).some((i) => i === undefined)) return false;
        await db.entries.bulkAdd(entries);
        await db.inbox.bulkDelete(ids);
        return true;
      });
      if (committed) {
        written += entries.length;
      } else if (++attempt >= DRAIN_RETRIES) {
        throw new Error('Hall Pass: the log kept changing while chaining new entries; will retry on the next drain');
      }
    }
  }

  /** The newest chained position: the last entry, else the last purge checkpoint, else the start. */
  private async tail(): Promise<ChainHead> {
    const last = await this.db.entries.orderBy('seq').last();
    if (last) return { seq: last.seq, hash: last.hash };
    const cp = await this.db.checkpoints.orderBy('lastSeq').last();
    if (cp) return { seq: cp.lastSeq, hash: cp.lastHash };
    return { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * Whether the stored head still describes an entry in the chain. If not, entries were deleted from
   * the end, and the head must be left alone so verify() keeps reporting it. (A missing head is
   * adopted from the database: that is a first run, or a worker stopped before its first head write.)
   */
  private async headStillTrue(): Promise<boolean> {
    const head = await this.head();
    if (head === null) return true;
    const tail = await this.tail();
    if (tail.seq < head.seq) return false;
    if (tail.seq === head.seq) return tail.hash === head.hash;
    const entry = await this.db.entries.get(head.seq);
    const cp = entry ? undefined : await this.db.checkpoints.where('lastSeq').equals(head.seq).first();
    return (entry?.hash ?? cp?.lastHash) === head.hash;
  }

  private async saveHead(tail: ChainHead): Promise<void> {
    if (tail.seq === 0) return;
    try {
      const head = await this.head();
      if (head?.seq !== tail.seq || head.hash !== tail.hash) await writeStored(this.headStore, STORED.logHead, tail);
    } catch (e) {
      // The entries are committed; the next drain brings the head up to date.
      console.warn('Hall Pass: could not record the log head', e);
    }
  }

  private async purgeNow(nowIso: string, cutoff: string, maxSeq: number): Promise<Checkpoint | null> {
    const db = this.db;
    return db.transaction('rw', db.entries, db.checkpoints, async () => {
      let first: LogEntry | undefined;
      let last: LogEntry | undefined;
      let count = 0;
      // Only a prefix: the first entry that is recent enough ends the purge, even if later ones are older.
      await db.entries
        .orderBy('seq')
        .until((e) => !(e.at < cutoff) || e.seq > maxSeq)
        .each((e) => {
          first ??= e;
          last = e;
          count += 1;
        });
      if (!first || !last) return null;
      const cp: Checkpoint = {
        at: nowIso,
        purgedCount: count,
        firstSeq: first.seq,
        lastSeq: last.seq,
        fromAt: first.at,
        toAt: last.at,
        lastHash: last.hash,
      };
      await db.entries.where('seq').between(first.seq, last.seq, true, true).delete();
      await db.checkpoints.add({ ...cp } satisfies StoredCheckpoint);
      return cp;
    });
  }

  /**
   * Seqs (ascending) of the entries that match, or 'all'. Only seqs are held, so a broad filter over
   * a long log stays small in memory; entries are read only where an index cannot answer.
   */
  private async matchingSeqs(f: LogFilters): Promise<number[] | 'all'> {
    const candidates = await this.candidates(f);
    // Local dates and schoolTime need the entry itself; everything else the indexes answer exactly.
    if (f.from === undefined && f.to === undefined && f.schoolTime === undefined) return candidates ?? 'all';
    const seqs: number[] = [];
    await this.scan(candidates, (page) => {
      for (const e of page) if (matchesFilters(e, f)) seqs.push(e.seq);
    });
    return seqs;
  }

  /**
   * Seqs (ascending) the indexes say may match, or null when no index narrows the filters. Uses
   * primary-key lists rather than index cursors: fetching keys in bulk is fast everywhere, while
   * walking an index with many equal keys is slow (quadratic in fake-indexeddb).
   */
  private async candidates(f: LogFilters): Promise<number[] | null> {
    const t = this.db.entries;
    const lists: number[][] = [];
    for (const k of ['user', 'networkId', 'event', 'role'] as const) {
      const v = f[k];
      if (v !== undefined) lists.push(await t.where(k).equals(v).primaryKeys());
    }
    if (f.from !== undefined || f.to !== undefined) {
      const range = atRange(f.from, f.to);
      if (range === null) return [];
      lists.push(await t.where('at').between(range.lo, range.hi, true, false).primaryKeys());
    }
    if (lists.length === 0) return null;
    lists.sort((a, b) => a.length - b.length);
    let out = lists[0] ?? [];
    for (const other of lists.slice(1)) {
      const keep = new Set(other);
      out = out.filter((seq) => keep.has(seq));
    }
    return out.sort((a, b) => a - b);
  }

  /** Hands over the given entries (or all, when null) in seq order, a page at a time. */
  private async scan(seqs: number[] | null, onPage: (page: LogEntry[]) => void | Promise<void>): Promise<void> {
    const t = this.db.entries;
    if (seqs !== null) {
      for (let i = 0; i < seqs.length; i += PAGE) {
        await onPage((await t.bulkGet(seqs.slice(i, i + PAGE))).filter((e): e is LogEntry => e !== undefined));
      }
      return;
    }
    let after = -Infinity;
    for (;;) {
      const page = await t.where('seq').above(after).limit(PAGE).toArray();
      await onPage(page);
      const last = page.at(-1);
      if (!last || page.length < PAGE) return;
      after = last.seq;
    }
  }
}

/**
 * The UTC `at` range that can hold local dates from..to in any timezone (UTC offsets run from -12h
 * to +14h, so a day either side is enough); null when the range is empty. The exact local date is
 * then checked per entry.
 */
function atRange(from: string | undefined, to: string | undefined): { lo: string; hi: string } | null {
  for (const d of [from, to]) {
    if (d !== undefined && !isIsoDate(d)) throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(d)}`);
  }
  if (from !== undefined && to !== undefined && from > to) return null;
  const day = (d: string, plus: number) => new Date(Date.parse(`${d}T00:00:00.000Z`) + plus * DAY_MS).toISOString();
  // '~' sorts after every ISO timestamp (digits, '-', ':', 'T', 'Z', '+').
  return { lo: from === undefined ? '' : day(from, -1), hi: to === undefined ? '~' : day(to, 2) };
}
