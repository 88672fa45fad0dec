import { describe, expect, it } from 'vitest';
import { hashEntry } from '../../utils/core/log/chain';
import {
  CSV_COLUMNS,
  exportFileName,
  parseJsonExport,
  toCsv,
  toJsonExport,
  verifyExport,
  signedJsonExport,
  checkExportSignature,
  type LogExport,
} from '../../utils/core/log/export';
import { KEY_ALGORITHM, keyFingerprint, sign, toBase64 } from '../../utils/core/hub/signature';
import { GENESIS_HASH, type LogEntry, type LogEntryData, type LogFilters } from '../../utils/core/log/types';
import { entryData } from '../fakes/log-entries';

/** The shared plausible entry, with the user, device and times these export tests read back. */
function data(seq: number, over: Partial<LogEntryData> = {}): LogEntryData {
  const minute = String(seq % 60).padStart(2, '0');
  return entryData(seq, {
    at: `2026-11-24T10:${minute}:00.000Z`,
    localTime: `2026-11-24 10:${minute}:00`,
    user: 'amy@school.example',
    device: 'ICT Suite PC 12',
    path: '/foryou',
    ...over,
  });
}

/** A real chain made with chain.ts, so these tests break if the two drift apart. */
async function chain(items: LogEntryData[], prevHash = GENESIS_HASH): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for (const d of items) {
    const hash = await hashEntry(prevHash, d);
    out.push({ ...d, prevHash, hash });
    prevHash = hash;
  }
  return out;
}

function exportOf(entries: LogEntry[], filters: LogFilters = {}): LogExport {
  const last = entries.at(-1);
  return {
    format: 'hall-pass-log',
    version: 1,
    exportedAt: '2026-11-24T16:00:00.000Z',
    school: 'Ash Grove Academy',
    device: 'ICT Suite PC 12',
    filters,
    range: { from: filters.from ?? null, to: filters.to ?? null },
    head: last ? { seq: last.seq, hash: last.hash } : null,
    checkpoints: [],
    verification: { ok: true, summary: 'fine' },
    entries,
  };
}

/** A strict RFC 4180 reader, independent of the writer: rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    if (i >= text.length) break;
    if (text.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF at ${i}`);
    i += 2;
    if (i >= text.length) break;
  }
  return rows;
}

const col = (name: string): number => CSV_COLUMNS.indexOf(name);

describe('toCsv', () => {
  it('starts with a BOM and a plain English header, and ends every row with CRLF', () => {
    const csv = toCsv([]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe(
      '\uFEFFSequence,Time (UTC),Local time,Timezone,User,Role,Device,What happened,Network,Host,Path,Query,' +
        'Fragment,School time,Text,Person,Hash,Previous hash\r\n',
    );
    const two = toCsv([
      { ...data(1), prevHash: 'p', hash: 'h' },
      { ...data(2), prevHash: 'h', hash: 'i' },
    ]);
    expect(two.match(/\r\n/g)).toHaveLength(3);
    expect(two.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes one row per entry with readable values', () => {
    const e: LogEntry = { ...data(7, { event: 'continued', schoolTime: false, device: null }), prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) };
    const [, row] = parseCsv(toCsv([e]).slice(1));
    expect(row).toEqual([
      '7',
      '2026-11-24T10:07:00.000Z',
      '2026-11-24 10:07:00',
      'Europe/London',
      'amy@school.example',
      'pupil',
      '',
      'Continued after warning',
      'TikTok',
      'www.tiktok.com',
      '/foryou',
      '',
      '',
      'no',
      '',
      '',
      'b'.repeat(64),
      'a'.repeat(64),
    ]);
  });

  it.each([
    ['comma', 'a, b', '"a, b"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['LF', 'line 1\nline 2', '"line 1\nline 2"'],
    ['CRLF', 'line 1\r\nline 2', '"line 1\r\nline 2"'],
    ['plain', 'plain text', 'plain text'],
    ['non-ASCII kept', 'café 中文', 'café 中文'],
  ])('quotes per RFC 4180: %s', (_name, text, cell) => {
    const csv = toCsv([{ ...data(1, { text }), prevHash: 'p', hash: 'h' }]);
    const line = csv.split('\r\n')[1] ?? '';
    expect(csv).toContain(`,${cell},`);
    expect(parseCsv(csv.slice(1))[1]?.[col('Text')]).toBe(text);
    expect(line.length).toBeGreaterThan(0);
  });

  it.each([
    ['=1+1', "'=1+1", "'=1+1"],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)", "'+SUM(A1:A9)"],
    ['-2', "'-2", "'-2"],
    ['@cmd', "'@cmd", "'@cmd"],
    ['\t=x', "'\t=x", "'\t=x"],
    ['\r=x', '"\'\r=x"', "'\r=x"],
    ['=HYPERLINK("http://evil.example","click"),1', '"\'=HYPERLINK(""http://evil.example"",""click""),1"', '\'=HYPERLINK("http://evil.example","click"),1'],
    ['a=1', 'a=1', 'a=1'],
    [' =1', ' =1', ' =1'],
  ])('neutralises a formula in Text before quoting: %j', (text, cell, read) => {
    const csv = toCsv([{ ...data(1, { text }), prevHash: 'p', hash: 'h' }]);
    expect(csv).toContain(`,${cell},`);
    expect(parseCsv(csv.slice(1))[1]?.[col('Text')]).toBe(read);
  });

  it.each([
    // A leading "/" is not a formula: left alone, but the "=" after it must not matter either.
    ['Path', { path: '/=HYPERLINK("http://evil.example")' }, '/=HYPERLINK("http://evil.example")'],
    ['Path', { path: '=HYPERLINK("http://evil.example")' }, '\'=HYPERLINK("http://evil.example")'],
    ['Host', { host: '@evil.example' }, "'@evil.example"],
    ['User', { user: '=cmd|"/c calc"!A1' }, '\'=cmd|"/c calc"!A1'],
    ['Person', { person: '+44 20 7946 0000' }, "'+44 20 7946 0000"],
    ['Query', { query: '-1' }, "'-1"],
    ['Device', { device: '=1' }, "'=1"],
    ['Network', { networkName: '@x', networkId: 'x' }, "'@x"],
  ])('neutralises every text column: %s', (name, over, read) => {
    const csv = toCsv([{ ...data(1, over), prevHash: 'p', hash: 'h' }]);
    expect(parseCsv(csv.slice(1))[1]?.[col(name)]).toBe(read);
  });

  it('never lets a cell start with a formula character, whatever the text', () => {
    const nasty = ['=', '+', '-', '@', '\t', '\r', '"=', ',=', '\n='];
    const entries = nasty.map((t, i) => ({ ...data(i + 1, { text: `${t}1`, path: `${t}p`, host: t }), prevHash: 'p', hash: 'h' }));
    const rows = parseCsv(toCsv(entries).slice(1)).slice(1);
    for (const row of rows) {
      for (const cell of row.slice(1)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('round trips through an RFC 4180 reader', () => {
    const texts = ['plain', 'a, "b"\r\nc', 'é 中文 😀', '', null];
    const entries = texts.map((text, i) => ({ ...data(i + 1, { text, person: text }), prevHash: `p${i}`, hash: `h${i}` }));
    const rows = parseCsv(toCsv(entries).slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(entries.length + 1);
    entries.forEach((e, i) => {
      const row = rows[i + 1] ?? [];
      expect(row).toHaveLength(CSV_COLUMNS.length);
      expect(row[col('Sequence')]).toBe(String(e.seq));
      expect(row[col('Text')]).toBe(e.text ?? '');
      expect(row[col('Person')]).toBe(e.person ?? '');
      expect(row[col('Hash')]).toBe(e.hash);
      expect(row[col('Previous hash')]).toBe(e.prevHash);
    });
  });
});

describe('JSON export', () => {
  it('round trips', async () => {
    const entries = await chain([data(1), data(2, { text: 'é 中文 "x"\n', event: 'report', person: 'Mr Jones' })]);
    const exp = exportOf(entries, { user: 'amy@school.example', from: '2026-11-01' });
    const { format: _f, version: _v, ...input } = exp;
    const text = toJsonExport(input);
    expect(JSON.parse(text)).toMatchObject({ format: 'hall-pass-log', version: 1 });
    expect(parseJsonExport(text)).toEqual(exp);
    expect(parseJsonExport(`\uFEFF${text}`)).toEqual(exp);
  });

  it('records a form\'s empty "any" filters as no filter, so the file parses and verifies in full', async () => {
    const { format: _f, version: _v, ...input } = exportOf(await chain([data(1), data(2)]));
    const filters = { user: '', role: '', event: '', from: '2026-11-01' } as unknown as LogFilters;
    const parsed = parseJsonExport(toJsonExport({ ...input, filters }));
    expect(parsed.filters).toEqual({ from: '2026-11-01' });
    const none = parseJsonExport(toJsonExport({ ...input, filters: { user: '' } }));
    expect(none.filters).toEqual({});
    expect((await verifyExport(none)).ok).toBe(true);
  });

  it.each([
    ['not JSON', 'hello', /not valid JSON/],
    ['empty', '', /not valid JSON/],
    ['a list', '[]', /"format" is not "hall-pass-log"/],
    ['null', 'null', /"format" is not "hall-pass-log"/],
    ['another format', '{"format":"other"}', /"format" is not "hall-pass-log"/],
    ['a later version', '{"format":"hall-pass-log","version":3}', /version 3/],
    ['version 2 without its signature', JSON.stringify({ ...exportOf([]), version: 2 }), /at signature/],
    ['missing fields', '{"format":"hall-pass-log","version":1}', /Not a valid Hall Pass log export: at exportedAt/],
  ])('parseJsonExport rejects %s with a clear message', (_name, text, message) => {
    expect(() => parseJsonExport(text)).toThrow(message);
  });

  it.each<[string, (e: Record<string, unknown>) => void, RegExp]>([
    ['an unknown event', (e) => ((e.entries as Record<string, unknown>[])[0]!.event = 'hacked'), /at entries\.0\.event/],
    ['a seq that is not a number', (e) => ((e.entries as Record<string, unknown>[])[0]!.seq = '1'), /at entries\.0\.seq/],
    ['an extra field in an entry', (e) => ((e.entries as Record<string, unknown>[])[0]!.note = 'x'), /at entries\.0/],
    ['entries not a list', (e) => (e.entries = {}), /at entries/],
    ['head without a hash', (e) => (e.head = { seq: 1 }), /at head\.hash/],
  ])('parseJsonExport rejects %s and says where', async (_name, spoil, message) => {
    const exp = JSON.parse(JSON.stringify(exportOf(await chain([data(1)])))) as Record<string, unknown>;
    spoil(exp);
    expect(() => parseJsonExport(JSON.stringify(exp))).toThrow(message);
  });
});

describe('verifyExport', () => {
  const items = Array.from({ length: 6 }, (_, i) => data(i + 1, { event: i % 2 === 0 ? 'blocked' : 'warned' }));

  it('passes an intact full export', async () => {
    const report = await verifyExport(exportOf(await chain(items)));
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.checked).toBe(6);
  });

  it('passes after a JSON round trip', async () => {
    const { format: _f, version: _v, ...input } = exportOf(await chain(items));
    expect((await verifyExport(parseJsonExport(toJsonExport(input)))).ok).toBe(true);
  });

  it.each<[string, (e: LogEntry) => void]>([
    ['text', (e) => (e.text = 'nothing to see')],
    ['user', (e) => (e.user = 'someone.else@school.example')],
    ['time', (e) => (e.at = '2026-11-24T11:00:00.000Z')],
    ['event', (e) => (e.event = 'report')],
  ])('fails when one entry is edited (%s), naming its seq', async (_name, edit) => {
    const entries = await chain(items);
    edit(entries[2]!);
    const report = await verifyExport(exportOf(entries));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.seq)).toContain(3);
  });

  it('fails when an entry is deleted from a full export', async () => {
    const entries = await chain(items);
    entries.splice(2, 1);
    const report = await verifyExport(exportOf(entries));
    expect(report.ok).toBe(false);
  });

  it('fails when the last entries are dropped but the head is kept', async () => {
    const entries = await chain(items);
    const exp = exportOf(entries);
    exp.entries = entries.slice(0, 4);
    expect((await verifyExport(exp)).ok).toBe(false);
  });

  it('treats empty-string filters as no filter, so gaps still fail', async () => {
    const entries = (await chain(items)).filter((e) => e.seq !== 4);
    const report = await verifyExport(exportOf(entries, { user: '', networkId: '' }));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.seq, p.kind])).toEqual([[5, 'gap']]);
  });

  it('passes a filtered export with gaps', async () => {
    const blocked = (await chain(items)).filter((e) => e.event === 'blocked');
    expect(blocked.map((e) => e.seq)).toEqual([1, 3, 5]);
    const report = await verifyExport(exportOf(blocked, { event: 'blocked' }));
    expect(report.ok).toBe(true);
    expect(report.checked).toBe(3);
  });

  it('still fails a filtered export with an edited entry', async () => {
    const blocked = (await chain(items)).filter((e) => e.event === 'blocked');
    blocked[1]!.text = 'edited';
    const report = await verifyExport(exportOf(blocked, { event: 'blocked' }));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.seq)).toContain(3);
  });

  it('fails a "filtered" export holding entries its filters exclude (a disguised deletion)', async () => {
    const entries = (await chain(items)).filter((e) => e.seq !== 4);
    const report = await verifyExport(exportOf(entries, { event: 'blocked' }));
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.kind === 'filter-mismatch').map((p) => p.seq)).toEqual([2, 6]);
    expect(report.summary).toMatch(/^Broken at entry 2: .*filters.*\(2 entries do not match\)\.$/);
  });
});

describe('exportFileName', () => {
  it.each<[Parameters<typeof exportFileName>[0], string]>([
    [
      { school: 'Ash Grove Academy', device: 'ICT Suite PC 12', from: '2026-11-01', to: '2026-11-24', ext: 'csv' },
      'hall-pass_ash-grove-academy_ict-suite-pc-12_2026-11-01_to_2026-11-24.csv',
    ],
    [{ school: null, device: null, from: null, to: null, ext: 'json' }, 'hall-pass_all-dates.json'],
    [{ school: 'St Mary’s C of E Primary', device: null, from: null, to: null, ext: 'html' }, 'hall-pass_st-mary-s-c-of-e-primary_all-dates.html'],
    [{ school: 'École Élémentaire Zoë', device: null, from: '2026-11-01', to: null, ext: 'csv' }, 'hall-pass_ecole-elementaire-zoe_from_2026-11-01.csv'],
    [{ school: null, device: 'PC/12\\..:*?"<>|', from: null, to: '2026-11-24', ext: 'csv' }, 'hall-pass_pc-12_to_2026-11-24.csv'],
    [{ school: '中文学校', device: '../../etc/passwd', from: null, to: null, ext: 'csv' }, 'hall-pass_etc-passwd_all-dates.csv'],
    [
      { school: 'The Very Long Name Of A Multi Academy Trust Secondary School', device: null, from: null, to: null, ext: 'csv' },
      'hall-pass_the-very-long-name-of-a-multi-academy-tr_all-dates.csv',
    ],
  ])('%j → %s', (parts, name) => {
    expect(exportFileName(parts)).toBe(name);
    expect(name).toMatch(/^[a-z0-9_.-]+$/);
  });

  it('caps each part at 40 characters', () => {
    const name = exportFileName({ school: 'a'.repeat(100), device: 'b'.repeat(100), from: null, to: null, ext: 'csv' });
    expect(name).toBe(`hall-pass_${'a'.repeat(40)}_${'b'.repeat(40)}_all-dates.csv`);
  });
});

describe('signed exports', () => {
  async function device() {
    const pair = (await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify'])) as CryptoKeyPair;
    const publicKey = toBase64(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)));
    return { deviceId: 'dev-1', publicKey, sign: (t: string) => sign(pair.privateKey, t) };
  }
  const inputOf = (exp: LogExport) => {
    const { format: _f, version: _v, signature: _s, ...input } = exp;
    return input;
  };

  it('a signed export parses as version 2 and its signature checks, naming the key', async () => {
    const d = await device();
    const exp = parseJsonExport(await signedJsonExport(inputOf(exportOf(await chain([data(1), data(2)]))), d));
    expect(exp.version).toBe(2);
    expect(exp.signature).toMatchObject({ algorithm: 'ECDSA-P256-SHA256', deviceId: 'dev-1', publicKey: d.publicKey });
    expect(await checkExportSignature(exp)).toEqual({ state: 'signed', deviceId: 'dev-1', fingerprint: await keyFingerprint(d.publicKey) });
    expect((await verifyExport(exp)).ok).toBe(true);
  });

  it('an unsigned (version 1) export says so', async () => {
    expect(await checkExportSignature(parseJsonExport(toJsonExport(inputOf(exportOf(await chain([data(1)]))))))).toEqual({ state: 'unsigned' });
  });

  it.each<[string, (e: LogExport) => void]>([
    [
      'an entry rebuilt with new hashes',
      (e) => {
        e.entries[1]!.hash = 'f'.repeat(64);
      },
    ],
    [
      'an entry removed',
      (e) => {
        e.entries.splice(1, 1);
      },
    ],
    [
      'the head moved',
      (e) => {
        e.head = { seq: 1, hash: e.entries[0]!.hash };
      },
    ],
    [
      'a checkpoint added',
      (e) => {
        e.checkpoints.push({ at: '2026-11-25T00:00:00.000Z', purgedCount: 1, firstSeq: 1, lastSeq: 1, fromAt: 'x', toAt: 'x', lastHash: 'a' });
      },
    ],
    [
      'the filters changed',
      (e) => {
        e.filters = { user: 'amy@school.example' };
      },
    ],
    [
      'the school renamed',
      (e) => {
        e.school = 'Elsewhere';
      },
    ],
    [
      'the export time changed',
      (e) => {
        e.exportedAt = '2026-11-25T16:00:00.000Z';
      },
    ],
    [
      'the verification result changed',
      (e) => {
        e.verification = { ok: true, summary: 'all good' };
      },
    ],
    [
      'another device id claimed',
      (e) => {
        e.signature!.deviceId = 'dev-2';
      },
    ],
    [
      'the signature mangled',
      (e) => {
        e.signature!.value = 'AAAA';
      },
    ],
  ])('%s: the signature no longer checks', async (_name, spoil) => {
    const exp = parseJsonExport(await signedJsonExport(inputOf(exportOf(await chain([data(1), data(2), data(3)]))), await device()));
    spoil(exp);
    expect((await checkExportSignature(exp)).state).toBe('bad');
  });
});
