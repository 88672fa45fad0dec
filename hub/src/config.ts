import { parseRetentionDays, RETENTION_DEFAULT_DAYS } from './retention.ts';

/** The hub's settings, from the environment (documented in README "School hub" and docs/deploy.md). */
export const DEFAULT_CHROME_ID = 'inmnplpadaapkkgaedkmndpllkelbben';

export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: how many requests may come at once. */
  burst: number;
}

export interface HubConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  silentHours: number;
  /** Days a school's log entries are kept unless the school has its own period (HUB_RETENTION_DAYS). */
  retentionDays: number;
  /** Chrome extension ids whose origin may call /v1/logs (any moz-extension:// origin may too). */
  extensionIds: string[];
  tls: { certFile: string; keyFile: string } | null;
  trustProxy: boolean;
  keyLimit: RateLimit;
  deviceLimit: RateLimit;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, not "${raw}"`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const cert = env.HUB_TLS_CERT;
  const key = env.HUB_TLS_KEY;
  if (Boolean(cert) !== Boolean(key)) throw new Error('HUB_TLS_CERT and HUB_TLS_KEY must be given together');
  const ids = (env.HUB_EXTENSION_IDS ?? DEFAULT_CHROME_ID)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) if (!/^[a-p]{32}$/.test(id)) throw new Error(`HUB_EXTENSION_IDS: "${id}" is not a Chrome extension id (32 letters a-p)`);
  return {
    port: num(env, 'HUB_PORT', 8787),
    host: env.HUB_HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.HUB_DATA || './hub-data',
    silentHours: num(env, 'HUB_SILENT_HOURS', 48, 0.001),
    retentionDays: env.HUB_RETENTION_DAYS ? parseRetentionDays(env.HUB_RETENTION_DAYS, 'HUB_RETENTION_DAYS') : RETENTION_DEFAULT_DAYS,
    extensionIds: ids,
    tls: cert && key ? { certFile: cert, keyFile: key } : null,
    trustProxy: env.HUB_TRUST_PROXY === '1' || env.HUB_TRUST_PROXY === 'true',
    keyLimit: { perSecond: num(env, 'HUB_KEY_RATE', 50, 0.001), burst: num(env, 'HUB_KEY_BURST', 500, 1) },
    deviceLimit: { perSecond: num(env, 'HUB_DEVICE_RATE', 1, 0.001), burst: num(env, 'HUB_DEVICE_BURST', 20, 1) },
  };
}
