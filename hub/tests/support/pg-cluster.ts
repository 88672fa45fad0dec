/**
 * A throwaway PostgreSQL 15 cluster for tests and the benchmark: initdb (trust auth) and pg_ctl in
 * a fresh temporary folder, on a free port, listening on 127.0.0.1 only. As root it runs as the
 * `postgres` user (initdb and the server refuse root); otherwise as the current user.
 * `destroy()` stops it and removes the folder; it is also done at process exit if a test run dies.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** PG_BIN, else PostgreSQL 15 as Debian 12 installs it, else the newest version installed there. */
function findBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(path.join(root, '15/bin/initdb'))) return path.join(root, '15/bin');
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin/initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return path.join(root, versions[0] ?? '15', 'bin');
}
const BIN = findBin();
const USER = 'hub';

export interface PgCluster {
  /** postgres://hub@127.0.0.1:<port>/<db> */
  url: string;
  port: number;
  dir: string;
  /** Makes another empty database in the cluster and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (the folder stays; start() brings it back on the same port). */
  stop(): void;
  start(): void;
  destroy(): void;
}

export interface PgClusterOptions {
  /** fsync=off and synchronous_commit=off: faster, not durable. Default true (tests). */
  fast?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, args: string[]): void {
  const file = path.join(BIN, bin);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: os.tmpdir() });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

const live = new Set<PgCluster>();
let exitHook = false;

export async function startPgCluster(opts: PgClusterOptions = {}): Promise<PgCluster> {
  if (!fs.existsSync(path.join(BIN, 'initdb'))) throw new Error(`PostgreSQL not found in ${BIN} (install the postgresql package, or set PG_BIN)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pg-'));
  if (isRoot()) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const settings: Record<string, string | number> = {
    port,
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    max_connections: 300,
    ...(opts.fast === false ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...opts.settings,
  };
  const serverOpts = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  let stopped = true;
  const cluster: PgCluster = {
    url: `postgres://${USER}@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: cluster.url });
      await c.connect();
      try {
        await c.query(`create database ${name}`);
      } finally {
        await c.end();
      }
      return `postgres://${USER}@127.0.0.1:${port}/${name}`;
    },
    start() {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', serverOpts, 'start']);
      stopped = false;
    },
    stop() {
      if (stopped) return;
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      stopped = true;
    },
    destroy() {
      try {
        if (!stopped) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already gone
      }
      stopped = true;
      fs.rmSync(dir, { recursive: true, force: true });
      live.delete(cluster);
    },
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', USER, '-E', 'UTF8', '--no-locale', '--no-sync']);
    cluster.start();
  } catch (e) {
    cluster.destroy();
    throw e;
  }
  live.add(cluster);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const c of [...live]) c.destroy();
    });
  }
  return cluster;
}
