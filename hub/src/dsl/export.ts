/**
 * The hub's exports for the filter in force: CSV (the device's columns and formula-safe cells,
 * utils/core/log/export.ts, with the school and device id first) and JSON that a script can
 * verify per device (`npm run hub -- verify FILE`): each device's entries in chain order, its
 * pinned public key, and where the hub's copy of its chain starts and ends.
 */
import { createHash } from 'node:crypto';
import { CSV_COLUMNS, csvCell, csvRow } from '../../../utils/core/log/export.ts';
import type { HubFilters } from './filters.ts';
import type { DeviceRow, HubEntry } from './queries.ts';

export const HUB_CSV_HEADER = ['School', 'Device id', ...CSV_COLUMNS].map(csvCell).join(',');

/** A whole CSV from pages of entries, streamed: BOM + header first, CRLF line ends. */
export async function* csvChunks(pages: AsyncIterable<HubEntry[]>, counter?: { rows: number }): AsyncGenerator<string> {
  yield `\uFEFF${HUB_CSV_HEADER}\r\n`;
  for await (const page of pages) {
    let out = '';
    for (const e of page) out += `${csvCell(e.school)},${csvCell(e.deviceId)},${csvRow(e)}\r\n`;
    if (counter) counter.rows += page.length;
    yield out;
  }
}

export interface HubExportDevice {
  id: string;
  school: string;
  label: string | null;
  browser: string | null;
  version: string | null;
  /** Base64 SPKI DER of the key the hub pinned at first contact; every batch stored was signed by it. */
  publicKey: string;
  /** SHA-256 hex of that SPKI: compare with the device's own. */
  keyFingerprint: string;
  /** The hub's own verdict when the file was made. */
  hubChainState: { state: 'intact' | 'broken'; brokenAtSeq: number | null; problem: string | null; keyMismatches: number };
  /** The newest entry the hub holds for the device. */
  head: { seq: number; hash: string } | null;
  /**
   * When the hub's copy does not start at entry 1: entries before `seq` were purged (by the hub's
   * retention, then prevHash is the hash of the last entry it deleted; or on the device before it
   * first delivered), and the entry at `seq` must follow on from prevHash.
   */
  start: { seq: number; prevHash: string } | null;
  entries: Omit<HubEntry, 'deviceId' | 'school' | 'link' | 'conflict'>[];
}

export interface HubExport {
  format: 'hall-pass-hub-export';
  version: 1;
  exportedAt: string;
  exportedBy: string;
  filters: HubFilters;
  devices: HubExportDevice[];
}

export const keyFingerprint = (spkiB64: string): string => createHash('sha256').update(Buffer.from(spkiB64, 'base64')).digest('hex');

const strip = (e: HubEntry) => {
  const { deviceId: _d, school: _s, link: _l, conflict: _c, ...rest } = e;
  return rest;
};

/** The JSON export, streamed device by device (pages arrive in device, seq order). */
export async function* jsonChunks(
  pages: AsyncIterable<HubEntry[]>,
  meta: { exportedAt: string; exportedBy: string; filters: HubFilters },
  deviceInfo: (id: string) => DeviceRow | undefined,
  startOf: (id: string) => { seq: number; prevHash: string } | null,
  counter?: { rows: number },
): AsyncGenerator<string> {
  yield `{"format":"hall-pass-hub-export","version":1,"exportedAt":${JSON.stringify(meta.exportedAt)},"exportedBy":${JSON.stringify(meta.exportedBy)},"filters":${JSON.stringify(meta.filters)},"devices":[`;
  let current: string | null = null;
  let firstDevice = true;
  let firstEntry = true;
  for await (const page of pages) {
    let out = '';
    for (const e of page) {
      if (e.deviceId !== current) {
        if (current !== null) out += ']}';
        current = e.deviceId;
        const d = deviceInfo(e.deviceId);
        const head: Omit<HubExportDevice, 'entries'> = {
          id: e.deviceId,
          school: e.school,
          label: d?.label ?? null,
          browser: d?.browser ?? null,
          version: d?.version ?? null,
          publicKey: d?.publicKey ?? '',
          keyFingerprint: d ? keyFingerprint(d.publicKey) : '',
          hubChainState: {
            state: d?.chainState ?? 'broken',
            brokenAtSeq: d?.brokenAtSeq ?? null,
            problem: d?.chainProblem ?? null,
            keyMismatches: d?.keyMismatches ?? 0,
          },
          head: d && d.lastSeq !== null && d.lastHash !== null ? { seq: d.lastSeq, hash: d.lastHash } : null,
          start: startOf(e.deviceId),
        };
        out += `${firstDevice ? '' : ','}${JSON.stringify(head).slice(0, -1)},"entries":[`;
        firstDevice = false;
        firstEntry = true;
      }
      out += `${firstEntry ? '' : ','}${JSON.stringify(strip(e))}`;
      firstEntry = false;
    }
    if (counter) counter.rows += page.length;
    yield out;
  }
  yield `${current !== null ? ']}' : ''}]}\n`;
}
