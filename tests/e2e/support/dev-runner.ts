/**
 * Runs `npm start` / `npm run dev:firefox` as a developer would, under a virtual display, and watches
 * the browser it opens. The browser binary is replaced by a small script that records its pid and
 * arguments and then becomes the real browser (CHROMIUM_PATH / FIREFOX_PATH are the README's overrides),
 * so the test can find the browser's debugging endpoint without changing the project's config.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface DevRun {
  /** Everything the command printed so far. */
  output(): string;
  /** The browser's pid and arguments, once web-ext has started it. */
  browser(): Promise<{ pid: number; args: string[] } | null>;
  /** Ctrl+C, as in a terminal: SIGINT to the whole process group; throws if it does not end. */
  stop(): Promise<void>;
  dir: string;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `npm <args>` with the browser behind `envVar` wrapped by a recording script. */
export async function startDev(npmArgs: string[], envVar: 'CHROMIUM_PATH' | 'FIREFOX_PATH', realBinary: string, extraArgs: string[] = []): Promise<DevRun> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-start-'));
  const wrapper = path.join(dir, 'browser.sh');
  const info = path.join(dir, 'browser.txt');
  // One argument a line after the pid; `exec` keeps the pid, so stopping the browser is observable.
  await fs.writeFile(
    wrapper,
    `#!/bin/sh\n{ echo $$; printf '%s\\n' "$@"; } > '${info}'\nexec '${realBinary}' ${extraArgs.map((a) => `'${a}'`).join(' ')} "$@"\n`,
    { mode: 0o755 },
  );
  let out = '';
  const child: ChildProcess = spawn('xvfb-run', ['-a', 'npm', ...npmArgs], {
    env: { ...process.env, [envVar]: wrapper, CI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => (out += d.toString()));
  child.stderr?.on('data', (d) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    dir,
    output: () => out,
    async browser() {
      const text = await fs.readFile(info, 'utf8').catch(() => '');
      const [pid, ...args] = text.split('\n');
      return pid ? { pid: Number(pid), args: args.filter(Boolean) } : null;
    },
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        // already gone
      }
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000));
      const result = await Promise.race([exited, timeout]);
      if (result === 'timeout') {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        throw new Error(`the dev command did not stop within 30 s of Ctrl+C:\n${out}`);
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a process is alive (a zombie waiting for its parent to reap it counts as ended). */
export async function isRunning(pid: number): Promise<boolean> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return false;
  // "pid (comm) S ...": the state follows the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

export interface FirefoxAddon {
  id: string;
  temporarilyInstalled?: boolean;
  backgroundScriptStatus?: string;
}

/**
 * Asks Firefox's remote debugging server (the one web-ext starts with -start-debugger-server) for its
 * add-ons, as about:debugging does. Packets are `<byte length>:<json>`.
 */
export async function firefoxAddons(port: number): Promise<FirefoxAddon[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer from Firefox remote debugging'));
    }, 10_000);
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const colon = buf.indexOf(':');
        if (colon < 0) return;
        const len = Number(buf.subarray(0, colon).toString());
        if (buf.length - colon - 1 < len) return;
        const msg = JSON.parse(buf.subarray(colon + 1, colon + 1 + len).toString('utf8'));
        buf = buf.subarray(colon + 1 + len);
        if (msg.applicationType) {
          const req = JSON.stringify({ to: 'root', type: 'listAddons' });
          socket.write(`${Buffer.byteLength(req)}:${req}`);
        } else if (Array.isArray(msg.addons)) {
          clearTimeout(timer);
          socket.end();
          resolve(msg.addons as FirefoxAddon[]);
        } else if (msg.error) {
          clearTimeout(timer);
          socket.end();
          reject(new Error(`${msg.error}: ${msg.message}`));
        }
      }
    });
  });
}
