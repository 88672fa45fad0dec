/**
 * The admin CLI: `npm run hub -- <command>`.
 *   school create "<name>"      make a school; prints its first ingest key (shown once)
 *   key create <school>         another key for a school (rotation: move the policy, then revoke the old)
 *   key revoke <key-id>         refuse that key from now on; devices and their history stay
 *   keys [--school X]           list keys (ids only, never secrets)
 *   devices [--school X]        every device and its state
 *   devices confirm <device-id> mark a new device as known to the admin
 *   schools                     every school, its retention period, devices and entries
 *   school retention <school> <days|default>   how long the school's log entries are kept
 *   purge [--school X] [--dry-run]   delete entries older than each school's period (or list them)
 *   migrate                     apply the database migrations (the server also does this at start)
 * A school is named by its name or its number. Every action is written to audit.
 */
import { confirmDevice, createKey, createSchool, listDevices, listKeys, revokeKey, type DeviceInfo } from './admin.ts';
import { configFromEnv } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import { listSchools, parseRetentionDays, planPurge, purge, setRetention, type SchoolPurge } from './retention.ts';
import type { Db } from './db/types.ts';
import { DSL_USAGE, isDslCommand, runDslCli } from './dsl/cli.ts';

const USAGE = `usage: npm run hub -- <command>
  school create "<name>"        create a school and print its ingest key (shown once)
  key create <school>           create another ingest key for a school
  key revoke <key-id>           revoke an ingest key (devices keep their history)
  keys [--school <school>]      list ingest keys (ids, never secrets)
  devices [--school <school>]   list devices and their state
  devices confirm <device-id>   confirm a new device
  schools                       list schools with their retention period, devices and entries
  school retention <school> <days|default>
                                keep the school's log entries this many days (30 to 3650);
                                default: HUB_RETENTION_DAYS (365 unless set)
  purge [--school <school>] [--dry-run]
                                delete entries older than each school's retention period now
                                (the hub also does it every 6 hours); --dry-run lists them only
  migrate                       apply database migrations
${DSL_USAGE}Without a command, npm run hub starts the server.
`;

type Out = (s: string) => void;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const v = args[i + 1];
  if (v === undefined) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return v;
}

class UsageError extends Error {}

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + 'Z';

export function deviceState(d: DeviceInfo): string {
  const parts: string[] = [];
  if (d.state === 'key-mismatch') parts.push(`KEY MISMATCH (${d.keyMismatches} refused)`);
  if (d.chainState === 'broken') parts.push(`BROKEN at entry ${d.brokenAtSeq}${d.chainProblem ? `: ${d.chainProblem}` : ''}`);
  else parts.push('intact');
  if (d.silentSince) parts.push(`SILENT since ${when(d.silentSince)}`);
  if (!d.confirmed) parts.push('new, unconfirmed');
  return parts.join('; ');
}

export function purgeReport(result: SchoolPurge[], dry: boolean): string {
  let text = '';
  for (const p of result) {
    const verb = dry ? 'would purge' : 'purged';
    text += `${p.school}: retention ${p.retentionDays} days, cut-off ${p.cutoff.toISOString()}: ${verb} ${p.total} ${p.total === 1 ? 'entry' : 'entries'}\n`;
    for (const d of p.devices) text += `  ${d.deviceId}  ${d.label ?? '(no label)'}  ${d.entries} (entries ${d.fromSeq} to ${d.toSeq})\n`;
  }
  if (!result.length) text += 'No schools.\n';
  if (dry) text += 'Dry run: nothing was deleted.\n';
  return text;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, out: Out, err: Out): Promise<number> {
  const args = [...argv];
  let db: Db | null = null;
  try {
    const config = configFromEnv(env);
    const open = async () => {
      db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrate(db);
      return db;
    };
    const [cmd, sub, ...rest] = args;
    if (isDslCommand(cmd)) return await runDslCli(args, env, open, out, (m) => new UsageError(m));
    if (cmd === 'school' && sub === 'create' && rest.length === 1) {
      const r = await createSchool(await open(), rest[0]!);
      out(
        `School "${r.school.name}" created (number ${r.school.id}).\nIngest key (shown once; put it in the policy's hub.key):\n\n  ${r.key}\n\nKey id: ${r.keyId}\n`,
      );
      return 0;
    }
    if (cmd === 'key' && sub === 'create' && rest.length === 1) {
      const r = await createKey(await open(), rest[0]!);
      out(
        `New ingest key for "${r.school.name}" (shown once):\n\n  ${r.key}\n\nKey id: ${r.keyId}\nWhen every device has the new key in its policy, revoke the old one: npm run hub -- key revoke <old key id>\n`,
      );
      return 0;
    }
    if (cmd === 'key' && sub === 'revoke' && rest.length === 1) {
      const r = await revokeKey(await open(), rest[0]!);
      out(
        `Ingest key ${r.keyId} of "${r.school.name}" revoked. Devices still using it are refused (401) until their policy has a current key; their history stays.\n`,
      );
      return 0;
    }
    if (cmd === 'keys') {
      const school = option(args, '--school');
      if (args.length !== 1) throw new UsageError('keys takes only --school');
      const keys = await listKeys(await open(), school);
      if (!keys.length) out('No ingest keys.\n');
      for (const k of keys) out(`${k.id}  ${k.school}  created ${when(k.createdAt)}  ${k.revokedAt ? `REVOKED ${when(k.revokedAt)}` : 'active'}\n`);
      return 0;
    }
    if (cmd === 'devices' && sub === 'confirm' && rest.length === 1) {
      const id = await confirmDevice(await open(), rest[0]!);
      out(`Device ${id} confirmed.\n`);
      return 0;
    }
    if (cmd === 'devices') {
      const school = option(args, '--school');
      if (args.length !== 1) throw new UsageError('devices takes only --school, or: devices confirm <device-id>');
      const list = await listDevices(await open(), { school, silentHours: config.silentHours });
      if (!list.length) out('No devices yet.\n');
      for (const d of list) {
        out(
          `${d.id}  ${d.school}  ${d.label ?? '(no label)'}  ${d.browser ?? '?'} ${d.version ?? '?'}  ` +
            `entries ${d.entries} (to #${d.lastSeq ?? 0}${d.purgedSeq ? `; #1 to #${d.purgedSeq} purged` : ''})  waiting ${d.waiting ?? '?'}  first ${when(d.firstSeen)}  last ${when(d.lastSeen)}\n` +
            `    state: ${deviceState(d)}${d.policyProblems.length ? `; ${d.policyProblems.length} policy problem(s)` : ''}\n`,
        );
      }
      return 0;
    }
    if (cmd === 'schools' && args.length === 1) {
      const list = await listSchools(await open(), config.retentionDays);
      if (!list.length) out('No schools.\n');
      for (const s of list) {
        const kept = `retention ${s.effectiveDays} days${s.retentionDays === null ? ' (hub default, HUB_RETENTION_DAYS)' : ''}`;
        out(`${s.id}  ${s.name}  ${kept}  devices ${s.devices}  entries ${s.entries}${s.purgedEntries ? `  purged so far ${s.purgedEntries}` : ''}\n`);
      }
      return 0;
    }
    if (cmd === 'school' && sub === 'retention') {
      if (rest.length !== 2) throw new UsageError('school retention <school> <days|default>');
      const days = rest[1] === 'default' ? null : parseRetentionDays(rest[1]!, 'the retention period');
      const r = await setRetention(await open(), rest[0]!, days);
      out(
        `Log entries of "${r.name}" are kept ${days === null ? `for the hub's default, ${config.retentionDays} days (HUB_RETENTION_DAYS)` : `${days} days`}; older ones go at the next purge.\n`,
      );
      return 0;
    }
    if (cmd === 'purge') {
      const dry = args.includes('--dry-run');
      if (dry) args.splice(args.indexOf('--dry-run'), 1);
      const school = option(args, '--school');
      if (args.length !== 1) throw new UsageError('purge takes only --school and --dry-run');
      const database = await open();
      const opts = { school, defaultDays: config.retentionDays, by: 'cli' as const };
      const result = dry ? await planPurge(database, opts) : await purge(database, opts);
      out(purgeReport(result, dry));
      return 0;
    }
    if (cmd === 'migrate' && args.length === 1) {
      const database = await open();
      const { rows } = await database.query<{ version: number; name: string }>('select version, name from hub_migrations order by version');
      out(`Database at migration ${rows.at(-1)?.version ?? 0}:\n${rows.map((r) => `  ${String(r.version).padStart(3, '0')} ${r.name}\n`).join('')}`);
      return 0;
    }
    throw new UsageError(cmd ? `unknown command: ${args.join(' ')}` : 'no command');
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n${USAGE}`);
      return 2;
    }
    err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    if (db) await (db as Db).close();
  }
}
