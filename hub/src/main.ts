/** `npm run hub` starts the server; `npm run hub -- <command>` runs the admin CLI (see cli.ts). */
import { runCli } from './cli.ts';
import { startHub } from './server.ts';

const args = process.argv.slice(2);
if (args.length) {
  process.exitCode = await runCli(
    args,
    process.env,
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
} else {
  const hub = await startHub({ logger: true });
  process.stdout.write(
    `Hall Pass hub listening on ${hub.url} (database: ${hub.db.kind === 'pglite' ? `embedded PGlite in ${hub.ctx.config.dataDir}` : 'PostgreSQL'})\n`,
  );
  const stop = async () => {
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
