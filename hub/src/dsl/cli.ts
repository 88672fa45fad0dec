/**
 * The accounts part of the hub CLI:
 *   user create <email> --role school-dsl|trust-dsl|it-admin [--school <school>]
 *   user reset <email>
 *   users
 *   verify FILE.json          check a hub JSON export per device
 * The password comes from HUB_USER_PASSWORD, else the first line of standard input when it is not a
 * terminal (a script or a test), else a strong one is made and printed once.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Db } from '../db/types.ts';
import { createAccount, listAccounts, resetPassword } from './accounts.ts';
import { passwordProblem } from './passwords.ts';
import { verifyCommand } from './verify.ts';

type Out = (s: string) => void;

export const DSL_USAGE = `  user create <email> --role <school-dsl|trust-dsl|it-admin> [--school <school>]
                                create a sign-in for the DSL's pages (password: HUB_USER_PASSWORD,
                                standard input, or made and printed once)
  user reset <email>            set a new password (same sources); ends the account's sessions
  users                         list accounts
  verify FILE.json              check a hub JSON export (each device's chain and pinned key)
`;

export const isDslCommand = (cmd: string | undefined) => cmd === 'user' || cmd === 'users' || cmd === 'verify';

async function readStdinLine(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  let data = '';
  for await (const chunk of process.stdin) {
    data += chunk;
    if (data.includes('\n')) break;
  }
  const line = data.split(/\r?\n/)[0] ?? '';
  return line || null;
}

async function password(env: NodeJS.ProcessEnv, out: Out, readLine: () => Promise<string | null>): Promise<string> {
  const given = env.HUB_USER_PASSWORD || (await readLine());
  if (given) {
    const p = passwordProblem(given);
    if (p) throw new Error(p);
    return given;
  }
  const made = randomBytes(15).toString('base64url');
  out(`Password (shown once; give it to the account's owner in person):\n\n  ${made}\n\n`);
  return made;
}

export async function runDslCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  open: () => Promise<Db>,
  out: Out,
  usage: (msg: string) => Error,
  readLine = readStdinLine,
): Promise<number> {
  const [cmd, sub, ...rest] = args;
  if (cmd === 'verify') {
    if (!sub || rest.length) throw usage('verify takes one file');
    return verifyCommand(await readFile(sub, 'utf8'), sub, out);
  }
  if (cmd === 'users') {
    if (sub !== undefined) throw usage('users takes nothing more');
    const list = await listAccounts(await open());
    if (!list.length) out('No accounts.\n');
    for (const a of list) out(`${a.email}  ${a.role}${a.school ? `  ${a.school}` : ''}  created ${a.createdAt.toISOString().slice(0, 10)}\n`);
    return 0;
  }
  if (cmd === 'user' && sub === 'create') {
    const opt = (name: string) => {
      const i = rest.indexOf(name);
      if (i === -1) return undefined;
      const v = rest[i + 1];
      if (v === undefined) throw usage(`${name} needs a value`);
      rest.splice(i, 2);
      return v;
    };
    const role = opt('--role');
    const school = opt('--school');
    if (rest.length !== 1 || !role) throw usage('user create <email> --role <role> [--school <school>]');
    const db = await open();
    const pw = await password(env, out, readLine);
    const a = await createAccount(db, { email: rest[0]!, role, school, password: pw });
    out(`Account ${a.email} created: ${a.role}${a.school ? ` of "${a.school}"` : ''}.\n`);
    return 0;
  }
  if (cmd === 'user' && sub === 'reset') {
    if (rest.length !== 1) throw usage('user reset <email>');
    const db = await open();
    const pw = await password(env, out, readLine);
    await resetPassword(db, rest[0]!, pw);
    out(`Password of ${rest[0]!.toLowerCase()} reset; its sessions have ended.\n`);
    return 0;
  }
  throw usage(`unknown command: ${args.join(' ')}`);
}
