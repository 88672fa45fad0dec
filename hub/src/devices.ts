/**
 * One device row as the CLI (`devices`) and the DSL's pages (Devices, exports, summary) read it:
 * the same columns, mapped once. Whether a device is silent is the sweep's verdict
 * (devices.silent_since, migration 005), so the pages, the CLI and the audit's 'device-silent'
 * rows agree; between two sweeps a device already past HUB_SILENT_HOURS counts as silent from the
 * moment it crossed that line. How long it has been silent counts from its last contact.
 */
export type DeviceState = 'intact' | 'broken' | 'key-mismatch';

export interface DeviceRecord {
  id: string;
  schoolId: number;
  school: string;
  label: string | null;
  version: string | null;
  browser: string | null;
  firstSeen: Date;
  lastSeen: Date;
  confirmed: boolean;
  /** key-mismatch when a request signed by another key was refused; else the chain's state. */
  state: DeviceState;
  chainState: 'intact' | 'broken';
  brokenAtSeq: number | null;
  chainProblem: string | null;
  keyMismatches: number;
  silent: boolean;
  /** Since when it is silent (the sweep's mark), null while it is heard from. */
  silentSince: Date | null;
  /** While silent: whole days since the last contact ("silent for N days"); else null. */
  silentDays: number | null;
  lastSeq: number | null;
  lastHash: string | null;
  /** Entries the hub holds now (retention's purges deducted). */
  entries: number;
  waiting: number | null;
  policyProblems: { key?: string; message?: string }[];
  /** Base64 SPKI of the pinned key. */
  publicKey: string;
  /** Retention's horizon: entries up to this seq were purged (migration 007). */
  purgedSeq: number | null;
  purgedCount: number;
}

/**
 * The select list for `devices d join schools s`; `hours` is the placeholder holding
 * HUB_SILENT_HOURS (for instance '$2').
 */
export function deviceColumns(hours: string): string {
  const since = `coalesce(d.silent_since, case when d.last_seen < now() - make_interval(secs => ${hours}::float8 * 3600) then d.last_seen + make_interval(secs => ${hours}::float8 * 3600) end)`;
  return `d.*, s.name as school_name, ${since} as silent_from, floor(extract(epoch from now() - d.last_seen) / 86400)::int as silent_days`;
}

export function deviceFromRow(r: Record<string, unknown>): DeviceRecord {
  const chainState = r.chain_state as 'intact' | 'broken';
  const silentFrom = (r.silent_from as Date | null) ?? null;
  return {
    id: r.id as string,
    schoolId: r.school_id as number,
    school: r.school_name as string,
    label: r.label as string | null,
    version: r.version as string | null,
    browser: r.browser as string | null,
    firstSeen: r.first_seen as Date,
    lastSeen: r.last_seen as Date,
    confirmed: r.confirmed as boolean,
    state: (r.key_mismatches as number) > 0 ? 'key-mismatch' : chainState,
    chainState,
    brokenAtSeq: r.broken_at_seq as number | null,
    chainProblem: r.chain_problem as string | null,
    keyMismatches: r.key_mismatches as number,
    silent: silentFrom !== null,
    silentSince: silentFrom,
    silentDays: silentFrom === null ? null : Math.max(0, r.silent_days as number),
    lastSeq: r.last_seq as number | null,
    lastHash: r.last_hash as string | null,
    entries: r.entries_count as number,
    waiting: r.waiting as number | null,
    policyProblems: Array.isArray(r.policy_problems) ? (r.policy_problems as DeviceRecord['policyProblems']) : [],
    publicKey: r.public_key as string,
    purgedSeq: (r.purged_seq as number | null) ?? null,
    purgedCount: (r.purged_count as number | undefined) ?? 0,
  };
}
