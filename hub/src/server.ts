/**
 * The hub's HTTP server (Fastify). `startHub` is the programmatic entry: `npm run hub`, the tests
 * and the benchmark all start a hub through it.
 */
import fs from 'node:fs';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { configFromEnv, type HubConfig } from './config.ts';
import { makeContext, type HubContext } from './context.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import type { Db } from './db/types.ts';
import { MAX_BODY_BYTES } from './otlp.ts';
import { registerRoutes } from './routes/index.ts';
import { startRetentionPurge } from './retention.ts';
import { startSilenceSweep } from './silence.ts';

export interface StartHubOptions extends Partial<Omit<HubConfig, 'databaseUrl' | 'dataDir'>> {
  /** PostgreSQL URL; omitted: embedded PGlite in dataDir. */
  databaseUrl?: string;
  dataDir?: string;
  /** Fastify's logger: off unless given (npm run hub turns it on). */
  logger?: boolean;
  /** Read unset settings from these variables (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** How often devices are checked for silence (default: every 10 minutes, or a quarter of HUB_SILENT_HOURS if shorter). */
  silenceSweepMs?: number;
  /** How often the retention purge runs (default: at start, then every 6 hours). */
  purgeEveryMs?: number;
}

export interface Hub {
  /** http(s)://host:port, the address devices use. */
  url: string;
  port: number;
  app: FastifyInstance;
  db: Db;
  ctx: HubContext;
  close(): Promise<void>;
}

export async function buildApp(ctx: HubContext, logger = false): Promise<FastifyInstance> {
  const { config } = ctx;
  const https = config.tls ? { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) } : null;
  // Not every request is logged (thousands of devices); refusals and failures are, and all of them are in audit.
  const app = Fastify({
    logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: config.trustProxy,
    ...(https ? { https } : {}),
  }) as unknown as FastifyInstance;
  await registerRoutes(app, ctx);
  return app;
}

export async function startHub(opts: StartHubOptions = {}): Promise<Hub> {
  const fromEnv = configFromEnv(opts.env ?? process.env);
  const { logger, env: _env, silenceSweepMs, purgeEveryMs, ...overrides } = opts;
  const config: HubConfig = { ...fromEnv, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) } as HubConfig;
  if (opts.databaseUrl === undefined && opts.dataDir !== undefined) config.databaseUrl = undefined;
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  const ctx = makeContext(db, config);
  const app = await buildApp(ctx, logger ?? false);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await db.close();
    throw e;
  }
  const sweepMs = silenceSweepMs ?? Math.max(1000, Math.min(10 * 60_000, (config.silentHours * 3_600_000) / 4));
  const stopSweep = startSilenceSweep(db, config.silentHours, sweepMs, (e) => app.log.warn({ err: e }, 'silence sweep failed'));
  const stopPurge = startRetentionPurge(db, config.retentionDays, purgeEveryMs ?? 6 * 3_600_000, (e) => app.log.warn({ err: e }, 'retention purge failed'));
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return {
    url: `${config.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    app,
    db,
    ctx,
    async close() {
      stopSweep();
      await stopPurge();
      await app.close();
      await db.close();
    },
  };
}
