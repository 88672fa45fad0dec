import { describe, expect, it } from 'vitest';
import { canonicalJson, chainEntries, hashEntry, verifyChain, type VerifyProblemKind, type VerifyReport } from '../../utils/core/log/chain';
import { GENESIS_HASH, type Checkpoint, type LogEntry, type LogEntryData } from '../../utils/core/log/types';
import { entryData } from '../fakes/log-entries';

const data = entryData;

const datas = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => data(from + i));
const chain = (n: number) => chainEntries(GENESIS_HASH, datas(1, n));
const kinds = (r: VerifyReport) => r.problems.map((p) => [p.kind, p.seq] as [VerifyProblemKind, number | null]);
const NO_CP = { checkpoints: [] };

/** Rehashes everything from index i on, as a forger with database access would. */
async function rechainFrom(entries: LogEntry[], i: number): Promise<LogEntry[]> {
  const prev = i === 0 ? GENESIS_HASH : entries[i - 1]!.hash;
  return [...entries.slice(0, i), ...(await chainEntries(prev, entries.slice(i)))];
}

describe('canonicalJson and hashEntry', () => {
  it('does not depend on property order', () => {
    const d = data(7);
    const reversed = Object.fromEntries(Object.entries(d).reverse()) as unknown as LogEntryData;
    expect(canonicalJson(reversed)).toBe(canonicalJson(d));
    expect(canonicalJson(d)).toMatch(/^\{"at":"2026-11-24T10:00:07.000Z","device":null,"event":"blocked",/);
    // Re-serialising without spacing changes nothing: no whitespace outside strings.
    expect(JSON.stringify(JSON.parse(canonicalJson(d)))).toBe(canonicalJson(d));
    expect(Object.keys(JSON.parse(canonicalJson(d)))).toEqual(Object.keys(d).sort());
  });

  it('covers only the entry data, not a LogEntry’s own hashes', async () => {
    const [e] = await chain(1);
    expect(canonicalJson(e!)).toBe(canonicalJson(data(1)));
    expect(await hashEntry(GENESIS_HASH, e!)).toBe(e!.hash);
  });

  it('is SHA-256 of prevHash, a newline and the canonical JSON', async () => {
    const d = data(1);
    const bytes = new TextEncoder().encode(`${GENESIS_HASH}\n${canonicalJson(d)}`);
    const expected = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
    expect(await hashEntry(GENESIS_HASH, d)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any field changes', async () => {
    const base = await hashEntry(GENESIS_HASH, data(1));
    expect(await hashEntry(GENESIS_HASH, data(1, { text: 'x' }))).not.toBe(base);
    expect(await hashEntry(GENESIS_HASH, data(1, { schoolTime: false }))).not.toBe(base);
    expect(await hashEntry('1'.repeat(64), data(1))).not.toBe(base);
  });
});

describe('verifyChain', () => {
  it('passes an intact chain and an empty log', async () => {
    const entries = await chain(1234);
    const r = await verifyChain(entries, { ...NO_CP, head: { seq: 1234, hash: entries[1233]!.hash } });
    expect(r).toMatchObject({ ok: true, checked: 1234, firstSeq: 1, lastSeq: 1234, problems: [] });
    expect(r.summary).toBe('Intact: 1,234 entries (seq 1 to 1,234) verified.');
    const empty = await verifyChain([], NO_CP);
    expect(empty).toMatchObject({ ok: true, checked: 0, firstSeq: null, lastSeq: null });
  });

  it('detects an edited entry', async () => {
    const entries = await chain(60);
    entries[56] = { ...entries[56]!, user: 'someone-else@example.sch.uk' };
    const r = await verifyChain(entries, NO_CP);
    expect(kinds(r)).toEqual([['edited', 57]]);
    expect(r.summary).toBe('Broken at entry 57: its contents were changed after it was written.');
  });

  it('detects an edited entry whose hash was recomputed, at the next link', async () => {
    const entries = await chain(10);
    const forged = { ...data(5), networkId: null };
    entries[4] = { ...forged, prevHash: entries[3]!.hash, hash: await hashEntry(entries[3]!.hash, forged) };
    expect(kinds(await verifyChain(entries, NO_CP))).toEqual([['broken-link', 6]]);
  });

  it('detects an entry deleted in the middle, even with the rest rehashed', async () => {
    const entries = await chain(10);
    const without = entries.filter((e) => e.seq !== 4);
    const r = await verifyChain(without, NO_CP);
    expect(kinds(r)).toEqual([['gap', 5]]);
    expect(r.problems[0]!.message).toBe('Entry 5: entry 4 before it is missing.');
    // Renumbering and rehashing everything after it is only caught by the head.
    const renumbered = await rechainFrom(
      without.map((e, i) => ({ ...e, seq: i + 1 })),
      3,
    );
    expect((await verifyChain(renumbered, NO_CP)).ok).toBe(true);
    expect(kinds(await verifyChain(renumbered, { ...NO_CP, head: { seq: 10, hash: entries[9]!.hash } }))).toEqual([['truncated', 9]]);
  });

  it('detects entries deleted from the end only with the head', async () => {
    const entries = await chain(10);
    const head = { seq: 10, hash: entries[9]!.hash };
    const cut = entries.slice(0, 7);
    expect((await verifyChain(cut, NO_CP)).ok).toBe(true);
    const r = await verifyChain(cut, { ...NO_CP, head });
    expect(kinds(r)).toEqual([['truncated', 7]]);
    expect(r.summary).toBe('Broken at entry 7: the log should run to entry 10 but stops here; the newest entries were deleted.');
    expect(kinds(await verifyChain([], { ...NO_CP, head }))).toEqual([['truncated', null]]);
  });

  it('detects the newest entries replaced by a forged chain of the same length', async () => {
    const entries = await chain(10);
    const head = { seq: 10, hash: entries[9]!.hash };
    const forged = await rechainFrom(
      entries.map((e) => (e.seq >= 8 ? { ...e, text: 'innocent' } : e)),
      7,
    );
    expect(kinds(await verifyChain(forged, { ...NO_CP, head }))).toEqual([['truncated', 10]]);
  });

  it('accepts entries beyond the head (a worker stopped before writing it)', async () => {
    const entries = await chain(10);
    expect((await verifyChain(entries, { ...NO_CP, head: { seq: 8, hash: entries[7]!.hash } })).ok).toBe(true);
  });

  it('detects two entries swapped in order', async () => {
    const entries = await chain(6);
    const swapped = [entries[0]!, entries[1]!, entries[3]!, entries[2]!, entries[4]!, entries[5]!];
    const r = await verifyChain(swapped, NO_CP);
    expect(r.ok).toBe(false);
    expect(kinds(r)).toContainEqual(['out-of-order', 3]);
  });

  it('detects two entries’ seq values swapped', async () => {
    const entries = await chain(6);
    const swapped = entries.map((e) => (e.seq === 3 ? { ...e, seq: 4 } : e.seq === 4 ? { ...e, seq: 3 } : e));
    const r = await verifyChain(swapped, NO_CP);
    expect(r.problems[0]).toMatchObject({ kind: 'edited', seq: 4 });
    expect(kinds(r)).toEqual(
      expect.arrayContaining([
        ['edited', 3],
        ['out-of-order', 3],
      ]),
    );
    // Swapping the contents but keeping the positions (what a keyed store allows) is an edit of both.
    const contents = entries.map((e, i) => (i === 2 ? { ...entries[3]!, seq: 3 } : i === 3 ? { ...entries[2]!, seq: 4 } : e));
    expect(kinds(await verifyChain(contents, NO_CP)).map(([k]) => k)).toContain('edited');
  });

  it('reports an entry mangled beyond hashing as edited instead of throwing', async () => {
    const entries = await chain(3);
    entries[1] = { ...entries[1]!, text: 10n as unknown as string };
    expect(kinds(await verifyChain(entries, NO_CP))).toEqual([['edited', 2]]);
  });

  it('detects a repeated seq', async () => {
    const entries = await chain(3);
    expect(kinds(await verifyChain([entries[0]!, entries[1]!, entries[1]!, entries[2]!], NO_CP))).toEqual([['out-of-order', 2]]);
  });

  it('detects a forged first entry', async () => {
    const entries = await chain(3);
    const fake = '1'.repeat(64);
    const forged = await chainEntries(fake, [data(1)]);
    const r = await verifyChain([...forged, ...entries.slice(1)], NO_CP);
    expect(kinds(r)).toEqual([
      ['missing-start', 1],
      ['broken-link', 2],
    ]);
  });

  /** The checkpoint a purge of entries 1-4 leaves. */
  const checkpointOverFirstFour = (entries: LogEntry[]): Checkpoint => ({
    at: '2027-01-01T00:00:00.000Z',
    purgedCount: 4,
    firstSeq: 1,
    lastSeq: 4,
    fromAt: entries[0]!.at,
    toAt: entries[3]!.at,
    lastHash: entries[3]!.hash,
  });

  it('requires a checkpoint to start later than entry 1', async () => {
    const entries = await chain(10);
    const rest = entries.slice(4);
    expect(kinds(await verifyChain(rest, NO_CP))).toEqual([['missing-start', 5]]);
    const cp = checkpointOverFirstFour(entries);
    const ok = await verifyChain(rest, { checkpoints: [cp], head: { seq: 10, hash: entries[9]!.hash } });
    expect(ok).toMatchObject({ ok: true, firstSeq: 5, lastSeq: 10, checked: 6 });
    const wrongHash = await verifyChain(rest, { checkpoints: [{ ...cp, lastHash: entries[2]!.hash }] });
    expect(kinds(wrongHash)).toEqual([['missing-start', 5]]);
    const wrongSeq = await verifyChain(rest, { checkpoints: [{ ...cp, lastSeq: 3 }] });
    expect(kinds(wrongSeq)).toEqual([['missing-start', 5]]);
  });

  it('accepts a log emptied by a purge when the head matches the checkpoint', async () => {
    const entries = await chain(4);
    const cp = checkpointOverFirstFour(entries);
    expect((await verifyChain([], { checkpoints: [cp], head: { seq: 4, hash: entries[3]!.hash } })).ok).toBe(true);
    expect(kinds(await verifyChain([], { checkpoints: [cp], head: { seq: 6, hash: 'x' } }))).toEqual([['truncated', null]]);
  });

  describe('allowGaps (filtered exports)', () => {
    it('accepts a selection that starts late and skips entries', async () => {
      const entries = await chain(20);
      const picked = entries.filter((e) => [5, 6, 9, 15, 16, 17].includes(e.seq));
      expect(await verifyChain(picked, { ...NO_CP, allowGaps: true })).toMatchObject({ ok: true, checked: 6, firstSeq: 5, lastSeq: 17 });
      expect(kinds(await verifyChain(picked, NO_CP)).map(([k]) => k)).toEqual(['missing-start', 'gap', 'gap']);
    });

    it('still checks every entry and every adjacent pair', async () => {
      const entries = await chain(20);
      const picked = entries.filter((e) => [5, 6, 9, 15, 16].includes(e.seq));
      picked[0] = { ...picked[0]!, text: 'edited' };
      const forged = { ...data(16), user: 'x' };
      picked[4] = { ...forged, prevHash: 'f'.repeat(64), hash: await hashEntry('f'.repeat(64), forged) };
      expect(kinds(await verifyChain(picked, { ...NO_CP, allowGaps: true }))).toEqual([
        ['edited', 5],
        ['broken-link', 16],
      ]);
      expect(kinds(await verifyChain([picked[2]!, picked[1]!], { ...NO_CP, allowGaps: true }))).toEqual([['out-of-order', 6]]);
    });
  });

  it('reports every problem up to 100 and counts the rest in the summary', async () => {
    const entries = (await chain(150)).map((e) => ({ ...e, text: 'changed' }));
    const r = await verifyChain(entries, NO_CP);
    expect(r.problems).toHaveLength(100);
    expect(r.summary).toBe('Broken at entry 1: its contents were changed after it was written (150 problems found in all).');
  });
});
