/** Settings of the DSL's pages, from the environment (documented in README "School hub"). */
export interface DslConfig {
  /** A session ends after this many minutes without a request (HUB_SESSION_IDLE_MINUTES, default 15). */
  idleMinutes: number;
  /** Attempts in one day above which a user or device is listed (HUB_FLAG_THRESHOLD, default 5 as on the device). */
  flagThreshold: number;
  /** Cookies without Secure (HUB_INSECURE_COOKIES=1): only for a browser that will not send Secure cookies over plain http. */
  insecureCookies: boolean;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, not "${raw}"`);
  return n;
}

export function dslConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DslConfig {
  return {
    idleMinutes: num(env, 'HUB_SESSION_IDLE_MINUTES', 15, 0.05),
    flagThreshold: Math.floor(num(env, 'HUB_FLAG_THRESHOLD', 5, 1)),
    insecureCookies: env.HUB_INSECURE_COOKIES === '1' || env.HUB_INSECURE_COOKIES === 'true',
  };
}
