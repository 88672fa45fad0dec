import { runCli } from '../../src/cli.ts';

/** Runs one hub CLI command in-process against `env`, capturing what it prints. */
export async function runCliCaptured(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    env,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}
