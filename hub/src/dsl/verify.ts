/**
 * Checks a hub JSON export away from the hub: `npm run hub -- verify FILE`.
 * Per device: every entry's hash recomputed, each entry following on from the one before (a full
 * export: from the device's first entry, or the recorded start, to the head the hub holds; after a
 * retention purge the start is the purge horizon, and the first entry kept must link to it), the
 * entries matching the filters the file claims, and the pinned key being a P-256 public key whose
 * fingerprint is the one written beside it (compare it with the device's own status page).
 */
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { verifyChain, type VerifyReport } from '../../../utils/core/log/chain.ts';
import { matchesFilters } from '../../../utils/core/log/filters.ts';
import type { LogEntry, LogFilters } from '../../../utils/core/log/types.ts';
import { keyFingerprint, type HubExport } from './export.ts';
import type { HubFilters } from './filters.ts';

const s = z.string();
const ns = z.string().nullable();
const entry = z.strictObject({
  seq: z.number().int().min(1),
  at: s,
  localTime: s,
  timezone: s,
  user: s,
  role: s,
  device: ns,
  event: s,
  networkId: ns,
  networkName: ns,
  host: ns,
  path: ns,
  query: ns,
  fragment: ns,
  schoolTime: z.boolean(),
  text: ns,
  person: ns,
  prevHash: s,
  hash: s,
});
const device = z.strictObject({
  id: s,
  school: s,
  label: ns,
  browser: ns,
  version: ns,
  publicKey: s,
  keyFingerprint: s,
  hubChainState: z.strictObject({ state: z.enum(['intact', 'broken']), brokenAtSeq: z.number().nullable(), problem: ns, keyMismatches: z.number() }),
  head: z.strictObject({ seq: z.number().int(), hash: s }).nullable(),
  start: z.strictObject({ seq: z.number().int(), prevHash: s }).nullable(),
  entries: z.array(entry),
});
const file = z.strictObject({
  format: z.literal('hall-pass-hub-export'),
  version: z.literal(1),
  exportedAt: s,
  exportedBy: s,
  filters: z.strictObject({
    school: z.number().optional(),
    device: s.optional(),
    user: s.optional(),
    role: s.optional(),
    network: s.optional(),
    event: s.optional(),
    from: s.optional(),
    to: s.optional(),
    schoolTime: z.boolean().optional(),
  }),
  devices: z.array(device),
});

export function parseHubExport(text: string): HubExport {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`not a hub export: the file is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const r = file.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`not a valid hub export: at ${i?.path.join('.') || '(top level)'}: ${i?.message ?? 'invalid'}`);
  }
  return r.data as HubExport;
}

export interface DeviceVerdict {
  id: string;
  label: string | null;
  school: string;
  ok: boolean;
  summary: string;
  key: string;
}

const filtered = (f: HubFilters) => Object.keys(f).some((k) => k !== 'school' && k !== 'device');

export async function verifyHubExport(exp: HubExport): Promise<{ ok: boolean; devices: DeviceVerdict[] }> {
  const isFiltered = filtered(exp.filters);
  const lf: LogFilters = {
    from: exp.filters.from,
    to: exp.filters.to,
    user: exp.filters.user,
    role: exp.filters.role as LogFilters['role'],
    networkId: exp.filters.network,
    event: exp.filters.event as LogFilters['event'],
    schoolTime: exp.filters.schoolTime,
  };
  const out: DeviceVerdict[] = [];
  for (const d of exp.devices) {
    const entries = d.entries as LogEntry[];
    let key = 'pinned key: ';
    let keyOk = true;
    try {
      const k = createPublicKey({ key: Buffer.from(d.publicKey, 'base64'), format: 'der', type: 'spki' });
      if (k.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('not a P-256 key');
      if (keyFingerprint(d.publicKey) !== d.keyFingerprint) throw new Error('its fingerprint is not the one written beside it');
      key += `P-256, fingerprint ${d.keyFingerprint.slice(0, 16)}…`;
    } catch (e) {
      keyOk = false;
      key += `BAD (${(e as Error).message})`;
    }
    const checkpoints =
      d.start && d.start.seq > 1 ? [{ at: '', purgedCount: 0, firstSeq: 1, lastSeq: d.start.seq - 1, fromAt: '', toAt: '', lastHash: d.start.prevHash }] : [];
    const report: VerifyReport = await verifyChain(entries, { checkpoints, head: isFiltered ? null : d.head, allowGaps: isFiltered });
    const strays = isFiltered ? entries.filter((e) => !matchesFilters(e, lf)) : [];
    const wrongOwner = exp.filters.device !== undefined && d.id !== exp.filters.device;
    let ok = report.ok && keyOk && strays.length === 0 && !wrongOwner;
    let summary = report.summary;
    if (strays.length)
      summary += ` ${strays.length} entr${strays.length === 1 ? 'y does' : 'ies do'} not match the export's filters (first: entry ${strays[0]!.seq}).`;
    if (wrongOwner) summary += ' This device is not the one the export was filtered to.';
    if (d.hubChainState.state === 'broken')
      summary += ` The hub had marked this device broken at entry ${d.hubChainState.brokenAtSeq}${d.hubChainState.problem ? ` (${d.hubChainState.problem})` : ''}.`;
    if (d.hubChainState.keyMismatches > 0) summary += ` The hub refused ${d.hubChainState.keyMismatches} request(s) signed by another key.`;
    if (d.hubChainState.state === 'broken') ok = false;
    out.push({ id: d.id, label: d.label, school: d.school, ok, summary, key });
  }
  return { ok: out.every((d) => d.ok), devices: out };
}

export async function verifyCommand(text: string, name: string, out: (s: string) => void): Promise<number> {
  const exp = parseHubExport(text);
  const r = await verifyHubExport(exp);
  out(`Hub export made ${exp.exportedAt} by ${exp.exportedBy}, filters ${JSON.stringify(exp.filters)}: ${exp.devices.length} device(s).\n`);
  for (const d of r.devices) out(`${d.ok ? 'OK    ' : 'BROKEN'} ${d.school} / ${d.label ?? '(no label)'} (${d.id}): ${d.summary} ${d.key}\n`);
  if (filtered(exp.filters)) out('Filtered export: entries in between may be missing by design; each entry and each neighbouring pair was checked.\n');
  out(r.ok ? `OK: every device in ${name} verifies.\n` : `BROKEN: ${name} does not verify.\n`);
  return r.ok ? 0 : 1;
}
