/** Schools, ingest keys and the device list: what the CLI (and later the DSL's pages) do. */
import { audit } from './audit.ts';
import type { Db, Queryable } from './db/types.ts';
import { deviceColumns, deviceFromRow, type DeviceRecord } from './devices.ts';
import { makeKey } from './keys.ts';

export interface School {
  id: number;
  name: string;
}

export async function findSchool(db: Queryable, ref: string): Promise<School | null> {
  const byId = /^\d+$/.test(ref) ? await db.query<School>('select id, name from schools where id = $1', [Number(ref)]) : { rows: [] };
  if (byId.rows[0]) return byId.rows[0];
  const byName = await db.query<School>('select id, name from schools where name = $1', [ref]);
  return byName.rows[0] ?? null;
}

/** Creates a school and its first ingest key; the key is returned once and never stored. */
export async function createSchool(db: Db, name: string, actor = 'cli'): Promise<{ school: School; keyId: string; key: string }> {
  const clean = name.trim();
  if (!clean || clean.length > 200) throw new Error('a school name is 1 to 200 characters');
  const k = await makeKey();
  return db.transaction(async (tx) => {
    if (await findSchool(tx, clean)) throw new Error(`a school named "${clean}" already exists`);
    const { rows } = await tx.query<School>('insert into schools (name) values ($1) returning id, name', [clean]);
    const school = rows[0]!;
    await tx.query('insert into ingest_keys (id, school_id, salt, hash) values ($1, $2, $3, $4)', [k.id, school.id, k.salt, k.hash]);
    await audit(tx, { kind: 'cli', schoolId: school.id, keyId: k.id, reason: `school "${school.name}" created with ingest key ${k.id}`, detail: { actor } });
    return { school, keyId: k.id, key: k.key };
  });
}

export async function createKey(db: Db, schoolRef: string, actor = 'cli'): Promise<{ school: School; keyId: string; key: string }> {
  const k = await makeKey();
  return db.transaction(async (tx) => {
    const school = await findSchool(tx, schoolRef);
    if (!school) throw new Error(`no school "${schoolRef}"`);
    await tx.query('insert into ingest_keys (id, school_id, salt, hash) values ($1, $2, $3, $4)', [k.id, school.id, k.salt, k.hash]);
    await audit(tx, { kind: 'cli', schoolId: school.id, keyId: k.id, reason: `ingest key ${k.id} created`, detail: { actor } });
    return { school, keyId: k.id, key: k.key };
  });
}

export async function revokeKey(db: Db, keyId: string, actor = 'cli'): Promise<{ school: School; keyId: string }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ school_id: number; revoked_at: Date | null }>('select school_id, revoked_at from ingest_keys where id = $1 for update', [
      keyId,
    ]);
    const row = rows[0];
    if (!row) throw new Error(`no ingest key ${keyId}`);
    if (row.revoked_at) throw new Error(`ingest key ${keyId} was already revoked on ${row.revoked_at.toISOString()}`);
    await tx.query('update ingest_keys set revoked_at = now() where id = $1', [keyId]);
    const school = (await tx.query<School>('select id, name from schools where id = $1', [row.school_id])).rows[0]!;
    await audit(tx, { kind: 'cli', schoolId: school.id, keyId, reason: `ingest key ${keyId} revoked`, detail: { actor } });
    return { school, keyId };
  });
}

export interface KeyInfo {
  id: string;
  schoolId: number;
  school: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function listKeys(db: Queryable, schoolRef?: string): Promise<KeyInfo[]> {
  const school = schoolRef ? await findSchool(db, schoolRef) : null;
  if (schoolRef && !school) throw new Error(`no school "${schoolRef}"`);
  const { rows } = await db.query<{ id: string; school_id: number; name: string; created_at: Date; revoked_at: Date | null }>(
    `select k.id, k.school_id, s.name, k.created_at, k.revoked_at from ingest_keys k join schools s on s.id = k.school_id
     where $1::bigint is null or k.school_id = $1 order by s.name, k.created_at`,
    [school?.id ?? null],
  );
  return rows.map((r) => ({ id: r.id, schoolId: r.school_id, school: r.name, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

export type { DeviceState } from './devices.ts';
/** A device as `npm run hub -- devices` lists it (the same record the pages read). */
export type DeviceInfo = DeviceRecord;

export async function listDevices(db: Queryable, opts: { school?: string; silentHours: number }): Promise<DeviceInfo[]> {
  const school = opts.school ? await findSchool(db, opts.school) : null;
  if (opts.school && !school) throw new Error(`no school "${opts.school}"`);
  const { rows } = await db.query<Record<string, unknown>>(
    `select ${deviceColumns('$2')}
       from devices d join schools s on s.id = d.school_id
      where $1::bigint is null or d.school_id = $1
      order by s.name, d.label nulls last, d.id`,
    [school?.id ?? null, opts.silentHours],
  );
  return rows.map(deviceFromRow);
}

export async function confirmDevice(db: Db, deviceId: string, actor = 'cli'): Promise<DeviceInfo['id']> {
  if (!/^[0-9a-f-]{36}$/i.test(deviceId)) throw new Error(`"${deviceId}" is not a device id (a UUID)`);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ school_id: number; confirmed: boolean }>('select school_id, confirmed from devices where id = $1 for update', [deviceId]);
    const d = rows[0];
    if (!d) throw new Error(`no device ${deviceId}`);
    if (!d.confirmed) await tx.query('update devices set confirmed = true, confirmed_at = now() where id = $1', [deviceId]);
    await audit(tx, {
      kind: 'cli',
      schoolId: d.school_id,
      deviceId,
      reason: d.confirmed ? 'device confirmed again (already confirmed)' : 'device confirmed',
      detail: { actor },
    });
    return deviceId.toLowerCase();
  });
}
