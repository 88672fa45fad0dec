/**
 * Accounts, sign-in with a doubling wait after each wrong password (per account and per address),
 * and sessions. Runs as the hub's own database user: these tables are not the pages'.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterFailure, secondsLeft } from '../../../utils/core/log/lockout.ts';
import { findSchool } from '../admin.ts';
import { audit } from '../audit.ts';
import type { Db, Queryable } from '../db/types.ts';
import { checkPassword, hashPassword } from './passwords.ts';

export const ROLES = ['school-dsl', 'trust-dsl', 'it-admin'] as const;
export type AccountRole = (typeof ROLES)[number];

export interface Viewer {
  accountId: number;
  email: string;
  role: AccountRole;
  schoolId: number | null;
  schoolName: string | null;
  csrf: string;
}

export const normaliseEmail = (s: string): string => s.trim().toLowerCase();
const EMAIL = /^[^@\s]+@[^@\s]+$/;

export async function createAccount(
  db: Db,
  opts: { email: string; role: string; school?: string; password: string },
): Promise<{ id: number; email: string; role: AccountRole; school: string | null }> {
  const email = normaliseEmail(opts.email);
  if (!EMAIL.test(email) || email.length > 254) throw new Error(`"${opts.email}" is not an email address`);
  if (!(ROLES as readonly string[]).includes(opts.role)) throw new Error(`role must be one of ${ROLES.join(', ')}, not "${opts.role}"`);
  const role = opts.role as AccountRole;
  if (role === 'school-dsl' && !opts.school) throw new Error('a school-dsl account needs --school <name>');
  if (role !== 'school-dsl' && opts.school) throw new Error(`a ${role} account is not tied to one school: leave out --school`);
  const hash = await hashPassword(opts.password);
  return db.transaction(async (tx) => {
    const school = opts.school ? await findSchool(tx, opts.school) : null;
    if (opts.school && !school) throw new Error(`no school "${opts.school}"`);
    const exists = await tx.query('select 1 from accounts where email = $1', [email]);
    if (exists.rows.length) throw new Error(`an account for ${email} already exists (reset its password with: user reset ${email})`);
    const { rows } = await tx.query<{ id: number }>('insert into accounts (email, role, school_id, password_hash) values ($1, $2, $3, $4) returning id', [
      email,
      role,
      school?.id ?? null,
      hash,
    ]);
    await audit(tx, { kind: 'cli', schoolId: school?.id ?? null, reason: `account ${email} created (${role})`, detail: { actor: 'cli' } });
    return { id: rows[0]!.id, email, role, school: school?.name ?? null };
  });
}

/** New password; every session of the account ends and its wait is cleared. */
export async function resetPassword(db: Db, emailIn: string, password: string): Promise<void> {
  const email = normaliseEmail(emailIn);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number; school_id: number | null }>(
      'update accounts set password_hash = $2, password_set_at = now() where email = $1 returning id, school_id',
      [email, hash],
    );
    const a = rows[0];
    if (!a) throw new Error(`no account ${email}`);
    await tx.query('update sessions set ended_at = now() where account_id = $1 and ended_at is null', [a.id]);
    await tx.query('delete from login_throttle where key = $1', [`account:${email}`]);
    await audit(tx, { kind: 'cli', schoolId: a.school_id, reason: `password of ${email} reset; its sessions ended`, detail: { actor: 'cli' } });
  });
}

export async function listAccounts(db: Queryable): Promise<{ email: string; role: string; school: string | null; createdAt: Date }[]> {
  const { rows } = await db.query<{ email: string; role: string; name: string | null; created_at: Date }>(
    'select a.email, a.role, s.name, a.created_at from accounts a left join schools s on s.id = a.school_id order by a.email',
  );
  return rows.map((r) => ({ email: r.email, role: r.role, school: r.name, createdAt: r.created_at }));
}

// ---------------------------------------------------------------------------
// Sign-in
// ---------------------------------------------------------------------------

/** `reason` lets a page word the refusal in its own language; `message` is the English. */
export type SignIn = { ok: true; token: string } | { ok: false; reason: 'waiting' | 'wrong'; message: string; waitSeconds: number };

/** After an hour with no wrong password, a key's count starts again. */
const FORGET_AFTER_MS = 3_600_000;

interface Throttle {
  key: string;
  failures: number;
  locked_until: Date;
  last_failure: Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function signIn(db: Db, emailIn: string, password: string, remoteAddr: string): Promise<SignIn> {
  const email = normaliseEmail(emailIn).slice(0, 254);
  const keys = [`account:${email}`, `addr:${remoteAddr}`];
  const now = Date.now();
  const { rows: throttles } = await db.query<Throttle>('select key, failures, locked_until, last_failure from login_throttle where key = any($1::text[])', [
    keys,
  ]);
  const account = (await db.query<{ id: number; password_hash: string }>('select id, password_hash from accounts where email = $1', [email])).rows[0] ?? null;
  const wait = Math.max(0, ...throttles.map((t) => secondsLeft({ failures: t.failures, lockedUntil: t.locked_until.getTime() }, now)));
  if (wait > 0) {
    await recordAttempt(db, email, account?.id ?? null, remoteAddr, false, 'refused: waiting after wrong passwords');
    return { ok: false, reason: 'waiting', message: `Too many wrong passwords. Wait ${wait} seconds, then try again.`, waitSeconds: wait };
  }
  const ok = await checkPassword(account?.password_hash ?? null, password);
  if (!ok || !account) {
    let longest = 0;
    await db.transaction(async (tx) => {
      for (const key of keys) {
        const t = (await tx.query<Throttle>('select key, failures, locked_until, last_failure from login_throttle where key = $1 for update', [key])).rows[0];
        const failures = t && now - t.last_failure.getTime() < FORGET_AFTER_MS ? t.failures : 0;
        const next = afterFailure({ failures, lockedUntil: 0 }, now);
        longest = Math.max(longest, secondsLeft(next, now));
        await tx.query(
          `insert into login_throttle (key, failures, locked_until, last_failure) values ($1, $2, $3, now())
           on conflict (key) do update set failures = excluded.failures, locked_until = excluded.locked_until, last_failure = now()`,
          [key, next.failures, new Date(next.lockedUntil)],
        );
      }
      await recordAttempt(tx, email, account?.id ?? null, remoteAddr, false, account ? 'wrong password' : 'no such account');
    });
    return { ok: false, reason: 'wrong', message: `Wrong email or password. Wait ${longest} seconds before the next try.`, waitSeconds: longest };
  }
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.query('delete from login_throttle where key = $1', [keys[0]]);
    await tx.query('insert into sessions (id_hash, account_id, csrf, remote_addr) values ($1, $2, $3, $4)', [sha256(token), account.id, csrf, remoteAddr]);
    await recordAttempt(tx, email, account.id, remoteAddr, true, 'signed in');
  });
  return { ok: true, token };
}

async function recordAttempt(db: Queryable, email: string, accountId: number | null, addr: string, ok: boolean, reason: string): Promise<void> {
  await db.query('insert into login_attempts (email, account_id, remote_addr, ok, reason) values ($1, $2, $3, $4, $5)', [email, accountId, addr, ok, reason]);
}

/** The signed-in viewer for a cookie value, or null (unknown, ended, or idle too long). Touches last_seen. */
export async function sessionViewer(db: Queryable, token: string, idleMinutes: number): Promise<Viewer | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const { rows } = await db.query<{ id: number; email: string; role: AccountRole; school_id: number | null; name: string | null; csrf: string }>(
    `update sessions s set last_seen = now()
       from accounts a left join schools sc on sc.id = a.school_id
      where s.id_hash = $1 and s.account_id = a.id and s.ended_at is null
        and s.last_seen > now() - make_interval(secs => $2::float8 * 60)
        and s.created_at > now() - interval '12 hours'
      returning a.id, a.email, a.role, a.school_id, sc.name, s.csrf`,
    [sha256(token), idleMinutes],
  );
  const r = rows[0];
  return r ? { accountId: r.id, email: r.email, role: r.role, schoolId: r.school_id, schoolName: r.name, csrf: r.csrf } : null;
}

export async function endSession(db: Queryable, token: string): Promise<void> {
  await db.query('update sessions set ended_at = now() where id_hash = $1 and ended_at is null', [sha256(token)]);
}
